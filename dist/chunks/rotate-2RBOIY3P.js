import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  checkVaultUrl,
  createKeyVaultCredential,
  createKeyVaultStores
} from "./chunk-MOUIY34P.js";
import {
  createInspector,
  createMemoryAuditLog,
  describeResult,
  rotateNamed
} from "./chunk-HTCI5QYM.js";
import "./chunk-IT6TUND4.js";
import {
  loadConfig
} from "./chunk-U5WMLF4L.js";
import "./chunk-B5PXR3KZ.js";
import {
  createEngine
} from "./chunk-XBU2CQR5.js";
import "./chunk-5DOWYKN7.js";
import "./chunk-ZOEPK7DV.js";
import "./chunk-V43CEDMD.js";

// src/entrypoints/cli/rotate.ts
import { randomBytes } from "node:crypto";
function rotateSettings(raw) {
  if (!raw.vault) throw new TypeError("--vault is required: the vault's URL, https://<name>.vault.azure.net.");
  if (!raw.secret?.trim()) throw new TypeError("--secret is required: the name of the secret to rotate.");
  return {
    vault: checkVaultUrl(raw.vault),
    secret: raw.secret.trim(),
    reason: raw.reason,
    dryRun: raw.dryRun === true
  };
}
async function runRotate(settings, io, deps = {}) {
  const loaded = await loadConfig(deps.cwd ?? process.cwd());
  const engine = createEngine({ config: loaded.config });
  const inspector = createInspector({ engine });
  const secretStore = createKeyVaultStores({
    credential: deps.credential ?? createKeyVaultCredential(),
    ...deps.storeOptions
  });
  const audit = createMemoryAuditLog();
  const result = await rotateNamed(
    [settings.secret],
    {
      secretStore,
      audit,
      clock: { now: () => /* @__PURE__ */ new Date() },
      random: { bytes: (n) => new Uint8Array(randomBytes(n)) },
      registerSensitive: (v) => inspector.addSensitive(v)
    },
    {
      vaultUrls: [settings.vault],
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
