/**
 * The webhook responder's settings: the only place that reads the environment for
 * `leakstop serve` (a container's convention; DESIGN.md, "Webhook responder"). Everything
 * downstream gets this typed object. Names are constants so docs and tests cannot drift.
 */
import { resolve } from "node:path";
import type { GitHubAuth } from "../../adapters/github/app-auth.js";
import type { StoredApp } from "../../adapters/state/stored-app.js";
import { type ClaimRule, parseAllowedRepositories, parseClaimRules } from "../../core/auth/claims.js";

/** Environment variable names. */
export const ENV = {
  webhookSecret: "LEAKSTOP_WEBHOOK_SECRET",
  webhookSecretPrevious: "LEAKSTOP_WEBHOOK_SECRET_PREVIOUS",
  githubToken: "GITHUB_TOKEN",
  appId: "GITHUB_APP_ID",
  appPrivateKey: "GITHUB_APP_PRIVATE_KEY",
  apiUrl: "GITHUB_API_URL",
  serverUrl: "GITHUB_SERVER_URL",
  vaultUrl: "LEAKSTOP_VAULT_URL",
  dataDir: "LEAKSTOP_DATA_DIR",
  port: "PORT",
  dryRun: "LEAKSTOP_DRY_RUN",
  incidentKey: "LEAKSTOP_INCIDENT_KEY",
  config: "LEAKSTOP_CONFIG",
  issueRepository: "LEAKSTOP_ISSUE_REPOSITORY",
  concurrency: "LEAKSTOP_CONCURRENCY",
  maxAttempts: "LEAKSTOP_MAX_ATTEMPTS",
  retryDeadline: "LEAKSTOP_RETRY_DEADLINE_MS",
  maxBodyBytes: "LEAKSTOP_MAX_BODY_BYTES",
  maxUnverifiedBodies: "LEAKSTOP_MAX_UNVERIFIED_BODIES",
  maxUnverifiedBytes: "LEAKSTOP_MAX_UNVERIFIED_BYTES",
  bodyTimeout: "LEAKSTOP_BODY_TIMEOUT_MS",
  maxConnections: "LEAKSTOP_MAX_CONNECTIONS",
  shutdownGrace: "LEAKSTOP_SHUTDOWN_GRACE_MS",
  setup: "LEAKSTOP_SETUP",
  publicUrl: "LEAKSTOP_PUBLIC_URL",
  armUrl: "LEAKSTOP_ARM_URL",
  graphUrl: "LEAKSTOP_GRAPH_URL",
  authorityHost: "AZURE_AUTHORITY_HOST",
  tenantId: "AZURE_TENANT_ID",
  oidcIssuer: "LEAKSTOP_OIDC_ISSUER",
  oidcAudience: "LEAKSTOP_OIDC_AUDIENCE",
  allowedRepositories: "LEAKSTOP_ALLOWED_REPOSITORIES",
  oidcClaimRules: "LEAKSTOP_OIDC_CLAIM_RULES",
  indexKey: "LEAKSTOP_INDEX_KEY",
  storageConnectionString: "LEAKSTOP_STORAGE_CONNECTION_STRING",
  storageUrl: "LEAKSTOP_STORAGE_URL",
  indexRefresh: "LEAKSTOP_INDEX_REFRESH_MS",
  eventGridKey: "LEAKSTOP_EVENTGRID_KEY",
  eventGridKeyPrevious: "LEAKSTOP_EVENTGRID_KEY_PREVIOUS",
  eventGridIssuer: "LEAKSTOP_EVENTGRID_ISSUER",
  eventGridAudience: "LEAKSTOP_EVENTGRID_AUDIENCE",
} as const;

