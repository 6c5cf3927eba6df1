import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  createEngine
} from "./chunk-MZHTHGEL.js";

// src/adapters/scan/fragment-worker.ts
import { parentPort, workerData } from "node:worker_threads";
var FRAGMENT_WORKER_KIND = "leakstop-fragment-worker";
function runFragmentWorker() {
  const data = workerData;
  const port = parentPort;
  if (!port) throw new Error("runFragmentWorker must run in a worker thread");
  const engine = createEngine({ config: data.config });
  port.on("message", (request) => {
    try {
      const findings = request.fragments.flatMap((f) => engine.scan(f));
      port.postMessage({ id: request.id, findings });
    } catch (e) {
      port.postMessage({ id: request.id, error: e.message });
    }
  });
}

export {
  FRAGMENT_WORKER_KIND,
  runFragmentWorker
};
