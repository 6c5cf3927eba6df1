/**
 * The responder: match → plan → (dry run: stop) → execute → issues → audit, over ports, for
 * the Action now and the webhook service later. `rotateNamed` is on-demand rotation
 * (`workflow_dispatch` with `secrets`, `leakstop rotate`). Every text that leaves passes
 * response inspection first.
 */
import type { Config } from "../core/config/config.js";
import { createEngine } from "../core/scan/engine.js";
import type { Finding, Rule } from "../core/types.js";
import { type AuditContext, planRecords, resultRecords } from "./audit.js";
import { describeResult, execute, rotatedOf, type StepResult } from "./execute.js";
import { createInspector, type Inspector } from "./inspect.js";
import { type IssueContext, renderComment, renderIssue } from "./issue.js";
import { holdIncidentLeases } from "./lease.js";
import { locateCredentials } from "./locate.js";
import { type MatchReport, matchFindings, matchRequested, resolveSecretName, type SecretMatch } from "./match.js";
import { type Plan, type PlanStep, plan, renderPlan } from "./plan.js";
import type { AuditRecord, OperationOptions, RemediationPorts } from "./ports.js";
import type { VaultIndex } from "./vault-index.js";

export { describeResult } from "./execute.js";

/** Where the leak happened; recorded in tags, issues and audit records. */
export interface RespondContext {
  /** `owner/repo` the leak was pushed to. */
  readonly repository: string;
  /** Default `https://github.com`. */
  readonly serverUrl?: string;
  readonly runUrl?: string;
  readonly deliveryId?: string;
  /** Login of the person who pushed. */
  readonly pusher?: string;
  /** GitHub logins of commit authors by commit sha (only those that are GitHub users). */
  readonly authorLogins?: Readonly<Record<string, string>>;
}

/** Options for {@link respond}. */
export interface RespondOptions extends OperationOptions {
  readonly config: Config;
  readonly context: RespondContext;
  /** Print the plan, change nothing, open no issue. */
  readonly dryRun?: boolean;
  /** The run's inspector (shares its sensitive values); default: one over the config's engine. */
  readonly inspector?: Inspector;
  /** Rules, for their remediation advice in issues. Default: the engine's. */
  readonly rules?: readonly Rule[];
  /** Issue labels. Default `["leakstop"]`. */
  readonly labels?: readonly string[];
  /** Candidate secrets checked at once per vault. Default 8. */
  readonly concurrency?: number;
  /** Enabled versions compared per candidate. Default: all of them. */
  readonly maxVersionsPerSecret?: number;
  /** The service's vault index: matching reads the secrets it names instead of listing the vault. */
  readonly index?: VaultIndex;
}

/** An issue opened or commented on. */
export interface IssueOutcome {
  readonly fingerprint: string;
  readonly number: number;
  readonly url: string;
  readonly action: "created" | "commented";
}

export interface RespondResult {
  readonly plan: Plan;
  /** The plan as text (inspected). */
  readonly planText: string;
  /** Empty on a dry run. */
  readonly results: readonly StepResult[];
  /** New versions written (the Action's `rotated` output). */
  readonly rotated: ReadonlyArray<{ vault: string; secret: string; version: string }>;
  readonly issues: readonly IssueOutcome[];
  /** Failed steps plus failed issue operations. */
  readonly failures: number;
  readonly audit: readonly AuditRecord[];
  /** Values masked by response inspection during this call. */
  readonly redactions: number;
}

/**
 * What both entry points share for one call: sensitive values go to the inspector and the
 * Action's masking; log lines and audit records pass inspection before they leave.
 */
function session(ports: RemediationPorts, inspector: Inspector, auditCtx: AuditContext) {
  const audit: AuditRecord[] = [];
  const startHits = inspector.hits;
  return {
    audit,
    auditCtx,
    registerSensitive(value: string) {
      inspector.addSensitive(value);
      ports.registerSensitive?.(value);
    },
    log(line: string) {
      ports.log?.(inspector.inspect(line, "log.txt"));
    },
    async record(r: AuditRecord) {
      const safe = { ...r, reason: inspector.inspect(r.reason, "audit.txt") };
      audit.push(safe);
      await ports.audit.record(safe);
    },
    redactions: () => inspector.hits - startHits,
  };
}

/**
 * Respond to findings. Never throws for a failed step; an abort does throw. With a lease store,
 * a run holds a lease on its incidents from matching to the last issue, so a concurrent run for
 * the same leak waits, then converges on what this one did (lease.ts).
 */
