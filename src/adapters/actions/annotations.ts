/**
 * One error annotation per finding, on the file and line in the pull request or commit view,
 * with a link to the commit. The message is built from redacted fields only.
 */
import { type AnnotationProperties, error } from "@actions/core";
import { printable, sortFindings } from "../../core/report/index.js";
import type { Finding } from "../../core/types.js";

/** Where links point. */
export interface AnnotationContext {
  /** `https://github.com` or a GitHub Enterprise Server URL. */
  readonly serverUrl: string;
  /** `owner/name`. */
  readonly repository: string;
  /** What the responder did, by fingerprint (e.g. "already reported in #3"). */
  readonly outcomes?: ReadonlyMap<string, string>;
}

/** The annotation for one finding (pure). */
export function annotationFor(
  f: Finding,
  ctx: AnnotationContext,
): { message: string; properties: AnnotationProperties } {
  const parts = [`${printable(f.title)} (${printable(f.ruleId)})`];
  if (f.commit) {
    const url = `${ctx.serverUrl.replace(/\/+$/, "")}/${ctx.repository}/commit/${f.commit.sha}`;
    parts.push(`added in commit ${f.commit.sha.slice(0, 7)} by ${printable(f.commit.authorName)}: ${url}`);
  }
  if (f.redacted !== "") parts.push(`line: ${printable(f.redacted)}`);
  const outcome = ctx.outcomes?.get(f.fingerprint);
  if (outcome) parts.push(printable(outcome));
  parts.push(`treat the value as leaked: revoke or rotate it, then remove it (fingerprint ${f.fingerprint})`);
  const properties: AnnotationProperties = {
    title: `leakstop: ${printable(f.title)}`,
    file: f.path,
    startLine: f.line,
  };
  // GitHub accepts columns only for a single-line range.
  if (f.endLine === f.line) Object.assign(properties, { startColumn: f.column, endColumn: f.endColumn });
  else properties.endLine = f.endLine;
  return { message: `${parts.join("; ")}.`, properties };
}

/**
 * Emit the annotations, in report order. `inspect` is the run's response inspection: the last
 * look at each message and title before it leaves (identity by default).
 */
export function annotate(
  findings: readonly Finding[],
  ctx: AnnotationContext,
  inspect: (text: string) => string = (text) => text,
): void {
  for (const f of sortFindings(findings)) {
    const { message, properties } = annotationFor(f, ctx);
    if (properties.title !== undefined) properties.title = inspect(properties.title);
    error(inspect(message), properties);
  }
}
