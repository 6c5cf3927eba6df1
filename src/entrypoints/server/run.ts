/**
 * `leakstop serve`: wire the adapters chosen by the settings (Key Vault with the default Azure
 * credential, GitHub token or App, the SQLite queue in the data directory) and run until
 * SIGTERM or SIGINT. Tests call {@link startService} with their own responder or secret store.
 */
import { dirname } from "node:path";
import type { TokenCredential } from "@azure/core-auth";
import { loadConfig } from "../../adapters/fs/config.js";
import { createGitHubClients, type GitHubClients } from "../../adapters/github/app-auth.js";
import { keyVaultAppStore } from "../../adapters/keyvault/app-store.js";
import { createKeyVaultCredential, tokenGetter } from "../../adapters/keyvault/credential.js";

import { createKeyVaultStore } from "../../adapters/keyvault/store.js";
import { createOidcVerifier, ReplayGuard, type ReplayStore } from "../../adapters/oidc/verify.js";
import { createAzureRotators } from "../../adapters/providers/azure-rotators.js";
import { createProviderRotators } from "../../adapters/providers/index.js";
import { type FindingsStatusStore, openSqliteFindingsStatus } from "../../adapters/queue/findings-status.js";
import { DeliveryQueue, type DeliveryQueueOptions } from "../../adapters/queue/sqlite-queue.js";
import { ScanPool, scanInThread } from "../../adapters/scan/scan-pool.js";
import { type AppCredentialStore, fileAppStore } from "../../adapters/state/app-store.js";
import type { StoredApp } from "../../adapters/state/stored-app.js";
import { type Config, defaultConfig } from "../../core/config/config.js";
import { createEngine } from "../../core/scan/engine.js";
import type { SecretStore } from "../../remediation/ports.js";
import type { ProviderRotator } from "../../remediation/provider.js";
import { VERSION } from "../../version.js";
import { createFindingsRoute, type FindingsRoute, type QueuedState } from "./findings-route.js";
import { createDeliveryHandler, isPermanent } from "./jobs.js";
import { createLogger, type Logger } from "./log.js";
import { Metrics } from "./metrics.js";
import { createRemediationResponder, type Responder } from "./responder.js";
import { ROUTES, type RunningServer, startServer } from "./server.js";
import type { AppStoreSettings, PendingSetupSettings, ServerSettings } from "./settings.js";
import { createSetupRoutes, type Routes, startSetupServer } from "./setup.js";
import { openState } from "./state.js";
import { startVaultIndex } from "./vault-index.js";

/** What tests (and other hosts) may replace. */
export interface ServiceOverrides {
  /** Default: the remediation responder over Key Vault and GitHub issues. */
  readonly responder?: Responder;
  /** Default: Key Vault with the default Azure credential chain (managed identity on Azure). */
  readonly secretStore?: (vaultUrl: string) => SecretStore;
  /** Default: from the settings. */
  readonly clients?: GitHubClients;
  /** Default: every rotator, at the settings' endpoints (GitHub tokens, databases, Azure Storage). */
  readonly providerRotators?: readonly ProviderRotator[];
  /** Where log lines go. Default: stdout. */
  readonly write?: (line: string) => void;
  /** Queue tuning (retry delays, visibility timeout). */
  readonly queue?: Omit<DeliveryQueueOptions, "dir" | "maxAttempts">;
  readonly host?: string;
  readonly shutdownGraceInMs?: number;
  /**
   * A script that serves fragment scans in a worker thread (the CLI's entry point): pushes are
   * then scanned off the event loop. Without it they are scanned on the main thread (tests).
   */
  readonly scanWorkerScript?: URL;
}

