/**
 * The one line that ends a run — what was found, what was done, what failed and what is left
 * to do — and the responder's part of the job summary (the plan, the audit records). Names and
 * counts only. It lives with run.ts rather than with the responder, so the clean path's bundle
 * shares no module with the responder's chunk.
 */
import { printable } from "../../core/report/index.js";
import { escapeMarkdown } from "../../core/report/markdown.js";
import type { Finding } from "../../core/types.js";
import type { RespondResult, ResponseOutcome } from "./respond.js";
import type { AuditRow } from "./response-report.js";
import type { ActionSettings } from "./settings.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** The closing line of a scan with findings. */
export function scanVerdict(findings: readonly Finding[], scope: string, response: RespondResult): string {
  const rules = [...new Set(findings.map((f) => f.ruleId))].sort();
  const commits = new Set(findings.flatMap((f) => (f.commit ? [f.commit.sha] : []))).size;
  const what = `${plural(findings.length, "secret")} (${rules.join(", ")})`;
  const where = commits > 0 ? ` in ${plural(commits, "commit")}` : "";
  const parts = [`leakstop: found ${what}${where} of ${printable(scope)}.`];
  if (response.done) parts.push(`Done: ${sentence(response.done)}`);
  if (response.failure) parts.push(`Failed: ${sentence(response.failure)}`);
  const [issue] = response.issues;
  const see = issue ? `issue #${issue.number}` : "the job summary";
  if (response.provenDead && !response.failure) {
    parts.push(
      `Still to do: remove it from the code and history (the leaked value is proven dead at its provider); see ${see}.`,
    );
  } else if (response.vaultDone && !response.failure) {
    parts.push(
      `Still to do: change the credential where it is checked if the vault is not its only home, and remove it from the code and history; see ${issue ? `issue #${issue.number}` : "the job summary"}.`,
    );
  } else {
    parts.push(
      "Treat each as leaked: revoke or rotate it, then remove it from the code; see the annotations and the job summary (a false positive: 'leakstop:allow' comment or .leakstopignore).",
    );
  }
  return parts.join(" ");
}

/** The closing line of on-demand rotation. */
export function rotationVerdict(settings: ActionSettings, result: ResponseOutcome): string {
  const names = settings.secrets.map((s) => `'${printable(s)}'`).join(", ");
  if (result.failure) {
    const done = result.done ? ` Done: ${sentence(result.done)}` : "";
    return `leakstop: on-demand rotation of ${names} failed: ${sentence(result.failure)}${done}`;
  }
  return `leakstop: on-demand rotation of ${names}: ${sentence(result.done)}`;
}

/** The job summary of on-demand rotation: what was asked, why, then the response section. */
export function rotationSummary(settings: ActionSettings, result: ResponseOutcome): string {
  const head = `## leakstop: on-demand rotation${settings.dryRun ? " (dry run)" : ""}`;
  const asked = settings.secrets.map((s) => `\`${escapeMarkdown(s).replace(/`/g, "")}\``).join(", ");
  const reason = settings.reason ? ` Reason: ${escapeMarkdown(settings.reason)}.` : "";
  const outcome = result.failure
    ? `**Failed:** ${escapeMarkdown(result.failure)}`
    : `**Done:** ${escapeMarkdown(result.done)}.`;
  return `${head}\n\nRequested: ${asked}.${reason}\n\n${outcome}\n${responseSection(result)}`;
}

/** A fenced code block that no backtick run inside `text` can close. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${text.trimEnd()}\n${fence}`;
}

/** The summary's response section: the plan and one table row per audit record ("" when the responder did not run). */
export function responseSection(result: Pick<ResponseOutcome, "plan" | "audit" | "auditFile">): string {
  if (result.plan === "") return "";
  const out = ["", "### Response", "", fenced(result.plan), ""];
  const file = result.auditFile ? ` (also in \`${escapeMarkdown(result.auditFile)}\`)` : "";
  out.push(`<details><summary>Audit: ${plural(result.audit.length, "record")}${file}</summary>`, "");
  if (result.audit.length > 0) {
    out.push("| Time | Action | Outcome | Secret | Version | Why |", "| --- | --- | --- | --- | --- | --- |");
    const cells = (r: AuditRow) => [r.time, r.action, r.outcome, r.secret, r.versions, r.why].map(escapeMarkdown);
    for (const r of result.audit) out.push(`| ${cells(r).join(" | ")} |`);
    out.push("");
  }
  out.push("</details>");
  return `${out.join("\n")}\n`;
}
