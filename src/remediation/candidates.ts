/**
 * Which secrets of a vault to read first for a set of leaks, from what a listing shows for free
 * (name, content type, the latest version's tags): leakstop's own incident and digest tags,
 * Azure's rotation tags (`ProviderAddress`, `CredentialId`), names and content types that fit
 * the leak's rule, and names the leaked value itself suggests (a storage account, a host, a
 * user). Pure: a score per secret, the order values are read in; it never excludes a secret.
 */
import { createHash } from "node:crypto";
import type { SecretVersionInfo } from "./ports.js";

/** What is known about a leak before any value is read. */
export interface LeakHint {
  readonly fingerprint: string;
  readonly ruleId: string;
  /** SHA-256 (hex) of each form the leaked value may be stored as. */
  readonly digests: readonly string[];
  /** The leaked text, to take names from (an account, a host, a user). Never logged. */
  readonly text: string;
}

/** A secret with its rank. */
export interface RankedSecret {
  readonly info: SecretVersionInfo;
  readonly score: number;
}

/** The tag on a new version that lists the incidents it belongs to (see match.ts). */
const INCIDENT_TAG = "leakstop-incident";
const DIGEST_TAG = "leakstop-leaked-sha256";

/** Words a rule id suggests in a secret's name, tags or content type. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  postgres: ["postgres", "postgresql", "pg", "psql", "db", "database"],
  postgresql: ["postgres", "postgresql", "pg", "db", "database"],
  mysql: ["mysql", "mariadb", "db", "database"],
  sql: ["sql", "db", "database"],
  database: ["db", "database"],
  password: ["password", "pwd", "pass", "db"],
  storage: ["storage", "blob", "stg", "account"],
  cosmos: ["cosmos", "cosmosdb", "db"],
  servicebus: ["servicebus", "sb", "bus", "queue"],
  connection: ["connection", "conn", "cs"],
  github: ["github", "gh", "pat"],
  stripe: ["stripe"],
  slack: ["slack"],
  sas: ["sas", "signing"],
};
const GENERIC = new Set(["generic", "key", "token", "secret", "api", "access", "string", "azure", "account"]);

/** Rank secrets for `leaks`, best first (ties by name). Score 0 means "no signal". */
export function rankCandidates(
  secrets: readonly SecretVersionInfo[],
  leaks: readonly LeakHint[],
  knownNames: ReadonlySet<string> = new Set(),
): RankedSecret[] {
  const words = new Set<string>();
  const names = new Set<string>();
  const digests = new Set<string>();
  const fingerprints = new Set<string>();
  for (const leak of leaks) {
    for (const t of leak.ruleId.toLowerCase().split(/[^a-z0-9]+/)) {
      if (!t || GENERIC.has(t)) continue;
      words.add(t);
      for (const s of SYNONYMS[t] ?? []) words.add(s);
    }
    for (const n of namesIn(leak.text)) names.add(n);
    for (const d of leak.digests) digests.add(d);
    fingerprints.add(leak.fingerprint);
  }
  const ranked = secrets.map((info) => {
    let score = 0;
    const incidents = (info.tags[INCIDENT_TAG] ?? "").split(",");
    if (incidents.some((i) => fingerprints.has(i))) score += 100;
    if (digests.has(info.tags[DIGEST_TAG] ?? "")) score += 100;
    if (knownNames.has(info.name.toLowerCase())) score += 40;
    const provider = (info.tags.ProviderAddress ?? "").toLowerCase();
    if (provider) score += 5;
    const haystack = [info.name, info.contentType ?? "", ...Object.entries(info.tags).flat()].join(" ").toLowerCase();
    const tokens = new Set(haystack.split(/[^a-z0-9]+/).filter(Boolean));
    for (const w of words) if (tokens.has(w)) score += 10;
    for (const n of names) {
      if (provider.split("/").includes(n)) score += 50;
      else if (haystack.includes(n)) score += 30;
    }
    if (Object.keys(info.tags).some((k) => k.startsWith("leakstop-"))) score += 3;
    return { info, score };
  });
  return ranked.sort((a, b) => b.score - a.score || a.info.name.localeCompare(b.info.name));
}

/** Resource names a leaked text carries: `AccountName=`, a URL's host label and user. */
function namesIn(text: string): string[] {
  const out: string[] = [];
  const account = /(?:AccountName|Endpoint=sb:\/\/|SharedAccessKeyName)=?([A-Za-z0-9-]{3,63})/i.exec(text);
  if (account?.[1]) out.push(account[1].toLowerCase());
  const url = /[a-z][a-z0-9+.-]*:\/\/(?:([^:@/\s]+)(?::[^@/\s]*)?@)?([A-Za-z0-9-]{3,63})[.:/]/i.exec(text);
  if (url?.[1] && url[1].length >= 3) out.push(url[1].toLowerCase());
  if (url?.[2] && url[2].toLowerCase() !== "localhost") out.push(url[2].toLowerCase());
  return out.filter((n) => !GENERIC.has(n));
}

/** SHA-256 (hex) of a text; the digests compared with {@link DIGEST_TAG}. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
