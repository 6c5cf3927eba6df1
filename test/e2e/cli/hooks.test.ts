/**
 * leakstop in a team's git workflow, end to end with the bundled CLI and real repositories:
 * `scan --staged` and the README's pre-commit hook, the README's pre-push hook on a branch with
 * no upstream, the pre-commit framework's hook definitions, and `leakstop baseline`.
 */
import { spawnSync } from "node:child_process";
import { chmod, cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Faker } from "../../../src/core/rules/fake.js";
import { GitRepo, TEST_AUTHOR } from "../../helpers/gitrepo.js";
import { disposeBuild } from "../action/harness.js";
import { cliPath, findingsOf, leakstop, noticesOf } from "./harness.js";

const f = new Faker(9090);
const tokens = [f.githubToken("ghp_"), f.githubToken("ghp_"), f.githubToken("ghp_")];
const line = (t: string) => `const octo = new Octokit({ auth: "${t}" });\n`;
const gitIdentity = {
  GIT_AUTHOR_NAME: TEST_AUTHOR.name,
  GIT_AUTHOR_EMAIL: TEST_AUTHOR.email,
  GIT_COMMITTER_NAME: TEST_AUTHOR.name,
  GIT_COMMITTER_EMAIL: TEST_AUTHOR.email,
};

let cli: string;
beforeAll(async () => {
  cli = await cliPath();
});
afterAll(async () => {
  await disposeBuild();
});

/** The README's shell block that starts with `# <marker>`, runnable here (our build instead of npx). */
async function readmeHook(marker: string): Promise<string> {
  const readme = await readFile(join(import.meta.dirname, "../../../README.md"), "utf8");
  const block = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? "").find((b) => b.includes(marker));
  if (!block) throw new Error(`README.md has no sh block with '${marker}'`);
  return block.replaceAll("npx --no-install leakstop", `'${process.execPath}' '${cli}'`);
}

async function installHook(repo: GitRepo, name: string, script: string) {
  const path = join(repo.dir, ".git", "hooks", name);
  await writeFile(path, script);
  await chmod(path, 0o755);
}

/** Run git as GitRepo does, but let hooks run; resolves with the exit code and output. */
async function gitWithHooks(repo: GitRepo, ...args: string[]): Promise<{ ok: boolean; output: string }> {
  return repo.git(...args).then(
    (output) => ({ ok: true, output }),
    (e: { stderr?: string; stdout?: string }) => ({ ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` }),
  );
}

describe("leakstop scan --staged", () => {
  let repo: GitRepo;
  beforeAll(async () => {
    repo = await GitRepo.create();
  });
  afterAll(async () => {
    await repo.dispose();
  });

  it("scans what git commit would add (also before the first commit), not unstaged edits or history", async () => {
    await repo.write({ "a.js": line(tokens[0] as string) });
    await repo.git("add", "a.js");
    const first = await leakstop(["scan", "--staged", "--format", "json"], { cwd: repo.dir });
    expect(first.code, first.stderr).toBe(1);
    expect(findingsOf(first).map((x) => [x.path, x.line])).toEqual([["a.js", 1]]);
    await repo.commit("with a secret");
    // Committed: no longer staged. An unstaged edit is not what the commit adds either.
    await repo.write({ "b.js": line(tokens[1] as string) });
    expect((await leakstop(["scan", "--staged"], { cwd: repo.dir })).code).toBe(0);
    await repo.write({ "c.js": `x\n${line(tokens[1] as string)}` });
    await repo.git("add", "c.js");
    const staged = await leakstop(["scan", "--staged", "--format", "json"], { cwd: repo.dir });
    expect(findingsOf(staged).map((x) => [x.path, x.line])).toEqual([["c.js", 2]]);
    await repo.git("reset", "--quiet");
  });

  it("reads staged files git calls binary: UTF-16 ones are scanned, the rest named in a notice", async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`# deploy\r\n${line(tokens[2] as string)}`, "utf16le"),
    ]);
    await repo.write({ "deploy.ps1": utf16, "logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]) });
    await repo.git("add", "deploy.ps1", "logo.png");
    const r = await leakstop(["scan", "--staged", "--format", "json"], { cwd: repo.dir });
    expect(r.code, r.stderr).toBe(1);
    expect(findingsOf(r).map((x) => [x.path, x.line])).toEqual([["deploy.ps1", 2]]);
    expect(noticesOf(r)).toEqual(["Skipped 1 binary file (a NUL byte, no UTF-16 byte-order mark): 'logo.png'."]);
    await repo.git("reset", "--quiet");
    await repo.write({ "deploy.ps1": null, "logo.png": null });
  });

  it("the README's pre-commit hook blocks the commit, and lets a clean one through", async () => {
    await installHook(repo, "pre-commit", await readmeHook(".git/hooks/pre-commit"));
    await repo.write({ "d.js": line(tokens[2] as string) });
    await repo.git("add", "d.js");
    const blocked = await gitWithHooks(repo, "commit", "-m", "leak");
    expect(blocked.ok).toBe(false);
    expect(blocked.output).toContain("d.js:1:");
    expect(blocked.output).not.toContain((tokens[2] as string).slice(4));
    await repo.git("reset", "--quiet");
    await repo.write({ "d.js": "const octo = new Octokit({ auth: process.env.TOKEN });\n" });
    await repo.git("add", "d.js");
    expect((await gitWithHooks(repo, "commit", "-m", "clean")).ok).toBe(true);
  });
});

