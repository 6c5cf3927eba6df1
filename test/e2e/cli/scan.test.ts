/**
 * `leakstop scan` end to end, through the bundled CLI: piped input, paths relative to the
 * repository root, a symlinked root, UTF-16 files, notices for everything skipped, a hostile
 * repository's config files, and one-line errors with the right exit status. Suites whose
 * tests share nothing run them concurrently: each is a child process that mostly waits.
 */
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Faker } from "../../../src/core/rules/fake.js";
import { GitRepo } from "../../helpers/gitrepo.js";
import { disposeBuild } from "../action/harness.js";
import { findingsOf, leakstop, noticesOf } from "./harness.js";

const f = new Faker(8080);
const token = f.githubToken("ghp_");
const other = f.githubToken("ghp_");
const line = (t: string) => `const octo = new Octokit({ auth: "${t}" });\n`;

let repo: GitRepo;
let scratch: string;
beforeAll(async () => {
  repo = await GitRepo.create();
  await repo.commit("init", { "src/app.js": `// app\n${line(token)}`, "README.md": "hello\n" });
  scratch = await mkdtemp(join(tmpdir(), "leakstop-e2e-cli-"));
});
afterAll(async () => {
  await repo.dispose();
  await rm(scratch, { recursive: true, force: true });
  await disposeBuild();
});

function expectNoSecret(...texts: string[]) {
  for (const t of texts) for (const s of [token, other]) expect(t).not.toContain(s.slice(4, 20));
}

describe.concurrent("piped input", () => {
  it.each([["-"], ["/dev/stdin"]])("`cat file | leakstop scan %s` scans standard input", async (arg) => {
    const r = await leakstop(["scan", arg, "--format", "json"], { cwd: scratch, input: `x\n${line(token)}` });
    expect(r.code, r.stderr).toBe(1);
    expect(findingsOf(r).map((x) => [x.path, x.line, x.ruleId])).toEqual([["stdin", 2, "github-pat"]]);
    expectNoSecret(r.stdout, r.stderr);
  });

  it("reads a FIFO named as PATH (a shell's <(…)) to its end", async () => {
    const fifo = join(scratch, "fifo-path");
    execFileSync("mkfifo", [fifo]);
    const [r] = await Promise.all([
      leakstop(["scan", fifo, "--format", "json"], { cwd: scratch }),
      writeFile(fifo, line(token)), // opens once the scanner opens it for reading
    ]);
    expect(r.code, r.stderr).toBe(1);
    expect(findingsOf(r).map((x) => [x.path, x.line])).toEqual([[fifo, 1]]);
  });

  it("says so when standard input is binary, and is clean on clean input", async () => {
    const bin = await leakstop(["scan", "-"], { cwd: scratch, input: new Uint8Array([0x50, 0x4b, 0, 1]) });
    expect(bin.code).toBe(0);
    expect(bin.stderr).toMatch(/note: Skipped standard input: it looks binary/);
    const clean = await leakstop(["scan", "-"], { cwd: scratch, input: "nothing here\n" });
    expect(clean).toMatchObject({ code: 0, stdout: "No secrets found.\n" });
  });
});

describe("inside a repository, paths are the repository's", () => {
  it("`scan src` reports src/… with the fingerprint of a whole scan, and honours the root's ignore file and config", async () => {
    const whole = await leakstop(["scan", ".", "--format", "json"], { cwd: repo.dir });
    const sub = await leakstop(["scan", "src", "--format", "json"], { cwd: repo.dir });
    const file = await leakstop(["scan", "app.js", "--format", "json"], { cwd: join(repo.dir, "src") });
    expect(findingsOf(sub).map((x) => x.path)).toEqual(["src/app.js"]);
    expect(findingsOf(sub)).toEqual(findingsOf(whole));
    expect(findingsOf(file)).toEqual(findingsOf(whole));
    const fp = findingsOf(whole)[0]?.fingerprint;
    await writeFile(join(repo.dir, ".leakstopignore"), `${fp}  # revoked in the test\n`);
    expect((await leakstop(["scan", "src"], { cwd: repo.dir })).code).toBe(0);
    expect((await leakstop(["scan", "."], { cwd: join(repo.dir, "src") })).code).toBe(0);
    await rm(join(repo.dir, ".leakstopignore"));
    await writeFile(join(repo.dir, ".leakstop.yml"), "allowlist:\n  paths: ['src/**']\n");
    expect((await leakstop(["scan", "src/app.js"], { cwd: repo.dir })).code).toBe(0);
    await rm(join(repo.dir, ".leakstop.yml"));
  });

  it("--root makes a folder inside a repository a root of its own (its paths, not the repository's config)", async () => {
    await repo.write({ ".leakstop.yml": "allowlist:\n  paths: ['corpus/**']\n", "corpus/x.js": line(other) });
    expect((await leakstop(["scan", "corpus"], { cwd: repo.dir })).code).toBe(0);
    const own = await leakstop(["scan", "corpus", "--root", "corpus", "--format", "json"], { cwd: repo.dir });
    expect(own.code, own.stderr).toBe(1);
    expect(findingsOf(own).map((x) => x.path)).toEqual(["x.js"]);
    const outside = await leakstop(["scan", "src", "--root", "corpus"], { cwd: repo.dir });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(
      /^leakstop: Path 'src' is not inside --root 'corpus'; pass a PATH under the root\.\n$/,
    );
    await rm(join(repo.dir, "corpus"), { recursive: true });
    await rm(join(repo.dir, ".leakstop.yml"));
  });

  it("follows a scan root that is a symbolic link (not EISDIR and a false clean)", async () => {
    const link = join(scratch, "linked-src");
    await symlink(join(repo.dir, "src"), link);
    const r = await leakstop(["scan", link, "--format", "json"], { cwd: scratch });
    expect(r.code, r.stderr).toBe(1);
    expect(findingsOf(r).map((x) => x.path)).toEqual(["src/app.js"]);
  });
});

