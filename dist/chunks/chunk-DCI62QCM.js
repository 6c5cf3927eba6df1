import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  base64Text,
  describeShape,
  jsonStringFields,
  jsonUnescaped,
  percentDecoded,
  secretComponents,
  shapeOf
} from "./chunk-L3JTYT5C.js";
import {
  builtinRules,
  require_picomatch
} from "./chunk-5ZHEO3AZ.js";
import {
  __toESM
} from "./chunk-V43CEDMD.js";

// src/remediation/ports.ts
var SecretStoreError = class extends Error {
  constructor(message, kind, statusCode) {
    super(message);
    this.kind = kind;
    this.statusCode = statusCode;
  }
  kind;
  statusCode;
  name = "SecretStoreError";
};

// src/remediation/match-types.ts
var INCIDENT_TAG = "leakstop-incident";
var REPLACES_TAG = "leakstop-replaces";
var DIGEST_TAG = "leakstop-leaked-sha256";
function incidentsOf(version) {
  return (version.tags[INCIDENT_TAG] ?? "").split(",").filter(Boolean);
}

// src/remediation/requested.ts
async function matchRequested(store, name, incident, onValue, options = {}) {
  const versions = [];
  for await (const v of store.listVersions(name, options)) versions.push(v);
  versions.sort((a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0));
  const current = versions.find((v) => v.enabled);
  if (!current) throw new SecretStoreError(`Secret '${name}' in ${store.vaultUrl} has no enabled version.`, "other");
  const { value } = await store.getSecret(name, { version: current.version, ...options });
  onValue(value);
  const done = incidentsOf(current).includes(incident);
  return {
    vaultUrl: store.vaultUrl,
    name,
    kinds: ["requested"],
    incidents: [incident],
    ruleIds: [],
    leakedVersions: done ? [] : [current.version],
    leakedDigests: {},
    holders: [],
    versions,
    shape: shapeOf(value)
  };
}
async function resolveSecretName(raw, vaultUrls, ports, options = {}) {
  const name = raw.trim();
  const url = /^(https:\/\/[^/]+)\/secrets\/([^/?#]+)/i.exec(name);
  if (url) return { vaultUrl: url[1], name: decodeURIComponent(url[2]) };
  if (!/^[0-9A-Za-z-]{1,127}$/.test(name)) {
    throw new TypeError(`'${name}' is not a Key Vault secret name (1-127 letters, digits and dashes).`);
  }
  if (vaultUrls.length === 0) throw new TypeError(`No vault to look up secret '${name}' in; set the vault URL.`);
  if (vaultUrls.length === 1) return { vaultUrl: vaultUrls[0], name };
  const found = [];
  for (const vaultUrl of vaultUrls) {
    try {
      for await (const _ of ports.secretStore(vaultUrl).listVersions(name, options)) break;
      found.push(vaultUrl);
    } catch (e) {
      if (!(e instanceof SecretStoreError && e.kind === "not-found")) throw e;
    }
  }
  if (found.length === 1) return { vaultUrl: found[0], name };
  if (found.length === 0) {
    throw new SecretStoreError(`No vault of ${vaultUrls.join(", ")} has a secret '${name}'.`, "not-found");
  }
  throw new TypeError(
    `Secret '${name}' exists in several vaults (${found.join(", ")}); name it as ${found[0]}/secrets/${name}.`
  );
}

// src/remediation/match.ts
var import_picomatch = __toESM(require_picomatch(), 1);

// src/remediation/candidates.ts
import { createHash } from "node:crypto";
var INCIDENT_TAG2 = "leakstop-incident";
var DIGEST_TAG2 = "leakstop-leaked-sha256";
var SYNONYMS = {
  postgres: ["postgres", "postgresql", "pg", "psql", "db", "database"],
  postgresql: ["postgres", "postgresql", "pg", "db", "database"],
  mysql: ["mysql", "mariadb", "db", "database"],
  sql: ["sql", "db", "database"],
  database: ["db", "database"],
  password: ["password", "pwd", "pass", "db"],
  storage: ["storage", "blob", "stg", "account"],
  cosmos: ["cosmos", "cosmosdb", "db"],
  servicebus: ["servicebus", "sb", "bus", "queue"],
  connection: ["connection", "conn", "cs"],
  github: ["github", "gh", "pat"],
  stripe: ["stripe"],
  slack: ["slack"],
  sas: ["sas", "signing"]
};
var GENERIC = /* @__PURE__ */ new Set(["generic", "key", "token", "secret", "api", "access", "string", "azure", "account"]);
function rankCandidates(secrets, leaks, knownNames = /* @__PURE__ */ new Set()) {
  const words = /* @__PURE__ */ new Set();
  const names = /* @__PURE__ */ new Set();
  const digests = /* @__PURE__ */ new Set();
  const fingerprints = /* @__PURE__ */ new Set();
  for (const leak of leaks) {
    for (const t of leak.ruleId.toLowerCase().split(/[^a-z0-9]+/)) {
      if (!t || GENERIC.has(t)) continue;
      words.add(t);
      for (const s of SYNONYMS[t] ?? []) words.add(s);
    }
    for (const n of namesIn(leak.text)) names.add(n);
    for (const d of leak.digests) digests.add(d);
    fingerprints.add(leak.fingerprint);
  }
  const ranked = secrets.map((info) => {
    let score = 0;
    const incidents = (info.tags[INCIDENT_TAG2] ?? "").split(",");
    if (incidents.some((i) => fingerprints.has(i))) score += 100;
    if (digests.has(info.tags[DIGEST_TAG2] ?? "")) score += 100;
    if (knownNames.has(info.name.toLowerCase())) score += 40;
    const provider = (info.tags.ProviderAddress ?? "").toLowerCase();
    if (provider) score += 5;
    const haystack = [info.name, info.contentType ?? "", ...Object.entries(info.tags).flat()].join(" ").toLowerCase();
    const tokens = new Set(haystack.split(/[^a-z0-9]+/).filter(Boolean));
    for (const w of words) if (tokens.has(w)) score += 10;
    for (const n of names) {
      if (provider.split("/").includes(n)) score += 50;
      else if (haystack.includes(n)) score += 30;
    }
    if (Object.keys(info.tags).some((k) => k.startsWith("leakstop-"))) score += 3;
    return { info, score };
  });
  return ranked.sort((a, b) => b.score - a.score || a.info.name.localeCompare(b.info.name));
}
function namesIn(text) {
  const out = [];
  const account = /(?:AccountName|Endpoint=sb:\/\/|SharedAccessKeyName)=?([A-Za-z0-9-]{3,63})/i.exec(text);
  if (account?.[1]) out.push(account[1].toLowerCase());
  const url = /[a-z][a-z0-9+.-]*:\/\/(?:([^:@/\s]+)(?::[^@/\s]*)?@)?([A-Za-z0-9-]{3,63})[.:/]/i.exec(text);
  if (url?.[1] && url[1].length >= 3) out.push(url[1].toLowerCase());
  if (url?.[2] && url[2].toLowerCase() !== "localhost") out.push(url[2].toLowerCase());
  return out.filter((n) => !GENERIC.has(n));
}
function sha256Hex(text) {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

// src/remediation/holders.ts
var MAX_JSON_FIELDS = 200;
function holderViews(value) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const add = (text, location) => {
    if (text.length === 0) return;
    const k = `${location.part}\0${location.jsonPointer ?? ""}\0${location.escapes.join(",")}\0${text}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ text, location });
  };
  const fromText = (text, wrapped) => {
    const nl = /\r\n$/.test(text) ? "\r\n" : /\n$/.test(text) ? "\n" : void 0;
    const body = nl ? text.slice(0, -nl.length) : text;
    const base = (escapes, extra = {}) => ({
      encoding: wrapped ? "base64" : extra.jsonPointer !== void 0 ? "json" : escapes.includes("url") ? "url" : "raw",
      escapes,
      part: "whole",
      ...nl ? { trailingNewline: nl } : {},
      ...extra
    });
    const withParts = (t, escapes, extra = {}) => {
      add(t, base(escapes, extra));
      const dec = percentDecoded(t);
      if (dec !== void 0) add(dec, base(["url", ...escapes], extra));
      for (const s of secretComponents(t)) {
        const part = t.slice(s.start, s.end);
        add(part, base(escapes, { ...extra, part: "component" }));
        const d = percentDecoded(part);
        if (d !== void 0) add(d, base(["url", ...escapes], { ...extra, part: "component" }));
      }
    };
    withParts(body, []);
    const json = jsonStringFields(body, MAX_JSON_FIELDS);
    for (const [pointer, s] of json) withParts(s, ["json"], { jsonPointer: pointer });
  };
  fromText(value, false);
  const decoded = base64Text(value.trim());
  if (decoded !== void 0) fromText(decoded, true);
  return out;
}
function leakForms(leaked) {
  const whole = /* @__PURE__ */ new Set([leaked]);
  const trimmed = leaked.replace(/\r?\n$/, "").trim();
  whole.add(trimmed);
  const url = percentDecoded(trimmed);
  if (url !== void 0) whole.add(url);
  const b64 = base64Text(trimmed);
  if (b64 !== void 0) {
    whole.add(b64);
    whole.add(b64.replace(/\r?\n$/, ""));
  }
  const unescaped = jsonUnescaped(trimmed);
  if (unescaped !== void 0) whole.add(unescaped);
  const components = /* @__PURE__ */ new Set();
  for (const w of whole) {
    for (const s of secretComponents(w)) {
      const part = w.slice(s.start, s.end);
      components.add(part);
      const d = percentDecoded(part);
      if (d !== void 0) components.add(d);
    }
  }
  whole.delete("");
  return { whole: [...whole], components: [...components].filter((c) => c.length > 0) };
}
function credentialOf(text) {
  const spans = secretComponents(text);
  const only = spans.length === 1 ? spans[0] : void 0;
  if (!only) return text;
  const part = text.slice(only.start, only.end);
  return percentDecoded(part) ?? part;
}

// src/remediation/vault-reads.ts
var PAGE = 25;
var MatchCache = class {
  vaults = /* @__PURE__ */ new Map();
  /** Requests made to each vault so far, by normalized URL. */
  requestsByVault() {
    return Object.fromEntries([...this.vaults].map(([k, v]) => [k, v.requests]));
  }
  /** @internal */
  state(vaultUrl) {
    const k = normalizeVaultUrl(vaultUrl);
    let s = this.vaults.get(k);
    if (!s) {
      s = { requests: 0, versions: /* @__PURE__ */ new Map(), views: /* @__PURE__ */ new Map(), shapes: /* @__PURE__ */ new Map(), latest: /* @__PURE__ */ new Map() };
      this.vaults.set(k, s);
    }
    return s;
  }
};
var BudgetExhausted = class extends Error {
};
function normalizeVaultUrl(url) {
  return url.trim().replace(/\/+$/, "").toLowerCase();
}
async function listOnce(store, state, ctx) {
  if (state.listing) return state.listing;
  const listing = [];
  for await (const s of store.listSecrets(ctx.options)) listing.push(s);
  const pages = Math.max(1, Math.ceil(listing.length / PAGE));
  state.requests += pages;
  ctx.counter.requests += pages;
  state.listing = listing;
  return listing;
}
function spend(state, ctx, n) {
  if (state.requests + n > ctx.budget) throw new BudgetExhausted();
  state.requests += n;
  ctx.counter.requests += n;
}
async function versionsOf(store, name, state, ctx) {
  const cached = state.versions.get(name);
  if (cached) return cached;
  spend(state, ctx, 1);
  const versions = [];
  for await (const v of store.listVersions(name, ctx.options)) versions.push(v);
  const extra = Math.ceil(versions.length / PAGE) - 1;
  if (extra > 0) {
    state.requests += extra;
    ctx.counter.requests += extra;
  }
  versions.sort((a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0));
  state.versions.set(name, versions);
  return versions;
}
async function viewsOf(store, name, version, state, ctx) {
  const k = `${name}/${version}`;
  const cached = state.views.get(k);
  if (cached) return cached;
  spend(state, ctx, 1);
  ctx.counter.reads++;
  const { value } = await store.getSecret(name, { version, abortSignal: ctx.options.abortSignal });
  if (!state.shapes.has(name)) state.shapes.set(name, shapeOf(value));
  const views = digestViews(value);
  state.views.set(k, views);
  return views;
}
async function latestViews(store, name, ctx) {
  const state = ctx.cache.state(store.vaultUrl);
  const cached = state.latest.get(name);
  const known = cached ? state.views.get(`${name}/${cached}`) : void 0;
  if (known) return known;
  spend(state, ctx, 1);
  ctx.counter.reads++;
  const { info, value } = await store.getSecret(name, { abortSignal: ctx.options.abortSignal });
  const views = digestViews(value);
  if (!state.shapes.has(name)) state.shapes.set(name, shapeOf(value));
  state.latest.set(name, info.version);
  state.views.set(`${name}/${info.version}`, views);
  return views;
}
function digestViews(value) {
  return holderViews(value).map((v) => ({
    digest: sha256Hex(v.text),
    location: v.location,
    credential: sha256Hex(credentialOf(v.text))
  }));
}

// src/remediation/match.ts
var DEFAULT_MAX_REQUESTS_PER_VAULT = 600;
function leakOf(finding) {
  const { whole, components } = leakForms(finding.secret);
  return {
    finding,
    whole: sha256Hex(finding.secret),
    forms: new Map(whole.map((w) => [sha256Hex(w), sha256Hex(credentialOf(w))])),
    components: new Set(components.map(sha256Hex))
  };
}
async function matchFindings(findings, ports, options) {
  const byFp = /* @__PURE__ */ new Map();
  for (const f of findings) if (!byFp.has(f.fingerprint)) byFp.set(f.fingerprint, leakOf(f));
  const leaks = [...byFp.values()];
  const found = /* @__PURE__ */ new Map();
  const errors = [];
  const cache = options.cache ?? new MatchCache();
  const counter = { reads: 0, requests: 0 };
  const budget = options.maxRequestsPerVault ?? DEFAULT_MAX_REQUESTS_PER_VAULT;
  const ctx = { cache, counter, options, budget };
  const matchedNames = /* @__PURE__ */ new Set();
  const isMatched = (leak) => [...found.values()].some((m) => m.incidents.has(leak.finding.fingerprint));
  const vaults = dedupeVaults(options.config.vaults);
  for (const vault of leaks.length ? vaults : []) {
    const store = ports.secretStore(vault.url);
    const state = cache.state(vault.url);
    state.versions.clear();
    state.latest.clear();
    const vctx = vault.maxRequests ? { ...ctx, budget: vault.maxRequests } : ctx;
    const budget2 = vctx.budget;
    if (options.index && await options.index.refreshedAt(vault.url) !== void 0) {
      try {
        await matchIndexed(store, vault, leaks, options.index, vctx, (m) => {
          merge(found, m);
          matchedNames.add(m.name.toLowerCase());
        });
      } catch (e) {
        options.abortSignal?.throwIfAborted();
        errors.push({ vaultUrl: vault.url, message: e.message });
      }
      continue;
    }
    let listing;
    try {
      listing = await listOnce(store, state, vctx);
    } catch (e) {
      options.abortSignal?.throwIfAborted();
      errors.push({ vaultUrl: vault.url, message: e.message });
      continue;
    }
    const names = filterCandidates(listing, vault);
    const ranked = rankCandidates(names, leaks.map(hintOf), matchedNames);
    const here = /* @__PURE__ */ new Set();
    const pending = () => leaks.some((l) => !here.has(l.finding.fingerprint));
    const failed = /* @__PURE__ */ new Map();
    const searched = /* @__PURE__ */ new Set();
    let outOfBudget = false;
    const attempt = async (name, check) => {
      if (failed.has(name) || searched.has(name)) return;
      if (state.requests >= budget2) {
        outOfBudget = true;
        return;
      }
      try {
        const m = await check();
        if (m) {
          searched.add(name);
          for (const i of m.incidents) here.add(i);
          merge(found, m);
          matchedNames.add(name.toLowerCase());
        }
      } catch (e) {
        if (options.abortSignal?.aborted) throw e;
        if (e instanceof BudgetExhausted) outOfBudget = true;
        else failed.set(name, e.message);
      }
    };
    const full = (name) => async () => {
      const m = await checkSecret(store, name, leaks, vctx);
      searched.add(name);
      return m;
    };
    const limit = options.concurrency ?? 8;
    const signal = ranked.filter((r) => r.score > 0).map((r) => r.info.name);
    const rest = ranked.filter((r) => r.score === 0).map((r) => r.info.name);
    await forEachLimit(signal, limit, (name) => attempt(name, full(name)));
    await forEachLimit(rest, limit, async (name) => {
      if (!pending()) return;
      await attempt(name, async () => await latestHolds(store, name, leaks, vctx) ? full(name)() : void 0);
    });
    await forEachLimit(rest, limit, async (name) => {
      if (pending()) await attempt(name, full(name));
    });
    const failures = [...failed.values()];
    if (failures.length > 0) {
      errors.push({
        vaultUrl: vault.url,
        message: `${failures.length} of ${names.length} candidate secret(s) could not be read; first: ${failures[0]}`
      });
    }
    if (outOfBudget && !leaks.every(isMatched)) {
      const left = names.length - searched.size - failed.size;
      errors.push({
        vaultUrl: vault.url,
        message: `Stopped searching after ${state.requests} Key Vault requests (the budget is ${budget2} per vault and run): ${left} of ${names.length} candidate secret(s) were not fully searched. Narrow the search with 'vaults[].namePattern' or 'tags' in the config, add a mapping, or raise the budget.`
      });
    }
  }
  const unmatched = [];
  for (const leak of leaks) {
    if (isMatched(leak)) continue;
    const fp = leak.finding.fingerprint;
    const mapping = options.config.mappings.find((m) => mappingApplies(m, leak.finding));
    if (!mapping) {
      unmatched.push({
        fingerprint: fp,
        code: vaults.length ? "no-holder" : "no-vault",
        reason: vaults.length ? `No secret in the ${vaults.length} configured vault(s) holds this value, and no mapping applies.` : "No vault is configured (`vault-url`, or `vaults` in the config), and no mapping applies."
      });
      continue;
    }
    const vaultUrl = mapping.vault ?? (vaults.length === 1 ? vaults[0]?.url : void 0);
    if (!vaultUrl) {
      unmatched.push({
        fingerprint: fp,
        code: "mapping-ambiguous",
        reason: `The mapping to secret '${mapping.secret}' names no vault and ${vaults.length} vaults are configured; add 'vault:' to it.`
      });
      continue;
    }
    try {
      const store = ports.secretStore(vaultUrl);
      const m = await checkSecret(store, mapping.secret, [leak], { ...ctx, budget: Number.POSITIVE_INFINITY });
      if (m) {
        m.kinds.add("mapping");
        merge(found, m);
      } else {
        unmatched.push({
          fingerprint: fp,
          code: "mapping-mismatch",
          reason: `The mapping names secret '${mapping.secret}' in ${vaultUrl}, but the mapping does not hold the leaked value: no enabled version of it holds this value in any encoding. Nothing was rotated.`
        });
      }
    } catch (e) {
      errors.push({ vaultUrl, message: e.message });
      unmatched.push({
        fingerprint: fp,
        code: "mapping-unreadable",
        reason: `The mapped secret could not be read: ${e.message}`
      });
    }
  }
  const matches = [...found.values()].map(freeze).sort((a, b) => key(a).localeCompare(key(b)));
  return { matches, unmatched, errors, reads: counter.reads, requests: counter.requests, groups: groupsOf(matches) };
}
function hintOf(leak) {
  return {
    fingerprint: leak.finding.fingerprint,
    ruleId: leak.finding.ruleId,
    digests: [leak.whole, ...leak.forms.keys()],
    text: leak.finding.secret
  };
}
function filterCandidates(listing, vault) {
  const pattern = vault.namePattern ? new RegExp(vault.namePattern) : void 0;
  return listing.filter(
    (s) => s.enabled && !s.managed && (!pattern || pattern.test(s.name)) && (!vault.tags || Object.entries(vault.tags).every(([k, v]) => s.tags[k] === v))
  );
}
var key = (m) => `${m.vaultUrl}\0${m.name}`;
function merge(found, m) {
  const existing = found.get(key(m));
  if (!existing) {
    found.set(key(m), m);
    return;
  }
  for (const k of m.kinds) existing.kinds.add(k);
  for (const i of m.incidents) existing.incidents.add(i);
  for (const r of m.ruleIds) existing.ruleIds.add(r);
  for (const v of m.leakedVersions) existing.leakedVersions.add(v);
  for (const [v, d] of m.leakedDigests) existing.leakedDigests.set(v, d);
  for (const [k, h] of m.holders) {
    const e = existing.holders.get(k);
    if (e) for (const i of h.incidents) e.incidents.add(i);
    else existing.holders.set(k, h);
  }
}
function freeze(m) {
  const order = new Map(m.versions.map((v, i) => [v.version, i]));
  return {
    vaultUrl: m.vaultUrl,
    name: m.name,
    kinds: [...m.kinds].sort(),
    incidents: [...m.incidents].sort(),
    ruleIds: [...m.ruleIds].sort(),
    leakedVersions: m.versions.filter((v) => m.leakedVersions.has(v.version)).map((v) => v.version),
    leakedDigests: Object.fromEntries(m.leakedDigests),
    versions: m.versions,
    shape: m.shape,
    holders: [...m.holders.values()].sort((a, b) => (order.get(a.version) ?? 0) - (order.get(b.version) ?? 0)).map((h) => ({ ...h, incidents: [...h.incidents].sort() }))
  };
}
function groupsOf(matches) {
  const groups = /* @__PURE__ */ new Map();
  for (const m of matches) {
    for (const h of m.holders ?? []) {
      let g = groups.get(h.credential);
      if (!g) {
        g = { incidents: /* @__PURE__ */ new Set(), holders: [] };
        groups.set(h.credential, g);
      }
      for (const i of h.incidents) g.incidents.add(i);
      g.holders.push({ vaultUrl: m.vaultUrl, name: m.name, version: h.version, location: h.location });
    }
  }
  return [...groups].map(([credential, g]) => ({ credential, incidents: [...g.incidents].sort(), holders: g.holders }));
}
function dedupeVaults(vaults) {
  const seen = /* @__PURE__ */ new Set();
  return vaults.filter((v) => {
    const k = normalizeVaultUrl(v.url);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
async function matchIndexed(store, vault, leaks, index, ctx, onMatch) {
  const here = normalizeVaultUrl(vault.url);
  const pattern = vault.namePattern ? new RegExp(vault.namePattern) : void 0;
  const names = /* @__PURE__ */ new Set();
  for (const leak of leaks) {
    for (const v of await index.candidates(leak.finding.secret)) {
      if (normalizeVaultUrl(v.vaultUrl) === here && (!pattern || pattern.test(v.name))) names.add(v.name);
    }
  }
  const failures = [];
  await forEachLimit([...names], ctx.options.concurrency ?? 8, async (name) => {
    try {
      const versions = await versionsOf(store, name, ctx.cache.state(store.vaultUrl), ctx);
      const current = versions.find((v) => v.enabled);
      if (vault.tags && !Object.entries(vault.tags).every(([k, v]) => current?.tags[k] === v)) return;
      const m = await checkSecret(store, name, leaks, ctx);
      if (m) onMatch(m);
    } catch (e) {
      if (ctx.options.abortSignal?.aborted) throw e;
      failures.push(e.message);
    }
  });
  if (failures.length > 0) {
    throw new Error(
      `${failures.length} of ${names.size} indexed candidate secret(s) could not be read; first: ${failures[0]}`
    );
  }
}
async function latestHolds(store, name, leaks, ctx) {
  const views = await latestViews(store, name, ctx);
  return leaks.some((leak) => hitOf(leak, views) !== void 0);
}
function hitOf(leak, views) {
  let hit;
  for (const view of views) {
    const whole = view.location.part === "whole";
    if (leak.forms.has(view.digest)) {
      hit = { kind: whole ? "exact" : "component", view };
      if (whole) break;
    } else if (!hit && leak.components.has(view.digest)) {
      hit = { kind: whole ? "contains-component" : "component", view: { ...view, credential: view.digest } };
    }
  }
  return hit;
}
async function checkSecret(store, name, leaks, ctx) {
  const state = ctx.cache.state(store.vaultUrl);
  const versions = await versionsOf(store, name, state, ctx);
  const m = {
    vaultUrl: store.vaultUrl,
    name,
    kinds: /* @__PURE__ */ new Set(),
    incidents: /* @__PURE__ */ new Set(),
    ruleIds: /* @__PURE__ */ new Set(),
    leakedVersions: /* @__PURE__ */ new Set(),
    leakedDigests: /* @__PURE__ */ new Map(),
    versions,
    shape: { kind: "unsupported", why: "no readable version" },
    holders: /* @__PURE__ */ new Map()
  };
  const tie = (leak, kind, version) => {
    m.kinds.add(kind);
    m.incidents.add(leak.finding.fingerprint);
    m.ruleIds.add(leak.finding.ruleId);
    if (version) {
      m.leakedVersions.add(version);
      m.leakedDigests.set(version, leak.whole);
    }
  };
  for (const v of versions) {
    const tagged = new Set(incidentsOf(v));
    const before = v.tags[DIGEST_TAG];
    for (const leak of leaks) {
      if (tagged.has(leak.finding.fingerprint)) tie(leak, "incident-tag");
      else if (before && (before === leak.whole || leak.forms.has(before))) tie(leak, "leaked-before");
    }
  }
  const readable = versions.filter((v) => v.enabled).slice(0, ctx.options.maxVersionsPerSecret ?? versions.length);
  for (const v of readable) {
    const views = await viewsOf(store, name, v.version, state, ctx);
    for (const leak of leaks) {
      const hit = hitOf(leak, views);
      if (!hit) continue;
      tie(leak, hit.kind, v.version);
      const hk = `${v.version}\0${hit.view.credential}`;
      const holder = m.holders.get(hk) ?? {
        version: v.version,
        location: hit.view.location,
        credential: hit.view.credential,
        incidents: /* @__PURE__ */ new Set()
      };
      holder.incidents.add(leak.finding.fingerprint);
      m.holders.set(hk, holder);
    }
  }
  m.shape = state.shapes.get(name) ?? m.shape;
  return m.incidents.size > 0 ? m : void 0;
}
function mappingApplies(mapping, finding) {
  if (mapping.rule === void 0 && mapping.path === void 0) return false;
  if (mapping.rule !== void 0 && mapping.rule !== finding.ruleId) return false;
  if (mapping.path !== void 0 && !import_picomatch.default.isMatch(finding.path, mapping.path, { dot: true })) return false;
  return true;
}
async function forEachLimit(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

// src/remediation/revocation.ts
var AZURE_KEYS = {
  provider: "Azure",
  url: "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage",
  how: "Regenerate the key on the resource's 'Access keys' blade (or `az \u2026 keys renew`): regenerate the key the apps do not use, switch them to it, then regenerate the leaked one."
};
var GITHUB = {
  provider: "GitHub",
  url: "https://docs.github.com/rest/credentials/revoke",
  how: "Revoke the token (Settings \u2192 Developer settings \u2192 tokens, or POST /credentials/revoke), then create a replacement and store it in the vault."
};
var WRITTEN = {
  // A JWT's reference is its format's RFC, not a provider: say how to find and act at the issuer.
  jwt: {
    provider: "the token's issuer (its `iss` claim)",
    url: "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.1",
    how: "A signed JWT stays valid until it expires. Find its issuer from the `iss` claim (decode it locally, never in an online decoder), then revoke the session or refresh token there; for a long-lived token, rotate the issuer's signing key, which invalidates every token it signed."
  },
  "stripe-secret-key": {
    provider: "Stripe",
    url: "https://dashboard.stripe.com/apikeys",
    how: "Roll the key on the API keys page (choose an expiry of 'now'), then store the new key in the vault."
  },
  "stripe-webhook-secret": {
    provider: "Stripe",
    url: "https://dashboard.stripe.com/webhooks",
    how: "Roll the endpoint's signing secret on the webhook's page, then store the new secret in the vault."
  },
  "slack-token": {
    provider: "Slack",
    url: "https://api.slack.com/methods/auth.revoke",
    how: "Revoke the token (auth.revoke, or reinstall the app at https://api.slack.com/apps to issue a new one), then store the new token in the vault."
  },
  "slack-webhook-url": {
    provider: "Slack",
    url: "https://api.slack.com/apps",
    how: "Remove the incoming webhook from the app's 'Incoming Webhooks' page and add a new one."
  },
  "aws-access-key-id": {
    provider: "AWS",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console",
    how: "Create a second access key for the IAM user, switch the apps to it, then deactivate and delete the leaked key (`aws iam update-access-key --status Inactive`)."
  },
  "aws-secret-access-key": {
    provider: "AWS",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console",
    how: "Create a second access key for the IAM user, switch the apps to it, then deactivate and delete the leaked key (`aws iam update-access-key --status Inactive`)."
  },
  "aws-session-token": {
    provider: "AWS",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html",
    how: "Revoke the role's active sessions (IAM console \u2192 role \u2192 'Revoke active sessions')."
  },
  "google-api-key": {
    provider: "Google Cloud",
    url: "https://console.cloud.google.com/apis/credentials",
    how: "Regenerate the key on the Credentials page (or delete it and create a restricted one), then store the new key in the vault."
  },
  "openai-api-key": {
    provider: "OpenAI",
    url: "https://platform.openai.com/api-keys",
    how: "Revoke the key on the API keys page and create a new one."
  },
  "anthropic-api-key": {
    provider: "Anthropic",
    url: "https://console.anthropic.com/settings/keys",
    how: "Disable or delete the key in the Console and create a new one."
  },
  "npm-token": {
    provider: "npm",
    url: "https://docs.npmjs.com/revoking-access-tokens",
    how: "Delete the token (npmjs.com \u2192 Access Tokens, or `npm token revoke`), then create a new one."
  },
  "npmrc-auth-token": {
    provider: "npm",
    url: "https://docs.npmjs.com/revoking-access-tokens",
    how: "Delete the token (npmjs.com \u2192 Access Tokens, or `npm token revoke`), then create a new one."
  },
  "pypi-token": {
    provider: "PyPI",
    url: "https://pypi.org/manage/account/token/",
    how: "Remove the API token in your account settings and create a new one."
  },
  "sendgrid-api-key": {
    provider: "SendGrid",
    url: "https://app.sendgrid.com/settings/api_keys",
    how: "Delete the API key and create a new one."
  },
  "twilio-api-key": {
    provider: "Twilio",
    url: "https://console.twilio.com/us1/account/keys-credentials/api-keys",
    how: "Delete the API key and create a new one."
  },
  "github-pat": GITHUB,
  "github-fine-grained-pat": GITHUB,
  "github-oauth-token": GITHUB,
  "github-user-to-server-token": GITHUB,
  "github-refresh-token": GITHUB,
  "github-app-installation-token": {
    provider: "GitHub",
    url: "https://docs.github.com/rest/apps/installations#revoke-an-installation-access-token",
    how: "Revoke it with DELETE /installation/token (it expires within an hour anyway)."
  },
  "azure-storage-account-key": AZURE_KEYS,
  "azure-sas-token": {
    provider: "Azure Storage",
    url: "https://learn.microsoft.com/azure/storage/common/sas-expiration-policy",
    how: "A SAS cannot be revoked alone: regenerate the account key that signed it (or delete the stored access policy it names)."
  },
  "azure-cosmosdb-key": { ...AZURE_KEYS, url: "https://learn.microsoft.com/azure/cosmos-db/secure-access-to-data" },
  "azure-cosmosdb-connection-string": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/cosmos-db/secure-access-to-data"
  },
  "azure-servicebus-connection-string": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas"
  },
  "azure-servicebus-key": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas"
  },
  "azure-eventhubs-key": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/event-hubs/authorize-access-shared-access-signature"
  },
  "azure-relay-key": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/azure-relay/relay-authentication-and-authorization"
  },
  "azure-app-configuration-connection-string": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication"
  },
  "azure-container-registry-password": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/container-registry/container-registry-authentication"
  },
  "azure-entra-client-secret": {
    provider: "Microsoft Entra ID",
    url: "https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials",
    how: "Add a new client secret to the app registration (Certificates & secrets), switch the apps to it, then delete the leaked one."
  },
  "azure-devops-pat": {
    provider: "Azure DevOps",
    url: "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate#revoke-pats",
    how: "Revoke the personal access token under User settings \u2192 Personal access tokens."
  },
  "azure-devops-pat-legacy": {
    provider: "Azure DevOps",
    url: "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate#revoke-pats",
    how: "Revoke the personal access token under User settings \u2192 Personal access tokens."
  },
  "azure-functions-key": {
    provider: "Azure Functions",
    url: "https://learn.microsoft.com/azure/azure-functions/function-keys-how-to",
    how: "Renew the function or host key on the function app's 'App keys' blade."
  },
  "azure-apim-subscription-key": {
    provider: "Azure API Management",
    url: "https://learn.microsoft.com/azure/api-management/api-management-subscriptions",
    how: "Regenerate the subscription's key on the API Management instance's Subscriptions blade."
  },
  "sql-server-connection-string": {
    provider: "SQL Server",
    url: "https://learn.microsoft.com/sql/t-sql/statements/alter-login-transact-sql",
    how: "Change the login's password (`ALTER LOGIN \u2026 WITH PASSWORD`), then store the new connection string in the vault."
  },
  "database-url-password": {
    provider: "the database server",
    url: "https://www.postgresql.org/docs/current/sql-alterrole.html",
    how: "Change the role's password (PostgreSQL `ALTER ROLE \u2026 PASSWORD`, MySQL `ALTER USER \u2026 IDENTIFIED BY`), then store the new URL in the vault."
  },
  "jdbc-url-password": {
    provider: "the database server",
    url: "https://www.postgresql.org/docs/current/sql-alterrole.html",
    how: "Change the user's password at the database server, then store the new URL in the vault."
  },
  "private-key": {
    provider: "whoever trusts the key",
    url: "https://docs.github.com/authentication/connecting-to-github-with-ssh/reviewing-your-ssh-keys",
    how: "Remove the public key wherever it is trusted (authorized_keys, deploy keys, a certificate authority's revocation list) and issue a new key pair."
  },
  // AI and ML platforms. "Delete" here means the leaked key stops working at once; creating a
  // new key alone leaves the leaked one valid.
  "azure-ml-classic-key": {
    provider: "Azure Machine Learning Studio (classic)",
    url: "https://portal.azure.com/",
    how: "Regenerate the web service's primary and secondary keys (Azure portal \u2192 the classic web service \u2192 keys, or the Azure ML Web Services portal), or delete the web service; Studio (classic) is retired, so move the model to an Azure ML online endpoint and delete the classic service."
  },
  "groq-api-key": {
    provider: "Groq",
    url: "https://console.groq.com/keys",
    how: "Delete the leaked key on the GroqCloud console's API Keys page (creating a new key does not revoke it), then create a new one and store it in the vault."
  },
  "replicate-api-token": {
    provider: "Replicate",
    url: "https://replicate.com/account/api-tokens",
    how: "Delete the leaked token under Account settings \u2192 API tokens, then create a new token and store it in the vault."
  },
  "perplexity-api-key": {
    provider: "Perplexity",
    url: "https://docs.perplexity.ai/guides/api-key-management",
    how: "Revoke the leaked key on the API Keys page of the API console (console.perplexity.ai) or with the /revoke_auth_token endpoint (revocation is permanent), then generate a new key in the same API group and store it in the vault."
  },
  "xai-api-key": {
    provider: "xAI",
    url: "https://console.x.ai/",
    how: "In the xAI console open the team's API Keys page, delete the leaked key, then create a new one and store it in the vault."
  },
  "openrouter-api-key": {
    provider: "OpenRouter",
    url: "https://openrouter.ai/settings/keys",
    how: "Delete (not only disable) the leaked key on Settings \u2192 API Keys, then create a new key and store it in the vault."
  },
  "langsmith-api-key": {
    provider: "LangSmith (LangChain)",
    url: "https://smith.langchain.com/settings",
    how: "In Settings \u2192 API Keys delete the leaked personal access token or service key, then create a new one and store it in the vault."
  },
  "pinecone-api-key": {
    provider: "Pinecone",
    url: "https://app.pinecone.io/",
    how: "In the Pinecone console open the project \u2192 API Keys, delete the leaked key, then create a new key and store it in the vault."
  },
  "elevenlabs-api-key": {
    provider: "ElevenLabs",
    url: "https://elevenlabs.io/app/settings/api-keys",
    how: "Delete the leaked key on Settings \u2192 API Keys, then create a new key (scoped to what the app needs) and store it in the vault."
  },
  "fireworks-api-key": {
    provider: "Fireworks AI",
    url: "https://docs.fireworks.ai/tools-sdks/firectl/commands/api-key-delete",
    how: "Delete the leaked key in the dashboard's Settings \u2192 API Keys (or `firectl api-key delete KEY_ID`), then create a new one and store it in the vault."
  },
  "cerebras-api-key": {
    provider: "Cerebras",
    url: "https://cloud.cerebras.ai/",
    how: "In the Cerebras Cloud console open API Keys, delete the leaked key, then generate a new one and store it in the vault."
  },
  "cohere-api-key": {
    provider: "Cohere",
    url: "https://dashboard.cohere.com/api-keys",
    how: "Delete the leaked key on the dashboard's API Keys page, then create a new production key and store it in the vault."
  },
  "mistral-api-key": {
    provider: "Mistral AI",
    url: "https://console.mistral.ai/api-keys",
    how: "Delete the leaked key on the console's API Keys page, then create a new one and store it in the vault."
  },
  "deepseek-api-key": {
    provider: "DeepSeek",
    url: "https://platform.deepseek.com/api_keys",
    how: "Delete the leaked key on the platform's API keys page, then create a new one and store it in the vault."
  },
  "together-api-key": {
    provider: "Together AI",
    url: "https://docs.together.ai/docs/multiple-api-keys",
    how: "Revoke the leaked key in the dashboard's Settings \u2192 API Keys; the account's default user key cannot be revoked, so regenerate it instead (Manage Account). Store the new key in the vault."
  },
  "wandb-api-key": {
    provider: "Weights & Biases",
    url: "https://wandb.ai/settings",
    how: "In User settings \u2192 API keys delete (revoke) the leaked key, then create a new key and store it in the vault; service-account keys are revoked in the team's settings."
  },
  // Package registries.
  "clojars-token": {
    provider: "Clojars",
    url: "https://clojars.org/tokens",
    how: "Click 'Disable token' on the leaked deploy token (disabling is permanent), then create a new token, scoped to the artifact or group, and store it in the vault."
  },
  "hex-api-key": {
    provider: "Hex.pm",
    url: "https://hex.pm/dashboard/keys",
    how: "Revoke the leaked key on Dashboard \u2192 Keys (or `mix hex.user key revoke NAME`), then generate a new key and store it in the vault."
  },
  "packagist-token": {
    provider: "Packagist",
    url: "https://packagist.org/profile/",
    how: "Regenerate the API token on your Packagist.org profile (the old one stops working); for Private Packagist delete the token under the organization's Settings \u2192 Authentication tokens. Store the new token in the vault."
  },
  // Messaging and realtime.
  "vonage-api-secret": {
    provider: "Vonage",
    url: "https://developer.vonage.com/account/secret-management",
    how: "In the Vonage Dashboard's API settings add a second API secret (an account holds two), switch the apps to it, then revoke the leaked one (or DELETE https://api.nexmo.com/accounts/{api_key}/secrets/{secret_id})."
  },
  "plivo-auth-token": {
    provider: "Plivo",
    url: "https://www.plivo.com/docs/faq/account/account-management",
    how: "In the console open Account \u2192 Settings \u2192 Credentials, click 'Generate Auth Token' and choose to revoke the old token (keeping it leaves the leak valid), then store the new token in the vault."
  },
  "messagebird-access-key": {
    provider: "MessageBird (Bird)",
    url: "https://dashboard.messagebird.com/",
    how: "In the dashboard's Developers \u2192 API access, delete the leaked access key, then add a new live key and store it in the vault."
  },
  "sinch-api-secret": {
    provider: "Sinch",
    url: "https://dashboard.sinch.com/",
    how: "In the Customer Dashboard open Settings \u2192 Access keys (or the app's credentials), create a new key, switch the apps to it, then delete the leaked key or secret."
  },
  "pusher-secret": {
    provider: "Pusher",
    url: "https://docs.bird.com/pusher/channels/channels/connecting/how-can-i-rotate-my-channels-app-keys",
    how: "In the dashboard open the Channels app \u2192 App Keys, click 'Create new key and secret', switch the apps to it, then delete the leaked key (three-dot menu \u2192 delete) so its secret stops signing."
  },
  "ably-api-key": {
    provider: "Ably",
    url: "https://ably.com/accounts",
    how: "In the app's 'API Keys' tab revoke the leaked key (revocation is immediate and permanent), then create a new key with the capabilities the app needs and store it in the vault."
  },
  "stream-api-secret": {
    provider: "Stream",
    url: "https://dashboard.getstream.io/",
    how: "In the app's dashboard add a new API key and secret, switch the apps to it, then revoke the leaked key pair."
  },
  // Developer tools and observability.
  "readme-api-key": {
    provider: "ReadMe",
    url: "https://dash.readme.com/",
    how: "In the project dashboard open API Keys, revoke the leaked key, then create a new one and store it in the vault."
  },
  "prefect-api-key": {
    provider: "Prefect Cloud",
    url: "https://docs.prefect.io/v3/how-to-guides/cloud/manage-users/api-keys",
    how: "In Prefect Cloud select the account icon \u2192 API Keys and delete the leaked key (a service account's key: rotate it on the service account's page), then create a new key and store it in the vault."
  },
  "frameio-token": {
    provider: "Frame.io",
    url: "https://developer.frame.io/",
    how: "In the Frame.io developer site's Tokens page delete the leaked developer token, then create a new one with only the scopes needed and store it in the vault."
  },
  "rollbar-access-token": {
    provider: "Rollbar",
    url: "https://docs.rollbar.com/docs/access-tokens",
    how: "Disable and delete the leaked token (project \u2192 Settings \u2192 Project Access Tokens, or account Settings \u2192 Account Access Tokens), then create a new token with the same scope and store it in the vault."
  },
  "bugsnag-api-key": {
    provider: "Bugsnag",
    url: "https://app.bugsnag.com/",
    how: "Regenerate the notifier API key in Project settings \u2192 Notifier API key (a personal auth token: revoke it under My account settings \u2192 Personal auth tokens), then store the new key in the vault."
  },
  "splunk-hec-token": {
    provider: "Splunk",
    url: "https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector",
    how: "In Settings \u2192 Data inputs \u2192 HTTP Event Collector create a new token, switch the senders to it, then disable and delete the leaked token."
  },
  "mixpanel-secret": {
    provider: "Mixpanel",
    url: "https://docs.mixpanel.com/reference/service-accounts",
    how: "Delete the leaked service account (Organization settings \u2192 Service Accounts, or DELETE /organizations/{id}/service-accounts/{id}) and create a new one; a project API secret is reset in the project's settings \u2192 Access Keys."
  },
  "segment-write-key": {
    provider: "Segment",
    url: "https://segment.com/docs/connections/find-writekey/",
    how: "In the source's Settings \u2192 API Keys create a new write key, switch the senders to it, then delete the leaked write key."
  },
  "pagerduty-api-key": {
    provider: "PagerDuty",
    url: "https://support.pagerduty.com/main/docs/api-access-keys",
    how: "Delete the leaked REST API key (Integrations \u2192 Developer Tools \u2192 API Access Keys; a user token under the user's settings) or regenerate a leaked integration key on the service's Integrations tab, then store the replacement in the vault."
  },
  // Payments, shipping and commerce.
  "flutterwave-secret-key": {
    provider: "Flutterwave",
    url: "https://app.flutterwave.com/",
    how: "In the dashboard's Settings \u2192 API Keys generate new keys (which invalidates the leaked secret and encryption keys), then store them in the vault."
  },
  "shippo-api-token": {
    provider: "Shippo",
    url: "https://portal.goshippo.com/api-config/api",
    how: "In the API portal's API configuration \u2192 Developer keys create a new live key, switch the apps to it, then remove the leaked token (trash icon)."
  },
  "easypost-api-key": {
    provider: "EasyPost",
    url: "https://docs.easypost.com/docs/authentication",
    how: "On the Dashboard's API Keys page add a new production key, switch the apps to it, then disable the leaked key (Status) and delete it."
  },
  "duffel-access-token": {
    provider: "Duffel",
    url: "https://app.duffel.com/",
    how: "In the dashboard's Developers \u2192 Access tokens revoke the leaked live token, then create a new one and store it in the vault."
  },
  "lob-api-key": {
    provider: "Lob",
    url: "https://help.lob.com/account-management/api-keys",
    how: "In the dashboard's Settings \u2192 API Keys click the refresh (rotate) button under the leaked live secret key, which invalidates it at once, then store the new key in the vault."
  },
  "adyen-api-key": {
    provider: "Adyen",
    url: "https://docs.adyen.com/development-resources/api-credentials",
    how: "In the Customer Area under Developers \u2192 API credentials, generate a new API key for the credential, switch the apps to it, then revoke the leaked key."
  },
  // Email.
  "mailgun-api-key-named": {
    provider: "Mailgun",
    url: "https://app.mailgun.com/settings/api_security",
    how: "On API Security create a new API key, switch the apps to it, then delete the leaked key."
  },
  "brevo-api-key": {
    provider: "Brevo",
    url: "https://app.brevo.com/settings/keys/api",
    how: "Delete the leaked key on SMTP & API \u2192 API keys (an SMTP key on the SMTP tab), then create a new one and store it in the vault."
  },
  "postmark-server-token": {
    provider: "Postmark",
    url: "https://account.postmarkapp.com/",
    how: "In the server's API Tokens tab (an account token under Account \u2192 API Tokens) add a new token, switch the apps to it, then delete the leaked token."
  },
  "mailjet-secret": {
    provider: "Mailjet",
    url: "https://app.mailjet.com/account/apikeys",
    how: "On Account settings \u2192 API Key Management regenerate the secret key of the leaked API key (or delete a sub-account key), then store the new secret in the vault."
  },
  // SaaS.
  "typeform-token": {
    provider: "Typeform",
    url: "https://admin.typeform.com/user/tokens",
    how: "On Account \u2192 Personal tokens delete the leaked token, then generate a new one with only the scopes needed and store it in the vault."
  },
  "contentful-token": {
    provider: "Contentful",
    url: "https://app.contentful.com/account/profile/cma_tokens",
    how: "On Account settings \u2192 CMA tokens revoke the leaked personal access token, then create a new one and store it in the vault."
  },
  "asana-token": {
    provider: "Asana",
    url: "https://app.asana.com/0/my-apps",
    how: "In the developer console's Personal access tokens list, deauthorize the leaked token, then create a new one and store it in the vault."
  },
  "zendesk-api-token": {
    provider: "Zendesk",
    url: "https://support.zendesk.com/hc/en-us/articles/4408889192858",
    how: "In Admin Center \u2192 Apps and integrations \u2192 APIs \u2192 API tokens add a new token, switch the apps to it, then deactivate and delete the leaked token."
  },
  "intercom-access-token": {
    provider: "Intercom",
    url: "https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/",
    how: "In the Developer Hub open the app \u2192 Configure \u2192 Authentication and regenerate the access token; where it cannot be regenerated, delete the app (its token dies with it) and create a new one. Store the new token in the vault."
  },
  "adafruit-io-key": {
    provider: "Adafruit IO",
    url: "https://io.adafruit.com/",
    how: "Open the key dialog ('Key' button) and click 'Regenerate Key', which invalidates the leaked one, then store the new key in the vault."
  },
  "auth0-client-secret": {
    provider: "Auth0",
    url: "https://manage.auth0.com/",
    how: "Rotate the application's client secret (Applications \u2192 the app \u2192 Settings \u2192 Rotate, or POST /api/v2/clients/{id}/rotate-secret); a leaked Management API token is short-lived: rotate the secret of the application that issued it."
  },
  // Social and chat.
  "discord-bot-token": {
    provider: "Discord",
    url: "https://discord.com/developers/applications",
    how: "In the Developer Portal open the application \u2192 Bot and click 'Reset Token' (the leaked token stops working), then store the new token in the vault."
  },
  "twitter-api-secret": {
    provider: "X (Twitter)",
    url: "https://developer.x.com/en/portal/dashboard",
    how: "In the Developer Portal open the app \u2192 Keys and tokens and regenerate the API key and secret or the access token and secret (the old pair stops working), then store the new values in the vault."
  },
  "twitch-client-secret": {
    provider: "Twitch",
    url: "https://dev.twitch.tv/console/apps",
    how: "In the Developer Console open the application \u2192 Manage and click 'New Secret' (the old one stops working); a leaked OAuth token is revoked with POST https://id.twitch.tv/oauth2/revoke."
  },
  "zoom-client-secret": {
    provider: "Zoom",
    url: "https://marketplace.zoom.us/user/build",
    how: "In the App Marketplace open the app \u2192 App Credentials and regenerate the client secret (a webhook secret token: regenerate it in the app's Features), then store the new value in the vault."
  },
  "line-channel-secret": {
    provider: "LINE",
    url: "https://developers.line.biz/console/",
    how: "In the LINE Developers Console open the channel: reissue the channel secret in Basic settings, reissue or revoke the channel access token in the Messaging API tab (or POST https://api.line.me/v2/oauth/revoke), then store the new value in the vault."
  },
  // Clouds.
  "alibaba-access-key-secret": {
    provider: "Alibaba Cloud",
    url: "https://ram.console.aliyun.com/",
    how: "In the RAM console open the user \u2192 Authentication, create a second AccessKey pair, switch the apps to it, then disable and delete the leaked pair."
  },
  "tencent-cloud-secret-key": {
    provider: "Tencent Cloud",
    url: "https://console.cloud.tencent.com/cam/capi",
    how: "On CAM \u2192 API Key Management create a new key, switch the apps to it, then disable and delete the leaked SecretId/SecretKey."
  },
  "scaleway-secret-key": {
    provider: "Scaleway",
    url: "https://console.scaleway.com/iam/api-keys",
    how: "On IAM \u2192 API keys delete the leaked key (`scw iam api-key delete`), then generate a new one for the same bearer and store it in the vault."
  },
  "ibm-cloud-api-key": {
    provider: "IBM Cloud",
    url: "https://cloud.ibm.com/iam/apikeys",
    how: "On Manage \u2192 Access (IAM) \u2192 API keys delete the leaked key (`ibmcloud iam api-key-delete`), then create a new one and store it in the vault."
  },
  "linode-token": {
    provider: "Akamai (Linode)",
    url: "https://cloud.linode.com/profile/tokens",
    how: "On My Profile \u2192 API Tokens revoke the leaked personal access token, then create a new one with only the scopes needed and store it in the vault."
  },
  "vultr-api-key": {
    provider: "Vultr",
    url: "https://my.vultr.com/settings/#settingsapi",
    how: "On Account \u2192 API click 'Regenerate' (the leaked key stops working), then store the new key in the vault."
  },
  "hetzner-token": {
    provider: "Hetzner Cloud",
    url: "https://docs.hetzner.com/cloud/api/getting-started/generating-api-token",
    how: "In the Cloud Console open the project \u2192 Security \u2192 API tokens, delete the leaked token, then generate a new one and store it in the vault."
  },
  "oracle-cloud-auth-token": {
    provider: "Oracle Cloud (OCI)",
    url: "https://docs.oracle.com/en-us/iaas/Content/Identity/Tasks/managingcredentials.htm",
    how: "In the OCI console open the user \u2192 Auth tokens, generate a new token, switch the apps to it, then delete the leaked token (`oci iam auth-token delete`)."
  }
};
function fromRule(rule) {
  if (!rule.reference?.startsWith("https://")) return void 0;
  return {
    provider: rule.title,
    url: rule.reference,
    how: "Revoke or roll this credential at its provider (the page linked documents it), then store the replacement as a new version of the vault secret."
  };
}
var MANUAL_REVOCATIONS = {
  ...Object.fromEntries(
    builtinRules.flatMap((r) => {
      const derived = WRITTEN[r.id] ? void 0 : fromRule(r);
      return derived ? [[r.id, derived]] : [];
    })
  ),
  ...WRITTEN
};
var GENERIC_REVOCATION = {
  provider: "the service that checks it",
  url: "https://learn.microsoft.com/azure/key-vault/secrets/tutorial-rotation",
  how: "Change the credential where it is checked, store the new value as a new version of the vault secret, then disable the leaked version. If the vault is the secret's only home, tag the secret `leakstop-provider: none` and leakstop rotates it."
};
function manualRevocationFor(ruleIds) {
  for (const id of ruleIds) {
    const found = MANUAL_REVOCATIONS[id];
    if (found) return found;
  }
  return GENERIC_REVOCATION;
}

// src/remediation/plan.ts
var PROVIDER_TAG = "leakstop-provider";
var VALIDITY_TAG = "ValidityPeriodDays";
var MAX_TAGS = 15;
var MAX_TAG_VALUE = 256;
var holderKey = (vaultUrl, name) => `${vaultUrl}\0${name}`;
function plan(report, findings, options) {
  const located = /* @__PURE__ */ new Map();
  for (const l of options.providers ?? []) for (const fp of l.fingerprints) located.set(fp, l);
  const holders = /* @__PURE__ */ new Map();
  const steps = [];
  for (const m of report.matches) {
    if (isVaultOnly(m)) {
      steps.push(planSecret(m, findings, options));
      continue;
    }
    const loc = m.incidents.map((i) => located.get(i)).find((l) => l !== void 0);
    const holder = loc ? holderOf(m, loc, findings, options) : void 0;
    if (loc && holder) holders.set(loc, [...holders.get(loc) ?? [], holder]);
    else steps.push(leaveAlone(m, options));
  }
  for (const loc of new Set(located.values())) {
    const mine = holders.get(loc) ?? [];
    if (loc.plan.mode === "rotate" && mine.length === 0) continue;
    steps.push(providerStep(loc, mine));
  }
  const covered = (fp) => steps.some((s) => s.kind === "provider" && s.incidents.includes(fp)) || report.matches.some((m) => m.incidents.includes(fp));
  const blocked = /* @__PURE__ */ new Set();
  for (const e of report.errors) {
    const incidents = report.unmatched.map((u) => u.fingerprint).filter((fp) => !covered(fp));
    for (const i of incidents) blocked.add(i);
    steps.push({ kind: "blocked", vaultUrl: e.vaultUrl, incidents, why: e.message });
  }
  for (const u of report.unmatched) {
    if (blocked.has(u.fingerprint) || covered(u.fingerprint)) continue;
    const ruleIds = findings.filter((f) => f.fingerprint === u.fingerprint).map((f) => f.ruleId);
    const problem = options.locateProblems?.[u.fingerprint];
    steps.push({
      kind: "manual",
      incidents: [u.fingerprint],
      ruleIds,
      why: problem ? `${u.reason} ${problem}` : u.reason,
      revocation: manualRevocationFor(ruleIds)
    });
  }
  return { steps };
}
function isVaultOnly(m) {
  const current = m.versions.find((v) => v.enabled) ?? m.versions[0];
  return current?.tags[PROVIDER_TAG]?.trim().toLowerCase() === "none";
}
function leaveAlone(m, options) {
  const revocation = manualRevocationFor(m.ruleIds);
  const problem = m.incidents.map((i) => options.locateProblems?.[i]).find(Boolean);
  const why = `${revocation.provider} checks this credential and leakstop cannot rotate it there${problem ? ` (${problem})` : ""}; the vault is left alone until it is revoked at ${revocation.url}`;
  return {
    vaultUrl: m.vaultUrl,
    name: m.name,
    incidents: m.incidents,
    ruleIds: m.ruleIds,
    kind: "skip",
    done: false,
    why,
    revocation
  };
}
function holderOf(m, loc, findings, options) {
  const values = loc.values.get(holderKey(m.vaultUrl, m.name));
  const current = m.versions.find((v) => v.enabled) ?? m.versions[0];
  if (!current || current.managed || !values || !values.source && !values.stored) return void 0;
  const leaked = new Set(m.leakedVersions);
  const tags = incidentTags(m, findings, options.incident);
  const disable = m.versions.filter((v) => v.enabled && leaked.has(v.version)).map((v) => ({ version: v.version, tags: disabledTags(v, tags, m.leakedDigests[v.version]) }));
  const days = options.validityDays ?? validityDaysOf(current.tags);
  const expiresOn = nextExpiry(current, options.now, days);
  return {
    vaultUrl: m.vaultUrl,
    name: m.name,
    basis: current,
    tags: newVersionTags(current.tags, tags, disable),
    ...expiresOn ? { expiresOn } : {},
    disable,
    values
  };
}
function validityDaysOf(tags) {
  const raw = tags[VALIDITY_TAG]?.trim();
  return raw && /^[1-9][0-9]{0,4}$/.test(raw) ? Number(raw) : void 0;
}
function providerStep(loc, holders) {
  const where = loc.plan.location;
  const incidents = [.../* @__PURE__ */ new Set([...loc.fingerprints])].sort();
  const verb = loc.plan.mode === "rotate" ? "rotate" : "revoke";
  return {
    kind: "provider",
    vaultUrl: [...new Set(holders.map((h) => h.vaultUrl))].join(", "),
    name: holders.length ? holders.map((h) => h.name).join(", ") : where.resource,
    incidents,
    ruleIds: loc.credential.ruleIds,
    why: `value leaked; ${verb} it at its provider (${loc.rotator.name}, located by ${where.source === "tags" ? "Azure rotation tags" : where.source === "value" ? "the leaked value" : "the config"})`,
    rotator: loc.rotator.kind,
    provider: loc.rotator.name,
    plan: loc.plan,
    holders,
    credential: loc.credential
  };
}
function planSecret(m, findings, options) {
  const base = { vaultUrl: m.vaultUrl, name: m.name, incidents: m.incidents, ruleIds: m.ruleIds };
  const mine = new Set(m.incidents);
  const current = m.versions.find((v) => v.enabled) ?? m.versions[0];
  if (!current) return { ...base, kind: "skip", done: false, why: "the secret has no versions" };
  const leaked = new Set(m.leakedVersions);
  const rotatedFor = m.versions.find(
    (v) => v.enabled && !leaked.has(v.version) && incidentsOf(v).some((i) => mine.has(i))
  );
  const replaced = new Set((rotatedFor?.tags[REPLACES_TAG] ?? "").split(",").filter(Boolean));
  const stillEnabled = m.versions.filter((v) => v.enabled && (leaked.has(v.version) || replaced.has(v.version)));
  const tags = incidentTags(m, findings, options.incident);
  const changes = stillEnabled.map((v) => ({
    version: v.version,
    tags: disabledTags(v, tags, m.leakedDigests[v.version])
  }));
  const fp = (rotatedFor && incidentsOf(rotatedFor).find((i) => mine.has(i))) ?? m.incidents[0] ?? "";
  if (rotatedFor && !leaked.has(current.version)) {
    if (changes.length === 0) return { ...base, kind: "skip", done: true, why: `already rotated for incident ${fp}` };
    return {
      ...base,
      kind: "disable",
      current: rotatedFor.version,
      disable: changes,
      why: `already rotated for incident ${fp} (version ${rotatedFor.version}); disabling the leaked version(s) still enabled`
    };
  }
  if (!leaked.has(current.version)) {
    if (changes.length === 0) {
      const why = m.kinds.includes("leaked-before") ? "already rotated: the version holding this value was disabled for an earlier leak" : "no enabled version holds the leaked value";
      return { ...base, kind: "skip", done: true, why };
    }
    return {
      ...base,
      kind: "disable",
      current: current.version,
      disable: changes,
      why: "the current version does not hold the leaked value; disabling the leaked version(s)"
    };
  }
  if (current.managed)
    return { ...base, kind: "skip", done: false, why: "managed by a Key Vault certificate; renew the certificate" };
  if (m.shape.kind === "unsupported") {
    return { ...base, kind: "skip", done: false, why: `the value is ${m.shape.why}; rotate it by hand` };
  }
  const expiresOn = nextExpiry(current, options.now, options.validityDays);
  return {
    ...base,
    kind: "rotate",
    basis: current,
    shape: m.shape,
    tags: newVersionTags(current.tags, tags, changes),
    ...expiresOn ? { expiresOn } : {},
    disable: changes,
    why: m.kinds.includes("requested") ? "rotation requested" : `value leaked (${m.kinds.join(", ")} match)`
  };
}
function incidentTags(m, findings, info) {
  const mine = findings.filter((f) => m.incidents.includes(f.fingerprint));
  const first = mine[0];
  const commit = mine.find((f) => f.commit)?.commit?.sha;
  const reason = info.reason ?? (first ? `leaked: ${first.ruleId} in ${first.path}${mine.length > 1 ? ` (+${mine.length - 1} more)` : ""}` : "");
  const tags = { [INCIDENT_TAG]: joinFitting(m.incidents) };
  if (info.repository) tags["leakstop-repository"] = info.repository;
  if (commit) tags["leakstop-commit"] = commit;
  if (info.run) tags["leakstop-run"] = info.run;
  if (reason) tags["leakstop-reason"] = reason;
  return tags;
}
function joinFitting(items) {
  let out = "";
  for (const item of items) {
    const next = out ? `${out},${item}` : item;
    if (next.length > MAX_TAG_VALUE) break;
    out = next;
  }
  return out;
}
function isOurs(key2) {
  return key2.startsWith("leakstop-") && key2 !== "leakstop-provider";
}
function newVersionTags(carried, incident, changes) {
  const user = Object.fromEntries(Object.entries(carried).filter(([k]) => !isOurs(k)));
  const replaces = joinFitting(changes.map((c) => c.version));
  return fitTags({ ...user, ...incident, ...replaces ? { [REPLACES_TAG]: replaces } : {} });
}
function disabledTags(v, incident, digest) {
  const incidents = [.../* @__PURE__ */ new Set([...incidentsOf(v), ...(incident[INCIDENT_TAG] ?? "").split(",")])].filter(Boolean);
  return fitTags({
    ...v.tags,
    ...incident,
    [INCIDENT_TAG]: joinFitting(incidents),
    ...digest ? { [DIGEST_TAG]: digest } : {}
  });
}
function fitTags(tags) {
  const converging = /* @__PURE__ */ new Set([INCIDENT_TAG, REPLACES_TAG, DIGEST_TAG]);
  const rank = (k) => converging.has(k) ? 0 : isOurs(k) ? 2 : 1;
  const entries = Object.entries(tags).map(([k, v]) => [k, v.length > MAX_TAG_VALUE ? `${v.slice(0, MAX_TAG_VALUE - 1)}\u2026` : v]).sort((a, b) => rank(a[0]) - rank(b[0]));
  return Object.fromEntries(entries.slice(0, MAX_TAGS));
}
function nextExpiry(old, now, validityDays) {
  const day = 864e5;
  if (validityDays !== void 0) return new Date(now.getTime() + validityDays * day);
  if (!old.expiresOn) return void 0;
  const start = old.notBefore ?? old.createdOn;
  const length = start ? old.expiresOn.getTime() - start.getTime() : 0;
  return new Date(now.getTime() + (length > 0 ? length : 90 * day));
}
function renderPlan(p, options = {}) {
  const head = options.dryRun ? "Plan (dry run: nothing was changed)" : "Plan";
  if (p.steps.length === 0) return `${head}: nothing to do.
`;
  const lines = [`${head}:`];
  for (const s of p.steps) {
    const incidents = s.incidents.length ? ` [incident ${s.incidents.join(", ")}]` : "";
    switch (s.kind) {
      case "rotate": {
        const disable = s.disable.length ? `, then disable version(s) ${s.disable.map((d) => d.version).join(", ")}` : "";
        const expiry = s.expiresOn ? `, expiring ${s.expiresOn.toISOString()}` : "";
        lines.push(
          `  rotate   ${s.vaultUrl} secret '${s.name}': write a new version [${describeShape(s.shape)}${expiry}]${disable}; ${s.why}${incidents}`
        );
        break;
      }
      case "disable":
        lines.push(
          `  disable  ${s.vaultUrl} secret '${s.name}': disable version(s) ${s.disable.map((d) => d.version).join(", ")}; ${s.why}${incidents}`
        );
        break;
      case "skip":
        lines.push(`  skip     ${s.vaultUrl} secret '${s.name}': ${s.why}${incidents}`);
        if (s.revocation) lines.push(`           by hand at ${s.revocation.provider}: ${s.revocation.how}`);
        break;
      case "manual":
        lines.push(`  manual   no match, rotate by hand: ${s.why}${incidents}`);
        if (s.revocation) {
          lines.push(`           by hand at ${s.revocation.provider} (${s.revocation.url}): ${s.revocation.how}`);
        }
        break;
      case "provider":
        lines.push(...renderProviderStep(s, incidents));
        break;
      case "blocked":
        lines.push(`  blocked  ${s.vaultUrl}: ${s.why}${incidents}`);
        break;
    }
  }
  return `${lines.join("\n")}
`;
}
function renderProviderStep(s, incidents) {
  const loc = s.plan.location;
  const id = loc.credentialId ? ` credential '${loc.credentialId}'` : "";
  const lines = [`  ${s.plan.mode.padEnd(8)} ${s.provider} ${loc.resource}${id}: ${s.why}${incidents}`];
  let n = 1;
  const step = (text, permission) => lines.push(`    ${n++}. ${text} [needs: ${permission}]`);
  for (const p of s.plan.steps) step(p.description, p.permission);
  if (s.plan.mode === "rotate") {
    for (const h of s.holders) {
      const expiry = h.expiresOn ? `, expiring ${h.expiresOn.toISOString()}` : "";
      const disable = h.disable.length ? `, then disable version(s) ${h.disable.map((d) => d.version).join(", ")}` : "";
      step(
        `write the new value to ${h.vaultUrl} secret '${h.name}'${expiry}${disable}`,
        "Key Vault Secrets Officer on the vault"
      );
    }
  } else if (s.holders.length) {
    lines.push(`    the vault is left alone: a person creates the replacement and stores it in ${s.name}`);
  }
  lines.push(`    then prove: a read-only probe must refuse the leaked value`);
  return lines;
}

export {
  SecretStoreError,
  incidentsOf,
  normalizeVaultUrl,
  matchRequested,
  resolveSecretName,
  matchFindings,
  manualRevocationFor,
  PROVIDER_TAG,
  MAX_TAGS,
  holderKey,
  plan,
  isVaultOnly,
  fitTags,
  renderPlan
};
