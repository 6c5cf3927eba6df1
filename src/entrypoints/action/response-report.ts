/**
 * What the responder did, in the words the action shows: the summary's "What happened" cell per
 * finding, the clause of the closing line, the first failure, and the audit records as rows of
 * the summary's table. Names, versions and reasons only, never a value. Plain text: the
 * summary's renderer (verdict.ts) escapes it.
 */
import type { StepResult } from "../../remediation/execute.js";
import type { PlanStep } from "../../remediation/plan.js";
import type { AuditRecord } from "../../remediation/ports.js";
import type { RespondResult as Remediation } from "../../remediation/respond.js";

/** The responder's result, with or without issues (on-demand rotation opens none). */
export type ResponseFacts = Omit<Remediation, "issues"> & { readonly issues?: Remediation["issues"] };

/** `kv-prod` for `https://kv-prod.vault.azure.net`; the host (with port) for anything else. */
export function vaultLabel(url: string): string {
  try {
    const u = new URL(url);
    return /\.vault(core)?\./i.test(u.hostname) ? (u.hostname.split(".")[0] ?? u.host) : u.host;
  } catch {
    return url;
  }
}

const short = (version: string) => version.slice(0, 8);
const where = (s: { name: string; vaultUrl: string }) => `'${s.name}' in ${vaultLabel(s.vaultUrl)}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const old = (n: number) => (n === 1 ? "old version" : `${n} old versions`);
const disabled = (n: number) => (n === 1 ? "leaked version disabled" : `${n} leaked versions disabled`);

/** How the run was asked to respond. */
export interface ResponseMode {
  /** `dry-run`: the plan was printed, nothing changed. */
  readonly dryRun: boolean;
  /** Some vault is configured; without one, "no match" only means there was nowhere to look. */
  readonly vaults: boolean;
}

/** A leak no vault secret was tied to. */
const manualText = (mode: ResponseMode) =>
  mode.vaults ? "not rotated: no vault secret holds it (rotate it by hand)" : "reported (no vault configured)";

/** One result, as the summary's "What happened" cell says it. */
function resultText(r: StepResult, mode: ResponseMode): string {
  switch (r.kind) {
    case "revoked":
      return `revoked at ${r.provider}, proven dead (create a replacement by hand)`;
    case "rotated":
      if (r.provider) {
        const vault = r.written ? `new version ${short(r.version)} in ${where(r)}` : `${where(r)} already holds it`;
        return `rotated at ${r.provider}, proven dead; ${vault}${r.disabled.length ? `, ${disabled(r.disabled.length)}` : ""}`;
      }
      return r.written
        ? `rotated ${where(r)}: new version ${short(r.version)}${r.disabled.length ? `, ${disabled(r.disabled.length)}` : ""}`
        : `finished rotating ${where(r)}: ${disabled(r.disabled.length)}`;
    case "skipped":
      if (r.step.kind === "manual") return manualText(mode);
      return r.step.done ? `${where(r.step)} already rotated` : `${where(r.step)} not rotated: ${r.reason}`;
    case "failed":
      return r.step.kind === "blocked"
        ? `not rotated: ${vaultLabel(r.step.vaultUrl)} could not be searched`
        : `rotating ${where(r.step)} FAILED`;
  }
}

/** One planned step, as a dry run's "What happened" cell says it. */
function planText(s: PlanStep, mode: ResponseMode): string {
  switch (s.kind) {
    case "rotate":
      return `dry run: would rotate ${where(s)}`;
    case "disable":
      return `dry run: would disable the leaked ${plural(s.disable.length, "version")} of ${where(s)}`;
    case "skip":
      return s.done ? `${where(s)} already rotated` : `${where(s)} not rotated: ${s.why}`;
    case "manual":
      return manualText(mode);
    case "blocked":
      return `not rotated: ${vaultLabel(s.vaultUrl)} could not be searched`;
    case "provider":
      return `dry run: would ${s.plan.mode} at ${s.provider}${s.holders.length ? ` and store it in ${where(s)}` : ""}`;
  }
}

/** What happened to each finding, by fingerprint, for the job summary. */
export function outcomesOf(r: ResponseFacts, mode: ResponseMode): Map<string, string> {
  const out = new Map<string, string[]>();
  const add = (fps: readonly string[], text: string) => {
    for (const fp of fps) {
      const list = out.get(fp) ?? [];
      if (!list.includes(text)) list.push(text);
      out.set(fp, list);
    }
  };
  if (mode.dryRun) for (const s of r.plan.steps) add(s.incidents, planText(s, mode));
  else for (const x of r.results) add(x.step.incidents, resultText(x, mode));
  // One issue per leaked value: every finding of the value names it; a repeat says it is not new.
  for (const i of r.issues ?? [])
    add(i.fingerprints, i.action === "created" ? `issue #${i.number}` : `already reported in #${i.number}`);
  return new Map([...out].map(([fp, texts]) => [fp, texts.join("; ")]));
}

