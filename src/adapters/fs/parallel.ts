/**
 * A directory scan spread over worker threads. The main thread walks the tree and hands out
 * batches of paths; each worker reads and scans its own files, so reading and scanning use
 * every core. Reporters sort findings, so the result does not depend on which worker finished
 * first.
 */
import { Worker } from "node:worker_threads";
import type { Config } from "../../core/config/config.js";
import type { Finding } from "../../core/types.js";
import { type FileSourceOptions, walkFiles } from "./files.js";
import type { ScanWorkerData, ScanWorkerRequest, ScanWorkerResult } from "./scan-worker.js";

/** Options for {@link scanFilesInParallel}. */
export interface ParallelScanOptions extends FileSourceOptions {
  readonly config: Config;
  readonly ignoredFingerprints: ReadonlySet<string>;
  /** The script a worker runs: the entry point, which serves scan batches in a worker thread. */
  readonly workerScript: URL;
  /** Number of workers (≥ 1). */
  readonly jobs: number;
  /** The paths, when the caller walked the tree already (to know the total). Default: walked here. */
  readonly paths?: Iterable<string>;
  /** Paths per batch. Default 32. */
  readonly batchSize?: number;
  /** Called after each batch with the files and bytes scanned so far. */
  readonly onProgress?: (files: number, bytes: number) => void;
}

export async function scanFilesInParallel(options: ParallelScanOptions): Promise<Finding[]> {
  const root = options.root;
  const paths = (options.paths ?? walkFiles(options))[Symbol.iterator]();
  const batchSize = options.batchSize ?? 32;
  const nextBatch = (): ScanWorkerRequest => {
    const batch: string[] = [];
    while (batch.length < batchSize) {
      const r = paths.next();
      if (r.done) break;
      batch.push(r.value);
    }
    return batch.length ? { root, paths: batch } : null;
  };
  const data: ScanWorkerData = {
    kind: "leakstop-scan-worker",
    config: options.config,
    ignoredFingerprints: [...options.ignoredFingerprints],
    maxFileSizeInBytes: options.maxFileSizeInBytes,
  };
  const findings: Finding[] = [];
  let files = 0;
  let bytes = 0;
  const runOne = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(options.workerScript, { workerData: data, argv: [] });
      let done = false;
      const send = () => {
        const next = nextBatch(); // may throw: an unreadable root
        if (next === null) done = true;
        worker.postMessage(next);
      };
      const fail = (e: unknown) => {
        void worker.terminate();
        reject(e);
      };
      worker.on("message", (result: ScanWorkerResult) => {
        for (const f of result.findings) findings.push(f);
        for (const n of result.notices) options.onNotice?.(n);
        for (const [kind, path] of result.skipped) options.onSkip?.(kind, path);
        files += result.files;
        bytes += result.bytes;
        options.onProgress?.(files, bytes);
        if (done) return; // a batch still in flight after the last one was handed out
        try {
          send();
        } catch (e) {
          fail(e);
        }
      });
      worker.on("error", fail);
      worker.on("exit", (code) => {
        if (done && code === 0) resolve();
        else reject(new Error(`A scan worker stopped unexpectedly (exit code ${code}).`));
      });
      // Two batches in flight per worker, so a worker never waits for the main thread.
      try {
        send();
        if (!done) send();
      } catch (e) {
        fail(e);
      }
    });
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, runOne));
  return findings;
}
