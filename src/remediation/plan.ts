/**
 * The plan: what the responder will do, decided before anything changes (pure). A rotation
 * writes a new version tagged with the incident and the versions it replaces, then disables
 * the leaked versions. Because the new version carries the incident, a re-run or a redelivered
 * event converges: it finds the tag and only finishes what is left (disabling), or skips.
 */
import type { Finding } from "../core/types.js";
import { describeShape, type ValueShape } from "./generate.js";
import { DIGEST_TAG, INCIDENT_TAG, incidentsOf, type MatchReport, REPLACES_TAG, type SecretMatch } from "./match.js";
import type { SecretVersionInfo } from "./ports.js";

/** Key Vault allows at most 15 tags per version, each value at most 256 characters. */
export const MAX_TAGS = 15;
export const MAX_TAG_VALUE = 256;

/** Where and why the incident happened; recorded in tags, never a value. */
export interface IncidentInfo {
  /** `owner/repo`. */
  readonly repository?: string;
  /** Run URL (Actions) or delivery id (webhook). */
  readonly run?: string;
  /** Free text recorded with the rotation (on-demand rotation's `reason`). */
  readonly reason?: string;
}

/** Options for {@link plan}. */
export interface PlanOptions {
  /** The time the plan is made, for expiries. */
  readonly now: Date;
  /** `rotation.validityDays` from the config. */
  readonly validityDays?: number;
  readonly incident: IncidentInfo;
}

interface SecretStep {
  readonly vaultUrl: string;
  readonly name: string;
  readonly incidents: readonly string[];
  readonly ruleIds: readonly string[];
  readonly why: string;
}

/** Write a new version, then disable the leaked ones. */
export interface RotateStep extends SecretStep {
  readonly kind: "rotate";
  /** The version whose content type and tags the new one inherits. */
  readonly basis: SecretVersionInfo;
  readonly shape: ValueShape;
  readonly tags: Readonly<Record<string, string>>;
  readonly expiresOn?: Date;
  readonly disable: readonly VersionChange[];
}

/** Finish an earlier rotation (or someone else's): only disable the leaked versions. */
export interface DisableStep extends SecretStep {
  readonly kind: "disable";
  /** The version that now holds the secret. */
  readonly current: string;
  readonly disable: readonly VersionChange[];
}

export interface SkipStep extends SecretStep {
  readonly kind: "skip";
  /** True when the vault side is already done (an earlier rotation); false when a person must act. */
  readonly done: boolean;
}

/** No secret to rotate: a person must do it. */
export interface ManualStep {
  readonly kind: "manual";
  readonly incidents: readonly string[];
  readonly why: string;
}

/** The vault could not be searched (sign-in, permission, network): reported as failed. */
export interface BlockedStep {
  readonly kind: "blocked";
  readonly vaultUrl: string;
  readonly incidents: readonly string[];
  readonly why: string;
}

/** A version to disable and the tags it will carry. */
export interface VersionChange {
  readonly version: string;
  readonly tags: Readonly<Record<string, string>>;
}

export type PlanStep = RotateStep | DisableStep | SkipStep | ManualStep | BlockedStep;

export interface Plan {
  readonly steps: readonly PlanStep[];
}

/** Plan the response to `report` (from `matchFindings` over `findings`). Pure. */
export function plan(report: MatchReport, findings: readonly Finding[], options: PlanOptions): Plan {
  const steps: PlanStep[] = report.matches.map((m) => planSecret(m, findings, options));
  const blocked = new Set<string>();
  for (const e of report.errors) {
    const incidents = report.unmatched.map((u) => u.fingerprint);
    for (const i of incidents) blocked.add(i);
    steps.push({ kind: "blocked", vaultUrl: e.vaultUrl, incidents, why: e.message });
  }
  for (const u of report.unmatched) {
    if (!blocked.has(u.fingerprint)) steps.push({ kind: "manual", incidents: [u.fingerprint], why: u.reason });
  }
  return { steps };
}

