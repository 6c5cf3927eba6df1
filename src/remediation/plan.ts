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
import type { HolderEncoding, LeakedCredential, ManualRevocation, ProviderPlan } from "./provider.js";
import { manualRevocationFor } from "./revocation.js";

/** Tag a secret with this (value `none`) when the vault is the credential's only home. */
export const PROVIDER_TAG = "leakstop-provider";
/** Azure's rotation tag: how many days a new credential is valid. Honoured and carried. */
export const VALIDITY_TAG = "ValidityPeriodDays";

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
  /** Credentials located at their provider (from `locateCredentials`). */
  readonly providers?: readonly LocatedCredential[];
  /** Why a rotator that applied could not locate a credential, by fingerprint. */
  readonly locateProblems?: Readonly<Record<string, string>>;
}

/** A leaked credential found at its provider, with the rotator's plan. */
export interface LocatedCredential {
  /** Fingerprints of the findings that leaked it. */
  readonly fingerprints: readonly string[];
  readonly rotator: { readonly kind: string; readonly name: string };
  readonly plan: ProviderPlan;
  /** Sensitive (values); never rendered. */
  readonly credential: LeakedCredential;
  /** Raw values by holder (`vaultUrl` + NUL + `name`), read while locating. Sensitive. */
  readonly values: ReadonlyMap<string, HolderValues>;
}

/** What locating read of one holder. Sensitive. */
export interface HolderValues {
  /** The newest enabled leaked version's whole value, and how it holds the credential. */
  readonly source?: { readonly version: string; readonly value: string; readonly encoding: HolderEncoding };
  /** The value of the version an earlier run wrote for this incident. */
  readonly stored?: { readonly version: string; readonly value: string };
}

/** Key of a holder in {@link LocatedCredential.values}. */
export const holderKey = (vaultUrl: string, name: string) => `${vaultUrl}\u0000${name}`;

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
  /** Where a person revokes it, when no rotator can act (the vault is left alone). */
  readonly revocation?: ManualRevocation;
}

/** No secret to rotate: a person must do it. */
export interface ManualStep {
  readonly kind: "manual";
  readonly incidents: readonly string[];
  readonly ruleIds?: readonly string[];
  readonly why: string;
  readonly revocation?: ManualRevocation;
}

/**
 * Rotate one credential at its provider, then write the new value to every holder (each in its
 * own encoding), retire the leaked credential, disable the leaked versions, and prove the leaked
 * value dead. Mode `revoke`: revoke and prove; the vault is left for a person's replacement.
 */
export interface ProviderRotationStep {
  readonly kind: "provider";
  /** The holders' vaults, or "" when no vault holds it (for display). */
  readonly vaultUrl: string;
  /** The holders' names, or the provider resource (for display). */
  readonly name: string;
  readonly incidents: readonly string[];
  readonly ruleIds: readonly string[];
  readonly why: string;
  /** The rotator's kind and name. */
  readonly rotator: string;
  readonly provider: string;
  readonly plan: ProviderPlan;
  readonly holders: readonly HolderWrite[];
  /** Sensitive (values); never rendered. */
  readonly credential: LeakedCredential;
}

