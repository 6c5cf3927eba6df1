import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  parseAllowedRepositories,
  parseClaimRules
} from "./chunk-J7JJIEUJ.js";
import "./chunk-V43CEDMD.js";

// src/entrypoints/cli/serve.ts
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

// src/entrypoints/server/settings.ts
import { resolve } from "node:path";
var ENV = {
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
  eventGridAudience: "LEAKSTOP_EVENTGRID_AUDIENCE"
};
var MIB = 1024 * 1024;
function readServerSettings(options, stored) {
  return parseServeSettings(process.env, options, stored);
}
function readAppStoreSettings(env = process.env) {
  const has = (name) => (env[name]?.trim() ?? "") !== "";
  const own = (has(ENV.githubToken) || has(ENV.appId) || has(ENV.appPrivateKey)) && has(ENV.webhookSecret);
  return { dataDir: resolve(env[ENV.dataDir]?.trim() || ".leakstop"), vaultUrl: firstVault(env), needed: !own };
}
function firstVault(env) {
  const [url] = vaultList(env[ENV.vaultUrl]);
  if (url !== void 0) checkUrl(ENV.vaultUrl, url, ["https:"]);
  return url;
}
function vaultList(raw) {
  return (raw ?? "").split(/[\s,]+/).map((u) => u.trim()).filter(Boolean);
}
function parseServeSettings(env, options = {}, stored) {
  const has = (name) => (env[name]?.trim() ?? "") !== "";
  const setup = boolean(env[ENV.setup]?.trim() || void 0, ENV.setup);
  const ownCredentials = has(ENV.githubToken) || has(ENV.appId) || has(ENV.appPrivateKey);
  const merged = { ...env };
  if (stored && !ownCredentials) {
    merged[ENV.appId] = stored.appId;
    merged[ENV.appPrivateKey] = stored.privateKey;
  }
  if (stored && !has(ENV.webhookSecret)) merged[ENV.webhookSecret] = stored.webhookSecret;
  if (setup && !has(ENV.webhookSecret) && stored === void 0) {
    const base = parseServerSettings({ ...merged, [ENV.webhookSecret]: "-", [ENV.githubToken]: "-" }, options);
    return {
      kind: "setup",
      port: base.port,
      dataDir: base.dataDir,
      apiUrl: base.apiUrl,
      serverUrl: base.serverUrl,
      publicUrl: env[ENV.publicUrl]?.trim().replace(/\/+$/, "") || void 0,
      vaultUrl: base.vaultUrls[0]
    };
  }
  const settings = parseServerSettings(merged, options);
  return setup ? { ...settings, setup: true } : settings;
}
function parseServerSettings(env, options = {}) {
  const get = (name) => {
    const v = env[name]?.trim();
    return v === void 0 || v === "" ? void 0 : v;
  };
  const webhookSecret = env[ENV.webhookSecret] ?? "";
  if (webhookSecret.trim() === "") {
    throw new TypeError(
      `${ENV.webhookSecret} is not set; set it to the webhook secret configured on the GitHub App or webhook.`
    );
  }
  const previous = env[ENV.webhookSecretPrevious];
  const apiUrl = (get(ENV.apiUrl) ?? "https://api.github.com").replace(/\/+$/, "");
  checkUrl(ENV.apiUrl, apiUrl, ["http:", "https:"]);
  const vaultUrls = vaultList(get(ENV.vaultUrl));
  for (const url of vaultUrls) checkUrl(ENV.vaultUrl, url, ["https:"]);
  const issueRepository = get(ENV.issueRepository);
  if (issueRepository !== void 0 && !/^[^/\s]+\/[^/\s]+$/.test(issueRepository)) {
    throw new TypeError(`${ENV.issueRepository} '${issueRepository}' is not 'owner/repo'.`);
  }
  return {
    webhookSecret,
    previousWebhookSecrets: previous !== void 0 && previous.trim() !== "" ? [previous] : [],
    github: githubAuth(env, get),
    apiUrl,
    serverUrl: (get(ENV.serverUrl) ?? webUrlOf(apiUrl)).replace(/\/+$/, ""),
    armUrl: armUrlOf(get(ENV.armUrl)),
    graphUrl: httpsUrlOf(ENV.graphUrl, get(ENV.graphUrl) ?? "https://graph.microsoft.com"),
    authorityHost: get(ENV.authorityHost) ? httpsUrlOf(ENV.authorityHost, get(ENV.authorityHost)) : void 0,
    tenantId: get(ENV.tenantId),
    vaultUrls,
    dataDir: resolve(get(ENV.dataDir) ?? ".leakstop"),
    port: integer(options.port ?? get(ENV.port), options.port !== void 0 ? "--port" : ENV.port, 3e3, 0, 65535),
    dryRun: boolean(get(ENV.dryRun), ENV.dryRun),
    incidentKey: get(ENV.incidentKey) || void 0,
    configFile: get(ENV.config),
    issueRepository,
    concurrency: integer(get(ENV.concurrency), ENV.concurrency, 4, 1, 64),
    maxAttempts: integer(get(ENV.maxAttempts), ENV.maxAttempts, 10, 1, 100),
    retryDeadlineInMs: integer(get(ENV.retryDeadline), ENV.retryDeadline, 36e5, 1e3, 7 * 864e5),
    maxBodyBytes: integer(get(ENV.maxBodyBytes), ENV.maxBodyBytes, 25 * MIB, 1024, 100 * MIB),
    maxUnverifiedBodies: integer(get(ENV.maxUnverifiedBodies), ENV.maxUnverifiedBodies, 16, 1, 1024),
    maxUnverifiedBytes: integer(get(ENV.maxUnverifiedBytes), ENV.maxUnverifiedBytes, 64 * MIB, 1024, 4096 * MIB),
    bodyTimeoutInMs: integer(get(ENV.bodyTimeout), ENV.bodyTimeout, 1e4, 100, 6e5),
    maxConnections: integer(get(ENV.maxConnections), ENV.maxConnections, 256, 1, 65536),
    shutdownGraceInMs: integer(get(ENV.shutdownGrace), ENV.shutdownGrace, 8e3, 0, 6e5),
    findingsApi: findingsApi(get),
    vaultIndex: vaultIndex(env, get),
    storage: storage(env, get)
  };
}
function storage(env, get) {
  const connectionString = get(ENV.storageConnectionString);
  const url = get(ENV.storageUrl);
  if (connectionString === void 0 && url === void 0) return void 0;
  if (connectionString !== void 0 && url !== void 0) {
    throw new TypeError(`Set ${ENV.storageConnectionString} or ${ENV.storageUrl}, not both.`);
  }
  if ((env[ENV.indexKey] ?? "") === "") {
    throw new TypeError(
      `${connectionString !== void 0 ? ENV.storageConnectionString : ENV.storageUrl} is set but ${ENV.indexKey} is not; replicas sharing state need the same index key (e.g. a Key Vault reference).`
    );
  }
  if (url !== void 0) {
    checkUrl(ENV.storageUrl, url, ["https:"]);
    return { url: url.replace(/\/+$/, "") };
  }
  return { connectionString };
}
function vaultIndex(env, get) {
  const key = env[ENV.indexKey];
  if (key !== void 0 && key !== "" && key.length < 32) {
    throw new RangeError(
      `${ENV.indexKey} is shorter than 32 characters; use a long random value (openssl rand -hex 32).`
    );
  }
  const eventGridKeys = [env[ENV.eventGridKey], env[ENV.eventGridKeyPrevious]].filter(
    (k) => k !== void 0 && k.trim() !== ""
  );
  for (const k of eventGridKeys) {
    if (k.length < 16) {
      throw new RangeError(`${ENV.eventGridKey} is shorter than 16 characters; use a long random value.`);
    }
  }
  const issuer = get(ENV.eventGridIssuer)?.replace(/\/+$/, "");
  const audience = get(ENV.eventGridAudience);
  if (issuer === void 0 !== (audience === void 0)) {
    throw new TypeError(
      `${issuer === void 0 ? ENV.eventGridAudience : ENV.eventGridIssuer} is set but ${issuer === void 0 ? ENV.eventGridIssuer : ENV.eventGridAudience} is not; set both (the tenant's issuer and the webhook app's audience).`
    );
  }
  if (issuer !== void 0) checkUrl(ENV.eventGridIssuer, issuer, ["https:", "http:"]);
  return {
    key: key === void 0 || key === "" ? void 0 : key,
    refreshInMs: integer(get(ENV.indexRefresh), ENV.indexRefresh, 6 * 36e5, 0, 7 * 864e5),
    eventGridKeys,
    eventGridEntra: issuer !== void 0 && audience !== void 0 ? { issuer, audience } : void 0
  };
}
function findingsApi(get) {
  const allowed = get(ENV.allowedRepositories);
  if (allowed === void 0) return void 0;
  const allowedRepositories = parseAllowedRepositories(allowed);
  if (allowedRepositories.length === 0) return void 0;
  const audience = get(ENV.oidcAudience);
  if (audience === void 0) {
    throw new TypeError(
      `${ENV.allowedRepositories} is set but ${ENV.oidcAudience} is not; set it to the URL the workflows pass as 'responder-url' (the tokens' audience).`
    );
  }
  const issuer = (get(ENV.oidcIssuer) ?? "https://token.actions.githubusercontent.com").replace(/\/+$/, "");
  checkUrl(ENV.oidcIssuer, issuer, ["https:", "http:"]);
  return { issuer, audience, allowedRepositories, claimRules: parseClaimRules(get(ENV.oidcClaimRules) ?? "") };
}
function githubAuth(env, get) {
  const appId = get(ENV.appId);
  const key = get(ENV.appPrivateKey);
  if (appId !== void 0 || key !== void 0) {
    if (appId === void 0) throw new TypeError(`${ENV.appPrivateKey} is set but ${ENV.appId} is not; set both.`);
    if (key === void 0) throw new TypeError(`${ENV.appId} is set but ${ENV.appPrivateKey} is not; set both.`);
    if (!/^\d+$/.test(appId)) throw new TypeError(`${ENV.appId} '${appId}' is not a number (the App's "App ID").`);
    const privateKey = key.includes("\\n") ? key.replace(/\\n/g, "\n") : key;
    if (!privateKey.includes("-----BEGIN")) {
      throw new TypeError(`${ENV.appPrivateKey} is not a PEM private key (it should start with '-----BEGIN').`);
    }
    return { kind: "app", appId, privateKey };
  }
  const token = env[ENV.githubToken]?.trim();
  if (!token) {
    throw new TypeError(
      `Neither ${ENV.githubToken} nor ${ENV.appId} + ${ENV.appPrivateKey} is set; leakstop needs GitHub credentials to read alerts and commits.`
    );
  }
  return { kind: "token", token };
}
function armUrlOf(raw) {
  const url = (raw ?? "https://management.azure.com").replace(/\/+$/, "");
  checkUrl(ENV.armUrl, url, ["https:"]);
  return url;
}
function httpsUrlOf(name, raw) {
  const url = raw.replace(/\/+$/, "");
  checkUrl(name, url, ["https:"]);
  return url;
}
function webUrlOf(apiUrl) {
  const u = new URL(apiUrl);
  if (u.hostname === "api.github.com") return "https://github.com";
  if (u.hostname.startsWith("api.") && u.hostname.endsWith(".ghe.com")) return `https://${u.hostname.slice(4)}`;
  return `${u.protocol}//${u.host}`;
}
function checkUrl(name, value, protocols) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} '${value}' is not a URL.`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new TypeError(`${name} '${value}' must start with ${protocols.map((p) => `${p}//`).join(" or ")}.`);
  }
}
function integer(raw, name, fallback, min, max) {
  if (raw === void 0) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw new RangeError(`${name} '${raw}' is not a whole number from ${min} to ${max}.`);
  }
  return n;
}
function boolean(raw, name) {
  if (raw === void 0) return false;
  const v = raw.toLowerCase();
  if (["1", "true", "yes", "on"].includes(v)) return true;
  if (["0", "false", "no", "off"].includes(v)) return false;
  throw new TypeError(`${name} '${raw}' is not a boolean; use true or false.`);
}

// src/entrypoints/cli/serve.ts
async function runServeCommand(options, workerScript) {
  const where = readAppStoreSettings();
  if (!process.getBuiltinModule?.("node:sqlite")) {
    throw new RangeError(
      `leakstop serve needs Node.js 22.13 or later (for node:sqlite); this is ${process.version}. Run it with 'npx leakstop serve' in the project, or on Node 24.`
    );
  }
  await checkDataDir(where.dataDir);
  const { loadStoredApp, runServe } = await import("./run-ZZ2OQC3W.js");
  const stored = await loadStoredApp(where);
  const settings = readServerSettings(options.port !== void 0 ? { port: options.port } : {}, stored);
  return runServe(settings, workerScript ? { scanWorkerScript: workerScript } : {});
}
async function checkDataDir(dir) {
  const probe = join(dir, `.write-test-${randomBytes(6).toString("hex")}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, "");
    await rm(probe);
  } catch (e) {
    const code = e.code ?? e.message;
    throw new TypeError(
      `LEAKSTOP_DATA_DIR '${dir}' is not writable (${code}); point it at a writable folder (a volume in a container) or fix its permissions.`
    );
  }
}
export {
  runServeCommand
};