function planSecret(m: SecretMatch, findings: readonly Finding[], options: PlanOptions): PlanStep {
  const base = { vaultUrl: m.vaultUrl, name: m.name, incidents: m.incidents, ruleIds: m.ruleIds };
  const mine = new Set(m.incidents);
  const current = m.versions.find((v) => v.enabled) ?? m.versions[0];
  if (!current) return { ...base, kind: "skip", done: false, why: "the secret has no versions" };
  const leaked = new Set(m.leakedVersions);
  // The version an earlier run wrote for this incident (disabled leaked versions carry the tag too).
  const rotatedFor = m.versions.find(
    (v) => v.enabled && !leaked.has(v.version) && incidentsOf(v).some((i) => mine.has(i)),
  );
  const replaced = new Set((rotatedFor?.tags[REPLACES_TAG] ?? "").split(",").filter(Boolean));
  const stillEnabled = m.versions.filter((v) => v.enabled && (leaked.has(v.version) || replaced.has(v.version)));
  const tags = incidentTags(m, findings, options.incident);
  const changes = stillEnabled.map((v) => ({
    version: v.version,
    tags: disabledTags(v, tags, m.leakedDigests[v.version]),
  }));
  const fp = (rotatedFor && incidentsOf(rotatedFor).find((i) => mine.has(i))) ?? m.incidents[0] ?? "";

  if (rotatedFor && !leaked.has(current.version)) {
    if (changes.length === 0) return { ...base, kind: "skip", done: true, why: `already rotated for incident ${fp}` };
    return {
      ...base,
      kind: "disable",
      current: rotatedFor.version,
      disable: changes,
      why: `already rotated for incident ${fp} (version ${rotatedFor.version}); disabling the leaked version(s) still enabled`,
    };
  }
  if (!leaked.has(current.version)) {
    if (changes.length === 0) {
      const why = m.kinds.includes("leaked-before")
        ? "already rotated: the version holding this value was disabled for an earlier leak"
        : "no enabled version holds the leaked value";
      return { ...base, kind: "skip", done: true, why };
    }
    return {
      ...base,
      kind: "disable",
      current: current.version,
      disable: changes,
      why: "the current version does not hold the leaked value; disabling the leaked version(s)",
    };
  }
  if (current.managed)
    return { ...base, kind: "skip", done: false, why: "managed by a Key Vault certificate; renew the certificate" };
  if (m.shape.kind === "unsupported") {
    return { ...base, kind: "skip", done: false, why: `the value is ${m.shape.why}; rotate it by hand` };
  }
  const expiresOn = nextExpiry(current, options.now, options.validityDays);
  return {
    ...base,
    kind: "rotate",
    basis: current,
    shape: m.shape,
    tags: newVersionTags(current.tags, tags, changes),
    ...(expiresOn ? { expiresOn } : {}),
    disable: changes,
    why: m.kinds.includes("requested") ? "rotation requested" : `value leaked (${m.kinds.join(", ")} match)`,
  };
}

/** The tags that record an incident: fingerprints, repository, commit, run, reason. */
function incidentTags(m: SecretMatch, findings: readonly Finding[], info: IncidentInfo): Record<string, string> {
  const mine = findings.filter((f) => m.incidents.includes(f.fingerprint));
  const first = mine[0];
  const commit = mine.find((f) => f.commit)?.commit?.sha;
  const reason =
    info.reason ??
    (first ? `leaked: ${first.ruleId} in ${first.path}${mine.length > 1 ? ` (+${mine.length - 1} more)` : ""}` : "");
  const tags: Record<string, string> = { [INCIDENT_TAG]: joinFitting(m.incidents) };
  if (info.repository) tags["leakstop-repository"] = info.repository;
  if (commit) tags["leakstop-commit"] = commit;
  if (info.run) tags["leakstop-run"] = info.run;
  if (reason) tags["leakstop-reason"] = reason;
  return tags;
}

/** Comma-joined whole items that fit one tag value. */
function joinFitting(items: readonly string[]): string {
  let out = "";
  for (const item of items) {
    const next = out ? `${out},${item}` : item;
    if (next.length > MAX_TAG_VALUE) break;
    out = next;
  }
  return out;
}

/**
 * Tags leakstop writes per incident, which a new version must not inherit. `leakstop-provider`
 * is not one of them: people set it to say where the credential lives, and it stays with the secret.
 */
