/**
 * Scanner output → (path, line) results, matched against labels. Pure: no I/O.
 * A result matches a label when both name the same file and the result's start line is the
 * label's line. Precision is over results, recall over labels (each label counted once).
 */

export interface LabelRecord {
  readonly path: string;
  readonly line: number;
  readonly type: string;
  readonly secret: string;
}

export interface DecoyRecord {
  readonly path: string;
  readonly line: number;
  readonly kind: string;
}

export interface ScanResult {
  readonly path: string;
  readonly line: number;
  readonly ruleId: string;
}

export interface TypeRow {
  readonly type: string;
  readonly total: number;
  readonly found: number;
}

export interface Score {
  readonly results: number;
  readonly truePositives: number;
  readonly falsePositives: ReadonlyArray<ScanResult & { readonly decoy?: string }>;
  readonly falseNegatives: readonly LabelRecord[];
  readonly labels: number;
  readonly found: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly byType: readonly TypeRow[];
  /** Results that share a line with another result (reported twice). */
  readonly duplicates: number;
}

/** Normalizes a reported location to a `/`-separated path relative to the corpus root. */
export function relativePath(uri: string, corpusDir: string): string {
  let p = uri;
  if (p.startsWith("file://")) p = decodeURIComponent(p.slice("file://".length));
  else {
    try {
      p = decodeURIComponent(p);
    } catch {
      // not percent-encoded
    }
  }
  p = p.replace(/\\/g, "/");
  const root = corpusDir.replace(/\\/g, "/").replace(/\/+$/, "");
  if (p.startsWith(`${root}/`)) p = p.slice(root.length + 1);
  return p.replace(/^(\.\/)+/, "");
}

interface SarifLike {
  runs?: Array<{
    originalUriBaseIds?: Record<string, { uri?: string }>;
    results?: Array<{
      ruleId?: string;
      rule?: { id?: string };
      locations?: Array<{
        physicalLocation?: { artifactLocation?: { uri?: string; uriBaseId?: string }; region?: { startLine?: number } };
      }>;
    }>;
  }>;
}

/** Results of a SARIF 2.1.0 log. */
export function parseSarif(text: string, corpusDir: string): ScanResult[] {
  const log = JSON.parse(text) as SarifLike;
  if (!Array.isArray(log.runs)) throw new TypeError("not a SARIF log: no 'runs' array");
  const out: ScanResult[] = [];
  for (const run of log.runs) {
    for (const res of run.results ?? []) {
      const loc = res.locations?.[0]?.physicalLocation;
      const uri = loc?.artifactLocation?.uri;
      const line = loc?.region?.startLine;
      if (!uri || typeof line !== "number") continue;
      const base = loc?.artifactLocation?.uriBaseId
        ? run.originalUriBaseIds?.[loc.artifactLocation.uriBaseId]?.uri
        : undefined;
      const full = base && !/^[a-z]+:\/\//i.test(uri) ? `${base.replace(/\/?$/, "/")}${uri}` : uri;
      out.push({ path: relativePath(full, corpusDir), line, ruleId: res.ruleId ?? res.rule?.id ?? "?" });
    }
  }
  return out;
}

/** Results of `secretlint --format json`. */
export function parseSecretlint(text: string, corpusDir: string): ScanResult[] {
  const files = JSON.parse(text) as Array<{
    filePath: string;
    messages: Array<{ ruleId: string; loc: { start: { line: number } } }>;
  }>;
  return files.flatMap((f) =>
    f.messages.map((m) => ({
      path: relativePath(f.filePath, corpusDir),
      line: m.loc.start.line,
      ruleId: m.ruleId.replace(/^@secretlint\/secretlint-rule-/, ""),
    })),
  );
}

const key = (path: string, line: number) => `${path}\0${line}`;

