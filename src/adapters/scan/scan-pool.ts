/**
 * Scanning off the event loop. A pushed line can take the regex engine seconds; on the
 * service's main thread that would stall every acknowledgement meanwhile (and GitHub, which
 * does not retry, drops deliveries it got no answer for). So the service scans in worker
 * threads: each delivery's fragments go to a worker, the main thread stays free to answer.
 * An aborted scan (the delivery's time limit, shutdown) terminates its worker, which is the
 * only way to stop a regex that is running; the next scan starts a fresh one.
 */
import { Worker } from "node:worker_threads";
import type { Config } from "../../core/config/config.js";
import type { Finding, Fragment } from "../../core/types.js";
import {
  FRAGMENT_WORKER_KIND,
  type FragmentRequest,
  type FragmentResult,
  type FragmentWorkerData,
} from "./fragment-worker.js";

/** Options for {@link ScanPool}. */
export interface ScanPoolOptions {
  /** A script that calls `runFragmentWorker()` when `workerData.kind` is {@link FRAGMENT_WORKER_KIND}. */
  readonly workerScript: URL;
  readonly config: Config;
  /** Worker threads at most. Default 2. */
  readonly size?: number;
}

/** Scans fragments for a caller; {@link scanInThread} is the same contract without threads. */
export interface FragmentScanner {
  scan(fragments: AsyncIterable<Fragment>, abortSignal: AbortSignal): Promise<Finding[]>;
  close(): Promise<void>;
}

/** Fragments sent per message: enough to amortise the copy, few enough to abort quickly. */
const BATCH_BYTES = 256 * 1024;

export class ScanPool implements FragmentScanner {
  readonly #options: ScanPoolOptions;
  readonly #idle: Worker[] = [];
  readonly #all = new Set<Worker>();
  readonly #waiting: Array<(w: Worker) => void> = [];
  #nextId = 1;
  #closed = false;

  constructor(options: ScanPoolOptions) {
    this.#options = options;
  }

  async scan(fragments: AsyncIterable<Fragment>, abortSignal: AbortSignal): Promise<Finding[]> {
    const findings: Finding[] = [];
    let batch: Fragment[] = [];
    let bytes = 0;
    for await (const f of fragments) {
      batch.push(f);
      bytes += f.text.length;
      if (bytes >= BATCH_BYTES) {
        findings.push(...(await this.#scanBatch(batch, abortSignal)));
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length > 0) findings.push(...(await this.#scanBatch(batch, abortSignal)));
    return findings;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#all].map((w) => w.terminate()));
    this.#all.clear();
    this.#idle.length = 0;
  }

  async #scanBatch(fragments: readonly Fragment[], abortSignal: AbortSignal): Promise<Finding[]> {
    abortSignal.throwIfAborted();
    const worker = await this.#take(abortSignal);
    const id = this.#nextId++;
    return new Promise<Finding[]>((resolve, reject) => {
      /** `reusable`: the worker answered, so it can serve the next scan. */
      const finish = (error: unknown, findings: Finding[] | undefined, reusable: boolean) => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        abortSignal.removeEventListener("abort", onAbort);
        if (reusable) this.#give(worker);
        if (error === undefined) resolve(findings ?? []);
        else reject(error);
      };
      const onMessage = (result: FragmentResult) => {
        if (result.id !== id) return;
        const error = result.error === undefined ? undefined : new Error(`Scanning failed: ${result.error}`);
        finish(error, result.findings, true);
      };
      const onError = (e: Error) => {
        this.#drop(worker);
        finish(e, undefined, false);
      };
      const onExit = (code: number) => {
        this.#drop(worker);
        finish(new Error(`A scan worker stopped unexpectedly (exit code ${code}).`), undefined, false);
      };
      const onAbort = () => {
        // A regex cannot be interrupted: the thread goes, a fresh one serves the next scan.
        this.#drop(worker);
        void worker.terminate();
        finish(abortSignal.reason, undefined, false);
      };
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      abortSignal.addEventListener("abort", onAbort, { once: true });
      worker.postMessage({ id, fragments } satisfies FragmentRequest);
    });
  }

  #take(abortSignal: AbortSignal): Promise<Worker> {
    if (this.#closed) return Promise.reject(new Error("The scan pool is closed."));
    const idle = this.#idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.#all.size < Math.max(1, this.#options.size ?? 2)) return Promise.resolve(this.#spawn());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.#waiting.indexOf(take);
        if (i >= 0) this.#waiting.splice(i, 1);
        reject(abortSignal.reason);
      };
      const take = (w: Worker) => {
        abortSignal.removeEventListener("abort", onAbort);
        resolve(w);
      };
      abortSignal.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(take);
    });
  }

  #give(worker: Worker): void {
    const next = this.#waiting.shift();
    if (next) next(worker);
    else this.#idle.push(worker);
  }

  #drop(worker: Worker): void {
    this.#all.delete(worker);
    const i = this.#idle.indexOf(worker);
    if (i >= 0) this.#idle.splice(i, 1);
    // Someone waiting gets a fresh thread in place of this one.
    const next = this.#waiting.shift();
    if (next && !this.#closed) next(this.#spawn());
  }

  #spawn(): Worker {
    const data: FragmentWorkerData = { kind: FRAGMENT_WORKER_KIND, config: this.#options.config };
    const worker = new Worker(this.#options.workerScript, { workerData: data, argv: [] });
    worker.unref();
    this.#all.add(worker);
    return worker;
  }
}

/** The same contract on the calling thread (tests, hosts without a worker script). */
export function scanInThread(scan: (fragment: Fragment) => Finding[]): FragmentScanner {
  return {
    async scan(fragments, abortSignal) {
      const findings: Finding[] = [];
      for await (const f of fragments) {
        abortSignal.throwIfAborted();
        findings.push(...scan(f));
      }
      return findings;
    },
    close: async () => {},
  };
}
