/**
 * The engine: built-in and custom rules, suppressions, and a scanner, assembled once per run.
 * Sources (adapters) feed it fragments; it returns findings. No I/O here.
 */
import { type Config, customRules, defaultConfig } from "../config/config.js";
import { createSuppressor } from "../findings/suppress.js";
import { builtinRules } from "../rules/index.js";
import type { Finding, Fragment, Rule } from "../types.js";
import { createScanner } from "./scanner.js";

/** Options for {@link createEngine}. */
export interface EngineOptions {
  readonly config?: Config;
  /** Fingerprints from the ignore file. */
  readonly ignoredFingerprints?: ReadonlySet<string>;
}

export interface Engine {
  /** The rules in force (built-in minus disabled, plus custom). */
  readonly rules: readonly Rule[];
  /** Things a person should know about the rules in force (a custom rule that replaces a built-in one). */
  readonly notices: readonly string[];
  /** True for paths the config allowlists: sources may skip reading them at all. */
  isPathIgnored(path: string): boolean;
  /** Findings in one fragment, suppressions applied. */
  scan(fragment: Fragment): Finding[];
}

export function createEngine(options: EngineOptions = {}): Engine {
  const config = options.config ?? defaultConfig();
  const disabled = new Set(config.disabledRules);
  const unknown = [...disabled].filter((id) => !builtinRules.some((r) => r.id === id));
  if (unknown.length) {
    throw new RangeError(
      `Unknown rule id(s) in disabledRules: ${unknown.map((u) => `'${u}'`).join(", ")}; run 'leakstop rules' to list ids.`,
    );
  }
  // A custom rule with a built-in rule's id replaces it (one rule per id in every report), said in a notice.
  const custom = customRules(config);
  const customIds = new Set(custom.map((r) => r.id));
  const replaced = builtinRules.filter((r) => customIds.has(r.id) && !disabled.has(r.id)).map((r) => r.id);
  const notices = replaced.map(
    (id) => `Custom rule '${id}' replaces the built-in rule with that id; give it another id to keep both.`,
  );
  const rules = [...builtinRules.filter((r) => !disabled.has(r.id) && !customIds.has(r.id)), ...custom];
  const suppressor = createSuppressor(config, options.ignoredFingerprints);
  const scanner = createScanner({ rules, isAllowed: suppressor.isAllowed });
  return {
    rules,
    notices,
    isPathIgnored: suppressor.isPathIgnored,
    scan(fragment) {
      if (suppressor.isPathIgnored(fragment.path)) return [];
      return scanner
        .scan(fragment)
        .filter((f) => touchesAdded(f, fragment) && !suppressor.isFingerprintIgnored(f.fingerprint));
    },
  };
}

/** A finding in a diff with context must span an added line; one wholly in context lines is old. */
function touchesAdded(finding: Finding, fragment: Fragment): boolean {
  if (fragment.added === undefined) return true;
  return fragment.added.some(([first, last]) => finding.line <= last && finding.endLine >= first);
}

/** Scan every fragment of a source; `onFragment` lets a caller show progress. */
export async function scanAll(
  engine: Engine,
  fragments: AsyncIterable<Fragment>,
  onFragment?: (fragment: Fragment) => void,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for await (const fragment of fragments) {
    onFragment?.(fragment);
    for (const f of engine.scan(fragment)) findings.push(f);
  }
  return findings;
}