/** The vault index and its Event Grid route (issue 10). */
export interface VaultIndexSettings {
  /**
   * The HMAC key of the index's digests (`LEAKSTOP_INDEX_KEY`, at least 32 characters; replicas
   * sharing an index need the same one, e.g. a Key Vault reference). Undefined: a random key made
   * once and kept in the data directory (mode 0600).
   */
  readonly key: string | undefined;
  /** Full resync of every vault this often, bounding drift from missed events. Default 6 h; 0: only at start. */
  readonly refreshInMs: number;
  /** Shared keys Event Grid deliveries may carry (`?key=` or `x-leakstop-key`); empty: none accepted. */
  readonly eventGridKeys: readonly string[];
  /**
   * Entra ID authentication of deliveries: the tenant's issuer
   * (`https://login.microsoftonline.com/TENANT/v2.0`) and the webhook app's audience. Undefined: off.
   */
  readonly eventGridEntra: { readonly issuer: string; readonly audience: string } | undefined;
}

/** The findings API's trust settings (DESIGN.md, "The trusted responder"). */
export interface FindingsApiSettings {
  /** Issuer of the Actions OIDC tokens; a GitHub Enterprise Server's own issuer works too. */
  readonly issuer: string;
  /** The audience the Action asks for: the URL its `responder-url` names. */
  readonly audience: string;
  /** `owner/name` or `owner/*` entries; a token of another repository is refused (403). */
  readonly allowedRepositories: readonly string[];
  /** Optional extra conditions on the token's claims (e.g. `ref=refs/heads/main`). */
  readonly claimRules: readonly ClaimRule[];
}

/** Settings of `leakstop serve`. */
export interface ServerSettings {
  /** Verifies `X-Hub-Signature-256`. */
  readonly webhookSecret: string;
  /** The secret being replaced, accepted too while a rotation of the webhook secret is under way. */
  readonly previousWebhookSecrets: readonly string[];
  /** A token, or a GitHub App (installation tokens per delivery). */
  readonly github: GitHubAuth;
  /** REST API base URL, e.g. `https://api.github.com` or `https://ghes.example.com/api/v3`. */
  readonly apiUrl: string;
  /** Web URL for links in issues, e.g. `https://github.com`. */
  readonly serverUrl: string;
  /** Azure Resource Manager for the provider rotators; default `https://management.azure.com`. */
  readonly armUrl: string;
  /** Microsoft Graph for Entra app secrets (`LEAKSTOP_GRAPH_URL`); default `https://graph.microsoft.com`. */
  readonly graphUrl: string;
  /** The Entra authority (`AZURE_AUTHORITY_HOST`, the SDK's own variable); undefined: the public cloud. */
  readonly authorityHost: string | undefined;
  /** The directory of the apps whose secrets are rotated (`AZURE_TENANT_ID`), when a holder does not name one. */
  readonly tenantId: string | undefined;
  /** Key Vaults searched for leaked values; empty: no rotation (issues are still opened). */
  readonly vaultUrls: readonly string[];
  /** Durable state (the delivery queue). */
  readonly dataDir: string;
  /** TCP port; 0 picks a free one (tests). */
  readonly port: number;
  /** Plan only: no rotation, no issue, no alert resolved. */
  readonly dryRun: boolean;
  /** The key of incident keys (HMAC of a leaked value); the Action's `incident-key` must match. */
  readonly incidentKey: string | undefined;
  /** A `.leakstop.yml` with rules, allowlists, vault name patterns and mappings. */
  readonly configFile: string | undefined;
  /** Where issues go (`owner/repo`); undefined: the repository of the event. */
  readonly issueRepository: string | undefined;
  /** Deliveries worked on at once. */
  readonly concurrency: number;
  /**
   * Attempts before a delivery is dead-lettered. Default 10: with backoff from 2 s doubling to
   * 5 min, about 13 minutes of retries, for an outage of Key Vault or GitHub.
   */
  readonly maxAttempts: number;
  /** Retryable failures are retried until this long after receipt, then dead-lettered. Default 1 h. */
  readonly retryDeadlineInMs: number;
  /**
   * Largest request body accepted (larger: 413). Default 25 MiB, GitHub's own cap on payloads:
   * a lower limit would refuse real push events with long commit lists.
   */
  readonly maxBodyBytes: number;
  /**
   * Bodies read at once before their signature is checked. Default 16; more get 503 (GitHub
   * marks the delivery failed; it can be redelivered), so forged traffic is bounded.
   */
  readonly maxUnverifiedBodies: number;
  /** Bytes of such bodies held at once. Default 64 MiB (two bodies of the largest size and change). */
  readonly maxUnverifiedBytes: number;
  /** A body must arrive within this. Default 10000 ms: GitHub gives up on a delivery after 10 s anyway. */
  readonly bodyTimeoutInMs: number;
  /** Open connections at once; more are closed on arrival. Default 256. */
  readonly maxConnections: number;
  /**
   * How long a shutdown waits for work in progress before giving it back to the queue. Default
   * 8000 ms: under the 10 s a container gets between SIGTERM and SIGKILL (Docker, Kubernetes' 30 s).
   */
  readonly shutdownGraceInMs: number;
  /** The findings API (`POST /api/v1/findings`); undefined (no allowed repository): off, 404. */
  readonly findingsApi: FindingsApiSettings | undefined;
  /** The vault index (used whenever a vault is configured) and how Event Grid keeps it fresh. */
  readonly vaultIndex: VaultIndexSettings;
  /**
   * Shared state for several replicas (work queue, deliveries seen, credential locks, the vault
   * index) in Azure Storage queues and tables: a connection string (account key, or Azurite), or
   * an account URL signed in by managed identity. Undefined: the embedded database in `dataDir`.
   */
  readonly storage: { readonly connectionString: string } | { readonly url: string } | undefined;
  /** `LEAKSTOP_SETUP` is on while an App is configured: the setup routes answer, refusing. Absent when off. */
  readonly setup?: true;
}

