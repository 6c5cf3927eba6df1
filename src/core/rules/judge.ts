/**
 * How the generic rules judge a name and a value: does `dbPassword` name a credential (and how
 * strongly), and does `"Xk29…"` look like one rather than a word, identifier, path, number,
 * hash or sentence? Pure heuristics, each backed by examples in `generic.ts`.
 */
import { charClasses, shannonEntropy } from "../util/text.js";

/**
 * Name parts that make an identifier *about* a credential rather than the credential itself:
 * `password_hash`, `tokenUrl`, `secretName`, `max_tokens`, `PASSWORD_MIN_LENGTH`.
 */
export const NOT_A_CREDENTIAL_NAME =
  /(?:hash|hashed|digest|sha\d*|md5|salt|name|names|id|ids|type|types|url|uri|endpoint|path|file|dir|header|field|length|len|size|count|min|max|policy|policies|expir\w*|ttl|timeout|prefix|suffix|format|pattern|regex|label|placeholder|hint|message|msg|error|enabled|required|mode|source|provider|store|manager|service|class|param|params|env|var|input|column|attr|prop|text|title|template|tokens|limit|ref|reference|arn|version|algorithm|alg|key_?name|kind|schema|validator|visible|reset|confirm|confirmation|changed|strength|rules|location|public|publickey|public_key|csrf|xsrf|page|next|cursor|continuation|refresh_?url|cache_?key|lookup|index|length|display|description)$/i;

/** Words that anywhere in a name make it something other than a credential. */
export const NOT_A_CREDENTIAL_WORDS = new Set([
  "public",
  "publishable",
  "idempotency",
  "object",
  "cache",
  "partition",
  "sort",
  "foreign",
  "lookup",
  "i18n",
  "translation",
  "placeholder",
  "example",
  "cursor",
  "etag",
  // Anti-forgery tokens are per-session form values: `authenticity_token`, `__RequestVerificationToken`.
  "authenticity",
  "csrf",
  "xsrf",
  "antiforgery",
  "verification",
  // A table's key, not a credential: `rowKey` (registry paths are recognised by their value).
  "row",
]);

/** Pagination and sync cursors in API responses (test recordings): `nextPageToken`, `syncToken`, `page_token`. */
const CURSOR_WORDS = new Set(["page", "next", "continuation", "sync", "skip", "delta", "resume", "change", "poll"]);

/** Is `name` a cursor's (`…PageToken`, `syncToken`), not a credential's? */
export function isCursorName(name: string): boolean {
  const words = identifierWords(name);
  return (
    words.length >= 2 && words[words.length - 1] === "token" && CURSOR_WORDS.has(words[words.length - 2] as string)
  );
}

/** Single words that name a credential. */
const CREDENTIAL_WORDS = new Set([
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "passwort",
  "secret",
  "token",
  "apikey",
  "authtoken",
  "accesstoken",
  "secretkey",
  "privatekey",
  "clientsecret",
  "credential",
  "credentials",
  "connectionstring",
  "connstring",
  // Environment variables that clients read a password from, written as one word: libpq's
  // `PGPASSWORD` (psql, pg_dump) and sshpass's `SSHPASS`. (`MYSQL_PWD` splits into `pwd`.)
  "pgpassword",
  "sshpass",
]);
/** Two-word names of a credential (`api_key`, `clientSecret`, `connection-string`). */
const CREDENTIAL_PAIRS = new Set([
  "api key",
  "access key",
  "auth key",
  "private key",
  "secret key",
  "signing key",
  "encryption key",
  "master key",
  "client secret",
  "connection string",
]);

/** Split an identifier into lower-case words: `dbPassword`, `DB_PASSWORD`, `db.password` → db, password. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * How strongly an identifier names a credential, word by word: `strong` for `dbPassword`,
 * `SECRET_KEY`, `clientSecret`, `apiKey`; `weak` for a bare `…Key` (`mapsKey`, `host-key`,
 * which are often credentials but as often lookup keys); `none` for `secretlint`, `bypass`,
 * `tokenizer`, `passport`.
 */