export function score(
  results: readonly ScanResult[],
  labels: readonly LabelRecord[],
  decoys: readonly DecoyRecord[] = [],
): Score {
  const labelKeys = new Set(labels.map((l) => key(l.path, l.line)));
  const resultKeys = new Map<string, number>();
  for (const r of results) resultKeys.set(key(r.path, r.line), (resultKeys.get(key(r.path, r.line)) ?? 0) + 1);
  const decoyAt = new Map(decoys.map((d) => [key(d.path, d.line), d.kind]));
  const falsePositives = results
    .filter((r) => !labelKeys.has(key(r.path, r.line)))
    .map((r) => ({ ...r, decoy: decoyAt.get(key(r.path, r.line)) }));
  const truePositives = results.length - falsePositives.length;
  const falseNegatives = labels.filter((l) => !resultKeys.has(key(l.path, l.line)));
  const found = labels.length - falseNegatives.length;
  const precision = results.length === 0 ? 1 : truePositives / results.length;
  const recall = labels.length === 0 ? 1 : found / labels.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const types = new Map<string, { total: number; found: number }>();
  for (const l of labels) {
    const row = types.get(l.type) ?? { total: 0, found: 0 };
    row.total++;
    if (resultKeys.has(key(l.path, l.line))) row.found++;
    types.set(l.type, row);
  }
  const byType = [...types]
    .map(([type, v]) => ({ type, ...v }))
    .sort((a, b) => a.found / a.total - b.found / b.total || (a.type < b.type ? -1 : 1));
  const duplicates = [...resultKeys.values()].reduce((s, n) => s + (n > 1 ? n - 1 : 0), 0);
  return {
    results: results.length,
    truePositives,
    falsePositives,
    falseNegatives,
    labels: labels.length,
    found,
    precision,
    recall,
    f1,
    byType,
    duplicates,
  };
}

/** First 4 characters and an ellipsis: enough to recognise, never enough to use. */
export function redact(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The human report. Never prints a secret: labels appear as `type` + redacted prefix. */
export function formatReport(s: Score, tool: string, show: number): string {
  const out: string[] = [];
  out.push(`tool: ${tool}`);
  out.push(
    `results: ${s.results}  true positives: ${s.truePositives}  false positives: ${s.falsePositives.length}${s.duplicates ? `  (duplicate results on one line: ${s.duplicates})` : ""}`,
  );
  out.push(`labels: ${s.labels}  found: ${s.found}  missed: ${s.falseNegatives.length}`);
  out.push(`precision ${pct(s.precision)}  recall ${pct(s.recall)}  F1 ${pct(s.f1)}`, "");
  out.push("recall by type:", `  ${"type".padEnd(36)} found / total  recall`);
  for (const r of s.byType)
    out.push(
      `  ${r.type.padEnd(36)} ${String(r.found).padStart(5)} / ${String(r.total).padEnd(5)} ${pct(r.found / r.total).padStart(6)}`,
    );
  const fpKinds = new Map<string, number>();
  for (const f of s.falsePositives)
    fpKinds.set(f.decoy ?? "(not a planted decoy)", (fpKinds.get(f.decoy ?? "(not a planted decoy)") ?? 0) + 1);
  if (fpKinds.size > 0) {
    out.push("", "false positives by decoy kind:");
    for (const [k, n] of [...fpKinds].sort((a, b) => b[1] - a[1])) out.push(`  ${k.padEnd(36)} ${n}`);
    const fpRules = new Map<string, number>();
    for (const f of s.falsePositives) fpRules.set(f.ruleId, (fpRules.get(f.ruleId) ?? 0) + 1);
    out.push("", "false positives by rule:");
    for (const [k, n] of [...fpRules].sort((a, b) => b[1] - a[1])) out.push(`  ${k.padEnd(36)} ${n}`);
  }
  const list = <T>(title: string, items: readonly T[], fmt: (x: T) => string) => {
    if (items.length === 0) return;
    out.push("", `${title} (${items.length}${items.length > show ? `, first ${show}` : ""}):`);
    for (const x of items.slice(0, show)) out.push(`  ${fmt(x)}`);
  };
  list(
    "false positives",
    s.falsePositives,
    (f) => `${f.path}:${f.line} ${f.ruleId}${f.decoy ? ` [decoy: ${f.decoy}]` : ""}`,
  );
  list("false negatives", s.falseNegatives, (l) => `${l.path}:${l.line} ${l.type} ${redact(l.secret)}`);
  return out.join("\n");
}