/**
 * `LEAKSTOP_SETUP=1` with no GitHub App, token or webhook secret configured (in the environment
 * or stored by an earlier setup): serve only the one-click App registration (`/setup`).
 */
export interface PendingSetupSettings {
  readonly kind: "setup";
  readonly port: number;
  readonly dataDir: string;
  readonly apiUrl: string;
  readonly serverUrl: string;
  /** `LEAKSTOP_PUBLIC_URL`: this server's public base URL for the App's webhook and redirect URLs. */
  readonly publicUrl: string | undefined;
  /** The first vault of `LEAKSTOP_VAULT_URL`: where the App is stored; undefined: the data directory. */
  readonly vaultUrl: string | undefined;
}

/** Where `leakstop serve` keeps the App that `/setup` registers (read before the other settings). */
export interface AppStoreSettings {
  /** `LEAKSTOP_DATA_DIR` (default `.leakstop`), resolved. */
  readonly dataDir: string;
  /** The first vault of `LEAKSTOP_VAULT_URL`: the App lives there when set. */
  readonly vaultUrl: string | undefined;
  /**
   * False when the environment has GitHub credentials and a webhook secret of its own: the stored
   * App would not be used, so it is not read (no vault request at start).
   */
  readonly needed: boolean;
}

const MIB = 1024 * 1024;

type Env = Readonly<Record<string, string | undefined>>;

/** Options given on the command line, which win over the environment. */
export interface ServeOptions {
  readonly port?: string;
}

/**
 * Read the settings from `process.env` and `stored`, the App that an earlier setup stored
 * (the environment wins; {@link readAppStoreSettings} says where it is, `loadStoredApp` in
 * run.ts reads it). Throws a TypeError/RangeError naming the variable.
 */
export function readServerSettings(
  options: ServeOptions,
  stored: StoredApp | undefined,
): ServerSettings | PendingSetupSettings {
  return parseServeSettings(process.env, options, stored);
}

/** Where the stored App is: Key Vault when `LEAKSTOP_VAULT_URL` names one, else the data directory. */
export function readAppStoreSettings(env: Env = process.env): AppStoreSettings {
  const has = (name: string) => (env[name]?.trim() ?? "") !== "";
  const own = (has(ENV.githubToken) || has(ENV.appId) || has(ENV.appPrivateKey)) && has(ENV.webhookSecret);
  return { dataDir: resolve(env[ENV.dataDir]?.trim() || ".leakstop"), vaultUrl: firstVault(env), needed: !own };
}

function firstVault(env: Env): string | undefined {
  const [url] = vaultList(env[ENV.vaultUrl]);
  if (url !== undefined) checkUrl(ENV.vaultUrl, url, ["https:"]);
  return url;
}

