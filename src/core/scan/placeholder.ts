/**
 * Values that look like secrets but are not: placeholders, templates, references to where
 * the real value lives, redacted or example values. False positives are the main complaint
 * against every scanner, so this filter runs for every rule unless the rule opts out.
 */

/** Words that make the whole value a placeholder when they are all it says. */
const PLACEHOLDER_WORDS = new Set([
  "password",
  "passwd",
  "pass",
  "secret",
  "token",
  "apikey",
  "api_key",
  "key",
  "changeme",
  "changeit",
  "change_me",
  "change-me",
  "example",
  "sample",
  "dummy",
  "test",
  "testing",
  "fake",
  "placeholder",
  "redacted",
  "removed",
  "hidden",
  "masked",
  "none",
  "null",
  "nil",
  "undefined",
  "true",
  "false",
  "empty",
  "todo",
  "tbd",
  "fixme",
  "default",
  "string",
  "value",
  "secretvalue",
  "mypassword",
  "yourpassword",
  "letmein",
  "admin",
  "root",
  "guest",
  "user",
  "username",
  "foo",
  "bar",
  "foobar",
  "baz",
  "qwerty",
  "abc123",
  "password123",
  "password1",
  "secret123",
  "p@ssw0rd",
  "passw0rd",
  "pa55word",
  "hunter2",
]);

/** Substrings that mark a value as a placeholder wherever they occur. */
const PLACEHOLDER_MARKERS = [
  "example",
  "placeholder",
  "changeme",
  "change_me",
  "change-me",
  "changeit",
  "redacted",
  "your_",
  "your-",
  "yourkey",
  "yoursecret",
  "yourtoken",
  "yourpassword",
  "insert",
  "replace",
  "put_",
  "_here",
  "-here",
  "dummy",
  "sample",
  "fake",
  "xxxx",
  "****",
  "...",
  "…",
  "####",
  "0000000000",
  "1234567890",
  "abcdefghij",
  "abc123",
  "abc-123",
  "123abc",
  "notreal",
  "not_real",
  "not-a-",
  "not_a_",
  "do_not_use",
  "test_key",
  "testkey",
];

/** Template and reference syntaxes: the value names where the secret lives, it is not the secret. */
const REFERENCE_PATTERNS: readonly RegExp[] = [
  /\$\{[^}]*\}?/, // ${VAR}, ${{ secrets.X }}
  /\{\{[^}]*\}?/, // {{ .Values.x }}, mustache, jinja
  /^\$(?:env:)?[A-Za-z_][A-Za-z0-9_]*$/i, // $VAR, PowerShell $env:VAR
  /^\$\(/, // $(VAR)
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
  /^#\{/, // #{token}# (Azure Pipelines replace tokens)
  /^__[A-Za-z0-9_]+__$/, // __TOKEN__
  /^<[^>]*>?$/, // <your-key>
  /^\[[^\]]*\]$/, // [secret]
  /^\{[^}]*\}$/, // {0}, {name}
  /%[sdr]\b|%\([a-z_]+\)[sd]/i, // printf / python format
  /process\.env\b/,
  /\bos\.(environ|getenv)\b/,
  /\bgetenv\s*\(/i,
  /\benv\s*\(/i,
  /\bENV\s*\[/,
  /Environment\.GetEnvironmentVariable/,
  /@Microsoft\.KeyVault\(/i,
  /^secretref:/i,
  /^vault:/i,
  /^arn:[\w-]+:[\w-]+:/, // AWS ARNs name a secret, they are not one
  /^projects\/[^/]+\/secrets\//, // GCP Secret Manager names
  /^(?:secret|kv)\/data\//, // HashiCorp Vault paths
  /^UseDevelopmentStorage=true/i, // Azurite's connection string
];

/**
 * How many runs of three or more consecutive letters or digits (`abc`, `DEF`, `456`) a value
 * has: documentation's sample keys are typed, not drawn (`…AbC123dEf456GhI789…`), while a
 * random key has such a run rarely and three of them almost never.
 */
function sequentialRuns(value: string): number {
  let runs = 0;
  let length = 1;
  for (let i = 1; i < value.length; i++) {
    const a = value.charCodeAt(i - 1) | 0x20;
    const b = value.charCodeAt(i) | 0x20;
    const alnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (b === a + 1 && alnum(a) && alnum(b)) {
      if (++length === 3) runs++;
    } else length = 1;
  }
  return runs;
}

/** True when `value` is a placeholder, template, reference, redaction or trivial value. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  const lower = v.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower)) return true;
  for (const marker of PLACEHOLDER_MARKERS) if (lower.includes(marker)) return true;
  for (const re of REFERENCE_PATTERNS) if (re.test(v)) return true;
  // One repeated character, or a value made only of mask characters.
  if (/^(.)\1+$/.test(v)) return true;
  if (/^[x*•.#_-]+$/i.test(v)) return true;
  // Three such runs, and more on longer values (a long hex key has the odd one by chance).
  if (v.length >= 16 && sequentialRuns(v) >= Math.max(3, v.length / 12)) return true;
  return false;
}
