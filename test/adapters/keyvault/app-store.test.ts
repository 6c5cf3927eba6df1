/**
 * The Key Vault adapter of the App store, against the HTTPS Key Vault double through the real
 * `@azure/keyvault-secrets` client: a round trip, an empty vault, an interrupted setup, and a vault
 * that refuses reads (the error is not mistaken for "no App").
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_SECRET_NAMES, keyVaultAppStore } from "../../../src/adapters/keyvault/app-store.js";
import { createKeyVaultStore } from "../../../src/adapters/keyvault/store.js";
import type { StoredApp } from "../../../src/adapters/state/stored-app.js";
import { SecretStoreError } from "../../../src/remediation/ports.js";
import { KeyVaultDouble, staticCredential } from "../../helpers/keyvault-double.js";

let kv: KeyVaultDouble;
beforeAll(async () => {
  kv = await KeyVaultDouble.start();
});
afterAll(async () => {
  await kv?.close();
});

function store() {
  return keyVaultAppStore(
    createKeyVaultStore(kv.url, {
      credential: staticCredential,
      disableChallengeResourceVerification: true,
      clientOptions: { tlsOptions: { ca: kv.ca } },
      retryOptions: { maxRetries: 0 },
    }),
  );
}

function fakeApp(): StoredApp {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    appId: "123456",
    slug: "leakstop-acme",
    htmlUrl: "https://github.com/apps/leakstop-acme",
    owner: "acme",
    privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    webhookSecret: randomBytes(20).toString("hex"),
  };
}

describe("keyVaultAppStore", () => {
  it("has no App in an empty vault, and names the vault and the secrets it uses", async () => {
    const s = store();
    expect(await s.load()).toBeUndefined();
    expect(s.kind).toBe("key-vault");
    expect(s.location).toBe(`Key Vault ${kv.url} (secrets ${Object.values(APP_SECRET_NAMES).join(", ")})`);
  });

  it("stores the App as three secrets and reads back exactly what it stored", async () => {
    const app = fakeApp();
    await store().save(app);
    expect(await store().load()).toEqual(app);
    expect(kv.latest(APP_SECRET_NAMES.privateKey)?.contentType).toBe("application/x-pem-file");
    const tags = JSON.stringify([...kv.secrets.values()].flat().map((v) => v.tags));
    expect(tags).not.toContain(app.webhookSecret);
    expect(tags).not.toContain(app.privateKey.split("\n")[1]);
  });

  it("refuses an App whose id is there without its key (an interrupted or hand-edited setup), naming what to do", async () => {
    const other = await KeyVaultDouble.start();
    try {
      other.put(APP_SECRET_NAMES.appId, "42");
      const s = keyVaultAppStore(
        createKeyVaultStore(other.url, {
          credential: staticCredential,
          disableChallengeResourceVerification: true,
          clientOptions: { tlsOptions: { ca: other.ca } },
          retryOptions: { maxRetries: 0 },
        }),
      );
      await expect(s.load()).rejects.toThrow(/not a complete GitHub App .*run the setup again \(LEAKSTOP_SETUP=1\)/);
    } finally {
      await other.close();
    }
  });

  it("does not take a refused read for 'no App yet'", async () => {
    kv.fail({ method: "GET", status: 403, code: "Forbidden", message: "Caller lacks secrets/get." });
    await expect(store().load()).rejects.toBeInstanceOf(SecretStoreError);
  });
});
