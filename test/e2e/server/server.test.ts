/**
 * The webhook responder over real HTTP with signed deliveries, a GitHub API double, and an
 * in-memory fake of the Responder port: receiving (signatures, limits, dedupe, unknown events),
 * handling (alerts, pushes, retries), and operating (logs, health, metrics, shutdown).
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Faker } from "../../../src/core/rules/fake.js";
import { GitHubDouble } from "../../helpers/github-double.js";
import { pushPayload } from "../action/harness.js";
import {
  alertPayload,
  deliver,
  example,
  FakeResponder,
  parseLogs,
  sign,
  startTestService,
  type TestService,
  waitFor,
} from "./harness.js";

/** A request that changes an alert (resolving it); comment edits are PATCHes too. */
const isAlertPatch = (r: { method: string; path: string }) =>
  r.method === "PATCH" && r.path.includes("/secret-scanning/alerts/");

const f = new Faker(4242);
const SECRET = f.githubToken("ghp_");
const REPO = "octo-org/octo-repo";
const sha = (n: number) => `${n.toString(16).padStart(6, "0")}${"c".repeat(34)}`;

let api: GitHubDouble;
let responder: FakeResponder;
let t: TestService;

beforeEach(async () => {
  api = await GitHubDouble.start();
  responder = new FakeResponder();
});
afterEach(async () => {
  await t?.stop();
  await api.close();
});

const start = (env: Record<string, string> = {}) =>
  startTestService({ GITHUB_API_URL: api.url, LEAKSTOP_MAX_ATTEMPTS: "3", ...env }, { responder });

function addAlert(number: number, extra: Record<string, unknown> = {}) {
  api.addCommit({ sha: sha(1), parents: [], files: [] });
  api.addAlert(REPO, {
    number,
    secret: SECRET,
    secret_type: "github_personal_access_token",
    secret_type_display_name: "GitHub Personal Access Token",
    validity: "active",
    locations: [
      {
        type: "commit",
        details: { path: "config/app.env", start_line: 3, end_line: 3, commit_sha: sha(1), blob_sha: "b".repeat(40) },
      },
    ],
    ...extra,
  });
}

const processed = (id: string) => () => t.logs.some((l) => l.includes(`"processed"`) && l.includes(id));
const metric = async (name: string) => {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  return text.split("\n").find((l) => l.startsWith(name));
};

