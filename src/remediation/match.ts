/**
 * Which vault secrets hold the leaked value? A vault is listed once per run (cached across
 * findings and calls); its secrets are ranked by what the listing shows for free (candidates.ts)
 * and read in that order: every candidate with a signal, then the rest only while a leak is
 * still unmatched, all within a request budget per vault. Every enabled version of a candidate
 * is read once per run and reduced at once to SHA-256 digests of each way it may hold a
 * credential (holders.ts: trailing newline, percent-encoding, base64, JSON fields, connection
 * string components). Values live only inside one version's check and are never logged.
 * A mapping only points the search at a secret: it acts when that secret holds the value.
 */
import picomatch from "picomatch";
import type { Config } from "../core/config/config.js";
import type { Finding } from "../core/types.js";
import { sha256Hex as hex, type LeakHint, rankCandidates } from "./candidates.js";
import type { ValueShape } from "./generate.js";
import { type CredentialLocation, credentialOf, leakForms } from "./holders.js";
import {
  type CredentialGroup,
  DIGEST_TAG,
  incidentsOf,
  type MatchKind,
  type MatchReport,
  type SecretMatch,
  type Unmatched,
  type VaultError,
} from "./match-types.js";
import type { OperationOptions, RemediationPorts, SecretStore, SecretVersionInfo } from "./ports.js";
import type { VaultIndex } from "./vault-index.js";
import {
  BudgetExhausted,
  latestViews,
  listOnce,
  MatchCache,
  normalizeVaultUrl,
  type ReadContext,
  type ViewDigest,
  versionsOf,
  viewsOf,
} from "./vault-reads.js";

export * from "./match-types.js";
export { matchRequested, resolveSecretName } from "./requested.js";
export { MatchCache, normalizeVaultUrl } from "./vault-reads.js";

/** Options for {@link matchFindings}. */
export interface MatchOptions extends OperationOptions {
  readonly config: Pick<Config, "vaults" | "mappings">;
  /** Candidates checked at once per vault. Default 8 (Key Vault throttles per vault). */
  readonly concurrency?: number;
  /** Enabled versions read per candidate, newest first. Default: all of them. */
  readonly maxVersionsPerSecret?: number;
  /**
   * Key Vault requests per vault per run, at most (listing pages count). Default 600: enough to
   * read the current value of every secret of a 500-secret vault once, and well below Key
   * Vault's throttle limit (4,000 secret transactions per vault per 10 s), shared with apps.
   */
  readonly maxRequestsPerVault?: number;
  /** Shared by the calls of one run, so a vault is listed and each version read once. */
  readonly cache?: MatchCache;
  /**
   * The service's vault index (vault-index.ts). A vault it has been filled for is not listed:
   * only the secrets whose keyed digests meet a form of a leaked value are read (a handful of
   * requests instead of the whole vault). A vault never indexed yet is searched as without it.
   */
  readonly index?: VaultIndex;
}

/** Default of {@link MatchOptions.maxRequestsPerVault}. */
export const DEFAULT_MAX_REQUESTS_PER_VAULT = 600;

interface Leak {
  readonly finding: Finding;
  /** SHA-256 (hex) of the finding's secret as found. */
  readonly whole: string;
  /** Digests of every form the leaked value may be stored as → the credential's digest. */
  readonly forms: ReadonlyMap<string, string>;
  /** Digests of the leaked value's secret components. */
  readonly components: ReadonlySet<string>;
}