function vaultList(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(/[\s,]+/)
    .map((u) => u.trim())
    .filter(Boolean);
}

/**
 * The settings from `env` and a stored App (pure): the App stands in for `GITHUB_APP_ID`,
 * `GITHUB_APP_PRIVATE_KEY` and `LEAKSTOP_WEBHOOK_SECRET` where the environment has no credentials
 * of its own; with `LEAKSTOP_SETUP` on and nothing configured, {@link PendingSetupSettings}.
 */
export function parseServeSettings(
  env: Env,
  options: ServeOptions = {},
  stored?: StoredApp,
): ServerSettings | PendingSetupSettings {
  const has = (name: string) => (env[name]?.trim() ?? "") !== "";
  const setup = boolean(env[ENV.setup]?.trim() || undefined, ENV.setup);
  const ownCredentials = has(ENV.githubToken) || has(ENV.appId) || has(ENV.appPrivateKey);
  const merged: Record<string, string | undefined> = { ...env };
  if (stored && !ownCredentials) {
    merged[ENV.appId] = stored.appId;
    merged[ENV.appPrivateKey] = stored.privateKey;
  }
  if (stored && !has(ENV.webhookSecret)) merged[ENV.webhookSecret] = stored.webhookSecret;
  if (setup && !has(ENV.webhookSecret) && stored === undefined) {
    const base = parseServerSettings({ ...merged, [ENV.webhookSecret]: "-", [ENV.githubToken]: "-" }, options);
    return {
      kind: "setup",
      port: base.port,
      dataDir: base.dataDir,
      apiUrl: base.apiUrl,
      serverUrl: base.serverUrl,
      publicUrl: env[ENV.publicUrl]?.trim().replace(/\/+$/, "") || undefined,
      vaultUrl: base.vaultUrls[0],
    };
  }
  const settings = parseServerSettings(merged, options);
  return setup ? { ...settings, setup: true } : settings;
}

/** The settings from `env` (pure; tests pass their own). */
export function parseServerSettings(env: Env, options: ServeOptions = {}): ServerSettings {
  const get = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === "" ? undefined : v;
  };
  const webhookSecret = env[ENV.webhookSecret] ?? "";
  if (webhookSecret.trim() === "") {
    throw new TypeError(
      `${ENV.webhookSecret} is not set; set it to the webhook secret configured on the GitHub App or webhook.`,
    );
  }
  const previous = env[ENV.webhookSecretPrevious];
  const apiUrl = (get(ENV.apiUrl) ?? "https://api.github.com").replace(/\/+$/, "");
  checkUrl(ENV.apiUrl, apiUrl, ["http:", "https:"]);
  const vaultUrls = vaultList(get(ENV.vaultUrl));
  for (const url of vaultUrls) checkUrl(ENV.vaultUrl, url, ["https:"]);
  const issueRepository = get(ENV.issueRepository);
  if (issueRepository !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(issueRepository)) {
    throw new TypeError(`${ENV.issueRepository} '${issueRepository}' is not 'owner/repo'.`);
  }
  return {
    webhookSecret,
    previousWebhookSecrets: previous !== undefined && previous.trim() !== "" ? [previous] : [],
    github: githubAuth(env, get),
    apiUrl,
    serverUrl: (get(ENV.serverUrl) ?? webUrlOf(apiUrl)).replace(/\/+$/, ""),
    armUrl: armUrlOf(get(ENV.armUrl)),
    graphUrl: httpsUrlOf(ENV.graphUrl, get(ENV.graphUrl) ?? "https://graph.microsoft.com"),
    authorityHost: get(ENV.authorityHost) ? httpsUrlOf(ENV.authorityHost, get(ENV.authorityHost) as string) : undefined,
    tenantId: get(ENV.tenantId),
    vaultUrls,
    dataDir: resolve(get(ENV.dataDir) ?? ".leakstop"),
    port: integer(options.port ?? get(ENV.port), options.port !== undefined ? "--port" : ENV.port, 3000, 0, 65535),
    dryRun: boolean(get(ENV.dryRun), ENV.dryRun),
    incidentKey: get(ENV.incidentKey) || undefined,
    configFile: get(ENV.config),
    issueRepository,
    concurrency: integer(get(ENV.concurrency), ENV.concurrency, 4, 1, 64),
    maxAttempts: integer(get(ENV.maxAttempts), ENV.maxAttempts, 10, 1, 100),
    retryDeadlineInMs: integer(get(ENV.retryDeadline), ENV.retryDeadline, 3_600_000, 1000, 7 * 86_400_000),
    maxBodyBytes: integer(get(ENV.maxBodyBytes), ENV.maxBodyBytes, 25 * MIB, 1024, 100 * MIB),
    maxUnverifiedBodies: integer(get(ENV.maxUnverifiedBodies), ENV.maxUnverifiedBodies, 16, 1, 1024),
    maxUnverifiedBytes: integer(get(ENV.maxUnverifiedBytes), ENV.maxUnverifiedBytes, 64 * MIB, 1024, 4096 * MIB),
    bodyTimeoutInMs: integer(get(ENV.bodyTimeout), ENV.bodyTimeout, 10_000, 100, 600_000),
    maxConnections: integer(get(ENV.maxConnections), ENV.maxConnections, 256, 1, 65_536),
    shutdownGraceInMs: integer(get(ENV.shutdownGrace), ENV.shutdownGrace, 8000, 0, 600_000),
    findingsApi: findingsApi(get),
    vaultIndex: vaultIndex(env, get),
    storage: storage(env, get),
  };
}

