import { sha256Hex } from "../util/hash.js";

/**
 * A finding's fingerprint: stable across commits, rebases and squash merges (it does not
 * include the commit or the line), different per rule, file and value. The value enters only
 * through SHA-256 together with the rule and path, so the fingerprint can be stored in an
 * ignore file or an issue marker without disclosing the secret.
 */
export function fingerprint(ruleId: string, path: string, secret: string): string {
  return sha256Hex(`leakstop/v1\u0000${ruleId}\u0000${path}\u0000${secret}`).slice(0, 32);
}
