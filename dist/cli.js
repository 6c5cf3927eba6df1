#!/usr/bin/env node
import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/entrypoints/cli/main.ts
import { workerData } from "node:worker_threads";
var kind = workerData?.kind;
if (kind === "leakstop-scan-worker") {
  const { runScanWorker } = await import("./chunks/scan-worker-YCQSOAGB.js");
  runScanWorker();
} else if (kind === "leakstop-history-worker") {
  const { runFragmentWorker } = await import("./chunks/parallel-scan-NJM733QP.js");
  runFragmentWorker();
} else if (kind === "leakstop-fragment-worker") {
  const { runFragmentWorker } = await import("./chunks/fragment-worker-DH5ILOSY.js");
  runFragmentWorker();
} else {
  const { run } = await import("./chunks/run-FJMPGRFR.js");
  process.exitCode = await run(process.argv.slice(2), void 0, { workerScript: new URL(import.meta.url) });
}
