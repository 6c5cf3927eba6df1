/**
 * What matching reports: which secrets hold a leak, where in their values, grouped by
 * credential, and the tags that tie versions to incidents. Types and constants only (and one
 * pure helper), shared by matching, planning and the on-demand path.
 */

import type { ValueShape } from "./generate.js";
import type { CredentialLocation } from "./holders.js";
import type { SecretVersionInfo } from "./ports.js";

/** The tag that names the incidents (finding fingerprints, comma-separated) a version belongs to. */
export const INCIDENT_TAG = "leakstop-incident";
/** The tag on a new version that lists the versions it replaces (so a crashed run can finish). */
export const REPLACES_TAG = "leakstop-replaces";
/**
 * The tag on a disabled version: SHA-256 (hex) of the leaked value it held, so the same value
 * leaked again elsewhere (another file: another fingerprint) is recognised once the version can
 * no longer be read. It is the digest of a value that is already public and already disabled.
 */
export const DIGEST_TAG = "leakstop-leaked-sha256";

/** How a secret was tied to a leak. */
export type MatchKind =
  | "exact"
  | "component"
  | "contains-component"
  | "mapping"
  | "incident-tag"
  | "leaked-before"
  | "requested";

/** One version that holds a leaked credential, and where in its value. */
export interface MatchedHolder {
  readonly version: string;
  readonly location: CredentialLocation;
  /** SHA-256 (hex) of the credential held: the key of its {@link CredentialGroup}. */
  readonly credential: string;
  readonly incidents: readonly string[];
}

/** A vault secret tied to one or more leaks. */
export interface SecretMatch {
  readonly vaultUrl: string;
  readonly name: string;
  readonly kinds: readonly MatchKind[];
  /** Fingerprints of the findings tied to this secret. */
  readonly incidents: readonly string[];
  readonly ruleIds: readonly string[];
  /** Versions whose value is (or holds, or is part of) a leaked value. */
  readonly leakedVersions: readonly string[];
  /** SHA-256 (hex) of the leaked value, by leaked version, for {@link DIGEST_TAG}. */
  readonly leakedDigests: Readonly<Record<string, string>>;
  /** Every version, newest first (properties only). */
  readonly versions: readonly SecretVersionInfo[];
  /** Shape of the newest readable version, for generating its successor. */
  readonly shape: ValueShape;
  /** Each leaked version with where and how it holds the credential (newest first). */
  readonly holders?: readonly MatchedHolder[];
}

/**
 * One leaked credential and every version that holds it, across secrets and vaults (a password
 * secret and a connection string that embeds it; the same key in two vaults): one new value,
 * written to each holder the way its location says (`rewriteHolder`).
 */
export interface CredentialGroup {
  /** SHA-256 (hex) of the credential. */
  readonly credential: string;
  readonly incidents: readonly string[];
  readonly holders: ReadonlyArray<{
    readonly vaultUrl: string;
    readonly name: string;
    readonly version: string;
    readonly location: CredentialLocation;
  }>;
}

/** A finding no secret could be tied to, and why. */
export interface Unmatched {
  readonly fingerprint: string;
  readonly reason: string;
  /** `mapping-mismatch`: a mapping named a secret that does not hold the value (nothing is done). */
  readonly code?: "no-holder" | "no-vault" | "mapping-mismatch" | "mapping-unreadable" | "mapping-ambiguous";
}

/** A vault that could not be searched; its leaks are not "unmatched" but blocked. */
export interface VaultError {
  readonly vaultUrl: string;
  readonly message: string;
}

export interface MatchReport {
  readonly matches: readonly SecretMatch[];
  readonly unmatched: readonly Unmatched[];
  readonly errors: readonly VaultError[];
  /** Secret versions read in this call (each at most once per cache). */
  readonly reads: number;
  /** Key Vault requests made in this call (list pages, version listings, reads). */
  readonly requests?: number;
  /** Holders grouped by credential. */
  readonly groups?: readonly CredentialGroup[];
}

/** Incidents named by a version's tag. */
export function incidentsOf(version: SecretVersionInfo): string[] {
  return (version.tags[INCIDENT_TAG] ?? "").split(",").filter(Boolean);
}
