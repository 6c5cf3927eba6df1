/**
 * The findings API's state shared by replicas: each call's status (`GET /api/v1/findings/{id}`
 * answers on any replica, whichever one ran the call) and the token ids already used (a captured
 * call replayed to another replica is refused too). Statuses hold counts, locations, names and
 * versions, never a value; token ids are stored as given (they are not secrets, only unique).
 */
import type { TableClient } from "@azure/data-tables";
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

export class TableReplayStore implements ReplayStore {
  readonly #table: Table;
  constructor(target: StorageTarget, prefix = "leakstop") {
    this.#table = new Table(target, `${prefix}tokens`);
  }

  /** Insert the id's entity: the first replica to do so wins; a 409 is a replay. */
  async firstUse(jti: string, expiresAtMs: number): Promise<boolean> {
    await this.#table.ready();
    try {
      await this.#table.client.createEntity({ partitionKey: keyOf(jti), rowKey: "", expiresAt: expiresAtMs });
      return true;
    } catch (e) {
      if (status(e) !== 409) throw e;
    }
    return false;
  }
}