function isOurs(key: string): boolean {
  return key.startsWith("leakstop-") && key !== "leakstop-provider";
}

function newVersionTags(
  carried: Readonly<Record<string, string>>,
  incident: Record<string, string>,
  changes: readonly VersionChange[],
): Record<string, string> {
  const user = Object.fromEntries(Object.entries(carried).filter(([k]) => !isOurs(k)));
  const replaces = joinFitting(changes.map((c) => c.version));
  return fitTags({ ...user, ...incident, ...(replaces ? { [REPLACES_TAG]: replaces } : {}) });
}

function disabledTags(v: SecretVersionInfo, incident: Record<string, string>, digest?: string): Record<string, string> {
  const incidents = [...new Set([...incidentsOf(v), ...(incident[INCIDENT_TAG] ?? "").split(",")])].filter(Boolean);
  return fitTags({
    ...v.tags,
    ...incident,
    [INCIDENT_TAG]: joinFitting(incidents),
    ...(digest ? { [DIGEST_TAG]: digest } : {}),
  });
}

/**
 * Fit Key Vault's limits: values cut to 256 characters; past 15 tags, the ones that make
 * re-runs converge (incident, replaces, leaked digest) come first, then the user's tags, then our other
 * records (repository, commit, run, reason), so a user's tag is never dropped for ours.
 */
export function fitTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  const converging = new Set([INCIDENT_TAG, REPLACES_TAG, DIGEST_TAG]);
  const rank = (k: string) => (converging.has(k) ? 0 : isOurs(k) ? 2 : 1);
  const entries = Object.entries(tags)
    .map(([k, v]) => [k, v.length > MAX_TAG_VALUE ? `${v.slice(0, MAX_TAG_VALUE - 1)}…` : v] as const)
    .sort((a, b) => rank(a[0]) - rank(b[0]));
  return Object.fromEntries(entries.slice(0, MAX_TAGS));
}

/**
 * Expiry of a new version: `validityDays` when configured, else the old version's validity
 * length (expiry minus its start), so a credential that expired before keeps expiring.
 */
export function nextExpiry(old: SecretVersionInfo, now: Date, validityDays?: number): Date | undefined {
  const day = 86_400_000;
  if (validityDays !== undefined) return new Date(now.getTime() + validityDays * day);
  if (!old.expiresOn) return undefined;
  const start = old.notBefore ?? old.createdOn;
  const length = start ? old.expiresOn.getTime() - start.getTime() : 0;
  return new Date(now.getTime() + (length > 0 ? length : 90 * day));
}

/** The plan as text for the dry run and the log: what, where and why; never a value. */
export function renderPlan(p: Plan, options: { dryRun?: boolean } = {}): string {
  const head = options.dryRun ? "Plan (dry run: nothing was changed)" : "Plan";
  if (p.steps.length === 0) return `${head}: nothing to do.\n`;
  const lines = [`${head}:`];
  for (const s of p.steps) {
    const incidents = s.incidents.length ? ` [incident ${s.incidents.join(", ")}]` : "";
    switch (s.kind) {
      case "rotate": {
        const disable = s.disable.length
          ? `, then disable version(s) ${s.disable.map((d) => d.version).join(", ")}`
          : "";
        const expiry = s.expiresOn ? `, expiring ${s.expiresOn.toISOString()}` : "";
        lines.push(
          `  rotate   ${s.vaultUrl} secret '${s.name}': write a new version [${describeShape(s.shape)}${expiry}]${disable}; ${s.why}${incidents}`,
        );
        break;
      }
      case "disable":
        lines.push(
          `  disable  ${s.vaultUrl} secret '${s.name}': disable version(s) ${s.disable.map((d) => d.version).join(", ")}; ${s.why}${incidents}`,
        );
        break;
      case "skip":
        lines.push(`  skip     ${s.vaultUrl} secret '${s.name}': ${s.why}${incidents}`);
        break;
      case "manual":
        lines.push(`  manual   no match, rotate by hand: ${s.why}${incidents}`);
        break;
      case "blocked":
        lines.push(`  blocked  ${s.vaultUrl}: ${s.why}${incidents}`);
        break;
    }
  }
  return `${lines.join("\n")}\n`;
}
