/**
 * Which vault secret holds the leaked value? Candidates are the enabled secrets of each
 * configured vault (filtered by name pattern and tags); their current and recent versions are
 * read once per run, with bounded concurrency, and reduced at once to SHA-256 digests (of the
 * whole value and of its connection-string components) that are compared in constant time.
 * Values live only inside one candidate's check and are never logged. Explicit mappings cover
 * leaks that cannot be matched by value; incident tags recognise a leak already handled.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import picomatch from "picomatch";
import type { Config } from "../core/config/config.js";
import type { Finding } from "../core/types.js";
import { secretComponents, shapeOf, type ValueShape } from "./generate.js";
import {
  type OperationOptions,
  type RemediationPorts,
  type SecretStore,
  SecretStoreError,
  type SecretVersionInfo,
} from "./ports.js";

/** The tag that names the incidents (finding fingerprints, comma-separated) a version belongs to. */
export const INCIDENT_TAG = "leakstop-incident";
/** The tag on a new version that lists the versions it replaces (so a crashed run can finish). */
export const REPLACES_TAG = "leakstop-replaces";
/**
 * The tag on a disabled version: SHA-256 (hex) of the leaked value it held, so the same value
 * leaked again elsewhere (another file: another fingerprint) is recognised once the version can
 * no longer be read. It is the digest of a value that is already public and already disabled.
 */
export const DIGEST_TAG = "leakstop-leaked-sha256";

/** How a secret was tied to a leak. */
export type MatchKind =
  | "exact"
  | "component"
  | "contains-component"
  | "mapping"
  | "incident-tag"
  | "leaked-before"
  | "requested";

/** A vault secret tied to one or more leaks. */
export interface SecretMatch {
  readonly vaultUrl: string;
  readonly name: string;
  readonly kinds: readonly MatchKind[];
  /** Fingerprints of the findings tied to this secret. */
  readonly incidents: readonly string[];
  readonly ruleIds: readonly string[];
  /** Versions whose value is (or holds, or is part of) a leaked value. */
  readonly leakedVersions: readonly string[];
  /** SHA-256 (hex) of the leaked value, by leaked version, for {@link DIGEST_TAG}. */
  readonly leakedDigests: Readonly<Record<string, string>>;
  /** Every version, newest first (properties only). */
  readonly versions: readonly SecretVersionInfo[];
  /** Shape of the newest readable version, for generating its successor. */
  readonly shape: ValueShape;
}

/** A finding no secret could be tied to, and why. */
export interface Unmatched {
  readonly fingerprint: string;
  readonly reason: string;
}

/** A vault that could not be searched; its leaks are not "unmatched" but blocked. */
export interface VaultError {
  readonly vaultUrl: string;
  readonly message: string;
}

export interface MatchReport {
  readonly matches: readonly SecretMatch[];
  readonly unmatched: readonly Unmatched[];
  readonly errors: readonly VaultError[];
  /** Secret versions read (each at most once per run). */
  readonly reads: number;
}

/** Options for {@link matchFindings}. */
export interface MatchOptions extends OperationOptions {
  readonly config: Pick<Config, "vaults" | "mappings">;
  /** Candidates checked at once per vault. Default 8 (Key Vault throttles per vault). */
  readonly concurrency?: number;
  /** Enabled versions read per candidate, newest first. Default 3. */
  readonly maxVersionsPerSecret?: number;
}

type Digest = Buffer;
const digest = (value: string): Digest => createHash("sha256").update(value, "utf8").digest();
const same = (a: Digest, b: Digest) => timingSafeEqual(a, b);

interface Leak {
  readonly finding: Finding;
  readonly whole: Digest;
  readonly components: readonly Digest[];
}

function leakOf(finding: Finding): Leak {
  const comps = secretComponents(finding.secret).map((s) => digest(finding.secret.slice(s.start, s.end)));
  return { finding, whole: digest(finding.secret), components: comps };
}