export function credentialName(name: string): "strong" | "weak" | "none" {
  const words = identifierWords(name);
  if (words.some((w, i) => CREDENTIAL_WORDS.has(w) || (i > 0 && CREDENTIAL_PAIRS.has(`${words[i - 1]} ${w}`)))) {
    return "strong";
  }
  return words.includes("key") || words.some((w) => w.endsWith("key")) ? "weak" : "none";
}

/** A value random enough to be a key even when its name is only `…Key`: long hex, or long mixed base64. */
export function isStrongRandom(value: string): boolean {
  if (/^[0-9a-f]{32,}$/i.test(value)) return true;
  return value.length >= 20 && charClasses(value) >= 3 && shannonEntropy(value) >= 3.8;
}

/** A word or identifier: `changeme`, `SuperSecret`, `tokenValue`, `API`, `InterpolationInJSX`. */
function isWordLike(part: string): boolean {
  if (part === "" || /^[A-Z]+$/.test(part)) return true;
  if (!/^[A-Za-z][a-z]*(?:[A-Z][a-z]+)*(?:[A-Z]{2,5}(?:[A-Z][a-z]+)*)?$/.test(part)) return false;
  // Identifiers are made of words (`tokenBindingKeyJwk`: 4.5 letters a part); random letters
  // that happen to fit the shape have short parts (`ZUuaNvjManroJsCF`: 2.7).
  const parts = part.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  return parts.length < 2 || part.length / parts.length >= 3.5;
}

/** DER object identifiers of public-key algorithms, as they appear in SubjectPublicKeyInfo. */
const PUBLIC_KEY_OIDS = ["2a864886f70d010101", "2a8648ce3d0201", "2b6570", "2b6571", "2b656e", "2b656f"];

/**
 * Is `value` a base64 SubjectPublicKeyInfo (the body of a `PUBLIC KEY` block: `MIIBIjANBg…`)?
 * Public keys are often stored under a `key` name; a PKCS#8 private key differs by the version
 * INTEGER before its algorithm.
 */
export function isBase64PublicKey(value: string): boolean {
  if (!/^M[A-Za-z0-9+/]{40,}={0,2}$/.test(value)) return false;
  let hex = "";
  try {
    const bin = atob(value.slice(0, 64).slice(0, 64 - (64 % 4)));
    for (let i = 0; i < bin.length; i++) hex += bin.charCodeAt(i).toString(16).padStart(2, "0");
  } catch {
    return false;
  }
  // SEQUENCE (length in 1–3 bytes), then the AlgorithmIdentifier SEQUENCE right away.
  const m = /^30(?:[0-7][0-9a-f]|81[0-9a-f]{2}|82[0-9a-f]{4})30/.exec(hex);
  return m !== null && PUBLIC_KEY_OIDS.some((oid) => hex.slice(m[0].length, m[0].length + 40).includes(oid));
}

/** A Windows registry path: `HKEY_LOCAL_MACHINE\SOFTWARE\…`, `HKLM:\…`. */
const REGISTRY_PATH = /^(?:HKEY_[A-Z_]+|HK(?:LM|CU|CR|U|CC))(?::|\\|\/|$)/;

/** A list of hosts, addresses and CIDR ranges (`no_proxy`, allowlists): `localhost,10.0.0.0/8,.svc`. */
const HOST_LIST =
  /^(?:localhost|\*?\.?[\w-]+(?:\.[\w-]+)*|[\d.]+(?:\/\d{1,2})?|[0-9a-f:]+(?:\/\d{1,3})?)(?:\s*,\s*(?:localhost|\*?\.?[\w-]+(?:\.[\w-]+)*|[\d.]+(?:\/\d{1,2})?|[0-9a-f:]+(?:\/\d{1,3})?))+$/i;

/** The start of a connection string built by concatenation: `"AccountKey="`, `";Password="`. */
const CONNECTION_FRAGMENT = /^;?\s*(?:[A-Za-z][A-Za-z ]*=[^;]*;\s*)*[A-Za-z][A-Za-z ]*=\s*$/;

