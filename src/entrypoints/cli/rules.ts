import { builtinRules } from "../../core/rules/index.js";
import type { CliIO } from "./run.js";

/** `leakstop rules`: the built-in rule ids and titles, for `disabledRules` and allowlists. */
export function runRules(io: CliIO): number {
  const width = Math.max(...builtinRules.map((r) => r.id.length));
  for (const r of builtinRules) io.stdout(`${r.id.padEnd(width)}  ${r.title}\n`);
  return 0;
}
