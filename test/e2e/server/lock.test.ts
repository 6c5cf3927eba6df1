/**
 * One response per credential: two deliveries about the same alert at once (its `created` and
 * `validated`) make one rotation and one issue; the second waits, then finds the alert resolved.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Faker } from "../../../src/core/rules/fake.js";
import { GitHubDouble } from "../../helpers/github-double.js";
import { alertPayload, deliver, FakeResponder, startTestService, type TestService, waitFor } from "./harness.js";

const REPO = "octo-org/octo-repo";
const f = new Faker(515);

let api: GitHubDouble;
let t: TestService | undefined;
beforeEach(async () => {
  api = await GitHubDouble.start();
});
afterEach(async () => {
  await t?.stop();
  t = undefined;
  await api.close();
});

function addAlert(number: number, secret: string) {
  api.addAlert(REPO, {
    number,
    secret,
    secret_type: "github_personal_access_token",
    secret_type_display_name: "GitHub Personal Access Token",
    validity: "active",
    locations: [],
  });
}

describe("the lock per credential", () => {
  it("serializes two deliveries for the same alert: one response, the other finds it resolved", async () => {
    addAlert(1, f.githubToken("ghp_"));
    const responder = new FakeResponder();
    responder.delayInMs = 300;
    t = await startTestService({ GITHUB_API_URL: api.url }, { responder });
    const [a, b] = await Promise.all([
      deliver(t.url, "secret_scanning_alert", alertPayload("created", 1)),
      deliver(t.url, "secret_scanning_alert", alertPayload("validated", 1, { validity: "active" })),
    ]);
    const processed = () => t?.logs.filter((l) => l.includes('"processed"')) ?? [];
    await waitFor(() => processed().length === 2, "both deliveries");
    expect(responder.calls).toHaveLength(1);
    expect(api.alert(REPO, 1)?.state).toBe("resolved");
    const outcomes = processed().map((l) => JSON.parse(l) as { delivery: string; outcome: string });
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["already-resolved", "rotated"]);
    expect(new Set(outcomes.map((o) => o.delivery))).toEqual(new Set([a.id, b.id]));
  });

  it("lets different credentials respond at the same time", async () => {
    addAlert(2, f.githubToken("ghp_"));
    addAlert(3, f.githubToken("ghp_"));
    const responder = new FakeResponder();
    responder.delayInMs = 400;
    t = await startTestService({ GITHUB_API_URL: api.url }, { responder });
    await Promise.all([
      deliver(t.url, "secret_scanning_alert", alertPayload("created", 2)),
      deliver(t.url, "secret_scanning_alert", alertPayload("created", 3)),
    ]);
    await waitFor(() => (t?.logs.filter((l) => l.includes('"processed"')).length ?? 0) === 2, "both deliveries");
    expect(responder.calls).toHaveLength(2);
    // Overlapping, not one after the other: the lock is per credential, not global.
    expect(responder.maxInFlight).toBe(2);
  });
});
