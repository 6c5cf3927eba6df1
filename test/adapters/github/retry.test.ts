/**
 * GitHub retries through the production client (createGitHubClient) against the GitHub double:
 * server errors and rate limits are retried, a missing permission is not, and a wait for a
 * `Retry-After` ends the moment the caller aborts (a shutdown must not sit out GitHub's minute).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubClient } from "../../../src/adapters/github/client.js";
import { retryWaitInMs } from "../../../src/adapters/github/retry.js";
import { waitFor } from "../../e2e/server/harness.js";
import { GitHubDouble } from "../../helpers/github-double.js";

let api: GitHubDouble;
const logs: string[] = [];
beforeAll(async () => {
  api = await GitHubDouble.start();
});
afterAll(() => api.close());

const client = () => createGitHubClient({ token: "test-token", baseUrl: api.url, log: (l) => logs.push(l) });
const tries = (path: string) => api.requests.filter((r) => r.path === path).length;

describe("GitHub retries", () => {
  it("retries a 429 after the Retry-After GitHub names, then succeeds", async () => {
    api.failWith(/\/repos\/o\/limited$/, 429, "Too many requests", { times: 1, headers: { "retry-after": "0" } });
    const error = await client()
      .rest.repos.get({ owner: "o", repo: "limited" })
      .catch((e: unknown) => e);
    // The double has no such repository: a 404 after the retry is the second try's answer.
    expect(error).toMatchObject({ status: 404 });
    expect(tries("/repos/o/limited")).toBe(2);
    expect(logs.some((l) => l.includes("with 429; retrying in 0s"))).toBe(true);
  });

  it("does not retry a 403 that is no rate limit (a missing permission)", async () => {
    api.failWith(/\/repos\/o\/forbidden$/, 403, "Resource not accessible by integration", { times: 1 });
    const error = await client()
      .rest.repos.get({ owner: "o", repo: "forbidden" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403 });
    expect(tries("/repos/o/forbidden")).toBe(1);
  });

  it.each([
    ["a 429 with Retry-After", 429, "Too many requests", { "retry-after": "600" }],
    ["a secondary rate limit", 403, "You have exceeded a secondary rate limit", { "retry-after": "600" }],
    [
      "a primary rate limit",
      403,
      "API rate limit exceeded",
      { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 600) },
    ],
    ["a 5xx (backoff 1 s, 4 s, 9 s)", 502, "Bad gateway", {}],
  ] as const)("ends the wait after %s as soon as the caller aborts", async (_what, status, message, headers) => {
    const repo = `wait-${status}-${Object.keys(headers).length}`;
    api.failWith(new RegExp(`/repos/o/${repo}$`), status, message, { headers });
    const controller = new AbortController();
    const pending = client()
      .rest.repos.get({ owner: "o", repo, request: { signal: controller.signal } })
      .catch((e: unknown) => e);
    await waitFor(() => tries(`/repos/o/${repo}`) === 1, "the first try");
    const reason = new Error("leakstop is shutting down");
    controller.abort(reason);
    // A wait that ignored the signal would hold this for 10 minutes (or 14 s for the 5xx):
    // the test's own time limit fails it.
    expect(await pending).toBe(reason);
    expect(tries(`/repos/o/${repo}`)).toBe(1);
  });
});

describe("retryWaitInMs", () => {
  const options = { retries: 3, doNotRetry: [400, 401, 403, 404, 410, 422, 451], retryAfterBaseValue: 1000 };
  const answered = (status: number, headers: Record<string, string> = {}, message = "x") => ({
    status,
    message,
    request: {},
    response: { headers },
  });

  it("waits as GitHub says for rate limits and backs off for server errors", () => {
    const now = 1_700_000_000_000;
    expect(retryWaitInMs(answered(429, { "retry-after": "30" }), 0, options, now)).toBe(30_000);
    expect(
      retryWaitInMs(
        answered(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 5) }),
        0,
        options,
        now,
      ),
    ).toBe(6000);
    expect(retryWaitInMs(answered(403, {}, "You have exceeded a secondary rate limit"), 0, options, now)).toBe(60_000);
    expect([0, 1, 2].map((n) => retryWaitInMs(answered(503), n, options, now))).toEqual([1000, 4000, 9000]);
  });

  it("does not retry what waiting cannot fix", () => {
    expect(retryWaitInMs(answered(403), 0, options)).toBeUndefined();
    expect(retryWaitInMs(answered(422), 0, options)).toBeUndefined();
    // No HTTP exchange: an abort, or this adapter's own time limit.
    expect(retryWaitInMs(Object.assign(new Error("aborted"), { status: 500 }), 0, options)).toBeUndefined();
  });
});
