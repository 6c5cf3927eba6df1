import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALNUM, Faker } from "../../../src/core/rules/fake.js";
import { rotateSettings, runRotate } from "../../../src/entrypoints/cli/rotate.js";
import { run } from "../../../src/entrypoints/cli/run.js";
import { ArmDouble, sharedKeyStatus, startBlobDouble, trustingFetch } from "../../helpers/arm-double.js";
import { DOUBLE_TOKEN, KeyVaultDouble, staticCredential } from "../../helpers/keyvault-double.js";
import { PostgresServer, postgresMissing } from "../../helpers/postgres.js";

const pgMissing = await postgresMissing();

let kv: KeyVaultDouble;
let arm: ArmDouble;
let blob: Awaited<ReturnType<typeof startBlobDouble>>;
let cwd: string;

beforeAll(async () => {
  kv = await KeyVaultDouble.start();
  arm = await ArmDouble.start();
  arm.tokens.add(DOUBLE_TOKEN);
  blob = await startBlobDouble(arm);
  cwd = await mkdtemp(join(tmpdir(), "leakstop-rotate-"));
  await writeFile(join(cwd, ".leakstop.yml"), "rotation:\n  validityDays: 30\n");
});
afterAll(async () => {
  await kv.close();
  await blob?.close();
  await arm?.close();
  await rm(cwd, { recursive: true, force: true });
});

function io() {
  const out = { stdout: "", stderr: "" };
  const cli = {
    stdout: (t: string) => {
      out.stdout += t;
    },
    stderr: (t: string) => {
      out.stderr += t;
    },
  };
  return { out, io: cli };
}

const deps = () => ({
  credential: staticCredential,
  cwd,
  fetch: trustingFetch(arm.ca),
  storeOptions: {
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 0 },
    clientOptions: { tlsOptions: { ca: kv.ca } },
  },
});
/** Settings as the command line gives them, with Azure Resource Manager at the double. */
const settings = (raw: Parameters<typeof rotateSettings>[0]) =>
  rotateSettings(raw, { LEAKSTOP_ARM_URL: arm.url, GITHUB_API_URL: "https://127.0.0.1:9" });
const writes = (from: number) => kv.requests.slice(from).filter((r) => r.method === "PUT" || r.method === "PATCH");

