/**
 * The findings API's state shared by replicas: each call's status (`GET /api/v1/findings/{id}`
 * answers on any replica, whichever one ran the call) and the token ids already used (a captured
 * call replayed to another replica is refused too). Statuses hold counts, locations, names and
 * versions, never a value; token ids are stored as given (they are not secrets, only unique).
 */
import { odata, type TableClient } from "@azure/data-tables";
import type { FindingsStatus } from "../../core/responder/findings-api.js";
import type { ReplayStore } from "../oidc/verify.js";
import type { FindingsStatusStore } from "../queue/findings-status.js";
import { status } from "./locks.js";
import { ensureTable, keyOf, type StorageTarget, tableClient } from "./tables.js";

/** A string property holds at most 32 K UTF-16 characters: longer statuses are split. */
const CHUNK = 30_000;

class Table {
  readonly client: TableClient;
  #ready: Promise<void> | undefined;
  constructor(target: StorageTarget, name: string) {
    this.client = tableClient(target, name);
  }
  ready(): Promise<void> {
    this.#ready ??= ensureTable(this.client).catch((e: unknown) => {
      this.#ready = undefined;
      throw e;
    });
    return this.#ready;
  }
}

export class TableFindingsStatusStore implements FindingsStatusStore {
  readonly #table: Table;
  constructor(target: StorageTarget, prefix = "leakstop") {
    this.#table = new Table(target, `${prefix}findings`);
  }

  async put(s: FindingsStatus): Promise<void> {
    await this.#table.ready();
    const text = JSON.stringify(s);
    const parts: Record<string, string> = {};
    for (let i = 0; i * CHUNK < text.length; i++) parts[`s${i}`] = text.slice(i * CHUNK, (i + 1) * CHUNK);
    await this.#table.client.upsertEntity(
      { partitionKey: keyOf(s.id), rowKey: "", chunks: Object.keys(parts).length, ...parts },
      "Replace",
    );
  }

  async get(id: string): Promise<FindingsStatus | undefined> {
    await this.#table.ready();
    try {
      const e = await this.#table.client.getEntity<Record<string, unknown>>(keyOf(id), "");
      const chunks = Number(e.chunks ?? 0);
      let text = "";
      for (let i = 0; i < chunks; i++) text += String(e[`s${i}`] ?? "");
      return JSON.parse(text) as FindingsStatus;
    } catch (e) {
      if (status(e) === 404) return undefined;
      throw e;
    }
  }

  close(): void {}
}

/** Options of {@link TableReplayStore}. */
export interface TableReplayStoreOptions {
  /** Clock, for tests. */
  readonly now?: () => number;
  /**
   * How long an id is kept past its token's expiry: the verifier's clock skew (60 s by default)
   * still accepts the token that long, so its id must still be refused. Default 5 minutes.
   */
  readonly graceInMs?: number;
  /** Least time between two clean-ups started by {@link TableReplayStore.firstUse}. Default 10 minutes. */
  readonly sweepEveryInMs?: number;
}

export class TableReplayStore implements ReplayStore {
  readonly #table: Table;
  readonly #now: () => number;
  readonly #graceInMs: number;
  readonly #sweepEveryInMs: number;
  #lastSweep = Number.NEGATIVE_INFINITY;
  #sweeping: Promise<number> | undefined;

  constructor(target: StorageTarget, prefix = "leakstop", options: TableReplayStoreOptions = {}) {
    this.#table = new Table(target, `${prefix}tokens`);
    this.#now = options.now ?? Date.now;
    this.#graceInMs = options.graceInMs ?? 5 * 60_000;
    this.#sweepEveryInMs = options.sweepEveryInMs ?? 10 * 60_000;
  }

  /**
   * Insert the id's entity: the first replica to do so wins; a 409 is a replay. Now and then
   * (at most once per `sweepEveryInMs` per replica) it also starts a clean-up in the background,
   * so the table stays bounded by the ids of tokens still valid.
   */
  async firstUse(jti: string, expiresAtMs: number): Promise<boolean> {
    await this.#table.ready();
    if (this.#now() - this.#lastSweep >= this.#sweepEveryInMs) {
      // A failed clean-up costs nothing but table space; the next interval tries again.
      this.sweep().catch(() => {});
    }
    try {
      await this.#table.client.createEntity({ partitionKey: keyOf(jti), rowKey: "", expiresAt: expiresAtMs });
      return true;
    } catch (e) {
      if (status(e) !== 409) throw e;
    }
    return false;
  }

  /**
   * Delete the ids of tokens expired more than the grace ago (no verifier accepts them any more,
   * so forgetting them lets no replay through). Returns how many were deleted; one clean-up at a
   * time per replica, and replicas racing on the same entity ignore each other's 404s.
   */
  sweep(): Promise<number> {
    this.#lastSweep = this.#now();
    this.#sweeping ??= this.#sweep().finally(() => {
      this.#sweeping = undefined;
    });
    return this.#sweeping;
  }

  async #sweep(): Promise<number> {
    await this.#table.ready();
    const cutoff = this.#now() - this.#graceInMs;
    let deleted = 0;
    const expired = this.#table.client.listEntities<{ expiresAt: number }>({
      queryOptions: { filter: odata`expiresAt lt ${cutoff}` },
    });
    for await (const e of expired) {
      try {
        await this.#table.client.deleteEntity(e.partitionKey as string, e.rowKey as string);
        deleted++;
      } catch (err) {
        if (status(err) !== 404) throw err;
      }
    }
    return deleted;
  }
}
