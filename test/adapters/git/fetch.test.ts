import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findClone, GitRemote, isAncestor, prepareHistory, remoteFor } from "../../../src/adapters/git/fetch.js";
import { gitRangeFragments } from "../../../src/adapters/git/range.js";
import { addedRuns } from "../../helpers/fragments.js";
import { GitRepo } from "../../helpers/gitrepo.js";

/**
 * Fetching what a scan needs into the clone actions/checkout leaves (`fetch-depth: 1`), with a
 * real bare "remote" and real shallow clones.
 */
const repos: GitRepo[] = [];
const temps: string[] = [];
afterEach(async () => {
  for (const r of repos.splice(0)) await r.dispose();
  for (const t of temps.splice(0)) await rm(t, { recursive: true, force: true });
});

async function world() {
  const dev = await GitRepo.create();
  const remote = await GitRepo.createBare();
  repos.push(dev, remote);
  return { dev, remote };
}

async function clone(url: string, sha: string, ref = "refs/heads/main"): Promise<GitRepo> {
  const c = await GitRepo.checkoutLike(url, sha, ref);
  repos.push(c);
  return c;
}

async function scan(cwd: string, head: string, exclude: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const f of gitRangeFragments({ cwd, include: [head], exclude })) {
    for (const r of addedRuns(f)) out.push(`${f.path}:${r.startLine} ${r.text}`);
  }
  return out;
}

describe("prepareHistory", () => {
  it("fetches the base of a push so the first new commit is diffed, not read as a whole tree", async () => {
    const { dev, remote } = await world();
    await dev.commit("one", { "big.txt": "old line 1\nold line 2\n" });
    const before = await dev.commit("two", { "a.txt": "a\n" });
    const after = await dev.commit("three", { "a.txt": "a\nnew\n" });
    await dev.push(remote.url, ["main"]);
    const ws = await clone(remote.url, after);
    // What a naive scan of the shallow clone sees: the boundary commit's whole tree.
    expect(await scan(ws.dir, after, [])).toEqual(["a.txt:1 a\nnew", "big.txt:1 old line 1\nold line 2"]);

    const logs: string[] = [];
    const prepared = await prepareHistory(new GitRemote({ cwd: ws.dir, log: (l) => logs.push(l) }), {
      head: after,
      exclude: [before],
    });
    expect(prepared).toEqual({ head: after, exclude: [before], unavailable: [], commits: 1 });
    expect(await scan(ws.dir, prepared.head, prepared.exclude)).toEqual(["a.txt:2 new"]);
    // The base and the first deepening in one round trip.
    expect(logs).toEqual(["git fetch --deepen=32 (1 commit(s))"]);
  });

  it("deepens past 32 commits until it meets the baseline", async () => {
    const { dev, remote } = await world();
    const base = await dev.commit("base", { "base.txt": "b\n" });
    await dev.push(remote.url, ["main"]);
    await dev.branch("long");
    let head = base;
    for (let i = 0; i < 40; i++) head = await dev.commit(`c${i}`, { [`f${i}.txt`]: `${i}\n` });
    await dev.push(remote.url, ["long"]);
    const ws = await clone(remote.url, head, "refs/heads/long");
    const logs: string[] = [];
    const prepared = await prepareHistory(new GitRemote({ cwd: ws.dir, log: (l) => logs.push(l) }), {
      head,
      exclude: [base],
    });
    expect(prepared.commits).toBe(40);
    expect(logs).toContain("git fetch --deepen=256 (2 commit(s))");
    const found = await scan(ws.dir, head, prepared.exclude);
    expect(found).toHaveLength(40);
    expect(found.join("\n")).not.toContain("base.txt");
  });

  it("fetches the whole history when nothing is excluded (a root commit is complete only then)", async () => {
    const { dev, remote } = await world();
    await dev.commit("root", { "r.txt": "root\n" });
    const head = await dev.commit("two", { "t.txt": "two\n" });
    await dev.push(remote.url, ["main"]);
    const ws = await clone(remote.url, head);
    const prepared = await prepareHistory(new GitRemote({ cwd: ws.dir }), { head, exclude: [] });
    expect(prepared.commits).toBe(2);
    expect(await ws.git("rev-parse", "--is-shallow-repository")).toBe("false");
  });

  it("reports a baseline the remote does not have, and still prepares the head", async () => {
    const { dev, remote } = await world();
    const head = await dev.commit("one", { "a.txt": "a\n" });
    await dev.push(remote.url, ["main"]);
    const ws = await clone(remote.url, head);
    const missing = "1234567890".repeat(4);
    const prepared = await prepareHistory(new GitRemote({ cwd: ws.dir }), { head, exclude: [missing] });
    expect(prepared.unavailable).toEqual([missing]);
    expect(prepared.exclude).toEqual([]);
    expect(prepared.commits).toBe(1);
  });

  it("fails with a message naming the remote and the fix when the head cannot be fetched", async () => {
    const { dev, remote } = await world();
    const head = await dev.commit("one", { "a.txt": "a\n" });
    await dev.push(remote.url, ["main"]);
    const ws = await clone(remote.url, head);
    const auth = { token: "very-secret-token-value", serverUrl: "https://github.com" };
    const error = await prepareHistory(new GitRemote({ cwd: ws.dir, auth }), {
      head: "9".repeat(40),
      exclude: [],
    }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      /^Could not fetch commit 999999999999 from remote 'origin': .*'github-token'/,
    );
    expect((error as Error).message).not.toContain(auth.token);
  });

  it("uses a clone that already has everything without fetching", async () => {
    const { dev } = await world();
    const base = await dev.commit("one", { "a.txt": "a\n" });
    const head = await dev.commit("two", { "b.txt": "b\n" });
    const logs: string[] = [];
    const prepared = await prepareHistory(
      new GitRemote({ cwd: dev.dir, remote: "/nonexistent", log: (l) => logs.push(l) }),
      {
        head,
        exclude: [base],
      },
    );
    expect(prepared.commits).toBe(1);
    expect(logs).toEqual([]);
    expect(await isAncestor(base, head, { cwd: dev.dir })).toBe(true);
    expect(await isAncestor(head, base, { cwd: dev.dir })).toBe(false);
  });
});

