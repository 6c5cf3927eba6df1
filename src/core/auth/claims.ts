/**
 * Who may ask the trusted responder to act: the verified claims of a GitHub Actions OIDC token
 * against the service's allow list and optional claim rules (DESIGN.md, "The trusted
 * responder"). Pure: the signature, issuer, audience and expiry are checked by the adapter
 * before these claims are trusted at all.
 */

/** The claims of a GitHub Actions OIDC token that the responder uses. */
export interface JobClaims {
  /** `owner/name`. */
  readonly repository: string;
  readonly repositoryId?: string;
  readonly repositoryOwner?: string;
  /** e.g. `refs/heads/main`, `refs/pull/7/merge`. */
  readonly ref?: string;
  readonly sha?: string;
  /** Deployment environment of the job, when it has one. */
  readonly environment?: string;
  readonly eventName?: string;
  /** `owner/name/.github/workflows/file.yml@ref`. */
  readonly workflowRef?: string;
  readonly runId?: string;
  readonly runAttempt?: string;
  readonly actor?: string;
  /** The token's unique id: a replayed token carries the same one. */
  readonly jti?: string;
  /** When the token expires (its `exp`), in ms since the epoch. */
  readonly expiresAtMs?: number;
}

/**
 * An optional rule a team adds: only jobs whose claim matches may trigger rotation (e.g.
 * `ref: refs/heads/*`, `environment: production`). Patterns are globs where `*` matches any run
 * of characters but `/` (`**` matches `/` too).
 */
export interface ClaimRule {
  readonly claim: "ref" | "environment" | "eventName" | "workflowRef" | "actor";
  readonly pattern: string;
}

/** Parse `LEAKSTOP_ALLOWED_REPOSITORIES`: `owner/name` or `owner/*`, comma- or space-separated. */
export function parseAllowedRepositories(text: string): string[] {
  const entries = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const e of entries) {
    if (!/^[\w.-]+\/(\*|[\w.-]+)$/.test(e)) {
      throw new RangeError(`Allowed repository '${e}' is not 'owner/name' or 'owner/*'.`);
    }
  }
  return entries;
}

/** Parse claim rules, `claim=pattern` pairs separated by commas (e.g. `ref=refs/heads/main,environment=prod*`). */
export function parseClaimRules(text: string): ClaimRule[] {
  const claims: ReadonlyArray<ClaimRule["claim"]> = ["ref", "environment", "eventName", "workflowRef", "actor"];
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf("=");
      const claim = pair.slice(0, eq).trim() as ClaimRule["claim"];
      const pattern = pair.slice(eq + 1).trim();
      if (eq <= 0 || !claims.includes(claim) || !pattern) {
        throw new RangeError(`Claim rule '${pair}' is not 'claim=pattern' with a claim among ${claims.join(", ")}.`);
      }
      return { claim, pattern };
    });
}

/** Whether `repository` (`owner/name`, compared case-insensitively as GitHub does) is allowed. */
export function repositoryAllowed(repository: string, allowed: readonly string[]): boolean {
  const [owner, name] = repository.toLowerCase().split("/");
  if (!owner || !name) return false;
  return allowed.some((entry) => {
    const [o, n] = entry.toLowerCase().split("/");
    return o === owner && (n === "*" || n === name);
  });
}

function globToRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        re += ".*";
        i++;
      } else re += "[^/]*";
    } else re += c.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** The verdict on verified claims: allowed, or why not (for the 403 body and the log). */
export type Authorization = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/**
 * Every rule must match (a missing claim does not match); rules on the same claim are
 * alternatives (`ref=refs/heads/main,ref=refs/heads/release/*`).
 */
export function authorize(
  claims: JobClaims,
  allowed: readonly string[],
  rules: readonly ClaimRule[] = [],
): Authorization {
  if (!repositoryAllowed(claims.repository, allowed)) {
    return { allowed: false, reason: `repository '${claims.repository}' is not in LEAKSTOP_ALLOWED_REPOSITORIES` };
  }
  const byClaim = new Map<ClaimRule["claim"], string[]>();
  for (const r of rules) byClaim.set(r.claim, [...(byClaim.get(r.claim) ?? []), r.pattern]);
  for (const [claim, patterns] of byClaim) {
    const value = claims[claim];
    if (value === undefined || !patterns.some((p) => globToRegExp(p).test(value))) {
      return {
        allowed: false,
        reason: `claim '${claim}' (${value === undefined ? "absent" : `'${value}'`}) matches none of ${patterns.map((p) => `'${p}'`).join(", ")}`,
      };
    }
  }
  return { allowed: true };
}
