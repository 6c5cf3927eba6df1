import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkVaultUrl } from "../../../src/adapters/keyvault/credential.js";
import { createKeyVaultStore, createKeyVaultStores } from "../../../src/adapters/keyvault/store.js";
import { SecretStoreError } from "../../../src/remediation/ports.js";

/**
 * The Key Vault adapter against nock: the real SDK pipeline (challenge policy, retry policy),
 * a real-looking vault host (so the challenge's resource verification stays on), no network.
 */
const VAULT = "https://contoso-test.vault.azure.net";
const TOKEN = "fake-access-token";
const CHALLENGE = {
  "WWW-Authenticate":
    'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000002", resource="https://vault.azure.net"',
};
const scopes: string[][] = [];
const credential = {
  getToken: async (s: string | string[]) => {
    scopes.push([s].flat());
    return { token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

function store() {
  return createKeyVaultStore(VAULT, {
    credential,
    retryOptions: { maxRetries: 2, retryDelayInMs: 5, maxRetryDelayInMs: 10 },
  });
}

const bundle = (name: string, version: string, extra: object = {}) => ({
  id: `${VAULT}/secrets/${name}/${version}`,
  attributes: { enabled: true, created: 1_700_000_000, updated: 1_700_000_000 },
  ...extra,
});

/**
 * The first request of a client carries no token (and no body); Key Vault answers 401. Bodies
 * and times are captured in body matchers: a reply *function* never completes for the SDK's
 * requests under nock 15 (seen here; static replies work).
 */
function challenge(method: "GET" | "PUT" | "PATCH", path: RegExp, onBody?: (body: unknown) => void) {
  return nock(VAULT, { badheaders: ["authorization"] })
    .intercept(path, method, (body) => {
      onBody?.(body);
      return true;
    })
    .reply(401, {}, CHALLENGE);
}

/** Requests that carry the token. */
const authed = () => nock(VAULT, { reqheaders: { authorization: `Bearer ${TOKEN}` } });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  scopes.length = 0;
});
afterAll(() => nock.enableNetConnect());

describe("Key Vault store (nock)", () => {
  it("completes the 401 challenge exchange: no body first, then the token for the challenge's resource", async () => {
    const bodies: unknown[] = [];
    const first = challenge("PUT", /^\/secrets\/db-password\?/, (b) => bodies.push(b));
    const scope = authed()
      .put(/^\/secrets\/db-password\?/, (body) => {
        bodies.push(body);
        return true;
      })
      .reply(200, bundle("db-password", "v2", { tags: { a: "b" } }));
    const info = await store().setSecret("db-password", "new-value-for-test", { tags: { a: "b" } });
    expect(info).toMatchObject({ name: "db-password", version: "v2", tags: { a: "b" } });
    expect(bodies[0]).toBe("");
    expect(bodies[1]).toMatchObject({ value: "new-value-for-test", tags: { a: "b" } });
    expect(scopes).toEqual([["https://vault.azure.net/.default"]]);
    expect(first.isDone() && scope.isDone()).toBe(true);
  });

  it("retries 429 after Retry-After and 5xx, then returns the value", async () => {
    const first = challenge("GET", /^\/secrets\/s1\/v1/);
    const at: number[] = [];
    const stamp = () => {
      at.push(performance.now());
      return true;
    };
    const scope = authed()
      .intercept(/^\/secrets\/s1\/v1/, "GET", stamp)
      .reply(429, { error: { code: "Throttled", message: "slow down" } }, { "Retry-After": "1" })
      .intercept(/^\/secrets\/s1\/v1/, "GET", stamp)
      .reply(500, { error: { code: "InternalServerError", message: "boom" } })
      .get(/^\/secrets\/s1\/v1/)
      .reply(200, bundle("s1", "v1", { value: "the-value-for-test" }));
    const got = await store().getSecret("s1", { version: "v1" });
    expect(got.value).toBe("the-value-for-test");
    expect(first.isDone() && scope.isDone()).toBe(true);
    // Back-off for 5xx is 5-10 ms here; a one-second gap is Retry-After (a lower bound; cannot flake).
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("403 names the role to grant; a firewall 403 adds the network note", async () => {
    challenge("GET", /^\/secrets\?/);
    authed()
      .get(/^\/secrets\?/)
      .reply(403, { error: { code: "Forbidden", message: "Caller is not authorized" } });
    const e = await (async () => {
      for await (const _ of store().listSecrets()) void _;
    })().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SecretStoreError);
    expect((e as SecretStoreError).kind).toBe("forbidden");
    expect((e as Error).message).toBe(
      `Key Vault ${VAULT} denied list secrets (403, Forbidden): grant this identity the 'Key Vault Secrets Officer' role on the vault (Azure RBAC), or, for a vault using access policies, the secret permissions get, list and set.`,
    );

    challenge("GET", /^\/secrets\/x\//);
    authed()
      .get(/^\/secrets\/x\//)
      .reply(403, {
        error: {
          code: "Forbidden",
          message: "Client address is not authorized and caller is not a trusted service.",
          innererror: { code: "ForbiddenByFirewall" },
        },
      });
    const f = await store()
      .getSecret("x")
      .catch((x: unknown) => x);
    expect((f as Error).message).toMatch(/self-hosted runner/);
  });

  it("401 after the exchange is a sign-in problem; 404 quotes the unknown name", async () => {
    challenge("GET", /^\/secrets\/gone\/versions/);
    authed()
      .get(/^\/secrets\/gone\/versions/)
      .reply(404, { error: { code: "SecretNotFound", message: "not found" } });
    const e = await (async () => {
      for await (const _ of store().listVersions("gone")) void _;
    })().catch((x: unknown) => x);
    expect((e as SecretStoreError).kind).toBe("not-found");
    expect((e as Error).message).toContain("has no secret 'gone' (404)");

    challenge("GET", /^\/secrets\/y\//);
    authed()
      .get(/^\/secrets\/y\//)
      .reply(401, { error: { code: "Unauthorized", message: "token expired" } });
    const u = await store()
      .getSecret("y")
      .catch((x: unknown) => x);
    expect((u as SecretStoreError).kind).toBe("unauthenticated");
    expect((u as Error).message).toMatch(/federated credential's subject/);
  });

  it("a persistent 5xx is a failure after the configured retries", async () => {
    challenge("PATCH", /^\/secrets\/z\/v1/);
    const scope = authed()
      .patch(/^\/secrets\/z\/v1/)
      .times(3)
      .reply(503, { error: { code: "ServiceUnavailable", message: "try later" } });
    const e = await store()
      .updateVersion("z", "v1", { enabled: false })
      .catch((x: unknown) => x);
    expect((e as SecretStoreError).kind).toBe("unavailable");
    expect(scope.isDone()).toBe(true);
  });

  it("rejects a vault URL that is not https://, naming it", () => {
    expect(() => createKeyVaultStore("http://contoso.vault.azure.net", { credential })).toThrow(
      new TypeError("Vault URL 'http://contoso.vault.azure.net' must use https:// (tokens are never sent in clear)."),
    );
    expect(() => checkVaultUrl("contoso")).toThrow(TypeError);
    expect(checkVaultUrl("https://Contoso.vault.azure.net/")).toBe("https://contoso.vault.azure.net");
    const stores = createKeyVaultStores({ credential });
    expect(stores(VAULT)).toBe(stores(`${VAULT}/`));
  });
});
