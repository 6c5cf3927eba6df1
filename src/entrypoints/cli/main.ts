#!/usr/bin/env node
// Thin: the same file serves as the CLI and, in a worker thread, as a parallel-scan worker
// (files for `scan`, history fragments for `scan --git`, fragments for `serve`). Imports are dynamic so a worker loads only the
// scanning code.
import { workerData } from "node:worker_threads";

const kind = (workerData as { kind?: string } | null)?.kind;
if (kind === "leakstop-scan-worker") {
  const { runScanWorker } = await import("../../adapters/fs/scan-worker.js");
  runScanWorker();
} else if (kind === "leakstop-history-worker") {
  const { runFragmentWorker } = await import("../../adapters/git/parallel-scan.js");
  runFragmentWorker();
} else if (kind === "leakstop-fragment-worker") {
  const { runFragmentWorker } = await import("../../adapters/scan/fragment-worker.js");
  runFragmentWorker();
} else {
  const { run } = await import("./run.js");
  process.exitCode = await run(process.argv.slice(2), undefined, { workerScript: new URL(import.meta.url) });
}
