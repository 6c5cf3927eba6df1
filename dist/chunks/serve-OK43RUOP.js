import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import "./chunk-V43CEDMD.js";

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
  config: "LEAKSTOP_CONFIG",
  issueRepository: "LEAKSTOP_ISSUE_REPOSITORY",
  concurrency: "LEAKSTOP_CONCURRENCY",
  maxAttempts: "LEAKSTOP_MAX_ATTEMPTS",
  maxBodyBytes: "LEAKSTOP_MAX_BODY_BYTES"
};
function readServerSettings(options = {}) {
  return parseServerSettings(process.env, options);
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
  const vaultUrls = (get(ENV.vaultUrl) ?? "").split(/[\s,]+/).map((u) => u.trim()).filter(Boolean);
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
    vaultUrls,
    dataDir: resolve(get(ENV.dataDir) ?? ".leakstop"),
    port: integer(options.port ?? get(ENV.port), options.port !== void 0 ? "--port" : ENV.port, 3e3, 0, 65535),
    dryRun: boolean(get(ENV.dryRun), ENV.dryRun),
    configFile: get(ENV.config),
    issueRepository,
    concurrency: integer(get(ENV.concurrency), ENV.concurrency, 4, 1, 64),
    maxAttempts: integer(get(ENV.maxAttempts), ENV.maxAttempts, 5, 1, 100),
    maxBodyBytes: integer(get(ENV.maxBodyBytes), ENV.maxBodyBytes, 25 * 1024 * 1024, 1024, 100 * 1024 * 1024)
  };
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
async function runServeCommand(options) {
  const settings = readServerSettings(options.port !== void 0 ? { port: options.port } : {});
  if (!process.getBuiltinModule?.("node:sqlite")) {
    throw new RangeError(
      `leakstop serve needs Node.js 22.13 or later (for node:sqlite); this is ${process.version}. Run it with 'npx leakstop serve' in the project, or on Node 24.`
    );
  }
  const { runServe } = await import("./run-PQDVNSKO.js");
  return runServe(settings);
}
export {
  runServeCommand
};
