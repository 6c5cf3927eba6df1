/**
 * The durable delivery queue: one SQLite database (Node's built-in `node:sqlite`) in the data
 * directory. A webhook delivery is written here before it is acknowledged, so nothing GitHub was
 * told "200" about is lost: GitHub does not retry a delivery it saw succeed.
 *
 * - At least once: a delivery leaves the queue only through {@link DeliveryQueue.complete} (or
 *   dead-lettering), after its work ran; a crash in between runs it again, and the responder's
 *   own idempotency (Key Vault incident tags, issue markers) makes the repeat harmless.
 * - Dedupe: the delivery id (`X-GitHub-Delivery`, which a redelivery keeps) is the primary key;
 *   a delivery already queued or done is not queued twice. A dead one is queued again, so a
 *   person can redeliver it from GitHub once the cause is fixed (the redelivery brings the
 *   payload again, so a dead row keeps none).
 * - Secrets at rest: callers store references, not payloads as received; a finished row drops
 *   its payload, `secure_delete` zeroes freed pages, and finished rows are forgotten after the
 *   retention.
 * - Leases: a taken delivery is invisible until its lease ends; the worker extends the lease
 *   while it works ({@link DeliveryQueue.extend}). The database is opened in exclusive locking
 *   mode, so one process owns a data directory and, at open, every lease left behind is a
 *   crashed process's: those deliveries are ready again at once.
 * - Retries: exponential backoff with jitter; after `maxAttempts`, or once the next try would
 *   fall past the retry deadline, a delivery is dead (kept, with its last error, for the logs
 *   and metrics). A crash counts as an attempt, so a delivery that
 *   kills the process cannot loop forever.
 * - Durability: WAL. An enqueue commits with `synchronous=FULL` (fsynced, about 0.2 ms here)
 *   before the delivery is acknowledged, so it survives `kill -9` and power loss alike. Leases
 *   and results commit with `synchronous=NORMAL` (no fsync; the next enqueue's fsync covers
 *   them): a crash loses none of them, a power cut at worst runs a finished delivery again,
 *   which at-least-once allows. That keeps one fsync per delivery on the acknowledgement path.
 * - One column, `visible_at`, says when a delivery may be taken next (ready: now or after its
 *   backoff; leased: when the lease ends; done or dead: never), so taking work is one index
 *   lookup however long the history of finished deliveries.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";

/** Options for {@link DeliveryQueue.open}. */
export interface DeliveryQueueOptions {
  /** Directory of the database file (created if missing). */
  readonly dir: string;
  /** Attempts before a delivery is dead. Default 5. */
  readonly maxAttempts?: number;
  /** How long a lease hides a delivery. Default 60000. */
  readonly visibilityTimeoutInMs?: number;
  /** First retry delay; doubles per attempt. Default 2000. */
  readonly retryDelayInMs?: number;
  /** Longest retry delay. Default 300000. */
  readonly maxRetryDelayInMs?: number;
  /**
   * A retryable failure later than this after receipt is dead-lettered, whatever the attempts
   * left: an outage longer than this needs a person. Default 3600000 (one hour).
   */
  readonly retryDeadlineInMs?: number;
  /** Finished deliveries are remembered this long, to recognise redeliveries. Default 30 days. */
  readonly retentionInMs?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
}

/** A delivery as received. */
export interface NewDelivery {
  /** `X-GitHub-Delivery`. */
  readonly id: string;
  /** `X-GitHub-Event`. */
  readonly event: string;
  /** The JSON body, verified. */
  readonly payload: string;
}

/** A leased delivery: its work may start. */
export interface LeasedDelivery extends NewDelivery {
  /** This attempt's number, from 1. */
  readonly attempt: number;
  /** When it was received (ms since the epoch). */
  readonly receivedAt: number;
}

/** `queued`: new; `duplicate`: already queued or done; `requeued`: was dead, queued again. */
export type EnqueueResult = "queued" | "duplicate" | "requeued";

/** What a failure led to. */
export type FailResult = { readonly state: "retry"; readonly delayInMs: number } | { readonly state: "dead" };

export type DeliveryState = "ready" | "leased" | "done" | "dead";

/** Deliveries by state. */
export type QueueCounts = Record<DeliveryState, number>;

const SCHEMA_VERSION = 1;
const DAY_IN_MS = 86_400_000;

export class DeliveryQueue {
  readonly maxAttempts: number;
  readonly visibilityTimeoutInMs: number;
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #retryDelayInMs: number;
  readonly #maxRetryDelayInMs: number;
  readonly #retentionInMs: number;
  readonly #retryDeadlineInMs: number;
  readonly #sql: Statements;
  readonly #dir: string;
  /** The last write failed (a full disk, a read-only directory); cleared by the next success. */
  #writeError: Error | undefined;

