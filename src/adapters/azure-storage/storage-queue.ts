/**
 * The work queue shared by replicas (issue 10, scale-out): Azure Storage queues carry the work,
 * an Azure table remembers every delivery id, so a delivery enqueued by two replicas (GitHub
 * redelivers to whichever answers) is stored once, and one already done is not done again.
 *
 * - enqueue: insert the delivery's entity (409: a duplicate), then send the message. A message
 *   that could not be sent is sent again by the next enqueue of that id.
 * - lease: receive one message with the visibility timeout; a message whose delivery is done or
 *   dead is deleted unprocessed (a duplicate message, or a replica killed after its work but
 *   before the delete). A replica that dies mid-work loses nothing: its message becomes visible
 *   again when the timeout ends and another replica takes it (`dequeueCount` is the attempt).
 * - fail: retry by hiding the message for the backoff delay, or dead-letter it into the
 *   `…-dead` queue, which metrics and logs show.
 *
 * Messages hold references (storedPayload in jobs.ts), never a value, like the embedded queue.
 */

import type { TableClient } from "@azure/data-tables";
import { type QueueClient, QueueServiceClient } from "@azure/storage-queue";
import type { EnqueueResult, FailResult, LeasedDelivery, NewDelivery } from "../queue/sqlite-queue.js";
import type { WorkQueue } from "../queue/work-queue.js";
import { status } from "./locks.js";
import { ensureTable, keyOf, type StorageTarget, tableClient } from "./tables.js";

/** Options for {@link StorageWorkQueue}. */
export interface StorageWorkQueueOptions {
  /** Queue and table names start with this (lowercase letters and digits). Default `leakstop`. */
  readonly prefix?: string;
  readonly maxAttempts?: number;
  /** Default 300000 (5 min); whole seconds. */
  readonly visibilityTimeoutInMs?: number;
  /** First retry delay, doubling per attempt up to the cap. Defaults 2000 and 300000. */
  readonly retryDelayInMs?: number;
  readonly maxRetryDelayInMs?: number;
  /** Retryable failures are dead-lettered this long after receipt. Default 1 h. */
  readonly retryDeadlineInMs?: number;
  readonly now?: () => number;
}

interface DeliveryEntity {
  partitionKey: string;
  rowKey: string;
  event: string;
  state: "queued" | "done" | "dead";
  receivedAt: number;
  sentAt?: number;
  outcome?: string;
  lastError?: string;
}

interface Message {
  readonly id: string;
  readonly event: string;
  readonly payload: string;
  readonly receivedAt: number;
}

/** A Storage queue message is at most 64 KiB of text; references are far smaller. */
const MAX_MESSAGE_CHARS = 60 * 1024;

export class StorageWorkQueue implements WorkQueue {
  readonly maxAttempts: number;
  readonly visibilityTimeoutInMs: number;
  readonly #work: QueueClient;
  readonly #dead: QueueClient;
  readonly #deliveries: TableClient;
  readonly #o: Required<Omit<StorageWorkQueueOptions, "prefix">>;
  /** Leases held by this replica: the message and its current pop receipt. */
  readonly #leases = new Map<string, { messageId: string; popReceipt: string; message: Message; attempt: number }>();
  #ready: Promise<void> | undefined;

