/**
 * The service's vault index, wired: keyed digests (HMAC-SHA-256 with the index key) in the
 * embedded database, a full resync at start and every `refreshInMs` (bounding the drift of a
 * missed event), and the Event Grid route that indexes each new version as Key Vault announces
 * it. Matching then reads only the secrets the index names (remediation/match.ts).
 */
import { createHmac } from "node:crypto";
import { join } from "node:path";
import { createJwtVerifier } from "../../adapters/oidc/verify.js";
import { SqliteVaultIndexStore } from "../../adapters/queue/sqlite-index.js";
import { loadIndexKey } from "../../adapters/state/index-key.js";
import type { SecretStore } from "../../remediation/ports.js";
import { createVaultIndex, type VaultIndex, type VaultIndexStore } from "../../remediation/vault-index.js";
import { createEventGridRoute, type EventGridRoute } from "./eventgrid-route.js";
import type { Logger } from "./log.js";
import type { VaultIndexSettings } from "./settings.js";

/** Options for {@link startVaultIndex}. */
export interface ServiceIndexOptions {
  readonly settings: VaultIndexSettings;
  readonly dataDir: string;
  readonly vaultUrls: readonly string[];
  readonly secretStore: (vaultUrl: string) => SecretStore;
  readonly logger: Logger;
  /** The route's path (server.ts ROUTES). */
  readonly path: string;
  /** Where the rows live; default: the embedded database in `dataDir`. */
  readonly store?: VaultIndexStore;
}

export interface ServiceIndex {
  readonly index: VaultIndex;
  /** Absent when no delivery authentication is configured: the route is off (404). */
  readonly route: EventGridRoute | undefined;
  /** Resync every vault now (also what the timer does); resolves when done. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/** Open the index, start its resync timer (the first resync runs at once, in the background). */
export function startVaultIndex(options: ServiceIndexOptions): ServiceIndex {
  const { settings, logger } = options;
  const key = loadIndexKey(options.dataDir, settings.key);
  const embedded = options.store ? undefined : new SqliteVaultIndexStore(join(options.dataDir, "vault-index.db"));
  const store = options.store ?? (embedded as SqliteVaultIndexStore);
  const index = createVaultIndex({
    store,
    secretStore: options.secretStore,
    digest: (text) => createHmac("sha256", key).update(text, "utf8").digest("hex"),
  });
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  const refresh = (options_: { skipFresh?: boolean } = {}) => {
    running ??= (async () => {
      for (const vaultUrl of options.vaultUrls) {
        try {
          // At start, an index resynced within the interval (by this data directory's last run, or
          // by another replica sharing the tables) is kept: N replicas do not read the vault N times.
          const at = options_.skipFresh && settings.refreshInMs > 0 ? await index.refreshedAt(vaultUrl) : undefined;
          if (at && Date.now() - at.getTime() < settings.refreshInMs) {
            logger.info("vault index is fresh; resync skipped", { vault: vaultUrl, refreshedAt: at.toISOString() });
            continue;
          }
          const report = await index.refreshVault(vaultUrl, { abortSignal: stopping.signal });
          logger.info("vault index refreshed", { ...report });
        } catch (e) {
          if (stopping.signal.aborted) return;
          // The previous rows stay (or matching falls back to listing a vault never indexed).
          logger.error("vault index refresh failed; the next one retries", { vault: vaultUrl, error: e });
        }
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  void refresh({ skipFresh: true });
  const timer = settings.refreshInMs > 0 ? setInterval(() => void refresh(), settings.refreshInMs) : undefined;
  timer?.unref();
  const entra = settings.eventGridEntra
    ? createJwtVerifier({ ...settings.eventGridEntra, requiredClaims: ["exp"] })
    : undefined;
  for (const k of settings.eventGridKeys) logger.addSensitive(k);
  const route =
    settings.eventGridKeys.length > 0 || entra
      ? createEventGridRoute(options.path, {
          auth: { keys: settings.eventGridKeys, ...(entra ? { entra } : {}) },
          index,
          vaultUrls: options.vaultUrls,
          logger,
        })
      : undefined;
  return {
    index,
    route,
    refresh: () => refresh(),
    async close() {
      if (timer) clearInterval(timer);
      stopping.abort();
      await running?.catch(() => undefined);
      embedded?.close();
    },
  };
}