export async function respond(
  findings: readonly Finding[],
  ports: RemediationPorts,
  options: RespondOptions,
): Promise<RespondResult> {
  if (!ports.leases || options.dryRun) return respondNow(findings, ports, options);
  const ctx = options.context;
  const lease = await holdIncidentLeases(ports, findings, ctx.runUrl ?? ctx.deliveryId ?? ctx.repository, options);
  if (lease.blocked) return respondNow(findings, ports, options, lease.blocked);
  try {
    return await respondNow(findings, ports, options);
  } finally {
    await lease.release();
  }
}

async function respondNow(
  findings: readonly Finding[],
  ports: RemediationPorts,
  options: RespondOptions,
  blocked?: MatchReport,
): Promise<RespondResult> {
  const engine = options.inspector && options.rules ? undefined : createEngine({ config: options.config });
  const inspector = options.inspector ?? createInspector({ engine: engine as NonNullable<typeof engine> });
  const rules = options.rules ?? engine?.rules ?? [];
  const ctx = options.context;
  const s = session(ports, inspector, {
    ...(ctx.runUrl ? { run: ctx.runUrl } : {}),
    ...(ctx.deliveryId ? { delivery: ctx.deliveryId } : {}),
  });
  for (const f of findings) s.registerSensitive(f.secret);
  const abort = options.abortSignal ? { abortSignal: options.abortSignal } : {};

  const report =
    blocked ??
    (await matchFindings(findings, ports, {
      config: options.config,
      ...abort,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.maxVersionsPerSecret ? { maxVersionsPerSecret: options.maxVersionsPerSecret } : {}),
      ...(options.index ? { index: options.index } : {}),
    }));
  // Provider first: find each leaked credential where it is checked before planning anything.
  const located = await locateCredentials(
    findings,
    report,
    { ...ports, registerSensitive: s.registerSensitive },
    abort,
  );
  const p = plan(report, findings, {
    now: ports.clock.now(),
    providers: located.providers,
    locateProblems: located.problems,
    ...(options.config.rotation.validityDays !== undefined
      ? { validityDays: options.config.rotation.validityDays }
      : {}),
    incident: {
      repository: ctx.repository,
      ...(ctx.runUrl || ctx.deliveryId ? { run: ctx.runUrl ?? `delivery ${ctx.deliveryId}` } : {}),
    },
  });
  const planText = inspector.inspect(renderPlan(p, { dryRun: options.dryRun === true }), "plan.txt");
  s.log(planText.trimEnd());
  const done = (results: StepResult[], issues: IssueOutcome[], issueFailures: number): RespondResult => ({
    plan: p,
    planText,
    results,
    rotated: rotatedOf(results),
    issues,
    failures: results.filter((r) => r.kind === "failed").length + issueFailures,
    audit: s.audit,
    redactions: s.redactions(),
  });

  if (options.dryRun) {
    for (const r of planRecords(p, ports.clock.now(), s.auditCtx)) await s.record(r);
    return done([], [], 0);
  }

  const results = await execute(p, { ...ports, registerSensitive: s.registerSensitive }, abort);
  for (const r of resultRecords(results, ports.clock.now(), s.auditCtx)) await s.record(r);
  for (const r of results) s.log(describeResult(r));

  const issues: IssueOutcome[] = [];
  let issueFailures = 0;
  const seen = new Set<string>();
  for (const f of ports.issues ? findings : []) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    const time = () => ports.clock.now().toISOString();
    try {
      const outcome = await openOrComment(f, results, ports, options, rules, inspector);
      issues.push(outcome);
      const created = outcome.action === "created";
      await s.record({
        time: time(),
        action: created ? "issue-create" : "issue-comment",
        outcome: "ok",
        incidents: [f.fingerprint],
        issue: outcome.url,
        reason: created ? "new leak" : "repeat of a known leak",
        ...s.auditCtx,
      });
    } catch (e) {
      issueFailures++;
      const reason = `could not open or update the issue: ${(e as Error).message}`;
      await s.record({
        time: time(),
        action: "issue-create",
        outcome: "failed",
        incidents: [f.fingerprint],
        reason,
        ...s.auditCtx,
      });
      s.log(`leakstop: ${reason} (${f.fingerprint})`);
    }
  }
  if (s.redactions() > 0) {
    await s.record({
      time: ports.clock.now().toISOString(),
      action: "inspect",
      outcome: "ok",
      reason: `response inspection masked ${s.redactions()} value(s) that redaction had missed`,
      ...s.auditCtx,
    });
  }
  return done(results, issues, issueFailures);
}

