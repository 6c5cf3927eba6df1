import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  FRAGMENT_WORKER_KIND,
  runFragmentWorker
} from "./chunk-6MBCZW42.js";
import "./chunk-ZAR7TZZV.js";
import "./chunk-5DOWYKN7.js";
import "./chunk-ZOEPK7DV.js";
import "./chunk-V43CEDMD.js";
export {
  FRAGMENT_WORKER_KIND,
  runFragmentWorker
};