/** Does `value` look like a credential rather than a word, name, path, number or sentence? */
export function looksLikeCredential(value: string, minLength: number): boolean {
  if (value.length < minLength || value.length > 500) return false;
  if (REGISTRY_PATH.test(value)) return false;
  if (CONNECTION_FRAGMENT.test(value)) return false;
  if (value.includes(",") && HOST_LIST.test(value)) return false;
  if (isBase64PublicKey(value)) return false;
  // A regular expression's source (`hf_[A-Za-z]{34}`, `(?:api|sdk)-…`): a pattern for secrets, not one.
  if (/\[[^\]]{1,40}\][{*+?]|\(\?[:<!=]|\\[dwsbDWS]/.test(value)) return false;
  if (/\s/.test(value)) return false; // sentences, prompts, labels
  if (/^[-+]?\d+(?:\.\d+)?$/.test(value)) return false; // numbers
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false; // UUIDs
  if (/^\$(?:2[abxy]?|argon2\w*|pbkdf2[\w-]*|scrypt|[156])\$/.test(value)) return false; // password hashes
  if (/^(?:sha\d+|md5)[-:]/i.test(value)) return false; // integrity strings
  if (/:\/\//.test(value)) return false; // URLs (credentials in URLs have their own rule)
  if (/^[A-Za-z][\w ]*=[^=]/.test(value) || /\w=[^;]*;/.test(value)) return false; // key=value strings (connection strings have their own rules)
  if (/\.(?:pem|key|crt|cer|p12|pfx|jks|json|txt|ya?ml|env|der|keystore)$/i.test(value)) return false; // key files
  // Paths (`/etc/app/token`, `./secrets/db`, `C:\keys\`), not base64 that happens to start with `/`.
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)[\w.\\/-]*$/.test(value) && charClasses(value.replace(/[/\\.]/g, "")) <= 2)
    return false;
  if (/^[\w.@-]+(?:\/[\w.@-]+)+\.[a-z]{1,5}$/i.test(value)) return false; // relative paths with an extension
  if (/^[A-Z][A-Z0-9_]+$/.test(value) && value.includes("_")) return false; // an environment variable's name
  // Dotted, dashed and snake names (`token_sha256_to_refresh`), not random parts (`Pw7_ZUuaNvjM…`).
  if (
    /^[A-Za-z]+\d*(?:[-_.][A-Za-z]+\d*)+$/.test(value) &&
    value.split(/[-_.]/).every((p) => isWordLike(p.replace(/\d+$/, "")))
  )
    return false;
  // Names made of words and separators, no digits: `msal:acquireTokenStart`, `?NoLineTerminatorHere`.
  if (/^[A-Za-z?:/._-]+$/.test(value) && value.split(/[?:/._-]+/).every(isWordLike)) return false;
  // Words and identifiers (`changeme`, `SuperSecret`, `tokenValue`, `API`), not random letters.
  if (isWordLike(value)) return false;
  // Long compound identifiers, possibly versioned: `FlowPasswordRequiredResultV2`, `privateKeyPkcs8`.
  if (/^[A-Za-z][a-z]+(?:[A-Z][a-z]+){2,}(?:V?\d{1,3})?$/.test(value)) return false;
  if (/^[A-Z0-9]{1,8}$/.test(value)) return false; // short upper-case codes: `PBKDF2`, `AES256`
  if (/^\d+(?:\.\d+)+$/.test(value)) return false; // versions, OIDs, addresses
  if (value.includes("(")) return false; // expressions
  if (/^[A-Za-z]+$/.test(value) && (value.length < 12 || shannonEntropy(value) < 3.5)) return false;
  if (/^[a-z_$][\w$]*\(.*\)$/i.test(value)) return false; // calls
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value) && !/\d/.test(value)) return false; // member access
  if (/^\/[a-z0-9_.-]+(?:\/[a-z0-9_.{}:-]*)*$/.test(value)) return false; // URL paths: `/resetpassword/v1.0/poll`
  if (/^[\w.-]+@[\w-]+\.[\w.]+$/.test(value)) return false; // e-mail addresses
  if (/^(?:Bearer|Basic|Token)$/i.test(value)) return false;
  if (/^pk_(?:live|test)_/.test(value)) return false; // Stripe publishable keys are public by design
  if (/^[a-z][a-z0-9_-]{2,}\/[\w./-]+$/.test(value)) return false; // object paths: `uploads/5f1c…`
  if (charClasses(value) < 2) return value.length >= 20 && shannonEntropy(value) >= 3.5;
  return shannonEntropy(value) >= 2.5;
}

