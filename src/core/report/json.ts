/**
 * JSON reporter: a stable, versioned shape for scripts. Each finding is rebuilt field by field
 * (never spread), so a field added to `Finding` later — or the secret — cannot slip out.
 */
import type { Finding } from "../types.js";
import { type ReportOptions, sortFindings } from "./common.js";

/** Version of the JSON report's shape; bumped on an incompatible change. */
export const JSON_REPORT_VERSION = 1;

function entry(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    title: f.title,
    path: f.path,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    ...(f.commit
      ? {
          commit: {
            sha: f.commit.sha,
            authorName: f.commit.authorName,
            authorEmail: f.commit.authorEmail,
            date: f.commit.date,
          },
        }
      : {}),
    fingerprint: f.fingerprint,
    redacted: f.redacted,
  };
}

/**
 * Render findings as `{ "version": 1, "findings": [...], "notices": [...] }`, findings sorted
 * by path, line, column and rule id. Never reads `finding.secret`.
 */
export function renderJson(findings: readonly Finding[], options: ReportOptions): string {
  const report = {
    version: JSON_REPORT_VERSION,
    findings: sortFindings(findings).map(entry),
    notices: [...(options.notices ?? [])],
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
