/**
 * On-demand rotation of named secrets (`workflow_dispatch` with `secrets`, `leakstop rotate`),
 * provider first like a leak: the secret's value is scanned to learn which credential it holds,
 * a rotator locates it (Azure's rotation tags first, else the value), rotates it where it is
 * checked, the vault gets the value the provider now accepts, the old versions are disabled and
 * a probe proves the old value dead. A made-up value is written only for a secret tagged
 * `leakstop-provider: none`; any other secret that no rotator can act on is refused, saying what
 * to do (a random value would break every app that reads it while the old credential stays valid).
 */
import { createEngine, type Engine } from "../core/scan/engine.js";
import type { Finding } from "../core/types.js";
import { planRecords, resultRecords } from "./audit.js";
import { describeResult, execute, rotatedOf } from "./execute.js";
import { createInspector, type Inspector } from "./inspect.js";
import { locateCredentials } from "./locate.js";
import { incidentsOf, type MatchReport, matchRequested, resolveSecretName, type SecretMatch } from "./match.js";
import { isVaultOnly, type Plan, type PlanOptions, type PlanStep, PROVIDER_TAG, plan, renderPlan } from "./plan.js";
import type { OperationOptions, RemediationPorts } from "./ports.js";
import type { RespondResult } from "./respond.js";
import { manualRevocationFor } from "./revocation.js";
import { session } from "./session.js";

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
  /** Recognises the credential a secret holds (rules and the config's allowlists). Default: the built-in rules. */
  readonly engine?: Engine;
}

/** On-demand rotation of named secrets: no scan of code, no issue; plan, execute, audit. */
export async function rotateNamed(
  names: readonly string[],
  ports: RemediationPorts,
  options: RotateNamedOptions,
): Promise<Omit<RespondResult, "issues">> {
  const engine = options.engine ?? createEngine();
  const inspector = options.inspector ?? createInspector({ engine });
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
  const planOptions: PlanOptions = {
    now,
    ...(options.validityDays !== undefined ? { validityDays: options.validityDays } : {}),
    incident: {
      reason,
      ...(options.repository ? { repository: options.repository } : {}),
      ...(options.runUrl ? { run: options.runUrl } : {}),
    },
  };
  const steps: PlanStep[] = [];
  for (const raw of names) {
    try {
      const { vaultUrl, name } = await resolveSecretName(raw, options.vaultUrls, ports, abort);
      let current = "";
      const m = await matchRequested(
        ports.secretStore(vaultUrl),
        name,
        incident,
        (value) => {
          s.registerSensitive(value);
          current = value;
        },
        abort,
      );
      if (isVaultOnly(m)) steps.push(...plan(reportOf(m), [], planOptions).steps);
      else {
        const portsHere = { ...ports, registerSensitive: s.registerSensitive };
        steps.push(...(await providerSteps(m, current, incident, engine, portsHere, planOptions, abort)));
      }
    } catch (e) {
      options.abortSignal?.throwIfAborted();
      const vaultUrl = /^(https:\/\/[^/]+)\/secrets\//i.exec(raw.trim())?.[1] ?? options.vaultUrls.join(", ");
      steps.push({ kind: "blocked", vaultUrl, incidents: [incident], why: (e as Error).message });
    }
  }
  const p: Plan = { steps };
  const planText = inspector.inspect(renderPlan(p, { dryRun: options.dryRun === true }), "plan.txt");
  s.log(planText.trimEnd());
  const results = options.dryRun ? [] : await execute(p, { ...ports, registerSensitive: s.registerSensitive }, abort);
  const records = options.dryRun
    ? planRecords(p, now, s.auditCtx)
    : resultRecords(results, ports.clock.now(), s.auditCtx);
  for (const r of records) await s.record(r);
  for (const r of results) s.log(describeResult(r));
  const blocked = steps.filter((step) => step.kind === "blocked").length;
  return {
    plan: p,
    planText,
    results,
    rotated: rotatedOf(results),
    failures: results.filter((r) => r.kind === "failed").length + (options.dryRun ? blocked : 0),
    audit: s.audit,
    redactions: s.redactions(),
  };
}

