/**
 * Audit records: one per responder step (what, which secret and version, why, which run or
 * delivery, outcome), never a value. Serialised as JSON lines: the Action uploads the file and
 * writes the summary from it, the service logs each line.
 */
import type { StepResult } from "./execute.js";
import type { Plan } from "./plan.js";
import type { AuditLog, AuditRecord } from "./ports.js";

/** Where a record came from: the run URL (Actions) and/or the delivery id (webhook). */
export interface AuditContext {
  readonly run?: string;
  readonly delivery?: string;
}

function origin(ctx: AuditContext): Pick<AuditRecord, "run" | "delivery"> {
  return { ...(ctx.run ? { run: ctx.run } : {}), ...(ctx.delivery ? { delivery: ctx.delivery } : {}) };
}

/** Records for a dry run: each planned step, outcome `dry-run`. */
export function planRecords(p: Plan, time: Date, ctx: AuditContext): AuditRecord[] {
  return p.steps.map((s) => ({
    time: time.toISOString(),
    action:
      s.kind === "rotate" ? "rotate" : s.kind === "disable" ? "disable" : s.kind === "provider" ? s.plan.mode : "plan",
    outcome: "dry-run",
    ...("name" in s ? { vault: s.vaultUrl, secret: s.name } : "vaultUrl" in s ? { vault: s.vaultUrl } : {}),
    ...("disable" in s && s.disable.length ? { versions: s.disable.map((d) => d.version) } : {}),
    incidents: [...s.incidents],
    reason: s.why,
    ...origin(ctx),
  }));
}

/** One record per executed step. */
export function resultRecords(results: readonly StepResult[], time: Date, ctx: AuditContext): AuditRecord[] {
  return results.map((r) => resultRecord(r, time.toISOString(), ctx));
}

function resultRecord(r: StepResult, at: string, ctx: AuditContext): AuditRecord {
  const incidents = [...r.step.incidents];
  switch (r.kind) {
    case "rotated":
      return {
        time: at,
        action: r.written ? "rotate" : "disable",
        outcome: "ok",
        vault: r.vaultUrl,
        secret: r.name,
        version: r.version,
        versions: [...r.disabled],
        incidents,
        reason: r.evidence ? `${r.step.why}; proven: ${r.evidence}` : r.step.why,
        ...origin(ctx),
      };
    case "revoked":
      return {
        time: at,
        action: "revoke",
        outcome: "ok",
        incidents,
        reason: `revoked at ${r.provider} (${r.resource}); proven: ${r.evidence}`,
        ...origin(ctx),
      };
    case "skipped":
      return {
        time: at,
        action: "skip",
        outcome: "skipped",
        ...("name" in r.step ? { vault: r.step.vaultUrl, secret: r.step.name } : {}),
        incidents,
        reason: r.reason,
        ...origin(ctx),
      };
    case "failed":
      return {
        time: at,
        action: r.step.kind === "disable" ? "disable" : "rotate",
        outcome: "failed",
        vault: r.step.vaultUrl,
        ...("name" in r.step ? { secret: r.step.name } : {}),
        ...(r.version ? { version: r.version } : {}),
        versions: [...r.disabled],
        incidents,
        reason: r.reason,
        ...origin(ctx),
      };
  }
}

/** JSON lines, one record per line, keys in a stable order. */
export function toJsonLines(records: readonly AuditRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join("");
}

/** Parse JSON lines back (for the summary writer and tests). */
export function fromJsonLines(text: string): AuditRecord[] {
  return text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AuditRecord);
}

/** An audit log that keeps records in memory (the Action writes them out at the end). */
export function createMemoryAuditLog(): AuditLog & { readonly records: readonly AuditRecord[] } {
  const records: AuditRecord[] = [];
  return {
    records,
    record(r) {
      records.push(r);
    },
  };
}
