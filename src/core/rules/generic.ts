/**
 * Generic credential assignments: `password = "…"`, `"apiKey": "…"`, `DB_PASSWORD=…`,
 * `<password>…</password>`, `<add key="DbPassword" value="…"/>`. These rules run last: a
 * provider rule that claims the same value wins. Most false positives of secret scanners come
 * from here, so the value must look like a credential, and the name must name one.
 */
import type { Rule, RuleExamples, ValidationContext } from "../types.js";
import { ALNUM, Faker, HEX } from "./fake.js";
import { hasValidGithubChecksum } from "./github.js";
import { isBrokenMicrosoftKey } from "./identifiable.js";
import {
  credentialName,
  identifierWords,
  isCursorName,
  isStrongRandom,
  looksLikeCredential,
  mayNameAssignment,
  NOT_A_CREDENTIAL_NAME,
  NOT_A_CREDENTIAL_WORDS,
} from "./judge.js";

const PASSWORD_NAME = "(?:passw(?:or)?d|passwort|passphrase|pwd|pass)";
const SECRET_NAME = "(?:secret|token|key|credentials?|conn(?:ection)?[_.-]?string|sas)";

/** Files where an unquoted value may be a literal (config formats), not an expression. */
const CONFIG_FILE =
  /(?:^|\/)(?:\.env[^/]*|[^/]*\.(?:env|ya?ml|properties|ini|cfg|conf|config|toml|txt|sh|bash|zsh|ps1|bat|cmd|dockerfile|npmrc|pypirc|netrc|gitconfig|tfvars|http|rest)|Dockerfile[^/]*|[^/]*rc|credentials)$/i;

/** Documentation, where examples are written as they would be typed (`export KEY=value`). */
const DOC_FILE = /\.(?:md|markdown|rst|adoc|txt)$/i;

const KEY_TAGS = ["A", "B", "C", "D", "E", "F", "G", "H", "I"] as const;

/** The name of the match: the first defined group named `key…`. */
function keyOf(match: RegExpExecArray): string {
  const groups = match.groups;
  if (!groups) return "";
  for (const tag of KEY_TAGS) {
    const k = groups[`key${tag}`];
    if (k !== undefined) return k;
  }
  return groups.key ?? groups.key2 ?? "";
}

/** Was the value unquoted in the source? (groups `secretU…`). */
function isUnquoted(match: RegExpExecArray): boolean {
  return match.groups?.secretU !== undefined || match.groups?.secretU2 !== undefined;
}

/** A flag on a command line that takes a password (`mysql -p'…'`, `--password=…`). */
const PASSWORD_FLAG = /^-{1,2}(?:p|pass|password)$/i;

