/**
 * A history scan spread over worker threads: the main thread reads git's output and parses the
 * diff into fragments while workers scan them, so patch generation (git's own process), parsing
 * and scanning overlap on every core. Batches in flight are bounded (two per worker), so memory
 * stays flat however long the history is; findings come back in fragment order.
 *
 * The worker side runs the same entry script: it calls {@link runFragmentWorker} when
 * {@link isFragmentWorker} says it was started as one.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Config } from "../../core/config/config.js";
import { createEngine } from "../../core/scan/engine.js";
import type { Finding, Fragment } from "../../core/types.js";

/** Not the service's pool worker (`leakstop-fragment-worker`): this one stops on `null` and honours the ignore file. */
export const HISTORY_WORKER_KIND = "leakstop-history-worker";
const KIND = HISTORY_WORKER_KIND;

/** What every worker gets when it starts: plain data, from which it builds its own engine. */
interface FragmentWorkerData {
  readonly kind: typeof KIND;
  readonly config: Config;
  readonly ignoredFingerprints: readonly string[];
}

/** A batch to scan, or `null` to stop. */
type Request = { readonly id: number; readonly fragments: readonly Fragment[] } | null;
interface Result {
  readonly id: number;
  readonly findings: Finding[];
}

/** True in a worker thread started by {@link scanFragmentsInParallel}. */
export function isFragmentWorker(): boolean {
  return !isMainThread && (workerData as { kind?: unknown } | null)?.kind === KIND;
}

/** Serve batches until told to stop. Runs in a worker thread. */
export function runFragmentWorker(): void {
  const data = workerData as FragmentWorkerData;
  const port = parentPort;
  if (!port) throw new Error("runFragmentWorker must run in a worker thread.");
  const engine = createEngine({ config: data.config, ignoredFingerprints: new Set(data.ignoredFingerprints) });
  port.on("message", (request: Request) => {
    if (request === null) {
      port.close();
      return;
    }
    const findings: Finding[] = [];
    for (const fragment of request.fragments) for (const f of engine.scan(fragment)) findings.push(f);
    port.postMessage({ id: request.id, findings } satisfies Result);
  });
}

/** Options for {@link scanFragmentsInParallel}. */
export interface ParallelFragmentScanOptions {
  readonly config: Config;
  readonly ignoredFingerprints: ReadonlySet<string>;
  /** The entry script; in a worker it must call {@link runFragmentWorker}. */
  readonly workerScript: URL;
  /** Number of workers (≥ 1). */
  readonly workers: number;
  /** Characters of fragment text per batch. Default 256 Ki. */
  readonly batchChars?: number;
}

const IN_FLIGHT_PER_WORKER = 2;

/** Scan `fragments` in worker threads; the findings are those `scanAll` would return, in the same order. */
export async function scanFragmentsInParallel(
  fragments: AsyncIterable<Fragment>,
  options: ParallelFragmentScanOptions,
): Promise<Finding[]> {
  const data: FragmentWorkerData = {
    kind: KIND,
    config: options.config,
    ignoredFingerprints: [...options.ignoredFingerprints],
  };
  const results = new Map<number, Finding[]>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const pool = Array.from({ length: Math.max(1, options.workers) }, () => {
    const worker = new Worker(options.workerScript, { workerData: data, argv: [] });
    const slot = { worker, inFlight: 0, exited: undefined as Promise<void> | undefined };
    worker.on("message", (result: Result) => {
      results.set(result.id, result.findings);
      slot.inFlight--;
      notify();
    });
    slot.exited = new Promise<void>((resolve) => {
      worker.on("error", (e: Error) => {
        failure ??= e;
        notify();
      });
      worker.on("exit", (code) => {
        if (code !== 0) failure ??= new Error(`A scan worker stopped unexpectedly (exit code ${code}).`);
        notify();
        resolve();
      });
    });
    return slot;
  });
  const waitFor = async (ready: () => boolean) => {
    while (!ready()) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (failure) throw failure;
  };
  let sent = 0;
  const send = async (batch: Fragment[]) => {
    const free = () => pool.find((s) => s.inFlight < IN_FLIGHT_PER_WORKER);
    await waitFor(() => free() !== undefined);
    const slot = free();
    if (slot === undefined) return;
    slot.inFlight++;
    slot.worker.postMessage({ id: sent++, fragments: batch } satisfies Request);
  };
  const limit = options.batchChars ?? 256 * 1024;
  try {
    let batch: Fragment[] = [];
    let chars = 0;
    for await (const fragment of fragments) {
      batch.push(fragment);
      chars += fragment.text.length;
      if (chars >= limit) {
        await send(batch);
        batch = [];
        chars = 0;
      }
    }
    if (batch.length > 0) await send(batch);
    await waitFor(() => pool.every((s) => s.inFlight === 0));
    for (const slot of pool) slot.worker.postMessage(null satisfies Request);
    await Promise.all(pool.map((s) => s.exited));
    if (failure) throw failure;
  } finally {
    for (const slot of pool) void slot.worker.terminate();
  }
  const findings: Finding[] = [];
  for (let id = 0; id < sent; id++) for (const f of results.get(id) ?? []) findings.push(f);
  return findings;
}
