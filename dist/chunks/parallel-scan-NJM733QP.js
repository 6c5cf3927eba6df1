import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  HISTORY_WORKER_KIND,
  isFragmentWorker,
  runFragmentWorker,
  scanFragmentsInParallel
} from "./chunk-WZXMPBEP.js";
import "./chunk-NYHQWSGZ.js";
import "./chunk-AKAH6ETJ.js";
import "./chunk-WK3JZG4J.js";
import "./chunk-ZOEPK7DV.js";
import "./chunk-V43CEDMD.js";
export {
  HISTORY_WORKER_KIND,
  isFragmentWorker,
  runFragmentWorker,
  scanFragmentsInParallel
};
