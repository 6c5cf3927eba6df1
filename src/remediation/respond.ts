/**
 * The responder: match → plan → (dry run: stop) → execute → issues → audit, over ports, for
 * the Action and the webhook service. `rotateNamed` (rotate-named.ts, re-exported here) is
 * on-demand rotation (`workflow_dispatch` with `secrets`, `leakstop rotate`). Every text that
 * leaves passes response inspection first.
 */
import type { Config } from "../core/config/config.js";
import { incidentKey } from "../core/findings/incident.js";
import { createEngine } from "../core/scan/engine.js";
import type { Finding, Rule } from "../core/types.js";
import { planRecords, resultRecords } from "./audit.js";
import { describeResult, execute, rotatedOf, type StepResult } from "./execute.js";
import { createInspector, type Inspector } from "./inspect.js";
import { type IssueContext, renderComment, renderIssue } from "./issue.js";
import { holdIncidentLeases } from "./lease.js";
import { locateCredentials } from "./locate.js";
import { type MatchReport, matchFindings } from "./match.js";
import { type Plan, plan, renderPlan } from "./plan.js";
import type { AuditRecord, OperationOptions, RemediationPorts } from "./ports.js";
import { session } from "./session.js";
import type { VaultIndex } from "./vault-index.js";

export { describeResult } from "./execute.js";
export { type RotateNamedOptions, rotateNamed } from "./rotate-named.js";

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
  /**
   * The per-repository key of incident keys (HMAC); absent: a hash salted with the repository
   * (see `core/findings/incident.ts` for what that exposes). One leaked value is one issue.
   */
  readonly incidentKey?: string;
  /** The service's vault index: matching reads the secrets it names instead of listing the vault. */
  readonly index?: VaultIndex;
}

/** An issue opened or commented on: one per leaked value. */
export interface IssueOutcome {
  /** The first finding of the value (the one the issue or comment describes). */
  readonly fingerprint: string;
  /** Every finding of the value in this call, the first one first. */
  readonly fingerprints: readonly string[];
  /** The value's incident key. */
  readonly incident: string;
  readonly number: number;
  readonly url: string;
  /** `commented`: the value was already reported in this issue (a repeat). */
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
  for (const group of ports.issues ? byIncident(findings, ctx.repository, options.incidentKey) : []) {
    const time = () => ports.clock.now().toISOString();
    const fingerprints = group.findings.map((f) => f.fingerprint);
    try {
      const outcome = await openOrComment(group, results, ports, options, rules, inspector);
      issues.push(outcome);
      const created = outcome.action === "created";
      await s.record({
        time: time(),
        action: created ? "issue-create" : "issue-comment",
        outcome: "ok",
        incidents: fingerprints,
        issue: outcome.url,
        reason: created ? "new leak" : `repeat of a known leak (already reported in #${outcome.number})`,
        ...s.auditCtx,
      });
    } catch (e) {
      issueFailures++;
      const reason = `could not open or update the issue: ${(e as Error).message}`;
      await s.record({
        time: time(),
        action: "issue-create",
        outcome: "failed",
        incidents: fingerprints,
        reason,
        ...s.auditCtx,
      });
      s.log(`leakstop: ${reason} (${fingerprints.join(", ")})`);
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

/** Findings grouped by leaked value (its incident key), in first-seen order; one fingerprint once. */
function byIncident(
  findings: readonly Finding[],
  repository: string,
  secretKey: string | undefined,
): Array<{ incident: string; findings: Finding[] }> {
  const groups = new Map<string, Finding[]>();
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    const incident = incidentKey(f.secret, { repository, ...(secretKey ? { secretKey } : {}) });
    const list = groups.get(incident) ?? [];
    list.push(f);
    groups.set(incident, list);
  }
  return [...groups].map(([incident, list]) => ({ incident, findings: list }));
}

async function openOrComment(
  group: { incident: string; findings: readonly Finding[] },
  results: readonly StepResult[],
  ports: RemediationPorts,
  options: RespondOptions,
  rules: readonly Rule[],
  inspector: Inspector,
): Promise<IssueOutcome> {
  const tracker = ports.issues as NonNullable<RemediationPorts["issues"]>;
  const ctx = options.context;
  const [finding, ...others] = group.findings as [Finding, ...Finding[]];
  const fingerprints = group.findings.map((f) => f.fingerprint);
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
    results: results.filter((r) => r.step.incidents.some((i) => fingerprints.includes(i))),
    incident: group.incident,
    alsoAt: others,
    ...(remediation ? { remediation } : {}),
  };
  const abort = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const keys = { incident: group.incident, fingerprint: finding.fingerprint };
  const existing = await tracker.findIssue(keys, abort);
  const outcome = { fingerprint: finding.fingerprint, fingerprints, incident: group.incident };
  if (existing) {
    const body = inspector.inspect(
      renderComment(leak, issueCtx, { closed: existing.state === "closed" }),
      "comment.md",
    );
    // One comment per run or delivery: a retry of the same delivery updates its comment.
    const key = ctx.deliveryId ? `delivery-${ctx.deliveryId}` : ctx.runUrl ? `run-${ctx.runUrl}` : undefined;
    await tracker.comment(existing.number, body, { ...abort, ...(key ? { key } : {}) });
    return { ...outcome, number: existing.number, url: existing.url, action: "commented" };
  }
  const { title, body } = renderIssue(leak, issueCtx);
  const created = await tracker.create(inspector.inspect(title, "title.txt"), inspector.inspect(body, "issue.md"), {
    labels: options.labels ?? ["leakstop"],
    ...(login ? { assignees: [login] } : {}),
    ...abort,
  });
  return { ...outcome, number: created.number, url: created.url, action: "created" };
}