describe.concurrent("UTF-16 files", () => {
  it.each([
    ["utf-16le", (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")])],
    [
      "utf-16be",
      (s: string) => {
        const b = Buffer.from(s, "utf16le").swap16();
        return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
      },
    ],
  ])("decodes %s with a BOM and finds the secret on its line", async (_name, encode) => {
    const d = await mkdtemp(join(scratch, "utf16-"));
    await writeFile(join(d, "deploy.ps1"), encode(`# deploy\r\n$env:X = 1\r\n${line(token)}`));
    const r = await leakstop(["scan", d, "--format", "json"]);
    expect(r.code, r.stderr).toBe(1);
    expect(findingsOf(r).map((x) => [x.path, x.line])).toEqual([["deploy.ps1", 3]]);
    expect(noticesOf(r)).toEqual([]);
  });
});

describe("nothing is skipped silently", () => {
  it("names binary files, symbolic links and special files inside folders (stderr for text, the report for JSON)", async () => {
    const d = await mkdtemp(join(scratch, "skips-"));
    await writeFile(join(d, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
    await symlink("/etc/hostname", join(d, "host"));
    execFileSync("mkfifo", [join(d, "pipe")]);
    await writeFile(join(d, "ok.txt"), "fine\n");
    const text = await leakstop(["scan", d], { timeoutInMs: 10_000 });
    expect(text.code).toBe(0);
    expect(text.stdout).toBe("No secrets found.\n");
    expect(text.stderr).toContain(
      "leakstop: note: Skipped 1 binary file (a NUL byte, no UTF-16 byte-order mark): 'logo.png'.",
    );
    expect(text.stderr).toContain("Skipped 1 symbolic link (links inside a scanned folder are not followed): 'host'.");
    expect(text.stderr).toContain("Skipped 1 special file (FIFO, socket or device): 'pipe'.");
    const json = await leakstop(["scan", d, "--format", "json"]);
    expect(noticesOf(json)).toHaveLength(3);
    const sarif = JSON.parse((await leakstop(["scan", d, "--format", "sarif"])).stdout) as {
      runs: Array<{ invocations: Array<{ toolExecutionNotifications: unknown[] }> }>;
    };
    expect(sarif.runs[0]?.invocations[0]?.toolExecutionNotifications).toHaveLength(3);
  });

  it("names a missing ignoreFile, unusable ignore-file lines, a shadowed config and a custom rule with a built-in id", async () => {
    const d = await mkdtemp(join(scratch, "cfg-"));
    await mkdir(join(d, ".github"));
    await writeFile(join(d, ".github", "leakstop.yml"), "disabledRules: [jwt]\n");
    await writeFile(
      join(d, ".leakstop.yml"),
      [
        "ignoreFile: .secrets-ignore",
        "rules:",
        "  - id: github-pat",
        "    keywords: [ghp_]",
        "    pattern: 'ghp_[A-Za-z0-9]{36}'",
      ].join("\n"),
    );
    await writeFile(join(d, "a.js"), line(token));
    const r = await leakstop(["scan", d, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(noticesOf(r)).toEqual([
      "'.github/leakstop.yml' is not used: '.leakstop.yml' comes first; merge the two and delete one.",
      "ignoreFile '.secrets-ignore' does not exist, so no finding is ignored by fingerprint; create it or fix the name.",
      "Custom rule 'github-pat' replaces the built-in rule with that id; give it another id to keep both.",
    ]);
    await writeFile(join(d, ".secrets-ignore"), `# reasons\n${"a".repeat(32)}\n${token}\nnot-a-fingerprint # x\n`);
    const r2 = await leakstop(["scan", d]);
    expect(r2.stderr).toContain(
      "note: '.secrets-ignore' lines 3, 4: not a fingerprint (32 hexadecimal digits), so ignored; copy fingerprints from a report.",
    );
    expectNoSecret(r2.stdout, r2.stderr);
  });
});

describe("--git names what it could not scan, as the push scanner does", () => {
  it("a shallow clone's missing history, a submodule, a binary file and an LFS object: notes on stderr, `notices` in JSON", async () => {
    const lib = await GitRepo.create();
    const origin = await GitRepo.create();
    const clone = join(scratch, "shallow");
    try {
      await lib.commit("lib", { "index.js": "module.exports = 1;\n" });
      // A secret added and removed in history that a shallow clone lacks: the notice is the only trace.
      await origin.commit("old", { "old.js": line(other) });
      await origin.commit("readme, old.js removed", { "README.md": "hello\n", "old.js": null });
      await origin.git(
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "--quiet",
        "add",
        `file://${lib.dir}`,
        "vendor/lib",
      );
      await origin.commit("add lib, a logo and a key", {
        "logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]),
        "model.bin": `version https://git-lfs.github.com/spec/v1\noid sha256:${"ab".repeat(32)}\nsize 1234\n`,
        "src/app.js": line(token),
      });
      execFileSync("git", ["clone", "--quiet", "--depth", "2", `file://${origin.dir}`, clone], {
        env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" },
      });

      const text = await leakstop(["scan", "--git", "."], { cwd: clone });
      expect(text.code).toBe(1);
      expect(text.stdout).toContain("src/app.js:1");
      expect(text.stderr).toMatch(/leakstop: note: history before commit [0-9a-f]{7} is missing \(shallow clone\)/);
      expect(text.stderr).toMatch(/leakstop: note: submodule 'vendor\/lib' \(commit [0-9a-f]{7}\) is not scanned/);
      expect(text.stderr).toMatch(/leakstop: note: 'logo.png' \(commit [0-9a-f]{7}\) is not scanned: a binary file/);
      expect(text.stderr).toMatch(
        /leakstop: note: 'model.bin' \(commit [0-9a-f]{7}\) is a Git LFS object that is not in the clone/,
      );

      const json = await leakstop(["scan", "--git", "--format", "json", "."], { cwd: clone });
      expect(findingsOf(json).map((x) => x.path)).toEqual(["src/app.js"]);
      const notices = noticesOf(json);
      expect(notices).toHaveLength(4);
      expect(notices.join("\n")).toContain("git fetch --unshallow");
      expectNoSecret(text.stdout, text.stderr, json.stdout);
    } finally {
      await rm(clone, { recursive: true, force: true });
      await lib.dispose();
      await origin.dispose();
    }
  });
});

describe.concurrent("a hostile repository's config files", () => {
  async function repoWith(files: (d: string) => Promise<void>) {
    const d = await mkdtemp(join(scratch, "hostile-"));
    await mkdir(join(d, ".git"));
    await files(d);
    return d;
  }

  it.each([
    [
      "a .leakstop.yml linked outside the repository",
      async (d: string) => symlink("/etc/passwd", join(d, ".leakstop.yml")),
      /Config file '\.leakstop\.yml' resolves to '\/etc\/passwd', outside the repository/,
    ],
    [
      "an ignoreFile that leaves the repository",
      async (d: string) => writeFile(join(d, ".leakstop.yml"), "ignoreFile: ../../etc/passwd\n"),
      /ignoreFile '\.\.\/\.\.\/etc\/passwd' is outside the repository/,
    ],
    [
      "an ignore file linked to a device",
      async (d: string) => symlink("/dev/zero", join(d, ".leakstopignore")),
      /Ignore file '\.leakstopignore' resolves to '\/dev\/zero', outside the repository/,
    ],
    [
      "a .leakstop.yml that is a FIFO",
      async (d: string) => {
        execFileSync("mkfifo", [join(d, ".leakstop.yml")]);
      },
      /Config file '\.leakstop\.yml' is not a regular file \(a FIFO, socket or device\)/,
    ],
    [
      "a config over the size limit",
      async (d: string) => writeFile(join(d, ".leakstop.yml"), `# ${"x".repeat(1024 * 1024)}\n`),
      /Config file '\.leakstop\.yml' is 1\.0 MB, over the 1 MB limit/,
    ],
  ])("refuses %s (exit 2, one line, no hang)", async (_name, setup, message) => {
    const d = await repoWith(setup);
    const r = await leakstop(["scan", d], { timeoutInMs: 10_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe.concurrent("errors name the thing and the fix, exit 2", () => {
  it.each([
    [
      ["scan", ".", "-o", "no/such/folder/r.sarif"],
      /--output 'no\/such\/folder\/r\.sarif': folder 'no\/such\/folder' does not exist; create it/,
    ],
    [["scan", ".", "-o", "."], /--output '\.' is a directory; give a file name, e\.g\. 'leakstop\.sarif'/],
    [["scan", ".", "-c", "."], /Config file '\.' is a directory; pass a file such as '\.leakstop\.yml'/],
    [
      ["rotate", "--vault", "https://a.vault.azure.net", "--secret", "bad name!"],
      /--secret 'bad name!' is not a Key Vault secret name/,
    ],
    [
      ["rotate", "--vault", "https://a.vault.azure.net", "--secret", "https://b.vault.azure.net/secrets/db"],
      /--secret 'https:\/\/b\.vault\.azure\.net\/secrets\/db' is in vault https:\/\/b\.vault\.azure\.net, but --vault is https:\/\/a\.vault\.azure\.net; drop --vault or make the two agree/,
    ],
    [["rotate", "--secret", "db"], /--vault is required/],
    [["scan", "--staged", "--git", "."], /--staged scans the index, not history/],
  ])("%j", async (argv, message) => {
    const r = await leakstop(argv, { cwd: scratch });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("an unwritable LEAKSTOP_DATA_DIR", async () => {
    const file = join(scratch, "a-file");
    await writeFile(file, "");
    const r = await leakstop(["serve", "--port", "0"], {
      env: { LEAKSTOP_WEBHOOK_SECRET: "x".repeat(32), GITHUB_TOKEN: "test", LEAKSTOP_DATA_DIR: join(file, "data") },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^leakstop: LEAKSTOP_DATA_DIR '.*a-file\/data' is not writable \(ENOTDIR\); point it at a writable folder/,
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("writes nothing and keeps the report when --output is fine", async () => {
    const out = join(scratch, "report.json");
    const r = await leakstop(["scan", "src", "-f", "json", "-o", out], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(await readFile(out, "utf8")).findings).toHaveLength(1);
  });
});

describe("progress", () => {
  it("shows a total and a percentage: files for a directory, commits for git", async () => {
    const files = await leakstop(["scan", ".", "--progress"], { cwd: repo.dir });
    expect(files.stderr).toMatch(/scanning: 2\/2 files \(100%\)/);
    const git = await leakstop(["scan", "--git", ".", "--progress", "-j", "1"], { cwd: repo.dir });
    expect(git.stderr).toMatch(/scanning: 1\/1 commits \(100%\)/);
    expect(git.stderr).not.toMatch(/fragments/);
  });
});

describe("history scans in worker threads", () => {
  it("`scan --git -j 3` reports what `-j 1` does, in the same order, and honours the ignore file", async () => {
    const history = await GitRepo.create();
    try {
      for (let i = 0; i < 12; i++) {
        await history.commit(`c${i}`, { [`src/m${i}.js`]: `// m${i}\n${line(f.githubToken("ghp_"))}` });
      }
      const serial = await leakstop(["scan", "--git", ".", "--format", "json", "-j", "1"], { cwd: history.dir });
      expect(serial.code, serial.stderr).toBe(1);
      const ignored = findingsOf(serial)[3]?.fingerprint as string;
      await history.commit("ignore one", { ".leakstopignore": `${ignored}\n` });
      const parallel = await leakstop(["scan", "--git", ".", "--format", "json", "-j", "3"], { cwd: history.dir });
      const again = await leakstop(["scan", "--git", ".", "--format", "json", "-j", "1"], { cwd: history.dir });
      const view = (r: typeof serial) => findingsOf(r).map((x) => `${x.path}:${x.line}:${x.fingerprint}`);
      expect(view(parallel)).toEqual(view(again));
      expect(view(parallel)).toHaveLength(11);
      expect(findingsOf(parallel).map((x) => x.fingerprint)).not.toContain(ignored);
    } finally {
      await history.dispose();
    }
  });
});
