/**
 * Fresh values in the same shape as the old one: same length and alphabet, base64 keys stay
 * base64 of the same byte length, and in a connection string only the secret component changes.
 * Consumers validate formats (a storage SDK decodes the key as base64; a password policy wants
 * its character classes), so a same-shaped value is the one that keeps working.
 */
import { envAssignments, isRedisConfiguration, SECRET_ENV_KEY } from "../core/responder/value-forms.js";
import type { RandomSource } from "./ports.js";

/** A value's shape: everything needed to generate a successor, nothing secret. */
export type ValueShape =
  | { readonly kind: "base64"; readonly bytes: number; readonly padded: boolean }
  | { readonly kind: "hex"; readonly length: number; readonly upper: boolean }
  /** `length` characters; at least one from each class, all from their union. */
  | { readonly kind: "chars"; readonly length: number; readonly classes: readonly string[] }
  /**
   * A connection string: literal (non-secret) text and secret components. The literals are the
   * structure (`AccountName=…;EndpointSuffix=…`), never a secret component.
   */
  | { readonly kind: "composite"; readonly parts: ReadonlyArray<string | ValueShape> }
  /** A random (version 4) UUID, in the old value's case. */
  | { readonly kind: "uuid"; readonly upper: boolean }
  /** A percent-encoded value: the successor is drawn in the decoded shape, then encoded the same way. */
  | { readonly kind: "percent-encoded"; readonly inner: ValueShape }
  | { readonly kind: "unsupported"; readonly why: string };

/** Keys whose value is the secret part of a `key=value;…` connection string or URL query. */
const SECRET_KEYS = new Set([
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
  "sig",
]);

/** A secret component's position in a value: `value.slice(start, end)`. */
export interface ComponentSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * The secret components of a connection string: `Key=value` pairs separated by `;` (Azure
 * Storage, Service Bus, Cosmos DB, SQL Server), the password of a `scheme://user:pass@host`
 * URL, and `password=`/`sig=` query parameters (JDBC, SAS URLs). Empty for a plain value.
 */
