import { randomBytes } from "node:crypto";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LeakstopOctokit } from "../../src/adapters/github/client.js";
import { createGitHubIssueTracker } from "../../src/adapters/github/issues.js";
import { createKeyVaultStores } from "../../src/adapters/keyvault/store.js";
import { defaultConfig } from "../../src/core/config/config.js";
import { createEngine } from "../../src/core/scan/engine.js";
import { createMemoryAuditLog, toJsonLines } from "../../src/remediation/audit.js";
import { secretComponents } from "../../src/remediation/generate.js";
import { respond } from "../../src/remediation/respond.js";
import { KeyVaultDouble, staticCredential } from "../helpers/keyvault-double.js";
import { COMMIT } from "./findings.js";

/**
 * The canary: a leaked database password whose connection string lives in a vault, answered
 * by the real adapters (Key Vault SDK against the HTTPS double, Octokit against nock). Every
 * byte that leaves — GitHub request bodies, Key Vault request bodies other than the one PUT
 * that stores the new value, logs, the plan, audit records, the result object — is searched
 * for the leaked value and the new one.
 */
const API = "https://api.github.com";
let kv: KeyVaultDouble;

beforeAll(async () => {
  kv = await KeyVaultDouble.start();
  nock.disableNetConnect();
  nock.enableNetConnect(/localhost|127\.0\.0\.1/);
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await kv.close();
});

describe("canary: no value leaves in clear", () => {
  it("leaked and new values appear nowhere but in the Key Vault PUT", async () => {
    const password = `Pw7_${randomBytes(12).toString("base64url")}`;
    const stored = `Server=tcp:db.internal,1433;Database=app;User ID=app;Password=${password};Encrypt=true`;
    const v1 = kv.put("app-db-connection", stored, {
      contentType: "text/plain",
      tags: { "leakstop-provider": "none" },
    });
    kv.put("unrelated", randomBytes(24).toString("base64"));

    const engine = createEngine();
    const findings = engine.scan({
      path: "deploy/.env",
      text: `DATABASE_URL=postgres://app:${password}@db.internal:5432/app`,
      startLine: 4,
      commit: COMMIT,
    });
    expect(findings.map((f) => f.secret)).toEqual([password]);

    const github: string[] = [];
    const capture = (body: unknown) => {
      github.push(typeof body === "string" ? body : JSON.stringify(body));
      return true;
    };
    nock(API)
      .get("/repos/acme/security/issues")
      .query(true)
      .times(2)
      .reply(200, [])
      .post("/repos/acme/security/issues", capture)
      .reply(201, { number: 5, html_url: "https://github.com/acme/security/issues/5" })
      .post("/repos/acme/security/issues/5/assignees", capture)
      .reply(201, {});
    const client = new LeakstopOctokit({
      auth: "test-token-not-real",
      baseUrl: API,
      throttle: { enabled: false },
      retry: { enabled: false },
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    } as ConstructorParameters<typeof LeakstopOctokit>[0]);

    const logs: string[] = [];
    const masked: string[] = [];
    const audit = createMemoryAuditLog();
    const result = await respond(
      findings,
      {
        secretStore: createKeyVaultStores({
          credential: staticCredential,
          disableChallengeResourceVerification: true,
          clientOptions: { tlsOptions: { ca: kv.ca } },
        }),
        issues: createGitHubIssueTracker(client, { repository: "acme/security" }),
        audit,
        clock: { now: () => new Date("2024-06-01T00:00:00Z") },
        random: { bytes: (n) => new Uint8Array(randomBytes(n)) },
        registerSensitive: (v) => masked.push(v),
        log: (l) => logs.push(l),
      },
      {
        config: { ...defaultConfig(), vaults: [{ url: kv.url }] },
        context: { repository: "acme/app", pusher: "dana", authorLogins: { [COMMIT.sha]: "dana-dev" } },
      },
    );

    const latest = kv.latest("app-db-connection");
    expect(result.rotated).toEqual([{ vault: kv.url, secret: "app-db-connection", version: latest?.version }]);
    expect(kv.version("app-db-connection", v1)?.enabled).toBe(false);
    const newValue = latest?.value ?? "";
    const span = secretComponents(newValue)[0];
    const newPassword = newValue.slice(span?.start, span?.end);
    expect(newPassword).toHaveLength(password.length);
    expect(newValue.replace(newPassword, "*")).toBe(stored.replace(password, "*"));

    const canaries = [password, stored, newValue, newPassword];
    // The Action masks what it is told about: the leaked value and both new ones.
    for (const c of [password, newValue, newPassword]) expect(masked).toContain(c);

    const kvBodies = kv.requests.filter((r) => r.body);
    const puts = kvBodies.filter((r) => r.method === "PUT");
    expect(puts).toHaveLength(1);
    expect(puts[0]?.body).toContain(newValue);
    const outgoing = [
      ...github,
      ...kvBodies.filter((r) => r.method !== "PUT").map((r) => r.body),
      ...logs,
      result.planText,
      toJsonLines(audit.records),
      JSON.stringify(result),
    ];
    expect(github.length).toBeGreaterThan(0);
    // Redaction did its job upstream: inspection found nothing to mask in our own texts.
    expect(result.redactions).toBe(0);
    for (const text of outgoing) {
      for (const c of canaries) expect(text.includes(c)).toBe(false);
    }
  });
});
