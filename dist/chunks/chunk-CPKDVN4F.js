import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  secretComponents
} from "./chunk-L3JTYT5C.js";
import {
  MASK,
  redact
} from "./chunk-AKAH6ETJ.js";

// src/remediation/inspect.ts
var MIN_EXACT_LENGTH = 6;
function createInspector(options) {
  const values = /* @__PURE__ */ new Set();
  let hits = 0;
  const add = (value) => {
    if (value.length >= MIN_EXACT_LENGTH) values.add(value);
    for (const s of secretComponents(value)) {
      const part = value.slice(s.start, s.end);
      if (part.length >= MIN_EXACT_LENGTH) values.add(part);
    }
  };
  for (const v of options.sensitive ?? []) add(v);
  return {
    addSensitive: add,
    get hits() {
      return hits;
    },
    inspect(text, where = "outgoing.txt") {
      let out = text;
      const known = [...values].filter((v) => out.includes(v));
      if (known.length > 0) {
        for (const v of known) hits += out.split(v).length - 1;
        out = redact(out, known);
      }
      const found = options.engine.scan({ path: where, text: out, startLine: 1 });
      const secrets = [...new Set(found.map((f) => f.secret))].filter((s) => s.length > 0 && s !== MASK);
      if (secrets.length > 0) {
        hits += secrets.length;
        out = redact(out, secrets);
      }
      return out;
    }
  };
}

export {
  createInspector
};
