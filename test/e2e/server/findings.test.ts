/**
 * The findings API on the real service (DESIGN.md, "The trusted responder"): tokens from the
 * OIDC issuer double, the commit read back from the GitHub API double, the secret detected
 * again by the service and rotated in the HTTPS Key Vault double by the real responder. Every
 * forged, expired, replayed or misdirected call is refused and causes no GitHub or vault request.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyVaultStore } from "../../../src/adapters/keyvault/store.js";
import { fingerprint } from "../../../src/core/findings/fingerprint.js";
import type { FindingsStatus } from "../../../src/core/responder/findings-api.js";
import { Faker } from "../../../src/core/rules/fake.js";
import { GitHubDouble } from "../../helpers/github-double.js";
import { KeyVaultDouble, staticCredential } from "../../helpers/keyvault-double.js";
import { type OidcIssuerDouble, startOidcIssuer } from "../../helpers/oidc-issuer.js";
import { startTestService, type TestService, waitFor } from "./harness.js";

const f = new Faker(1010);
const REPO = "octo-org/octo-repo";
const AUDIENCE = "https://leakstop.example.test";
const sha = (n: number) => `${n.toString(16).padStart(6, "0")}${"e".repeat(34)}`;
const added = (...lines: string[]) => `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`;

let api: GitHubDouble;
let kv: KeyVaultDouble;
let issuer: OidcIssuerDouble;
let t: TestService | undefined;

beforeEach(async () => {
  [api, kv, issuer] = await Promise.all([GitHubDouble.start(), KeyVaultDouble.start(), startOidcIssuer()]);
});
afterEach(async () => {
  await t?.stop();
  t = undefined;
  await Promise.all([api.close(), kv.close(), issuer.close()]);
});

const start = (env: Record<string, string> = {}) =>
  startTestService(
    {
      GITHUB_API_URL: api.url,
      LEAKSTOP_VAULT_URL: kv.url,
      LEAKSTOP_OIDC_ISSUER: issuer.issuer,
      LEAKSTOP_OIDC_AUDIENCE: AUDIENCE,
      LEAKSTOP_ALLOWED_REPOSITORIES: "octo-org/*",
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

/** A commit adding a token to `.env`, and the finding's location as the Action reports it. */
function leak(n: number, secret: string) {
  api.addCommit({ sha: sha(n), parents: [], files: [{ filename: ".env", patch: added("A=1", `TOKEN=${secret}`) }] });
  return {
    commit: sha(n),
    path: ".env",
    line: 2,
    ruleId: "github-pat",
    fingerprint: fingerprint("github-pat", ".env", secret),
  };
}

const claims = (extra: Record<string, unknown> = {}) => ({
  aud: AUDIENCE,
  repository: REPO,
  repository_owner: "octo-org",
  ref: "refs/heads/feature",
  actor: "mona",
  ...extra,
});

