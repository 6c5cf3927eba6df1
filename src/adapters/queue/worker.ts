/**
 * Workers over the delivery queue: at most `concurrency` deliveries in progress, each under a
 * lease that a heartbeat keeps alive, with a time limit. A thrown error retries the delivery
 * with backoff (or dead-letters it); {@link WorkerPool.stop} stops taking work, waits for the
 * deliveries in progress, and after a grace period aborts them and gives them back to the
 * queue uncounted, so a shutdown never costs a delivery an attempt.
 */
import type { LeasedDelivery } from "./sqlite-queue.js";
import type { WorkQueue } from "./work-queue.js";

/** An error that retrying cannot fix (a malformed payload, a missing permission): dead at once. */
export class PermanentError extends Error {
  override readonly name = "PermanentError";
}

/** What happened to a delivery, for logs and metrics. */
export type WorkerEvent =
  | { readonly type: "start"; readonly delivery: LeasedDelivery }
  | { readonly type: "done"; readonly delivery: LeasedDelivery; readonly outcome: string; readonly ms: number }
  | {
      readonly type: "retry";
      readonly delivery: LeasedDelivery;
      readonly error: Error;
      readonly delayInMs: number;
      readonly ms: number;
    }
  | { readonly type: "dead"; readonly delivery: LeasedDelivery; readonly error: Error; readonly ms: number }
  | { readonly type: "released"; readonly delivery: LeasedDelivery }
  /** The queue itself failed while recording a result (the delivery stays leased and returns later). */
  | { readonly type: "error"; readonly delivery: LeasedDelivery; readonly error: Error }
  /** The queue could not hand out work (a full disk, a read-only directory): the pool waits `retryInMs`. */
  | { readonly type: "stalled"; readonly error: Error; readonly retryInMs: number }
  /** The queue works again after a stall. */
  | { readonly type: "recovered" };

/** Does the work of one delivery; resolves to its outcome (e.g. `rotated`, `clean`). */
export type DeliveryHandler = (delivery: LeasedDelivery, abortSignal: AbortSignal) => Promise<string>;

/** Options for {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /** The embedded queue, or one shared by replicas (work-queue.ts). */
  readonly queue: WorkQueue & { nextAvailableInMs?(): number | undefined };
  readonly handle: DeliveryHandler;
  /** Deliveries in progress at once. Default 4. */
  readonly concurrency?: number;
  /** A delivery running longer is aborted and retried. Default 600000. */
  readonly timeoutInMs?: number;
  /** Longest sleep while idle (a safety net; enqueues call {@link WorkerPool.notify}). Default 5000. */
  readonly idlePollInMs?: number;
  readonly onEvent?: (event: WorkerEvent) => void;
  /** Errors that retrying cannot fix: dead-lettered at once. Default: {@link PermanentError}s. */
  readonly isPermanent?: (error: unknown) => boolean;
}

/** First wait after the queue failed to hand out work; doubles per failure up to the cap. */
const STALL_FIRST_IN_MS = 500;
const STALL_MAX_IN_MS = 30_000;

export class WorkerPool {
  readonly #o: Required<Omit<WorkerPoolOptions, "onEvent">> & Pick<WorkerPoolOptions, "onEvent">;
  readonly #active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  #running = false;
  #timer: NodeJS.Timeout | undefined;
  #pumping = false;
  /** Consecutive failures to lease; the pool backs off while the queue cannot write. */
  #stalls = 0;

  constructor(options: WorkerPoolOptions) {
    this.#o = {
      concurrency: 4,
      timeoutInMs: 600_000,
      idlePollInMs: 5000,
      isPermanent: (e) => e instanceof PermanentError,
      ...options,
    };
    if (!Number.isInteger(this.#o.concurrency) || this.#o.concurrency < 1) {
      throw new RangeError(`Worker concurrency '${this.#o.concurrency}' must be a whole number of at least 1.`);
    }
  }

  /** Deliveries in progress. */
  get inFlight(): number {
    return this.#active.size;
  }

  start(): void {
    this.#running = true;
    this.notify();
  }