/** Tie findings to vault secrets. Findings are deduplicated by fingerprint. */
export async function matchFindings(
  findings: readonly Finding[],
  ports: Pick<RemediationPorts, "secretStore">,
  options: MatchOptions,
): Promise<MatchReport> {
  const byFp = new Map<string, Leak>();
  for (const f of findings) if (!byFp.has(f.fingerprint)) byFp.set(f.fingerprint, leakOf(f));
  const leaks = [...byFp.values()];
  const found = new Map<string, MutableMatch>();
  const errors: VaultError[] = [];
  let reads = 0;
  const perSecret = { max: options.maxVersionsPerSecret ?? 3, onRead: () => reads++ };

  const vaults = dedupeVaults(options.config.vaults);
  for (const vault of vaults) {
    const store = ports.secretStore(vault.url);
    let names: string[];
    try {
      names = await candidates(store, vault, options);
    } catch (e) {
      options.abortSignal?.throwIfAborted();
      errors.push({ vaultUrl: vault.url, message: (e as Error).message });
      continue;
    }
    // One unreadable secret (RBAC can be scoped per secret) must not hide the others.
    const failures: string[] = [];
    await forEachLimit(names, options.concurrency ?? 8, async (name) => {
      try {
        const m = await checkSecret(store, name, leaks, perSecret, options);
        if (m) merge(found, m);
      } catch (e) {
        if (options.abortSignal?.aborted) throw e;
        failures.push((e as Error).message);
      }
    });
    if (failures.length > 0) {
      errors.push({
        vaultUrl: vault.url,
        message: `${failures.length} of ${names.length} candidate secret(s) could not be read; first: ${failures[0]}`,
      });
    }
  }

  const unmatched: Unmatched[] = [];
  for (const leak of leaks) {
    const fp = leak.finding.fingerprint;
    if ([...found.values()].some((m) => m.incidents.has(fp))) continue;
    const mapping = options.config.mappings.find((m) => mappingApplies(m, leak.finding));
    if (!mapping) {
      unmatched.push({
        fingerprint: fp,
        reason: vaults.length
          ? `No secret in the ${vaults.length} configured vault(s) holds this value, and no mapping applies.`
          : "No vault is configured (`vault-url`, or `vaults` in the config), and no mapping applies.",
      });
      continue;
    }
    const vaultUrl = mapping.vault ?? (vaults.length === 1 ? vaults[0]?.url : undefined);
    if (!vaultUrl) {
      unmatched.push({
        fingerprint: fp,
        reason: `The mapping to secret '${mapping.secret}' names no vault and ${vaults.length} vaults are configured; add 'vault:' to it.`,
      });
      continue;
    }
    try {
      const store = ports.secretStore(vaultUrl);
      const m = await checkSecret(store, mapping.secret, [leak], perSecret, options, true);
      if (m) merge(found, m);
    } catch (e) {
      errors.push({ vaultUrl, message: (e as Error).message });
      unmatched.push({ fingerprint: fp, reason: `The mapped secret could not be read: ${(e as Error).message}` });
    }
  }
  const matches = [...found.values()].map(freeze).sort((a, b) => key(a).localeCompare(key(b)));
  return { matches, unmatched, errors, reads };
}

interface MutableMatch {
  vaultUrl: string;
  name: string;
  kinds: Set<MatchKind>;
  incidents: Set<string>;
  ruleIds: Set<string>;
  leakedVersions: Set<string>;
  leakedDigests: Map<string, string>;
  versions: SecretVersionInfo[];
  shape: ValueShape;
}

const key = (m: { vaultUrl: string; name: string }) => `${m.vaultUrl}\u0000${m.name}`;

function merge(found: Map<string, MutableMatch>, m: MutableMatch): void {
  const existing = found.get(key(m));
  if (!existing) {
    found.set(key(m), m);
    return;
  }
  for (const k of m.kinds) existing.kinds.add(k);
  for (const i of m.incidents) existing.incidents.add(i);
  for (const r of m.ruleIds) existing.ruleIds.add(r);
  for (const v of m.leakedVersions) existing.leakedVersions.add(v);
  for (const [v, d] of m.leakedDigests) existing.leakedDigests.set(v, d);
}

