/**
 * The vault index on the real service (issue 10): a full resync at start, Key Vault's Event Grid
 * deliveries on `/api/eventgrid` (the validation handshake; authenticated by a shared key or an
 * Entra ID token from the issuer double; everything else refused and inert), and matching that
 * reads only the secrets the index names instead of listing the HTTPS Key Vault double.
 */
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyVaultStore } from "../../../src/adapters/keyvault/store.js";
import { fingerprint } from "../../../src/core/findings/fingerprint.js";
import type { FindingsStatus } from "../../../src/core/responder/findings-api.js";
import { Faker } from "../../../src/core/rules/fake.js";
import { EVENT_GRID_ROLE } from "../../../src/entrypoints/server/eventgrid-route.js";
import { GitHubDouble } from "../../helpers/github-double.js";
import { KeyVaultDouble, staticCredential } from "../../helpers/keyvault-double.js";
import { type OidcIssuerDouble, startOidcIssuer } from "../../helpers/oidc-issuer.js";
import { startTestService, type TestService, waitFor } from "./harness.js";

const f = new Faker(4242);
const REPO = "octo-org/octo-repo";
const AUDIENCE = "https://leakstop.example.test";
const EG_AUDIENCE = "api://leakstop-eventgrid";
const EG_KEY = `eg-${randomUUID()}`;
const sha = (n: number) => `${n.toString(16).padStart(6, "0")}${"d".repeat(34)}`;

let api: GitHubDouble;
let kv: KeyVaultDouble;
let github: OidcIssuerDouble;
let entra: OidcIssuerDouble;
let t: TestService | undefined;

beforeEach(async () => {
  [api, kv, github, entra] = await Promise.all([
    GitHubDouble.start(),
    KeyVaultDouble.start(),
    startOidcIssuer(),
    startOidcIssuer(),
  ]);
});
afterEach(async () => {
  await t?.stop();
  t = undefined;
  await Promise.all([api.close(), kv.close(), github.close(), entra.close()]);
});

async function start(env: Record<string, string> = {}) {
  t = await startTestService(
    {
      GITHUB_API_URL: api.url,
      LEAKSTOP_VAULT_URL: kv.url,
      LEAKSTOP_OIDC_ISSUER: github.issuer,
      LEAKSTOP_OIDC_AUDIENCE: AUDIENCE,
      LEAKSTOP_ALLOWED_REPOSITORIES: "octo-org/*",
      LEAKSTOP_EVENTGRID_KEY: EG_KEY,
      LEAKSTOP_EVENTGRID_ISSUER: entra.issuer,
      LEAKSTOP_EVENTGRID_AUDIENCE: EG_AUDIENCE,
      LEAKSTOP_INDEX_REFRESH_MS: "0",
      ...env,
    },
    {
      secretStore: (url) =>
        createKeyVaultStore(url, {
          credential: staticCredential,
          disableChallengeResourceVerification: true,
          clientOptions: { tlsOptions: { ca: kv.ca } },
          retryOptions: { maxRetries: 0 },
        }),
    },
  );
  await waitFor(() => (t?.logs ?? []).some((l) => l.includes("vault index refreshed")), "the first index refresh");
  return t;
}

/** A Key Vault `SecretNewVersionCreated` event in the Event Grid schema. */
function newVersionEvent(name: string, version: string, vaultUrl = kv.url) {
  return {
    id: randomUUID(),
    topic: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/double",
    subject: name,
    eventType: "Microsoft.KeyVault.SecretNewVersionCreated",
    eventTime: new Date().toISOString(),
    data: {
      Id: `${vaultUrl}/secrets/${name}/${version}`,
      VaultName: "double",
      ObjectType: "Secret",
      ObjectName: name,
      Version: version,
    },
    dataVersion: "1",
    metadataVersion: "1",
  };
}

async function eventGrid(body: unknown, auth: { key?: string; token?: string; header?: string } = {}) {
  const url = new URL(`${t?.url}/api/eventgrid`);
  if (auth.key) url.searchParams.set("key", auth.key);
  const headers: Record<string, string> = { "content-type": "application/json", "aeg-event-type": "Notification" };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.header) headers["x-leakstop-key"] = auth.header;
  const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const egToken = (extra: Record<string, unknown> = {}) =>
  entra.token({ aud: EG_AUDIENCE, roles: [EVENT_GRID_ROLE], appid: "event-grid", ...extra });

