#!/usr/bin/env node
import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/entrypoints/cli/main.ts
import { workerData } from "node:worker_threads";
var kind = workerData?.kind;
if (kind === "leakstop-scan-worker") {
  const { runScanWorker } = await import("./chunks/scan-worker-HJEGIY2T.js");
  runScanWorker();
} else if (kind === "leakstop-history-worker") {
  const { runFragmentWorker } = await import("./chunks/parallel-scan-XYRGEHFK.js");
  runFragmentWorker();
} else if (kind === "leakstop-fragment-worker") {
  const { runFragmentWorker } = await import("./chunks/fragment-worker-EIHIQGCU.js");
  runFragmentWorker();
} else {
  const { run } = await import("./chunks/run-Z3NJGHBQ.js");
  process.exitCode = await run(process.argv.slice(2), void 0, { workerScript: new URL(import.meta.url) });
}