/** True when every leak's vault side is done: rotated now, finished, or rotated before. */
export function vaultDone(r: ResponseFacts): boolean {
  return (
    r.results.length > 0 &&
    r.results.every(
      (x) =>
        x.kind === "rotated" || x.kind === "revoked" || (x.kind === "skipped" && x.step.kind === "skip" && x.step.done),
    )
  );
}

/** Every leak was killed where it is checked: rotated at its provider or revoked, each proven dead. */
export function provenDead(r: ResponseFacts): boolean {
  return (
    r.results.length > 0 &&
    r.results.every((x) => x.kind === "revoked" || (x.kind === "rotated" && x.downstream === "rotated"))
  );
}

/** What was done, as one clause of the closing line, e.g. "rotated 'db' in kv (new version …); opened issue #3". */
export function doneClause(r: ResponseFacts, mode: ResponseMode): string {
  const parts: string[] = [];
  const list = (items: string[]) => items.join(", ");
  if (mode.dryRun) {
    const would = r.plan.steps.flatMap((s) =>
      s.kind === "rotate" || s.kind === "disable" || s.kind === "provider" ? [planText(s, mode)] : [],
    );
    const plan = would.map((w) => w.replace(/^dry run: would /, ""));
    parts.push(`nothing (dry run)${plan.length ? `; the plan: ${list(plan)}` : ", and the plan changes nothing"}`);
  } else {
    const rotated = r.results.flatMap((x) =>
      x.kind === "rotated" && x.written
        ? [
            `${where(x)} (new version ${short(x.version)}${x.disabled.length ? `, ${old(x.disabled.length)} disabled` : ""})`,
          ]
        : [],
    );
    const revoked = r.results.flatMap((x) => (x.kind === "revoked" ? [`${x.resource} at ${x.provider}`] : []));
    const finished = r.results.flatMap((x) => (x.kind === "rotated" && !x.written ? [where(x)] : []));
    const already = r.results.flatMap((x) =>
      x.kind === "skipped" && x.step.kind === "skip" && x.step.done ? [where(x.step)] : [],
    );
    const manual = r.results.filter((x) => x.kind === "skipped" && x.step.kind === "manual").length;
    const failed = r.results.filter((x) => x.kind === "failed").length;
    if (rotated.length) parts.push(`rotated ${list(rotated)}`);
    if (revoked.length) parts.push(`revoked ${list(revoked)} (proven dead)`);
    if (finished.length) parts.push(`disabled the old versions of ${list(finished)}`);
    if (already.length) parts.push(`${list(already)} already rotated`);
    if (manual) {
      parts.push(
        mode.vaults
          ? `${plural(manual, "leak")} matched no vault secret: rotate by hand`
          : "nothing rotated (no vault configured)",
      );
    }
    if (failed) parts.push(`${plural(failed, "rotation step")} FAILED`);
    if (parts.length === 0) parts.push("nothing rotated");
  }
  const created = (r.issues ?? []).filter((i) => i.action === "created").map((i) => `#${i.number}`);
  const commented = (r.issues ?? []).filter((i) => i.action === "commented").map((i) => `#${i.number}`);
  if (created.length) parts.push(`opened issue ${list(created)}`);
  if (commented.length) parts.push(`already reported in ${list(commented)} (commented)`);
  return parts.join("; ");
}

/** The first thing that went wrong (a failed step, then a failed issue), or undefined. */
export function firstFailure(r: ResponseFacts, issueRepository: string): string | undefined {
  const step = r.results.find((x) => x.kind === "failed");
  if (step) {
    const what = "name" in step.step ? `rotating ${where(step.step)}` : `searching ${vaultLabel(step.step.vaultUrl)}`;
    return `${what} failed: ${step.reason}`;
  }
  const issue = r.audit.find((a) => a.action.startsWith("issue-") && a.outcome === "failed");
  if (issue) {
    return `${issue.reason} (the token needs 'permissions: issues: write' on ${issueRepository}; or set 'open-issue: false')`;
  }
  return undefined;
}

/** One audit record as a row of the summary's table: plain text, escaped by the renderer. */
export interface AuditRow {
  readonly time: string;
  readonly action: string;
  readonly outcome: string;
  /** `name in vault`. */
  readonly secret: string;
  /** The version written and the versions disabled (or to disable, on a dry run). */
  readonly versions: string;
  readonly why: string;
}

/** The audit records as table rows. */
export function auditRows(audit: readonly AuditRecord[]): AuditRow[] {
  return audit.map((a) => {
    const verb = a.outcome === "dry-run" ? "to disable" : "disabled";
    return {
      time: a.time,
      action: a.action,
      outcome: a.outcome,
      secret: a.secret ? `${a.secret} in ${vaultLabel(a.vault ?? "")}` : a.vault ? vaultLabel(a.vault) : "",
      versions: [a.version, ...(a.versions ?? []).map((v) => `${verb} ${v}`)].filter(Boolean).join(", "),
      why: a.issue ? `${a.reason} (${a.issue})` : a.reason,
    };
  });
}
