/**
 * One remediation per credential at a time. Two deliveries about the same leaked value (an
 * alert's `created` and `validated`, a push and the alert it raises) must not both rotate and
 * both open an issue, and a rotation that disables a version must not make a concurrent one
 * fail. A credential is named by a keyed hash of its value (never the value, not even at
 * rest); the locks live in the queue's database with a time to live, renewed while the work
 * runs.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { LockStore } from "./work-queue.js";

/** Options for {@link CredentialLocks}. */
export interface CredentialLockOptions {
  /** A lock not renewed for this long ends (a hung holder). Default 600000, the worker's time limit. */
  readonly ttlInMs?: number;
  /** Wait between tries while another holder has a lock. Default 200. */
  readonly pollInMs?: number;
  /**
   * The HMAC key of lock names. Replicas sharing a lock store must share it (the index key);
   * default: a random key per process, for locks that live and die with it (the embedded queue).
   */
  readonly key?: Uint8Array;
}

export class CredentialLocks {
  readonly #queue: LockStore;
  readonly #ttlInMs: number;
  readonly #pollInMs: number;
  /** Per process by default: locks do not outlive it (the queue drops them at open). */
  readonly #salt: Uint8Array;

  constructor(queue: LockStore, options: CredentialLockOptions = {}) {
    this.#queue = queue;
    this.#salt = options.key ?? randomBytes(32);
    this.#ttlInMs = options.ttlInMs ?? 600_000;
    this.#pollInMs = options.pollInMs ?? 200;
  }

  /** The lock key of a value: a keyed hash, so the database never holds the value. */
  keyOf(value: string): string {
    return `credential:${createHmac("sha256", this.#salt).update(value).digest("hex").slice(0, 32)}`;
  }

  /**
   * Run `work` holding the locks of every value in `values` (all or none, taken in one order so
   * two holders cannot wait on each other). Waits while another holder has one; gives up when
   * `abortSignal` fires.
   */
  async run<T>(
    values: readonly string[],
    holder: string,
    abortSignal: AbortSignal,
    work: () => Promise<T>,
  ): Promise<T> {
    const keys = [...new Set(values.map((v) => this.keyOf(v)))].sort();
    for (;;) {
      abortSignal.throwIfAborted();
      const taken: string[] = [];
      for (const key of keys) {
        if (!(await this.#queue.tryLock(key, holder, this.#ttlInMs))) break;
        taken.push(key);
      }
      if (taken.length === keys.length) break;
      for (const key of taken) await this.#queue.unlock(key, holder);
      await sleep(this.#pollInMs * (0.5 + Math.random()), abortSignal);
    }
    const renew = setInterval(() => {
      void (async () => {
        for (const key of keys) await this.#queue.tryLock(key, holder, this.#ttlInMs);
      })().catch(() => {
        // A full disk or a storage outage: the lock may end early; the queue reports the failure.
      });
    }, this.#ttlInMs / 3);
    renew.unref();
    try {
      return await work();
    } finally {
      clearInterval(renew);
      for (const key of keys) {
        try {
          await this.#queue.unlock(key, holder);
        } catch {
          // Ends with its time to live.
        }
      }
    }
  }
}

function sleep(ms: number, abortSignal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      abortSignal.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(abortSignal.reason);
    }
    abortSignal.addEventListener("abort", onAbort, { once: true });
  });
}