function leakOf(finding: Finding): Leak {
  const { whole, components } = leakForms(finding.secret);
  return {
    finding,
    whole: hex(finding.secret),
    forms: new Map(whole.map((w) => [hex(w), hex(credentialOf(w))])),
    components: new Set(components.map(hex)),
  };
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
  const cache = options.cache ?? new MatchCache();
  const counter = { reads: 0, requests: 0 };
  const budget = options.maxRequestsPerVault ?? DEFAULT_MAX_REQUESTS_PER_VAULT;
  const ctx: CheckContext = { cache, counter, options, budget };
  const matchedNames = new Set<string>();
  const isMatched = (leak: Leak) => [...found.values()].some((m) => m.incidents.has(leak.finding.fingerprint));

  const vaults = dedupeVaults(options.config.vaults);
  for (const vault of leaks.length ? vaults : []) {
    const store = ports.secretStore(vault.url);
    const state = cache.state(vault.url);
    // Version lists change when a rotation writes or disables: only immutable facts (a version's
    // digests, the listing's names) outlive one call.
    state.versions.clear();
    state.latest.clear();
    const vctx = vault.maxRequests ? { ...ctx, budget: vault.maxRequests } : ctx;
    const budget = vctx.budget;
    if (options.index && (await options.index.refreshedAt(vault.url)) !== undefined) {
      try {
        await matchIndexed(store, vault, leaks, options.index, vctx, (m) => {
          merge(found, m);
          matchedNames.add(m.name.toLowerCase());
        });
      } catch (e) {
        options.abortSignal?.throwIfAborted();
        errors.push({ vaultUrl: vault.url, message: (e as Error).message });
      }
      continue;
    }
    let listing: SecretVersionInfo[];
    try {
      listing = await listOnce(store, state, vctx);
    } catch (e) {
      options.abortSignal?.throwIfAborted();
      errors.push({ vaultUrl: vault.url, message: (e as Error).message });
      continue;
    }
    const names = filterCandidates(listing, vault);
    const ranked = rankCandidates(names, leaks.map(hintOf), matchedNames);
    const here = new Set<string>();
    const pending = () => leaks.some((l) => !here.has(l.finding.fingerprint));
    // One unreadable secret (RBAC can be scoped per secret) must not hide the others.
    const failed = new Map<string, string>();
    const searched = new Set<string>();
    let outOfBudget = false;
    const attempt = async (name: string, check: () => Promise<MutableMatch | undefined>) => {
      if (failed.has(name) || searched.has(name)) return;
      if (state.requests >= budget) {
        outOfBudget = true;
        return;
      }
      try {
        const m = await check();
        if (m) {
          searched.add(name);
          for (const i of m.incidents) here.add(i);
          merge(found, m);
          matchedNames.add(name.toLowerCase());
        }
      } catch (e) {
        if (options.abortSignal?.aborted) throw e;
        if (e instanceof BudgetExhausted) outOfBudget = true;
        else failed.set(name, (e as Error).message);
      }
    };
    const full = (name: string) => async () => {
      const m = await checkSecret(store, name, leaks, vctx);
      searched.add(name);
      return m;
    };
    const limit = options.concurrency ?? 8;
    const signal = ranked.filter((r) => r.score > 0).map((r) => r.info.name);
    const rest = ranked.filter((r) => r.score === 0).map((r) => r.info.name);
    // 1. Every candidate with a signal, all of its enabled versions.
    await forEachLimit(signal, limit, (name) => attempt(name, full(name)));
    // 2. The rest only while a leak has no holder in this vault (the same key in two vaults is
    //    one credential: both holders get its new value), current value first: one request each,
    //    and a leaked value is nearly always the current one.
    await forEachLimit(rest, limit, async (name) => {
      if (!pending()) return;
      await attempt(name, async () => ((await latestHolds(store, name, leaks, vctx)) ? full(name)() : undefined));
    });
    // 3. Older enabled versions of the rest, while a leak is still without a holder.
    await forEachLimit(rest, limit, async (name) => {
      if (pending()) await attempt(name, full(name));
    });
    const failures = [...failed.values()];
    if (failures.length > 0) {
      errors.push({
        vaultUrl: vault.url,
        message: `${failures.length} of ${names.length} candidate secret(s) could not be read; first: ${failures[0]}`,
      });
    }
    if (outOfBudget && !leaks.every(isMatched)) {
      const left = names.length - searched.size - failed.size;
      errors.push({
        vaultUrl: vault.url,
        message: `Stopped searching after ${state.requests} Key Vault requests (the budget is ${budget} per vault and run): ${left} of ${names.length} candidate secret(s) were not fully searched. Narrow the search with 'vaults[].namePattern' or 'tags' in the config, add a mapping, or raise the budget.`,
      });
    }
  }

  const unmatched: Unmatched[] = [];
  for (const leak of leaks) {
    if (isMatched(leak)) continue;
    const fp = leak.finding.fingerprint;
    const mapping = options.config.mappings.find((m) => mappingApplies(m, leak.finding));
    if (!mapping) {
      unmatched.push({
        fingerprint: fp,
        code: vaults.length ? "no-holder" : "no-vault",
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
        code: "mapping-ambiguous",
        reason: `The mapping to secret '${mapping.secret}' names no vault and ${vaults.length} vaults are configured; add 'vault:' to it.`,
      });
      continue;
    }
    try {
      const store = ports.secretStore(vaultUrl);
      // A mapping comes from a config a push may have changed: it may only point at a secret
      // that holds the leaked value (or one already rotated for it), never choose one to rotate.
      const m = await checkSecret(store, mapping.secret, [leak], { ...ctx, budget: Number.POSITIVE_INFINITY });
      if (m) {
        m.kinds.add("mapping");
        merge(found, m);
      } else {
        unmatched.push({
          fingerprint: fp,
          code: "mapping-mismatch",
          reason: `The mapping names secret '${mapping.secret}' in ${vaultUrl}, but the mapping does not hold the leaked value: no enabled version of it holds this value in any encoding. Nothing was rotated.`,
        });
      }
    } catch (e) {
      errors.push({ vaultUrl, message: (e as Error).message });
      unmatched.push({
        fingerprint: fp,
        code: "mapping-unreadable",
        reason: `The mapped secret could not be read: ${(e as Error).message}`,
      });
    }
  }
  const matches = [...found.values()].map(freeze).sort((a, b) => key(a).localeCompare(key(b)));
  return { matches, unmatched, errors, reads: counter.reads, requests: counter.requests, groups: groupsOf(matches) };
}

