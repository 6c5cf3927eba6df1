/**
 * The worker side of a parallel file scan: each worker builds its own engine from the same
 * (plain-data) configuration, then reads and scans the batches of paths it is sent.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../../core/config/config.js";
import { createEngine } from "../../core/scan/engine.js";
import type { Finding } from "../../core/types.js";
import { readTextFile, type SkipKind } from "./files.js";

/** What the main thread hands every worker when it starts. */
export interface ScanWorkerData {
  readonly kind: "leakstop-scan-worker";
  readonly config: Config;
  readonly ignoredFingerprints: readonly string[];
  readonly maxFileSizeInBytes: number;
}

/** A batch of files to scan, or `null` to stop. */
export type ScanWorkerRequest = { readonly root: string; readonly paths: readonly string[] } | null;

/** The findings of a batch. */
export interface ScanWorkerResult {
  findings: Finding[];
  notices: string[];
  skipped: Array<[SkipKind, string]>;
  bytes: number;
  files: number;
}

/** Serve batches until told to stop. Runs in a worker thread. */
export function runScanWorker(): void {
  const data = workerData as ScanWorkerData;
  const port = parentPort;
  if (!port) throw new Error("runScanWorker must run in a worker thread");
  const engine = createEngine({ config: data.config, ignoredFingerprints: new Set(data.ignoredFingerprints) });
  port.on("message", (request: ScanWorkerRequest) => {
    if (request === null) {
      port.close();
      return;
    }
    const result: ScanWorkerResult = { findings: [], notices: [], skipped: [], bytes: 0, files: 0 };
    const onNotice = (n: string) => result.notices.push(n);
    const onSkip = (kind: SkipKind, path: string) => result.skipped.push([kind, path]);
    for (const rel of request.paths) {
      const text = readTextFile(request.root, rel, data.maxFileSizeInBytes, onNotice, onSkip);
      result.files++;
      if (text === undefined) continue;
      result.bytes += text.length;
      for (const f of engine.scan({ path: rel, text, startLine: 1 })) result.findings.push(f);
    }
    port.postMessage(result);
  });
}
