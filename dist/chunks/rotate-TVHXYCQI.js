import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  checkVaultUrl,
  createAzureStorageRotator,
  createKeyVaultCredential,
  createKeyVaultStores,
  tokenGetter
} from "./chunk-OZZYI67M.js";
import {
  createMemoryAuditLog,
  createProviderRotators,
  describeResult,
  rotateNamed
} from "./chunk-NEJ5AMS4.js";
import {
  createInspector
} from "./chunk-CPKDVN4F.js";
import "./chunk-DCI62QCM.js";
import "./chunk-L3JTYT5C.js";
import "./chunk-YGYUY6RV.js";
import {
  resolveScanTarget
} from "./chunk-RL6JF4VU.js";
import {
  loadConfig
} from "./chunk-EHTSLXLF.js";
import "./chunk-7NS3LZMV.js";
import {
  createEngine
} from "./chunk-MZHTHGEL.js";
import "./chunk-AKAH6ETJ.js";
import "./chunk-5ZHEO3AZ.js";
import "./chunk-ZOEPK7DV.js";
import "./chunk-V43CEDMD.js";

// src/entrypoints/cli/rotate.ts
import { randomBytes } from "node:crypto";
var SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;
function rotateSettings(raw, env = process.env) {
  const secretArg = raw.secret?.trim() ?? "";
  if (!secretArg) throw new TypeError("--secret is required: the name of the secret to rotate.");
  let vault = raw.vault === void 0 ? void 0 : checkVaultUrl(raw.vault);
  let secret = secretArg;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(secretArg)) {
    const match = /^(https:\/\/[^/?#]+)\/secrets\/([^/?#]+)(?:\/[0-9a-fA-F]*)?\/?$/.exec(secretArg);
    if (!match) {
      throw new TypeError(
        `--secret '${secretArg}' is not a secret URL; use https://<vault>.vault.azure.net/secrets/<name>, or the name alone.`
      );
    }
    const fromUrl = checkVaultUrl(match[1]);
    if (vault !== void 0 && vault.toLowerCase() !== fromUrl.toLowerCase()) {
      throw new TypeError(
        `--secret '${secretArg}' is in vault ${fromUrl}, but --vault is ${vault}; drop --vault or make the two agree.`
      );
    }
    vault = fromUrl;
    secret = decodeURIComponent(match[2]);
  }
  if (vault === void 0) {
    throw new TypeError(
      "--vault is required: the vault's URL, https://<name>.vault.azure.net (or pass --secret as a secret URL)."
    );
  }
  if (!SECRET_NAME.test(secret)) {
    throw new TypeError(
      `--secret '${secret}' is not a Key Vault secret name (1-127 letters, digits and dashes); check the name in the vault.`
    );
  }
  return {
    vault,
    secret,
    reason: raw.reason,
    dryRun: raw.dryRun === true,
    armUrl: endpoint(env.LEAKSTOP_ARM_URL, "LEAKSTOP_ARM_URL", "https://management.azure.com"),
    githubApiUrl: endpoint(env.GITHUB_API_URL, "GITHUB_API_URL", "https://api.github.com")
  };
}
function endpoint(raw, name, fallback) {
  const value = raw?.trim() || fallback;
  if (!/^https:\/\/[^/?#\s]+/i.test(value)) {
    throw new TypeError(
      `${name} '${value}' must be an https:// URL (tokens are never sent in clear); fix or unset it.`
    );
  }
  return value.replace(/\/+$/, "");
}
async function runRotate(settings, io, deps = {}) {
  const { root } = await resolveScanTarget(deps.cwd ?? process.cwd());
  const loaded = await loadConfig(root);
  const engine = createEngine({ config: loaded.config });
  const inspector = createInspector({ engine });
  const credential = deps.credential ?? createKeyVaultCredential();
  const secretStore = createKeyVaultStores({ credential, ...deps.storeOptions });
  const providerRotators = [
    ...createProviderRotators({ githubApiUrl: settings.githubApiUrl }),
    createAzureStorageRotator({
      armUrl: settings.armUrl,
      getToken: tokenGetter(credential),
      ...deps.fetch ? { fetch: deps.fetch } : {}
    })
  ];
  const audit = createMemoryAuditLog();
  const result = await rotateNamed(
    [settings.secret],
    {
      secretStore,
      audit,
      clock: { now: () => /* @__PURE__ */ new Date() },
      random: { bytes: (n) => new Uint8Array(randomBytes(n)) },
      providerRotators,
      registerSensitive: (v) => inspector.addSensitive(v)
    },
    {
      vaultUrls: [settings.vault],
      engine,
      dryRun: settings.dryRun,
      inspector,
      ...settings.reason !== void 0 ? { reason: settings.reason } : {},
      ...loaded.config.rotation.validityDays !== void 0 ? { validityDays: loaded.config.rotation.validityDays } : {}
    }
  );
  io.stdout(result.planText);
  for (const r of result.results) {
    const line = `${inspector.inspect(describeResult(r), "log.txt")}
`;
    if (r.kind === "failed") io.stderr(line);
    else io.stdout(line);
  }
  if (settings.dryRun) {
    const blocked = result.plan.steps.filter((s) => s.kind === "blocked");
    for (const b of blocked) io.stderr(`leakstop: ${inspector.inspect(b.why, "log.txt")}
`);
    return blocked.length > 0 ? 1 : 0;
  }
  const rotated = result.results.length > 0 && result.results.every((r) => r.kind === "rotated");
  return rotated ? 0 : 1;
}
export {
  rotateSettings,
  runRotate
};
