/**
 * `npm run release -- X.Y.Z` on a scratch clone of this project with a bare remote (real git):
 * version everywhere, changelog, dist/ rebuilt with the version, commit, tag vX.Y.Z, the major
 * tag moved (not for a pre-release), everything pushed — and a refusal that changes nothing.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const exec = promisify(execFile);
const root = new URL("../..", import.meta.url).pathname;

let dir: string;
let clone: string;
let remote: string;

/** git without the caller's configuration or hook environment. */
function git(cwd: string, ...args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("GIT_")) env[k] = v;
  Object.assign(env, { GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" });
  return exec("git", args, { cwd, env }).then((r) => r.stdout.trim());
}

async function release(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("GIT_")) env[k] = v;
  Object.assign(env, { GIT_CONFIG_GLOBAL: join(dir, "gitconfig"), GIT_CONFIG_NOSYSTEM: "1" });
  return exec(process.execPath, ["scripts/release.mjs", ...args], { cwd: clone, env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

async function addChangelogEntry(line: string): Promise<void> {
  const path = join(clone, "CHANGELOG.md");
  const text = await readFile(path, "utf8");
  await writeFile(path, text.replace("## [Unreleased]\n", `## [Unreleased]\n\n### Fixed\n- ${line}\n`));
  await git(clone, "commit", "--quiet", "-am", `changelog: ${line}`);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leakstop-release-"));
  await writeFile(join(dir, "gitconfig"), "[user]\n\tname = Maintainer\n\temail = maintainer@example.com\n");
  remote = join(dir, "remote.git");
  clone = join(dir, "clone");
  await git(dir, "init", "--quiet", "--bare", "--initial-branch=main", remote);
  // The project as a maintainer's clone holds it: what the release reads and rebuilds.
  for (const p of ["package.json", "package-lock.json", "CHANGELOG.md", "src", "scripts"]) {
    await cp(join(root, p), join(clone, p), { recursive: true });
  }
  await writeFile(join(clone, ".gitignore"), "node_modules\n");
  await symlink(join(root, "node_modules"), join(clone, "node_modules"));
  await git(clone, "init", "--quiet", "--initial-branch=main");
  await git(clone, "config", "user.name", "Maintainer");
  await git(clone, "config", "user.email", "maintainer@example.com");
  await git(clone, "add", ".");
  await git(clone, "commit", "--quiet", "-m", "the project");
  await git(clone, "remote", "add", "origin", remote);
  await git(clone, "push", "--quiet", "origin", "main");
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("npm run release", () => {
  it("releases 1.0.0: versions, changelog, dist/, commit, tags v1.0.0 and v1, pushed", async () => {
    const r = await release("1.0.0", "--date", "2026-01-02");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("tagged v1.0.0, moved v1, pushed to origin");

    const head = await git(remote, "rev-parse", "main");
    expect(await git(remote, "rev-parse", "v1.0.0^{commit}")).toBe(head);
    expect(await git(remote, "rev-parse", "v1^{commit}")).toBe(head);
    expect(await git(remote, "log", "-1", "--format=%s", "main")).toBe("Release v1.0.0");
    const show = (path: string) => git(remote, "show", `v1.0.0:${path}`);
    expect(JSON.parse(await show("package.json")).version).toBe("1.0.0");
    expect(JSON.parse(await show("package-lock.json")).packages[""].version).toBe("1.0.0");
    expect(await show("src/version.ts")).toContain('export const VERSION = "1.0.0";');
    // What `uses: …@v1` and `npx leakstop` run says the new version.
    const { stdout } = await exec(process.execPath, [join(clone, "dist/cli.js"), "--version"]);
    expect(stdout.trim()).toBe("1.0.0");
    expect(await git(remote, "ls-tree", "--name-only", "v1.0.0", "dist/")).toContain("dist/cli.js");
    const changelog = await show("CHANGELOG.md");
    expect(changelog).toMatch(/## \[Unreleased\]\n\n## \[1\.0\.0\] - 2026-01-02\n\n### Added\n/);
    expect(await git(clone, "status", "--porcelain", "--untracked-files=no")).toBe("");
  });

  it("refuses, changing nothing, a version that is not newer, an empty changelog, a dirty tree", async () => {
    const before = await git(clone, "rev-parse", "HEAD");
    const same = await release("1.0.0");
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("1.0.0 is not newer than package.json's 1.0.0");
    const empty = await release("1.0.1");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("no entries under '## [Unreleased]'");
    await writeFile(join(clone, "CHANGELOG.md"), "# edited\n");
    const dirty = await release("1.0.1");
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toContain("uncommitted changes");
    await git(clone, "checkout", "--", "CHANGELOG.md");
    expect(await git(clone, "rev-parse", "HEAD")).toBe(before);
    expect(await git(clone, "status", "--porcelain", "--untracked-files=no")).toBe("");
  });

  it("moves v1 to 1.1.0, but leaves it on 1.1.0 for the pre-release 1.2.0-rc.1", async () => {
    await addChangelogEntry("a fix");
    expect((await release("1.1.0", "--date", "2026-02-03")).code).toBe(0);
    const stable = await git(remote, "rev-parse", "v1.1.0^{commit}");
    expect(await git(remote, "rev-parse", "v1^{commit}")).toBe(stable);
    expect(await git(remote, "rev-parse", "v1.0.0^{commit}")).not.toBe(stable);

    await addChangelogEntry("another fix");
    const rc = await release("1.2.0-rc.1", "--date", "2026-03-04");
    expect(rc.code).toBe(0);
    expect(rc.stdout).toContain("npm publish --tag next");
    expect(await git(remote, "rev-parse", "v1.2.0-rc.1^{commit}")).toBe(await git(remote, "rev-parse", "main"));
    expect(await git(remote, "rev-parse", "v1^{commit}")).toBe(stable);
  });
});
