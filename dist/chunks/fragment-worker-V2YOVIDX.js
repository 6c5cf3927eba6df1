import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  FRAGMENT_WORKER_KIND,
  runFragmentWorker
} from "./chunk-ZMFH7A3H.js";
import "./chunk-ZKZVYHOI.js";
import "./chunk-AKAH6ETJ.js";
import "./chunk-5DOWYKN7.js";
import "./chunk-ZOEPK7DV.js";
import "./chunk-V43CEDMD.js";
export {
  FRAGMENT_WORKER_KIND,
  runFragmentWorker
};