/** Does a line look like a comment (a commented-out assignment is still a leak)? */
const COMMENT_LINE = /^\s*(?:#|\/\/|\*|--|;|<!--|')/;

/**
 * What a name alone says: "strong" or "weak" when it may name a credential, "none" when it
 * cannot. Names repeat endlessly in real code (`key`, `token`, `apiKey`), and judging one takes
 * a dozen regexes, so verdicts are remembered (a bounded cache: the judgement is pure).
 */
const nameVerdicts = new Map<string, "strong" | "weak" | "none">();
const NAME_CACHE_LIMIT = 4096;

function nameStrength(key: string): "strong" | "weak" | "none" {
  let verdict = nameVerdicts.get(key);
  if (verdict !== undefined) return verdict;
  verdict = PASSWORD_FLAG.test(key) ? "strong" : credentialName(key);
  if (
    verdict !== "none" &&
    (NOT_A_CREDENTIAL_NAME.test(key.replace(/[-.]/g, "_")) ||
      identifierWords(key).some((w) => NOT_A_CREDENTIAL_WORDS.has(w)) ||
      isCursorName(key))
  ) {
    verdict = "none";
  }
  if (nameVerdicts.size >= NAME_CACHE_LIMIT) nameVerdicts.clear();
  nameVerdicts.set(key, verdict);
  return verdict;
}

function validateAssignment(minLength: number) {
  return ({ match, secret, path, line }: ValidationContext): boolean => {
    // A dotted name is judged by its last part: `config.db.password` names a password,
    // `privateKey.details.namedCurve` names a curve.
    const key = (
      keyOf(match)
        .replace(/^[$@:%]+/, "")
        .replace(/["'`\\]/g, "")
        .split(".")
        .pop() ?? ""
    ).trim();
    const strength = nameStrength(key);
    if (strength === "none") return false;
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
    if (isBrokenMicrosoftKey(secret)) return false;
    if (key && secret.toLowerCase() === key.toLowerCase()) return false;
    // Fixtures name themselves: `accessToken: "usertoken123"`, `apiKey: "testkey42"`.
    if (/^[a-z.]*(?:token|apikey|api_key)[a-z.]*\d{0,4}$/i.test(secret)) return false;
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
 * 6. command-line flags: `-p'value'`, `--password=value`;
 * 7. a parameter's default: shell and Compose `${DB_PASSWORD:-value}` (also `-`, `:=`, `=`, `:+`)
 *    and Spring `${db.password:value}`. The value ends at the closing brace; the operator is not
 *    part of it. (Without this, alternative 2 read `-value}` as an unquoted value.)
 */
function assignment(name: string): RegExp {
  const ident = `[A-Za-z0-9_.-]{0,40}${name}[A-Za-z0-9_.-]{0,40}`;
  // Not right after `${`: a parameter's name is alternative 7's (or a reference, with no value).
  const identStart = "(?<![A-Za-z0-9_.-]|\\$\\{)";
  const closeKey = `(?:\\\\?["'])?\\]?\\){0,3}`;
  const typeAnnotation = `(?::\\s*[A-Za-z][\\w<>\\[\\]|.?]{0,30}\\s*(?==))?`;
  const op = `(?::=|=>|\\?\\?=?|\\|\\||\\?:|\\bor\\b|\\.orElse\\(|=|:)`;
  const beforeValue = `(?:ConvertTo-SecureString\\s+(?:-String\\s+)?|["']\\s*\\.\\s*)?(?:[@rbuf]{1,2}(?=["']))?`;
  const quoted = `\\\\?(?<q>["'\`])(?<secretB>[^"'\`\\\\\\r\\n]{4,300}?)\\\\?\\k<q>`;
  // A `#` inside an unquoted word is part of it (sh, Docker, YAML, properties); a comment needs
  // whitespace before it, so only the first character may not be one.
  const unquotedValue = `[^\\s"'\`,;#<>{}()\\[\\]\\\\][^\\s"'\`,;<>\\\\]{3,300}`;
  return new RegExp(
    [
      `(?:key|name)\\s*=\\s*"(?<keyA>${ident})"\\s+value\\s*=\\s*"(?<secretA>[^"\\r\\n]{4,300})"`,
      // A name and its value as a call's first two arguments: `getenv("KEY", "…")`, `Map.entry("password", "…")`.
      // A parameter's default, before alternative 2 so that `${NAME:-value}` is not read as `NAME: -value}`.
      `\\$\\{(?<keyI>[A-Za-z0-9_.]{0,40}${name}[A-Za-z0-9_.]{0,40})(?::?[-=+]|:)(?<secretI>[^\\s"'\`\${}\\\\]{4,300})\\}`,
      `(?<=\\(\\s*\\\\?["'])(?<keyG>${ident})\\\\?["']\\s*,\\s*${beforeValue}${quoted.replace("secretB", "secretG").replace(/<q>|k<q>/g, (m) => m.replace("q", "q2"))}`,
      `${identStart}(?<keyB>${ident})(?:${closeKey}\\s*${typeAnnotation}${op}\\s*${beforeValue}${quoted}|["']?\\s*(?:=|:)[ \\t]*(?<secretU>${unquotedValue})(?=\\s*(?:$|#|;|,|\\s|\\\\)))`,
      `(?<![\\w-])(?:ENV|ARG)\\s+(?<keyD>${ident})\\s+(?<secretU2>${unquotedValue})\\s*$`,
      `<(?<keyE>${ident})(?:\\s[^>]{0,200})?>(?<secretE>[^<\\s]{4,300})</`,
      // A setter with a literal: `ds.setPassword("…")`, `.withClientSecret("…")`.
      `(?<![A-Za-z0-9_])(?<keyH>(?:set|with)[A-Za-z0-9_]{0,30}${name}[A-Za-z0-9_]{0,20})\\(\\s*(?<q3>["'])(?<secretH>[^"'\\\\\\r\\n]{4,300}?)\\k<q3>\\s*\\)`,
      `\`(?<keyF>${ident})\`\\s*(?:is|to|=|:|\\||->|→)\\s*\`(?<secretF>[^\`\\s]{4,300})\``,
    ].join("|"),
    "i",
  );
}

/**
 * A match starts at most ~60 characters before its keyword (`key="` or a backtick, then a
 * 40-character name prefix) and ends within a name suffix, an operator and a 300-character value.
 */
const ASSIGNMENT_WINDOW = { before: 64, after: 440 } as const;

/** Command-line password flags: `mysql -p'…'`, `--password=…`, `--password "…"`. */
const PASSWORD_FLAG_PATTERN =
  /(?<![\w-])(?<key>-p|--password|--pass)(?:=|\s+)?(?<q>["'])(?<secret>[^"'\s]{6,300})\k<q>|(?<![\w-])(?<key2>--password|--pass)(?:=|\s+)(?<secretU>[^\s"'`;&|<>$]{6,300})/;

/**
 * A name and its value on neighbouring lines: Kubernetes and Azure Pipelines
 * `- name: DB_PASSWORD` / `value: …`, and Terraform `variable "db_password" { default = "…" }`.
 */
const PAIR_PATTERN =
  /(?:^|\n)[ \t]*(?:-[ \t]+)?name:[ \t]*["']?(?<key>[A-Za-z0-9_.-]{1,80})["']?[ \t]*\r?\n[ \t]*value:[ \t]*(?:(?<q>["'])(?<secret>[^"'\r\n]{4,300}?)\k<q>|(?<secretU>[^\s"'#][^\s"'#]{3,300}))[ \t]*(?=\r?\n|$)|variable[ \t]+"(?<key2>[A-Za-z0-9_.-]{1,80})"[ \t]*\{[^}]{0,400}?\bdefault[ \t]*=[ \t]*"(?<secret2>[^"\r\n]{4,300})"/;

/**
 * What PAIR_PATTERN needs around a `name:` before it can match there: only indentation (and a
 * list dash) before it on its line, and `value:` opening the next line. `name:` is everywhere
 * in YAML and JS, and the pattern otherwise scans a 1 KB window for each one.
 */
function mayStartPair(text: string, start: number, end: number): boolean {
  if (!text.startsWith("name:", start)) return text.startsWith("variable", start);
  let i = start - 1;
  for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 45; c = text.charCodeAt(--i));
  if (i >= 0 && text.charCodeAt(i) !== 10) return false;
  let j = text.indexOf("\n", end);
  if (j < 0) return false;
  for (let c = text.charCodeAt(++j); c === 32 || c === 9; c = text.charCodeAt(++j));
  return text.startsWith("value:", j);
}

export const rules: readonly Rule[] = [
  {
    id: "generic-password",
    title: "Hard-coded password",
    keywords: ["pass", "pwd"],
    pattern: assignment(PASSWORD_NAME),
    window: ASSIGNMENT_WINDOW,
    startsBeforeKeyword: true,
    atKeyword: mayNameAssignment,
    validate: validateAssignment(6),
    remediation: "Change the password where it is used, and read it from a secret store instead.",
  },
  {
    id: "generic-secret",
    title: "Hard-coded secret, token or API key",
    // Every spelling the name alternatives allow, so each match holds one of its keywords.
    keywords: [
      "secret",
      "token",
      "key",
      "credential",
      "connstring",
      "conn_string",
      "conn-string",
      "conn.string",
      "connectionstring",
      "connection_string",
      "connection-string",
      "connection.string",
      "sas",
    ],
    pattern: assignment(SECRET_NAME),
    window: ASSIGNMENT_WINDOW,
    startsBeforeKeyword: true,
    atKeyword: mayNameAssignment,
    validate: validateAssignment(10),
    remediation: "Revoke the credential at its issuer, and read it from a secret store instead.",
  },
  {
    id: "generic-credential-pair",
    title: "Hard-coded credential in a name/value pair",
    keywords: ["name:", 'variable "'],
    pattern: PAIR_PATTERN,
    atKeyword: mayStartPair,
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
  // Unquoted in a shell or Dockerfile, `&`, `*`, `!` or `#` would not be part of the value.
  const shellPw = `${f.chars(ALNUM, 14)}_${f.chars("0123456789", 2)}`;
  const hashPw = `${f.chars(ALNUM, 8)}#${f.chars(ALNUM, 6)}4`;
  const key = f.chars(HEX, 40);
  const tok = f.chars(ALNUM, 32);
  // The DER of an RSA SubjectPublicKeyInfo, with a random modulus: what a `PUBLIC KEY` block holds.
  const publicKey =
    btoa(
      String.fromCharCode(
        ...[
          0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05,
          0x00,
        ],
        ...[0x03, 0x82, 0x01, 0x0f, 0x00],
      ),
    ) + f.chars(ALNUM, 300);
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
      { text: `const jwtSecret = process.env.JWT_SECRET ?? "${pw}";`, secret: pw, path: "auth.ts" },
      { text: `maps_key = os.getenv("MAPS_KEY", "${tok}")`, secret: tok, path: "geo.py" },
      {
        text: `String p = Optional.ofNullable(System.getenv("DB_PASSWORD")).orElse("${pw}");`,
        secret: pw,
        path: "Db.java",
      },
      { text: `    <add key="ServiceApiKey" value="${key}" />`, secret: key, path: "Web.config" },
      { text: `    <property name="cosmosDbKey" value="${tok}" />`, secret: tok, path: "beans.xml" },
      { text: `            ["JwtSecret"] = "${tok}",`, secret: tok, path: "Startup.cs" },
      { text: `mysql -h db -u root -p'${pw}' < schema.sql`, secret: pw, path: "restore.sh" },
      { text: `dataSource.setPassword("${pw}");`, secret: pw, path: "Db.java" },
      { text: `$db_password = '${pw}';`, secret: pw, path: "config.php" },
      { text: `define('DB_PASSWORD', '${pw}');`, secret: pw, path: "wp-config.php" },
      { text: `data:\n  password: ${btoa(pw)}`, secret: btoa(pw), path: "k8s/secret.yaml" },
      { text: `        - name: DB_PASSWORD\n          value: "${pw}"`, secret: pw, path: "deployment.yaml" },
      {
        text: `variable "db_password" {\n  type    = string\n  default = "${pw}"\n}`,
        secret: pw,
        path: "variables.tf",
      },
      { text: `| \`SESSION_SECRET\` | \`${tok}\` |`, secret: tok, path: "README.md" },
      { text: `    "%env DB_PASSWORD=${pw}\\n",`, secret: pw, path: "setup.ipynb" },
      { text: `ENV WEATHER_API_KEY ${tok}`, secret: tok, path: "Dockerfile" },
      { text: `$AdminPassword = ConvertTo-SecureString "${pw}" -AsPlainText -Force`, secret: pw, path: "deploy.ps1" },
      { text: `// smtpPassword = ${pw}`, secret: pw, path: "mail.ts" },
      // A parameter's default holds the value without the operator or the closing brace.
      { text: `DB_PASSWORD="\${DB_PASSWORD:-${pw}}"`, secret: pw, path: "entrypoint.sh" },
      { text: `      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD-${pw}}`, secret: pw, path: "compose.yaml" },
      { text: `  password: \${DB_PASSWORD:${pw}}`, secret: pw, path: "application.yml" },
      { text: `API_TOKEN=\${API_TOKEN:=${tok}}`, secret: tok, path: "run.sh" },
      // Shell scripts: a password in a client's environment variable or an export.
      { text: `PGPASSWORD='${pw}' psql -h db -U app -d app`, secret: pw, path: "restore.sh" },
      { text: `  PGPASSWORD="${pw}" pg_dump -Fc app > app.dump`, secret: pw, path: "scripts/backup.bash" },
      { text: `PGPASSWORD=${shellPw} psql -h db -U app`, secret: shellPw, path: "restore.sh" },
      { text: `export PGPASSWORD="${pw}"`, secret: pw, path: "env.sh" },
      { text: `MYSQL_PWD=${shellPw} mysqldump -u root app > app.sql`, secret: shellPw, path: "backup.sh" },
      { text: `MYSQL_PWD='${pw}' mysql -u root < schema.sql`, secret: pw, path: "restore.sh" },
      { text: `export MYSQL_PWD=${shellPw}`, secret: shellPw, path: "db.sh" },
      { text: `export X_PASSWORD="${pw}"`, secret: pw, path: "deploy.sh" },
      { text: `export SSHPASS='${pw}'`, secret: pw, path: "ship.sh" },
      // A `#` inside an unquoted word is literal to sh and Docker: the whole value, not its start.
      { text: `export PGPASSWORD=${hashPw}`, secret: hashPw, path: "env.sh" },
      { text: `ENV DB_PASSWORD=${hashPw}`, secret: hashPw, path: "Dockerfile" },
      { text: `ARG ADMIN_PASSWORD=${hashPw} # build-time only`, secret: hashPw, path: "Dockerfile" },
      { text: `DB_PASSWORD=${shellPw} # rotated monthly`, secret: shellPw, path: ".env" },
      // Dockerfile ENV and ARG, with `=` or (ENV) a space, alone or among other pairs.
      { text: `ENV PGPASSWORD=${shellPw}`, secret: shellPw, path: "api.Dockerfile" },
      { text: `ENV POSTGRES_PASSWORD ${shellPw}`, secret: shellPw, path: "Dockerfile" },
      { text: `ENV DB_PASSWORD="${pw}"`, secret: pw, path: "Dockerfile" },
      { text: `ENV APP_ENV=prod DB_PASSWORD=${shellPw} PORT=8080`, secret: shellPw, path: "Dockerfile" },
      { text: `ARG DB_PASSWORD=${shellPw}`, secret: shellPw, path: "Dockerfile" },
      { text: `ARG MYSQL_ROOT_PASSWORD="${pw}"`, secret: pw, path: "docker/Dockerfile.db" },
      { text: "DB_PASSWORD=Pw7_ZUuaNvjManroJsCF", secret: "Pw7_ZUuaNvjManroJsCF", path: ".env" }, // leakstop:allow (a made-up value)
    ],
    falsePositives: [
      { text: 'password = "changeme"' },
      // Shell and Dockerfile forms whose value is a reference, a command or a path, not a password.
      { text: 'PGPASSWORD="$DB_PASSWORD" psql -h db -U app', path: "restore.sh" },
      { text: 'export PGPASSWORD="${PGPASSWORD:?set PGPASSWORD}"', path: "restore.sh" },
      { text: "MYSQL_PWD=$(cat /run/secrets/db_password) mysql -u root", path: "backup.sh" },
      { text: 'export X_PASSWORD="$(vault kv get -field=password secret/db)"', path: "deploy.sh" },
      { text: "export PGPASSWORD", path: "env.sh" },
      { text: "ARG DB_PASSWORD", path: "Dockerfile" },
      { text: "ENV DB_PASSWORD=${DB_PASSWORD}", path: "Dockerfile" },
      { text: "ARG PASSWORD_FILE=/run/secrets/db_password", path: "Dockerfile" },
      { text: "ENV PGPASSFILE=/home/app/.pgpass", path: "Dockerfile" },
      { text: 'MYSQL_PWD="changeme" mysql -u root', path: "dev.sh" },

      { text: "password = os.environ['DB_PASSWORD']", path: "settings.py" },
      { text: "const token = process.env.API_TOKEN;" },
      { text: "password: ${DB_PASSWORD}", path: "docker-compose.yml" },
      { text: "password: ${DB_PASSWORD:?set DB_PASSWORD}", path: "docker-compose.yml" },
      { text: "password: ${DB_PASSWORD:-$FALLBACK_PASSWORD}", path: "docker-compose.yml" },
      { text: "password: ${DB_PASSWORD:-changeme}", path: "docker-compose.yml" },
      { text: 'tail="${PASSWORD:2}"', path: "cut.sh" },
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
      // Real-world look-alikes from published packages.
      { text: '  ACQUIRE_TOKEN_START: "msal:acquireTokenStart",' },
      { text: '    lastSignificantToken = "?InterpolationInJSX";' },
      { text: '  FLOW_PASSWORD_REQUIRED_V2 = "FlowPasswordRequiredResultV2",' },
      { text: '  tokenBindingKeyJwkThumbprintMismatch = "token_binding_key_jwk_thumbprint_mismatch",' },
      { text: 'const accessToken = "usertoken123";' },
      { text: 'assert.equal(privateKey.details.namedCurve, "prime256v1");' },
      { text: 'export const id_pkcs9_at_pkcs15Token = "1.2.840.113549.1.9.25.1";' },
      { text: `export CACHE_KEY="${f.chars(HEX, 32)}"`, path: "rotate.sh" },
      { text: `"StripePublishableKey": "pk_live_${f.chars(ALNUM, 24)}",`, path: "appsettings.json" },
      { text: `IDEMPOTENCY_KEY = "shipping/${f.chars(HEX, 24)}"`, path: "jobs.py" },
      { text: 'PASSWORD_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"' },
      { text: 'const RESET = { passwordPath: "/resetpassword/v1.0/poll_completion" };' },
      { text: 'const hashAlgorithmForPassword = "PBKDF2";' },
      // Classes of false alarm seen on real repositories (each was reported before its fix).
      { text: `  "nextPageToken": "${f.chars(ALNUM, 40)}",`, path: "test/recordings/list.json" },
      { text: `    "continuationToken": "${f.base64Bytes(48)}"`, path: "__recordings__/query.json" },
      { text: `sync_token = "${f.chars(ALNUM, 32)}"`, path: "client.py" },
      { text: `storageConnectionString: "AccountKey=" + accountKey,`, path: "storage.ts" },
      { text: `connectionString = ";Password=" + password + ";"`, path: "Db.cs" },
      { text: "registryKey: HKEY_LOCAL_MACHINE/SOFTWARE/Acme9/Agent", path: "agent.yml" },
      { text: `"credentialKey": "HKEY_CURRENT_USER/Software/Acme7/Token"`, path: "settings.json" },
      {
        text: `<input type="hidden" name="authenticity_token" value="${f.base64Bytes(64)}" />`,
        path: "app/views/form.html",
      },
      { text: `signing_key: "${publicKey.slice(0, 200)}"`, path: "jwt.yml" },
      { text: `key: ${publicKey}`, path: "jwks.yml" },
      { text: `noProxyPass: "localhost,10.0.0.1,172.16.0.0/12"`, path: "proxy.ts" },
      { text: "NO_PROXY=localhost,127.0.0.1,10.0.0.0/8,.svc.cluster.local,.internal", path: ".env" },
      { text: 'token: "glpat-[A-Za-z0-9_-]{20,300}(?:\\.[0-9a-z]{2})?",', path: "rules.ts" },
      // A documentation sample key is typed, not drawn: runs like `xyz`, `789`, `DEF`, `456`.
      { text: `apiKey: "AIzaSyBxyz789-DEF456ghi_JKL123mnoPQRstu",`, path: "firebase.js" },
    ],
  };
}
