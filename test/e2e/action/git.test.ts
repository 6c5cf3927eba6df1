/**
 * The bundled action on real git repositories: a developer repository, a bare "remote", and the
 * one-commit clone actions/checkout makes (`fetch-depth: 1`). Each case pushes like a developer,
 * builds the event payload GitHub would send (from a real example payload), and runs
 * `node dist/index.js` as the runner does.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Faker } from "../../../src/core/rules/fake.js";
import { fakePem } from "../../../src/core/rules/privatekey.js";
import { GitHubDouble } from "../../helpers/github-double.js";
import { GitRepo } from "../../helpers/gitrepo.js";
import {
  type ActionRun,
  buildAction,
  disposeBuild,
  expectNoInjectedCommands,
  expectNothingLeaked,
  hostile,
  hostileYaml,
  maskedValues,
  pullPayload,
  pushPayload,
  runAction,
  ZERO,
} from "./harness.js";

const f = new Faker(31337);
/** Already on main before the pushes under test: must not be reported again. */
const OLD_TOKEN = f.githubToken("ghp_");
const TOKEN = f.githubToken("ghp_");
const PASSWORD = f.password(18);
const SECRETS = [OLD_TOKEN, TOKEN, PASSWORD];

const tokenLine = (token: string) => `const octo = new Octokit({ auth: "${token}" });\n`;

/** A developer repository, its remote, and the checkouts made from it. */
class World {
  readonly clones: GitRepo[] = [];
  private constructor(
    readonly dev: GitRepo,
    readonly remote: GitRepo,
  ) {}

  static async create(): Promise<World> {
    return new World(await GitRepo.create(), await GitRepo.createBare());
  }

  /** main with some history, an old secret included, pushed. Resolves with main's head. */
  async seed(): Promise<string> {
    await this.dev.commit("init", { "README.md": "# demo\n" });
    await this.dev.commit("old leak", { "old.js": tokenLine(OLD_TOKEN) });
    const head = await this.dev.commit("more", { "src/a.txt": "a\n" });
    await this.push(["main"]);
    return head;
  }

  async push(refspecs: string[], force = false): Promise<void> {
    await this.dev.push(this.remote.url, refspecs, { force });
  }

  /** The workspace actions/checkout would leave for `sha` of `ref`. */
  async checkout(sha: string, ref: string): Promise<GitRepo> {
    const clone = await GitRepo.checkoutLike(this.remote.url, sha, ref);
    this.clones.push(clone);
    return clone;
  }

  async dispose(): Promise<void> {
    for (const r of [this.dev, this.remote, ...this.clones]) await r.dispose();
  }
}

let world: World;
beforeAll(async () => {
  await buildAction();
}, 120_000);
afterEach(async () => {
  await world?.dispose();
});
afterAll(disposeBuild);

async function runPush(
  ref: string,
  before: string,
  after: string,
  extra: { forced?: boolean; inputs?: Record<string, string>; apiUrl?: string } = {},
) {
  // A deleted branch's job checks out the default branch.
  const workspace =
    after === ZERO
      ? await world.checkout(await world.dev.git("rev-parse", "main"), "refs/heads/main")
      : await world.checkout(after, ref);
  return runAction({
    eventName: "push",
    payload: pushPayload(ref, before, after, { forced: extra.forced ?? false }),
    workspace: workspace.dir,
    sha: after,
    ...(extra.apiUrl ? { apiUrl: extra.apiUrl } : {}),
    // Scanning is what these tests are about: no issues (the responder's own tests open them).
    inputs: { "github-token": "test-token", "open-issue": "false", ...extra.inputs },
  });
}

/**
 * The job's findings (the scanned commits) as `path:line@sha7 rule`, from its annotations. The
 * SARIF file holds the tree of the checked-out commit instead (see code-scanning.ts).
 */
