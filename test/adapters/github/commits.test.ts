import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGitHubClient } from "../../../src/adapters/github/client.js";
import {
  type ApiCommit,
  commitFragments,
  dropMergeRepeats,
  firstParentChain,
  listCommits,
} from "../../../src/adapters/github/commits.js";
import type { Finding, Fragment } from "../../../src/core/types.js";
import { addedRuns } from "../../helpers/fragments.js";

/** The API fallback against nock: Octokit's real request pipeline (pagination, retries), no network. */
const API = "https://api.github.test";
const REPO = { owner: "octo-org", repo: "octo-repo" };
const PATH = `/repos/${REPO.owner}/${REPO.repo}`;
const client = () => createGitHubClient({ token: "t0k", baseUrl: API, maxRetries: 0 });
const sha = (n: number) => `${n.toString(16).padStart(6, "0")}${"f".repeat(34)}`;
const listed = (n: number, parents = 1) => ({
  sha: sha(n),
  parents: Array.from({ length: parents }, (_, i) => ({ sha: sha(n - 1 - i) })),
  commit: { author: { name: `Dev ${n}`, email: `dev${n}@example.com`, date: "2024-05-01T10:00:00Z" } },
});
/** A Link header to page `next` of `path`. */
const next = (path: string, page: number) => ({
  link: `<${API}${path}${path.includes("?") ? "&" : "?"}page=${page}>; rel="next"`,
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

async function collect(fragments: AsyncIterable<Fragment>): Promise<string[]> {
  const out: string[] = [];
  for await (const f of fragments) {
    for (const r of addedRuns(f)) out.push(`${f.path}:${r.startLine}@${f.commit?.sha.slice(0, 6)} ${r.text}`);
  }
  return out;
}

describe("listCommits", () => {
  it("follows every page of a compare", async () => {
    const scope = nock(API)
      .get(`${PATH}/compare/${sha(0)}...${sha(250)}`)
      .query({ per_page: 100 })
      .reply(
        200,
        { url: "x", total_commits: 250, commits: Array.from({ length: 100 }, (_, i) => listed(i + 1)) },
        next(`${PATH}/compare/p`, 2),
      )
      .get(`${PATH}/compare/p`)
      .query({ page: 2 })
      .reply(
        200,
        { url: "x", total_commits: 250, commits: Array.from({ length: 100 }, (_, i) => listed(i + 101)) },
        next(`${PATH}/compare/p`, 3),
      )
      .get(`${PATH}/compare/p`)
      .query({ page: 3 })
      .reply(200, { url: "x", total_commits: 250, commits: Array.from({ length: 50 }, (_, i) => listed(i + 201)) });
    const commits = await listCommits(client(), REPO, { kind: "compare", base: sha(0), head: sha(250) });
    expect(commits).toHaveLength(250);
    expect(commits[0]).toEqual({
      sha: sha(1),
      parents: 1,
      info: { sha: sha(1), authorName: "Dev 1", authorEmail: "dev1@example.com", date: "2024-05-01T10:00:00Z" },
    });
    expect(commits.at(-1)?.sha).toBe(sha(250));
    expect(scope.isDone()).toBe(true);
  });

  it("lists a pull request's commits, and compares instead when there are more than the 250 it lists", async () => {
    nock(API)
      .get(`${PATH}/pulls/5/commits`)
      .query({ per_page: 100 })
      .reply(200, [listed(1), listed(2)]);
    const small = await listCommits(client(), REPO, {
      kind: "pull",
      number: 5,
      base: sha(0),
      head: sha(2),
      commits: 2,
    });
    expect(small.map((c) => c.sha)).toEqual([sha(1), sha(2)]);

    nock(API)
      .get(`${PATH}/pulls/6/commits`)
      .query({ per_page: 100 })
      .reply(
        200,
        Array.from({ length: 100 }, (_, i) => listed(i + 1)),
        next(`${PATH}/pulls/6/commits?per_page=100`, 2),
      )
      .get(`${PATH}/pulls/6/commits`)
      .query({ per_page: 100, page: 2 })
      .reply(
        200,
        Array.from({ length: 100 }, (_, i) => listed(i + 101)),
        next(`${PATH}/pulls/6/commits?per_page=100`, 3),
      )
      .get(`${PATH}/pulls/6/commits`)
      .query({ per_page: 100, page: 3 })
      .reply(
        200,
        Array.from({ length: 50 }, (_, i) => listed(i + 201)),
      )
      .get(`${PATH}/compare/${sha(0)}...${sha(300)}`)
      .query(true)
      .times(3)
      .reply(200, (uri: string) => {
        const page = Number(new URL(uri, API).searchParams.get("page") ?? 1);
        const commits = Array.from({ length: 100 }, (_, i) => listed((page - 1) * 100 + i + 1));
        return { url: "x", total_commits: 300, commits };
      });
    const big = await listCommits(client(), REPO, {
      kind: "pull",
      number: 6,
      base: sha(0),
      head: sha(300),
      commits: 300,
    });
    expect(big).toHaveLength(300);
  });

  it("lists a whole history oldest first", async () => {
    nock(API)
      .get(`${PATH}/commits`)
      .query({ sha: sha(3), per_page: 100 })
      .reply(200, [listed(3), listed(2), listed(1, 0)]);
    const commits = await listCommits(client(), REPO, { kind: "history", head: sha(3) });
    expect(commits.map((c) => [c.sha, c.parents])).toEqual([
      [sha(1), 0],
      [sha(2), 1],
      [sha(3), 1],
    ]);
  });

  it.each([
    [403, "permissions: contents: read"],
    [404, "permissions: contents: read"],
    [401, "'github-token' input is invalid or expired"],
  ])("turns HTTP %i into a message that names the fix", async (status, fix) => {
    nock(API)
      .get(`${PATH}/compare/a...b`)
      .query(true)
      .reply(status, { message: "Resource not accessible by integration" });
    const error = await listCommits(client(), REPO, { kind: "compare", base: "a", head: "b" }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      new RegExp(`^Could not compare a\\.\\.\\.b in octo-org/octo-repo through the GitHub API \\(HTTP ${status}: `),
    );
    expect((error as Error).message).toContain(fix);
    expect((error as Error).message).not.toContain("t0k");
  });
});

describe("commitFragments", () => {
  const commit = (n: number): ApiCommit => ({
    sha: sha(n),
    parents: 1,
    info: { sha: sha(n), authorName: "A", authorEmail: "a@x", date: "2024-01-01T00:00:00Z" },
  });

  it("reads each commit's files across pages, in commit order, with a notice for files without a patch", async () => {
    const page1 = Array.from({ length: 300 }, (_, k) => ({
      filename: `f${k}.txt`,
      status: "added",
      patch: `@@ -0,0 +1 @@\n+v${k}`,
    }));
    nock(API)
      .get(`${PATH}/commits/${sha(1)}`)
      .query({ per_page: 100 })
      .delay(30) // answered last: order must still be commit order
      .reply(200, {
        ...listed(1),
        files: [{ filename: "a.txt", status: "modified", patch: "@@ -1,2 +1,3 @@\n ctx\n-old\n+new one\n+new two" }],
      })
      .get(`${PATH}/commits/${sha(2)}`)
      .query({ per_page: 100 })
      .reply(200, { ...listed(2), files: page1 }, next(`${PATH}/commits/${sha(2)}?per_page=100`, 2))
      .get(`${PATH}/commits/${sha(2)}`)
      .query({ per_page: 100, page: 2 })
      .reply(200, {
        ...listed(2),
        files: [
          { filename: "z.bin", status: "added", changes: 3 },
          { filename: "gone.txt", status: "removed", changes: 4 },
          { filename: "renamed.txt", status: "renamed", changes: 0 },
        ],
      });
    const notices: string[] = [];
    const out = await collect(
      commitFragments(client(), REPO, [commit(1), commit(2)], { onNotice: (n) => notices.push(n) }),
    );
    expect(out.slice(0, 2)).toEqual([
      `a.txt:2@${sha(1).slice(0, 6)} new one\nnew two`,
      `f0.txt:1@${sha(2).slice(0, 6)} v0`,
    ]);
    expect(out).toHaveLength(301);
    expect(notices).toEqual([
      `z.bin in commit ${sha(2).slice(0, 7)}: the GitHub API gives no diff (binary or too large), not scanned`,
    ]);
  });

  it("says when a commit reaches GitHub's 3000-file limit", async () => {
    const files = Array.from({ length: 3000 }, (_, k) => ({
      filename: `f${k}`,
      status: "added",
      patch: "@@ -0,0 +1 @@\n+x",
    }));
    nock(API)
      .get(`${PATH}/commits/${sha(1)}`)
      .query(true)
      .reply(200, { ...listed(1), files });
    const notices: string[] = [];
    await collect(commitFragments(client(), REPO, [commit(1)], { onNotice: (n) => notices.push(n) }));
    expect(notices[0]).toContain("the GitHub API lists only 3000");
  });
});

describe("dropMergeRepeats", () => {
  const finding = (commitSha: string, fp: string) =>
    ({ fingerprint: fp, commit: { sha: commitSha } }) as unknown as Finding;
  it("drops a merge's repeat of a merged commit's finding, keeps what only the merge has", () => {
    const commits = [
      { sha: "m", parents: 2 },
      { sha: "c", parents: 1 },
    ] as ApiCommit[];
    const kept = dropMergeRepeats([finding("c", "x"), finding("m", "x"), finding("m", "only-merge")], commits);
    expect(kept.map((f) => `${f.commit?.sha}:${f.fingerprint}`)).toEqual(["c:x", "m:only-merge"]);
  });
});

describe("firstParentChain", () => {
  it("follows first parents within one bounded page, past a merge's second parent", async () => {
    // 9 is a merge of 8 (first parent) and 5; the list, newest first by date, interleaves them.
    const page = [listed(9, 2), listed(5), listed(8), listed(4), listed(7), listed(6)];
    const scope = nock(API).get(`${PATH}/commits`).query({ sha: "main", per_page: 4 }).reply(200, page);
    expect(await firstParentChain(client(), REPO, "main", 3)).toEqual([sha(9), sha(8), sha(7), sha(6)]);
    scope.done();
  });

  it("stops where a first parent is not on the page", async () => {
    nock(API)
      .get(`${PATH}/commits`)
      .query(true)
      .reply(200, [listed(9), listed(8)]);
    expect(await firstParentChain(client(), REPO, sha(9), 20)).toEqual([sha(9), sha(8)]);
  });

  it("names the permission when the list is refused", async () => {
    nock(API).get(`${PATH}/commits`).query(true).reply(403, { message: "Resource not accessible by integration" });
    await expect(firstParentChain(client(), REPO, "main", 20)).rejects.toThrow(/contents: read/);
  });
});
