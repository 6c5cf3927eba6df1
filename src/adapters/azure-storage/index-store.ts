/**
 * The vault index in Azure Tables, shared by every replica (issue 10, scale-out). Two tables:
 * `…digests` (PartitionKey = digest, one row per version holding a value of that form: one
 * partition read per lookup form) and `…holders` (PartitionKey = vault, RowKey = secret name
 * + digest + version: what to drop when a secret is re-read or deleted). Digests and names
 * only, never a value.
 */
import type { TableClient } from "@azure/data-tables";
import type { IndexedVersion, IndexRow, VaultIndexStore } from "../../remediation/vault-index.js";
import { ensureTable, keyOf, type StorageTarget, tableClient } from "./tables.js";

interface HolderEntity {
  partitionKey: string;
  rowKey: string;
  vaultUrl: string;
  name: string;
  version: string;
  digest: string;
}

export class TableVaultIndexStore implements VaultIndexStore {
  readonly #digests: TableClient;
  readonly #holders: TableClient;
  readonly #vaults: TableClient;
  #ready: Promise<void> | undefined;

  constructor(target: StorageTarget, prefix = "leakstop") {
    this.#digests = tableClient(target, `${prefix}digests`);
    this.#holders = tableClient(target, `${prefix}holders`);
    this.#vaults = tableClient(target, `${prefix}vaults`);
  }

  #init(): Promise<void> {
    this.#ready ??= Promise.all([
      ensureTable(this.#digests),
      ensureTable(this.#holders),
      ensureTable(this.#vaults),
    ]).then(
      () => undefined,
      (e: unknown) => {
        this.#ready = undefined;
        throw e;
      },
    );
    return this.#ready;
  }

  async #rowsOfSecret(vaultUrl: string, name: string): Promise<HolderEntity[]> {
    const pk = keyOf(vaultUrl);
    const from = `${keyOf(name)}.`;
    const to = `${keyOf(name)}/`; // '/' sorts right after '.', and base64url has neither
    const out: HolderEntity[] = [];
    const filter = `PartitionKey eq '${pk}' and RowKey ge '${from}' and RowKey lt '${to}'`;
    for await (const e of this.#holders.listEntities<HolderEntity>({ queryOptions: { filter } })) out.push(e);
    return out;
  }

  async #put(rows: readonly IndexRow[]): Promise<void> {
    for (const r of rows) {
      const rk = `${keyOf(r.name)}.${r.digest}.${keyOf(r.version)}`;
      await this.#holders.upsertEntity({ partitionKey: keyOf(r.vaultUrl), rowKey: rk, ...r }, "Replace");
      await this.#digests.upsertEntity(
        {
          partitionKey: r.digest,
          rowKey: keyOf(`${r.vaultUrl}\u0000${r.name}\u0000${r.version}`),
          vaultUrl: r.vaultUrl,
          name: r.name,
          version: r.version,
        },
        "Replace",
      );
    }
  }

  async #drop(rows: readonly HolderEntity[]): Promise<void> {
    for (const r of rows) {
      await this.#digests
        .deleteEntity(r.digest, keyOf(`${r.vaultUrl}\u0000${r.name}\u0000${r.version}`))
        .catch(notFoundIsFine);
      await this.#holders.deleteEntity(r.partitionKey, r.rowKey).catch(notFoundIsFine);
    }
  }

  async replaceSecret(vaultUrl: string, name: string, rows: readonly IndexRow[]): Promise<void> {
    await this.#init();
    const keep = new Set(rows.map((r) => `${r.digest}\u0000${r.version}`));
    const old = await this.#rowsOfSecret(vaultUrl, name);
    await this.#put(rows);
    await this.#drop(old.filter((o) => !keep.has(`${o.digest}\u0000${o.version}`)));
  }

  async addVersion(rows: readonly IndexRow[]): Promise<void> {
    await this.#init();
    await this.#put(rows);
  }

  async retainSecrets(vaultUrl: string, names: ReadonlySet<string>): Promise<void> {
    await this.#init();
    const stale: HolderEntity[] = [];
    const filter = `PartitionKey eq '${keyOf(vaultUrl)}'`;
    for await (const e of this.#holders.listEntities<HolderEntity>({ queryOptions: { filter } })) {
      if (!names.has(e.name)) stale.push(e);
    }
    await this.#drop(stale);
  }

  async lookup(digests: readonly string[]): Promise<IndexedVersion[]> {
    await this.#init();
    const out: IndexedVersion[] = [];
    for (const d of digests) {
      if (!/^[0-9a-f]{16,128}$/.test(d)) continue;
      const filter = `PartitionKey eq '${d}'`;
      for await (const e of this.#digests.listEntities<IndexedVersion>({ queryOptions: { filter } })) {
        out.push({ vaultUrl: e.vaultUrl, name: e.name, version: e.version });
      }
    }
    return out;
  }

  async markRefreshed(vaultUrl: string, at: Date): Promise<void> {
    await this.#init();
    await this.#vaults.upsertEntity(
      { partitionKey: "vault", rowKey: keyOf(vaultUrl), refreshedAt: at.toISOString() },
      "Replace",
    );
  }

  async refreshedAt(vaultUrl: string): Promise<Date | undefined> {
    await this.#init();
    try {
      const e = await this.#vaults.getEntity<{ refreshedAt: string }>("vault", keyOf(vaultUrl));
      return new Date(e.refreshedAt);
    } catch (e) {
      notFoundIsFine(e);
      return undefined;
    }
  }
}

function notFoundIsFine(e: unknown): void {
  if ((e as { statusCode?: number }).statusCode !== 404) throw e;
}
