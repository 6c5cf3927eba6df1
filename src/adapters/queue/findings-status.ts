/**
 * Where each findings call stands (`GET /api/v1/findings/{id}`), kept beside the delivery queue
 * in the data directory so an answer survives a restart. A row holds a {@link FindingsStatus}:
 * counts, locations, secret names and versions, an issue link; never a value. Old rows go
 * with the queue's retention.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { FindingsStatus } from "../../core/responder/findings-api.js";

/**
 * The store's port: the route writes `queued`, the job the rest. Asynchronous where replicas
 * share it (an Azure table: azure-storage/shared-findings.ts).
 */
export interface FindingsStatusStore {
  put(status: FindingsStatus): void | Promise<void>;
  get(id: string): FindingsStatus | undefined | Promise<FindingsStatus | undefined>;
  close(): void;
}

const DAY_IN_MS = 86_400_000;

/** Options for {@link openSqliteFindingsStatus}. */
export interface SqliteFindingsStatusOptions {
  readonly dir: string;
  /** Rows older than this are dropped at open. Default 30 days. */
  readonly retentionInMs?: number;
  readonly now?: () => number;
}

/** The embedded store: `findings.db` in the data directory. */
export function openSqliteFindingsStatus(options: SqliteFindingsStatusOptions): FindingsStatusStore {
  mkdirSync(options.dir, { recursive: true });
  const db = new DatabaseSync(join(options.dir, "findings.db"), { timeout: 2000 });
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
    CREATE TABLE IF NOT EXISTS findings_status (id TEXT PRIMARY KEY, status TEXT NOT NULL, updated_at INTEGER NOT NULL);`);
  const now = options.now ?? Date.now;
  db.prepare("DELETE FROM findings_status WHERE updated_at < ?").run(now() - (options.retentionInMs ?? 30 * DAY_IN_MS));
  const put = db.prepare(
    "INSERT INTO findings_status (id, status, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
  );
  const get = db.prepare("SELECT status FROM findings_status WHERE id = ?");
  return {
    put: (status) => void put.run(status.id, JSON.stringify(status), now()),
    get(id) {
      const row = get.get(id) as { status: string } | undefined;
      return row ? (JSON.parse(row.status) as FindingsStatus) : undefined;
    },
    close: () => db.close(),
  };
}
