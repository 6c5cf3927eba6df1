/**
 * The service's vault index: keyed digests (HMAC, with a key that never leaves the service) of
 * every form of every enabled secret version, so matching a leak costs a lookup and a handful
 * of vault reads instead of reading the whole vault on every finding (issue 10; DESIGN.md,
 * "The trusted responder"). The index holds digests and names, never a value. It is filled by
 * a periodic refresh and kept fresh by Key Vault's Event Grid events (`indexVersion`).
 */
import { valueForms } from "../core/responder/value-forms.js";
import type { OperationOptions, SecretStore } from "./ports.js";

/** A secret version the index points at. */
export interface IndexedVersion {
  readonly vaultUrl: string;
  readonly name: string;
  readonly version: string;
}

/** One row: a digest of one form of a version's value. */
export interface IndexRow extends IndexedVersion {
  readonly digest: string;
}

/** Where the index lives: in memory, the embedded database, or an Azure table (scale-out). */
export interface VaultIndexStore {
  /** Replace every row of one secret (all its versions). */
  replaceSecret(vaultUrl: string, name: string, rows: readonly IndexRow[]): Promise<void>;
  /** Add the rows of one version (a new version from an event), keeping the secret's others. */
  addVersion(rows: readonly IndexRow[]): Promise<void>;
  /** Drop the rows of secrets no longer in the vault. */
  retainSecrets(vaultUrl: string, names: ReadonlySet<string>): Promise<void>;
  lookup(digests: readonly string[]): Promise<IndexedVersion[]>;
  markRefreshed(vaultUrl: string, at: Date): Promise<void>;
  refreshedAt(vaultUrl: string): Promise<Date | undefined>;
}

/** Options for {@link createVaultIndex}. */
export interface VaultIndexOptions {
  readonly store: VaultIndexStore;
  readonly secretStore: (vaultUrl: string) => SecretStore;
  /** Keyed digest of a text (HMAC-SHA-256 with the service's index key). */
  readonly digest: (text: string) => string;
  readonly now?: () => Date;
}

/** What a refresh did (request counts, for the bench and the log). */
export interface RefreshReport {
  readonly vaultUrl: string;
  readonly secrets: number;
  readonly versions: number;
  readonly requests: number;
  readonly skipped: number;
}

export interface VaultIndex {
  /** Read the whole vault once and replace its rows. */
  refreshVault(vaultUrl: string, options?: OperationOptions): Promise<RefreshReport>;
  /** Index one new version (Event Grid `SecretNewVersionCreated`). */
  indexVersion(version: IndexedVersion, options?: OperationOptions): Promise<void>;
  /** The versions whose value holds `leaked` in some form (to be confirmed by one read each). */
  candidates(leaked: string): Promise<IndexedVersion[]>;
  refreshedAt(vaultUrl: string): Promise<Date | undefined>;
}

export function createVaultIndex(options: VaultIndexOptions): VaultIndex {
  const now = options.now ?? (() => new Date());
  const rowsOf = (v: IndexedVersion, value: string): IndexRow[] => {
    const digests = new Set(valueForms(value).map(options.digest));
    return [...digests].map((digest) => ({ ...v, digest }));
  };

  return {
    async refreshVault(vaultUrl, opts = {}) {
      const store = options.secretStore(vaultUrl);
      let requests = 1;
      let versions = 0;
      let skipped = 0;
      const names = new Set<string>();
      for await (const secret of store.listSecrets(opts)) {
        opts.abortSignal?.throwIfAborted();
        if (secret.managed) continue;
        names.add(secret.name);
        const rows: IndexRow[] = [];
        requests++;
        for await (const v of store.listVersions(secret.name, opts)) {
          if (!v.enabled || !v.version) continue;
          requests++;
          try {
            const { value } = await store.getSecret(secret.name, { version: v.version, ...opts });
            rows.push(...rowsOf({ vaultUrl, name: secret.name, version: v.version }, value));
            versions++;
          } catch {
            // A version that cannot be read (no permission on it, disabled meanwhile) is skipped, and counted.
            skipped++;
          }
        }
        await options.store.replaceSecret(vaultUrl, secret.name, rows);
      }
      await options.store.retainSecrets(vaultUrl, names);
      await options.store.markRefreshed(vaultUrl, now());
      return { vaultUrl, secrets: names.size, versions, requests, skipped };
    },

    async indexVersion(version, opts = {}) {
      const { value, info } = await options
        .secretStore(version.vaultUrl)
        .getSecret(version.name, { version: version.version, ...opts });
      if (!info.enabled || info.managed) return;
      await options.store.addVersion(rowsOf(version, value));
    },

    async candidates(leaked) {
      const found = await options.store.lookup([...new Set(valueForms(leaked).map(options.digest))]);
      const seen = new Set<string>();
      return found.filter((v) => {
        const k = `${v.vaultUrl}\u0000${v.name}\u0000${v.version}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    },

    refreshedAt: (vaultUrl) => options.store.refreshedAt(vaultUrl),
  };
}

/** The index in memory (tests, and a single process without a data directory). */
export class MemoryVaultIndexStore implements VaultIndexStore {
  #rows: IndexRow[] = [];
  readonly #refreshed = new Map<string, Date>();

  async replaceSecret(vaultUrl: string, name: string, rows: readonly IndexRow[]): Promise<void> {
    this.#rows = this.#rows.filter((r) => r.vaultUrl !== vaultUrl || r.name !== name).concat(rows);
  }
  async addVersion(rows: readonly IndexRow[]): Promise<void> {
    const keys = new Set(rows.map((r) => `${r.vaultUrl}\u0000${r.name}\u0000${r.version}\u0000${r.digest}`));
    this.#rows = this.#rows
      .filter((r) => !keys.has(`${r.vaultUrl}\u0000${r.name}\u0000${r.version}\u0000${r.digest}`))
      .concat(rows);
  }
  async retainSecrets(vaultUrl: string, names: ReadonlySet<string>): Promise<void> {
    this.#rows = this.#rows.filter((r) => r.vaultUrl !== vaultUrl || names.has(r.name));
  }
  async lookup(digests: readonly string[]): Promise<IndexedVersion[]> {
    const want = new Set(digests);
    return this.#rows
      .filter((r) => want.has(r.digest))
      .map(({ vaultUrl, name, version }) => ({ vaultUrl, name, version }));
  }
  async markRefreshed(vaultUrl: string, at: Date): Promise<void> {
    this.#refreshed.set(vaultUrl, at);
  }
  async refreshedAt(vaultUrl: string): Promise<Date | undefined> {
    return this.#refreshed.get(vaultUrl);
  }
  /** Every digest stored (tests assert no value is among them). */
  digests(): string[] {
    return this.#rows.map((r) => r.digest);
  }
}