const reportOf = (m: SecretMatch): MatchReport => ({ matches: [m], unmatched: [], errors: [], reads: 1 });

/**
 * A secret its provider checks: locate and rotate it there, or refuse. The version to replace is
 * the current one, or, when a run of this request already wrote the current version (a crash
 * before the old one was disabled), the enabled version before it, so the re-run finishes.
 */
async function providerSteps(
  m: SecretMatch,
  currentValue: string,
  incident: string,
  engine: Engine,
  ports: RemediationPorts,
  planOptions: PlanOptions,
  abort: OperationOptions,
): Promise<PlanStep[]> {
  const current = m.versions.find((v) => v.enabled);
  const mine = current && incidentsOf(current).includes(incident) ? current : undefined;
  const old = mine ? m.versions.find((v) => v.enabled && !incidentsOf(v).includes(incident)) : current;
  const base = { vaultUrl: m.vaultUrl, name: m.name, incidents: [incident], ruleIds: [] as string[] };
  if (mine && !old) {
    return [{ ...base, kind: "skip", done: true, why: `already rotated for this request (version ${mine.version})` }];
  }
  if (!old)
    return [
      { kind: "blocked", vaultUrl: m.vaultUrl, incidents: [incident], why: `'${m.name}' has no enabled version` },
    ];
  let value = currentValue;
  if (old !== current) {
    value = (await ports.secretStore(m.vaultUrl).getSecret(m.name, { version: old.version, ...abort })).value;
    ports.registerSensitive?.(value);
  }
  const findings = credentialFindings(engine, m.name, value, current?.tags ?? {}, incident);
  const refuse = (why: string): PlanStep[] => [{ kind: "blocked", vaultUrl: m.vaultUrl, incidents: [incident], why }];
  if (findings.length === 0) {
    return refuse(
      `leakstop cannot tell where '${m.name}' is checked (its value matches no rule and no rotation tag names its resource), so it writes no made-up value: one would break every app that reads the secret while the old credential stays valid. If the vault is its only home, tag the secret '${PROVIDER_TAG}: none' and run again; otherwise rotate it at its provider and store the new value.`,
    );
  }
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const report = reportOf({ ...m, ruleIds, leakedVersions: [old.version] });
  const located = await locateCredentials(findings, report, ports, abort);
  const steps = plan(report, findings, { ...planOptions, providers: located.providers }).steps;
  if (steps.some((step) => step.kind === "provider")) return [...steps];
  const revocation = manualRevocationFor(ruleIds);
  const problem = located.problems[incident];
  return refuse(
    `'${m.name}' holds a credential its provider checks (${findings[0]?.title}: ${ruleIds.join(", ")}) and no rotator here can rotate it there${problem ? ` (${problem})` : ""}, so leakstop writes no made-up value for it. Rotate it at ${revocation.url} and store the new value in the vault; if the vault really is its only home, tag the secret '${PROVIDER_TAG}: none' and run again.`,
  );
}

/**
 * What credential a secret's value is, as findings under the request's incident. A bare value
 * (a storage key without `AccountKey=`) is read in the context its rotation tags name first.
 */
function credentialFindings(
  engine: Engine,
  name: string,
  value: string,
  tags: Readonly<Record<string, string>>,
  incident: string,
): Finding[] {
  const account = /\/providers\/Microsoft\.Storage\/storageAccounts\/([^/\s]+)$/i.exec(
    tags.ProviderAddress?.trim() ?? "",
  )?.[1];
  // The tags' context first: a bare key otherwise matches only the generic legacy-key rule.
  const texts =
    account && !/AccountKey=/i.test(value) ? [`AccountName=${account};AccountKey=${value.trim()}`, value] : [value];
  for (const text of texts) {
    const found = engine.scan({ path: name, text, startLine: 1 });
    if (found.length > 0) return found.map((f) => ({ ...f, fingerprint: incident }));
  }
  return [];
}