  constructor(target: StorageTarget, options: StorageWorkQueueOptions = {}) {
    const prefix = options.prefix ?? "leakstop";
    this.#o = {
      maxAttempts: 10,
      visibilityTimeoutInMs: 300_000,
      retryDelayInMs: 2000,
      maxRetryDelayInMs: 300_000,
      retryDeadlineInMs: 3_600_000,
      now: Date.now,
      ...options,
    };
    this.maxAttempts = this.#o.maxAttempts;
    this.visibilityTimeoutInMs = this.#o.visibilityTimeoutInMs;
    const service =
      "connectionString" in target
        ? QueueServiceClient.fromConnectionString(target.connectionString)
        : new QueueServiceClient(queueEndpoint(target.url), target.credential);
    this.#work = service.getQueueClient(`${prefix}-work`);
    this.#dead = service.getQueueClient(`${prefix}-dead`);
    this.#deliveries = tableClient(target, `${prefix}deliveries`);
  }

  #init(): Promise<void> {
    this.#ready ??= Promise.all([
      this.#work.createIfNotExists(),
      this.#dead.createIfNotExists(),
      ensureTable(this.#deliveries),
    ]).then(
      () => undefined,
      (e: unknown) => {
        this.#ready = undefined;
        throw e;
      },
    );
    return this.#ready;
  }

  async enqueue(delivery: NewDelivery): Promise<EnqueueResult> {
    await this.#init();
    const text = JSON.stringify({
      id: delivery.id,
      event: delivery.event,
      payload: delivery.payload,
      receivedAt: this.#o.now(),
    } satisfies Message);
    if (text.length > MAX_MESSAGE_CHARS) {
      throw new RangeError(
        `Delivery '${delivery.id}' is ${text.length} characters; a queue message holds at most ${MAX_MESSAGE_CHARS}.`,
      );
    }
    const key = keyOf(delivery.id);
    let result: EnqueueResult = "queued";
    try {
      await this.#deliveries.createEntity<DeliveryEntity>({
        partitionKey: key,
        rowKey: "",
        event: delivery.event,
        state: "queued",
        receivedAt: this.#o.now(),
      });
    } catch (e) {
      if (status(e) !== 409) throw e;
      const known = await this.#deliveries.getEntity<DeliveryEntity>(key, "");
      // Sent already, or being sent by the replica that stored it a moment ago.
      if (known.state !== "queued" || known.sentAt !== undefined || this.#o.now() - known.receivedAt < 30_000) {
        return "duplicate";
      }
      result = "requeued";
    }
    await this.#work.sendMessage(text);
    await this.#deliveries.updateEntity({ partitionKey: key, rowKey: "", sentAt: this.#o.now() }, "Merge");
    return result;
  }

  async lease(): Promise<LeasedDelivery | undefined> {
    await this.#init();
    for (let skipped = 0; skipped < 16; skipped++) {
      const { receivedMessageItems: items } = await this.#work.receiveMessages({
        numberOfMessages: 1,
        visibilityTimeout: seconds(this.visibilityTimeoutInMs),
      });
      const item = items[0];
      if (!item) return undefined;
      let message: Message;
      try {
        message = JSON.parse(item.messageText) as Message;
      } catch {
        // Not ours (or corrupt): keep it for a person, out of the way.
        await this.#dead.sendMessage(item.messageText);
        await this.#work.deleteMessage(item.messageId, item.popReceipt);
        continue;
      }
      const entity = await this.#deliveries.getEntity<DeliveryEntity>(keyOf(message.id), "").catch((e: unknown) => {
        if (status(e) === 404) return undefined;
        throw e;
      });
      if (entity && entity.state !== "queued") {
        await this.#work.deleteMessage(item.messageId, item.popReceipt);
        continue;
      }
      if (item.dequeueCount > this.maxAttempts) {
        // Taken this often without an outcome (replicas dying on it): poison.
        await this.#deadLetter(message, item.messageId, item.popReceipt, "no outcome after every attempt");
        continue;
      }
      this.#leases.set(message.id, {
        messageId: item.messageId,
        popReceipt: item.popReceipt,
        message,
        attempt: item.dequeueCount,
      });
      return { ...message, attempt: item.dequeueCount };
    }
    return undefined;
  }

  async extend(id: string): Promise<void> {
    const lease = this.#leases.get(id);
    if (!lease) return;
    const { popReceipt } = await this.#work.updateMessage(
      lease.messageId,
      lease.popReceipt,
      undefined,
      seconds(this.visibilityTimeoutInMs),
    );
    if (popReceipt) lease.popReceipt = popReceipt;
  }

  async complete(id: string, outcome: string): Promise<void> {
    const lease = this.#take(id);
    await this.#deliveries.updateEntity({ partitionKey: keyOf(id), rowKey: "", state: "done", outcome }, "Merge");
    await this.#work.deleteMessage(lease.messageId, lease.popReceipt).catch(goneIsFine);
  }

  async fail(id: string, error: string, options: { retryable?: boolean } = {}): Promise<FailResult> {
    const lease = this.#take(id);
    const overdue = this.#o.now() - lease.message.receivedAt > this.#o.retryDeadlineInMs;
    if (options.retryable === false || lease.attempt >= this.maxAttempts || overdue) {
      await this.#deadLetter(lease.message, lease.messageId, lease.popReceipt, error);
      return { state: "dead" };
    }
    const delayInMs = Math.min(this.#o.maxRetryDelayInMs, this.#o.retryDelayInMs * 2 ** (lease.attempt - 1));
    await this.#deliveries.updateEntity(
      { partitionKey: keyOf(id), rowKey: "", lastError: error.slice(0, 2000) },
      "Merge",
    );
    await this.#work.updateMessage(lease.messageId, lease.popReceipt, undefined, seconds(delayInMs));
    return { state: "retry", delayInMs };
  }

  async release(id: string): Promise<void> {
    const lease = this.#leases.get(id);
    if (!lease) return;
    this.#leases.delete(id);
    await this.#work.updateMessage(lease.messageId, lease.popReceipt, undefined, 0).catch(goneIsFine);
  }

  /** A delivery's state across every replica (the findings API's status). */
  async get(
    id: string,
  ): Promise<{ state: "ready" | "done" | "dead"; outcome?: string; lastError?: string } | undefined> {
    await this.#init();
    try {
      const e = await this.#deliveries.getEntity<DeliveryEntity>(keyOf(id), "");
      return {
        state: e.state === "queued" ? "ready" : e.state,
        ...(e.outcome ? { outcome: e.outcome } : {}),
        ...(e.lastError ? { lastError: e.lastError } : {}),
      };
    } catch (e) {
      if (status(e) === 404) return undefined;
      throw e;
    }
  }

  /** Messages waiting (approximate, as Azure counts them) in the work and dead-letter queues. */
  async counts(): Promise<{ ready: number; dead: number }> {
    await this.#init();
    const [work, dead] = await Promise.all([this.#work.getProperties(), this.#dead.getProperties()]);
    return { ready: work.approximateMessagesCount ?? 0, dead: dead.approximateMessagesCount ?? 0 };
  }

  close(): void {
    this.#leases.clear();
  }

  #take(id: string) {
    const lease = this.#leases.get(id);
    if (!lease) throw new Error(`Delivery '${id}' is not leased by this replica.`);
    this.#leases.delete(id);
    return lease;
  }

  async #deadLetter(message: Message, messageId: string, popReceipt: string, error: string): Promise<void> {
    await this.#dead.sendMessage(JSON.stringify({ id: message.id, event: message.event, error: error.slice(0, 2000) }));
    await this.#deliveries
      .upsertEntity(
        { partitionKey: keyOf(message.id), rowKey: "", state: "dead", lastError: error.slice(0, 2000) },
        "Merge",
      )
      .catch(() => undefined);
    await this.#work.deleteMessage(messageId, popReceipt).catch(goneIsFine);
  }
}

/** The account's queue endpoint for a blob-style or queue URL. */
function queueEndpoint(url: string): string {
  const u = new URL(url);
  u.hostname = u.hostname.replace(/\.(blob|table|dfs)\./, ".queue.");
  return u.toString().replace(/\/+$/, "");
}

function seconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

/** The message was deleted or its receipt superseded (another replica took it after a timeout). */
function goneIsFine(e: unknown): void {
  if (status(e) !== 404 && status(e) !== 400) throw e;
}
