/**
 * The job summary in Markdown: a header line, then one table row per finding (rule, file, line,
 * commit, author, what happened), what to do next, and the fingerprints for suppressions.
 * Pure and redacted: it never reads `finding.secret`, and every field that comes from the scanned
 * repository is escaped, so a file name or an author name cannot inject Markdown or HTML.
 */
import type { Finding } from "../types.js";
import { sortFindings } from "./common.js";
import { escapeMarkdown, linkTarget } from "./escape.js";
import { pathToUri } from "./sarif.js";

export { escapeMarkdown } from "./escape.js";

/** Options for {@link renderSummary}. */
export interface SummaryOptions {
  /** What was scanned, e.g. "push to refs/heads/main (1234567..89abcde)". */
  readonly scope: string;
  /** How many commits were scanned, when known. */
  readonly commits?: number;
  /** What happened to each finding, by fingerprint; default "reported". */
  readonly outcomes?: ReadonlyMap<string, string>;
  /** `https://github.com/owner/name`: files and commits become links. */
  readonly repositoryUrl?: string;
  /** Things the reader should know, e.g. files that could not be scanned. */
  readonly notices?: readonly string[];
}

/** The outcome shown when the responder recorded none. */
export const DEFAULT_OUTCOME = "reported";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function link(text: string, url: string | undefined): string {
  return url === undefined ? text : `[${text}](${linkTarget(url)})`;
}

function row(f: Finding, options: SummaryOptions): string {
  const base = options.repositoryUrl?.replace(/\/+$/, "");
  const sha = f.commit?.sha;
  const fileUrl = base && sha ? `${base}/blob/${sha}/${pathToUri(f.path)}#L${f.line}` : undefined;
  const commitUrl = base && sha ? `${base}/commit/${sha}` : undefined;
  const cells = [
    `${escapeMarkdown(f.title)} (${escapeMarkdown(f.ruleId)})`,
    link(escapeMarkdown(f.path), fileUrl),
    String(f.line),
    sha ? link(sha.slice(0, 7), commitUrl) : "",
    f.commit ? escapeMarkdown(f.commit.authorName) : "",
    escapeMarkdown(options.outcomes?.get(f.fingerprint) ?? DEFAULT_OUTCOME),
  ];
  return `| ${cells.join(" | ")} |`;
}

/** Render the job summary. Same findings in any order, same text. */
export function renderSummary(findings: readonly Finding[], options: SummaryOptions): string {
  const sorted = sortFindings(findings);
  const scanned =
    options.commits === undefined
      ? `Scanned ${escapeMarkdown(options.scope)}.`
      : `Scanned ${plural(options.commits, "commit")}: ${escapeMarkdown(options.scope)}.`;
  const out: string[] = [];
  if (sorted.length === 0) {
    out.push("## leakstop: no secrets found", "", scanned);
  } else {
    const commits = new Set(sorted.flatMap((f) => (f.commit ? [f.commit.sha] : []))).size;
    const where = commits > 0 ? ` in ${plural(commits, "commit")}` : "";
    out.push(`## leakstop: ${plural(sorted.length, "secret")} found${where}`, "", scanned, "");
    out.push("| Rule | File | Line | Commit | Author | What happened |", "| --- | --- | ---: | --- | --- | --- |");
    for (const f of sorted) out.push(row(f, options));
    out.push(
      "",
      "**What to do:** treat each value as compromised. Revoke or rotate it where it was issued " +
        "(deleting the commit does not make it secret again), then remove it from the code. " +
        "A false positive: add a `leakstop:allow` comment on the line, or its fingerprint to `.leakstopignore`.",
      "",
      "<details><summary>Fingerprints</summary>",
      "",
    );
    // Fingerprint first, as in .leakstopignore; after a rule id it would read like a leaked value.
    for (const f of sorted)
      out.push(`- \`${f.fingerprint}\` ${escapeMarkdown(f.path)}:${f.line} (${escapeMarkdown(f.ruleId)})`);
    out.push("", "</details>");
  }
  const notices = options.notices ?? [];
  if (notices.length > 0) {
    out.push("", "**Notes**", "");
    for (const n of notices) out.push(`- ${escapeMarkdown(n)}`);
  }
  return `${out.join("\n")}\n`;
}
