import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEventGrid } from "../../src/core/responder/eventgrid.js";
import { valueForms } from "../../src/core/responder/value-forms.js";
import { createVaultIndex, MemoryVaultIndexStore } from "../../src/remediation/vault-index.js";
import { MemoryVault } from "./fakes.js";

const VAULT = "https://contoso.vault.azure.net";
const fake = (n = 24) => randomBytes(n).toString("base64url");

function setup() {
  const vault = new MemoryVault(VAULT);
  const store = new MemoryVaultIndexStore();
  const key = randomBytes(32);
  const index = createVaultIndex({
    store,
    secretStore: () => vault,
    digest: (t) => createHmac("sha256", key).update(t).digest("hex"),
  });
  return { vault, store, index };
}

describe("the vault index", () => {
  it("finds the holder of a leaked value however it is stored, from digests only", async () => {
    const { vault, store, index } = setup();
    const password = `${fake(12)}+/=`;
    const storageKey = randomBytes(64).toString("base64");
    const pem = `-----BEGIN PRIVATE KEY-----\n${fake(48)}\n-----END PRIVATE KEY-----\n`;
    vault.put("db-password", `${password}\r\n`);
    vault.put("db-url", `postgres://app:${encodeURIComponent(password)}@db.internal:5432/app`);
    vault.put(
      "storage",
      `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${storageKey};EndpointSuffix=core.windows.net`,
    );
    vault.put("k8s", Buffer.from(`token=${fake()}`).toString("base64"));
    vault.put("sa", JSON.stringify({ type: "service_account", private_key: pem }));
    for (let i = 0; i < 20; i++) vault.put(`noise-${i}`, fake());
    const report = await index.refreshVault(VAULT);
    expect(report).toMatchObject({ secrets: 25, versions: 25, skipped: 0 });

    const names = async (leaked: string) => (await index.candidates(leaked)).map((c) => c.name).sort();
    expect(await names(password)).toEqual(["db-password", "db-url"]);
    expect(await names(encodeURIComponent(password))).toEqual(["db-password", "db-url"]);
    expect(await names(storageKey)).toEqual(["storage"]);
    expect(await names(JSON.stringify(pem).slice(1, -1))).toEqual(["sa"]);
    expect(await names(fake())).toEqual([]);

    // Digests only: no stored digest is a value or a form of one.
    const forms = new Set([password, storageKey, pem].flatMap(valueForms));
    for (const d of store.digests()) expect(forms.has(d)).toBe(false);
    expect(store.digests().join("")).not.toContain(password);
  });

  it("indexes every enabled version, drops deleted secrets, and adds a new version from an event", async () => {
    const { vault, index } = setup();
    const old = fake();
    vault.put("api", old);
    const current = fake();
    vault.put("api", current);
    vault.put("gone", fake());
    await index.refreshVault(VAULT);
    expect((await index.candidates(old)).map((c) => c.name)).toEqual(["api"]);
    vault.secrets.delete("gone");
    const newer = fake();
    const version = vault.put("api", newer);
    await index.refreshVault(VAULT);
    expect(await index.candidates(newer)).toHaveLength(1);
    const added = fake();
    const v2 = vault.put("new-secret", added);
    expect(await index.candidates(added)).toEqual([]);
    await index.indexVersion({ vaultUrl: VAULT, name: "new-secret", version: v2 });
    expect(await index.candidates(added)).toEqual([{ vaultUrl: VAULT, name: "new-secret", version: v2 }]);
    expect(version).toBeTruthy();
  });

  it("makes a finding cost one lookup instead of reading the vault", async () => {
    const { vault, index } = setup();
    const values = Array.from({ length: 500 }, () => fake());
    for (const [i, v] of values.entries()) vault.put(`s-${i}`, v);
    await index.refreshVault(VAULT);
    vault.calls.length = 0;
    expect(await index.candidates(values[321] as string)).toHaveLength(1);
    expect(vault.calls).toEqual([]);
  });
});

describe("Key Vault's Event Grid events", () => {
  it("answers the validation handshake", () => {
    expect(
      parseEventGrid([
        { eventType: "Microsoft.EventGrid.SubscriptionValidationEvent", data: { validationCode: "512d38b6" } },
      ]),
    ).toEqual({
      kind: "validation",
      validationCode: "512d38b6",
    });
  });

  it("takes SecretNewVersionCreated (Event Grid schema and CloudEvents), ignores the rest", () => {
    const data = {
      Id: "https://contoso.vault.azure.net/secrets/db/abc123",
      VaultName: "contoso",
      ObjectType: "Secret",
      ObjectName: "db",
      Version: "abc123",
    };
    expect(
      parseEventGrid([
        { eventType: "Microsoft.KeyVault.SecretNewVersionCreated", data },
        { eventType: "Microsoft.KeyVault.SecretNearExpiry", data },
        { eventType: "Microsoft.KeyVault.SecretNewVersionCreated", data: { ...data, ObjectType: "Key" } },
      ]),
    ).toEqual({ kind: "events", newVersions: [{ vaultUrl: VAULT, name: "db", version: "abc123" }], ignored: 2 });
    expect(
      parseEventGrid({
        specversion: "1.0",
        type: "Microsoft.KeyVault.SecretNewVersionCreated",
        data: { ...data, Id: undefined },
      }),
    ).toMatchObject({
      newVersions: [{ vaultUrl: VAULT, name: "db" }],
    });
    expect(parseEventGrid(null)).toMatchObject({ kind: "invalid" });
    expect(parseEventGrid([{ eventType: "Microsoft.EventGrid.SubscriptionValidationEvent", data: {} }])).toMatchObject({
      kind: "invalid",
    });
  });
});