function hintOf(leak: Leak): LeakHint {
  return {
    fingerprint: leak.finding.fingerprint,
    ruleId: leak.finding.ruleId,
    digests: [leak.whole, ...leak.forms.keys()],
    text: leak.finding.secret,
  };
}

interface CheckContext extends ReadContext {
  readonly options: MatchOptions;
}

function filterCandidates(listing: readonly SecretVersionInfo[], vault: Config["vaults"][number]) {
  const pattern = vault.namePattern ? new RegExp(vault.namePattern) : undefined;
  return listing.filter(
    (s) =>
      s.enabled &&
      !s.managed &&
      (!pattern || pattern.test(s.name)) &&
      (!vault.tags || Object.entries(vault.tags).every(([k, v]) => s.tags[k] === v)),
  );
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
  holders: Map<string, { version: string; location: CredentialLocation; credential: string; incidents: Set<string> }>;
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
  for (const [k, h] of m.holders) {
    const e = existing.holders.get(k);
    if (e) for (const i of h.incidents) e.incidents.add(i);
    else existing.holders.set(k, h);
  }
}

function freeze(m: MutableMatch): SecretMatch {
  const order = new Map(m.versions.map((v, i) => [v.version, i]));
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
    holders: [...m.holders.values()]
      .sort((a, b) => (order.get(a.version) ?? 0) - (order.get(b.version) ?? 0))
      .map((h) => ({ ...h, incidents: [...h.incidents].sort() })),
  };
}

