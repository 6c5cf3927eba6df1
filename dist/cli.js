#!/usr/bin/env node
import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/entrypoints/cli/main.ts
import { workerData } from "node:worker_threads";
var kind = workerData?.kind;
if (kind === "leakstop-scan-worker") {
  const { runScanWorker } = await import("./chunks/scan-worker-W5FIZFYY.js");
  runScanWorker();
} else if (kind === "leakstop-fragment-worker") {
  const { runFragmentWorker } = await import("./chunks/fragment-worker-UJ6GZSWB.js");
  runFragmentWorker();
} else {
  const { run } = await import("./chunks/run-C6ZLREHV.js");
  process.exitCode = await run(process.argv.slice(2), void 0, { workerScript: new URL(import.meta.url) });
}
