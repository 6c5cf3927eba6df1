import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  createEngine
} from "./chunk-MZHTHGEL.js";

// src/adapters/git/parallel-scan.ts
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
var HISTORY_WORKER_KIND = "leakstop-history-worker";
var KIND = HISTORY_WORKER_KIND;
function isFragmentWorker() {
  return !isMainThread && workerData?.kind === KIND;
}
function runFragmentWorker() {
  const data = workerData;
  const port = parentPort;
  if (!port) throw new Error("runFragmentWorker must run in a worker thread.");
  const engine = createEngine({ config: data.config, ignoredFingerprints: new Set(data.ignoredFingerprints) });
  port.on("message", (request) => {
    if (request === null) {
      port.close();
      return;
    }
    const findings = [];
    for (const fragment of request.fragments) for (const f of engine.scan(fragment)) findings.push(f);
    port.postMessage({ id: request.id, findings });
  });
}
var IN_FLIGHT_PER_WORKER = 2;
async function scanFragmentsInParallel(fragments, options) {
  const data = {
    kind: KIND,
    config: options.config,
    ignoredFingerprints: [...options.ignoredFingerprints]
  };
  const results = /* @__PURE__ */ new Map();
  let failure;
  let wake;
  const notify = () => {
    const w = wake;
    wake = void 0;
    w?.();
  };
  const pool = Array.from({ length: Math.max(1, options.workers) }, () => {
    const worker = new Worker(options.workerScript, { workerData: data, argv: [] });
    const slot = { worker, inFlight: 0, exited: void 0 };
    worker.on("message", (result) => {
      results.set(result.id, result.findings);
      slot.inFlight--;
      notify();
    });
    slot.exited = new Promise((resolve) => {
      worker.on("error", (e) => {
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
  const waitFor = async (ready) => {
    while (!ready()) {
      if (failure) throw failure;
      await new Promise((resolve) => {
        wake = resolve;
      });
    }
    if (failure) throw failure;
  };
  let sent = 0;
  const send = async (batch) => {
    const free = () => pool.find((s) => s.inFlight < IN_FLIGHT_PER_WORKER);
    await waitFor(() => free() !== void 0);
    const slot = free();
    if (slot === void 0) return;
    slot.inFlight++;
    slot.worker.postMessage({ id: sent++, fragments: batch });
  };
  const limit = options.batchChars ?? 256 * 1024;
  try {
    let batch = [];
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
    for (const slot of pool) slot.worker.postMessage(null);
    await Promise.all(pool.map((s) => s.exited));
    if (failure) throw failure;
  } finally {
    for (const slot of pool) void slot.worker.terminate();
  }
  const findings = [];
  for (let id = 0; id < sent; id++) for (const f of results.get(id) ?? []) findings.push(f);
  return findings;
}

export {
  HISTORY_WORKER_KIND,
  isFragmentWorker,
  runFragmentWorker,
  scanFragmentsInParallel
};