function found(run: ActionRun): string[] {
  return run.annotations.map((a) => {
    const rule = / \(([a-z0-9-]+)\)(?:;|\.$)/.exec(a.message)?.[1];
    const sha = /added in commit ([0-9a-f]{7})/.exec(a.message)?.[1];
    return `${a.properties.file}:${a.properties.line}@${sha} ${rule}`;
  });
}

const at = (sha: string) => sha.slice(0, 7);

describe("action on push (git clone)", () => {
  it("passes a clean push quietly, without re-reporting a secret already on the branch", async () => {
    world = await World.create();
    const before = await world.seed();
    await world.dev.commit("docs", { "docs/guide.md": "# guide\n" });
    const after = await world.dev.commit("code", { "src/b.txt": "b\n" });
    await world.push(["main"]);
    const run = await runPush("refs/heads/main", before, after);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ findings: "0", rotated: "[]", "issue-number": "", "issue-url": "" });
    expect(run.outputs["sarif-file"]).toMatch(/leakstop\.sarif$/);
    // The SARIF covers the tree, so the secret still on main stays an open alert (code-scanning.test.ts).
    expect(run.sarif?.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual([
      "old.js",
    ]);
    expect(run.annotations).toEqual([]);
    expect(run.failure).toBeUndefined();
    expect(run.summary).toBe("");
    expect(run.stdout).toContain("Scanning 2 commit(s)");
    expect(run.stdout).not.toContain("::add-mask::");
    // Quiet: the scope, the code scanning report and the verdict; the fetch steps are debug lines.
    expect(run.stdout.split("\n").filter((l) => l !== "" && !l.startsWith("::debug::"))).toHaveLength(3);
  });

  it("finds a secret added then removed inside the push, fails with one line, and prints it nowhere", async () => {
    world = await World.create();
    const before = await world.seed();
    const added = await world.dev.commit("add", { "app.js": tokenLine(TOKEN), ".env": `DB_PASSWORD=${PASSWORD}\n` });
    const after = await world.dev.commit("remove", { "app.js": "// gone\n", ".env": null });
    await world.push(["main"]);
    const run = await runPush("refs/heads/main", before, after);

    expect(run.code).toBe(1);
    expect(found(run).sort()).toEqual([`.env:1@${at(added)} generic-password`, `app.js:1@${at(added)} github-pat`]);
    expect(run.outputs.findings).toBe("2");
    // Masked before anything else about the findings is printed.
    expect(maskedValues(run.stdout)).toEqual(expect.arrayContaining([TOKEN, PASSWORD]));
    const firstMask = run.stdout.indexOf("::add-mask::");
    expect(firstMask).toBeGreaterThanOrEqual(0);
    expect(firstMask).toBeLessThan(run.stdout.indexOf("::error"));
    // One annotation per finding, on the line, linking the commit.
    expect(run.annotations.map((a) => `${a.properties.file}:${a.properties.line}`).sort()).toEqual([
      ".env:1",
      "app.js:1",
    ]);
    const pat = run.annotations.find((a) => a.properties.file === "app.js");
    expect(pat?.properties).toMatchObject({ title: expect.stringContaining("GitHub"), col: "35" });
    expect(pat?.message).toContain(`https://github.com/octo-org/octo-repo/commit/${added}`);
    // One failing line: what was found and what to do.
    expect(run.failure).toMatch(
      /^leakstop: found 2 secrets \(generic-password, github-pat\) in 1 commit of push to refs\/heads\/main/,
    );
    expect(run.failure).toMatch(/revoke or rotate/);
    expect(run.stdout.match(/^::error::/gm)).toHaveLength(1);
    // The summary: a table row per finding.
    expect(run.summary).toContain("## leakstop: 2 secrets found in 1 commit");
    expect(run.summary).toContain(`[${at(added)}](https://github.com/octo-org/octo-repo/commit/${added})`);
    expect(run.summary).toContain("| reported (no vault configured) |");
    expectNothingLeaked(run, SECRETS);
  });

  it("scans only the commits of a new branch that the default branch lacks", async () => {
    world = await World.create();
    await world.seed();
    await world.dev.branch("other");
    await world.dev.commit("other work", { "other.txt": "o\n" });
    await world.push(["other"]);
    await world.dev.checkout("main");
    await world.dev.branch("feature");
    await world.dev.commit("f1", { "f.txt": "f\n" });
    const leak = await world.dev.commit("f2", { ".env": `DB_PASSWORD=${PASSWORD}\n` });
    await world.push(["feature"]);
    const run = await runPush("refs/heads/feature", ZERO, leak);
    expect(run.code).toBe(1);
    expect(found(run)).toEqual([`.env:1@${at(leak)} generic-password`]);
    expect(run.stdout).toContain("Scanning 2 commit(s)");
    expectNothingLeaked(run, SECRETS);
  });

  it("has nothing new for a branch created at the default branch's tip", async () => {
    world = await World.create();
    const head = await world.seed();
    await world.dev.branch("empty-feature");
    await world.push(["empty-feature"]);
    const run = await runPush("refs/heads/empty-feature", ZERO, head);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("Scanning 0 commit(s)");
  });

  it("when the previous commit of the default branch is gone from the remote, scans its whole history, and says so", async () => {
    world = await World.create();
    await world.seed();
    await world.push(["main:refs/heads/release"]);
    const after = await world.dev.commit("add", { "app.js": tokenLine(TOKEN) });
    await world.push(["main"]);
    const run = await runPush("refs/heads/main", "9".repeat(40), after);
    expect(run.code).toBe(1);
    // The default branch has no trusted baseline left: its whole history (another branch is none).
    const oldLeak = await world.dev.git("rev-parse", "HEAD~2");
    expect(found(run).sort()).toEqual([`app.js:1@${at(after)} github-pat`, `old.js:1@${at(oldLeak)} github-pat`]);
    expect(run.stdout).toMatch(
      /^::notice::leakstop: the previous commit 9999999 of refs\/heads\/main is gone from the remote; scanned its whole history/m,
    );
    expectNothingLeaked(run, SECRETS);
  });

  it("scans the whole history of the first push to a new repository (root commit)", async () => {
    world = await World.create();
    const root = await world.dev.commit("root", { "app.js": tokenLine(TOKEN) });
    await world.push(["main"]);
    const run = await runPush("refs/heads/main", ZERO, root);
    expect(run.code).toBe(1);
    expect(found(run)).toEqual([`app.js:1@${at(root)} github-pat`]);
    expectNothingLeaked(run, SECRETS);
  });

  it("after a force push, scans the rewritten commits only (flagged by GitHub or not)", async () => {
    world = await World.create();
    await world.seed();
    await world.dev.branch("topic");
    const t1 = await world.dev.commit("t1", { "t.txt": "t1\n" });
    await world.push(["topic"]);
    // main moves on (a secret there is main's business, not this push's)…
    await world.dev.checkout("main");
    await world.dev.commit("main leak", { "main.js": tokenLine(TOKEN) });
    await world.push(["main"]);
    // …and topic is rebuilt on top of it, with a leak, then force-pushed.
    await world.dev.git("checkout", "--quiet", "-B", "topic", "main");
    await world.dev.commit("t1 again", { "t.txt": "t1\n" });
    const leak = await world.dev.commit("t2", { ".env": `DB_PASSWORD=${PASSWORD}\n` });
    await world.push(["topic"], true);
    for (const forced of [true, false]) {
      const run = await runPush("refs/heads/topic", t1, leak, { forced });
      expect(run.code, `forced: ${forced}`).toBe(1);
      expect(found(run)).toEqual([`.env:1@${at(leak)} generic-password`]);
      expect(run.stdout).toContain("force push");
      expectNothingLeaked(run, SECRETS);
    }
  });

  it("has nothing to scan for a deleted branch, and succeeds", async () => {
    world = await World.create();
    const head = await world.seed();
    const run = await runPush("refs/heads/gone", head, ZERO);
    expect(run.code).toBe(0);
    expect(run.outputs.findings).toBe("0");
    expect(run.stdout).toContain("refs/heads/gone was deleted: nothing to scan");
    expect(run.annotations).toEqual([]);
  });

  it("on a merge from another branch, reports the secret once, in the commit that added it", async () => {
    world = await World.create();
    await world.seed();
    await world.dev.branch("topic");
    const leak = await world.dev.commit("topic leak", { ".env": `DB_PASSWORD=${PASSWORD}\n` });
    await world.push(["topic"]);
    await world.dev.checkout("main");
    const before = await world.dev.commit("main work", { "m.txt": "m\n" });
    await world.push(["main"]);
    const merge = await world.dev.merge("topic");
    await world.push(["main"]);
    const run = await runPush("refs/heads/main", before, merge);
    expect(run.code).toBe(1);
    expect(found(run)).toEqual([`.env:1@${at(leak)} generic-password`]);
    expect(run.stdout).toContain("Scanning 2 commit(s)");
    expectNothingLeaked(run, SECRETS);
  });

  it("scans nothing for a new tag on a commit a branch already has", async () => {
    world = await World.create();
    const head = await world.seed();
    await world.dev.git("tag", "-a", "-m", "release", "v1.0.0");
    await world.push(["v1.0.0"]);
    const tagObject = await world.dev.git("rev-parse", "v1.0.0");
    const run = await runPush("refs/tags/v1.0.0", ZERO, tagObject);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("Scanning 0 commit(s)");
    expect(head).not.toBe(tagObject);
  });

  it("stacked branches pushed together: each run scans what the default branch lacks, so no commit is left out", async () => {
    world = await World.create();
    await world.seed();
    await world.dev.branch("feat-a");
    const leak = await world.dev.commit("a", { ".env": `DB_PASSWORD=${PASSWORD}\n` });
    const a = await world.dev.commit("a2", { "a.txt": "a\n" });
    await world.dev.branch("feat-b");
    const b = await world.dev.commit("b", { "b.txt": "b\n" });
    await world.push(["feat-a", "feat-b"]); // one push, two new refs: two runs
    const runA = await runPush("refs/heads/feat-a", ZERO, a);
    expect(runA.code, runA.stdout).toBe(1);
    expect(found(runA)).toEqual([`.env:1@${at(leak)} generic-password`]);
    expect(runA.stdout).toContain("Scanning 2 commit(s)");
    const runB = await runPush("refs/heads/feat-b", ZERO, b);
    expect(found(runB)).toEqual([`.env:1@${at(leak)} generic-password`]);
    expect(runB.stdout).toContain("Scanning 3 commit(s)");
    expectNothingLeaked(runA, SECRETS);
  });

  it("a --mirror migration scans the default branch's whole history, and each other branch's own commits", async () => {
    world = await World.create();
    const main = await world.seed();
    await world.dev.branch("topic");
    const topic = await world.dev.commit("topic", { "t.txt": "t\n" });
    await world.dev.git("push", "--quiet", "--mirror", world.remote.url);
    const runMain = await runPush("refs/heads/main", ZERO, main);
    expect(runMain.code, runMain.stdout).toBe(1);
    expect(found(runMain)).toEqual([`old.js:1@${at(await world.dev.git("rev-parse", "main~1"))} github-pat`]);
    expect(runMain.stdout).toContain("Scanning 3 commit(s)");
    const runTopic = await runPush("refs/heads/topic", ZERO, topic);
    expect(runTopic.code, runTopic.stdout).toBe(0);
    expect(runTopic.stdout).toContain("Scanning 1 commit(s)");
  });

  it("several new tags on commits no branch has: each tag's run scans its commits", async () => {
    world = await World.create();
    await world.seed();
    await world.dev.git("checkout", "--quiet", "--detach");
    const leak = await world.dev.commit("release 1", { ".env": `DB_PASSWORD=${PASSWORD}\n` });
    await world.dev.git("tag", "v1");
    await world.dev.commit("release 2", { "CHANGES.md": "2\n" });
    await world.dev.git("tag", "-a", "-m", "two", "v2");
    await world.push(["v1", "v2"]);
    for (const tag of ["v1", "v2"]) {
      const object = await world.dev.git("rev-parse", tag);
      const run = await runPush(`refs/tags/${tag}`, ZERO, object);
      expect(run.code, `${tag}: ${run.stdout}`).toBe(1);
      expect(found(run)).toEqual([`.env:1@${at(leak)} generic-password`]);
    }
  });

  it("a branch that merged the default branch in does not report the default branch's secrets again", async () => {
    world = await World.create();
    await world.seed();
    await world.dev.branch("topic");
    const before = await world.dev.commit("topic work", { "t.txt": "t\n" });
    await world.push(["topic"]);
    await world.dev.checkout("main");
    await world.dev.commit("main leak", { "main.js": tokenLine(TOKEN) });
    await world.push(["main"]);
    await world.dev.checkout("topic");
    const merge = await world.dev.merge("main");
    await world.push(["topic"]);
    const run = await runPush("refs/heads/topic", before, merge);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("Scanning 1 commit(s)");
  });

  it("finds a key body pasted between BEGIN/END lines that were already there, but not an old secret beside it", async () => {
    world = await World.create();
    await world.seed();
    const pem = fakePem(new Faker(7)).split("\n");
    const [begin = "", end = ""] = [pem[0], pem[pem.length - 1]];
    // The old secret sits in the context of the new hunk: it is main's business, not this push's.
    const before = await world.dev.commit("stub", { "deploy/key.pem": `${tokenLine(OLD_TOKEN)}${begin}\n${end}\n` });
    await world.push(["main"]);
    const after = await world.dev.commit("paste", { "deploy/key.pem": `${tokenLine(OLD_TOKEN)}${pem.join("\n")}\n` });
    await world.push(["main"]);
    const run = await runPush("refs/heads/main", before, after);
    expect(run.code, run.stdout).toBe(1);
    expect(found(run)).toEqual([`deploy/key.pem:2@${at(after)} private-key`]);
    expectNothingLeaked(run, [...SECRETS, pem.slice(1, -1).join("\n")]);
  });

  it("a push cannot hide files with .gitattributes: -diff files and UTF-16 files are scanned, binaries named", async () => {
    world = await World.create();
    const before = await world.seed();
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`$env:DB_PASSWORD = "${PASSWORD}"\r\n`, "utf16le"),
    ]);
    const after = await world.dev.commit("hide", {
      ".gitattributes": "*.js -diff\n*.ps1 binary\n",
      "app.js": tokenLine(TOKEN),
      "deploy.ps1": utf16,
      "logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]),
    });
    await world.push(["main"]);
    const run = await runPush("refs/heads/main", before, after);
    expect(run.code, run.stdout).toBe(1);
    expect(found(run).sort()).toEqual([
      `app.js:1@${at(after)} github-pat`,
      `deploy.ps1:1@${at(after)} generic-password`,
    ]);
    expect(run.stdout).toMatch(
      /^::notice::leakstop: 'logo\.png' \(commit [0-9a-f]{7}\) is not scanned: a binary file$/m,
    );
    expect(run.summary).toContain("logo.png");
    expectNothingLeaked(run, SECRETS);
  });

  it("a push cannot configure its own scan: suppressions come from the base, and the push's edits are named", async () => {
    world = await World.create();
    await world.seed();
    // The base's own configuration applies: docs/ is allowlisted there.
    const before = await world.dev.commit("config", { ".leakstop.yml": "allowlist:\n  paths: ['docs/**']\n" });
    await world.push(["main"]);
    await world.dev.branch("topic");
    const after = await world.dev.commit("leak and allow it", {
      "docs/example.md": tokenLine(f.githubToken("ghp_")),
      "app.js": tokenLine(TOKEN),
      ".leakstop.yml": "allowlist:\n  paths: ['docs/**', 'app.js']\n",
      ".leakstopignore": "0123456789abcdef\n",
    });
    await world.push(["topic"]);
    for (const [ref, base] of [
      ["refs/heads/topic", ZERO],
      ["refs/heads/main", before],
    ] as const) {
      if (ref === "refs/heads/main") await world.push(["topic:main"]);
      const run = await runPush(ref, base, after);
      expect(run.code, run.stdout).toBe(1);
      expect(found(run)).toEqual([`app.js:1@${at(after)} github-pat`]);
      expect(run.stdout).toMatch(
        new RegExp(
          `^::notice::leakstop: this change edits '.leakstop.yml', '.leakstopignore': scanned with the configuration of the base commit ${at(before)}`,
          "m",
        ),
      );
      expect(run.summary).toContain("'.leakstop.yml'");
      expectNothingLeaked(run, SECRETS);
    }
  });

  it("prints no workflow command from the base's config, a pushed file name or its edit of the config", async () => {
    world = await World.create();
    await world.seed();
    const acme = `acme_${f
      .password(32)
      .replace(/[^a-z0-9]/gi, "a")
      .toLowerCase()}`;
    const config = hostileYaml({
      rules: [
        { id: "acme-token", title: hostile("title"), pattern: "(?<secret>acme_[a-z0-9]{32})", keywords: ["acme_"] },
      ],
      allowlist: { paths: [hostile("allowpath")] },
      mappings: [{ rule: "acme-token", secret: hostile("mapping") }],
    });
    const before = await world.dev.commit("config", { ".leakstop.yml": config });
    await world.push(["main"]);
    // Git keeps line breaks in file names; the push edits the config too (a notice names it).
    const after = await world.dev.commit("leak", {
      [`${hostile("file").replace(/\r/g, "")}.js`]: tokenLine(TOKEN),
      "src/acme.txt": `ACME=${acme}\n`,
      ".leakstop.yml": `${config}\n`,
    });
    await world.push(["main"]);
    const run = await runPush("refs/heads/main", before, after);
    expect(run.stdout).toContain("Acme title"); // the base's rule was used
    const annotated = found(run);
    expect(annotated).toHaveLength(2);
    expect(annotated).toContain(`src/acme.txt:1@${at(after)} acme-token`);
    // The annotation names the file as git does, line breaks and all (escaped by @actions/core).
    expect(annotated).toContain(`${hostile("file").replace(/\r/g, "")}.js:1@${at(after)} github-pat`);
    expectNoInjectedCommands(run);
    expect(run.outputs.findings).toBe("2");
    expectNothingLeaked(run, [TOKEN, acme]);
  });

  it("warns instead of failing with fail-on-findings: false", async () => {
    world = await World.create();
    const before = await world.seed();
    const after = await world.dev.commit("add", { "app.js": tokenLine(TOKEN) });
    await world.push(["main"]);
    const run = await runPush("refs/heads/main", before, after, { inputs: { "fail-on-findings": "false" } });
    expect(run.code).toBe(0);
    expect(run.outputs.findings).toBe("1");
    expect(run.stdout).toMatch(/^::warning::leakstop: found 1 secret \(github-pat\)/m);
    expectNothingLeaked(run, SECRETS);
  });
});