async function openOrComment(
  finding: Finding,
  results: readonly StepResult[],
  ports: RemediationPorts,
  options: RespondOptions,
  rules: readonly Rule[],
  inspector: Inspector,
): Promise<IssueOutcome> {
  const tracker = ports.issues as NonNullable<RemediationPorts["issues"]>;
  const ctx = options.context;
  const login = finding.commit ? ctx.authorLogins?.[finding.commit.sha] : undefined;
  const issueCtx: IssueContext = {
    repository: ctx.repository,
    serverUrl: ctx.serverUrl ?? "https://github.com",
    ...(ctx.pusher ? { pusher: ctx.pusher } : {}),
    ...(login ? { authorLogin: login } : {}),
    ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}),
  };
  const remediation = rules.find((r) => r.id === finding.ruleId)?.remediation;
  const leak = {
    finding,
    results: results.filter((r) => r.step.incidents.includes(finding.fingerprint)),
    ...(remediation ? { remediation } : {}),
  };
  const abort = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const existing = await tracker.findByFingerprint(finding.fingerprint, abort);
  if (existing) {
    const body = inspector.inspect(
      renderComment(leak, issueCtx, { closed: existing.state === "closed" }),
      "comment.md",
    );
    await tracker.comment(existing.number, body, abort);
    return { fingerprint: finding.fingerprint, number: existing.number, url: existing.url, action: "commented" };
  }
  const { title, body } = renderIssue(leak, issueCtx);
  const created = await tracker.create(inspector.inspect(title, "title.txt"), inspector.inspect(body, "issue.md"), {
    labels: options.labels ?? ["leakstop"],
    ...(login ? { assignees: [login] } : {}),
    ...abort,
  });
  return { fingerprint: finding.fingerprint, number: created.number, url: created.url, action: "created" };
}

/** Options for {@link rotateNamed}. */
export interface RotateNamedOptions extends OperationOptions {
  /** Vaults to look plain names up in; a name may also be a secret URL (`https://…/secrets/NAME`). */
  readonly vaultUrls: readonly string[];
  /** Why; recorded in the `leakstop-reason` tag and the audit record. */
  readonly reason?: string;
  readonly dryRun?: boolean;
  /** `rotation.validityDays`. */
  readonly validityDays?: number;
  /**
   * Idempotency key, e.g. the workflow run id: a re-run of the same request finds its tag and
   * finishes instead of rotating again. Default: the current time (every call rotates).
   */
  readonly requestId?: string;
  readonly repository?: string;
  readonly runUrl?: string;
  readonly inspector?: Inspector;
}

/** On-demand rotation of named secrets: no scan, no issue; plan, execute, audit. */
export async function rotateNamed(
  names: readonly string[],
  ports: RemediationPorts,
  options: RotateNamedOptions,
): Promise<Omit<RespondResult, "issues">> {
  const inspector = options.inspector ?? createInspector({ engine: createEngine() });
  const s = session(ports, inspector, options.runUrl ? { run: options.runUrl } : {});
  const now = ports.clock.now();
  const key =
    options.requestId ??
    now
      .toISOString()
      .replace(/[^0-9]/g, "")
      .slice(0, 14);
  const incident = `manual-${key}`;
  const abort = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const reason = inspector.inspect(options.reason?.trim() || "on-demand rotation", "reason.txt");
  const matches: SecretMatch[] = [];
  const blocked: PlanStep[] = [];
  for (const raw of names) {
    try {
      const { vaultUrl, name } = await resolveSecretName(raw, options.vaultUrls, ports, abort);
      matches.push(await matchRequested(ports.secretStore(vaultUrl), name, incident, s.registerSensitive, abort));
    } catch (e) {
      const vaultUrl = /^(https:\/\/[^/]+)\/secrets\//i.exec(raw.trim())?.[1] ?? options.vaultUrls.join(", ");
      blocked.push({ kind: "blocked", vaultUrl, incidents: [incident], why: (e as Error).message });
    }
  }
  const planned = plan({ matches, unmatched: [], errors: [], reads: matches.length }, [], {
    now,
    ...(options.validityDays !== undefined ? { validityDays: options.validityDays } : {}),
    incident: {
      reason,
      ...(options.repository ? { repository: options.repository } : {}),
      ...(options.runUrl ? { run: options.runUrl } : {}),
    },
  });
  const p: Plan = { steps: [...planned.steps, ...blocked] };
  const planText = inspector.inspect(renderPlan(p, { dryRun: options.dryRun === true }), "plan.txt");
  s.log(planText.trimEnd());
  const results = options.dryRun ? [] : await execute(p, { ...ports, registerSensitive: s.registerSensitive }, abort);
  const records = options.dryRun
    ? planRecords(p, now, s.auditCtx)
    : resultRecords(results, ports.clock.now(), s.auditCtx);
  for (const r of records) await s.record(r);
  for (const r of results) s.log(describeResult(r));
  return {
    plan: p,
    planText,
    results,
    rotated: rotatedOf(results),
    failures: results.filter((r) => r.kind === "failed").length + (options.dryRun ? blocked.length : 0),
    audit: s.audit,
    redactions: s.redactions(),
  };
}
