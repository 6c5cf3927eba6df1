/**
 * Matching's reads from one vault, counted against a request budget and remembered for the run:
 * the listing, version lists (for one call: they change when a rotation writes), and each read
 * version's digests by view (a version's value never changes). A value is digested and shaped
 * the moment it is read, then dropped; nothing here holds one.
 */
import { sha256Hex as hex } from "./candidates.js";
import { shapeOf, type ValueShape } from "./generate.js";
import { type CredentialLocation, credentialOf, holderViews } from "./holders.js";
import type { OperationOptions, SecretStore, SecretVersionInfo } from "./ports.js";

/** Key Vault's page size for listings. */
const PAGE = 25;

/** One view of a read version, digested: where it would hold a credential, and which one. */
export interface ViewDigest {
  readonly digest: string;
  readonly location: CredentialLocation;
  readonly credential: string;
}

export interface VaultState {
  listing?: SecretVersionInfo[];
  requests: number;
  readonly versions: Map<string, SecretVersionInfo[]>;
  /** Digests of each read version's views, by `name/version`: never a value. */
  readonly views: Map<string, readonly ViewDigest[]>;
  readonly shapes: Map<string, ValueShape>;
  /** The current version's id, by secret name, once read. */
  readonly latest: Map<string, string>;
}

/**
 * What one run learnt about its vaults, never a value: the listing (names, for ranking) and the
 * digests of every version read (a version's value never changes). Version lists are re-read by
 * every call, so a call after a rotation sees the new and disabled versions.
 */
export class MatchCache {
  private readonly vaults = new Map<string, VaultState>();
  /** Requests made to each vault so far, by normalized URL. */
  requestsByVault(): Record<string, number> {
    return Object.fromEntries([...this.vaults].map(([k, v]) => [k, v.requests]));
  }
  /** @internal */
  state(vaultUrl: string): VaultState {
    const k = normalizeVaultUrl(vaultUrl);
    let s = this.vaults.get(k);
    if (!s) {
      s = { requests: 0, versions: new Map(), views: new Map(), shapes: new Map(), latest: new Map() };
      this.vaults.set(k, s);
    }
    return s;
  }
}

/** The vault's request budget for this run is spent. */
export class BudgetExhausted extends Error {}

/** What the reads of one call share. */
export interface ReadContext {
  readonly cache: MatchCache;
  readonly counter: { reads: number; requests: number };
  readonly options: OperationOptions;
  readonly budget: number;
}

/** `https://x.vault.azure.net/` and `https://X.vault.azure.net` are the same vault. */
export function normalizeVaultUrl(url: string): string {
  return url.trim().replace(/\/+$/, "").toLowerCase();
}

export async function listOnce(store: SecretStore, state: VaultState, ctx: ReadContext): Promise<SecretVersionInfo[]> {
  if (state.listing) return state.listing;
  const listing: SecretVersionInfo[] = [];
  for await (const s of store.listSecrets(ctx.options)) listing.push(s);
  const pages = Math.max(1, Math.ceil(listing.length / PAGE));
  state.requests += pages;
  ctx.counter.requests += pages;
  state.listing = listing;
  return listing;
}

/** Spend `n` requests of the vault's budget, or throw {@link BudgetExhausted}. */
export function spend(state: VaultState, ctx: ReadContext, n: number): void {
  if (state.requests + n > ctx.budget) throw new BudgetExhausted();
  state.requests += n;
  ctx.counter.requests += n;
}

export async function versionsOf(store: SecretStore, name: string, state: VaultState, ctx: ReadContext) {
  const cached = state.versions.get(name);
  if (cached) return cached;
  spend(state, ctx, 1);
  const versions: SecretVersionInfo[] = [];
  for await (const v of store.listVersions(name, ctx.options)) versions.push(v);
  // Further pages of a long history cost a request each.
  const extra = Math.ceil(versions.length / PAGE) - 1;
  if (extra > 0) {
    state.requests += extra;
    ctx.counter.requests += extra;
  }
  versions.sort((a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0));
  state.versions.set(name, versions);
  return versions;
}

export async function viewsOf(store: SecretStore, name: string, version: string, state: VaultState, ctx: ReadContext) {
  const k = `${name}/${version}`;
  const cached = state.views.get(k);
  if (cached) return cached;
  spend(state, ctx, 1);
  ctx.counter.reads++;
  // The value stays inside this block: shaped, digested in each of its views, then dropped.
  const { value } = await store.getSecret(name, { version, abortSignal: ctx.options.abortSignal });
  if (!state.shapes.has(name)) state.shapes.set(name, shapeOf(value));
  const views = digestViews(value);
  state.views.set(k, views);
  return views;
}

/** The current version's digested views (one request, once per run). */
export async function latestViews(store: SecretStore, name: string, ctx: ReadContext): Promise<readonly ViewDigest[]> {
  const state = ctx.cache.state(store.vaultUrl);
  const cached = state.latest.get(name);
  const known = cached ? state.views.get(`${name}/${cached}`) : undefined;
  if (known) return known;
  spend(state, ctx, 1);
  ctx.counter.reads++;
  const { info, value } = await store.getSecret(name, { abortSignal: ctx.options.abortSignal });
  const views = digestViews(value);
  if (!state.shapes.has(name)) state.shapes.set(name, shapeOf(value));
  state.latest.set(name, info.version);
  state.views.set(`${name}/${info.version}`, views);
  return views;
}

export function digestViews(value: string): ViewDigest[] {
  return holderViews(value).map((v) => ({
    digest: hex(v.text),
    location: v.location,
    credential: hex(credentialOf(v.text)),
  }));
}
