/**
 * The vault index in the embedded database (node:sqlite), the single-process default. Digests
 * and names only, never a value; `secure_delete` so dropped rows leave nothing behind either.
 */
import { DatabaseSync } from "node:sqlite";
import type { IndexedVersion, IndexRow, VaultIndexStore } from "../../remediation/vault-index.js";

export class SqliteVaultIndexStore implements VaultIndexStore {
  readonly #db: DatabaseSync;

  /** `path`: a file under LEAKSTOP_DATA_DIR, or `:memory:`. */
  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    this.#db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA secure_delete = ON;
      CREATE TABLE IF NOT EXISTS vault_index (
        digest TEXT NOT NULL, vault TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
        PRIMARY KEY (vault, name, version, digest)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS vault_index_digest ON vault_index (digest);
      CREATE TABLE IF NOT EXISTS vault_refreshed (vault TEXT PRIMARY KEY, at TEXT NOT NULL);
    `);
  }

  #transaction(work: () => void): void {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      work();
      this.#db.exec("COMMIT");
    } catch (e) {
      this.#db.exec("ROLLBACK");
      throw e;
    }
  }

  #insert(rows: readonly IndexRow[]): void {
    const put = this.#db.prepare(
      "INSERT OR IGNORE INTO vault_index (digest, vault, name, version) VALUES (?, ?, ?, ?)",
    );
    for (const r of rows) put.run(r.digest, r.vaultUrl, r.name, r.version);
  }

  async replaceSecret(vaultUrl: string, name: string, rows: readonly IndexRow[]): Promise<void> {
    this.#transaction(() => {
      this.#db.prepare("DELETE FROM vault_index WHERE vault = ? AND name = ?").run(vaultUrl, name);
      this.#insert(rows);
    });
  }

  async addVersion(rows: readonly IndexRow[]): Promise<void> {
    this.#transaction(() => this.#insert(rows));
  }

  async retainSecrets(vaultUrl: string, names: ReadonlySet<string>): Promise<void> {
    const present = this.#db.prepare("SELECT DISTINCT name FROM vault_index WHERE vault = ?").all(vaultUrl) as Array<{
      name: string;
    }>;
    const drop = this.#db.prepare("DELETE FROM vault_index WHERE vault = ? AND name = ?");
    this.#transaction(() => {
      for (const { name } of present) if (!names.has(name)) drop.run(vaultUrl, name);
    });
  }

  async lookup(digests: readonly string[]): Promise<IndexedVersion[]> {
    const find = this.#db.prepare("SELECT vault, name, version FROM vault_index WHERE digest = ?");
    return digests.flatMap((d) =>
      (find.all(d) as Array<{ vault: string; name: string; version: string }>).map((r) => ({
        vaultUrl: r.vault,
        name: r.name,
        version: r.version,
      })),
    );
  }

  async markRefreshed(vaultUrl: string, at: Date): Promise<void> {
    this.#db
      .prepare(
        "INSERT INTO vault_refreshed (vault, at) VALUES (?, ?) ON CONFLICT (vault) DO UPDATE SET at = excluded.at",
      )
      .run(vaultUrl, at.toISOString());
  }

  async refreshedAt(vaultUrl: string): Promise<Date | undefined> {
    const row = this.#db.prepare("SELECT at FROM vault_refreshed WHERE vault = ?").get(vaultUrl) as
      | { at: string }
      | undefined;
    return row ? new Date(row.at) : undefined;
  }

  close(): void {
    this.#db.close();
  }
}