describe("action on pull requests and audits (git clone)", () => {
  it("scans every commit of a pull request from a fork (only in refs/pull/N/head) from the merge checkout", async () => {
    world = await World.create();
    const base = await world.seed();
    await world.dev.branch("fork-work");
    const commits: string[] = [];
    for (let i = 0; i < 40; i++) commits.push(await world.dev.commit(`pr ${i}`, { [`pr/${i}.txt`]: `${i}\n` }));
    const leak = await world.dev.commit("pr leak", { "app.js": tokenLine(TOKEN) });
    const head = await world.dev.commit("pr more", { "pr/z.txt": "z\n" });
    await world.dev.checkout("main");
    await world.dev.git("checkout", "--quiet", "--detach");
    const merge = await world.dev.merge("fork-work");
    await world.push([`${head}:refs/pull/7/head`, `${merge}:refs/pull/7/merge`]);
    const workspace = await world.checkout(merge, "refs/pull/7/merge");
    const run = await runAction({
      eventName: "pull_request",
      payload: pullPayload(7, base, head, commits.length + 2),
      workspace: workspace.dir,
      sha: merge,
      inputs: { "github-token": "test-token", "open-issue": "false" },
    });
    expect(run.code).toBe(1);
    expect(found(run)).toEqual([`app.js:1@${at(leak)} github-pat`]);
    expect(run.stdout).toContain("Scanning 42 commit(s)");
    expectNothingLeaked(run, SECRETS);
  });

  it("scans the queued commits of a merge group (base_sha..head_sha on the queue's temporary branch)", async () => {
    world = await World.create();
    const base = await world.seed();
    // The merge queue builds gh-readonly-queue/main/pr-… on top of main with the queued PRs' commits.
    await world.dev.branch("queue");
    await world.dev.commit("pr 1", { "one.txt": "1\n" });
    const leak = await world.dev.commit("pr 2", { ".env": `DB_PASSWORD=${PASSWORD}\n` });
    const head = await world.dev.commit("pr 3", { "three.txt": "3\n" });
    const ref = "refs/heads/gh-readonly-queue/main/pr-9-abc";
    await world.push([`${head}:${ref}`]);
    const workspace = await world.checkout(head, ref);
    const run = await runAction({
      eventName: "merge_group",
      payload: {
        action: "checks_requested",
        merge_group: { head_sha: head, head_ref: ref, base_sha: base, base_ref: "refs/heads/main" },
        repository: { full_name: "octo-org/octo-repo", default_branch: "main" },
      },
      workspace: workspace.dir,
      sha: head,
      inputs: { "github-token": "test-token", "open-issue": "false" },
    });
    expect(run.code).toBe(1);
    expect(found(run)).toEqual([`.env:1@${at(leak)} generic-password`]);
    expect(run.stdout).toContain("Scanning 3 commit(s)");
    expectNothingLeaked(run, SECRETS);
  });

  it("audits a long history in worker threads, with every finding", async () => {
    world = await World.create();
    await world.seed();
    const leaks: string[] = [];
    for (let i = 0; i < 70; i++) {
      const files: Record<string, string> = { [`src/f${i}.txt`]: `line ${i}\n` };
      if (i % 20 === 5) files[`conf/${i}.env`] = `DB_PASSWORD=${f.password(18)}\n`;
      const sha = await world.dev.commit(`c${i}`, files);
      if (i % 20 === 5) leaks.push(`conf/${i}.env:1@${at(sha)} generic-password`);
    }
    const head = await world.dev.git("rev-parse", "HEAD");
    await world.push(["main"]);
    const workspace = await world.checkout(head, "refs/heads/main");
    const run = await runAction({
      eventName: "schedule",
      payload: { schedule: "0 3 * * 1" },
      workspace: workspace.dir,
      sha: head,
      inputs: { "github-token": "test-token", "open-issue": "false" },
      env: { RUNNER_DEBUG: "1" },
    });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain("Scanning 73 commit(s)");
    expect(run.stdout).toMatch(/^::debug::Scanning in \d+ worker thread\(s\)\.$/m);
    const oldLeak = `old.js:1@${at(await world.dev.git("rev-parse", "main~71"))} github-pat`;
    expect(found(run).sort()).toEqual([oldLeak, ...leaks].sort());
  });

  it("audits the whole history on schedule, fetching what the shallow clone lacks", async () => {
    world = await World.create();
    const head = await world.seed();
    const workspace = await world.checkout(head, "refs/heads/main");
    const run = await runAction({
      eventName: "schedule",
      payload: { schedule: "0 3 * * 1" },
      workspace: workspace.dir,
      sha: head,
      inputs: { "github-token": "test-token", "open-issue": "false" },
    });
    expect(run.code).toBe(1);
    expect(found(run)).toEqual([`old.js:1@${at(await world.dev.git("rev-parse", "HEAD~1"))} github-pat`]);
    expect(run.stdout).toContain("Scanning 3 commit(s)");
    expectNothingLeaked(run, SECRETS);
  });
});

