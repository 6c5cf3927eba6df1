/**
 * The whole path with the real responder (src/remediation/respond.ts): a signed
 * `secret_scanning_alert` → the alert's secret read from the GitHub API double → the matching
 * secret rotated in the HTTPS Key Vault double (real `@azure/keyvault-secrets` client) → an
 * issue opened → the alert resolved as revoked. Redeliveries rotate nothing twice.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyVaultStore } from "../../../src/adapters/keyvault/store.js";
import { createGitHubTokenRotator } from "../../../src/adapters/providers/github-token.js";
import { Faker } from "../../../src/core/rules/fake.js";
import type { ServiceOverrides } from "../../../src/entrypoints/server/run.js";
import { GitHubDouble } from "../../helpers/github-double.js";
import { KeyVaultDouble, staticCredential } from "../../helpers/keyvault-double.js";
import { alertPayload, deliver, sign, startTestService, type TestService, waitFor } from "./harness.js";

/** A request that changes an alert (resolving it); comment edits are PATCHes too. */
const isAlertPatch = (r: { method: string; path: string }) =>
  r.method === "PATCH" && r.path.includes("/secret-scanning/alerts/");

const f = new Faker(8080);
const REPO = "octo-org/octo-repo";
const sha = (n: number) => `${n.toString(16).padStart(6, "0")}${"d".repeat(34)}`;

let api: GitHubDouble;
let kv: KeyVaultDouble;
let t: TestService;

beforeEach(async () => {
  api = await GitHubDouble.start();
  kv = await KeyVaultDouble.start();
  api.addCommit({
    sha: sha(1),
    parents: [],
    files: [],
    author: { name: "Dev", email: "dev@example.com", date: "2024-05-01T10:00:00Z" },
  });
});
afterEach(async () => {
  await t?.stop();
  await Promise.all([api.close(), kv.close()]);
});

const start = (env: Record<string, string> = {}, overrides: ServiceOverrides = {}) =>
  startTestService(
    { GITHUB_API_URL: api.url, LEAKSTOP_VAULT_URL: kv.url, ...env },
    {
      ...overrides,
      secretStore: (url) =>
        createKeyVaultStore(url, {
          credential: staticCredential,
          disableChallengeResourceVerification: true,
          clientOptions: { tlsOptions: { ca: kv.ca } },
          retryOptions: { maxRetries: 0 },
        }),
    },
  );

function alertOn(number: number, secret: string) {
  api.addAlert(REPO, {
    number,
    secret,
    secret_type: "github_personal_access_token",
    secret_type_display_name: "GitHub Personal Access Token",
    validity: "active",
    push_protection_bypassed: true,
    push_protection_bypassed_by: { login: "mona" },
    push_protection_bypass_request_comment: "needed for the demo",
    locations: [{ type: "commit", details: { path: ".env", start_line: 2, end_line: 2, commit_sha: sha(1) } }],
  });
}

const processed = (id: string) => () => t.logs.some((l) => l.includes(`"processed"`) && l.includes(id));
/** Versions written (the SDK's first, unauthenticated request gets the 401 challenge). */
const writes = () => kv.requests.filter((r) => r.method === "PUT" && r.status === 200);

