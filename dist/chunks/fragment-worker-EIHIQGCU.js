import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  FRAGMENT_WORKER_KIND,
  runFragmentWorker
} from "./chunk-T3OMA65W.js";
import "./chunk-MZHTHGEL.js";
import "./chunk-AKAH6ETJ.js";
import "./chunk-5ZHEO3AZ.js";
import "./chunk-ZOEPK7DV.js";
import "./chunk-V43CEDMD.js";
export {
  FRAGMENT_WORKER_KIND,
  runFragmentWorker
};
