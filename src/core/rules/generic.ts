/**
 * Generic credential assignments: `password = "…"`, `"apiKey": "…"`, `DB_PASSWORD=…`,
 * `<password>…</password>`, `<add key="DbPassword" value="…"/>`. These rules run last: a
 * provider rule that claims the same value wins. Most false positives of secret scanners come
 * from here, so the value must look like a credential, and the name must name one.
 */
import type { Rule, RuleExamples, ValidationContext } from "../types.js";
import { charClasses, shannonEntropy } from "../util/text.js";
import { ALNUM, Faker, HEX } from "./fake.js";
import { hasValidGithubChecksum } from "./github.js";

const PASSWORD_NAME = "(?:passw(?:or)?d|passwort|passphrase|pwd|pass)";
const SECRET_NAME = "(?:secret|token|key|credentials?|conn(?:ection)?[_.-]?string|sas)";

/**
 * Name parts that make an identifier *about* a credential rather than the credential itself:
 * `password_hash`, `tokenUrl`, `secretName`, `max_tokens`, `PASSWORD_MIN_LENGTH`.
 */
const NOT_A_CREDENTIAL_NAME =
  /(?:hash|hashed|digest|sha\d*|md5|salt|name|names|id|ids|type|types|url|uri|endpoint|path|file|dir|header|field|length|len|size|count|min|max|policy|policies|expir\w*|ttl|timeout|prefix|suffix|format|pattern|regex|label|placeholder|hint|message|msg|error|enabled|required|mode|source|provider|store|manager|service|class|param|params|env|var|input|column|attr|prop|text|title|template|tokens|limit|ref|reference|arn|version|algorithm|alg|key_?name|kind|schema|validator|visible|reset|confirm|confirmation|changed|strength|rules|location|public|publickey|public_key|csrf|xsrf|page|next|cursor|continuation|refresh_?url|storage_?key|cache_?key|lookup|index|length|display|description)$/i;

/** Words that anywhere in a name make it something other than a credential. */
const NOT_A_CREDENTIAL_WORDS = new Set([
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
]);

/** Files where an unquoted value may be a literal (config formats), not an expression. */
const CONFIG_FILE =
  /(?:^|\/)(?:\.env[^/]*|[^/]*\.(?:env|ya?ml|properties|ini|cfg|conf|config|toml|txt|sh|bash|zsh|ps1|bat|cmd|dockerfile|npmrc|pypirc|netrc|gitconfig|tfvars|http|rest)|Dockerfile[^/]*|[^/]*rc|credentials)$/i;

/** Documentation, where examples are written as they would be typed (`export KEY=value`). */
const DOC_FILE = /\.(?:md|markdown|rst|adoc|txt)$/i;

/** `key` of the match: first defined group named `key…`. */
function keyOf(match: RegExpExecArray): string {
  for (const [name, value] of Object.entries(match.groups ?? {}))
    if (value !== undefined && name.startsWith("key")) return value;
  return "";
}

/** Was the value quoted in the source? (groups `secretU…` are unquoted values). */
function isUnquoted(match: RegExpExecArray): boolean {
  return Object.entries(match.groups ?? {}).some(([name, value]) => value !== undefined && name.startsWith("secretU"));
}

