/**
 * Credential locks shared by every replica, as Azure Table entities with optimistic
 * concurrency: a lock is taken by inserting its entity (a second insert fails with 409) or, once
 * its time to live has passed, by replacing it under the ETag that was read (a concurrent
 * taker's replace fails with 412); it is dropped by deleting it under its ETag. One round trip
 * in the common case; no clock but the holder's expiry time, with the skew the TTL allows.
 * Keys are keyed hashes (credential-lock.ts), never values.
 */
import type { TableClient } from "@azure/data-tables";
import type { LockStore } from "../queue/work-queue.js";
import { ensureTable, keyOf, type StorageTarget, tableClient } from "./tables.js";

interface LockEntity {
  partitionKey: string;
  rowKey: string;
  holder: string;
  expiresAt: number;
  etag?: string;
}

const PK = "lock";

export class TableLockStore implements LockStore {
  readonly #table: TableClient;
  readonly #now: () => number;
  #ready: Promise<void> | undefined;

  constructor(target: StorageTarget, options: { prefix?: string; now?: () => number } = {}) {
    this.#table = tableClient(target, `${options.prefix ?? "leakstop"}locks`);
    this.#now = options.now ?? Date.now;
  }

  #init(): Promise<void> {
    this.#ready ??= ensureTable(this.#table).catch((e: unknown) => {
      this.#ready = undefined;
      throw e;
    });
    return this.#ready;
  }

  async tryLock(key: string, holder: string, ttlInMs: number): Promise<boolean> {
    await this.#init();
    const rowKey = keyOf(key);
    const entity = { partitionKey: PK, rowKey, holder, expiresAt: this.#now() + ttlInMs };
    try {
      await this.#table.createEntity(entity);
      return true;
    } catch (e) {
      if (status(e) !== 409) throw e;
    }
    let current: LockEntity;
    try {
      current = await this.#table.getEntity<LockEntity>(PK, rowKey);
    } catch (e) {
      if (status(e) === 404) return false; // dropped meanwhile: the next try takes it
      throw e;
    }
    if (current.holder !== holder && current.expiresAt > this.#now()) return false;
    try {
      await this.#table.updateEntity(entity, "Replace", { etag: current.etag ?? "*" });
      return true;
    } catch (e) {
      if (status(e) === 412 || status(e) === 404) return false; // another replica was first
      throw e;
    }
  }

  async unlock(key: string, holder: string): Promise<void> {
    await this.#init();
    const rowKey = keyOf(key);
    try {
      const current = await this.#table.getEntity<LockEntity>(PK, rowKey);
      if (current.holder !== holder) return;
      await this.#table.deleteEntity(PK, rowKey, { etag: current.etag ?? "*" });
    } catch (e) {
      if (status(e) !== 404 && status(e) !== 412) throw e;
    }
  }
}

export function status(e: unknown): number | undefined {
  return (e as { statusCode?: number }).statusCode;
}