  /** Something may be ready: take work now. */
  notify(): void {
    if (!this.#running || this.#pumping) return;
    this.#pumping = true;
    void this.#pump();
  }

  async #pump(): Promise<void> {
    try {
      while (this.#running && this.#active.size < this.#o.concurrency) {
        const delivery = await this.#o.queue.lease();
        if (this.#stalls > 0) {
          this.#stalls = 0;
          this.#o.onEvent?.({ type: "recovered" });
        }
        if (!delivery) break;
        if (!this.#running) {
          // Stopped while the lease was on its way: give it straight back.
          await Promise.resolve(this.#o.queue.release(delivery.id)).catch(() => undefined);
          break;
        }
        this.#run(delivery);
      }
    } catch (e) {
      // Nothing was leased (the queue rolled back, or storage is unreachable): wait, and try again, without spinning.
      this.#stalls++;
      const retryInMs = Math.min(STALL_MAX_IN_MS, STALL_FIRST_IN_MS * 2 ** (this.#stalls - 1));
      if (this.#stalls === 1 || this.#stalls % 10 === 0) {
        this.#o.onEvent?.({ type: "stalled", error: e instanceof Error ? e : new Error(String(e)), retryInMs });
      }
      this.#pumping = false;
      clearTimeout(this.#timer);
      if (this.#running) {
        this.#timer = setTimeout(() => this.notify(), retryInMs);
        this.#timer.unref();
      }
      return;
    }
    this.#pumping = false;
    this.#schedule();
  }

  /**
   * Stop taking work; wait up to `graceInMs` for the deliveries in progress, then abort them and
   * give them back to the queue (the next start runs them again).
   */
  async stop(graceInMs = 20_000): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    const pending = [...this.#active.values()].map((a) => a.done);
    if (pending.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<"grace">((resolve) => {
      timer = setTimeout(() => resolve("grace"), graceInMs);
    });
    const finished = await Promise.race([Promise.all(pending).then(() => "done" as const), grace]);
    clearTimeout(timer);
    if (finished === "grace") {
      for (const a of this.#active.values()) a.controller.abort(new Error("leakstop is shutting down"));
      await Promise.all([...this.#active.values()].map((a) => a.done));
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    if (!this.#running || this.#active.size >= this.#o.concurrency || this.#stalls > 0) return;
    // A shared queue cannot say when work becomes visible: poll it (idlePollInMs).
    const next = this.#o.queue.nextAvailableInMs?.();
    const wait = Math.min(next ?? this.#o.idlePollInMs, this.#o.idlePollInMs);
    this.#timer = setTimeout(() => this.notify(), Math.max(wait, 10));
    this.#timer.unref();
  }

  #run(delivery: LeasedDelivery): void {
    const controller = new AbortController();
    const { queue, onEvent } = this.#o;
    const started = performance.now();
    // A heartbeat that cannot write (a full disk) is not fatal: the lease may run out and the
    // delivery run again, which at-least-once allows.
    const heartbeat = setInterval(
      () => {
        void (async () => queue.extend(delivery.id))().catch(() => {
          // The queue remembers the failure (health, metrics).
        });
      },
      Math.max(1000, queue.visibilityTimeoutInMs / 3),
    );
    const timeout = setTimeout(
      () => controller.abort(new Error(`timed out after ${this.#o.timeoutInMs} ms`)),
      this.#o.timeoutInMs,
    );
    onEvent?.({ type: "start", delivery });
    const done = (async () => {
      try {
        const outcome = await this.#o.handle(delivery, controller.signal);
        await queue.complete(delivery.id, outcome);
        onEvent?.({ type: "done", delivery, outcome, ms: performance.now() - started });
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        const ms = performance.now() - started;
        if (!this.#running && controller.signal.aborted) {
          await queue.release(delivery.id);
          onEvent?.({ type: "released", delivery });
          return;
        }
        const result = await queue.fail(delivery.id, error.message, { retryable: !this.#o.isPermanent(e) });
        if (result.state === "dead") onEvent?.({ type: "dead", delivery, error, ms });
        else onEvent?.({ type: "retry", delivery, error, delayInMs: result.delayInMs, ms });
      } finally {
        clearInterval(heartbeat);
        clearTimeout(timeout);
        this.#active.delete(delivery.id);
      }
    })()
      .catch((e: unknown) =>
        onEvent?.({ type: "error", delivery, error: e instanceof Error ? e : new Error(String(e)) }),
      )
      .finally(() => this.notify());
    this.#active.set(delivery.id, { controller, done });
  }
}
