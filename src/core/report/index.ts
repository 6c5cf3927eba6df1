/**
 * Pure reporters: findings in, text out. Each is `(findings, options) => string`, never reads
 * `finding.secret`, and gives the same output for the same findings in any order.
 */
import type { Finding } from "../types.js";
import type { ReportOptions } from "./common.js";
import { renderJson } from "./json.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";

export { compareFindings, type ReportOptions, sortFindings } from "./common.js";
export { JSON_REPORT_VERSION, renderJson } from "./json.js";
export { INFORMATION_URI, pathToUri, renderSarif } from "./sarif.js";
export { printable, renderText } from "./text.js";

/** Output formats of `--format`. */
export type Format = "text" | "json" | "sarif";

/** Every {@link Format}, e.g. for validating a `--format` value. */
export const FORMATS: readonly Format[] = ["text", "json", "sarif"];

const RENDERERS: Readonly<Record<Format, (findings: readonly Finding[], options: ReportOptions) => string>> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
};

/** Render findings in `format`. */
export function render(format: Format, findings: readonly Finding[], options: ReportOptions): string {
  const renderer = RENDERERS[format];
  if (!renderer) {
    throw new RangeError(`Unknown report format '${String(format)}'; use one of: ${FORMATS.join(", ")}.`);
  }
  return renderer(findings, options);
}