/** Does `value` look like a credential rather than a word, name, path, number or sentence? */
export function looksLikeCredential(value: string, minLength: number): boolean {
  if (value.length < minLength || value.length > 500) return false;
  if (/\s/.test(value)) return false; // sentences, prompts, labels
  if (/^[-+]?\d+(?:\.\d+)?$/.test(value)) return false; // numbers
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false; // UUIDs
  if (/^\$(?:2[abxy]?|argon2\w*|pbkdf2[\w-]*|scrypt|[156])\$/.test(value)) return false; // password hashes
  if (/^(?:sha\d+|md5)[-:]/i.test(value)) return false; // integrity strings
  if (/:\/\//.test(value)) return false; // URLs (credentials in URLs have their own rule)
  if (/^[A-Za-z][\w ]*=[^=]/.test(value) || /\w=[^;]*;/.test(value)) return false; // key=value strings (connection strings have their own rules)
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)|\.(?:pem|key|crt|cer|p12|pfx|jks|json|txt|ya?ml|env|der|keystore)$/i.test(value))
    return false; // file paths
  if (/^[\w.@-]+(?:\/[\w.@-]+)+\.[a-z]{1,5}$/i.test(value)) return false; // relative paths with an extension
  if (/^[A-Z][A-Z0-9_]+$/.test(value) && value.includes("_")) return false; // an environment variable's name
  if (/^[A-Za-z]+(?:[-_.][A-Za-z]+)*$/.test(value) && value.length < 24) return false; // words and dotted names
  if (/^[a-z]+(?:[A-Z][a-z]+)+$/.test(value)) return false; // camelCase identifiers
  if (/^[a-z_$][\w$]*\(.*\)$/i.test(value) || /^[\w$]+\.[\w$.]+$/.test(value)) return false; // calls, member access
  if (/^[\w.-]+@[\w-]+\.[\w.]+$/.test(value)) return false; // e-mail addresses
  if (/^(?:Bearer|Basic|Token)$/i.test(value)) return false;
  if (/^pk_(?:live|test)_/.test(value)) return false; // Stripe publishable keys are public by design
  if (/^[a-z][a-z0-9_-]{2,}\/[\w./-]+$/.test(value)) return false; // object paths: `uploads/5f1c…`
  if (charClasses(value) < 2) return value.length >= 20 && shannonEntropy(value) >= 3.5;
  return shannonEntropy(value) >= 2.5;
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

/** Kept for callers that only need a yes or no. */
export function namesCredential(name: string): boolean {
  return credentialName(name) === "strong";
}

/** A value random enough to be a key even when its name is only `…Key`: long hex, or long mixed base64. */
function isStrongRandom(value: string): boolean {
  if (/^[0-9a-f]{32,}$/i.test(value)) return true;
  return value.length >= 20 && charClasses(value) >= 3 && shannonEntropy(value) >= 3.8;
}

/** A flag on a command line that takes a password (`mysql -p'…'`, `--password=…`). */
const PASSWORD_FLAG = /^-{1,2}(?:p|pass|password)$/i;