describe("GitRemote", () => {
  it("lists branches and tags, annotated tags peeled to their commit", async () => {
    const { dev, remote } = await world();
    const c1 = await dev.commit("one", { "a.txt": "a\n" });
    await dev.git("tag", "-a", "-m", "release", "v1");
    await dev.git("tag", "light");
    await dev.branch("dev");
    const c2 = await dev.commit("two", { "b.txt": "b\n" });
    await dev.push(remote.url, ["main", "dev", "v1", "light"]);
    const ws = await clone(remote.url, c1);
    const refs = await new GitRemote({ cwd: ws.dir }).listRefs();
    expect(refs.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: "refs/heads/dev", sha: c2 },
      { name: "refs/heads/main", sha: c1 },
      { name: "refs/tags/light", sha: c1 },
      { name: "refs/tags/v1", sha: c1 },
    ]);
  });

  it("retries with the token in git's environment (never in its arguments) when a fetch needs it", async () => {
    const { dev, remote } = await world();
    const head = await dev.commit("one", { "a.txt": "a\n" });
    await dev.push(remote.url, ["main"]);
    const ws = await clone(remote.url, head);
    // A git that refuses network commands without an auth header in its config environment.
    const dir = await mkdtemp(join(tmpdir(), "leakstop-fakegit-"));
    temps.push(dir);
    const log = join(dir, "calls.log");
    const fake = join(dir, "git");
    await writeFile(
      fake,
      `#!/bin/sh
case "$1" in fetch|ls-remote)
  echo "args=$* key=\${GIT_CONFIG_KEY_0:-none} value=\${GIT_CONFIG_VALUE_0:-none}" >> "${log}"
  if [ -z "$GIT_CONFIG_VALUE_0" ]; then echo "fatal: Authentication failed" >&2; exit 128; fi
  unset GIT_CONFIG_COUNT GIT_CONFIG_KEY_0 GIT_CONFIG_VALUE_0;;
esac
exec git "$@"
`,
    );
    await chmod(fake, 0o755);
    const token = "tok-12345";
    const gitRemote = new GitRemote({ cwd: ws.dir, gitPath: fake, auth: { token, serverUrl: "https://github.com/" } });
    expect(await gitRemote.listRefs()).toEqual([{ name: "refs/heads/main", sha: head }]);
    await gitRemote.listRefs();
    const calls = (await readFile(log, "utf8")).trim().split("\n");
    const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}`;
    expect(calls).toEqual([
      "args=ls-remote --heads --tags origin key=none value=none",
      `args=ls-remote --heads --tags origin key=http.https://github.com/.extraheader value=${header}`,
      // Once a token was needed, it is used right away.
      `args=ls-remote --heads --tags origin key=http.https://github.com/.extraheader value=${header}`,
    ]);
    for (const call of calls) expect(call.split(" key=")[0]).not.toContain(token);
  });
});

describe("helpers", () => {
  it("knows a work tree and the remote to use", async () => {
    const { dev, remote } = await world();
    const head = await dev.commit("one", { "a.txt": "a\n" });
    await dev.push(remote.url, ["main"]);
    const ws = await clone(remote.url, head);
    expect(await findClone(ws.dir)).toEqual({ shallowFile: join(ws.dir, ".git", "shallow") });
    const empty = await mkdtemp(join(tmpdir(), "leakstop-empty-"));
    temps.push(empty);
    expect(await findClone(empty)).toBeUndefined();
    expect(await remoteFor(ws.dir, "https://github.com/o/r.git")).toBe("origin");
    expect(await remoteFor(dev.dir, "https://github.com/o/r.git")).toBe("https://github.com/o/r.git");
  });
});
