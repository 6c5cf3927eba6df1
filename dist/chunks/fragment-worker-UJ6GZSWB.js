import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  FRAGMENT_WORKER_KIND,
  runFragmentWorker
} from "./chunk-2E5VKKN7.js";
import "./chunk-MFQ2N6OX.js";
import "./chunk-AKAH6ETJ.js";
import "./chunk-NOSW7YIM.js";
import "./chunk-ZOEPK7DV.js";
import "./chunk-V43CEDMD.js";
export {
  FRAGMENT_WORKER_KIND,
  runFragmentWorker
};
