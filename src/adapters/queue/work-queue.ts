/**
 * The work queue's port, as replicas need it (issue 10, scale-out): every operation may be
 * asynchronous, because a queue shared between replicas is a network service (Azure Storage
 * queues and tables, storage-queue.ts). The embedded SQLite `DeliveryQueue` is the
 * single-replica default; its synchronous methods satisfy this port as they are.
 */
import type { EnqueueResult, FailResult, LeasedDelivery, NewDelivery } from "./sqlite-queue.js";

type MaybePromise<T> = T | Promise<T>;

export interface WorkQueue {
  /** Attempts before a delivery is dead-lettered. */
  readonly maxAttempts: number;
  /** How long a leased delivery stays invisible to other consumers without {@link extend}. */
  readonly visibilityTimeoutInMs: number;
  /** Store a delivery once per id, across every replica: a second enqueue is `duplicate`. */
  enqueue(delivery: NewDelivery): MaybePromise<EnqueueResult>;
  /** The next ready delivery, invisible to others until completed, failed, released or timed out. */
  lease(): MaybePromise<LeasedDelivery | undefined>;
  /** Keep a lease (a heartbeat while the work runs). */
  extend(id: string): MaybePromise<void>;
  complete(id: string, outcome: string): MaybePromise<void>;
  /** Retry later with backoff, or dead-letter (permanent, out of attempts or past the deadline). */
  fail(id: string, error: string, options?: { retryable?: boolean }): MaybePromise<FailResult>;
  /** Give a lease back at once (shutdown). */
  release(id: string): MaybePromise<void>;
  close(): MaybePromise<void>;
}

/** A lock per key across replicas, with a time to live (credential-lock.ts takes them). */
export interface LockStore {
  /** Take or renew `key` for `holder`; false while another holder has it. */
  tryLock(key: string, holder: string, ttlInMs: number): MaybePromise<boolean>;
  /** Drop `key` if `holder` has it. */
  unlock(key: string, holder: string): MaybePromise<void>;
}
