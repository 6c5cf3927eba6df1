/**
 * leakstop in a team's git workflow, end to end with the bundled CLI and real repositories:
 * `scan --staged` and the README's pre-commit hook, the README's pre-push hook on a branch with
 * no upstream, the pre-commit framework's hook definitions, and `leakstop baseline`.
 */
import { chmod, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Faker } from "../../../src/core/rules/fake.js";
import { GitRepo } from "../../helpers/gitrepo.js";
import { disposeBuild } from "../action/harness.js";
import { cliPath, findingsOf, leakstop, noticesOf } from "./harness.js";

const f = new Faker(9090);
const tokens = [f.githubToken("ghp_"), f.githubToken("ghp_"), f.githubToken("ghp_")];
const line = (t: string) => `const octo = new Octokit({ auth: "${t}" });\n`;

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
      ["leakstop", "node", false, ["pre-commit"]],
      ["leakstop-pre-push", "node", false, ["pre-push"]],
    ]);
    const repo = await GitRepo.create();
    try {
      await repo.commit("leak", { "a.js": line(tokens[0] as string) });
      await repo.write({ "b.js": line(tokens[1] as string) });
      await repo.git("add", "b.js");
      for (const hook of hooks) {
        const [bin, ...args] = String(hook.entry).split(" ");
        expect(bin).toBe("leakstop");
        const r = await leakstop(args, { cwd: repo.dir });
        expect(r.code, `${hook.id}: ${r.stderr}`).toBe(1);
      }
    } finally {
      await repo.dispose();
    }
  });
});

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