/** Does a line look like a comment (a commented-out assignment is still a leak)? */
const COMMENT_LINE = /^\s*(?:#|\/\/|\*|--|;|<!--|')/;

function validateAssignment(minLength: number) {
  return ({ match, secret, path, line }: ValidationContext): boolean => {
    const key = keyOf(match)
      .replace(/^[$@:%]+/, "")
      .replace(/["'`\\]/g, "");
    const strength = PASSWORD_FLAG.test(key) ? "strong" : credentialName(key);
    if (strength === "none") return false;
    if (NOT_A_CREDENTIAL_NAME.test(key.replace(/[-.]/g, "_"))) return false;
    if (identifierWords(key).some((w) => NOT_A_CREDENTIAL_WORDS.has(w))) return false;
    if (isUnquoted(match)) {
      if (/^[!|>&*%]/.test(secret)) return false; // YAML tags, block scalars, anchors and aliases
      // In code an unquoted value is an expression; it is a literal in config formats, in
      // docs, in comments and in environment-style assignments (`%env API_KEY=…`, `ENV …`).
      const literalContext = CONFIG_FILE.test(path);
      const envStyle = /^[A-Z][A-Z0-9_]*$/.test(key) || DOC_FILE.test(path) || COMMENT_LINE.test(line);
      if (!literalContext && !(envStyle && /\d/.test(secret) && secret.length >= 8)) return false;
    }
    // A provider's format with a wrong checksum is a made-up value, whatever its name says.
    if (/^gh[pousr]_/.test(secret) && !hasValidGithubChecksum(secret)) return false;
    if (key && secret.toLowerCase() === key.toLowerCase()) return false;
    if (!looksLikeCredential(secret, minLength)) return false;
    return strength === "strong" || isStrongRandom(secret);
  };
}

/**
 * One pattern for both rules. Alternatives, each bounded so no input makes it backtrack badly:
 * 1. `name <op> "value"`: `=`, `:`, `:=`, `=>`, `,` (function arguments, map entries), a type
 *    annotation (`KEY: string = "…"`), fallbacks after an environment lookup
 *    (`process.env.KEY || "…"`, `getenv("KEY") ?: "…"`, `….orElse("…")`), `ConvertTo-SecureString "…"`,
 *    string prefixes (`@"…"`, `r"…"`) and escaped quotes (`\"…\"` inside JSON notebooks);
 * 2. `name <op> value` unquoted (judged by file type in validation), and Dockerfile `ENV NAME value`;
 * 3. `<name>value</name>`; 4. `key="name" value="value"`;
 * 5. Markdown: `` `NAME` is `value` ``, `` | `NAME` | `value` | ``, `` Set `NAME` to `value` ``;
 * 6. command-line flags: `-p'value'`, `--password=value`.
 */
function assignment(name: string): RegExp {
  const ident = `[A-Za-z0-9_.-]{0,40}${name}[A-Za-z0-9_.-]{0,40}`;
  const closeKey = `(?:\\\\?["'])?\\]?\\){0,3}`;
  const typeAnnotation = `(?::\\s*[A-Za-z][\\w<>\\[\\]|.?]{0,30}\\s*(?==))?`;
  const op = `(?::=|=>|\\?\\?=?|\\|\\||\\?:|\\bor\\b|\\.orElse\\(|=|:|,)`;
  const beforeValue = `(?:ConvertTo-SecureString\\s+(?:-String\\s+)?|["']\\s*\\.\\s*)?(?:[@rbuf]{1,2}(?=["']))?`;
  const quoted = `\\\\?(?<q>["'\`])(?<secret>[^"'\`\\\\\\r\\n]{4,300}?)\\\\?\\k<q>`;
  const unquotedValue = `[^\\s"'\`,;#<>{}()\\[\\]\\\\][^\\s"'\`,;#<>\\\\]{3,300}`;
  return new RegExp(
    [
      `(?<![A-Za-z0-9])(?<key>${ident})${closeKey}\\s*${typeAnnotation}${op}\\s*${beforeValue}${quoted}`,
      `(?<![A-Za-z0-9])(?<key2>${ident})["']?\\s*(?:=|:)[ \\t]*(?<secretU>${unquotedValue})(?=\\s*(?:$|#|;|,|\\s|\\\\))`,
      `^\\s*ENV\\s+(?<key6>${ident})\\s+(?<secretU2>${unquotedValue})\\s*$`,
      `<(?<key3>${ident})(?:\\s[^>]{0,200})?>(?<secret3>[^<\\s]{4,300})</`,
      `key\\s*=\\s*"(?<key4>${ident})"\\s+value\\s*=\\s*"(?<secret4>[^"\\r\\n]{4,300})"`,
      `\`(?<key5>${ident})\`\\s*(?:is|to|=|:|\\||->|→)\\s*\`(?<secret5>[^\`\\s]{4,300})\``,
    ].join("|"),
    "i",
  );
}

/** Command-line password flags: `mysql -p'…'`, `--password=…`, `--password "…"`. */
const PASSWORD_FLAG_PATTERN =
  /(?<![\w-])(?<key>-p|--password|--pass)(?:=|\s+)?(?<q>["'])(?<secret>[^"'\s]{6,300})\k<q>|(?<![\w-])(?<key2>--password|--pass)(?:=|\s+)(?<secretU>[^\s"'`;&|<>$]{6,300})/;

/**
 * A name and its value on neighbouring lines: Kubernetes and Azure Pipelines
 * `- name: DB_PASSWORD` / `value: …`, and Terraform `variable "db_password" { default = "…" }`.
 */
const PAIR_PATTERN =
  /(?:^|\n)[ \t]*(?:-[ \t]+)?name:[ \t]*["']?(?<key>[A-Za-z0-9_.-]{1,80})["']?[ \t]*\r?\n[ \t]*value:[ \t]*(?:(?<q>["'])(?<secret>[^"'\r\n]{4,300}?)\k<q>|(?<secretU>[^\s"'#][^\s"'#]{3,300}))[ \t]*(?=\r?\n|$)|variable[ \t]+"(?<key2>[A-Za-z0-9_.-]{1,80})"[ \t]*\{[^}]{0,400}?\bdefault[ \t]*=[ \t]*"(?<secret2>[^"\r\n]{4,300})"/;

export const rules: readonly Rule[] = [
  {
    id: "generic-password",
    title: "Hard-coded password",
    keywords: ["pass", "pwd"],
    pattern: assignment(PASSWORD_NAME),
    validate: validateAssignment(6),
    remediation: "Change the password where it is used, and read it from a secret store instead.",
  },
  {
    id: "generic-secret",
    title: "Hard-coded secret, token or API key",
    keywords: ["secret", "token", "key", "credential", "connstring", "connectionstring", "connection_string"],
    pattern: assignment(SECRET_NAME),
    validate: validateAssignment(10),
    remediation: "Revoke the credential at its issuer, and read it from a secret store instead.",
  },
  {
    id: "generic-credential-pair",
    title: "Hard-coded credential in a name/value pair",
    keywords: ["name:", "variable \""],
    pattern: PAIR_PATTERN,
    multiline: true,
    multilineReach: 600,
    validate: validateAssignment(8),
    remediation: "Move the value to a secret (Kubernetes Secret, pipeline secret variable, Key Vault) and rotate it.",
  },
  {
    id: "password-flag",
    title: "Password on a command line",
    keywords: ["-p'", '-p"', "--password", "--pass "],
    pattern: PASSWORD_FLAG_PATTERN,
    validate: validateAssignment(6),
    remediation: "Change the password, and pass it through the environment or a prompt instead.",
  },
  {
    id: "bearer-token",
    title: "Bearer token in an Authorization header",
    keywords: ["bearer "],
    pattern: /\bBearer\s+(?<secret>[A-Za-z0-9_\-.~+/]{20,2000}=*)(?![A-Za-z0-9_\-.~+/=])/,
    minEntropy: 3.5,
    validate: ({ secret }) => looksLikeCredential(secret, 20),
    remediation: "Revoke the token at its issuer.",
  },
];

export function examples(): RuleExamples {
  const f = new Faker(53);
  const pw = f.password(16);
  const key = f.chars(HEX, 40);
  const tok = f.chars(ALNUM, 32);
  return {
    truePositives: [
      { text: `db_password = "${pw}"`, secret: pw, path: "settings.py" },
      { text: `DB_PASSWORD=${pw}`, secret: pw, path: ".env" },
      { text: `  password: ${pw}`, secret: pw, path: "docker-compose.yml" },
      { text: `"apiKey": "${key}",`, secret: key, path: "config.json" },
      { text: `<password>${pw}</password>`, secret: pw, path: "settings.xml" },
      { text: `<add key="SmtpPassword" value="${pw}" />`, secret: pw, path: "web.config" },
      { text: `spring.datasource.password=${pw}`, secret: pw, path: "application.properties" },
      { text: `apiToken := "${tok}"`, secret: tok, path: "main.go" },
      { text: `'secret_key' => '${tok}',`, secret: tok, path: "config.php" },
      { text: `curl -H "Authorization: Bearer ${tok}" https://api.acme.io`, secret: tok, path: "call.sh" },
    ],
    falsePositives: [
      { text: 'password = "changeme"' },
      { text: "password = os.environ['DB_PASSWORD']", path: "settings.py" },
      { text: "const token = process.env.API_TOKEN;" },
      { text: "password: ${DB_PASSWORD}", path: "docker-compose.yml" },
      { text: "token: string;", path: "types.ts" },
      { text: "const token = await getToken();" },
      { text: "password_min_length = 12", path: "settings.ini" },
      { text: `password_hash = "${f.chars(HEX, 64)}"` },
      { text: 'const passwordField = "password-input";' },
      { text: 'label: "Enter your password"' },
      { text: 'API_KEY_ENV = "OPENAI_API_KEY"' },
      { text: 'secretName: "db-connection-string"' },
      { text: 'token_url = "https://login.example.com/oauth/token"' },
      { text: "  password: !vault |", path: "vars.yml" },
      { text: 'GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}"', path: ".github/workflows/ci.yml" },
      { text: 'app_insights_key = "00000000-1111-2222-3333-444444444444"' },
      { text: 'password = "%s" % pw' },
      { text: 'password: "{{ .Values.db.password }}"', path: "deploy.yaml" },
      { text: 'password = "********"' },
      { text: 'if (password == "") return;' },
      { text: "Authorization: Bearer <token>" },
      { text: 'const tokenKey = "authToken";' },
    ],
  };
}