/** Characters of a name (`db.password`, `API-KEY`, `client_secret2`). */
function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 // _ . -
  );
}

const code = (c: string) => c.charCodeAt(0);
const [QUOTE, APOS, BACKTICK, BACKSLASH, BRACKET, PAREN, LT, GT, COMMA, SPACE, TAB] = [..."\"'`\\])<>, \t"].map(code);
/** Operators that can follow a name (and its closing quote, bracket or parenthesis). */
const OPERATOR_START = new Set([..."=:?|"].map(code));

/**
 * Can the keyword at `text[start, end)` be part of an assigned name? Its name (the run of name
 * characters around it) is at most 40 characters on each side, and what follows fits one of
 * the assignment shapes: an operator after an optional closing quote, bracket or parentheses
 * (`dbPassword =`, `"apiKey":`, `["JwtSecret"] =`, `KEY ?? "…"`, `KEY or "…"`), a quote then a
 * comma (`getenv("KEY", "…")`), `.orElse(`, ` value=` after a quoted name (`<add key="KEY" value=`), a tag (`<token>`), a Markdown code span, or
 * Dockerfile `ENV KEY value`. Not `(key, value)`, `tokens.push(`, `obj[key];`. This runs at
 * every keyword occurrence, so it is cheap, and it never rejects what the pattern could match.
 */
export function mayNameAssignment(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && isNameChar(text.charCodeAt(from - 1))) if (start - --from > 40) return false;
  let i = end;
  while (i < text.length && isNameChar(text.charCodeAt(i))) if (++i - end > 40) return false;
  if (i >= text.length) return false;
  let c = text.charCodeAt(i);
  const prev = from > 0 ? text.charCodeAt(from - 1) : -1;
  if (c === BACKTICK) return true;
  // A parameter expansion, `${NAME-default}`: the name may run into its value, so let the pattern judge.
  if (prev === 123 /* { */ && from > 1 && text.charCodeAt(from - 2) === 36 /* $ */) return true;
  if (prev === LT) return c === SPACE || c === TAB || c === GT;
  // `.orElse(` after a lookup, or a setter with its value: `setPassword(`, `withClientSecret(`.
  if (c === 40 /* ( */)
    return /\.orelse$/i.test(text.slice(i - 7, i)) || /(?:^|[.-])(?:set|with)[A-Za-z0-9_]*$/i.test(text.slice(from, i));
  if ((c === SPACE || c === TAB) && /(?:^|[^\w-])(?:env|arg)\s+$/i.test(text.slice(Math.max(0, from - 8), from)))
    return true;
  // Optional closing `\"`, `"`, `]`, up to three `)`, then spaces.
  if (c === BACKSLASH) c = text.charCodeAt(++i);
  let quoted = false;
  if (c === QUOTE || c === APOS) {
    quoted = true;
    c = text.charCodeAt(++i);
  }
  if (c === BRACKET) c = text.charCodeAt(++i);
  for (let n = 0; n < 3 && c === PAREN; n++) c = text.charCodeAt(++i);
  while (c === SPACE || c === TAB) c = text.charCodeAt(++i);
  if (OPERATOR_START.has(c)) return true;
  if (c === COMMA) return quoted;
  // `getenv("KEY")).orElse("…")`, `<add key="KEY" value="…"/>`
  if (c === 46 /* . */) return /^\.orelse\(/i.test(text.slice(i, i + 8));
  if (quoted && i > end + 1 && /^value\s*=/i.test(text.slice(i, i + 12))) return true;
  // `KEY or "fallback"`
  return (c === 111 || c === 79) && /^or\b/i.test(text.slice(i, i + 3));
}
