/**
 * The forms a credential takes, so a leak and the vault secret that holds it meet however each
 * is stored: trailing newlines, URL-encoding, base64 (Kubernetes `data:`), JSON string escapes,
 * a JSON secret's fields, the secret parts of a connection string or URL. Pure; the vault index
 * digests every form of a vault value and looks up every form of a leaked value.
 */

const SECRET_KEYS = new Set([
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
  "api_key",
]);

function tryDecodeUri(text: string): string | undefined {
  if (!/%[0-9a-f]{2}/i.test(text)) return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Base64 that decodes to printable UTF-8 text (a wrapped secret), else undefined. */
function tryBase64(text: string): string | undefined {
  const t = text.replace(/\s+/g, "");
  if (t.length < 16 || t.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(t)) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(t), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
  // Printable text only: random key bytes in base64 are the secret themselves, not a wrapping.
  return /^[\x20-\x7e\t\r\n]+$/.test(decoded) ? decoded : undefined;
}

function jsonUnescape(text: string): string | undefined {
  if (!/\\[nrt"\\/u]/.test(text)) return undefined;
  try {
    return JSON.parse(`"${text.replace(/(?<!\\)"/g, '\\"')}"`) as string;
  } catch {
    return undefined;
  }
}

/** Secret parts of `a=b;c=d` pairs, `?x=y&z=w` query strings and `scheme://user:pass@` URLs. */
function components(value: string): string[] {
  const out: string[] = [];
  const userinfo = /[a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:([^@/\s]+)@/i.exec(value);
  if (userinfo?.[1]) out.push(userinfo[1]);
  const q = value.indexOf("?");
  const pairs = value.includes(";") ? value.split(";") : q >= 0 ? value.slice(q + 1).split("&") : [];
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

function jsonFields(value: string): string[] {
  const t = value.trim();
  if (!t.startsWith("{")) return [];
  try {
    const parsed = JSON.parse(t) as unknown;
    if (typeof parsed !== "object" || parsed === null) return [];
    return Object.values(parsed as Record<string, unknown>).filter(
      (v): v is string => typeof v === "string" && v.length >= 8,
    );
  } catch {
    return [];
  }
}

/** At most this many forms per value, so a hostile value cannot blow the index up. */
const MAX_FORMS = 32;

/**
 * Every form under which `value` may be found, the value itself first. Forms shorter than 8
 * characters are dropped: they would match by chance.
 */
export function valueForms(value: string): string[] {
  const seen = new Set<string>();
  const queue = [value];
  for (let i = 0; i < queue.length && seen.size < MAX_FORMS; i++) {
    const v = queue[i] as string;
    if (seen.has(v)) continue;
    seen.add(v);
    const next = [
      v.replace(/[\r\n]+$/, ""),
      v.trim(),
      tryDecodeUri(v),
      jsonUnescape(v),
      tryBase64(v),
      ...components(v),
      ...jsonFields(v),
    ];
    // Derived forms are expanded one level further (a base64 connection string's key).
    if (i < 8) for (const n of next) if (n !== undefined && n.length >= 8 && !seen.has(n)) queue.push(n);
  }
  return [...seen].filter((f) => f.length >= 8).slice(0, MAX_FORMS);
}
