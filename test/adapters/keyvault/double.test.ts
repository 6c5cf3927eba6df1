import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getCACertificates, setDefaultCACertificates } from "node:tls";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyVaultCredential, OIDC_AUDIENCE } from "../../../src/adapters/keyvault/credential.js";
import { createKeyVaultStore } from "../../../src/adapters/keyvault/store.js";
import { type SecretStore, SecretStoreError } from "../../../src/remediation/ports.js";
import { KeyVaultDouble, staticCredential } from "../../helpers/keyvault-double.js";

/** The real @azure/keyvault-secrets client against the HTTPS double. */
let kv: KeyVaultDouble;
let store: SecretStore;

beforeAll(async () => {
  kv = await KeyVaultDouble.start();
  store = createKeyVaultStore(kv.url, {
    credential: staticCredential,
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 20 },
    clientOptions: { tlsOptions: { ca: kv.ca } },
  });
});
afterAll(() => kv.close());

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("SecretStore over the real SDK, against the HTTPS double", () => {
  it("answers the 401 challenge with a token from the credential, then lists every page", async () => {
    for (let i = 0; i < 5; i++) kv.put(`page-${i}`, `value-${i}-${Math.random()}`);
    kv.requests.length = 0;
    const names = (await collect(store.listSecrets())).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["page-0", "page-1", "page-2", "page-3", "page-4"]));
    const lists = kv.requests.filter((r) => r.method === "GET" && r.path === "/secrets");
    expect(lists[0]).toMatchObject({ authorized: false, status: 401 });
    expect(lists.slice(1).every((r) => r.authorized && r.status === 200)).toBe(true);
    expect(lists.filter((r) => r.query.$skiptoken).length).toBeGreaterThanOrEqual(2);
    expect(lists.every((r) => r.query["api-version"])).toBe(true);
  });

  it("reads versions, writes a new version with tags and expiry, and disables the old one", async () => {
    const old = kv.put("rotate-me", "old-value-for-test", { contentType: "text/plain", tags: { owner: "x" } });
    const versions = await collect(store.listVersions("rotate-me"));
    expect(versions.map((v) => v.version)).toEqual([old]);
    const got = await store.getSecret("rotate-me", { version: old });
    expect(got.value).toBe("old-value-for-test");
    expect(got.info).toMatchObject({ contentType: "text/plain", tags: { owner: "x" }, enabled: true });

    const expiresOn = new Date("2030-01-01T00:00:00Z");
    const tags = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`t${i}`, "v".repeat(300)]));
    const info = await store.setSecret("rotate-me", "new-value-for-test", {
      contentType: "text/plain",
      tags,
      expiresOn,
    });
    const stored = kv.latest("rotate-me");
    expect(info.version).toBe(stored?.version);
    expect(stored?.exp).toBe(expiresOn.getTime() / 1000);
    expect(Object.keys(stored?.tags ?? {})).toHaveLength(15);
    expect(Object.values(stored?.tags ?? {}).every((v) => v.length <= 256)).toBe(true);

    await store.updateVersion("rotate-me", old, { enabled: false, tags: { "leakstop-incident": "fp1" } });
    expect(kv.version("rotate-me", old)).toMatchObject({ enabled: false, tags: { "leakstop-incident": "fp1" } });
    await expect(store.getSecret("rotate-me", { version: old })).rejects.toThrow(/disabled/);
  });

  it("retries 429 honouring Retry-After, and 500, then succeeds", async () => {
    kv.put("flaky", "flaky-value-for-test");
    kv.fail({ method: "GET", path: "/secrets/flaky", status: 429, headers: { "retry-after": "1" } });
    kv.fail({ method: "GET", path: "/secrets/flaky", status: 500 });
    kv.requests.length = 0;
    const got = await store.getSecret("flaky");
    expect(got.value).toBe("flaky-value-for-test");
    expect(kv.requests.map((r) => r.status)).toEqual([429, 500, 200]);
    // The 5xx back-off is set to 10-20 ms, so only Retry-After explains a wait of a second.
    // A lower bound on a wait the client must make: it cannot flake on a slow machine.
    const [throttled, failed] = kv.requests;
    expect((failed?.at ?? 0) - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("maps 403 to the role to grant and 404 to the unknown name", async () => {
    kv.fail({ method: "PUT", status: 403, code: "Forbidden", message: "Caller is not authorized to perform action" });
    const denied = await store.setSecret("any", "value-for-test").catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(SecretStoreError);
    expect((denied as SecretStoreError).kind).toBe("forbidden");
    expect((denied as Error).message).toContain("'Key Vault Secrets Officer' role on the vault");
    expect((denied as Error).message).toContain("get, list and set");
    const missing = await collect(store.listVersions("no-such-secret")).catch((e: unknown) => e);
    expect((missing as SecretStoreError).kind).toBe("not-found");
    expect((missing as Error).message).toContain("secret 'no-such-secret'");
  });

  it("gives up on a persistent 5xx with a failure, after the configured retries", async () => {
    kv.put("down", "down-value-for-test");
    kv.fail({ method: "GET", path: "/secrets/down", status: 503, times: 3 });
    const e = await store.getSecret("down").catch((x: unknown) => x);
    expect((e as SecretStoreError).kind).toBe("unavailable");
    expect((e as Error).message).toMatch(/\(503.*after 2 retries/);
  });

  it("signs in by OIDC federation at the double's authority, then reads the vault", async () => {
    // MSAL has its own HTTP client: trust the double process-wide (this test file's worker only).
    setDefaultCACertificates([...getCACertificates("default"), kv.ca]);
    kv.put("federated", "federated-value-for-test");
    const audiences: string[] = [];
    const credential = createKeyVaultCredential({
      clientId: "11111111-1111-1111-1111-111111111111",
      tenantId: "00000000-0000-0000-0000-000000000001",
      authorityHost: kv.url,
      getIdToken: async (audience) => {
        audiences.push(audience);
        return `github-oidc-token-${audiences.length}`;
      },
    });
    const federated = createKeyVaultStore(kv.url, { credential, disableChallengeResourceVerification: true });
    expect((await federated.getSecret("federated")).value).toBe("federated-value-for-test");
    expect(audiences.every((a) => a === OIDC_AUDIENCE)).toBe(true);
    expect(kv.tokenRequests.at(-1)).toMatchObject({
      clientId: "11111111-1111-1111-1111-111111111111",
      assertion: expect.stringMatching(/^github-oidc-token-\d+$/),
      assertionType: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      scope: expect.stringContaining("https://vault.azure.net/.default"),
      clientSecret: null,
    });
  });

  it("is trusted by a child process through NODE_EXTRA_CA_CERTS", async () => {
    kv.put("child", "child-value-for-test");
    const dir = await mkdtemp(join(tmpdir(), "kv-ca-"));
    try {
      const caFile = join(dir, "ca.pem");
      await writeFile(caFile, kv.ca);
      const script = [
        'import { SecretClient } from "@azure/keyvault-secrets";',
        "const cred = { getToken: async () => ({ token: process.env.TOKEN, expiresOnTimestamp: Date.now() + 60000 }) };",
        "const c = new SecretClient(process.env.VAULT, cred, { disableChallengeResourceVerification: true });",
        'const s = await c.getSecret("child");',
        "process.stdout.write(String(s.value.length));",
      ].join("\n");
      const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
        cwd: process.cwd(),
        env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, VAULT: kv.url, TOKEN: "double-access-token" },
      });
      expect(stdout).toBe(String("child-value-for-test".length));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
