/**
 * The configuration's shape and defaults. Parsing and validation (YAML, JSON Schema) live in
 * `parse.ts`, loaded only when a config file exists, so a run without one never loads them.
 */
import type { Rule } from "../types.js";

/** A custom rule as written in the config. */
export interface CustomRuleConfig {
  id: string;
  title?: string;
  pattern: string;
  keywords: string[];
  caseInsensitive?: boolean;
  minEntropy?: number;
  reference?: string;
}

/** The parsed configuration. Every field is optional in the file. */
export interface Config {
  rules: CustomRuleConfig[];
  disabledRules: string[];
  allowlist: {
    paths: string[];
    values: string[];
    stopwords: string[];
    rules: Array<{ rule: string; paths: string[] }>;
  };
  ignoreFile: string;
  maxFileSizeInMB: number;
  /** `maxRequests`: Key Vault requests per run when searching this vault (default 600). */
  vaults: Array<{ url: string; namePattern?: string; tags?: Record<string, string>; maxRequests?: number }>;
  mappings: Array<{ rule?: string; path?: string; vault?: string; secret: string }>;
  rotation: { validityDays?: number };
}

/** A configuration file that cannot be used; the message names file, line and key. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** The configuration used when there is no file. */
export function defaultConfig(): Config {
  return {
    rules: [],
    disabledRules: [],
    allowlist: { paths: [], values: [], stopwords: [], rules: [] },
    ignoreFile: ".leakstopignore",
    maxFileSizeInMB: 10,
    vaults: [],
    mappings: [],
    rotation: {},
  };
}

/** Turn the config's custom rules into scanner rules. */
export function customRules(config: Config): Rule[] {
  return config.rules.map((r) => ({
    id: r.id,
    title: r.title ?? r.id,
    keywords: r.keywords.map((k) => k.toLowerCase()),
    pattern: new RegExp(r.pattern, r.caseInsensitive ? "i" : ""),
    ...(r.minEntropy !== undefined ? { minEntropy: r.minEntropy } : {}),
    ...(r.reference !== undefined ? { reference: r.reference } : {}),
  }));
}
