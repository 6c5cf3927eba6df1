/**
 * What every reporter shares: its options and the order findings are reported in. The order is
 * total, so the same findings give byte-identical reports (golden files, SARIF re-uploads).
 */
import type { Finding, Rule } from "../types.js";

/** Options for every reporter. */
export interface ReportOptions {
  /** Tool version for SARIF `tool.driver.version`. */
  readonly toolVersion: string;
  /** Rules (for SARIF `tool.driver.rules`: id, shortDescription from title, helpUri from reference). */
  readonly rules: readonly Rule[];
  /**
   * Optional notices (e.g. "skipped huge file x") to include (text: at the end; json: `notices`;
   * sarif: `invocations[0].toolExecutionNotifications`).
   */
  readonly notices?: readonly string[];
  /** Whether colour is allowed (text only). Default false. */
  readonly color?: boolean;
}

/** Code-unit comparison: unlike `localeCompare`, it is the same on every machine. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Report order: path, line, column, rule id; then end position, commit and fingerprint so
 * that no two distinct findings compare equal.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.path, b.path) ||
    a.line - b.line ||
    a.column - b.column ||
    cmp(a.ruleId, b.ruleId) ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    cmp(a.commit?.sha ?? "", b.commit?.sha ?? "") ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

/** A sorted copy; the input is left alone. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
