import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  require_picomatch
} from "./chunk-5DOWYKN7.js";
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

// src/remediation/generate.ts
var SECRET_KEYS = /* @__PURE__ */ new Set([
  "accountkey",
  "sharedaccesskey",
  "sharedaccesssignature",
  "password",
  "pwd",
  "pass",
  "secret",
  "clientsecret",
  "client_secret",
  "accesskey",
  "primarykey",
  "secondarykey",
  "apikey",
  "api_key",
  "token",
  "sig"
]);
function secretComponents(value) {
  const spans = [];
  const userinfo = /(?:^|[\s"'=])(?:jdbc:)?[a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:([^@/\s]+)@/di.exec(value);
  const at = userinfo?.indices?.[1];
  if (at) spans.push({ start: at[0], end: at[1] });
  const pairs = value.includes(";") ? splitPairs(value, ";", 0) : [];
  const q = value.indexOf("?");
  if (pairs.length === 0 && q >= 0) pairs.push(...splitPairs(value.slice(q + 1), "&", q + 1));
  for (const p of pairs) {
    if (!SECRET_KEYS.has(p.key.toLowerCase()) || p.end <= p.start) continue;
    let { start, end } = p;
    if (value[start] === "{" && value[end - 1] === "}" && end - start > 2) {
      start++;
      end--;
    }
    spans.push({ start, end });
  }
  return spans.sort((a, b) => a.start - b.start).filter((s, i, all) => i === 0 || s.start >= (all[i - 1]?.end ?? 0));
}
function splitPairs(text, sep, base) {
  const out = [];
  let pos = 0;
  while (pos <= text.length) {
    let next = text.indexOf(sep, pos);
    const eq = text.indexOf("=", pos);
    if (eq >= 0 && (next < 0 || eq < next) && text[eq + 1] === "{") {
      const close = text.indexOf("}", eq);
      if (close >= 0) next = text.indexOf(sep, close);
    }
    if (next < 0) next = text.length;
    if (eq >= 0 && eq < next) {
      const key2 = text.slice(pos, eq).trim();
      let start = eq + 1;
      while (start < next && text[start] === " ") start++;
      if (/^[A-Za-z_][A-Za-z0-9_ .-]*$/.test(key2)) out.push({ key: key2, start: base + start, end: base + next });
    }
    pos = next + 1;
  }
  return out;
}
function shapeOf(value) {
  const spans = secretComponents(value);
  if (spans.length > 0) {
    const parts = [];
    let pos = 0;
    for (const s of spans) {
      if (s.start > pos) parts.push(value.slice(pos, s.start));
      const inner = plainShape(value.slice(s.start, s.end));
      if (inner.kind === "unsupported") return inner;
      parts.push(inner);
      pos = s.end;
    }
    if (pos < value.length) parts.push(value.slice(pos));
    return { kind: "composite", parts };
  }
  return plainShape(value);
}
function plainShape(value) {
  if (value.length === 0) return { kind: "unsupported", why: "the value is empty" };
  if (/[\r\n]/.test(value)) return { kind: "unsupported", why: "a multi-line value (a key or certificate)" };
  if (/^\s*[[{]/.test(value)) return { kind: "unsupported", why: "a structured (JSON) value" };
  if (value.length >= 16 && /^[0-9a-f]+$/.test(value) && /[a-f]/.test(value) && /\d/.test(value))
    return { kind: "hex", length: value.length, upper: false };
  if (value.length >= 16 && /^[0-9A-F]+$/.test(value) && /[A-F]/.test(value) && /\d/.test(value))
    return { kind: "hex", length: value.length, upper: true };
  const b64 = /^[A-Za-z0-9+/]+(={0,2})$/.exec(value);
  if (b64 && value.length >= 16 && /[+/=]/.test(value)) {
    const pad = b64[1]?.length ?? 0;
    const body = value.length - pad;
    if (pad > 0 && value.length % 4 === 0 || pad === 0 && body % 4 !== 1) {
      return { kind: "base64", bytes: Math.floor(body * 3 / 4), padded: pad > 0 };
    }
  }
  const classes = [];
  if (/[a-z]/.test(value)) classes.push("abcdefghijklmnopqrstuvwxyz");
  if (/[A-Z]/.test(value)) classes.push("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  if (/\d/.test(value)) classes.push("0123456789");
  const others = [...new Set(value.replace(/[a-zA-Z0-9]/g, ""))].sort().join("");
  if (others) classes.push(others);
  return { kind: "chars", length: [...value].length, classes };
}
function generateValue(shape, random) {
  switch (shape.kind) {
    case "base64": {
      const text = Buffer.from(random.bytes(shape.bytes)).toString("base64");
      return shape.padded ? text : text.replace(/=+$/, "");
    }
    case "hex": {
      const text = Buffer.from(random.bytes(Math.ceil(shape.length / 2))).toString("hex").slice(0, shape.length);
      return shape.upper ? text.toUpperCase() : text;
    }
    case "chars":
      return generateChars(shape.length, shape.classes, random);
    case "composite":
      return shape.parts.map((p) => typeof p === "string" ? p : generateValue(p, random)).join("");
    case "unsupported":
      throw new RangeError(`Cannot generate a successor for ${shape.why}; rotate it by hand.`);
  }
}
function generateChars(length, classes, random) {
  const alphabet = [.../* @__PURE__ */ new Set([...classes.join("")])];
  const pick = (set) => set[uniformIndex(set.length, random)];
  const sets = classes.map((c) => new Set(c));
  const complete = (chars) => sets.every((set) => chars.some((c) => set.has(c)));
  let out = [];
  for (let attempt = 0; attempt < 200; attempt++) {
    out = Array.from({ length }, () => pick(alphabet));
    if (length < classes.length || complete(out)) return out.join("");
  }
  const positions = [...Array(length).keys()];
  for (const cls of classes) {
    const at = positions.splice(uniformIndex(positions.length, random), 1)[0];
    out[at] = pick([...cls]);
  }
  return out.join("");
}
function uniformIndex(n, random) {
  if (n <= 1) return 0;
  const limit = 65536 - 65536 % n;
  for (; ; ) {
    const [a = 0, b = 0] = random.bytes(2);
    const v = a << 8 | b;
    if (v < limit) return v % n;
  }
}
function describeShape(shape) {
  switch (shape.kind) {
    case "base64":
      return `base64 of ${shape.bytes} random bytes`;
    case "hex":
      return `${shape.length} hex characters`;
    case "chars":
      return `${shape.length} characters (${shape.classes.length} character class${shape.classes.length === 1 ? "" : "es"})`;
    case "composite": {
      const n = shape.parts.filter((p) => typeof p !== "string").length;
      return `connection string, ${n} secret component${n === 1 ? "" : "s"} regenerated`;
    }
    case "unsupported":
      return `cannot be generated: ${shape.why}`;
  }
}

// src/remediation/match.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { createHash, timingSafeEqual } from "node:crypto";
var INCIDENT_TAG = "leakstop-incident";
var REPLACES_TAG = "leakstop-replaces";
var DIGEST_TAG = "leakstop-leaked-sha256";
var digest = (value) => createHash("sha256").update(value, "utf8").digest();
var same = (a, b) => timingSafeEqual(a, b);
function leakOf(finding) {
  const comps = secretComponents(finding.secret).map((s) => digest(finding.secret.slice(s.start, s.end)));
  return { finding, whole: digest(finding.secret), components: comps };
}
async function matchFindings(findings, ports, options) {
  const byFp = /* @__PURE__ */ new Map();
  for (const f of findings) if (!byFp.has(f.fingerprint)) byFp.set(f.fingerprint, leakOf(f));
  const leaks = [...byFp.values()];
  const found = /* @__PURE__ */ new Map();
  const errors = [];
  let reads = 0;
  const perSecret = { max: options.maxVersionsPerSecret ?? 3, onRead: () => reads++ };
  const vaults = dedupeVaults(options.config.vaults);
  for (const vault of vaults) {
    const store = ports.secretStore(vault.url);
    let names;
    try {
      names = await candidates(store, vault, options);
    } catch (e) {
      options.abortSignal?.throwIfAborted();
      errors.push({ vaultUrl: vault.url, message: e.message });
      continue;
    }
    const failures = [];
    await forEachLimit(names, options.concurrency ?? 8, async (name) => {
      try {
        const m = await checkSecret(store, name, leaks, perSecret, options);
        if (m) merge(found, m);
      } catch (e) {
        if (options.abortSignal?.aborted) throw e;
        failures.push(e.message);
      }
    });
    if (failures.length > 0) {
      errors.push({
        vaultUrl: vault.url,
        message: `${failures.length} of ${names.length} candidate secret(s) could not be read; first: ${failures[0]}`
      });
    }
  }
  const unmatched = [];
  for (const leak of leaks) {
    const fp = leak.finding.fingerprint;
    if ([...found.values()].some((m) => m.incidents.has(fp))) continue;
    const mapping = options.config.mappings.find((m) => mappingApplies(m, leak.finding));
    if (!mapping) {
      unmatched.push({
        fingerprint: fp,
        reason: vaults.length ? `No secret in the ${vaults.length} configured vault(s) holds this value, and no mapping applies.` : "No vault is configured (`vault-url`, or `vaults` in the config), and no mapping applies."
      });
      continue;
    }
    const vaultUrl = mapping.vault ?? (vaults.length === 1 ? vaults[0]?.url : void 0);
    if (!vaultUrl) {
      unmatched.push({
        fingerprint: fp,
        reason: `The mapping to secret '${mapping.secret}' names no vault and ${vaults.length} vaults are configured; add 'vault:' to it.`
      });
      continue;
    }
    try {
      const store = ports.secretStore(vaultUrl);
      const m = await checkSecret(store, mapping.secret, [leak], perSecret, options, true);
      if (m) merge(found, m);
    } catch (e) {
      errors.push({ vaultUrl, message: e.message });
      unmatched.push({ fingerprint: fp, reason: `The mapped secret could not be read: ${e.message}` });
    }
  }
  const matches = [...found.values()].map(freeze).sort((a, b) => key(a).localeCompare(key(b)));
  return { matches, unmatched, errors, reads };
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
}
function freeze(m) {
  return {
    vaultUrl: m.vaultUrl,
    name: m.name,
    kinds: [...m.kinds].sort(),
    incidents: [...m.incidents].sort(),
    ruleIds: [...m.ruleIds].sort(),
    leakedVersions: m.versions.filter((v) => m.leakedVersions.has(v.version)).map((v) => v.version),
    leakedDigests: Object.fromEntries(m.leakedDigests),
    versions: m.versions,
    shape: m.shape
  };
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
function normalizeVaultUrl(url) {
  return url.trim().replace(/\/+$/, "").toLowerCase();
}
async function candidates(store, vault, options) {
  const pattern = vault.namePattern ? new RegExp(vault.namePattern) : void 0;
  const names = [];
  for await (const s of store.listSecrets(options)) {
    if (!s.enabled || s.managed) continue;
    if (pattern && !pattern.test(s.name)) continue;
    if (vault.tags && !Object.entries(vault.tags).every(([k, v]) => s.tags[k] === v)) continue;
    names.push(s.name);
  }
  return names;
}
function incidentsOf(version) {
  return (version.tags[INCIDENT_TAG] ?? "").split(",").filter(Boolean);
}
async function checkSecret(store, name, leaks, perSecret, options, mapped = false) {
  const versions = [];
  for await (const v of store.listVersions(name, options)) versions.push(v);
  versions.sort((a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0));
  const m = {
    vaultUrl: store.vaultUrl,
    name,
    kinds: /* @__PURE__ */ new Set(),
    incidents: /* @__PURE__ */ new Set(),
    ruleIds: /* @__PURE__ */ new Set(),
    leakedVersions: /* @__PURE__ */ new Set(),
    leakedDigests: /* @__PURE__ */ new Map(),
    versions,
    shape: { kind: "unsupported", why: "no readable version" }
  };
  const tie = (leak, kind, version) => {
    m.kinds.add(kind);
    m.incidents.add(leak.finding.fingerprint);
    m.ruleIds.add(leak.finding.ruleId);
    if (version) {
      m.leakedVersions.add(version);
      m.leakedDigests.set(version, leak.whole.toString("hex"));
    }
  };
  for (const v of versions) {
    const tagged = new Set(incidentsOf(v));
    const before = /^[0-9a-f]{64}$/.test(v.tags[DIGEST_TAG] ?? "") ? Buffer.from(v.tags[DIGEST_TAG], "hex") : void 0;
    for (const leak of leaks) {
      if (tagged.has(leak.finding.fingerprint)) tie(leak, "incident-tag");
      else if (before && same(before, leak.whole)) tie(leak, "leaked-before");
    }
  }
  const readable = versions.filter((v) => v.enabled).slice(0, perSecret.max);
  for (const [i, v] of readable.entries()) {
    perSecret.onRead();
    const { value } = await store.getSecret(name, { version: v.version, abortSignal: options.abortSignal });
    if (i === 0) m.shape = shapeOf(value);
    const whole = digest(value);
    const parts = secretComponents(value).map((s) => digest(value.slice(s.start, s.end)));
    for (const leak of leaks) {
      if (same(whole, leak.whole)) tie(leak, "exact", v.version);
      else if (parts.some((p) => same(p, leak.whole))) tie(leak, "component", v.version);
      else if (leak.components.some((c) => same(c, whole))) tie(leak, "contains-component", v.version);
    }
  }
  if (mapped) {
    for (const leak of leaks) {
      tie(leak, "mapping");
      const fp = leak.finding.fingerprint;
      const rotatedAt = versions.findIndex((v) => incidentsOf(v).includes(fp) && !m.leakedVersions.has(v.version));
      const compromised = rotatedAt >= 0 ? versions[rotatedAt + 1] : versions[0];
      if (compromised?.enabled && !incidentsOf(compromised).includes(fp)) m.leakedVersions.add(compromised.version);
    }
  }
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

// src/remediation/plan.ts
var MAX_TAGS = 15;
var MAX_TAG_VALUE = 256;
function plan(report, findings, options) {
  const steps = report.matches.map((m) => planSecret(m, findings, options));
  const blocked = /* @__PURE__ */ new Set();
  for (const e of report.errors) {
    const incidents = report.unmatched.map((u) => u.fingerprint);
    for (const i of incidents) blocked.add(i);
    steps.push({ kind: "blocked", vaultUrl: e.vaultUrl, incidents, why: e.message });
  }
  for (const u of report.unmatched) {
    if (!blocked.has(u.fingerprint)) steps.push({ kind: "manual", incidents: [u.fingerprint], why: u.reason });
  }
  return { steps };
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
function disabledTags(v, incident, digest2) {
  const incidents = [.../* @__PURE__ */ new Set([...incidentsOf(v), ...(incident[INCIDENT_TAG] ?? "").split(",")])].filter(Boolean);
  return fitTags({
    ...v.tags,
    ...incident,
    [INCIDENT_TAG]: joinFitting(incidents),
    ...digest2 ? { [DIGEST_TAG]: digest2 } : {}
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
        break;
      case "manual":
        lines.push(`  manual   no match, rotate by hand: ${s.why}${incidents}`);
        break;
      case "blocked":
        lines.push(`  blocked  ${s.vaultUrl}: ${s.why}${incidents}`);
        break;
    }
  }
  return `${lines.join("\n")}
`;
}

export {
  secretComponents,
  generateValue,
  SecretStoreError,
  matchFindings,
  matchRequested,
  resolveSecretName,
  plan,
  fitTags,
  renderPlan
};
