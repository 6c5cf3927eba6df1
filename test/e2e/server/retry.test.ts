/**
 * Transient failures are not final: a response whose rotation failed (a Key Vault outage) is
 * retried with backoff until it succeeds, and only dead-lettered, visibly, when it never does.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Faker } from "../../../src/core/rules/fake.js";
import type { LeakResponse } from "../../../src/entrypoints/server/responder.js";
import { GitHubDouble } from "../../helpers/github-double.js";
import { alertPayload, deliver, FakeResponder, startTestService, type TestService, waitFor } from "./harness.js";

const REPO = "octo-org/octo-repo";
const SECRET = new Faker(77).githubToken("ghp_");
const FAILED: LeakResponse = { outcome: "failed", revoked: false, rotated: 0, failures: 1, issueUrl: "https://x/1" };

let api: GitHubDouble;
let t: TestService | undefined;
beforeEach(async () => {
  api = await GitHubDouble.start();
  api.addAlert(REPO, {
    number: 1,
    secret: SECRET,
    secret_type: "github_personal_access_token",
    secret_type_display_name: "GitHub Personal Access Token",
    validity: "active",
    locations: [],
  });
});
afterEach(async () => {
  await t?.stop();
  t = undefined;
  await api.close();
});

/** Fails `failures` times, then rotates. */
class FlakyResponder extends FakeResponder {
  constructor(private failures: number) {
    super();
  }
  override async respondToLeak(...args: Parameters<FakeResponder["respondToLeak"]>): Promise<LeakResponse> {
    const answer = await super.respondToLeak(...args);
    return this.failures-- > 0 ? FAILED : answer;
  }
}

describe("a failed rotation", () => {
  it("is retried with backoff until it succeeds; then the alert is resolved", async () => {
    const responder = new FlakyResponder(2);
    t = await startTestService({ GITHUB_API_URL: api.url }, { responder });
    await deliver(t.url, "secret_scanning_alert", alertPayload("created", 1));
    await waitFor(() => t?.logs.some((l) => l.includes('"processed"')) ?? false, "the delivery to be processed");
    expect(api.alert(REPO, 1)?.state).toBe("resolved");
    expect(responder.calls).toHaveLength(3);
    expect(t.service.metrics.processed.get({ event: "secret_scanning_alert", outcome: "retry" })).toBe(2);
    expect(t.service.metrics.processed.get({ event: "secret_scanning_alert", outcome: "rotated" })).toBe(1);
  });

  it("is dead-lettered when it keeps failing, and shows in /metrics and the logs", async () => {
    const responder = new FlakyResponder(Number.POSITIVE_INFINITY);
    t = await startTestService({ GITHUB_API_URL: api.url, LEAKSTOP_MAX_ATTEMPTS: "3" }, { responder });
    const r = await deliver(t.url, "secret_scanning_alert", alertPayload("created", 1));
    await waitFor(() => t?.logs.some((l) => l.includes("dead-lettered") && l.includes(r.id)) ?? false, "dead-letter");
    expect(responder.calls).toHaveLength(3);
    expect(api.alert(REPO, 1)?.state).toBe("open");
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toContain('leakstop_deliveries_processed_total{event="secret_scanning_alert",outcome="dead"} 1');
    expect(metrics).toContain('leakstop_queue_depth{state="dead"} 1');
  });
});
