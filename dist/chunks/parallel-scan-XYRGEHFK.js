import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  HISTORY_WORKER_KIND,
  isFragmentWorker,
  runFragmentWorker,
  scanFragmentsInParallel
} from "./chunk-F6CROFDB.js";
import "./chunk-MZHTHGEL.js";
import "./chunk-AKAH6ETJ.js";
import "./chunk-5ZHEO3AZ.js";
import "./chunk-ZOEPK7DV.js";
import "./chunk-V43CEDMD.js";
export {
  HISTORY_WORKER_KIND,
  isFragmentWorker,
  runFragmentWorker,
  scanFragmentsInParallel
};
