/**
 * The forms a credential takes, so a leak and the vault secret that holds it meet however each
 * is stored: trailing newlines, URL-encoding, base64 (Kubernetes `data:`), JSON string escapes,
 * a JSON secret's fields, the secret parts of a connection string or URL. Pure; the vault index
 * digests every form of a vault value and looks up every form of a leaked value. The decoding
 * primitives here are the only ones: remediation/holders.ts (where a credential sits in a holder,
 * and how to write its successor the same way) reads values through them too.
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

/** One `KEY=value` line of an env file (`export` allowed), the value's span without its quotes. */
export interface EnvAssignment {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

const ENV_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*?)[ \t]*$/d;

/**
 * The assignments of an env file (`.env`, a Docker `--env-file`, a Compose `env_file`): every
 * line that is not blank or a `#` comment is `KEY=value`. A single line counts only without the
 * separators of other forms (`;`, `,`, `?`, `&`), so `Server=…;Password=…` stays a connection
 * string. A value keeps what it means to a shell: quotes are syntax (not the value), and an
 * unquoted value ends before ` #comment`. Undefined when `value` is not an env file.
 */
export function envAssignments(value: string): EnvAssignment[] | undefined {
  const out: EnvAssignment[] = [];
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
    if (!m || !span) return undefined;
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
    if (end > start) out.push({ key: m[1] as string, start: at + start, end: at + end });
  }
  if (lines === 0 || (lines === 1 && /[;,?&]/.test(value))) return undefined;
  return out;
}

/** An env-file key whose value is a credential by its name (`DB_PASSWORD`, `STRIPE_SECRET_KEY`, `GITHUB_TOKEN`). */
export const SECRET_ENV_KEY = /(?:pass(?:word)?|pwd|secret|token|key|credentials?|auth)$/i;

/** A StackExchange.Redis configuration string: `host:6380,password=…,ssl=True` (comma-separated). */
export function isRedisConfiguration(value: string): boolean {
  return !value.includes(";") && !/[\r\n]/.test(value) && /(?:^|,)\s*password\s*=/i.test(value) && value.includes(",");
}

/** `text` percent-decoded, when it has `%XX` escapes that decode; else undefined. */
export function percentDecoded(text: string): string | undefined {
  if (!/%[0-9A-Fa-f]{2}/.test(text)) return undefined;
  try {
    const d = decodeURIComponent(text);
    return d !== text ? d : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The UTF-8 text that canonical base64 `value` (no whitespace; callers strip or trim as they
 * need) encodes, when it is text: valid UTF-8 with no control bytes but tab and line ends.
 * Random key bytes are not text: a base64 key is the secret itself, not a wrapping.
 */
export function base64Text(value: string): string | undefined {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  // Canonical only: padding bits set would make a second spelling of the same bytes.
  if (btoa(String.fromCharCode(...bytes)) !== value) return undefined;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return [...text].some(isControl) ? undefined : text;
}

/** A control character other than tab and line ends. */
function isControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code < 0x20 && c !== "\t" && c !== "\n" && c !== "\r") || code === 0x7f;
}

/** `text` read as the inside of a JSON string literal (`\n`, `\"`, `\u…` escapes), when it has escapes. */
export function jsonUnescaped(text: string): string | undefined {
  if (!/\\[nrt"\\/u]/.test(text)) return undefined;
  try {
    return JSON.parse(`"${text.replace(/(?<!\\)"/g, '\\"')}"`) as string;
  } catch {
    return undefined;
  }
}

/** String fields of a JSON object or array value, by RFC 6901 pointer, at most `max`. */
export function jsonStringFields(text: string, max = 200): Array<[pointer: string, value: string]> {
  if (!/^\s*[[{]/.test(text)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const out: Array<[string, string]> = [];
  const walk = (node: unknown, pointer: string) => {
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

/**
 * Secret parts of `a=b;c=d` pairs, Redis's `host:6380,password=…` strings, `?x=y&z=w` query
 * strings, `scheme://user:pass@` URLs and env files' `KEY=value` lines.
 */
function components(value: string): string[] {
  const out: string[] = [];
  const userinfo = /[a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:([^@/\s]+)@/i.exec(value);
  if (userinfo?.[1]) out.push(userinfo[1]);
  const env = envAssignments(value);
  if (env) {
    // Credentials by key name, and values that carry one (a URL, a connection string) for the next level.
    for (const a of env) {
      const v = value.slice(a.start, a.end);
      if (SECRET_ENV_KEY.test(a.key) || /:\/\/|[;,]/.test(v)) out.push(v);
    }
    return out;
  }
  const q = value.indexOf("?");
  const pairs = value.includes(";")
    ? value.split(";")
    : isRedisConfiguration(value)
      ? value.split(",")
      : q >= 0
        ? value.slice(q + 1).split("&")
        : [];
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

/** A JSON object's top-level string fields of 8 characters or more (`{username, password}`). */
function jsonFields(value: string): string[] {
  const t = value.trim();
  if (!t.startsWith("{")) return [];
  return jsonStringFields(t)
    .filter(([pointer, v]) => /^\/[^/]*$/.test(pointer) && v.length >= 8)
    .map(([, v]) => v);
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
      percentDecoded(v),
      jsonUnescaped(v),
      base64Text(v.replace(/\s+/g, "")),
      ...components(v),
      ...jsonFields(v),
    ];
    // Derived forms are expanded one level further (a base64 connection string's key).
    if (i < 8) for (const n of next) if (n !== undefined && n.length >= 8 && !seen.has(n)) queue.push(n);
  }
  return [...seen].filter((f) => f.length >= 8).slice(0, MAX_FORMS);
}