describe("the README's pre-push hook", () => {
  it("blocks a new branch with no upstream whose commits add a secret, and lets clean pushes through", async () => {
    const remote = await GitRepo.createBare();
    const repo = await GitRepo.create();
    try {
      await repo.git("remote", "add", "origin", remote.url);
      // An old secret already on the remote is not this push's business.
      await repo.commit("old", { "old.js": line(tokens[0] as string) });
      await repo.push("origin", ["main"]);
      await repo.git("fetch", "--quiet", "origin");
      await installHook(repo, "pre-push", await readmeHook(".git/hooks/pre-push"));
      await repo.commit("clean", { "README.md": "docs\n" });
      expect((await gitWithHooks(repo, "push", "--quiet", "origin", "main")).ok).toBe(true);

      await repo.branch("topic"); // no upstream: '@{upstream}' would fail here
      await repo.commit("leak", { "cfg.js": line(tokens[1] as string) });
      await repo.commit("hide it", { "cfg.js": "module.exports = {};\n" });
      const blocked = await gitWithHooks(repo, "push", "--quiet", "origin", "topic");
      expect(blocked.ok, blocked.output).toBe(false);
      expect(blocked.output).toContain("cfg.js:1:");
      expect(await remote.git("branch", "--list", "topic")).toBe("");

      await repo.checkout("main");
      await repo.branch("topic2");
      await repo.commit("fine", { "ok.js": "ok\n" });
      const clean = await gitWithHooks(repo, "push", "--quiet", "origin", "topic2");
      expect(clean.ok, clean.output).toBe(true);
    } finally {
      await repo.dispose();
      await remote.dispose();
    }
  });
});

describe(".pre-commit-hooks.yaml", () => {
  it("defines hooks for the pre-commit framework whose entries work", async () => {
    const text = await readFile(join(import.meta.dirname, "../../../.pre-commit-hooks.yaml"), "utf8");
    const hooks = parse(text) as Array<Record<string, unknown>>;
    expect(hooks.map((h) => [h.id, h.language, h.pass_filenames, h.stages])).toEqual([
      ["leakstop", "script", false, ["commit"]],
      ["leakstop-pre-push", "script", false, ["push"]],
    ]);
    const repo = await GitRepo.create();
    try {
      await repo.commit("leak", { "a.js": line(tokens[0] as string) });
      await repo.write({ "b.js": line(tokens[1] as string) });
      await repo.git("add", "b.js");
      for (const hook of hooks) {
        const [bin, ...args] = String(hook.entry).split(" ");
        expect(bin).toBe("dist/cli.js"); // the committed bundle, run from pre-commit's clone
        const r = await leakstop(args, { cwd: repo.dir });
        expect(r.code, `${hook.id}: ${r.stderr}`).toBe(1);
      }
    } finally {
      await repo.dispose();
    }
  });
});

/** The `pre-commit` tool (https://pre-commit.com), when installed (CI installs Debian's). */
const PRE_COMMIT = (() => {
  const r = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
})();
if (!PRE_COMMIT)
  console.log("skipping the pre-commit framework test: `pre-commit` is not installed (apt-get install pre-commit)");

