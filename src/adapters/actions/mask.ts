/**
 * Masking: every leaked value is registered with the runner (`::add-mask::`) before anything
 * about the findings is printed, so a value that reaches the log anyway (a tool's output, a
 * later step) shows as `***`.
 */
import { setSecret } from "@actions/core";
import type { Finding } from "../../core/types.js";

/** PEM armour lines are public text; masking them would only blur the log. */
const ARMOUR = /^-----(?:BEGIN|END) [A-Z0-9 ]+-----$/;

/**
 * The strings to mask for `findings`: each value, and each line of a multi-line value on its own
 * (the runner masks line by line, so a whole multi-line value would never match a log line).
 */
export function valuesToMask(findings: readonly Finding[]): string[] {
  const out = new Set<string>();
  for (const f of findings) {
    if (f.secret.length === 0) continue;
    out.add(f.secret);
    if (!/[\r\n]/.test(f.secret)) continue;
    for (const line of f.secret.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= 4 && !ARMOUR.test(trimmed)) out.add(trimmed);
    }
  }
  return [...out];
}

/** Register every leaked value with the runner. Call before printing anything about the findings. */
export function maskFindings(findings: readonly Finding[], mask: (value: string) => void = setSecret): number {
  const values = valuesToMask(findings);
  for (const value of values) mask(value);
  return values.length;
}