describe("receiving", () => {
  it("refuses a bad or missing signature with 4xx and calls neither GitHub nor the responder", async () => {
    addAlert(1);
    t = await start();
    const payload = alertPayload("created", 1);
    const wrong = await deliver(t.url, "secret_scanning_alert", payload, { signature: sign("{}", "not-the-secret") });
    const none = await deliver(t.url, "secret_scanning_alert", payload, { signature: null });
    expect(wrong.status).toBe(400);
    expect(none.status).toBe(400);
    const health = (await (await fetch(`${t.url}/healthz`)).json()) as { queue: Record<string, number> };
    expect(health.queue).toEqual({ ready: 0, leased: 0, done: 0, dead: 0 });
    expect(api.requests).toEqual([]);
    expect(responder.calls).toEqual([]);
    expect(await metric('leakstop_webhook_deliveries_total{event="secret_scanning_alert",outcome="rejected"}')).toMatch(
      / 2$/,
    );
  });

  it("accepts the previous webhook secret during a rotation", async () => {
    addAlert(2);
    t = await start({ LEAKSTOP_WEBHOOK_SECRET_PREVIOUS: "the-old-secret" });
    const body = JSON.stringify(alertPayload("created", 2));
    const r = await deliver(t.url, "secret_scanning_alert", undefined, {
      body,
      signature: sign(body, "the-old-secret"),
    });
    expect(r.status).toBe(200);
    await waitFor(processed(r.id), "the delivery to be processed");
    expect(responder.calls).toHaveLength(1);
  });

  it("answers 413 past the body limit, before reading or verifying it", async () => {
    t = await start({ LEAKSTOP_MAX_BODY_BYTES: "2048" });
    const body = JSON.stringify({ ...example("ping"), padding: "x".repeat(4096) });
    const r = await deliver(t.url, "ping", undefined, { body });
    expect(r.status).toBe(413);
    expect(t.service.metrics.deliveries.get({ event: "ping", outcome: "too_large" })).toBe(1);
  });

  it("acknowledges and ignores events it has no work for", async () => {
    t = await start();
    expect((await deliver(t.url, "ping", example("ping"))).status).toBe(200);
    expect((await deliver(t.url, "star", example("star"))).status).toBe(200);
    expect((await deliver(t.url, "secret_scanning_alert", alertPayload("resolved", 3))).status).toBe(200);
    expect(
      (await deliver(t.url, "secret_scanning_alert", alertPayload("validated", 3, { validity: "inactive" }))).status,
    ).toBe(200);
    expect(t.service.metrics.deliveries.get({ event: "other", outcome: "ignored" })).toBe(1);
    expect(t.service.metrics.deliveries.get({ event: "secret_scanning_alert", outcome: "ignored" })).toBe(2);
    expect(api.requests).toEqual([]);
  });

  it("queues a redelivery once: the responder runs once", async () => {
    addAlert(4);
    responder.delayInMs = 50;
    t = await start();
    const id = randomUUID();
    const payload = alertPayload("created", 4);
    const answers = await Promise.all([1, 2, 3].map(() => deliver(t.url, "secret_scanning_alert", payload, { id })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await waitFor(processed(id), "the delivery to be processed");
    expect((await deliver(t.url, "secret_scanning_alert", payload, { id })).status).toBe(200);
    expect(responder.calls).toHaveLength(1);
    expect(t.service.metrics.deliveries.get({ event: "secret_scanning_alert", outcome: "duplicate" })).toBe(3);
  });
});

describe("secret_scanning_alert", () => {
  it("reads the alert's secret and locations, responds, and resolves the alert as revoked", async () => {
    addAlert(5, {
      push_protection_bypassed: true,
      push_protection_bypassed_by: { login: "mona" },
      push_protection_bypass_request_comment: "false positive, trust me",
    });
    t = await start();
    const r = await deliver(t.url, "secret_scanning_alert", alertPayload("created", 5));
    expect(r.status).toBe(200);
    await waitFor(() => api.alert(REPO, 5)?.state === "resolved", "the alert to be resolved");
    const call = responder.calls[0];
    expect(call?.repository).toBe(REPO);
    expect(call?.deliveryId).toBe(r.id);
    expect(call?.findings).toHaveLength(1);
    expect(call?.findings[0]).toMatchObject({ secret: SECRET, path: "config/app.env", line: 3 });
    expect(call?.findings[0]?.commit?.sha).toBe(sha(1));
    expect(call?.alert?.bypass).toMatchObject({ by: "mona", comment: "false positive, trust me" });
    const alert = api.alert(REPO, 5);
    expect(alert?.resolution).toBe("revoked");
    expect(alert?.resolution_comment).toContain("https://x/issues/1");
    expect(t.logs.join("")).not.toContain(SECRET);
    const all = parseLogs(t.logs);
    const lines = all.slice(all.findIndex((l) => l.msg === "listening") + 1);
    expect(lines.filter((l) => l.delivery === undefined).map((l) => l.msg)).toEqual([]);
    expect(lines.find((l) => l.msg === "push protection was bypassed")).toMatchObject({ by: "mona" });
  });

  it("leaves the alert open when the responder did not revoke the secret", async () => {
    addAlert(6);
    responder.answer = { outcome: "no-match", revoked: false, rotated: 0, failures: 0 };
    t = await start();
    const r = await deliver(t.url, "secret_scanning_alert", alertPayload("reopened", 6));
    await waitFor(processed(r.id), "the delivery to be processed");
    expect(api.alert(REPO, 6)?.state).toBe("open");
    expect(api.requests.filter((q) => isAlertPatch(q))).toEqual([]);
  });

  it("responds to 'validated' only while the secret is active", async () => {
    addAlert(7);
    t = await start();
    const r = await deliver(t.url, "secret_scanning_alert", alertPayload("validated", 7, { validity: "active" }));
    await waitFor(processed(r.id), "the delivery to be processed");
    expect(responder.calls).toHaveLength(1);
  });

  it("retries a GitHub failure with backoff, then dead-letters it; a redelivery revives it", async () => {
    addAlert(8);
    api.failWith(/secret-scanning\/alerts\/8$/, 502, "Bad Gateway");
    t = await start();
    const r = await deliver(t.url, "secret_scanning_alert", alertPayload("created", 8));
    await waitFor(() => t.logs.some((l) => l.includes("dead-lettered")), "the delivery to be dead-lettered");
    expect(responder.calls).toEqual([]);
    expect(t.service.metrics.processed.get({ event: "secret_scanning_alert", outcome: "retry" })).toBe(2);
    const health = (await (await fetch(`${t.url}/healthz`)).json()) as { queue: Record<string, number> };
    expect(health.queue.dead).toBe(1);
    expect(await metric('leakstop_queue_depth{state="dead"}')).toMatch(/ 1$/);
    // Redelivered from GitHub (same delivery id) once the cause is fixed: queued again.
    expect((await deliver(t.url, "secret_scanning_alert", alertPayload("created", 8), { id: r.id })).status).toBe(200);
    await waitFor(() => t.logs.filter((l) => l.includes("dead-lettered")).length === 2, "the second dead-lettering");
    expect(t.service.metrics.deliveries.get({ event: "secret_scanning_alert", outcome: "requeued" })).toBe(1);
  }, 20_000);

  it("dead-letters a missing permission at once", async () => {
    addAlert(9);
    api.failWith(/secret-scanning\/alerts\/9$/, 403, "Resource not accessible by integration");
    t = await start();
    const r = await deliver(t.url, "secret_scanning_alert", alertPayload("created", 9));
    await waitFor(() => t.logs.some((l) => l.includes("dead-lettered") && l.includes(r.id)), "dead-lettering");
    expect(t.service.metrics.processed.get({ event: "secret_scanning_alert", outcome: "retry" })).toBe(0);
    expect(t.logs.find((l) => l.includes("dead-lettered"))).toContain("Secret scanning alerts: read and write");
  });
});

describe("push", () => {
  it("reads the pushed commits through the API, scans them and responds to what it finds", async () => {
    const added = (line: string) => `@@ -0,0 +1 @@\n+${line}`;
    api.addCommit(
      { sha: sha(10), parents: [], files: [] },
      { sha: sha(11), parents: [sha(10)], files: [{ filename: "a.txt", status: "added", patch: added("hello") }] },
      {
        sha: sha(12),
        parents: [sha(11)],
        files: [{ filename: "deploy/env.sh", status: "added", patch: added(`export GH_TOKEN=${SECRET}`) }],
      },
    );
    t = await start();
    const r = await deliver(t.url, "push", pushPayload("refs/heads/main", sha(10), sha(12)));
    await waitFor(processed(r.id), "the push to be processed");
    expect(responder.calls).toHaveLength(1);
    expect(responder.calls[0]?.findings.map((x) => [x.path, x.line, x.commit?.sha, x.secret])).toEqual([
      ["deploy/env.sh", 1, sha(12), SECRET],
    ]);
    expect(api.requests.map((q) => q.path)).toContain(`/repos/Codertocat/Hello-World/compare/${sha(10)}...${sha(12)}`);
    expect(t.logs.join("")).not.toContain(SECRET);
  });

  it("skips a deleted branch without calling GitHub", async () => {
    t = await start();
    const r = await deliver(t.url, "push", pushPayload("refs/heads/gone", sha(1), "0".repeat(40)));
    await waitFor(processed(r.id), "the push to be processed");
    expect(api.requests).toEqual([]);
    expect(responder.calls).toEqual([]);
  });
});

describe("operating", () => {
  it("serves health and Prometheus metrics", async () => {
    addAlert(20);
    t = await start();
    const r = await deliver(t.url, "secret_scanning_alert", alertPayload("created", 20));
    await waitFor(processed(r.id), "the delivery to be processed");
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", queue: { done: 1 } });
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).toContain('leakstop_webhook_deliveries_total{event="secret_scanning_alert",outcome="queued"} 1');
    expect(text).toContain('leakstop_deliveries_processed_total{event="secret_scanning_alert",outcome="rotated"} 1');
    expect(text).toContain("leakstop_rotations_total 1");
    expect(text).toContain("leakstop_alerts_resolved_total 1");
    expect(text).toMatch(/leakstop_webhook_ack_seconds_bucket\{le="\+Inf"\} 1/);
    expect(text).toContain('leakstop_queue_depth{state="ready"} 0');
  });

  it("finishes work in progress on shutdown, and refuses nothing it acknowledged", async () => {
    addAlert(21);
    responder.delayInMs = 300;
    t = await start();
    const r = await deliver(t.url, "secret_scanning_alert", alertPayload("created", 21));
    await waitFor(() => responder.calls.length === 1, "the responder to start");
    await t.service.close();
    expect(t.logs.some((l) => l.includes(`"processed"`) && l.includes(r.id))).toBe(true);
    expect(t.logs.at(-1)).toContain('"stopped"');
  });
});
