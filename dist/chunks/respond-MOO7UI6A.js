import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import "./chunk-V43CEDMD.js";

// src/entrypoints/action/respond.ts
async function respond(_input) {
  return { rotated: [], issues: [], outcomes: /* @__PURE__ */ new Map() };
}
async function rotateOnDemand(input) {
  return {
    rotated: [],
    failure: `rotation not configured: this build of leakstop cannot rotate ${input.settings.secrets.length} secret(s) on demand yet; leave the 'secrets' input empty to scan instead.`
  };
}
export {
  respond,
  rotateOnDemand
};