export function secretComponents(value: string): ComponentSpan[] {
  const spans: ComponentSpan[] = [];
  // A JSON secret (`{"username": …, "password": …}`): the secret fields' string values, when
  // written without escapes (a successor drawn from the same alphabet then needs none either).
  if (/^\s*\{/.test(value)) {
    for (const m of value.matchAll(/"([A-Za-z_]+)"\s*:\s*"([^"\\]*)"/dg)) {
      const at = m.indices?.[2];
      if (at && at[1] > at[0] && SECRET_KEYS.has((m[1] as string).toLowerCase()))
        spans.push({ start: at[0], end: at[1] });
    }
    return spans;
  }
  const env = envAssignments(value);
  if (env) {
    // An env file: each line's credential where it is one by name, or the credential inside a
    // line's URL or connection string (never a whole URL regenerated as one random string).
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
  const pairs = value.includes(";")
    ? splitPairs(value, ";", 0)
    : isRedisConfiguration(value)
      ? splitPairs(value, ",", 0)
      : [];
  const q = value.indexOf("?");
  if (pairs.length === 0 && q >= 0) pairs.push(...splitPairs(value.slice(q + 1), "&", q + 1));
  for (const p of pairs) {
    if (!SECRET_KEYS.has(p.key.toLowerCase()) || p.end <= p.start) continue;
    let { start, end } = p;
    // SQL Server quotes a password containing `;` in braces, ADO.NET and libpq in quotes:
    // the braces and quotes are syntax, not part of the credential.
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

function splitPairs(text: string, sep: string, base: number): Array<{ key: string; start: number; end: number }> {
  const out: Array<{ key: string; start: number; end: number }> = [];
  let pos = 0;
  while (pos <= text.length) {
    let next = text.indexOf(sep, pos);
    const eq = text.indexOf("=", pos);
    // A braced or quoted value may contain the separator.
    const opener = eq >= 0 ? text.slice(eq + 1).match(/^ *([{"'])/)?.[1] : undefined;
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

/** The shape of a value; `unsupported` for what cannot be regenerated blindly (PEM keys, JSON). */
export function shapeOf(value: string): ValueShape {
  // A value written with `echo` (or saved by an editor) ends in a line ending: keep it.
  const eol = /(?:\r\n|\n)$/.exec(value)?.[0];
  if (eol && value.length > eol.length && !/[\r\n]/.test(value.slice(0, -eol.length))) {
    const inner = shapeOf(value.slice(0, -eol.length));
    return inner.kind === "unsupported" ? inner : { kind: "composite", parts: [inner, eol] };
  }
  const spans = secretComponents(value);
  if (spans.length > 0) {
    const parts: Array<string | ValueShape> = [];
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function plainShape(value: string): ValueShape {
  if (value.length === 0) return { kind: "unsupported", why: "the value is empty" };
  if (/[\r\n]/.test(value)) return { kind: "unsupported", why: "a multi-line value (a key or certificate)" };
  if (/^\s*[[{]/.test(value)) return { kind: "unsupported", why: "a structured (JSON) value" };
  if (UUID.test(value)) return { kind: "uuid", upper: /[A-F]/.test(value) && !/[a-f]/.test(value) };
  // A quoted value keeps its quotes: they are syntax where it is read (a .env file, a shell).
  const quote = /^(["'])(.+)\1$/s.exec(value);
  if (quote) {
    const inner = plainShape(quote[2] as string);
    if (inner.kind === "unsupported") return inner;
    return { kind: "composite", parts: [quote[1] as string, inner, quote[1] as string] };
  }
  // Percent-encoded (a password inside a URL): draw the decoded shape, encode it the same way,
  // so the successor decodes like its predecessor and never holds a stray `%`.
  if (/%[0-9A-Fa-f]{2}/.test(value)) {
    let decoded: string | undefined;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      decoded = undefined;
    }
    // Only a canonical encoding (`%30` for "0" is not one): else the `%` may be a literal.
    if (decoded !== undefined && decoded !== value && decoded.length > 0 && encodeURIComponent(decoded) === value) {
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
    if ((pad > 0 && value.length % 4 === 0) || (pad === 0 && body % 4 !== 1)) {
      return { kind: "base64", bytes: Math.floor((body * 3) / 4), padded: pad > 0 };
    }
  }
  const classes: string[] = [];
  if (/[a-z]/.test(value)) classes.push("abcdefghijklmnopqrstuvwxyz");
  if (/[A-Z]/.test(value)) classes.push("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  if (/\d/.test(value)) classes.push("0123456789");
  const others = [...new Set(value.replace(/[a-zA-Z0-9]/g, ""))].sort().join("");
  if (others) classes.push(others);
  return { kind: "chars", length: [...value].length, classes };
}

/** A new value of `shape` drawn from `random`. Throws a RangeError for `unsupported`. */
export function generateValue(shape: ValueShape, random: RandomSource): string {
  switch (shape.kind) {
    case "base64": {
      const text = Buffer.from(random.bytes(shape.bytes)).toString("base64");
      return shape.padded ? text : text.replace(/=+$/, "");
    }
    case "hex": {
      const text = Buffer.from(random.bytes(Math.ceil(shape.length / 2)))
        .toString("hex")
        .slice(0, shape.length);
      return shape.upper ? text.toUpperCase() : text;
    }
    case "chars":
      return generateChars(shape.length, shape.classes, random);
    case "composite":
      return shape.parts.map((p) => (typeof p === "string" ? p : generateValue(p, random))).join("");
    case "uuid": {
      const b = Buffer.from(random.bytes(16));
      b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
      b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
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

/**
 * Uniform picks without modulo bias; a draw that misses a character class is drawn again
 * (rejection keeps the result uniform over the valid values), with a forced placement as a
 * last resort for very short values with many classes.
 */
function generateChars(length: number, classes: readonly string[], random: RandomSource): string {
  const alphabet = [...new Set([...classes.join("")])];
  const pick = (set: readonly string[]) => set[uniformIndex(set.length, random)] as string;
  const sets = classes.map((c) => new Set(c));
  const complete = (chars: string[]) => sets.every((set) => chars.some((c) => set.has(c)));
  let out: string[] = [];
  for (let attempt = 0; attempt < 200; attempt++) {
    out = Array.from({ length }, () => pick(alphabet));
    if (length < classes.length || complete(out)) return out.join("");
  }
  const positions = [...Array(length).keys()];
  for (const cls of classes) {
    const at = positions.splice(uniformIndex(positions.length, random), 1)[0] as number;
    out[at] = pick([...cls]);
  }
  return out.join("");
}

function uniformIndex(n: number, random: RandomSource): number {
  if (n <= 1) return 0;
  const limit = 65536 - (65536 % n);
  for (;;) {
    const [a = 0, b = 0] = random.bytes(2);
    const v = (a << 8) | b;
    if (v < limit) return v % n;
  }
}

/**
 * Bits of randomness in a successor drawn for `shape`: what "never weaker than the leaked
 * value" is checked against (the leaked value had at most this much, in the same format).
 */
export function entropyBits(shape: ValueShape): number {
  switch (shape.kind) {
    case "base64":
      return shape.bytes * 8;
    case "hex":
      return shape.length * 4;
    case "chars":
      return shape.length * Math.log2(Math.max(1, new Set(shape.classes.join("")).size));
    case "composite":
      return shape.parts.reduce((n, p) => n + (typeof p === "string" ? 0 : entropyBits(p)), 0);
    case "uuid":
      return 122;
    case "percent-encoded":
      return entropyBits(shape.inner);
    case "unsupported":
      return 0;
  }
}

/** A one-line description for plans and issues, e.g. "base64, 64 bytes". Never a value. */
export function describeShape(shape: ValueShape): string {
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
