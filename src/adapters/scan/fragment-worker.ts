/**
 * The worker side of {@link ScanPool}: builds its own engine from the (plain-data)
 * configuration and scans the fragments it is sent, one request at a time.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../../core/config/config.js";
import { createEngine } from "../../core/scan/engine.js";
import type { Finding, Fragment } from "../../core/types.js";

/** The `workerData.kind` an entry point dispatches on. */
export const FRAGMENT_WORKER_KIND = "leakstop-fragment-worker";

/** What the pool hands the worker when it starts. */
export interface FragmentWorkerData {
  readonly kind: typeof FRAGMENT_WORKER_KIND;
  readonly config: Config;
}

export interface FragmentRequest {
  readonly id: number;
  readonly fragments: readonly Fragment[];
}

export interface FragmentResult {
  readonly id: number;
  readonly findings?: Finding[];
  readonly error?: string;
}

/** Serve scan requests until the pool terminates the thread. */
export function runFragmentWorker(): void {
  const data = workerData as FragmentWorkerData;
  const port = parentPort;
  if (!port) throw new Error("runFragmentWorker must run in a worker thread");
  const engine = createEngine({ config: data.config });
  port.on("message", (request: FragmentRequest) => {
    try {
      const findings = request.fragments.flatMap((f) => engine.scan(f));
      port.postMessage({ id: request.id, findings } satisfies FragmentResult);
    } catch (e) {
      port.postMessage({ id: request.id, error: (e as Error).message } satisfies FragmentResult);
    }
  });
}