describe("leakstop rotate", () => {
  it("rotates: new version in the same shape with an expiry, previous version disabled, exit 0", async () => {
    const old = randomBytes(32).toString("base64");
    const v1 = kv.put("api-key", old, { contentType: "text/plain", tags: { "leakstop-provider": "none" } });
    const { out, io: cli } = io();
    const status = await runRotate(
      rotateSettings({ vault: kv.url, secret: "api-key", reason: "quarterly" }),
      cli,
      deps(),
    );
    expect(status).toBe(0);
    const latest = kv.latest("api-key");
    expect(latest?.version).not.toBe(v1);
    expect(Buffer.from(latest?.value ?? "", "base64")).toHaveLength(32);
    expect(latest?.contentType).toBe("text/plain");
    expect(latest?.tags?.["leakstop-reason"]).toBe("quarterly");
    expect(latest?.exp).toBeGreaterThan(latest?.created ?? 0);
    expect(kv.version("api-key", v1)?.enabled).toBe(false);
    expect(out.stdout).toContain(`rotated 'api-key' in ${kv.url}: new version ${latest?.version}; disabled ${v1}`);
    expect(out.stdout + out.stderr).not.toContain(old);
    expect(out.stdout + out.stderr).not.toContain(latest?.value);
    expect(kv.requests.some((r) => r.method === "DELETE")).toBe(false);
  });

  it("dry run prints the plan and changes nothing", async () => {
    kv.put("dry", randomBytes(16).toString("hex"), { tags: { "leakstop-provider": "none" } });
    const before = kv.requests.length;
    const { out, io: cli } = io();
    const status = await runRotate(rotateSettings({ vault: kv.url, secret: "dry", dryRun: true }), cli, deps());
    expect(status).toBe(0);
    expect(out.stdout).toMatch(/^Plan \(dry run: nothing was changed\):\n {2}rotate {3}/);
    expect(kv.requests.slice(before).every((r) => r.method === "GET")).toBe(true);
    expect(kv.secrets.get("dry")).toHaveLength(1);
  });

  it("a refused write is exit 1 with the role to grant; an unknown secret is exit 1 quoting the name", async () => {
    kv.put("locked", randomBytes(16).toString("hex"), { tags: { "leakstop-provider": "none" } });
    kv.fail({ method: "PUT", status: 403, code: "Forbidden", message: "Caller is not authorized" });
    const a = io();
    expect(await runRotate(rotateSettings({ vault: kv.url, secret: "locked" }), a.io, deps())).toBe(1);
    expect(a.out.stderr).toContain("Key Vault Secrets Officer");
    const b = io();
    expect(await runRotate(rotateSettings({ vault: kv.url, secret: "no-such" }), b.io, deps())).toBe(1);
    expect(b.out.stderr).toContain("'no-such'");
  });

  it("a dry run that cannot reach the vault is exit 1 (documented), naming the vault", async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const vault = `https://127.0.0.1:${closed}`;
    const { out, io: cli } = io();
    const status = await runRotate(rotateSettings({ vault, secret: "db", dryRun: true }), cli, deps());
    expect(status).toBe(1);
    expect(out.stdout).toMatch(/^Plan \(dry run: nothing was changed\):\n {2}blocked /);
    expect(out.stderr).toMatch(new RegExp(`^leakstop: Could not reach Key Vault ${vault} .*ECONNREFUSED`));
    expect(out.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("rotates a storage key at its account (a bare key, located by its rotation tags) and proves the old one dead", async () => {
    const name = `st${randomBytes(5).toString("hex")}`;
    const account = arm.addStorageAccount(name, `${blob.url}/${name}/`);
    const old = account.keys.key1;
    const v1 = kv.put("storage-key", old, {
      tags: { ProviderAddress: account.id, CredentialId: "key1", ValidityPeriodDays: "60" },
    });
    const { out, io: cli } = io();

    const status = await runRotate(settings({ vault: kv.url, secret: "storage-key", reason: "drill" }), cli, deps());

    expect(status, out.stdout + out.stderr).toBe(0);
    // The two-key swap at the account: the other key first (stored), then the old one.
    expect(arm.regenerations.slice(-2)).toEqual(["key2", "key1"]);
    const latest = kv.latest("storage-key");
    expect(latest?.value).toBe(account.keys.key2);
    expect(latest?.tags).toMatchObject({
      CredentialId: "key2",
      ProviderAddress: account.id,
      "leakstop-reason": "drill",
    });
    expect(kv.version("storage-key", v1)?.enabled).toBe(false);
    expect(await sharedKeyStatus(blob.url, name, old)).toBe(403);
    expect(await sharedKeyStatus(blob.url, name, latest?.value ?? "")).toBe(200);
    expect(out.stdout).toContain(
      "at Azure Storage account key (proven: SharedKey List Containers with the leaked key: 403",
    );
    for (const v of [old, latest?.value ?? ""]) expect(out.stdout + out.stderr).not.toContain(v);
  });

  it("a dry run of a provider rotation prints each step with the permission it needs and changes nothing", async () => {
    const name = `st${randomBytes(5).toString("hex")}`;
    const account = arm.addStorageAccount(name, `${blob.url}/${name}/`);
    const conn = `DefaultEndpointsProtocol=https;AccountName=${name};AccountKey=${account.keys.key2};EndpointSuffix=core.windows.net`;
    kv.put("storage-conn", conn);
    const before = kv.requests.length;
    const regenerations = arm.regenerations.length;
    const { out, io: cli } = io();

    const status = await runRotate(settings({ vault: kv.url, secret: "storage-conn", dryRun: true }), cli, deps());

    expect(status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^Plan \(dry run: nothing was changed\):\n {2}rotate {3}Azure Storage account key \S+/);
    expect(out.stdout).toContain(`credential 'key2'`);
    expect(out.stdout).toContain("[needs: Storage Account Key Operator Service Role");
    expect(out.stdout).toContain("secret 'storage-conn'");
    expect(out.stdout).toContain("[needs: Key Vault Secrets Officer on the vault]");
    expect(arm.regenerations.length).toBe(regenerations);
    expect(writes(before)).toEqual([]);
    expect(out.stdout + out.stderr).not.toContain(account.keys.key2);
  });

  it("refuses to make up a value for a secret its provider checks, saying what to do; writes nothing", async () => {
    const before = kv.requests.length;
    const stripe = `sk_live_${new Faker(Date.now() % 100_000).chars(ALNUM, 40)}`;
    kv.put("stripe-key", stripe);
    kv.put("opaque", randomBytes(24).toString("hex"));

    const a = io();
    expect(await runRotate(settings({ vault: kv.url, secret: "stripe-key" }), a.io, deps())).toBe(1);
    expect(a.out.stderr).toContain("no rotator here can rotate it there");
    expect(a.out.stderr).toContain("https://dashboard.stripe.com/apikeys");
    expect(a.out.stderr).toContain("tag the secret 'leakstop-provider: none'");
    expect(a.out.stdout + a.out.stderr).not.toContain(stripe);

    const b = io();
    expect(await runRotate(settings({ vault: kv.url, secret: "opaque", dryRun: true }), b.io, deps())).toBe(1);
    expect(b.out.stdout).toMatch(/ {2}blocked .*cannot tell where 'opaque' is checked/);
    const c = io();
    expect(await runRotate(settings({ vault: kv.url, secret: "opaque" }), c.io, deps())).toBe(1);
    expect(c.out.stderr).toMatch(
      /If the vault is its only home, tag the secret 'leakstop-provider: none' and run again/,
    );
    expect(writes(before)).toEqual([]);
    expect(kv.secrets.get("stripe-key")).toHaveLength(1);
    expect(kv.secrets.get("opaque")).toHaveLength(1);
  });

  describe.skipIf(pgMissing !== undefined)("a PostgreSQL URL, against a real server", () => {
    let server: PostgresServer;
    beforeAll(async () => {
      server = await PostgresServer.start();
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });
    const login = async (url: string) => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
      await client.connect();
      await client.end();
    };

    it("changes the role's password at the server; the vault's new URL logs in and the old one is refused", async () => {
      const role = `svc_${randomBytes(3).toString("hex")}`;
      const old = `Lk${randomBytes(12).toString("base64url")}`;
      await server.createRole(role, old);
      const url = server.url(role, old);
      const v1 = kv.put("orders-db-url", url);
      const { out, io: cli } = io();

      const status = await runRotate(
        settings({ vault: kv.url, secret: "orders-db-url", reason: "drill" }),
        cli,
        deps(),
      );

      expect(status, out.stdout + out.stderr).toBe(0);
      const fresh = kv.latest("orders-db-url")?.value ?? "";
      expect(kv.version("orders-db-url", v1)?.enabled).toBe(false);
      await expect(login(url)).rejects.toThrow(/password authentication failed/);
      await expect(login(fresh)).resolves.toBeUndefined();
      expect(out.stdout).toContain("at PostgreSQL role password (proven:");
      const newPassword = decodeURIComponent(new URL(fresh).password);
      const log = await server.log();
      for (const pw of [old, newPassword]) {
        expect(log.includes(pw)).toBe(false);
        expect((out.stdout + out.stderr).includes(pw)).toBe(false);
      }
    });
  });

  it("--secret may be the secret's URL; its vault is used and must agree with --vault", () => {
    expect(rotateSettings({ secret: `${kv.url}/secrets/api-key/0123abcd` })).toMatchObject({
      vault: kv.url,
      secret: "api-key",
    });
    expect(rotateSettings({ vault: kv.url, secret: `${kv.url}/secrets/api-key` }).secret).toBe("api-key");
    expect(() => rotateSettings({ vault: "https://other.vault.azure.net", secret: `${kv.url}/secrets/x` })).toThrow(
      /is in vault .* but --vault is https:\/\/other\.vault\.azure\.net/,
    );
    expect(() => rotateSettings({ vault: kv.url, secret: "ftp://x/secrets/y" })).toThrow(/is not a secret URL/);
  });

  it("bad usage is exit 2 with one clear line", async () => {
    const a = io();
    expect(await run(["rotate", "--vault", "http://x.vault.azure.net", "--secret", "s"], a.io)).toBe(2);
    expect(a.out.stderr).toBe(
      "leakstop: Vault URL 'http://x.vault.azure.net' must use https:// (tokens are never sent in clear).\n",
    );
    const b = io();
    expect(await run(["rotate", "--vault", "https://x.vault.azure.net"], b.io)).toBe(2);
    expect(b.out.stderr).toMatch(/--secret/);
  });
});
