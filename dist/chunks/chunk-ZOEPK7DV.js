import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/core/config/config.ts
var ConfigError = class extends Error {
  name = "ConfigError";
};
function defaultConfig() {
  return {
    rules: [],
    disabledRules: [],
    allowlist: { paths: [], values: [], stopwords: [], rules: [] },
    ignoreFile: ".leakstopignore",
    maxFileSizeInMB: 10,
    vaults: [],
    mappings: [],
    rotation: {}
  };
}
function customRules(config) {
  return config.rules.map((r) => ({
    id: r.id,
    title: r.title ?? r.id,
    keywords: r.keywords.map((k) => k.toLowerCase()),
    pattern: new RegExp(r.pattern, r.caseInsensitive ? "i" : ""),
    ...r.minEntropy !== void 0 ? { minEntropy: r.minEntropy } : {},
    ...r.reference !== void 0 ? { reference: r.reference } : {}
  }));
}

export {
  ConfigError,
  defaultConfig,
  customRules
};