  private constructor(db: DatabaseSync, options: DeliveryQueueOptions) {
    this.#db = db;
    this.#dir = options.dir;
    this.#now = options.now ?? Date.now;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.visibilityTimeoutInMs = options.visibilityTimeoutInMs ?? 60_000;
    this.#retryDelayInMs = options.retryDelayInMs ?? 2000;
    this.#maxRetryDelayInMs = options.maxRetryDelayInMs ?? 300_000;
    this.#retentionInMs = options.retentionInMs ?? 30 * DAY_IN_MS;
    this.#retryDeadlineInMs = options.retryDeadlineInMs ?? 3_600_000;
    this.#sql = prepare(db);
  }

  /**
   * Open (or create) the queue in `options.dir`. Throws when another process holds the
   * directory, naming it and saying what to do.
   */
  static open(options: DeliveryQueueOptions): DeliveryQueue {
    const file = join(options.dir, "deliveries.db");
    let db: DatabaseSync;
    try {
      mkdirSync(options.dir, { recursive: true });
      db = new DatabaseSync(file, { timeout: 2000 });
    } catch (e) {
      // At start, an operator's fix: a TypeError, which the CLI prints as is.
      throw new TypeError(storageError(options.dir, e).message, { cause: e });
    }
    try {
      db.exec(`PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
        PRAGMA secure_delete = ON;`);
      // The first write takes the exclusive lock; a second process fails here, not later.
      db.exec("BEGIN IMMEDIATE");
      db.exec(`CREATE TABLE IF NOT EXISTS deliveries (
        id TEXT PRIMARY KEY,
        event TEXT NOT NULL,
        payload TEXT,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        visible_at INTEGER,
        outcome TEXT,
        last_error TEXT,
        finished_at INTEGER
      );
      CREATE INDEX IF NOT EXISTS deliveries_visible ON deliveries (visible_at);
      CREATE INDEX IF NOT EXISTS deliveries_state ON deliveries (state);
      CREATE TABLE IF NOT EXISTS locks (
        key TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );`);
      if ((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version !== SCHEMA_VERSION) {
        db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
      }
      db.exec("COMMIT");
    } catch (e) {
      if (db.isTransaction) db.exec("ROLLBACK");
      db.close();
      const message = (e as Error).message;
      if (/locked|busy/i.test(message)) {
        // A settings problem the operator fixes, so a TypeError: the CLI prints it as is.
        throw new TypeError(
          `The data directory '${options.dir}' is in use by another leakstop process; give each process its own LEAKSTOP_DATA_DIR.`,
          { cause: e },
        );
      }
      throw new TypeError(storageError(options.dir, e).message, { cause: e });
    }
    const queue = new DeliveryQueue(db, options);
    // We own the file now: a lease still recorded belongs to a process that died, so those
    // deliveries are ready at once. On a full disk this write fails; they then become ready
    // when their leases end, and the service still starts (and answers 503 until space returns).
    try {
      queue.#write(() => {
        db.prepare("UPDATE deliveries SET state = 'ready', visible_at = ? WHERE state = 'leased'").run(queue.#now());
        db.prepare("DELETE FROM locks").run();
      });
    } catch {
      // Recorded in writeError, visible in health and metrics.
    }
    return queue;
  }

  /**
   * Take the lock on `key` for `holder` until `ttlInMs` from now, or extend it when `holder`
   * has it already. False while another holder's lock has not expired. Locks are rows of the
   * same database; one process owns it, so at open every lock left behind is a dead process's
   * and is dropped (like its leases). Otherwise a lock ends with its time to live.
   */
  tryLock(key: string, holder: string, ttlInMs: number): boolean {
    const now = this.#now();
    return this.#relaxed(() => this.#sql.lock.run(key, holder, now + ttlInMs, holder, now).changes > 0);
  }

  /** Give up `holder`'s lock on `key` (nothing when it is not the holder). */
  unlock(key: string, holder: string): void {
    this.#relaxed(() => this.#sql.unlock.run(key, holder));
  }

  /** Why the last write failed, until a write succeeds again; undefined when writes work. */
  get writeError(): Error | undefined {
    return this.#writeError;
  }

  /** Store a delivery before it is acknowledged. Durable when this returns. */
  enqueue(delivery: NewDelivery): EnqueueResult {
    return this.enqueueMany([delivery])[0] as EnqueueResult;
  }

