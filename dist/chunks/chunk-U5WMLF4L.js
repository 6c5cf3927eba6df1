import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  readOptionalFile
} from "./chunk-B5PXR3KZ.js";
import {
  parseIgnoreFile
} from "./chunk-XBU2CQR5.js";
import {
  defaultConfig
} from "./chunk-ZOEPK7DV.js";

// src/adapters/fs/config.ts
import { join } from "node:path";
var CONFIG_FILES = [".leakstop.yml", ".leakstop.yaml", ".github/leakstop.yml", ".github/leakstop.yaml"];
async function loadConfig(root, explicit) {
  let config = defaultConfig();
  let source;
  if (explicit !== void 0) {
    const text = await readOptionalFile(explicit);
    if (text === void 0) throw new TypeError(`Config file '${explicit}' does not exist; fix --config or remove it.`);
    const { parseConfig } = await import("./parse-HDVHPBUJ.js");
    config = parseConfig(text, explicit);
    source = explicit;
  } else {
    for (const name of CONFIG_FILES) {
      const path = join(root, name);
      const text = await readOptionalFile(path);
      if (text !== void 0) {
        const { parseConfig } = await import("./parse-HDVHPBUJ.js");
        config = parseConfig(text, name);
        source = path;
        break;
      }
    }
  }
  const ignoreText = await readOptionalFile(join(root, config.ignoreFile));
  return { config, source, ignoredFingerprints: ignoreText ? parseIgnoreFile(ignoreText) : /* @__PURE__ */ new Set() };
}

export {
  loadConfig
};