function storage(env: Env, get: (name: string) => string | undefined): ServerSettings["storage"] {
  const connectionString = get(ENV.storageConnectionString);
  const url = get(ENV.storageUrl);
  if (connectionString === undefined && url === undefined) return undefined;
  if (connectionString !== undefined && url !== undefined) {
    throw new TypeError(`Set ${ENV.storageConnectionString} or ${ENV.storageUrl}, not both.`);
  }
  // Replicas must name credential locks and index digests alike: one key for all of them.
  if ((env[ENV.indexKey] ?? "") === "") {
    throw new TypeError(
      `${connectionString !== undefined ? ENV.storageConnectionString : ENV.storageUrl} is set but ${ENV.indexKey} is not; replicas sharing state need the same index key (e.g. a Key Vault reference).`,
    );
  }
  if (url !== undefined) {
    checkUrl(ENV.storageUrl, url, ["https:"]);
    return { url: url.replace(/\/+$/, "") };
  }
  return { connectionString: connectionString as string };
}

function vaultIndex(env: Env, get: (name: string) => string | undefined): VaultIndexSettings {
  const key = env[ENV.indexKey];
  if (key !== undefined && key !== "" && key.length < 32) {
    throw new RangeError(
      `${ENV.indexKey} is shorter than 32 characters; use a long random value (openssl rand -hex 32).`,
    );
  }
  const eventGridKeys = [env[ENV.eventGridKey], env[ENV.eventGridKeyPrevious]].filter(
    (k): k is string => k !== undefined && k.trim() !== "",
  );
  for (const k of eventGridKeys) {
    if (k.length < 16) {
      throw new RangeError(`${ENV.eventGridKey} is shorter than 16 characters; use a long random value.`);
    }
  }
  const issuer = get(ENV.eventGridIssuer)?.replace(/\/+$/, "");
  const audience = get(ENV.eventGridAudience);
  if ((issuer === undefined) !== (audience === undefined)) {
    throw new TypeError(
      `${issuer === undefined ? ENV.eventGridAudience : ENV.eventGridIssuer} is set but ${issuer === undefined ? ENV.eventGridIssuer : ENV.eventGridAudience} is not; set both (the tenant's issuer and the webhook app's audience).`,
    );
  }
  if (issuer !== undefined) checkUrl(ENV.eventGridIssuer, issuer, ["https:", "http:"]);
  return {
    key: key === undefined || key === "" ? undefined : key,
    refreshInMs: integer(get(ENV.indexRefresh), ENV.indexRefresh, 6 * 3_600_000, 0, 7 * 86_400_000),
    eventGridKeys,
    eventGridEntra: issuer !== undefined && audience !== undefined ? { issuer, audience } : undefined,
  };
}

