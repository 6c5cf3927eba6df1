/**
 * One contract for every vault index store: in memory, the embedded database, and Azure
 * Tables on a real Azurite started by the test (the scale-out store replicas share).
 */
import { createHmac, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TableVaultIndexStore } from "../../src/adapters/azure-storage/index-store.js";
import { SqliteVaultIndexStore } from "../../src/adapters/queue/sqlite-index.js";
import { createVaultIndex, MemoryVaultIndexStore, type VaultIndexStore } from "../../src/remediation/vault-index.js";
import { type Azurite, startAzurite } from "../helpers/azurite.js";
import { MemoryVault } from "../remediation/fakes.js";

const VAULT = "https://contoso.vault.azure.net";
const fake = () => randomBytes(24).toString("base64url");

let azurite: Azurite;
let dir: string;
beforeAll(async () => {
  azurite = await startAzurite();
  dir = await mkdtemp(join(tmpdir(), "leakstop-index-"));
}, 60_000);
afterAll(async () => {
  await azurite?.stop();
  await rm(dir, { recursive: true, force: true });
});

const stores: Array<[string, () => VaultIndexStore]> = [
  ["memory", () => new MemoryVaultIndexStore()],
  ["sqlite", () => new SqliteVaultIndexStore(join(dir, `index-${randomBytes(4).toString("hex")}.db`))],
  [
    "azure tables (Azurite)",
    () =>
      new TableVaultIndexStore({ connectionString: azurite.connectionString }, `t${randomBytes(4).toString("hex")}`),
  ],
];

describe.each(stores)("vault index store: %s", (_name, make) => {
  it("holds digests of every enabled version, follows refreshes and events, forgets deleted secrets", async () => {
    const vault = new MemoryVault(VAULT);
    const store = make();
    const key = randomBytes(32);
    const index = createVaultIndex({
      store,
      secretStore: () => vault,
      digest: (t) => createHmac("sha256", key).update(t).digest("hex"),
    });
    const a1 = fake();
    const a2 = fake();
    const b = fake();
    vault.put("a", a1);
    vault.put("a", `${a2}\n`);
    vault.put("b", `Server=db;User Id=app;Password=${b};`);
    expect(await store.refreshedAt(VAULT)).toBeUndefined();
    await index.refreshVault(VAULT);
    expect(await store.refreshedAt(VAULT)).toBeInstanceOf(Date);
    expect((await index.candidates(a1)).map((c) => c.name)).toEqual(["a"]);
    expect((await index.candidates(a2)).map((c) => c.name)).toEqual(["a"]);
    expect((await index.candidates(b)).map((c) => c.name)).toEqual(["b"]);

    vault.secrets.delete("b");
    const a3 = fake();
    vault.put("a", a3);
    await index.refreshVault(VAULT);
    expect(await index.candidates(b)).toEqual([]);
    expect(await index.candidates(a3)).toHaveLength(1);

    const c = fake();
    const v = vault.put("c", c);
    await index.indexVersion({ vaultUrl: VAULT, name: "c", version: v });
    expect(await index.candidates(c)).toEqual([{ vaultUrl: VAULT, name: "c", version: v }]);
    expect(await index.candidates(fake())).toEqual([]);
  }, 60_000);
});

it("the embedded index file holds no value", async () => {
  const path = join(dir, "canary.db");
  const store = new SqliteVaultIndexStore(path);
  const vault = new MemoryVault(VAULT);
  const canary = fake();
  vault.put("canary", canary);
  const index = createVaultIndex({
    store,
    secretStore: () => vault,
    digest: (t) => createHmac("sha256", "k").update(t).digest("hex"),
  });
  await index.refreshVault(VAULT);
  store.close();
  for (const f of (await readdir(dir)).filter((f) => f.startsWith("canary.db"))) {
    expect((await readFile(join(dir, f))).includes(Buffer.from(canary))).toBe(false);
  }
});
