/**
 * The webhook responder's settings: the only place that reads the environment for
 * `leakstop serve` (a container's convention; DESIGN.md, "Webhook responder"). Everything
 * downstream gets this typed object. Names are constants so docs and tests cannot drift.
 */
import { resolve } from "node:path";
import type { GitHubAuth } from "../../adapters/github/app-auth.js";

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
  config: "LEAKSTOP_CONFIG",
  issueRepository: "LEAKSTOP_ISSUE_REPOSITORY",
  concurrency: "LEAKSTOP_CONCURRENCY",
  maxAttempts: "LEAKSTOP_MAX_ATTEMPTS",
  maxBodyBytes: "LEAKSTOP_MAX_BODY_BYTES",
  armUrl: "LEAKSTOP_ARM_URL",
} as const;

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
  /** Key Vaults searched for leaked values; empty: no rotation (issues are still opened). */
  readonly vaultUrls: readonly string[];
  /** Durable state (the delivery queue). */
  readonly dataDir: string;
  /** TCP port; 0 picks a free one (tests). */
  readonly port: number;
  /** Plan only: no rotation, no issue, no alert resolved. */
  readonly dryRun: boolean;
  /** A `.leakstop.yml` with rules, allowlists, vault name patterns and mappings. */
  readonly configFile: string | undefined;
  /** Where issues go (`owner/repo`); undefined: the repository of the event. */
  readonly issueRepository: string | undefined;
  /** Deliveries worked on at once. */
  readonly concurrency: number;
  /** Attempts before a delivery is dead-lettered. */
  readonly maxAttempts: number;
  /**
   * Largest request body accepted (larger: 413). Default 25 MiB, GitHub's own cap on payloads:
   * a lower limit would refuse real push events with long commit lists.
   */
  readonly maxBodyBytes: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Options given on the command line, which win over the environment. */
export interface ServeOptions {
  readonly port?: string;
}

/** Read the settings from `process.env`. Throws a TypeError/RangeError naming the variable. */
export function readServerSettings(options: ServeOptions = {}): ServerSettings {
  return parseServerSettings(process.env, options);
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
  const vaultUrls = (get(ENV.vaultUrl) ?? "")
    .split(/[\s,]+/)
    .map((u) => u.trim())
    .filter(Boolean);
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
    vaultUrls,
    dataDir: resolve(get(ENV.dataDir) ?? ".leakstop"),
    port: integer(options.port ?? get(ENV.port), options.port !== undefined ? "--port" : ENV.port, 3000, 0, 65535),
    dryRun: boolean(get(ENV.dryRun), ENV.dryRun),
    configFile: get(ENV.config),
    issueRepository,
    concurrency: integer(get(ENV.concurrency), ENV.concurrency, 4, 1, 64),
    maxAttempts: integer(get(ENV.maxAttempts), ENV.maxAttempts, 5, 1, 100),
    maxBodyBytes: integer(get(ENV.maxBodyBytes), ENV.maxBodyBytes, 25 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  };
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
