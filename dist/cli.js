#!/usr/bin/env node
import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/entrypoints/cli/main.ts
import { workerData } from "node:worker_threads";
if (workerData?.kind === "leakstop-scan-worker") {
  const { runScanWorker } = await import("./chunks/scan-worker-K3HY3DXN.js");
  runScanWorker();
} else {
  const { run } = await import("./chunks/run-BVALYX4K.js");
  process.exitCode = await run(process.argv.slice(2), void 0, { workerScript: new URL(import.meta.url) });
}