/** Report a committed token through the findings API and wait for the outcome. */
async function report(n: number, secret: string): Promise<FindingsStatus> {
  api.addCommit({
    sha: sha(n),
    parents: [],
    files: [{ filename: ".env", patch: `@@ -0,0 +1,1 @@\n+TOKEN=${secret}` }],
  });
  const location = {
    commit: sha(n),
    path: ".env",
    line: 1,
    ruleId: "github-pat",
    fingerprint: fingerprint("github-pat", ".env", secret),
  };
  const claims = { aud: AUDIENCE, repository: REPO, repository_owner: "octo-org", ref: "refs/heads/main" };
  const res = await fetch(`${t?.url}/api/v1/findings`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await github.token(claims)}` },
    body: JSON.stringify({ repository: REPO, findings: [location] }),
  });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  let last: FindingsStatus | undefined;
  await waitFor(
    async () => {
      const r = await fetch(`${t?.url}/api/v1/findings/${id}`, {
        headers: { authorization: `Bearer ${await github.token(claims)}` },
      });
      last = (await r.json()) as FindingsStatus;
      return last.state === "done" || last.state === "failed";
    },
    "the findings call",
    20_000,
  );
  return last as FindingsStatus;
}

/** Requests that list the vault's secrets (`GET /secrets`), the cost the index removes. */
const listings = (from: number) =>
  kv.requests.slice(from).filter((r) => r.method === "GET" && /^\/secrets\/?$/.test(r.path));

describe("the vault index and /api/eventgrid", () => {
  it("answers the validation handshake only when authenticated", async () => {
    await start();
    const validation = [
      {
        id: randomUUID(),
        eventType: "Microsoft.EventGrid.SubscriptionValidationEvent",
        data: { validationCode: "512d38b6-c7b8-40c8-89fe-f46f9e9622b6", validationUrl: "https://rp.invalid/x" },
      },
    ];
    expect(await eventGrid(validation, { key: EG_KEY })).toEqual({
      status: 200,
      json: { validationResponse: "512d38b6-c7b8-40c8-89fe-f46f9e9622b6" },
    });
    expect((await eventGrid(validation, { token: await egToken() })).status).toBe(200);
    expect((await eventGrid(validation)).status).toBe(401);
    expect((await eventGrid(validation, { key: "not-the-key-at-all" })).status).toBe(401);
    // The key never appears in the log, though it was in request URLs.
    for (const line of t?.logs ?? []) expect(line.includes(EG_KEY)).toBe(false);
  });

  it("indexes a version announced by a signed delivery, then matches a leak of it without listing the vault", async () => {
    for (let i = 0; i < 20; i++)
      kv.put(`app-secret-${i}`, f.githubToken("ghp_"), { tags: { "leakstop-provider": "none" } });
    await start();
    // Written after the resync: only the event can make it known.
    const secret = f.githubToken("ghp_");
    const version = kv.put("late-token", secret, { tags: { "leakstop-provider": "none" } });
    const kvBefore = kv.requests.length;

    // Unsigned, wrongly keyed, forged, misdirected and role-less deliveries are refused and read nothing.
    const event = [newVersionEvent("late-token", version)];
    const foreign = await entra.foreignKey();
    const refused: Array<[string, Parameters<typeof eventGrid>[1]]> = [
      ["unsigned", {}],
      ["wrong key", { key: `${EG_KEY}x` }],
      ["wrong header key", { header: "0123456789abcdef-nope" }],
      [
        "another signing key",
        { token: await entra.token({ aud: EG_AUDIENCE, roles: [EVENT_GRID_ROLE] }, { key: foreign }) },
      ],
      ["wrong audience", { token: await egToken({ aud: "api://someone-else" }) }],
      ["expired", { token: await entra.token({ aud: EG_AUDIENCE, roles: [EVENT_GRID_ROLE] }, { expiresInSec: -600 }) }],
      ["no role", { token: await egToken({ roles: [] }) }],
      [
        "GitHub's token",
        { token: await github.token({ aud: EG_AUDIENCE, repository: REPO, roles: [EVENT_GRID_ROLE] }) },
      ],
    ];
    for (const [what, auth] of refused) expect((await eventGrid(event, auth)).status, what).toBe(401);
    expect(kv.requests.length).toBe(kvBefore);

    // An event naming a vault the service is not configured for is ignored: our token goes nowhere else.
    const elsewhere = await eventGrid([newVersionEvent("late-token", version, "https://evil.vault.azure.net")], {
      header: EG_KEY,
    });
    expect(elsewhere).toMatchObject({ status: 200, json: { indexed: 0, ignored: 1 } });
    expect(kv.requests.length).toBe(kvBefore);

    // Signed with an Entra token: indexed with one read of that version.
    expect(await eventGrid(event, { token: await egToken() })).toMatchObject({ status: 200, json: { indexed: 1 } });
    // (The first request of a new client is Key Vault's unauthenticated 401 challenge.)
    const reads = kv.requests.slice(kvBefore).filter((r) => r.authorized);
    expect(reads.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /secrets/late-token/${version}`]);

    // A version disabled or deleted since its event is acknowledged (nothing to index), not retried forever.
    const disabled = kv.put("gone-token", f.githubToken("ghp_"), { enabled: false });
    expect(
      await eventGrid([newVersionEvent("gone-token", disabled), newVersionEvent("never-was", "0".repeat(32))], {
        key: EG_KEY,
      }),
    ).toMatchObject({ status: 200, json: { indexed: 0, ignored: 2 } });

    const beforeMatch = kv.requests.length;
    const status = await report(1, secret);
    expect(status).toMatchObject({ state: "done", outcome: "rotated", confirmed: 1 });
    expect(status.rotated?.map((r) => r.secret)).toEqual(["late-token"]);
    expect(kv.version("late-token", version)?.enabled).toBe(false);
    // The vault was not listed; only the indexed secret was read (its versions, its values, the rotation).
    expect(listings(beforeMatch)).toEqual([]);
    const touched = new Set(kv.requests.slice(beforeMatch).map((r) => r.path.split("/")[2]));
    expect([...touched]).toEqual(["late-token"]);
    for (const line of t?.logs ?? []) expect(line.includes(secret)).toBe(false);
  });

  it("without an event, a value written after the resync is not matched (the index, not a listing, decides); the start-up resync finds values already there", async () => {
    const early = f.githubToken("ghp_");
    kv.put("early-token", early, { tags: { "leakstop-provider": "none" } });
    await start();
    const late = f.githubToken("ghp_");
    kv.put("unannounced", late, { tags: { "leakstop-provider": "none" } });
    const before = kv.requests.length;
    // (A GitHub token is still revoked at GitHub; the vault is neither listed nor written.)
    const unmatched = await report(2, late);
    expect(unmatched.state).toBe("done");
    expect(unmatched.rotated ?? []).toEqual([]);
    expect(kv.requests.slice(before)).toEqual([]);
    expect(kv.latest("unannounced")?.value).toBe(late);
    const matched = await report(3, early);
    expect(matched.rotated?.map((r) => r.secret)).toEqual(["early-token"]);
    expect(kv.latest("early-token")?.value).not.toBe(early);
  });

  it("a restart within the resync interval keeps the persisted index instead of reading the vault again", async () => {
    const secret = f.githubToken("ghp_");
    kv.put("kept-token", secret, { tags: { "leakstop-provider": "none" } });
    const first = await start({ LEAKSTOP_INDEX_REFRESH_MS: "3600000" });
    const dataDir = first.dataDir;
    await first.service.close();
    const before = kv.requests.length;
    t = await startTestService(
      {
        GITHUB_API_URL: api.url,
        LEAKSTOP_VAULT_URL: kv.url,
        LEAKSTOP_EVENTGRID_KEY: EG_KEY,
        LEAKSTOP_INDEX_REFRESH_MS: "3600000",
      },
      {
        secretStore: (url) =>
          createKeyVaultStore(url, {
            credential: staticCredential,
            disableChallengeResourceVerification: true,
            clientOptions: { tlsOptions: { ca: kv.ca } },
            retryOptions: { maxRetries: 0 },
          }),
      },
      dataDir,
    );
    await waitFor(() => (t?.logs ?? []).some((l) => l.includes("resync skipped")), "the skipped resync");
    expect(kv.requests.slice(before)).toEqual([]);
    await t?.stop();
    t = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is off (404) without a key or Entra settings", async () => {
    await start({ LEAKSTOP_EVENTGRID_KEY: "", LEAKSTOP_EVENTGRID_ISSUER: "", LEAKSTOP_EVENTGRID_AUDIENCE: "" });
    expect((await eventGrid([], { key: EG_KEY })).status).toBe(404);
  });
});