function findingsApi(get: (name: string) => string | undefined): FindingsApiSettings | undefined {
  const allowed = get(ENV.allowedRepositories);
  if (allowed === undefined) return undefined;
  const allowedRepositories = parseAllowedRepositories(allowed);
  if (allowedRepositories.length === 0) return undefined;
  const audience = get(ENV.oidcAudience);
  if (audience === undefined) {
    throw new TypeError(
      `${ENV.allowedRepositories} is set but ${ENV.oidcAudience} is not; set it to the URL the workflows pass as 'responder-url' (the tokens' audience).`,
    );
  }
  const issuer = (get(ENV.oidcIssuer) ?? "https://token.actions.githubusercontent.com").replace(/\/+$/, "");
  checkUrl(ENV.oidcIssuer, issuer, ["https:", "http:"]);
  return { issuer, audience, allowedRepositories, claimRules: parseClaimRules(get(ENV.oidcClaimRules) ?? "") };
}

function githubAuth(env: Env, get: (name: string) => string | undefined): GitHubAuth {
  const appId = get(ENV.appId);
  const key = get(ENV.appPrivateKey);
  if (appId !== undefined || key !== undefined) {
    if (appId === undefined) throw new TypeError(`${ENV.appPrivateKey} is set but ${ENV.appId} is not; set both.`);
    if (key === undefined) throw new TypeError(`${ENV.appId} is set but ${ENV.appPrivateKey} is not; set both.`);
    if (!/^\d+$/.test(appId)) throw new TypeError(`${ENV.appId} '${appId}' is not a number (the App's "App ID").`);
    // A PEM in one environment line usually arrives with literal "\n" sequences.
    const privateKey = key.includes("\\n") ? key.replace(/\\n/g, "\n") : key;
    if (!privateKey.includes("-----BEGIN")) {
      throw new TypeError(`${ENV.appPrivateKey} is not a PEM private key (it should start with '-----BEGIN').`);
    }
    return { kind: "app", appId, privateKey };
  }
  const token = env[ENV.githubToken]?.trim();
  if (!token) {
    throw new TypeError(
      `Neither ${ENV.githubToken} nor ${ENV.appId} + ${ENV.appPrivateKey} is set; leakstop needs GitHub credentials to read alerts and commits.`,
    );
  }
  return { kind: "token", token };
}

/** `https://api.github.com` → `https://github.com`; GHES `https://h/api/v3` → `https://h`. */
function armUrlOf(raw: string | undefined): string {
  const url = (raw ?? "https://management.azure.com").replace(/\/+$/, "");
  checkUrl(ENV.armUrl, url, ["https:"]);
  return url;
}

function httpsUrlOf(name: string, raw: string): string {
  const url = raw.replace(/\/+$/, "");
  checkUrl(name, url, ["https:"]);
  return url;
}

function webUrlOf(apiUrl: string): string {
  const u = new URL(apiUrl);
  if (u.hostname === "api.github.com") return "https://github.com";
  if (u.hostname.startsWith("api.") && u.hostname.endsWith(".ghe.com")) return `https://${u.hostname.slice(4)}`;
  return `${u.protocol}//${u.host}`;
}

function checkUrl(name: string, value: string, protocols: readonly string[]): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} '${value}' is not a URL.`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new TypeError(`${name} '${value}' must start with ${protocols.map((p) => `${p}//`).join(" or ")}.`);
  }
}

function integer(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw new RangeError(`${name} '${raw}' is not a whole number from ${min} to ${max}.`);
  }
  return n;
}

function boolean(raw: string | undefined, name: string): boolean {
  if (raw === undefined) return false;
  const v = raw.toLowerCase();
  if (["1", "true", "yes", "on"].includes(v)) return true;
  if (["0", "false", "no", "off"].includes(v)) return false;
  throw new TypeError(`${name} '${raw}' is not a boolean; use true or false.`);
}