/** A started service: the server, its logger and metrics. */
export interface Service extends RunningServer {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** Start the webhook responder. */
export async function startService(
  settings: ServerSettings | PendingSetupSettings,
  overrides: ServiceOverrides = {},
): Promise<Service> {
  if ("kind" in settings) {
    throw new TypeError("No GitHub App or token is configured yet: open /setup (LEAKSTOP_SETUP=1) to register one.");
  }
  const config = await serviceConfig(settings);
  const engine = createEngine({ config });
  const logger = createLogger({ engine, ...(overrides.write ? { write: overrides.write } : {}) });
  // The service's own keys are masked on every line, whatever code prints them by mistake.
  for (const value of serviceSecrets(settings)) logger.addSensitive(value);
  const metrics = new Metrics();
  const clients =
    overrides.clients ??
    createGitHubClients(settings.github, { baseUrl: settings.apiUrl, log: (line) => logger.warn(line) });
  const credential = lazyCredential();
  const secretStore = overrides.secretStore ?? keyVaultStores(credential());
  const state = openState(settings, { ...(overrides.queue ? { queue: overrides.queue } : {}), credential });
  const { queue } = state;
  const vaultIndex =
    config.vaults.length > 0
      ? startVaultIndex({
          settings: settings.vaultIndex,
          ...(state.indexStore ? { store: state.indexStore } : {}),
          dataDir: settings.dataDir,
          vaultUrls: config.vaults.map((v) => v.url),
          secretStore,
          logger,
          path: ROUTES.eventGrid,
        })
      : undefined;
  const responder =
    overrides.responder ??
    createRemediationResponder({
      config,
      engine,
      secretStore,
      ...(vaultIndex ? { index: vaultIndex.index } : {}),
      dryRun: settings.dryRun,
      ...(settings.incidentKey ? { incidentKey: settings.incidentKey } : {}),
      serverUrl: settings.serverUrl,
      ...(settings.issueRepository ? { issueRepository: settings.issueRepository } : {}),
      providerRotators: overrides.providerRotators ?? [
        ...createProviderRotators({ githubApiUrl: settings.apiUrl }),
        ...createAzureRotators({
          armUrl: settings.armUrl,
          graphUrl: settings.graphUrl,
          ...(settings.authorityHost ? { authorityHost: settings.authorityHost } : {}),
          ...(settings.tenantId ? { tenantId: settings.tenantId } : {}),
          getToken: tokenGetter(credential),
        }),
      ],
    });
  const scanner = overrides.scanWorkerScript
    ? new ScanPool({ workerScript: overrides.scanWorkerScript, config, size: Math.min(2, settings.concurrency) })
    : scanInThread((fragment) => engine.scan(fragment));
  const pruned = queue.prune?.();
  logger.info("starting leakstop serve", {
    version: VERSION,
    dataDir: settings.dataDir,
    state: state.kind,
    ...(queue instanceof DeliveryQueue ? { queue: queue.counts() } : {}),
    pruned,
    vaults: config.vaults.map((v) => v.url),
    github: settings.github.kind === "app" ? `app ${settings.github.appId}` : "token",
    apiUrl: settings.apiUrl,
    dryRun: settings.dryRun,
    concurrency: settings.concurrency,
  });
  if (config.vaults.length === 0 && !overrides.responder)
    logger.warn("no vault configured: leaks get issues, nothing is rotated");
  let statuses: FindingsStatusStore | undefined;
  try {
    statuses = settings.findingsApi
      ? (state.findings?.statuses ?? openSqliteFindingsStatus({ dir: settings.dataDir }))
      : undefined;
    if (settings.findingsApi) {
      const { issuer, audience, allowedRepositories } = settings.findingsApi;
      logger.info("findings API on", { issuer, audience, allowedRepositories });
    }
    const server = await startServer({
      port: settings.port,
      ...(overrides.host ? { host: overrides.host } : {}),
      webhookSecret: settings.webhookSecret,
      previousWebhookSecrets: settings.previousWebhookSecrets,
      intake: {
        maxBodyBytes: settings.maxBodyBytes,
        maxUnverifiedBodies: settings.maxUnverifiedBodies,
        maxUnverifiedBytes: Math.max(settings.maxUnverifiedBytes, settings.maxBodyBytes),
        bodyTimeoutInMs: settings.bodyTimeoutInMs,
      },
      maxConnections: settings.maxConnections,
      queue,
      handle: createDeliveryHandler(
        {
          clients,
          engine,
          scanner,
          responder,
          metrics,
          dryRun: settings.dryRun,
          locks: state.locks,
          ...(statuses ? { statuses } : {}),
        },
        logger,
      ),
      ...(statuses && settings.findingsApi
        ? {
            findings: findingsRoute(
              settings.findingsApi,
              statuses,
              state.findings?.replay ?? new ReplayGuard(),
              state.queueState,
              logger,
            ),
          }
        : {}),
      ...(state.idlePollInMs ? { idlePollInMs: state.idlePollInMs } : {}),
      isPermanent,
      concurrency: settings.concurrency,
      logger,
      metrics,
      shutdownGraceInMs: overrides.shutdownGraceInMs ?? settings.shutdownGraceInMs,
      routes: extraRoutes([
        // LEAKSTOP_SETUP left on after the App was registered: /setup says so instead of 404.
        settings.setup
          ? createSetupRoutes({
              ...settings,
              store: appStoreFor({ dataDir: settings.dataDir, vaultUrl: settings.vaultUrls[0] }, overrides),
              configured: () => true,
              logger,
            })
          : undefined,
        vaultIndex?.route
          ? (req, res) => vaultIndex.route?.(req, res, pathOf(req.url)) ?? Promise.resolve(false)
          : undefined,
      ]),
    });
    const close = async () => {
      await server.close();
      await vaultIndex?.close();
      statuses?.close();
      await scanner.close();
    };
    return { ...server, close, logger, metrics };
  } catch (e) {
    statuses?.close();
    await vaultIndex?.close();
    await queue.close();
    await scanner.close();
    throw e;
  }
}

/** The findings API's routes, over the server's enqueuer and pool. */
function findingsRoute(
  api: NonNullable<ServerSettings["findingsApi"]>,
  statuses: FindingsStatusStore,
  replay: ReplayStore,
  queueState: (id: string) => QueuedState | Promise<QueuedState>,
  logger: Logger,
): (
  enqueuer: { enqueue: (d: { id: string; event: string; payload: string }) => Promise<unknown> },
  pool: { notify(): void },
) => FindingsRoute {
  const verifier = createOidcVerifier({ issuer: api.issuer, audience: api.audience });
  return (enqueuer, pool) =>
    createFindingsRoute({
      verifier,
      allowedRepositories: api.allowedRepositories,
      claimRules: api.claimRules,
      replay,
      statuses,
      enqueue: (d) => enqueuer.enqueue(d),
      queueState,
      notify: () => pool.notify(),
      logger,
    });
}

/** Routes tried in order; the first that answers wins. */
function extraRoutes(list: ReadonlyArray<Routes | undefined>): Routes {
  const routes = list.filter((r): r is Routes => r !== undefined);
  return async (req, res) => {
    for (const r of routes) if (await r(req, res)) return true;
    return false;
  };
}

function pathOf(url: string | undefined): string {
  return (url ?? "/").split("?")[0]?.replace(/\/+$/, "") ?? "";
}

/** Run until SIGTERM/SIGINT; resolves to the exit status (0 after a clean shutdown). */
export async function runServe(
  settings: ServerSettings | PendingSetupSettings,
  overrides: Pick<ServiceOverrides, "scanWorkerScript"> = {},
): Promise<number> {
  const service = "kind" in settings ? await startSetup(settings) : await startService(settings, overrides);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  service.logger.info("signal received", { signal });
  await service.close();
  return 0;
}

/** No App yet (`LEAKSTOP_SETUP=1`): only the registration pages, until the App is stored. */
export async function startSetup(
  settings: PendingSetupSettings,
  overrides: Pick<ServiceOverrides, "write" | "host" | "secretStore"> = {},
): Promise<{ url: string; logger: Logger; close(): Promise<void> }> {
  const logger = createLogger({ engine: createEngine(), ...(overrides.write ? { write: overrides.write } : {}) });
  let registered = false;
  const server = await startSetupServer({
    ...settings,
    store: appStoreFor(settings, overrides),
    ...(settings.publicUrl ? { publicUrl: settings.publicUrl } : {}),
    ...(overrides.host ? { host: overrides.host } : {}),
    configured: () => registered,
    onRegistered: () => {
      registered = true;
    },
    logger,
  });
  return { ...server, logger };
}

/**
 * Where the App registered by `/setup` is kept: Key Vault (the first of `LEAKSTOP_VAULT_URL`,
 * signed in with the server's own identity) when a vault is configured, else the data directory.
 */
export function appStoreFor(
  where: Pick<AppStoreSettings, "dataDir" | "vaultUrl">,
  overrides: Pick<ServiceOverrides, "secretStore"> = {},
): AppCredentialStore {
  if (where.vaultUrl === undefined) return fileAppStore(where.dataDir);
  const stores = overrides.secretStore ?? keyVaultStores(lazyCredential()());
  return keyVaultAppStore(stores(where.vaultUrl));
}

/** The App an earlier setup stored (undefined: none, or the environment has credentials of its own). */
export async function loadStoredApp(
  where: AppStoreSettings,
  overrides: Pick<ServiceOverrides, "secretStore"> = {},
): Promise<StoredApp | undefined> {
  return where.needed ? appStoreFor(where, overrides).load() : undefined;
}

/** The config file's settings, with the vaults of `LEAKSTOP_VAULT_URL` added. */
async function serviceConfig(settings: ServerSettings): Promise<Config> {
  const base = settings.configFile
    ? (await loadConfig(dirname(settings.configFile), settings.configFile)).config
    : defaultConfig();
  const known = new Set(base.vaults.map((v) => v.url.replace(/\/+$/, "")));
  const added = settings.vaultUrls.filter((u) => !known.has(u.replace(/\/+$/, ""))).map((url) => ({ url }));
  return { ...base, vaults: [...base.vaults, ...added] };
}

/** One Key Vault client per vault, signed in with the default Azure credential chain. */
/** One identity (managed identity where hosted on Azure) for Key Vault and Resource Manager, made on first use. */
function lazyCredential(): () => TokenCredential {
  let credential: TokenCredential | undefined;
  return () => {
    credential ??= createKeyVaultCredential();
    return credential;
  };
}

function keyVaultStores(credential: TokenCredential): (vaultUrl: string) => SecretStore {
  const stores = new Map<string, SecretStore>();
  return (vaultUrl) => {
    let store = stores.get(vaultUrl);
    if (!store) {
      store = createKeyVaultStore(vaultUrl, { credential });
      stores.set(vaultUrl, store);
    }
    return store;
  };
}

/** The keys the service holds in its settings: none may ever reach a log line. */
export function serviceSecrets(settings: ServerSettings): string[] {
  return [
    settings.webhookSecret,
    ...settings.previousWebhookSecrets,
    settings.incidentKey,
    settings.vaultIndex.key,
    ...settings.vaultIndex.eventGridKeys,
  ].filter((v): v is string => typeof v === "string" && v.length > 0);
}
