#!/usr/bin/env node
import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/entrypoints/cli/main.ts
import { workerData } from "node:worker_threads";
var kind = workerData?.kind;
if (kind === "leakstop-scan-worker") {
  const { runScanWorker } = await import("./chunks/scan-worker-BFQMUJID.js");
  runScanWorker();
} else if (kind === "leakstop-fragment-worker") {
  const { runFragmentWorker } = await import("./chunks/fragment-worker-V2YOVIDX.js");
  runFragmentWorker();
} else {
  const { run } = await import("./chunks/run-FZAB26X4.js");
  process.exitCode = await run(process.argv.slice(2), void 0, { workerScript: new URL(import.meta.url) });
}
