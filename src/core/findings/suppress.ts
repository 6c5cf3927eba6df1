/**
 * Suppressions: inline allow comments, an ignore file of fingerprints, path globs, value
 * regexes and stopwords. Fingerprints do not depend on the commit, so an ignore entry keeps
 * working after a rebase or a squash merge.
 */
import picomatch from "picomatch";
import type { Config } from "../config/config.js";

/** Comments that allow the secret on their line. `gitleaks:allow` too, so teams can switch. */
const INLINE_ALLOW = /(?:leakstop|gitleaks):allow/;

/** Parse an ignore file: one fingerprint per line; `#` starts a comment (a reason, a ticket). */
export function parseIgnoreFile(text: string): Set<string> {
  return parseIgnoreFileLines(text).fingerprints;
}

/** A fingerprint as {@link fingerprint} makes it: 32 lower-case hexadecimal digits. */
const FINGERPRINT = /^[0-9a-f]{32}$/;

/**
 * Parse an ignore file, and say which lines (1-based) hold something that is not a fingerprint:
 * such a line ignores nothing, and a person who wrote it expects otherwise.
 */
export function parseIgnoreFileLines(text: string): { fingerprints: Set<string>; invalidLines: number[] } {
  const fingerprints = new Set<string>();
  const invalidLines: number[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const entry = raw.replace(/#.*$/, "").trim();
    if (!entry) continue;
    const first = (entry.split(/\s+/)[0] as string).toLowerCase();
    if (FINGERPRINT.test(first)) fingerprints.add(first);
    else invalidLines.push(i + 1);
  }
  return { fingerprints, invalidLines };
}

/** Decisions the scanner asks for before it reports something. */
export interface Suppressor {
  /** Paths never scanned (allowlisted paths). */
  isPathIgnored(path: string): boolean;
  /** Candidates dropped before a finding is built. */
  isAllowed(candidate: { ruleId: string; secret: string; path: string; line: string }): boolean;
  /** Findings dropped after their fingerprint is known. */
  isFingerprintIgnored(fingerprint: string): boolean;
}

export function createSuppressor(config: Config, ignored: ReadonlySet<string> = new Set()): Suppressor {
  const glob = (patterns: string[]) => (patterns.length ? picomatch(patterns, { dot: true }) : (_: string) => false);
  const pathIgnored = glob(config.allowlist.paths);
  const perRule = config.allowlist.rules.map((r) => ({ rule: r.rule, match: glob(r.paths) }));
  const values = config.allowlist.values.map((v) => new RegExp(v));
  const stopwords = config.allowlist.stopwords.map((w) => w.toLowerCase());
  return {
    isPathIgnored: (path) => pathIgnored(path),
    isAllowed: ({ ruleId, secret, path, line }) => {
      if (INLINE_ALLOW.test(line)) return true;
      if (perRule.some((r) => r.rule === ruleId && r.match(path))) return true;
      if (values.some((re) => re.test(secret))) return true;
      const lower = secret.toLowerCase();
      return stopwords.some((w) => lower.includes(w));
    },
    isFingerprintIgnored: (fp) => ignored.has(fp),
  };
}
