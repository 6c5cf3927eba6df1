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
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

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

function ruleDescriptor(id: string, rule: Rule | undefined, fallbackTitle: string): Record<string, unknown> {
  const title = rule?.title ?? fallbackTitle;
  return {
    id,
    shortDescription: { text: title },
    ...(rule?.remediation ? { help: { text: rule.remediation } } : {}),
    ...(rule?.reference ? { helpUri: rule.reference } : {}),
    defaultConfiguration: { level: "error" },
    // `security-severity` makes GitHub rank the alert (9.0 and up: critical); a leaked live
    // credential is exploitable by anyone who can read the repository.
    properties: { tags: ["security", "secret"], precision: "high", "security-severity": "9.0" },
  };
}

function result(f: Finding, ruleIndex: number): Record<string, unknown> {
  const region: Record<string, number> = { startLine: f.line, startColumn: f.column };
  if (f.endLine !== f.line) region.endLine = f.endLine;
  region.endColumn = f.endColumn;
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
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.commit ? { properties: { commit: f.commit.sha, author: f.commit.authorName } } : {}),
  };
}

/**
 * Render findings as a SARIF 2.1.0 log with one run. `tool.driver.rules` lists the rules the
 * findings refer to (sorted by id), so the file does not change when unrelated rules are added.
 * Never reads `finding.secret`.
 */
export function renderSarif(findings: readonly Finding[], options: ReportOptions): string {
  const sorted = sortFindings(findings);
  const known = new Map(options.rules.map((r) => [r.id, r]));
  const titles = new Map<string, string>();
  for (const f of sorted) if (!titles.has(f.ruleId)) titles.set(f.ruleId, f.title);
  const ruleIds = [...titles.keys()].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const notices = options.notices ?? [];

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
        invocations: [
          {
            executionSuccessful: true,
            ...(notices.length > 0
              ? { toolExecutionNotifications: notices.map((text) => ({ level: "warning", message: { text } })) }
              : {}),
          },
        ],
        columnKind: "utf16CodeUnits",
        results: sorted.map((f) => result(f, index.get(f.ruleId) ?? 0)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
