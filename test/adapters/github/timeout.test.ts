/** Every GitHub request ends: a hung API gives a clear error after the time limit, not a wait. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GitHubClient, LeakstopOctokit } from "../../../src/adapters/github/client.js";
import { GitHubDouble } from "../../helpers/github-double.js";

let api: GitHubDouble;
let client: GitHubClient;
beforeAll(async () => {
  api = await GitHubDouble.start();
  client = new LeakstopOctokit({
    baseUrl: api.url,
    auth: "test-token",
    throttle: { enabled: false },
    retry: { enabled: false },
    requestTimeoutInMs: 300,
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  } as ConstructorParameters<typeof LeakstopOctokit>[0]) as GitHubClient;
});
afterAll(() => api.close());

describe("GitHub request timeout", () => {
  it("gives up on a request that is not answered in time, with a retryable status", async () => {
    api.delay(/\/repos\/o\/r$/, 5000);
    // The double answers only after 5 s: an error naming the 300 ms limit is the timeout firing.
    const error = await client.rest.repos.get({ owner: "o", repo: "r" }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 504,
      message: "GitHub did not answer GET /repos/{owner}/{repo} within 300 ms.",
    });
  });

  it("still honours the caller's own abort", async () => {
    api.delay(/\/repos\/o\/s$/, 5000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("shutting down")), 50);
    const error = await client.rest.repos
      .get({ owner: "o", repo: "s", request: { signal: controller.signal } })
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).not.toContain("did not answer");
  });
});
