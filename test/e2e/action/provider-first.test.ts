/**
 * Provider first, end to end with the bundled action: a leaked or named credential is rotated
 * where it is checked — a storage account's two-key swap at the ARM double (tagged, and found by
 * Resource Graph), a role's password on a real PostgreSQL server, a GitHub token revoked — the
 * vault gets the value the provider accepts, the old value is seen dead at the provider itself,
 * a re-run converges; a Stripe key and an unknown named secret leave the vault alone.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALNUM, Faker } from "../../../src/core/rules/fake.js";
import { INPUTS, OUTPUTS } from "../../../src/entrypoints/action/constants.js";
import { sharedKeyStatus } from "../../helpers/arm-double.js";
import { PostgresServer, postgresMissing } from "../../helpers/postgres.js";
import { api, arm, blob, closing, expectCanary, kv, leakingPush, password, run, writes } from "./responder-env.js";

const pgMissing = await postgresMissing();
if (pgMissing) console.warn(pgMissing);

describe("the action's responder is provider first, end to end", () => {
  it("on workflow_dispatch rotates a storage key at its account (found by Resource Graph); a re-run converges", async () => {
    const name = `st${randomBytes(5).toString("hex")}`;
    const account = arm.addStorageAccount(name, `${blob.url}/${name}/`);
    const leaked = account.keys.key1;
    const conn = `DefaultEndpointsProtocol=https;AccountName=${name};AccountKey=${leaked};EndpointSuffix=core.windows.net`;
    const v1 = kv.put("orders-storage", conn);
    const regenerationsBefore = arm.regenerations.length;
    const dispatch = { inputs: { secrets: "orders-storage", reason: "offboarding" } };
    const inputs = { [INPUTS.secrets]: "orders-storage", [INPUTS.reason]: "offboarding" };

    const first = await run("workflow_dispatch", dispatch, inputs, { GITHUB_RUN_ID: "5252" });

    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(arm.regenerations.slice(regenerationsBefore)).toEqual(["key2", "key1"]);
    const latest = kv.latest("orders-storage");
    expect(latest?.value).toBe(conn.replace(leaked, account.keys.key2));
    expect(latest?.tags).toMatchObject({ "leakstop-reason": "offboarding" });
    expect(kv.version("orders-storage", v1)?.enabled).toBe(false);
    expect(await sharedKeyStatus(blob.url, name, leaked)).toBe(403);
    expect(await sharedKeyStatus(blob.url, name, account.keys.key2)).toBe(200);
    expect(JSON.parse(first.outputs[OUTPUTS.rotated] ?? "")).toEqual([
      { vault: kv.url, secret: "orders-storage", version: latest?.version },
    ]);
    expect(first.stdout).toContain("[needs: Storage Account Key Operator Service Role");
    expect(first.audit).toContain("proven: SharedKey List Containers with the leaked key: 403");

    const again = await run("workflow_dispatch", dispatch, inputs, { GITHUB_RUN_ID: "5252" });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(arm.regenerations.slice(regenerationsBefore)).toEqual(["key2", "key1"]);
    expect(kv.secrets.get("orders-storage")).toHaveLength(2);
    expect(again.outputs[OUTPUTS.rotated]).toBe("[]");
    expect(again.stdout).toContain("already rotated for this request");
    expectCanary([first, again], [leaked, account.keys.key2, conn, latest?.value ?? ""]);
  });

  it("on workflow_dispatch refuses to make up a value for a secret whose provider it cannot tell", async () => {
    const old = password();
    kv.put("partner-api-secret", old);
    const inputs = { [INPUTS.secrets]: "partner-api-secret" };
    const writesBefore = writes().length;

    const r = await run("workflow_dispatch", { inputs }, inputs, { GITHUB_RUN_ID: "5353" });

    expect(r.code).toBe(1);
    expect(writes().length).toBe(writesBefore);
    expect(kv.secrets.get("partner-api-secret")).toHaveLength(1);
    expect(closing(r)[0]).toContain("cannot tell where 'partner-api-secret' is checked");
    expect(closing(r)[0]).toContain("tag the secret 'leakstop-provider: none' and run again");
    expectCanary([r], [old]);
  });

  for (const tagged of [true, false]) {
    it(`rotates a leaked storage key at the account (${tagged ? "rotation tags" : "found by Resource Graph"}), proves it dead, and a re-run converges`, async () => {
      const name = `st${randomBytes(5).toString("hex")}`;
      const account = arm.addStorageAccount(name, `${blob.url}/${name}/`);
      const leaked = account.keys.key1;
      const conn = `DefaultEndpointsProtocol=https;AccountName=${name};AccountKey=${leaked};EndpointSuffix=core.windows.net`;
      const tags: Record<string, string> = tagged
        ? { ProviderAddress: account.id, CredentialId: "key1", ValidityPeriodDays: "60" }
        : {};
      const secret = `storage-${tagged ? "tagged" : "untagged"}`;
      const v1 = kv.put(secret, conn, { tags });
      const regenerationsBefore = arm.regenerations.length;
      const armBefore = arm.requests.length;
      const payload = leakingPush(tagged ? 30 : 32, `AZURE_STORAGE_CONNECTION_STRING=${conn}`);

      const first = await run("push", payload);

      expect(first.code, first.stdout + first.stderr).toBe(1);
      // At the provider: the other key regenerated and stored, then the leaked one regenerated.
      expect(arm.regenerations.slice(regenerationsBefore)).toEqual(["key2", "key1"]);
      expect(Object.values(account.keys)).not.toContain(leaked);
      const graph = arm.requests.slice(armBefore).filter((r) => r.path.includes("ResourceGraph"));
      expect(graph.length > 0).toBe(!tagged);
      expect(arm.requests.slice(armBefore).every((r) => r.authorized && r.apiVersion !== null)).toBe(true);
      // In the vault: the connection string with the key the account now accepts; the leaked version disabled.
      const versions = kv.secrets.get(secret) ?? [];
      expect(versions).toHaveLength(2);
      expect(versions[1]?.value).toBe(conn.replace(leaked, account.keys.key2));
      expect(kv.version(secret, v1)?.enabled).toBe(false);
      // Seen for ourselves at the data plane, not only in the rotator's evidence: dead, and working.
      expect(await sharedKeyStatus(blob.url, name, leaked)).toBe(403);
      expect(await sharedKeyStatus(blob.url, name, account.keys.key2)).toBe(200);
      if (tagged) expect(versions[1]?.tags).toMatchObject({ CredentialId: "key2", ProviderAddress: account.id });
      const issue = api.issues.find((i) => i.body.includes(secret));
      expect(issue?.body).toContain("Rotated at Azure Storage account key");
      expect(issue?.body).toContain("SharedKey List Containers with the leaked key: 403, with the new key: 200");
      expect(first.audit).toContain("proven: SharedKey List Containers with the leaked key: 403");
      expect(JSON.parse(first.outputs[OUTPUTS.rotated] ?? "[]")).toEqual([
        { vault: kv.url, secret, version: versions[1]?.version },
      ]);
      // Dead at the provider: the closing line asks only for the code to be cleaned.
      expect(closing(first)[0]).toContain(
        "Still to do: remove it from the code and history (the leaked value is proven dead",
      );
      expect(closing(first)[0]).not.toContain("if the vault is not its only home");

      const again = await run("push", payload);
      expect(arm.regenerations.slice(regenerationsBefore)).toEqual(["key2", "key1"]);
      expect(kv.secrets.get(secret)).toHaveLength(2);
      expect(again.outputs[OUTPUTS.rotated]).toBe("[]");
      expect(api.issues.filter((i) => i.body.includes(secret))).toHaveLength(1);
      expect(issue?.comments).toHaveLength(1);
      expectCanary([first, again], [leaked, account.keys.key2, conn, versions[1]?.value ?? ""]);
    });
  }

  it("revokes a leaked GitHub token at GitHub and proves it dead; no vault value is made up", async () => {
    const token = new Faker(Date.now() % 100_000).githubToken("ghp_");
    api.addToken(token);
    const payload = leakingPush(20, `GH_TOKEN=${token}`);
    const writesBefore = writes().length;

    const r = await run("push", payload);

    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(api.tokenIsLive(token)).toBe(false);
    const revoke = api.requests.filter((q) => q.path === "/credentials/revoke");
    expect(revoke).toHaveLength(1);
    expect(revoke[0]?.authorization).toBeUndefined();
    expect(api.requests.some((q) => q.path === "/user")).toBe(true);
    expect(writes().length).toBe(writesBefore);
    expect(r.outputs[OUTPUTS.rotated]).toBe("[]");
    const issue = api.issues.find((i) => i.title.includes("GitHub personal access token"));
    expect(issue?.body).toContain("Revoked at GitHub");
    expect(issue?.body).toContain("GET /user with the leaked token: 401");
    expect(r.audit).toContain('"action":"revoke","outcome":"ok"');
    // The token goes to GitHub's revocation API (that is the point) and nowhere else.
    const elsewhere = api.requests.filter((q) => q.path !== "/credentials/revoke").map((q) => q.body);
    for (const text of [...elsewhere, r.summary, r.audit, r.sarifText, JSON.stringify(r.outputs), r.stderr]) {
      expect(text.includes(token)).toBe(false);
    }
    expect(r.stdout.split("\n").filter((l) => !l.startsWith("::add-mask::") && l.includes(token))).toEqual([]);
  });

  it("leaves the vault alone for a leaked Stripe key and says how to revoke it at Stripe", async () => {
    const key = `sk_live_${new Faker(Date.now() % 100_000).chars(ALNUM, 40)}`;
    const v1 = kv.put("stripe-api-key", key);
    const payload = leakingPush(22, `STRIPE_KEY=${key}`);
    const writesBefore = writes().length;

    const r = await run("push", payload);

    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(writes().length).toBe(writesBefore);
    expect(kv.secrets.get("stripe-api-key")).toHaveLength(1);
    expect(kv.version("stripe-api-key", v1)?.enabled).toBe(true);
    const issue = api.issues.find((i) => i.body.includes("stripe-api-key"));
    expect(issue?.body).toContain("The leaked credential is still valid");
    expect(issue?.body).toContain("What to do at Stripe");
    expect(issue?.body).toContain("https://dashboard.stripe.com/apikeys");
    expect(r.stdout).toContain("by hand at Stripe");
    expectCanary([r], [key]);
  });

  describe.skipIf(pgMissing !== undefined)("a leaked PostgreSQL URL, against a real PostgreSQL server", () => {
    let server: PostgresServer;
    beforeAll(async () => {
      server = await PostgresServer.start();
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });
    /** Logs in with `url` and runs `SELECT 1`; rejects with the server's refusal. */
    const login = async (url: string) => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
      await client.connect();
      try {
        await client.query("SELECT 1");
      } finally {
        await client.end();
      }
    };

    it("changes the password at the server with the leaked login itself; the vault's new URL logs in, the old one is refused", async () => {
      const role = `app_${randomBytes(3).toString("hex")}`;
      // Characters a URL must percent-encode: the vault's URL and the leak both hold the encoded form.
      const old = `Lk${randomBytes(12).toString("base64url")}@/%`;
      await server.createRole(role, old);
      const url = server.url(role, old);
      const secret = `db-url-${role.replace(/_/g, "-")}`;
      const v1 = kv.put(secret, url);
      const payload = leakingPush(50, `DATABASE_URL=${url}`);

      const first = await run("push", payload);

      expect(first.code, first.stdout + first.stderr).toBe(1);
      const versions = kv.secrets.get(secret) ?? [];
      expect(versions).toHaveLength(2);
      const fresh = versions[1]?.value ?? "";
      const newPassword = decodeURIComponent(new URL(fresh).password);
      expect(newPassword).not.toBe(old);
      expect(fresh).toBe(url.replace(encodeURIComponent(old), encodeURIComponent(newPassword)));
      expect(kv.version(secret, v1)?.enabled).toBe(false);
      // The real server: the leaked password is refused, the vault's new URL logs in.
      await expect(login(url)).rejects.toThrow(/password authentication failed/);
      await expect(login(fresh)).resolves.toBeUndefined();
      const issue = api.issues.find((i) => i.body.includes(secret));
      expect(issue?.body).toContain("Rotated at PostgreSQL");
      expect(closing(first)[0]).toContain("proven dead at its provider");
      expect(JSON.parse(first.outputs[OUTPUTS.rotated] ?? "[]")).toEqual([
        { vault: kv.url, secret, version: versions[1]?.version },
      ]);
      // The statement log holds a SCRAM verifier, never the password in clear (raw or encoded).
      const log = await server.log();
      expect(log).toMatch(/PASSWORD 'SCRAM-SHA-256\$4096:/);
      for (const pw of [old, newPassword]) {
        expect(log.includes(pw)).toBe(false);
        expect(log.includes(encodeURIComponent(pw))).toBe(false);
      }

      // A re-run converges: no second password change, no new version, a comment on the same issue.
      const again = await run("push", payload);
      expect(kv.secrets.get(secret)).toHaveLength(2);
      expect(again.outputs[OUTPUTS.rotated]).toBe("[]");
      await expect(login(fresh)).resolves.toBeUndefined();
      expect(api.issues.filter((i) => i.body.includes(secret))).toHaveLength(1);
      expect(issue?.comments).toHaveLength(1);
      expectCanary([first, again], [old, encodeURIComponent(old), newPassword, encodeURIComponent(newPassword)]);
    });
  });
});