/** One vault secret that gets the provider's new value. */
export interface HolderWrite {
  readonly vaultUrl: string;
  readonly name: string;
  /** The version whose content type and tags the new one inherits. */
  readonly basis: SecretVersionInfo;
  readonly tags: Readonly<Record<string, string>>;
  readonly expiresOn?: Date;
  readonly disable: readonly VersionChange[];
  /** Sensitive: what locating read (the leaked version's value, an earlier run's stored value). */
  readonly values: HolderValues;
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

export type PlanStep = RotateStep | DisableStep | SkipStep | ManualStep | BlockedStep | ProviderRotationStep;

export interface Plan {
  readonly steps: readonly PlanStep[];
}

/** Plan the response to `report` (from `matchFindings` over `findings`). Pure. */
export function plan(report: MatchReport, findings: readonly Finding[], options: PlanOptions): Plan {
  const located = new Map<string, LocatedCredential>();
  for (const l of options.providers ?? []) for (const fp of l.fingerprints) located.set(fp, l);
  const holders = new Map<LocatedCredential, HolderWrite[]>();
  const steps: PlanStep[] = [];
  for (const m of report.matches) {
    // Safe by default: only a secret whose vault is its only home gets a made-up value.
    if (isVaultOnly(m)) {
      steps.push(planSecret(m, findings, options));
      continue;
    }
    const loc = m.incidents.map((i) => located.get(i)).find((l) => l !== undefined);
    const holder = loc ? holderOf(m, loc, findings, options) : undefined;
    if (loc && holder) holders.set(loc, [...(holders.get(loc) ?? []), holder]);
    else steps.push(leaveAlone(m, options));
  }
  for (const loc of new Set(located.values())) {
    const mine = holders.get(loc) ?? [];
    // A key regenerated with nowhere to store it breaks every app and helps no one: a person decides.
    if (loc.plan.mode === "rotate" && mine.length === 0) continue;
    steps.push(providerStep(loc, mine));
  }
  const covered = (fp: string) =>
    steps.some((s) => s.kind === "provider" && s.incidents.includes(fp)) ||
    report.matches.some((m) => m.incidents.includes(fp));
  const blocked = new Set<string>();
  for (const e of report.errors) {
    const incidents = report.unmatched.map((u) => u.fingerprint).filter((fp) => !covered(fp));
    for (const i of incidents) blocked.add(i);
    steps.push({ kind: "blocked", vaultUrl: e.vaultUrl, incidents, why: e.message });
  }
  for (const u of report.unmatched) {
    if (blocked.has(u.fingerprint) || covered(u.fingerprint)) continue;
    const ruleIds = findings.filter((f) => f.fingerprint === u.fingerprint).map((f) => f.ruleId);
    const problem = options.locateProblems?.[u.fingerprint];
    steps.push({
      kind: "manual",
      incidents: [u.fingerprint],
      ruleIds,
      why: problem ? `${u.reason} ${problem}` : u.reason,
      revocation: manualRevocationFor(ruleIds),
    });
  }
  return { steps };
}

/** The secret says the vault is its only home (`leakstop-provider: none` on its current version). */
export function isVaultOnly(m: SecretMatch): boolean {
  const current = m.versions.find((v) => v.enabled) ?? m.versions[0];
  return current?.tags[PROVIDER_TAG]?.trim().toLowerCase() === "none";
}

/** No rotator can act: the vault is left alone (disabling revokes nothing and breaks the app). */
function leaveAlone(m: SecretMatch, options: PlanOptions): SkipStep {
  const revocation = manualRevocationFor(m.ruleIds);
  const problem = m.incidents.map((i) => options.locateProblems?.[i]).find(Boolean);
  const why = `${revocation.provider} checks this credential and leakstop cannot rotate it there${problem ? ` (${problem})` : ""}; the vault is left alone until it is revoked at ${revocation.url}`;
  return {
    vaultUrl: m.vaultUrl,
    name: m.name,
    incidents: m.incidents,
    ruleIds: m.ruleIds,
    kind: "skip",
    done: false,
    why,
    revocation,
  };
}

function holderOf(
  m: SecretMatch,
  loc: LocatedCredential,
  findings: readonly Finding[],
  options: PlanOptions,
): HolderWrite | undefined {
  const values = loc.values.get(holderKey(m.vaultUrl, m.name));
  const current = m.versions.find((v) => v.enabled) ?? m.versions[0];
  if (!current || current.managed || !values || (!values.source && !values.stored)) return undefined;
  const leaked = new Set(m.leakedVersions);
  const tags = incidentTags(m, findings, options.incident);
  const disable = m.versions
    .filter((v) => v.enabled && leaked.has(v.version))
    .map((v) => ({ version: v.version, tags: disabledTags(v, tags, m.leakedDigests[v.version]) }));
  const days = options.validityDays ?? validityDaysOf(current.tags);
  const expiresOn = nextExpiry(current, options.now, days);
  return {
    vaultUrl: m.vaultUrl,
    name: m.name,
    basis: current,
    tags: newVersionTags(current.tags, tags, disable),
    ...(expiresOn ? { expiresOn } : {}),
    disable,
    values,
  };
}

/** Azure's `ValidityPeriodDays` tag, when it is a whole number of days. */
function validityDaysOf(tags: Readonly<Record<string, string>>): number | undefined {
  const raw = tags[VALIDITY_TAG]?.trim();
  return raw && /^[1-9][0-9]{0,4}$/.test(raw) ? Number(raw) : undefined;
}

function providerStep(loc: LocatedCredential, holders: readonly HolderWrite[]): ProviderRotationStep {
  const where = loc.plan.location;
  const incidents = [...new Set([...loc.fingerprints])].sort();
  const verb = loc.plan.mode === "rotate" ? "rotate" : "revoke";
  return {
    kind: "provider",
    vaultUrl: [...new Set(holders.map((h) => h.vaultUrl))].join(", "),
    name: holders.length ? holders.map((h) => h.name).join(", ") : where.resource,
    incidents,
    ruleIds: loc.credential.ruleIds,
    why: `value leaked; ${verb} it at its provider (${loc.rotator.name}, located by ${where.source === "tags" ? "Azure rotation tags" : where.source === "value" ? "the leaked value" : "the config"})`,
    rotator: loc.rotator.kind,
    provider: loc.rotator.name,
    plan: loc.plan,
    holders,
    credential: loc.credential,
  };
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
        if (s.revocation) lines.push(`           by hand at ${s.revocation.provider}: ${s.revocation.how}`);
        break;
      case "manual":
        lines.push(`  manual   no match, rotate by hand: ${s.why}${incidents}`);
        if (s.revocation) {
          lines.push(`           by hand at ${s.revocation.provider} (${s.revocation.url}): ${s.revocation.how}`);
        }
        break;
      case "provider":
        lines.push(...renderProviderStep(s, incidents));
        break;
      case "blocked":
        lines.push(`  blocked  ${s.vaultUrl}: ${s.why}${incidents}`);
        break;
    }
  }
  return `${lines.join("\n")}\n`;
}

function renderProviderStep(s: ProviderRotationStep, incidents: string): string[] {
  const loc = s.plan.location;
  const id = loc.credentialId ? ` credential '${loc.credentialId}'` : "";
  const lines = [`  ${s.plan.mode.padEnd(8)} ${s.provider} ${loc.resource}${id}: ${s.why}${incidents}`];
  let n = 1;
  const step = (text: string, permission: string) => lines.push(`    ${n++}. ${text} [needs: ${permission}]`);
  for (const p of s.plan.steps) step(p.description, p.permission);
  if (s.plan.mode === "rotate") {
    for (const h of s.holders) {
      const expiry = h.expiresOn ? `, expiring ${h.expiresOn.toISOString()}` : "";
      const disable = h.disable.length ? `, then disable version(s) ${h.disable.map((d) => d.version).join(", ")}` : "";
      step(
        `write the new value to ${h.vaultUrl} secret '${h.name}'${expiry}${disable}`,
        "Key Vault Secrets Officer on the vault",
      );
    }
  } else if (s.holders.length) {
    lines.push(`    the vault is left alone: a person creates the replacement and stores it in ${s.name}`);
  }
  lines.push(`    then prove: a read-only probe must refuse the leaked value`);
  return lines;
}
