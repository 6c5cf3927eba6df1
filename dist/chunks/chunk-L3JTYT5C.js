import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/core/responder/value-forms.ts
var SECRET_KEYS = /* @__PURE__ */ new Set([
  "password",
  "pwd",
  "pass",
  "accountkey",
  "sharedaccesskey",
  "accesskey",
  "key",
  "secret",
  "clientsecret",
  "token",
  "sig",
  "apikey",
  "api_key"
]);
var ENV_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*?)[ \t]*$/d;
function envAssignments(value) {
  const out = [];
  let lines = 0;
  let pos = 0;
  for (const raw of value.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const at = pos;
    pos += raw.length + 1;
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    lines++;
    const m = ENV_LINE.exec(line);
    const span = m?.indices?.[2];
    if (!m || !span) return void 0;
    let [start, end] = span;
    const v = line.slice(start, end);
    const quote = /^(["'])(.*)\1$/s.exec(v);
    if (quote) {
      start++;
      end--;
    } else {
      const comment = /\s+#.*$/.exec(v);
      if (comment) end = start + comment.index;
    }
    if (end > start) out.push({ key: m[1], start: at + start, end: at + end });
  }
  if (lines === 0 || lines === 1 && /[;,?&]/.test(value)) return void 0;
  return out;
}
var SECRET_ENV_KEY = /(?:pass(?:word)?|pwd|secret|token|key|credentials?|auth)$/i;
function isRedisConfiguration(value) {
  return !value.includes(";") && !/[\r\n]/.test(value) && /(?:^|,)\s*password\s*=/i.test(value) && value.includes(",");
}
function percentDecoded(text) {
  if (!/%[0-9A-Fa-f]{2}/.test(text)) return void 0;
  try {
    const d = decodeURIComponent(text);
    return d !== text ? d : void 0;
  } catch {
    return void 0;
  }
}
function base64Text(value) {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return void 0;
  const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  if (btoa(String.fromCharCode(...bytes)) !== value) return void 0;
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return void 0;
  }
  return [...text].some(isControl) ? void 0 : text;
}
function isControl(c) {
  const code = c.charCodeAt(0);
  return code < 32 && c !== "	" && c !== "\n" && c !== "\r" || code === 127;
}
function jsonUnescaped(text) {
  if (!/\\[nrt"\\/u]/.test(text)) return void 0;
  try {
    return JSON.parse(`"${text.replace(/(?<!\\)"/g, '\\"')}"`);
  } catch {
    return void 0;
  }
}
function jsonStringFields(text, max = 200) {
  if (!/^\s*[[{]/.test(text)) return [];
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const out = [];
  const walk = (node, pointer) => {
    if (out.length >= max) return;
    if (typeof node === "string") out.push([pointer, node]);
    else if (Array.isArray(node)) {
      for (const [i, n] of node.entries()) walk(n, `${pointer}/${i}`);
    } else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) walk(v, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    }
  };
  walk(parsed, "");
  return out;
}
function components(value) {
  const out = [];
  const userinfo = /[a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:([^@/\s]+)@/i.exec(value);
  if (userinfo?.[1]) out.push(userinfo[1]);
  const env = envAssignments(value);
  if (env) {
    for (const a of env) {
      const v = value.slice(a.start, a.end);
      if (SECRET_ENV_KEY.test(a.key) || /:\/\/|[;,]/.test(v)) out.push(v);
    }
    return out;
  }
  const q = value.indexOf("?");
  const pairs = value.includes(";") ? value.split(";") : isRedisConfiguration(value) ? value.split(",") : q >= 0 ? value.slice(q + 1).split("&") : [];
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    const key = pair.slice(0, eq).trim().toLowerCase().replace(/\s+/g, "");
    let v = pair.slice(eq + 1).trim();
    if (/^\{.*\}$|^".*"$|^'.*'$/.test(v)) v = v.slice(1, -1);
    if (SECRET_KEYS.has(key) && v) out.push(v);
  }
  return out;
}
function jsonFields(value) {
  const t = value.trim();
  if (!t.startsWith("{")) return [];
  return jsonStringFields(t).filter(([pointer, v]) => /^\/[^/]*$/.test(pointer) && v.length >= 8).map(([, v]) => v);
}
var MAX_FORMS = 32;
function valueForms(value) {
  const seen = /* @__PURE__ */ new Set();
  const queue = [value];
  for (let i = 0; i < queue.length && seen.size < MAX_FORMS; i++) {
    const v = queue[i];
    if (seen.has(v)) continue;
    seen.add(v);
    const next = [
      v.replace(/[\r\n]+$/, ""),
      v.trim(),
      percentDecoded(v),
      jsonUnescaped(v),
      base64Text(v.replace(/\s+/g, "")),
      ...components(v),
      ...jsonFields(v)
    ];
    if (i < 8) {
      for (const n of next) if (n !== void 0 && n.length >= 8 && !seen.has(n)) queue.push(n);
    }
  }
  return [...seen].filter((f) => f.length >= 8).slice(0, MAX_FORMS);
}

// src/remediation/generate.ts
var SECRET_KEYS2 = /* @__PURE__ */ new Set([
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
  if (/^\s*\{/.test(value)) {
    for (const m of value.matchAll(/"([A-Za-z_]+)"\s*:\s*"([^"\\]*)"/dg)) {
      const at2 = m.indices?.[2];
      if (at2 && at2[1] > at2[0] && SECRET_KEYS2.has(m[1].toLowerCase()))
        spans.push({ start: at2[0], end: at2[1] });
    }
    return spans;
  }
  const env = envAssignments(value);
  if (env) {
    for (const a of env) {
      const inner = secretComponents(value.slice(a.start, a.end));
      if (inner.length > 0) spans.push(...inner.map((s) => ({ start: a.start + s.start, end: a.start + s.end })));
      else if (SECRET_ENV_KEY.test(a.key)) spans.push({ start: a.start, end: a.end });
    }
    return spans;
  }
  const userinfo = /(?:^|[\s"'=])(?:jdbc:)?[a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:([^@/\s]+)@/di.exec(value);
  const at = userinfo?.indices?.[1];
  if (at) spans.push({ start: at[0], end: at[1] });
  const pairs = value.includes(";") ? splitPairs(value, ";", 0) : isRedisConfiguration(value) ? splitPairs(value, ",", 0) : [];
  const q = value.indexOf("?");
  if (pairs.length === 0 && q >= 0) pairs.push(...splitPairs(value.slice(q + 1), "&", q + 1));
  for (const p of pairs) {
    if (!SECRET_KEYS2.has(p.key.toLowerCase()) || p.end <= p.start) continue;
    let { start, end } = p;
    const open = value[start];
    const close = open === "{" ? "}" : open;
    if ((open === "{" || open === '"' || open === "'") && value[end - 1] === close && end - start > 2) {
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
    const opener = eq >= 0 ? text.slice(eq + 1).match(/^ *([{"'])/)?.[1] : void 0;
    if (eq >= 0 && (next < 0 || eq < next) && opener) {
      const close = text.indexOf(opener === "{" ? "}" : opener, text.indexOf(opener, eq) + 1);
      if (close >= 0) next = text.indexOf(sep, close);
    }
    if (next < 0) next = text.length;
    if (eq >= 0 && eq < next) {
      const key = text.slice(pos, eq).trim();
      let start = eq + 1;
      while (start < next && text[start] === " ") start++;
      if (/^[A-Za-z_][A-Za-z0-9_ .-]*$/.test(key)) out.push({ key, start: base + start, end: base + next });
    }
    pos = next + 1;
  }
  return out;
}
function shapeOf(value) {
  const eol = /(?:\r\n|\n)$/.exec(value)?.[0];
  if (eol && value.length > eol.length && !/[\r\n]/.test(value.slice(0, -eol.length))) {
    const inner = shapeOf(value.slice(0, -eol.length));
    return inner.kind === "unsupported" ? inner : { kind: "composite", parts: [inner, eol] };
  }
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
var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function plainShape(value) {
  if (value.length === 0) return { kind: "unsupported", why: "the value is empty" };
  if (/[\r\n]/.test(value)) return { kind: "unsupported", why: "a multi-line value (a key or certificate)" };
  if (/^\s*[[{]/.test(value)) return { kind: "unsupported", why: "a structured (JSON) value" };
  if (UUID.test(value)) return { kind: "uuid", upper: /[A-F]/.test(value) && !/[a-f]/.test(value) };
  const quote = /^(["'])(.+)\1$/s.exec(value);
  if (quote) {
    const inner = plainShape(quote[2]);
    if (inner.kind === "unsupported") return inner;
    return { kind: "composite", parts: [quote[1], inner, quote[1]] };
  }
  if (/%[0-9A-Fa-f]{2}/.test(value)) {
    let decoded;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      decoded = void 0;
    }
    if (decoded !== void 0 && decoded !== value && decoded.length > 0 && encodeURIComponent(decoded) === value) {
      const inner = plainShape(decoded);
      if (inner.kind === "unsupported") return inner;
      return { kind: "percent-encoded", inner };
    }
  }
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
    case "uuid": {
      const b = Buffer.from(random.bytes(16));
      b[6] = (b[6] ?? 0) & 15 | 64;
      b[8] = (b[8] ?? 0) & 63 | 128;
      const h = b.toString("hex");
      const text = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      return shape.upper ? text.toUpperCase() : text;
    }
    case "percent-encoded":
      return encodeURIComponent(generateValue(shape.inner, random));
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
      const [first, second, third] = shape.parts;
      if (shape.parts.length === 3 && typeof first === "string" && first === third && typeof second === "object") {
        return `quoted, ${describeShape(second)}`;
      }
      if (shape.parts.length === 2 && typeof first === "object" && typeof second === "string" && !second.trim()) {
        return `${describeShape(first)}, with its line ending`;
      }
      return `connection string, ${n} secret component${n === 1 ? "" : "s"} regenerated`;
    }
    case "uuid":
      return "a random UUID (version 4)";
    case "percent-encoded":
      return `percent-encoded, ${describeShape(shape.inner)}`;
    case "unsupported":
      return `cannot be generated: ${shape.why}`;
  }
}

export {
  percentDecoded,
  base64Text,
  jsonUnescaped,
  jsonStringFields,
  valueForms,
  secretComponents,
  shapeOf,
  generateValue,
  describeShape
};