describe.skipIf(!PRE_COMMIT)(
  `the pre-commit framework (${PRE_COMMIT ?? "not installed"}), as the README configures it`,
  () => {
    it("blocks a commit that stages a secret and a push of a commit that adds one, offline, from a hook repository clone", async () => {
      const home = await mkdtemp(join(tmpdir(), "leakstop-pre-commit-home-"));
      // The hook repository as pre-commit clones it: this .pre-commit-hooks.yaml and the bundle in dist/.
      const hookRepo = await GitRepo.create();
      const user = await GitRepo.create();
      const remote = await GitRepo.create();
      try {
        await cp(join(cli, ".."), join(hookRepo.dir, "dist"), { recursive: true });
        await cp(
          join(import.meta.dirname, "../../../.pre-commit-hooks.yaml"),
          join(hookRepo.dir, ".pre-commit-hooks.yaml"),
        );
        const rev = await hookRepo.commit("hooks");
        // The README's .pre-commit-config.yaml, pointed at the local hook repository.
        const readme = await readFile(join(import.meta.dirname, "../../../README.md"), "utf8");
        const config = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
          .map((m) => m[1] ?? "")
          .find((b) => b.startsWith("# .pre-commit-config.yaml"));
        if (!config) throw new Error("README.md has no .pre-commit-config.yaml block");
        await user.commit("config", {
          ".pre-commit-config.yaml": config
            .replace(/repo: \S+/, `repo: ${hookRepo.dir}`)
            .replace(/rev: \S+/, `rev: ${rev}`),
        });
        // No network: pre-commit only clones the local hook repository; HOME and its cache are fresh.
        const env = { PRE_COMMIT_HOME: home, HOME: home, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
        const run = (cmd: string, ...args: string[]) => {
          const clean: NodeJS.ProcessEnv = {};
          for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("GIT_")) clean[k] = v;
          const r = spawnSync(cmd, args, {
            cwd: user.dir,
            encoding: "utf8",
            env: { ...clean, ...env, ...gitIdentity },
            timeout: 120_000,
          });
          return { code: r.status, out: `${r.stdout}${r.stderr}` };
        };
        const installed = run("pre-commit", "install", "--hook-type", "pre-commit", "--hook-type", "pre-push");
        expect(installed.code, installed.out).toBe(0);

        // A staged secret: `git commit` runs the hook, which fails and names the finding.
        await user.write({ "app.js": line(tokens[0] as string) });
        await user.git("add", "app.js");
        const blocked = run("git", "commit", "-m", "add app");
        expect(blocked.code, blocked.out).toBe(1);
        expect(blocked.out).toMatch(/leakstop \(secrets in staged changes\)\.+Failed/);
        expect(blocked.out).toMatch(/app\.js:1:\d+\s+github-pat/);
        expect(await user.git("rev-list", "--count", "HEAD")).toBe("1");

        // A clean change commits.
        await user.git("rm", "--cached", "--quiet", "app.js");
        await user.write({ "README.md": "hello\n" });
        await user.git("add", "README.md");
        const clean = run("git", "commit", "-m", "readme");
        expect(clean.code, clean.out).toBe(0);
        expect(clean.out).toMatch(/leakstop \(secrets in staged changes\)\.+Passed/);

        // A commit made with --no-verify still cannot be pushed: the pre-push hook scans unpushed commits.
        await user.git("add", "app.js");
        await user.git("commit", "--quiet", "--no-verify", "-m", "sneak");
        await remote.git("init", "--quiet", "--bare", "-b", "main", join(remote.dir, "bare.git"));
        await user.git("remote", "add", "origin", join(remote.dir, "bare.git"));
        const pushed = run("git", "push", "origin", "HEAD:refs/heads/feature");
        expect(pushed.code, pushed.out).not.toBe(0);
        expect(pushed.out).toMatch(/leakstop \(secrets in unpushed commits\)\.+Failed/);
        const refs = spawnSync("git", ["ls-remote", join(remote.dir, "bare.git")], { encoding: "utf8" }).stdout;
        expect(refs).not.toContain("refs/heads/feature");
        for (const t of tokens) expect(blocked.out + pushed.out).not.toContain(t.slice(4, 20));
      } finally {
        await Promise.all([hookRepo.dispose(), user.dispose(), remote.dispose()]);
        await rm(home, { recursive: true, force: true });
      }
    }, 180_000);
  },
);

describe("leakstop baseline", () => {
  it("adds every current finding's fingerprint with a reason, once; new leaks are still found", async () => {
    const repo = await GitRepo.create();
    try {
      await repo.commit("old", { "a.js": line(tokens[0] as string), "src/b.js": `\n${line(tokens[1] as string)}` });
      const before = await leakstop(["scan", ".", "--format", "json"], { cwd: repo.dir });
      expect(findingsOf(before)).toHaveLength(2);
      const r = await leakstop(["baseline", "--reason", "pre-existing; rotated in JIRA-12"], { cwd: repo.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe(
        "leakstop: added 2 fingerprint(s) to '.leakstopignore'; commit it so everyone skips them.\n",
      );
      const ignore = await readFile(join(repo.dir, ".leakstopignore"), "utf8");
      const [a, b] = findingsOf(before).map((x) => x.fingerprint);
      expect(ignore).toBe(
        `${a}  # pre-existing; rotated in JIRA-12: github-pat at a.js:1\n${b}  # pre-existing; rotated in JIRA-12: github-pat at src/b.js:2\n`,
      );
      for (const t of tokens) expect(ignore).not.toContain(t.slice(4, 16));
      expect((await leakstop(["scan", "."], { cwd: repo.dir })).code).toBe(0);
      expect((await leakstop(["scan", "src"], { cwd: repo.dir })).code).toBe(0);

      // Idempotent: a second run adds nothing.
      const again = await leakstop(["baseline", ".", "--reason", "again"], { cwd: repo.dir });
      expect(again).toMatchObject({
        code: 0,
        stderr: "leakstop: nothing to add; every finding is already in '.leakstopignore'.\n",
      });
      expect(await readFile(join(repo.dir, ".leakstopignore"), "utf8")).toBe(ignore);

      await repo.write({ "c.js": line(tokens[2] as string) });
      const after = await leakstop(["scan", ".", "--format", "json"], { cwd: repo.dir });
      expect(findingsOf(after).map((x) => x.path)).toEqual(["c.js"]);

      // Missing reason: exit 2.
      const usage = await leakstop(["baseline"], { cwd: repo.dir });
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/required option '--reason <text>' not specified/);
      await rm(join(repo.dir, ".leakstopignore"));
    } finally {
      await repo.dispose();
    }
  });
});
