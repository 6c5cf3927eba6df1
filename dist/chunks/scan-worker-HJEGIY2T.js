import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  readTextFile
} from "./chunk-ONEERH7X.js";
import "./chunk-6SOW3BQE.js";
import {
  createEngine
} from "./chunk-MZHTHGEL.js";
import "./chunk-AKAH6ETJ.js";
import "./chunk-5ZHEO3AZ.js";
import "./chunk-ZOEPK7DV.js";
import "./chunk-V43CEDMD.js";

// src/adapters/fs/scan-worker.ts
import { parentPort, workerData } from "node:worker_threads";
function runScanWorker() {
  const data = workerData;
  const port = parentPort;
  if (!port) throw new Error("runScanWorker must run in a worker thread");
  const engine = createEngine({ config: data.config, ignoredFingerprints: new Set(data.ignoredFingerprints) });
  port.on("message", (request) => {
    if (request === null) {
      port.close();
      return;
    }
    const result = { findings: [], notices: [], skipped: [], bytes: 0, files: 0 };
    const onNotice = (n) => result.notices.push(n);
    const onSkip = (kind, path) => result.skipped.push([kind, path]);
    for (const rel of request.paths) {
      const text = readTextFile(request.root, rel, data.maxFileSizeInBytes, onNotice, onSkip);
      result.files++;
      if (text === void 0) continue;
      result.bytes += text.length;
      for (const f of engine.scan({ path: rel, text, startLine: 1 })) result.findings.push(f);
    }
    port.postMessage(result);
  });
}
export {
  runScanWorker
};