describe("the scan ledger (check runs)", () => {
  let api: GitHubDouble;
  afterEach(async () => {
    await api?.close();
  });
  const ledger = { "scan-ledger": "check-runs" };
  const record = (sha: string) =>
    api.checkRuns.push({
      id: api.checkRuns.length + 1,
      repository: "octo-org/octo-repo",
      name: "leakstop scan",
      head_sha: sha,
      status: "completed",
      conclusion: "success",
    });

  it("a push whose job never ran is scanned by the next run; a recorded push is not scanned twice", async () => {
    api = await GitHubDouble.start();
    world = await World.create();
    const seeded = await world.seed();
    record(seeded); // main's history was scanned by an earlier run
    // A push whose job was cancelled (or skipped by [skip ci], or failed): no record.
    const leak = await world.dev.commit("leak", { ".env": `DB_PASSWORD=${PASSWORD}\n` });
    await world.push(["main"]);
    const clean = await world.dev.commit("clean", { "src/c.txt": "c\n" });
    await world.push(["main"]);

    // Without the ledger, "new" is "after `before`": the leak is lost for good.
    const stateless = await runPush("refs/heads/main", leak, clean, { apiUrl: api.url });
    expect(stateless.code, stateless.stdout).toBe(0);
    expect(api.checkRuns).toHaveLength(1);

    const run = await runPush("refs/heads/main", leak, clean, { apiUrl: api.url, inputs: ledger });
    expect(run.code, run.stdout).toBe(1);
    expect(found(run)).toEqual([`.env:1@${at(leak)} generic-password`]);
    expect(run.stdout).toContain("Scanning 2 commit(s)");
    expect(run.stdout).toContain("1 commit(s) an earlier run did not scan included");
    expect(api.checkRuns.map((r) => [r.head_sha, r.conclusion])).toEqual([
      [seeded, "success"],
      [clean, "failure"],
    ]);
    expectNothingLeaked(run, SECRETS);

    // The next push measures from the recorded head: one commit, nothing found twice.
    const next = await world.dev.commit("next", { "src/d.txt": "d\n" });
    await world.push(["main"]);
    api.checksForbidden = true;
    const again = await runPush("refs/heads/main", clean, next, { apiUrl: api.url, inputs: ledger });
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain("Scanning 1 commit(s)");
    expect(again.stdout).toContain("baselines from the scan ledger");
    // A token without checks: write cannot record: a warning, and the next run rescans.
    expect(again.stdout).toMatch(/::warning::leakstop: could not record this scan in the ledger .*checks: write/);
  });

  it("with no record at all, keeps the push's own baselines and says so", async () => {
    api = await GitHubDouble.start();
    world = await World.create();
    const before = await world.seed();
    const after = await world.dev.commit("code", { "src/b.txt": "b\n" });
    await world.push(["main"]);
    const run = await runPush("refs/heads/main", before, after, { apiUrl: api.url, inputs: ledger });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("Scanning 1 commit(s)");
    expect(run.stdout).toContain("no scan record in the ledger");
    expect(api.checkRuns.map((r) => r.head_sha)).toEqual([after]);
  });
});
