import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGitHubClient, LeakstopOctokit } from "../../../src/adapters/github/client.js";
import { createGitHubIssueTracker } from "../../../src/adapters/github/issues.js";
import { incidentMarker, issueMarker } from "../../../src/remediation/issue.js";

const API = "https://api.github.com";
const FP = "0123456789abcdef0123456789abcdef";

function tracker(log?: (l: string) => void) {
  // The production client, minus throttling's deliberate pauses between writes (1-3 s each).
  const client = new LeakstopOctokit({
    auth: "test-token-not-real",
    baseUrl: API,
    throttle: { enabled: false },
    retry: { enabled: false },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  } as ConstructorParameters<typeof LeakstopOctokit>[0]);
  return createGitHubIssueTracker(client, { repository: "acme/security", ...(log ? { log } : {}) });
}

const issue = (number: number, body: string, extra: object = {}) => ({
  number,
  body,
  state: "open",
  html_url: `https://github.com/acme/security/issues/${number}`,
  ...extra,
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("GitHub issue tracker (nock)", () => {
  it("finds a closed issue by its marker on a later page, skipping pull requests", async () => {
    const scope = nock(API)
      .get("/repos/acme/security/issues")
      .query({ labels: "leakstop", state: "all", per_page: "100" })
      .reply(200, [issue(1, "other"), issue(2, issueMarker(FP), { pull_request: {} })], {
        link: `<${API}/repos/acme/security/issues?labels=leakstop&state=all&per_page=100&page=2>; rel="next"`,
      })
      .get("/repos/acme/security/issues")
      .query({ labels: "leakstop", state: "all", per_page: "100", page: "2" })
      .reply(200, [issue(3, `${issueMarker(FP)}\nbody`, { state: "closed" })]);
    expect(await tracker().findIssue({ fingerprint: FP })).toEqual({
      number: 3,
      url: "https://github.com/acme/security/issues/3",
      state: "closed",
    });
    expect(scope.isDone()).toBe(true);
  });

  it("prefers the issue with the incident marker to an older one with the fingerprint marker", async () => {
    nock(API)
      .get("/repos/acme/security/issues")
      .query(true)
      .reply(200, [issue(2, `${issueMarker(FP)}\nold`), issue(5, `${incidentMarker("k123")}\nnew`)]);
    expect(await tracker().findIssue({ incident: "k123", fingerprint: FP })).toMatchObject({ number: 5 });
    nock(API)
      .get("/repos/acme/security/issues")
      .query(true)
      .reply(200, [issue(2, `${issueMarker(FP)}\nold`)]);
    expect(await tracker().findIssue({ incident: "k123", fingerprint: FP })).toMatchObject({ number: 2 });
  });

  it("returns undefined when no issue carries the marker", async () => {
    nock(API)
      .get("/repos/acme/security/issues")
      .query(true)
      .reply(200, [issue(1, "x")]);
    expect(await tracker().findIssue({ fingerprint: FP })).toBeUndefined();
  });

  it("creates with labels, then assigns; a failed assignment is logged and ignored", async () => {
    const bodies: unknown[] = [];
    const scope = nock(API)
      .post("/repos/acme/security/issues", (b) => {
        bodies.push(b);
        return true;
      })
      .reply(201, issue(7, "b"))
      .post("/repos/acme/security/issues/7/assignees", { assignees: ["not-a-collaborator"] })
      .reply(422, { message: "Validation Failed" });
    const logs: string[] = [];
    const ref = await tracker((l) => logs.push(l)).create("title", "body", {
      labels: ["security"],
      assignees: ["not-a-collaborator"],
    });
    expect(ref).toEqual({ number: 7, url: "https://github.com/acme/security/issues/7", state: "open" });
    expect(bodies[0]).toEqual({ title: "title", body: "body", labels: ["leakstop", "security"] });
    expect(logs[0]).toMatch(/could not assign issue #7 to not-a-collaborator/);
    expect(scope.isDone()).toBe(true);
  });

  it("comments on an existing issue", async () => {
    nock(API)
      .post("/repos/acme/security/issues/3/comments", { body: "again" })
      .reply(201, { html_url: "https://github.com/acme/security/issues/3#issuecomment-1" });
    expect(await tracker().comment(3, "again")).toEqual({
      url: "https://github.com/acme/security/issues/3#issuecomment-1",
    });
  });

  it("keeps one comment per key: a keyed comment is created once, then updated in place", async () => {
    const marker = "<!-- leakstop:comment=delivery-9e22ba94 -->";
    const other = { id: 7, body: "someone else's comment", html_url: "https://github.com/acme/security/issues/3#c7" };
    nock(API)
      .get("/repos/acme/security/issues/3/comments")
      .query({ per_page: 100 })
      .reply(200, [other])
      .post("/repos/acme/security/issues/3/comments", { body: `${marker}\nstill failing` })
      .reply(201, { id: 8, html_url: "https://github.com/acme/security/issues/3#c8" });
    expect(await tracker().comment(3, "still failing", { key: "delivery-9e22ba94" })).toEqual({
      url: "https://github.com/acme/security/issues/3#c8",
    });
    nock(API)
      .get("/repos/acme/security/issues/3/comments")
      .query({ per_page: 100 })
      .reply(200, [
        other,
        { id: 8, body: `${marker}\nstill failing`, html_url: "https://github.com/acme/security/issues/3#c8" },
      ])
      .patch("/repos/acme/security/issues/comments/8", { body: `${marker}\nrevoked now` })
      .reply(200, { id: 8, html_url: "https://github.com/acme/security/issues/3#c8" });
    expect(await tracker().comment(3, "revoked now", { key: "delivery-9e22ba94" })).toEqual({
      url: "https://github.com/acme/security/issues/3#c8",
    });
    expect(nock.isDone()).toBe(true);
  });

  it("keeps a hostile key from ending its HTML comment", async () => {
    nock(API).get("/repos/acme/security/issues/3/comments").query({ per_page: 100 }).reply(200, []);
    nock(API)
      .post(
        "/repos/acme/security/issues/3/comments",
        (b: { body: string }) => !b.body.split("\n")[0]?.slice(4, -3).includes(">"),
      )
      .reply(201, { id: 9, html_url: "https://github.com/acme/security/issues/3#c9" });
    await tracker().comment(3, "x", { key: "run--><img src=x>" });
    expect(nock.isDone()).toBe(true);
  });

  it("rejects a repository that is not owner/repo", () => {
    const client = createGitHubClient({ token: "t", baseUrl: API });
    expect(() => createGitHubIssueTracker(client, { repository: "acme" })).toThrow(/'acme' is not 'owner\/repo'/);
  });
});