function freeze(m: MutableMatch): SecretMatch {
  return {
    vaultUrl: m.vaultUrl,
    name: m.name,
    kinds: [...m.kinds].sort(),
    incidents: [...m.incidents].sort(),
    ruleIds: [...m.ruleIds].sort(),
    leakedVersions: m.versions.filter((v) => m.leakedVersions.has(v.version)).map((v) => v.version),
    leakedDigests: Object.fromEntries(m.leakedDigests),
    versions: m.versions,
    shape: m.shape,
  };
}

function dedupeVaults(vaults: Config["vaults"]): Config["vaults"] {
  const seen = new Set<string>();
  return vaults.filter((v) => {
    const k = normalizeVaultUrl(v.url);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `https://x.vault.azure.net/` and `https://X.vault.azure.net` are the same vault. */
export function normalizeVaultUrl(url: string): string {
  return url.trim().replace(/\/+$/, "").toLowerCase();
}

async function candidates(store: SecretStore, vault: Config["vaults"][number], options: OperationOptions) {
  const pattern = vault.namePattern ? new RegExp(vault.namePattern) : undefined;
  const names: string[] = [];
  for await (const s of store.listSecrets(options)) {
    if (!s.enabled || s.managed) continue;
    if (pattern && !pattern.test(s.name)) continue;
    if (vault.tags && !Object.entries(vault.tags).every(([k, v]) => s.tags[k] === v)) continue;
    names.push(s.name);
  }
  return names;
}

/** Incidents named by a version's tag. */
export function incidentsOf(version: SecretVersionInfo): string[] {
  return (version.tags[INCIDENT_TAG] ?? "").split(",").filter(Boolean);
}

async function checkSecret(
  store: SecretStore,
  name: string,
  leaks: readonly Leak[],
  perSecret: { max: number; onRead: () => void },
  options: OperationOptions,
  mapped = false,
): Promise<MutableMatch | undefined> {
  const versions: SecretVersionInfo[] = [];
  for await (const v of store.listVersions(name, options)) versions.push(v);
  versions.sort((a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0));
  const m: MutableMatch = {
    vaultUrl: store.vaultUrl,
    name,
    kinds: new Set(),
    incidents: new Set(),
    ruleIds: new Set(),
    leakedVersions: new Set(),
    leakedDigests: new Map(),
    versions,
    shape: { kind: "unsupported", why: "no readable version" },
  };
  const tie = (leak: Leak, kind: MatchKind, version?: string) => {
    m.kinds.add(kind);
    m.incidents.add(leak.finding.fingerprint);
    m.ruleIds.add(leak.finding.ruleId);
    if (version) {
      m.leakedVersions.add(version);
      m.leakedDigests.set(version, leak.whole.toString("hex"));
    }
  };
  for (const v of versions) {
    const tagged = new Set(incidentsOf(v));
    const before = /^[0-9a-f]{64}$/.test(v.tags[DIGEST_TAG] ?? "")
      ? Buffer.from(v.tags[DIGEST_TAG] as string, "hex")
      : undefined;
    for (const leak of leaks) {
      if (tagged.has(leak.finding.fingerprint)) tie(leak, "incident-tag");
      else if (before && same(before, leak.whole)) tie(leak, "leaked-before");
    }
  }
  const readable = versions.filter((v) => v.enabled).slice(0, perSecret.max);
  for (const [i, v] of readable.entries()) {
    perSecret.onRead();
    // The value stays inside this block: digested, shaped (newest only), then dropped.
    const { value } = await store.getSecret(name, { version: v.version, abortSignal: options.abortSignal });
    if (i === 0) m.shape = shapeOf(value);
    const whole = digest(value);
    const parts = secretComponents(value).map((s) => digest(value.slice(s.start, s.end)));
    for (const leak of leaks) {
      if (same(whole, leak.whole)) tie(leak, "exact", v.version);
      else if (parts.some((p) => same(p, leak.whole))) tie(leak, "component", v.version);
      else if (leak.components.some((c) => same(c, whole))) tie(leak, "contains-component", v.version);
    }
  }
  if (mapped) {
    for (const leak of leaks) {
      tie(leak, "mapping");
      // A derived credential leaked (say, a SAS signed with this key): the version that was
      // current before any rotation for this incident is the compromised one.
      const fp = leak.finding.fingerprint;
      const rotatedAt = versions.findIndex((v) => incidentsOf(v).includes(fp) && !m.leakedVersions.has(v.version));
      const compromised = rotatedAt >= 0 ? versions[rotatedAt + 1] : versions[0];
      if (compromised?.enabled && !incidentsOf(compromised).includes(fp)) m.leakedVersions.add(compromised.version);
    }
  }
  return m.incidents.size > 0 ? m : undefined;
}

function mappingApplies(mapping: Config["mappings"][number], finding: Finding): boolean {
  if (mapping.rule === undefined && mapping.path === undefined) return false;
  if (mapping.rule !== undefined && mapping.rule !== finding.ruleId) return false;
  if (mapping.path !== undefined && !picomatch.isMatch(finding.path, mapping.path, { dot: true })) return false;
  return true;
}

async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/**
 * On-demand rotation: the named secret, its current version treated as the one to replace
 * (unless it already carries `incident`, i.e. this request ran before). `onValue` receives the
 * current value once, to be masked; only its shape is kept.
 */
export async function matchRequested(
  store: SecretStore,
  name: string,
  incident: string,
  onValue: (value: string) => void,
  options: OperationOptions = {},
): Promise<SecretMatch> {
  const versions: SecretVersionInfo[] = [];
  for await (const v of store.listVersions(name, options)) versions.push(v);
  versions.sort((a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0));
  const current = versions.find((v) => v.enabled);
  if (!current) throw new SecretStoreError(`Secret '${name}' in ${store.vaultUrl} has no enabled version.`, "other");
  const { value } = await store.getSecret(name, { version: current.version, ...options });
  onValue(value);
  const done = incidentsOf(current).includes(incident);
  return {
    vaultUrl: store.vaultUrl,
    name,
    kinds: ["requested"],
    incidents: [incident],
    ruleIds: [],
    leakedVersions: done ? [] : [current.version],
    leakedDigests: {},
    versions,
    shape: shapeOf(value),
  };
}

/** `https://vault/secrets/NAME[/VERSION]`, or a plain name looked up in the vaults. */
export async function resolveSecretName(
  raw: string,
  vaultUrls: readonly string[],
  ports: Pick<RemediationPorts, "secretStore">,
  options: OperationOptions = {},
): Promise<{ vaultUrl: string; name: string }> {
  const name = raw.trim();
  const url = /^(https:\/\/[^/]+)\/secrets\/([^/?#]+)/i.exec(name);
  if (url) return { vaultUrl: url[1] as string, name: decodeURIComponent(url[2] as string) };
  if (!/^[0-9A-Za-z-]{1,127}$/.test(name)) {
    throw new TypeError(`'${name}' is not a Key Vault secret name (1-127 letters, digits and dashes).`);
  }
  if (vaultUrls.length === 0) throw new TypeError(`No vault to look up secret '${name}' in; set the vault URL.`);
  if (vaultUrls.length === 1) return { vaultUrl: vaultUrls[0] as string, name };
  const found: string[] = [];
  for (const vaultUrl of vaultUrls) {
    try {
      for await (const _ of ports.secretStore(vaultUrl).listVersions(name, options)) break;
      found.push(vaultUrl);
    } catch (e) {
      if (!(e instanceof SecretStoreError && e.kind === "not-found")) throw e;
    }
  }
  if (found.length === 1) return { vaultUrl: found[0] as string, name };
  if (found.length === 0) {
    throw new SecretStoreError(`No vault of ${vaultUrls.join(", ")} has a secret '${name}'.`, "not-found");
  }
  throw new TypeError(
    `Secret '${name}' exists in several vaults (${found.join(", ")}); name it as ${found[0]}/secrets/${name}.`,
  );
}
