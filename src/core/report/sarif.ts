/**
 * SARIF 2.1.0 reporter, shaped for GitHub code scanning's upload
 * (https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
 * Output is deterministic: no timestamps, findings in {@link compareFindings} order.
 */
import type { Finding, Rule } from "../types.js";
import { type ReportOptions, sortFindings } from "./common.js";

/** Where people learn about the tool (`tool.driver.informationUri`). */
export const INFORMATION_URI = "https://github.com/leakstop/leakstop";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** Key of `partialFingerprints`; the suffix is bumped if the fingerprint's recipe ever changes. */
const FINGERPRINT_KEY = "leakstop/v1";
/**
 * The partial fingerprint code scanning tracks alerts by
 * (https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#providing-data-to-track-code-scanning-alerts-across-runs).
 * upload-sarif computes one from the line's text only where a result has none; ours is the
 * finding's fingerprint (rule, path, value), so an alert follows its secret when lines move.
 */
const LINE_HASH_KEY = "primaryLocationLineHash";
/**
 * Code scanning rejects a run with more results than this
 * (https://docs.github.com/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit).
 */
export const MAX_SARIF_RESULTS = 25_000;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Options of {@link renderSarif} beyond the common ones. */
export interface SarifOptions extends ReportOptions {
  /**
   * `runs[0].automationDetails.id`: the analysis category (before the last `/`) that code scanning
   * compares runs within. Default `leakstop/`.
   */
  readonly automationId?: string;
  /** At most this many results (default {@link MAX_SARIF_RESULTS}); the rest are counted in a notice. */
  readonly maxResults?: number;
}

/**
 * Percent-encode a `/`-separated relative path into a URI reference. Each segment is encoded
 * whole (so `#`, `?`, `%` and spaces cannot change the meaning), then the sub-delimiters and
 * `@` that RFC 3986 allows in a path segment are put back for readability. `:` stays encoded:
 * in a first segment it would read as a scheme.
 */
export function pathToUri(path: string): string {
  return path
    .toWellFormed()
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/%(?:24|26|2B|2C|3B|3D|40)/g, decodeURIComponent))
    .join("/");
}

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

function message(f: Finding): string {
  const where = f.commit ? ` in commit ${shortSha(f.commit.sha)}` : "";
  return `${f.title} found${where}; value redacted (fingerprint ${f.fingerprint}).`;
}

/** What to do about any leaked credential; a rule's own remediation comes first. */
const GENERIC_HELP = [
  "Treat the value as compromised: anyone who can read the repository or its history can use it.",
  "Rotate it where it is checked (its provider), then put the new value in a secret store and read it from there.",
  "Removing the line does not remove it from history.",
  "If it is not a secret, add the finding's fingerprint to .leakstopignore with a reason, or a `leakstop:allow` comment on the line.",
];

function ruleDescriptor(id: string, rule: Rule | undefined, fallbackTitle: string): Record<string, unknown> {
  const title = rule?.title ?? fallbackTitle;
  const reference = rule?.reference;
  // GitHub shows fullDescription at the top of an alert and help below it: every rule has both,
  // custom rules (no reference, no remediation) included.
  const help = [...(rule?.remediation ? [rule.remediation] : []), ...GENERIC_HELP];
  const markdown = [
    `**${title}** (\`${id}\`)`,
    "",
    ...help.map((line) => `- ${line}`),
    ...(reference ? ["", `Format: <${reference}>`] : []),
  ].join("\n");
  return {
    id,
    name: id,
    shortDescription: { text: title },
    fullDescription: {
      text: `${title}: a credential in the code grants its access to whoever can read the repository or its history.`,
    },
    help: { text: [...help, ...(reference ? [`Format: ${reference}`] : [])].join(" "), markdown },
    ...(reference ? { helpUri: reference } : {}),
    defaultConfiguration: { level: "error" },
    // `security-severity` makes GitHub rank the alert (9.0 and up: critical); a leaked live
    // credential is exploitable by anyone who can read the repository.
    properties: { tags: ["security", "secret"], precision: "high", "security-severity": "9.0" },
  };
}

function result(f: Finding, ruleIndex: number, occurrence: number): Record<string, unknown> {
  // endLine always: GitHub reads a missing endLine as the start line, but says to give it.
  const region = { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: "error",
    message: { text: message(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(f.path), uriBaseId: "%SRCROOT%" },
          region,
        },
      },
    ],
    // The same secret twice in one file: one alert each (`:n`, as CodeQL numbers its line hashes).
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint, [LINE_HASH_KEY]: `${f.fingerprint}:${occurrence}` },
    ...(f.commit ? { properties: { commit: f.commit.sha, author: f.commit.authorName } } : {}),
  };
}

/**
 * Render findings as a SARIF 2.1.0 log with one run. `tool.driver.rules` lists the rules the
 * findings refer to (sorted by id), so the file does not change when unrelated rules are added.
 * Beyond `maxResults` the first ones in report order are kept and a notice counts the rest.
 * Never reads `finding.secret`.
 */
export function renderSarif(findings: readonly Finding[], options: SarifOptions): string {
  const max = options.maxResults ?? MAX_SARIF_RESULTS;
  const all = sortFindings(findings);
  const sorted = all.slice(0, max);
  const known = new Map(options.rules.map((r) => [r.id, r]));
  const titles = new Map<string, string>();
  for (const f of sorted) if (!titles.has(f.ruleId)) titles.set(f.ruleId, f.title);
  const ruleIds = [...titles.keys()].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const notices = [...(options.notices ?? [])];
  if (all.length > sorted.length) {
    notices.push(
      `${all.length} findings, more than the ${max} results code scanning accepts in one run: the first ${max} in path order are in this file; see the JSON or text report for all of them.`,
    );
  }
  const seen = new Map<string, number>();
  const occurrence = (f: Finding) => {
    const key = `${f.path}\n${f.fingerprint}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n;
  };

  const log = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "leakstop",
            informationUri: INFORMATION_URI,
            version: options.toolVersion,
            ...(SEMVER.test(options.toolVersion) ? { semanticVersion: options.toolVersion } : {}),
            rules: ruleIds.map((id) => ruleDescriptor(id, known.get(id), titles.get(id) ?? id)),
          },
        },
        automationDetails: { id: options.automationId ?? "leakstop/" },
        invocations: [
          {
            executionSuccessful: true,
            ...(notices.length > 0
              ? { toolExecutionNotifications: notices.map((text) => ({ level: "warning", message: { text } })) }
              : {}),
          },
        ],
        columnKind: "utf16CodeUnits",
        results: sorted.map((f) => result(f, index.get(f.ruleId) ?? 0, occurrence(f))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
