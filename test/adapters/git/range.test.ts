import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitRangeOptions, gitRangeFragments, resolveGitRange } from "../../../src/adapters/git/range.js";
import { listRefs } from "../../../src/adapters/git/revisions.js";
import type { Fragment } from "../../../src/core/types.js";
import { addedRuns } from "../../helpers/fragments.js";
import { GitRepo, TEST_AUTHOR } from "../../helpers/gitrepo.js";

let repo: GitRepo;
beforeEach(async () => {
  repo = await GitRepo.create();
});
afterEach(async () => {
  await repo.dispose();
});

async function collect(options: Partial<GitRangeOptions> = {}): Promise<Fragment[]> {
  const out: Fragment[] = [];
  for await (const f of gitRangeFragments({ cwd: repo.dir, ...options })) out.push(f);
  return out;
}

/** Fragments as `path:line@sha7 text` for compact assertions. */
async function scan(options: Partial<GitRangeOptions> = {}): Promise<string[]> {
  return (await collect(options)).flatMap((f) =>
    addedRuns(f).map((r) => `${f.path}:${r.startLine}@${f.commit?.sha.slice(0, 7)} ${r.text}`),
  );
}

const at = (sha: string) => sha.slice(0, 7);
const lines = (...values: string[]) => `${values.join("\n")}\n`;