function groupsOf(matches: readonly SecretMatch[]): CredentialGroup[] {
  const groups = new Map<string, { incidents: Set<string>; holders: CredentialGroup["holders"][number][] }>();
  for (const m of matches) {
    for (const h of m.holders ?? []) {
      let g = groups.get(h.credential);
      if (!g) {
        g = { incidents: new Set(), holders: [] };
        groups.set(h.credential, g);
      }
      for (const i of h.incidents) g.incidents.add(i);
      g.holders.push({ vaultUrl: m.vaultUrl, name: m.name, version: h.version, location: h.location });
    }
  }
  return [...groups].map(([credential, g]) => ({ credential, incidents: [...g.incidents].sort(), holders: g.holders }));
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

/**
 * The indexed search of one vault: the index names the versions whose keyed digests meet a form
 * of a leaked value; each named secret is then read and checked as in the full search (the index
 * only points, the vault's own values decide). Name patterns and tags of the vault's config
 * still apply (tags: the current version's). A leak the index does not know has no holder here.
 */
async function matchIndexed(
  store: SecretStore,
  vault: Config["vaults"][number],
  leaks: readonly Leak[],
  index: VaultIndex,
  ctx: CheckContext,
  onMatch: (m: MutableMatch) => void,
): Promise<void> {
  const here = normalizeVaultUrl(vault.url);
  const pattern = vault.namePattern ? new RegExp(vault.namePattern) : undefined;
  const names = new Set<string>();
  for (const leak of leaks) {
    for (const v of await index.candidates(leak.finding.secret)) {
      if (normalizeVaultUrl(v.vaultUrl) === here && (!pattern || pattern.test(v.name))) names.add(v.name);
    }
  }
  const failures: string[] = [];
  await forEachLimit([...names], ctx.options.concurrency ?? 8, async (name) => {
    try {
      const versions = await versionsOf(store, name, ctx.cache.state(store.vaultUrl), ctx);
      const current = versions.find((v) => v.enabled);
      if (vault.tags && !Object.entries(vault.tags).every(([k, v]) => current?.tags[k] === v)) return;
      const m = await checkSecret(store, name, leaks, ctx);
      if (m) onMatch(m);
    } catch (e) {
      if (ctx.options.abortSignal?.aborted) throw e;
      failures.push((e as Error).message);
    }
  });
  if (failures.length > 0) {
    throw new Error(
      `${failures.length} of ${names.size} indexed candidate secret(s) could not be read; first: ${failures[0]}`,
    );
  }
}

/** Whether the current value of `name` holds one of `leaks`. */
async function latestHolds(store: SecretStore, name: string, leaks: readonly Leak[], ctx: CheckContext) {
  const views = await latestViews(store, name, ctx);
  return leaks.some((leak) => hitOf(leak, views) !== undefined);
}

/** How `views` of one version hold `leak`, if they do; a whole-value hit wins. */
function hitOf(leak: Leak, views: readonly ViewDigest[]): { kind: MatchKind; view: ViewDigest } | undefined {
  let hit: { kind: MatchKind; view: ViewDigest } | undefined;
  for (const view of views) {
    const whole = view.location.part === "whole";
    if (leak.forms.has(view.digest)) {
      hit = { kind: whole ? "exact" : "component", view };
      if (whole) break;
    } else if (!hit && leak.components.has(view.digest)) {
      // The stored text is (or holds) one secret component of the leaked connection string.
      hit = { kind: whole ? "contains-component" : "component", view: { ...view, credential: view.digest } };
    }
  }
  return hit;
}

async function checkSecret(
  store: SecretStore,
  name: string,
  leaks: readonly Leak[],
  ctx: CheckContext,
): Promise<MutableMatch | undefined> {
  const state = ctx.cache.state(store.vaultUrl);
  const versions = await versionsOf(store, name, state, ctx);
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
    holders: new Map(),
  };
  const tie = (leak: Leak, kind: MatchKind, version?: string) => {
    m.kinds.add(kind);
    m.incidents.add(leak.finding.fingerprint);
    m.ruleIds.add(leak.finding.ruleId);
    if (version) {
      m.leakedVersions.add(version);
      m.leakedDigests.set(version, leak.whole);
    }
  };
  for (const v of versions) {
    const tagged = new Set(incidentsOf(v));
    const before = v.tags[DIGEST_TAG];
    for (const leak of leaks) {
      if (tagged.has(leak.finding.fingerprint)) tie(leak, "incident-tag");
      else if (before && (before === leak.whole || leak.forms.has(before))) tie(leak, "leaked-before");
    }
  }
  const readable = versions.filter((v) => v.enabled).slice(0, ctx.options.maxVersionsPerSecret ?? versions.length);
  // Newest first, so the successor's shape comes from the current value.
  for (const v of readable) {
    const views = await viewsOf(store, name, v.version, state, ctx);
    for (const leak of leaks) {
      const hit = hitOf(leak, views);
      if (!hit) continue;
      tie(leak, hit.kind, v.version);
      const hk = `${v.version}\u0000${hit.view.credential}`;
      const holder = m.holders.get(hk) ?? {
        version: v.version,
        location: hit.view.location,
        credential: hit.view.credential,
        incidents: new Set<string>(),
      };
      holder.incidents.add(leak.finding.fingerprint);
      m.holders.set(hk, holder);
    }
  }
  m.shape = state.shapes.get(name) ?? m.shape;
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
