import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  FRAGMENT_WORKER_KIND,
  runFragmentWorker
} from "./chunk-YXUOWXDK.js";
import "./chunk-NYHQWSGZ.js";
import "./chunk-AKAH6ETJ.js";
import "./chunk-WK3JZG4J.js";
import "./chunk-ZOEPK7DV.js";
import "./chunk-V43CEDMD.js";
export {
  FRAGMENT_WORKER_KIND,
  runFragmentWorker
};