async function post(token: string | undefined, body: unknown) {
  const res = await fetch(`${t?.url}/api/v1/findings`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function get(token: string, id: string) {
  const res = await fetch(`${t?.url}/api/v1/findings/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, json: (await res.json()) as FindingsStatus };
}

async function outcome(id: string): Promise<FindingsStatus> {
  let last: FindingsStatus | undefined;
  await waitFor(
    async () => {
      last = (await get(await issuer.token(claims()), id)).json;
      return last.state === "done" || last.state === "failed";
    },
    "the findings call to finish",
    20_000,
  );
  return last as FindingsStatus;
}

describe("the findings API", () => {
  it("verifies the job's token, reads the commit itself, confirms and rotates; an unconfirmed location is only reported", async () => {
    const secret = f.githubToken("ghp_");
    const leaked = kv.put("deploy-token", secret, { tags: { "leakstop-provider": "none" } });
    const location = leak(1, secret);
    const bogus = { ...location, fingerprint: "0".repeat(32), path: "other.txt" };
    t = await start();

    const token = await issuer.token(claims());
    const accepted = await post(token, { repository: REPO, findings: [location, bogus] });
    expect(accepted.status).toBe(202);
    expect(accepted.json).toMatchObject({ state: "queued" });
    const status = await outcome(String(accepted.json.id));

    expect(status).toMatchObject({ state: "done", outcome: "rotated", confirmed: 1, revoked: true, repository: REPO });
    expect(status.unconfirmed).toEqual([bogus]);
    expect(status.rotated?.[0]).toMatchObject({ secret: "deploy-token" });
    expect(status.issueUrl).toContain("/issues/1");
    expect(kv.latest("deploy-token")?.value).not.toBe(secret);
    expect(kv.version("deploy-token", leaked)?.enabled).toBe(false);
    // The issue names the actor from the token (not the body) and holds no value.
    expect(api.issues).toHaveLength(1);
    for (const text of [JSON.stringify(status), ...t.logs, ...api.requests.map((r) => r.body)]) {
      expect(text.includes(secret)).toBe(false);
    }
    // Another repository's token cannot read this call's status.
    const other = await get(await issuer.token(claims({ repository: "octo-org/other" })), String(accepted.json.id));
    expect(other.status).toBe(404);
  });

  it("refuses forged, expired, misdirected, disallowed and replayed calls, and none of them reaches GitHub or the vault", async () => {
    const secret = f.githubToken("ghp_");
    kv.put("deploy-token", secret, { tags: { "leakstop-provider": "none" } });
    const location = leak(2, secret);
    const body = { repository: REPO, findings: [location] };
    t = await start({ LEAKSTOP_OIDC_CLAIM_RULES: "ref=refs/heads/**" });
    const apiBefore = api.requests.length;
    const kvBefore = kv.requests.length;

    const foreign = await issuer.foreignKey();
    const cases: Array<[string, Promise<string | undefined>, unknown, number]> = [
      ["no token", Promise.resolve(undefined), body, 401],
      ["another key", issuer.token(claims(), { key: foreign }), body, 401],
      ["wrong audience", issuer.token(claims({ aud: "https://elsewhere.test" })), body, 401],
      ["expired", issuer.token(claims(), { expiresInSec: -600 }), body, 401],
      ["not yet valid", issuer.token(claims(), { notBeforeSec: 600 }), body, 401],
      ["HS256", issuer.token(claims(), { alg: "HS256" }).catch(() => "e30.e30.e30"), body, 401],
      [
        "repository not allowed",
        issuer.token(claims({ repository: "evil/repo" })),
        { ...body, repository: "evil/repo" },
        403,
      ],
      ["claim rule", issuer.token(claims({ ref: "refs/tags/v1" })), body, 403],
      ["body names another repository", issuer.token(claims()), { ...body, repository: "octo-org/other" }, 403],
      ["a value in the body", issuer.token(claims()), { ...body, findings: [{ ...location, secret }] }, 400],
    ];
    for (const [what, token, payload, status] of cases) {
      const answer = await post(await token, payload);
      expect(answer.status, what).toBe(status);
      expect(JSON.stringify(answer.json).includes(secret), what).toBe(false);
    }
    // A replay: the same token twice; the second is refused.
    const once = await issuer.token(claims());
    const first = await post(once, body);
    expect(first.status).toBe(202);
    const replayed = await post(once, body);
    expect(replayed.status).toBe(401);
    expect(String(replayed.json.error)).toContain("used before");
    await outcome(String(first.json.id));
    // Only the one accepted call reached GitHub and the vault: one commit read, one rotation.
    const commitReads = api.requests.slice(apiBefore).filter((r) => r.path.includes("/commits/"));
    expect(commitReads).toHaveLength(1);
    expect(kv.requests.slice(kvBefore).filter((r) => r.method === "PUT" && r.status === 200)).toHaveLength(1);
  });

  it("is off (404) without LEAKSTOP_ALLOWED_REPOSITORIES", async () => {
    t = await start({ LEAKSTOP_ALLOWED_REPOSITORIES: "" });
    const answer = await post(await issuer.token(claims()), { repository: REPO, findings: [] });
    expect(answer.status).toBe(404);
  });
});