  /**
   * Store several deliveries in one transaction: one fsync for all of them (group commit).
   * Durable when this returns; the results are in the order given.
   */
  enqueueMany(deliveries: readonly NewDelivery[]): EnqueueResult[] {
    const now = this.#now();
    const one = (d: NewDelivery): EnqueueResult => {
      if (this.#sql.insert.run(d.id, d.event, d.payload, now, now).changes > 0) return "queued";
      return this.#sql.revive.run(d.event, d.payload, now, d.id).changes > 0 ? "requeued" : "duplicate";
    };
    return this.#write(() => {
      if (deliveries.length === 1) return [one(deliveries[0] as NewDelivery)];
      this.#sql.begin.run();
      const results = deliveries.map(one);
      this.#sql.commit.run();
      return results;
    });
  }

  /** Take the next ready delivery, or undefined. Its attempt is counted now. */
  lease(): LeasedDelivery | undefined {
    const now = this.#now();
    // `all()`, not `get()`: `get()` returns the first row before the statement completes, and
    // an autocommit that then fails (a full disk) is rolled back while the row was handed out
    // anyway; the same delivery then started again and again.
    const row = this.#relaxed(() => this.#sql.lease.all(now + this.visibilityTimeoutInMs, now)[0]) as
      | { id: string; event: string; payload: string | null; attempts: number; received_at: number }
      | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      event: row.event,
      payload: row.payload ?? "",
      attempt: row.attempts,
      receivedAt: row.received_at,
    };
  }

  /** Keep a delivery hidden for another visibility timeout (the worker's heartbeat). */
  extend(id: string): void {
    this.#relaxed(() => this.#sql.extend.run(this.#now() + this.visibilityTimeoutInMs, id));
  }

  /** The work is done; the payload is dropped, the id kept to recognise redeliveries. */
  complete(id: string, outcome: string): void {
    this.#relaxed(() => this.#sql.complete.run(outcome, this.#now(), id));
  }

  /** The attempt failed: retry later (backoff), or dead when attempts are used up or `retryable` is false. */
  fail(id: string, error: string, options: { retryable?: boolean } = {}): FailResult {
    const row = this.#sql.attempts.get(id) as { attempts: number; received_at: number } | undefined;
    const attempts = row?.attempts ?? this.maxAttempts;
    const now = this.#now();
    const delayInMs = this.retryDelay(attempts);
    const pastDeadline = row !== undefined && now + delayInMs - row.received_at > this.#retryDeadlineInMs;
    if (options.retryable === false || attempts >= this.maxAttempts || pastDeadline) {
      this.#relaxed(() => this.#sql.dead.run(error, now, id));
      return { state: "dead" };
    }
    this.#relaxed(() => this.#sql.retry.run(now + delayInMs, error, id));
    return { state: "retry", delayInMs };
  }

  /** Give a leased delivery back without counting the attempt (shutdown). */
  release(id: string): void {
    this.#relaxed(() => this.#sql.release.run(this.#now(), id));
  }

  /** A delivery's state, for tests and diagnostics. */
  get(id: string): { state: DeliveryState; outcome?: string; attempts: number; lastError?: string } | undefined {
    const row = this.#sql.state.get(id) as
      | { state: DeliveryState; outcome: string | null; attempts: number; last_error: string | null }
      | undefined;
    if (!row) return undefined;
    return {
      state: row.state,
      attempts: row.attempts,
      ...(row.outcome !== null ? { outcome: row.outcome } : {}),
      ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    };
  }

  counts(): QueueCounts {
    const out: QueueCounts = { ready: 0, leased: 0, done: 0, dead: 0 };
    for (const row of this.#sql.counts.all() as Array<{ state: DeliveryState; n: number }>) out[row.state] = row.n;
    return out;
  }

  /** Milliseconds until a delivery may become available (ready or an expiring lease); undefined: none. */
  nextAvailableInMs(): number | undefined {
    const at = (this.#sql.nextVisible.get() as { at: number | null }).at;
    return at === null ? undefined : Math.max(0, at - this.#now());
  }

  /** Forget finished (done or dead) deliveries older than the retention. Returns how many. */
  prune(): number {
    return Number(this.#write(() => this.#sql.prune.run(this.#now() - this.#retentionInMs)).changes);
  }

  /** Delay before attempt `attempts + 1`: base × 2^(attempts−1), capped, with ±20 % jitter. */
  retryDelay(attempts: number): number {
    const base = Math.min(this.#maxRetryDelayInMs, this.#retryDelayInMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  /** Run a write that need not be fsynced on its own (see the module comment). */
  #relaxed<T>(write: () => T): T {
    return this.#write(() => {
      this.#sql.relaxed.run();
      try {
        return write();
      } finally {
        this.#sql.strict.run();
      }
    });
  }

  /** Run a write; a failure rolls back, is remembered (health) and thrown with what to do. */
  #write<T>(write: () => T): T {
    try {
      const result = write();
      this.#writeError = undefined;
      return result;
    } catch (e) {
      if (this.#db.isOpen && this.#db.isTransaction) this.#sql.rollback.run();
      this.#writeError = storageError(this.#dir, e);
      throw this.#writeError;
    }
  }
}

/**
 * A storage failure with what to do. A full disk and a read-only directory are the usual causes,
 * and both are fixed outside leakstop, so the message names the setting and the remedy.
 */
function storageError(dir: string, cause: unknown): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  let why = message;
  if (/full|ENOSPC/i.test(message)) why = "the disk is full";
  else if (/readonly|read-only|EROFS|EACCES|EPERM|unable to open/i.test(message)) why = "it is not writable";
  return new Error(
    `The delivery queue in '${dir}' cannot write (${why}: ${message}); free space or give LEAKSTOP_DATA_DIR a writable directory.`,
    { cause },
  );
}

type Statements = ReturnType<typeof prepare>;

function prepare(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  return {
    insert: p(
      "INSERT OR IGNORE INTO deliveries (id, event, payload, state, attempts, received_at, visible_at) VALUES (?, ?, ?, 'ready', 0, ?, ?)",
    ),
    revive: p(
      "UPDATE deliveries SET event = ?, payload = ?, state = 'ready', attempts = 0, visible_at = ?, last_error = NULL WHERE id = ? AND state = 'dead'",
    ),
    lease: p(
      `UPDATE deliveries SET state = 'leased', attempts = attempts + 1, visible_at = ?
       WHERE rowid = (SELECT rowid FROM deliveries WHERE visible_at <= ? ORDER BY visible_at LIMIT 1)
       RETURNING id, event, payload, attempts, received_at`,
    ),
    extend: p("UPDATE deliveries SET visible_at = ? WHERE id = ? AND state = 'leased'"),
    complete: p(
      "UPDATE deliveries SET state = 'done', payload = NULL, outcome = ?, finished_at = ?, visible_at = NULL WHERE id = ?",
    ),
    retry: p("UPDATE deliveries SET state = 'ready', visible_at = ?, last_error = ? WHERE id = ? AND state = 'leased'"),
    dead: p(
      "UPDATE deliveries SET state = 'dead', payload = NULL, visible_at = NULL, last_error = ?, finished_at = ? WHERE id = ? AND state = 'leased'",
    ),
    release: p(
      "UPDATE deliveries SET state = 'ready', attempts = MAX(attempts - 1, 0), visible_at = ? WHERE id = ? AND state = 'leased'",
    ),
    attempts: p("SELECT attempts, received_at FROM deliveries WHERE id = ?"),
    state: p("SELECT state, outcome, attempts, last_error FROM deliveries WHERE id = ?"),
    counts: p("SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state"),
    nextVisible: p("SELECT MIN(visible_at) AS at FROM deliveries"),
    begin: p("BEGIN IMMEDIATE"),
    commit: p("COMMIT"),
    rollback: p("ROLLBACK"),
    relaxed: p("PRAGMA synchronous = NORMAL"),
    strict: p("PRAGMA synchronous = FULL"),
    prune: p("DELETE FROM deliveries WHERE state IN ('done', 'dead') AND finished_at < ?"),
    lock: p(
      `INSERT INTO locks (key, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE locks.holder = ? OR locks.expires_at <= ?`,
    ),
    unlock: p("DELETE FROM locks WHERE key = ? AND holder = ?"),
  };
}

/**
 * Group commit for a server: deliveries that arrive in the same turn of the event loop are
 * written in one transaction, after the turn's I/O (`setImmediate`), so a burst costs one fsync
 * instead of one per delivery. Each promise resolves once its delivery is durable, so the
 * caller acknowledges after that, never before.
 */
export class BatchingEnqueuer {
  #pending: Array<{ delivery: NewDelivery; resolve: (r: EnqueueResult) => void; reject: (e: unknown) => void }> = [];
  #scheduled = false;

  readonly queue: DeliveryQueue;

  constructor(queue: DeliveryQueue) {
    this.queue = queue;
  }

  enqueue(delivery: NewDelivery): Promise<EnqueueResult> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ delivery, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    const batch = this.#pending;
    this.#pending = [];
    this.#scheduled = false;
    try {
      const results = this.queue.enqueueMany(batch.map((b) => b.delivery));
      for (const [i, b] of batch.entries()) b.resolve(results[i] as EnqueueResult);
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  }
}