describe("webhook responder, end to end", () => {
  it("reads the alert, rotates the secret, opens an issue and resolves the alert as revoked; a redelivery changes nothing", async () => {
    const secret = f.githubToken("ghp_");
    const leaked = kv.put("deploy-token", secret, { tags: { "leakstop-provider": "none", team: "web" } });
    alertOn(1, secret);
    t = await start();

    const first = await deliver(t.url, "secret_scanning_alert", alertPayload("created", 1));
    expect(first.status).toBe(200);
    await waitFor(() => api.alert(REPO, 1)?.state === "resolved", "the alert to be resolved", 20_000);

    // Rotated: a new version with the incident tag, the leaked one disabled.
    const latest = kv.latest("deploy-token");
    expect(latest?.value).not.toBe(secret);
    expect(latest?.tags?.team).toBe("web");
    expect(latest?.tags?.["leakstop-incident"]).toBeTruthy();
    expect(kv.version("deploy-token", leaked)?.enabled).toBe(false);
    // One issue, with the alert's details and the bypass called out.
    expect(api.issues).toHaveLength(1);
    const issue = api.issues[0];
    expect(issue?.body).toContain("<!-- leakstop:fingerprint=");
    expect(issue?.comments[0]).toContain("Push protection was bypassed");
    // The bypasser is named with a link to their profile, not pinged.
    expect(issue?.comments[0]).toContain("[mona](");
    expect(issue?.comments[0]).not.toContain("@mona");
    expect(issue?.comments[0]).toContain("needed for the demo");
    // Resolved as revoked, linking the issue.
    const alert = api.alert(REPO, 1);
    expect(alert?.resolution).toBe("revoked");
    expect(alert?.resolution_comment).toContain("https://github.com/octo-org/octo-repo/issues/1");
    expect(t.service.metrics.rotations.get()).toBe(1);

    // GitHub redelivers the same delivery: acknowledged, nothing runs again.
    await deliver(t.url, "secret_scanning_alert", alertPayload("created", 1), { id: first.id });
    // A new delivery for the same alert (reopened): the incident tag says it is done; no rotation.
    const reopened = api.alert(REPO, 1);
    if (reopened) reopened.state = "open";
    const again = await deliver(t.url, "secret_scanning_alert", alertPayload("reopened", 1));
    await waitFor(processed(again.id), "the second delivery to be processed", 20_000);
    expect(writes()).toHaveLength(1);
    expect(api.issues).toHaveLength(1);
    expect(api.alert(REPO, 1)?.state).toBe("resolved");
    expect(t.logs.some((l) => l.includes(`"outcome":"already-rotated"`))).toBe(true);

    // Nothing secret in the logs, the issue or its comments.
    const leakedValues = [secret, ...(kv.secrets.get("deploy-token") ?? []).map((v) => v.value)];
    const out = [t.logs.join(""), issue?.body ?? "", ...(issue?.comments ?? []), alert?.resolution_comment ?? ""].join(
      "\n",
    );
    for (const v of leakedValues) expect(out).not.toContain(v);
  }, 40_000);

  it("leaves the alert open when the credential still works at its provider; resolves a token only once proven dead", async () => {
    const stored = f.password(24);
    kv.put("db-password", stored); // no leakstop-provider tag: the database still accepts the old password
    const token = f.githubToken("ghp_");
    api.addToken(token);
    alertOn(2, stored);
    alertOn(3, token); // in no vault: revoked at GitHub
    t = await start();
    const a = await deliver(t.url, "secret_scanning_alert", alertPayload("created", 2));
    const b = await deliver(t.url, "secret_scanning_alert", alertPayload("created", 3));
    await waitFor(() => processed(a.id)() && processed(b.id)(), "both deliveries to be processed", 20_000);
    // Provider first: no made-up value for a password the database checks; the vault is left alone.
    expect(writes()).toHaveLength(0);
    expect(api.alert(REPO, 2)?.state).toBe("open");
    expect(api.tokenIsLive(token)).toBe(false);
    expect(api.alert(REPO, 3)).toMatchObject({ state: "resolved", resolution: "revoked" });
    const revokedAt = api.requests.findIndex((r) => r.path === "/credentials/revoke");
    const probedAt = api.requests.findIndex((r) => r.path === "/user");
    const resolvedAt = api.requests.findIndex((r) => isAlertPatch(r));
    expect(revokedAt).toBeGreaterThanOrEqual(0);
    expect(probedAt).toBeGreaterThan(revokedAt);
    expect(resolvedAt).toBeGreaterThan(probedAt);
    expect(api.issues).toHaveLength(2);
    expect(api.requests.filter((r) => isAlertPatch(r))).toHaveLength(1);
  }, 40_000);

  it("keeps a token's alert open, and retries, when GitHub refuses the revocation", async () => {
    const token = f.githubToken("ghp_");
    api.addToken(token);
    api.failWith(/^\/credentials\/revoke$/, 422, "Validation Failed");
    alertOn(5, token);
    t = await start();
    const a = await deliver(t.url, "secret_scanning_alert", alertPayload("created", 5));
    // A refusal is retried with backoff (it may be GitHub's rate limit); each attempt leaves it open.
    const retried = () => t.logs.filter((l) => l.includes("processing failed; will retry") && l.includes(a.id)).length;
    await waitFor(() => retried() >= 3, "the delivery to be retried", 20_000);
    // Attempt 1 opens the issue (and comments the alert's details), attempt 2 comments, later
    // attempts keep that one comment current instead of adding one each.
    expect(api.issues).toHaveLength(1);
    expect(api.issues[0]?.comments).toHaveLength(2);
    expect(api.commentEdits).toBeGreaterThanOrEqual(1);
    expect(api.tokenIsLive(token)).toBe(true);
    expect(api.alert(REPO, 5)?.state).toBe("open");
    expect(api.issues[0]?.body).toContain("still valid");
    expect(api.requests.filter((r) => isAlertPatch(r))).toEqual([]);
  }, 40_000);

  describe("a revocation still in flight (GitHub answers 202; the token works a while longer)", () => {
    /** The real token rotator, probing once per attempt, so each queue retry is one later probe. */
    const oneProbe = () => ({
      providerRotators: [createGitHubTokenRotator({ apiUrl: api.url, probeAttempts: 1, probeIntervalInMs: 0 })],
    });
    const leftOpen = (id: string) => t.logs.filter((l) => l.includes("not yet proven dead") && l.includes(id));

    it("keeps the alert open, re-probes later, and resolves it as revoked once the probe refuses the token", async () => {
      const token = f.githubToken("ghp_");
      api.addToken(token);
      api.revocationLag = 2; // the next two probes still pass
      alertOn(6, token);
      t = await start({}, oneProbe());

      const a = await deliver(t.url, "secret_scanning_alert", alertPayload("created", 6));

      await waitFor(processed(a.id), "the delivery to be processed", 20_000);
      expect(leftOpen(a.id).filter((l) => l.includes("alert left open"))).toHaveLength(2);
      expect(api.alert(REPO, 6)).toMatchObject({ state: "resolved", resolution: "revoked" });
      // Resolved only after the probe that GitHub refused, and only once.
      const probes = api.requests.flatMap((r, i) => (r.path === "/user" ? [i] : []));
      expect(probes).toHaveLength(3);
      const patches = api.requests.flatMap((r, i) => (isAlertPatch(r) ? [i] : []));
      expect(patches).toHaveLength(1);
      expect(patches[0]).toBeGreaterThan(probes[2] ?? Number.POSITIVE_INFINITY);
      expect(api.tokenIsLive(token)).toBe(false);
      expect(api.issues).toHaveLength(1);
      for (const line of t.logs) expect(line.includes(token)).toBe(false);
    }, 40_000);

    it("re-probes a bounded number of times: the alert stays open and the delivery is dead-lettered, visibly", async () => {
      const token = f.githubToken("ghp_");
      api.addToken(token);
      api.revocationLag = 1_000;
      alertOn(7, token);
      t = await start({ LEAKSTOP_MAX_ATTEMPTS: "3" }, oneProbe());

      const a = await deliver(t.url, "secret_scanning_alert", alertPayload("created", 7));

      await waitFor(
        () => t.logs.some((l) => l.includes("dead-lettered") && l.includes(a.id)),
        "the delivery to be dead-lettered",
        20_000,
      );
      expect(leftOpen(a.id).filter((l) => l.includes("alert left open"))).toHaveLength(3);
      expect(api.requests.filter((r) => r.path === "/user")).toHaveLength(3);
      expect(api.alert(REPO, 7)?.state).toBe("open");
      expect(api.requests.filter((r) => isAlertPatch(r))).toEqual([]);
    }, 40_000);
  });

  it("sends nothing to GitHub or Key Vault for a delivery with a bad signature", async () => {
    alertOn(4, f.githubToken("ghp_"));
    t = await start();
    const body = JSON.stringify(alertPayload("created", 4));
    const r = await deliver(t.url, "secret_scanning_alert", undefined, { body, signature: sign(body, "wrong") });
    expect(r.status).toBe(400);
    expect(api.requests).toEqual([]);
    expect(kv.requests).toEqual([]);
  });
});
