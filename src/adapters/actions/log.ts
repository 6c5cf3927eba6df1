/**
 * Log lines on the runner's stdout, with workflow commands neutralized. The runner reads every
 * stdout line as a possible command: `::name …::value` at the start of a line (after leading
 * spaces) and the older `##[name …]value` anywhere in one
 * (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions). `core.info`
 * writes its text as is, so a config value, a file name or an error message with a line break
 * could set outputs, add annotations, mask text or stop command processing (`::stop-commands::`).
 * Every line that goes out through {@link info} is made inert: a zero-width space breaks each
 * `::` that starts a line and each `##[`. "Leading spaces" are what the runner's .NET
 * `TrimStart` removes: JavaScript's `\s` plus NEL (U+0085), which `\s` lacks. (`core.warning`,
 * `error`, `notice`, `debug` and `setFailed` escape their data themselves.)
 */
import { info as coreInfo } from "@actions/core";

const ZWSP = "\u200b";
/** Leading whitespace as .NET's `char.IsWhiteSpace` has it (the runner trims it before `::`). */
const LEADING = /^([\s\u0085]*):(?=:)/;

/** `text` with no line the runner would take for a workflow command. */
export function neutralizeCommands(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part) => part.replace(LEADING, `$1:${ZWSP}`).replace(/##\[/g, `##${ZWSP}[`))
    .join("");
}

/** `core.info`, neutralized: the only way the Action prints a plain log line. */
export function info(text: string): void {
  coreInfo(neutralizeCommands(text));
}
