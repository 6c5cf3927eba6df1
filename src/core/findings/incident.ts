import { hmacSha256Hex, sha256Hex } from "../util/hash.js";

/**
 * A leak's incident key: derived from the leaked value alone, so the same credential found in
 * another file, another commit, another push or by a secret scanning alert is one incident
 * (one issue), while the fingerprint (`fingerprint.ts`) (rule, path, value) stays the unit of suppression.
 *
 * The value is never stored: the key is HMAC-SHA-256 of it under `secretKey` (the Action's
 * `incident-key` input, the service's `LEAKSTOP_INCIDENT_KEY`), so a reader of an issue marker
 * cannot test guesses offline; a low-entropy password (`hunter2secret`) is then as safe as a
 * random token. Without a key it is a SHA-256 salted with the repository: equal values in
 * different repositories still differ, and no precomputed table applies, but anyone who can read
 * the marker can test guesses at hash speed. That is the same exposure as the fingerprint (which
 * has always carried an unkeyed SHA-256 of the value); a random token is out of reach either way,
 * a dictionary password is not. Use the key where issues are readable by more people than the
 * code.
 *
 * Every reader of the same repository (Action, service) must use the same key to agree.
 */
export function incidentKey(secret: string, options: IncidentKeyOptions): string {
  const message = `leakstop/incident/v1\u0000${secret}`;
  if (options.secretKey) return `k${hmacSha256Hex(options.secretKey, message).slice(0, 31)}`;
  return `s${sha256Hex(`${options.repository.toLowerCase()}\u0000${message}`).slice(0, 31)}`;
}

/** Options for {@link incidentKey}. */
export interface IncidentKeyOptions {
  /** `owner/repo` the value leaked in: the salt when there is no key. */
  readonly repository: string;
  /** The per-repository HMAC key; empty or absent: the salted hash. */
  readonly secretKey?: string;
}