describe("gitRangeFragments", () => {
  it("yields the added lines of every commit with new-file line numbers and commit info", async () => {
    const c1 = await repo.commit("one", { "a.txt": lines("value-1", "value-2", "value-3", "value-4") });
    const c2 = await repo.commit("two", {
      "a.txt": lines("value-1", "value-2b", "value-2c", "value-3", "value-4", "value-5"),
    });
    expect(await scan()).toEqual([
      `a.txt:1@${at(c1)} value-1\nvalue-2\nvalue-3\nvalue-4`,
      `a.txt:2@${at(c2)} value-2b\nvalue-2c`,
      `a.txt:6@${at(c2)} value-5`,
    ]);
    const [first] = await collect();
    expect(first?.commit).toEqual({
      sha: c1,
      authorName: TEST_AUTHOR.name,
      authorEmail: TEST_AUTHOR.email,
      date: "2024-01-01T00:01:00+00:00",
    });
  });

  it("finds a line added then removed inside the range, and never a removed line", async () => {
    await repo.commit("base", { "a.txt": lines("value-old") });
    const add = await repo.commit("add", { "a.txt": lines("value-old", "value-added") });
    await repo.commit("remove", { "a.txt": lines("value-other"), "gone.txt": null });
    const base = await repo.git("rev-parse", "HEAD~2");
    const found = await scan({ range: `${base}..HEAD` });
    expect(found).toContain(`a.txt:2@${at(add)} value-added`);
    expect(found.join("\n")).not.toContain("value-old");
    expect(found).toHaveLength(2);
  });

  it("reports nothing for a deleted file", async () => {
    await repo.commit("add", { "gone.txt": lines("value-1") });
    await repo.commit("delete", { "gone.txt": null });
    expect(await scan({ range: "HEAD~1..HEAD" })).toEqual([]);
  });

  it("reports nothing for a pure rename and only the edits of a rename with edits", async () => {
    const body = Array.from({ length: 20 }, (_, i) => `value-${i + 1}`);
    await repo.commit("add", { "old.txt": lines(...body), "keep.txt": lines(...body) });
    await repo.move("old.txt", "dir/new.txt");
    await repo.commit("pure rename");
    expect(await scan({ range: "HEAD~1..HEAD" })).toEqual([]);
    await repo.move("keep.txt", "kept.txt");
    const edit = await repo.commit("rename with edit", {
      "kept.txt": lines(...body.slice(0, 10), "value-edit", ...body.slice(10)),
    });
    expect(await scan({ range: "HEAD~1..HEAD" })).toEqual([`kept.txt:11@${at(edit)} value-edit`]);
  });

  it("skips binary files", async () => {
    const bytes = Uint8Array.from([0x76, 0x61, 0x6c, 0, 1, 2, 0x0a, 0x76, 0x0a]);
    const c = await repo.commit("binary", { "blob.bin": bytes, "text.txt": lines("value-1") });
    expect(await scan()).toEqual([`text.txt:1@${at(c)} value-1`]);
  });

  it("scans a merged branch's commits once, and the merge's own conflict resolution", async () => {
    const base = await repo.commit("base", { "conf.txt": lines("value-a", "value-base", "value-z") });
    await repo.branch("topic");
    const t1 = await repo.commit("topic 1", { "conf.txt": lines("value-a", "value-topic", "value-z") });
    const t2 = await repo.commit("topic 2", { "topic.txt": lines("value-t") });
    await repo.checkout("main");
    const m1 = await repo.commit("main 1", { "conf.txt": lines("value-a", "value-main", "value-z") });
    const merge = await repo.merge("topic", { files: { "conf.txt": lines("value-a", "value-resolved", "value-z") } });
    const found = await scan({ range: `${base}..HEAD` });
    expect(found.sort()).toEqual(
      [
        `conf.txt:2@${at(t1)} value-topic`,
        `topic.txt:1@${at(t2)} value-t`,
        `conf.txt:2@${at(m1)} value-main`,
        `conf.txt:2@${at(merge)} value-resolved`,
      ].sort(),
    );
  });

  it("finds an 'evil merge' line in a file neither side changed, and in an octopus merge", async () => {
    await repo.commit("base", { "a.txt": lines("value-1"), "b.txt": lines("value-2") });
    await repo.branch("one");
    await repo.commit("one", { "one.txt": lines("value-one") });
    await repo.checkout("main");
    await repo.branch("two");
    await repo.commit("two", { "two.txt": lines("value-two") });
    await repo.checkout("main");
    await repo.commit("main", { "main.txt": lines("value-main") });
    await repo.branch("three");
    await repo.commit("three", { "three.txt": lines("value-three") });
    await repo.checkout("main");
    const evil = await repo.merge("three", { files: { "a.txt": lines("value-1", "value-evil") } });
    const octopus = await repo.merge(["one", "two"], { files: { "b.txt": lines("value-2", "value-octo") } });
    expect((await repo.git("log", "-1", "--format=%P")).split(" ")).toHaveLength(3);
    const found = await scan({ range: "HEAD~2..HEAD" });
    expect(found).toContain(`a.txt:2@${at(evil)} value-evil`);
    expect(found).toContain(`b.txt:2@${at(octopus)} value-octo`);
    // The octopus's branches' own lines come from their commits, once each.
    expect(found.filter((f) => f.endsWith("value-one"))).toHaveLength(1);
    expect(found.filter((f) => f.endsWith("value-two"))).toHaveLength(1);
    expect(found.filter((f) => f.includes(at(octopus)))).toHaveLength(1);
  });

  it("strips CR from CRLF lines", async () => {
    const c = await repo.commit("crlf", { "win.txt": "value-1\r\nvalue-2\r\n" });
    expect(await scan()).toEqual([`win.txt:1@${at(c)} value-1\nvalue-2`]);
  });

  it("streams a 200 KB single-line minified file whole", async () => {
    const line = `var a="${"value-1,".repeat(25_600)}";`;
    await repo.commit("min", { "app.min.js": `${line}\n` });
    const [fragment, ...rest] = await collect();
    expect(rest).toEqual([]);
    expect(fragment?.path).toBe("app.min.js");
    expect(fragment?.startLine).toBe(1);
    expect(fragment?.text).toBe(line);
  });

  it("handles paths with spaces, unicode, tabs and quotes", async () => {
    const names = ["dir with space/ünïcødé file.txt", 'tab\there "quoted".txt', "back\\slash.txt"];
    await repo.commit("names", Object.fromEntries(names.map((n) => [n, lines("value-1")])));
    expect((await collect()).map((f) => f.path).sort()).toEqual([...names].sort());
  });

  it("keeps a multi-line block added as consecutive lines in one fragment", async () => {
    const block = ["-----BEGIN TEST BLOCK-----", "value-1", "value-2", "value-3", "-----END TEST BLOCK-----"];
    await repo.commit("base", { "k.txt": lines("value-a", "value-b") });
    const c = await repo.commit("block", { "k.txt": lines("value-a", ...block, "value-b") });
    expect(await scan({ range: "HEAD~1..HEAD" })).toEqual([`k.txt:2@${at(c)} ${block.join("\n")}`]);
  });

  it("leaves out BASE's history in BASE..HEAD and honours exclude", async () => {
    await repo.commit("one", { "a.txt": lines("value-1") });
    const base = await repo.commit("two", { "a.txt": lines("value-1", "value-2") });
    const c3 = await repo.commit("three", { "a.txt": lines("value-1", "value-2", "value-3") });
    await repo.branch("other");
    const c4 = await repo.commit("four", { "b.txt": lines("value-4") });
    expect(await scan({ range: `${base}..main` })).toEqual([`a.txt:3@${at(c3)} value-3`]);
    expect(await scan({ range: `${base}..` })).toEqual([`a.txt:3@${at(c3)} value-3`, `b.txt:1@${at(c4)} value-4`]);
    // "commits not reachable from other branches": everything but the branch being pushed.
    const others = (await listRefs(["refs/heads/"], { cwd: repo.dir })).filter((r) => r.name !== "refs/heads/other");
    expect(others.map((r) => r.name)).toEqual(["refs/heads/main"]);
    expect(await scan({ include: ["other"], exclude: others.map((r) => r.sha) })).toEqual([
      `b.txt:1@${at(c4)} value-4`,
    ]);
    expect(await scan({ range: "main..main" })).toEqual([]);
  });

  it("ignores repository configuration that would change git's output", async () => {
    const settings: Record<string, string> = {
      "diff.noprefix": "true",
      "diff.mnemonicPrefix": "true",
      "diff.relative": "true",
      "diff.renames": "false",
      "diff.context": "5",
      "diff.interHunkContext": "10",
      "diff.external": "false",
      "diff.upper.textconv": "tr a-z A-Z",
      "color.ui": "always",
      "core.quotePath": "true",
      "log.showRoot": "false",
      "log.showSignature": "true",
      "log.diffMerges": "first-parent",
      "format.pretty": "fuller",
      "i18n.logOutputEncoding": "ISO-8859-1",
    };
    for (const [key, value] of Object.entries(settings)) await repo.git("config", key, value);
    const c1 = await repo.commit("one", {
      ".gitattributes": "*.txt diff=upper\n",
      "sub/é.txt": lines("value-1", "value-2", "value-3"),
    });
    const c2 = await repo.commit("two", { "sub/é.txt": lines("value-1", "value-x", "value-3") });
    expect(await scan({ cwd: join(repo.dir, "sub") })).toEqual([
      `.gitattributes:1@${at(c1)} *.txt diff=upper`,
      `sub/é.txt:1@${at(c1)} value-1\nvalue-2\nvalue-3`,
      `sub/é.txt:2@${at(c2)} value-x`,
    ]);
  });

  /** A history with a conflicted merge and attributes that select every driver, then `hostile` configured. */
  async function hostileRepo(hostile: (tool: (what: string) => string, marks: string) => Record<string, string>) {
    await repo.commit("base", { "conflict.txt": lines("base") });
    await repo.branch("side");
    await repo.commit("side", { "conflict.txt": lines("side") });
    await repo.checkout("main");
    await repo.commit("main", { "conflict.txt": lines("main") });
    const merge = await repo.merge("side", { files: { "conflict.txt": lines("resolved-value") } });
    const hidden = await repo.commit("hidden", {
      ".gitattributes": "* merge=evil filter=evil diff=evil\n*.env -diff\n",
      "app.env": lines("value-hidden-by-attributes"),
    });
    const marks = await mkdtemp(join(tmpdir(), "leakstop-marks-"));
    // Each configured command leaves a mark named after itself, then behaves (cat) so git goes on.
    const script = join(marks, "tool.sh");
    await writeFile(script, '#!/bin/sh\ntouch "$(dirname "$0")/ran-$1"\ncat\n');
    await chmod(script, 0o755);
    for (const [key, value] of Object.entries(hostile((what) => `${script} ${what}`, marks))) {
      await repo.git("config", key, value);
    }
    await writeFile(join(repo.dir, ".git", "info", "attributes"), "* merge=evil filter=evil diff=evil -diff\n");
    const ran = async () => (await readdir(marks)).filter((m) => m.startsWith("ran-"));
    return { merge, hidden, marks, ran };
  }

  const HOSTILE: ReadonlyArray<[string, (tool: (what: string) => string, marks: string) => Record<string, string>]> = [
    ["a merge driver", (t) => ({ "merge.evil.driver": `${t("merge-driver")} %O %A %B` })],
    ["clean/smudge filters", (t) => ({ "filter.evil.clean": t("clean"), "filter.evil.smudge": t("smudge") })],
    ["a process filter", (t) => ({ "filter.evil.process": t("process"), "filter.evil.required": "true" })],
    ["textconv", (t) => ({ "diff.evil.textconv": t("textconv") })],
    ["a diff driver command", (t) => ({ "diff.evil.command": t("diff-command") })],
    ["an external diff", (t) => ({ "diff.external": t("external-diff") })],
    ["a pager", (t) => ({ "core.pager": t("pager"), "pager.log": t("pager-log") })],
    ["fsmonitor", (t) => ({ "core.fsmonitor": t("fsmonitor") })],
    ["hooks", (_t, marks) => ({ "core.hooksPath": marks })],
  ];

  it.each(HOSTILE)("runs nothing the scanned repository configures: %s", async (_name, hostile) => {
    const { merge, hidden, marks, ran } = await hostileRepo(hostile);
    try {
      for (const hook of ["post-checkout", "post-merge", "reference-transaction", "post-index-change"]) {
        await writeFile(join(marks, hook), `#!/bin/sh\ntouch "$(dirname "$0")/ran-hook-${hook}"\n`, { mode: 0o755 });
      }
      const found = await scan().catch((e: unknown) => [String(e)]);
      expect(await ran()).toEqual([]);
      expect(found).toContain(`conflict.txt:1@${at(merge)} resolved-value`);
      // Neither the committed .gitattributes nor .git/info/attributes hides a file.
      expect(found).toContain(`app.env:1@${at(hidden)} value-hidden-by-attributes`);
    } finally {
      await rm(marks, { recursive: true, force: true });
    }
  });

  it("reads UTF-16 files git calls binary, and names binary files and submodules as not scanned", async () => {
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    await repo.commit("one", { "win.ps1": utf16("$a = 1\r\n") });
    const c2 = await repo.commit("two", { "win.ps1": utf16("$a = 1\r\n$token = 'value-utf16'\r\n") });
    await writeFile(join(repo.dir, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    const sub = await repo.git("rev-parse", "HEAD");
    await repo.git("add", "logo.png");
    await repo.git("update-index", "--add", "--cacheinfo", `160000,${sub},vendor/lib`);
    await repo.git("commit", "--quiet", "--no-verify", "-m", "binary and submodule"); // not `add --all`: no work tree for the submodule
    const notices: string[] = [];
    expect(await scan({ onNotice: (n) => notices.push(n) })).toEqual([
      `win.ps1:1@${at(await repo.git("rev-parse", "HEAD~2"))} $a = 1`,
      `win.ps1:2@${at(c2)} $token = 'value-utf16'`,
    ]);
    expect(notices).toEqual([
      expect.stringMatching(/^'logo\.png' \(commit [0-9a-f]{7}\) is not scanned: a binary file$/),
      expect.stringMatching(/^submodule 'vendor\/lib' \(commit [0-9a-f]{7}\) is not scanned: scan its repository$/),
    ]);
  });

  it("reports what it could when an object is missing, and names the commit it could not read whole", async () => {
    await repo.commit("one", { "a.txt": lines("value-1") });
    const broken = await repo.commit("two", { "b.txt": lines("value-2") });
    const c3 = await repo.commit("three", { "c.txt": lines("value-3") });
    const blob = await repo.git("rev-parse", `${broken}:b.txt`);
    await rm(join(repo.dir, ".git", "objects", blob.slice(0, 2), blob.slice(2)));
    const notices: string[] = [];
    const found = await scan({ onNotice: (n) => notices.push(n) });
    expect(found).toContain(`c.txt:1@${at(c3)} value-3`);
    expect(found.some((f) => f.startsWith("a.txt:1@"))).toBe(true);
    expect(notices).toEqual([
      `commit ${at(broken)} is only partly scanned: object ${blob.slice(0, 12)} is missing (a partial clone or a pruned object); fetch it to scan the rest`,
    ]);
  });

  it("scans a Git LFS object the clone has in place of its pointer, and names one it lacks", async () => {
    const { createHash } = await import("node:crypto");
    const content = "DB_PASSWORD=value-in-lfs\n";
    const oid = createHash("sha256").update(content).digest("hex");
    const pointer = (id: string, size: number) =>
      `version https://git-lfs.github.com/spec/v1\noid sha256:${id}\nsize ${size}\n`;
    const store = join(repo.dir, ".git", "lfs", "objects", oid.slice(0, 2), oid.slice(2, 4));
    await mkdir(store, { recursive: true });
    await writeFile(join(store, oid), content);
    const c1 = await repo.commit("lfs", {
      "data/present.env": pointer(oid, content.length),
      "data/absent.bin": pointer("a".repeat(64), 10),
    });
    const notices: string[] = [];
    expect(await scan({ onNotice: (n) => notices.push(n) })).toEqual([
      `data/present.env:1@${at(c1)} DB_PASSWORD=value-in-lfs`,
    ]);
    expect(notices).toEqual([
      `'data/absent.bin' (commit ${at(c1)}) is a Git LFS object that is not in the clone: not scanned (fetch it with 'git lfs pull')`,
    ]);
  });

  it("stops git when the consumer stops early", async () => {
    for (let i = 0; i < 5; i++) await repo.commit(`c${i}`, { [`f${i}.txt`]: lines(`value-${i}`) });
    for await (const f of gitRangeFragments({ cwd: repo.dir })) {
      expect(f.text).toBe("value-0");
      break;
    }
  });

  it("throws an AbortError when aborted, before or while streaming", async () => {
    for (let i = 0; i < 3; i++) await repo.commit(`c${i}`, { [`f${i}.txt`]: lines(`value-${i}`) });
    await expect(collect({ abortSignal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = async () => {
      for await (const f of gitRangeFragments({ cwd: repo.dir, abortSignal: controller.signal })) {
        seen.push(f.text);
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: "AbortError" });
    expect(seen.length).toBeLessThan(3);
  });
});

describe("errors", () => {
  it("names an unknown revision, its range and the fix", async () => {
    await repo.commit("one", { "a.txt": lines("value-1") });
    await expect(scan({ range: "foo..HEAD" })).rejects.toThrow(
      new RangeError("Unknown revision 'foo' in range 'foo..HEAD'; fetch it or check the name."),
    );
    await expect(scan({ exclude: ["--all"] })).rejects.toThrow("Unknown revision '--all' in exclude");
    await expect(scan({ range: "a...b" })).rejects.toThrow(RangeError);
    await expect(scan({ range: `${"0".repeat(40)}..HEAD` })).rejects.toThrow("all-zero sha");
  });

  it("says a path is not a git repository, or does not exist", async () => {
    const missing = join(tmpdir(), `leakstop-missing-${process.pid}-${Date.now()}`);
    await expect(scan({ cwd: missing })).rejects.toThrow(`Path '${missing}' does not exist`);
    const dir = await mkdtemp(join(tmpdir(), "leakstop-nogit-"));
    try {
      await expect(scan({ cwd: dir })).rejects.toThrow(
        new TypeError(`'${dir}' is not a git repository; run 'git init' or pass a repository path.`),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("says when the repository has no commits or git is missing", async () => {
    await expect(scan()).rejects.toThrow("has no commits yet");
    await expect(resolveGitRange({ cwd: repo.dir, gitPath: "/nonexistent/git" })).rejects.toThrow(
      "git was not found ('/nonexistent/git')",
    );
  });

  it("says when git is too old for remerge diffs", async () => {
    await repo.commit("one", { "a.txt": lines("value-1") });
    const fake = join(repo.dir, ".git", "old-git");
    await writeFile(fake, '#!/bin/sh\nif [ "$1" = version ]; then echo "git version 2.30.1"; else exec git "$@"; fi\n');
    await chmod(fake, 0o755);
    await expect(scan({ gitPath: fake })).rejects.toThrow(
      "git 2.30 is too old; leakstop needs git 2.36 or later: upgrade git.",
    );
  });

  it("says a shallow clone's history is missing, and which unknown revision needs a deeper fetch", async () => {
    await repo.commit("old", { "old.txt": lines("value-old") });
    await repo.commit("middle", { "m.txt": lines("value-middle") });
    const head = await repo.commit("new", { "n.txt": lines("value-new") });
    const clone = await GitRepo.create();
    try {
      await clone.git("fetch", "--quiet", "--depth=1", `file://${repo.dir}`, "main");
      await clone.git("checkout", "--quiet", "FETCH_HEAD");
      const notices: string[] = [];
      const found: string[] = [];
      for await (const f of gitRangeFragments({ cwd: clone.dir, onNotice: (n) => notices.push(n) })) {
        found.push(...addedRuns(f).map((r) => `${f.path}@${f.commit?.sha.slice(0, 7)} ${r.text}`));
      }
      // The boundary commit's whole tree counts as added, and the notice says why.
      expect(found.sort()).toEqual([
        `m.txt@${at(head)} value-middle`,
        `n.txt@${at(head)} value-new`,
        `old.txt@${at(head)} value-old`,
      ]);
      expect(notices).toEqual([
        `history before commit ${at(head)} is missing (shallow clone): it is not scanned, and that commit's whole tree was scanned as added; fetch the full history (git fetch --unshallow) to scan it`,
      ]);
      await expect(resolveGitRange({ cwd: clone.dir, range: "HEAD~2..HEAD" })).rejects.toThrow(
        /this clone is shallow: fetch more history/,
      );
    } finally {
      await clone.dispose();
    }
  });
});
