/**
 * A baseline: every current finding's fingerprint as ignore-file lines, with a reason, so a team
 * adopts leakstop on an old repository in one step and is stopped only by new leaks. Pure.
 */
import { compareFindings } from "../report/common.js";
import type { Finding } from "../types.js";

/** One line of text: control characters (a newline would start a new, unparsed entry) become spaces. */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
}

/**
 * Ignore-file lines for the findings not in `ignored` (one per fingerprint, in report order):
 * `<fingerprint>  # <reason>: <rule> at <path>:<line>`. No value, not even redacted, is written.
 */
export function baselineLines(findings: readonly Finding[], reason: string, ignored: ReadonlySet<string>): string[] {
  const why = oneLine(reason);
  const seen = new Set(ignored);
  const out: string[] = [];
  for (const f of [...findings].sort(compareFindings)) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    out.push(`${f.fingerprint}  # ${why}: ${oneLine(f.ruleId)} at ${oneLine(f.path)}:${f.line}`);
  }
  return out;
}
