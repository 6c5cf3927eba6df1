/**
 * The "vault" bench's measurement, bundled by bench/vault.ts and run as a child process: a
 * 500-secret vault (1 to 5 versions each, Key Vault's page size of 25) in the HTTPS Key Vault
 * double, searched through the real `@azure/keyvault-secrets` client for three typical leaks,
 * by the old matcher (bench/vault-before.ts) and the current one (`matchFindings`), in the same
 * run. Prints requests the double received per finding, and whether each found the holder.
 * Values are generated here and never printed.
 */
import { randomBytes } from "node:crypto";
import { createKeyVaultStore } from "../src/adapters/keyvault/store.js";
import { defaultConfig } from "../src/core/config/config.js";
import { fingerprint } from "../src/core/findings/fingerprint.js";
import type { Finding } from "../src/core/types.js";
import { MatchCache, matchFindings } from "../src/remediation/match.js";
import { KeyVaultDouble, staticCredential } from "../test/helpers/keyvault-double.ts";
import { matchBefore } from "./vault-before.ts";

const SECRETS = 500;
const kv = await KeyVaultDouble.start();
kv.pageSize = 25;
const password = () => `Pw7_${randomBytes(12).toString("base64url")}`;
const key = () => randomBytes(64).toString("base64");
let seed = 1;
/** 1 to 5, from a seeded generator, so every run builds the same history. */
const versions = () => {
  seed = (seed * 48271) % 2147483647;
  return 1 + (seed % 5);
};
for (let i = 0; i < SECRETS - 2; i++) {
  const name = `app-setting-${String(i).padStart(3, "0")}`;
  for (let v = versions(); v > 0; v--) kv.put(name, password());
}
const storageKey = key();
kv.put("payments-storage", `DefaultEndpointsProtocol=https;AccountName=paystore1;AccountKey=${storageKey}`, {
  tags: { ProviderAddress: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/paystore1" },
});
const buried = password();
kv.put("svc-0417", buried);

const store = createKeyVaultStore(kv.url, {
  credential: staticCredential,
  disableChallengeResourceVerification: true,
  retryOptions: { maxRetries: 0 },
  clientOptions: { tlsOptions: { ca: kv.ca } },
});
const finding = (secret: string, ruleId: string, path: string): Finding => ({
  ruleId,
  title: ruleId,
  path,
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 1 + secret.length,
  fingerprint: fingerprint(ruleId, path, secret),
  redacted: "***",
  secret,
});
const cases = [
  {
    name: "storage connection string (tagged holder)",
    f: finding(
      `DefaultEndpointsProtocol=https;AccountName=paystore1;AccountKey=${storageKey}`,
      "azure-storage-connection-string",
      "a.env",
    ),
  },
  { name: "password held by an untagged secret", f: finding(buried, "generic-password", "b.env") },
  { name: "token no secret holds", f: finding(`ghp_${randomBytes(18).toString("hex")}`, "github-pat", "c.env") },
];
const config = { ...defaultConfig(), vaults: [{ url: kv.url }] };
const rows: string[][] = [];
const cache = new MatchCache();
let runBefore = 0;
let runAfter = 0;
for (const c of cases) {
  let at = kv.requests.length;
  const before = await matchBefore(store, [c.f.secret]);
  const beforeN = kv.requests.length - at;
  at = kv.requests.length;
  const report = await matchFindings([c.f], { secretStore: () => store }, { config, cache: new MatchCache() });
  const afterN = kv.requests.length - at;
  at = kv.requests.length;
  await matchFindings([c.f], { secretStore: () => store }, { config, cache });
  runAfter += kv.requests.length - at;
  runBefore += beforeN;
  const bounded = report.errors.some((e) => /budget/.test(e.message)) ? " (budget)" : "";
  rows.push([
    c.name,
    String(beforeN),
    before.length ? "yes" : "no",
    `${afterN}${bounded}`,
    report.matches.length ? "yes" : "no",
  ]);
}
rows.push(["one run, all three (shared cache)", String(runBefore), "", String(runAfter), ""]);
console.log(JSON.stringify({ secrets: SECRETS, rows }));
await kv.close();
