/**
 * The findings API's contract (DESIGN.md, "The trusted responder"): what the Action sends to
 * `POST /api/v1/findings` and what `GET /api/v1/findings/{id}` answers. A request names where
 * each finding is (repository, commit, path, line, rule id, fingerprint) and never a value;
 * the service reads that commit itself and acts only on findings it detects again. Pure.
 */

/** Where one finding is. No value, not even a redacted one. */
export interface FindingLocation {
  readonly commit: string;
  readonly path: string;
  readonly line: number;
  readonly ruleId: string;
  readonly fingerprint: string;
}

/** The body of `POST /api/v1/findings`. */
export interface FindingsRequest {
  /** `owner/name`; must equal the OIDC token's `repository` claim. */
  readonly repository: string;
  readonly findings: readonly FindingLocation[];
}

/** At most this many findings in one call (the Action sends several calls beyond it). */
export const MAX_FINDINGS_PER_REQUEST = 200;

const SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;
const FINGERPRINT = /^[0-9a-f]{16,64}$/;
const RULE = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
const REPOSITORY = /^[\w.-]+\/[\w.-]+$/;

/** A request the service refuses (400), with what is wrong. */
export type ParsedRequest =
  | { readonly ok: true; readonly request: FindingsRequest }
  | { readonly ok: false; readonly error: string };

/**
 * Validate a parsed JSON body strictly: unknown keys are refused, so a client that tries to
 * send a value (`secret`, `match`, …) is told so instead of having it silently stored.
 */
export function parseFindingsRequest(body: unknown): ParsedRequest {
  const fail = (error: string): ParsedRequest => ({ ok: false, error });
  if (typeof body !== "object" || body === null || Array.isArray(body)) return fail("the body must be a JSON object");
  const b = body as Record<string, unknown>;
  const extra = Object.keys(b).filter((k) => k !== "repository" && k !== "findings");
  if (extra.length) return fail(`unknown field(s): ${extra.slice(0, 5).join(", ")}`);
  if (typeof b.repository !== "string" || !REPOSITORY.test(b.repository))
    return fail("'repository' must be 'owner/name'");
  if (!Array.isArray(b.findings) || b.findings.length === 0) return fail("'findings' must be a non-empty array");
  if (b.findings.length > MAX_FINDINGS_PER_REQUEST) {
    return fail(`at most ${MAX_FINDINGS_PER_REQUEST} findings per request (got ${b.findings.length})`);
  }
  const findings: FindingLocation[] = [];
  for (const [i, f] of b.findings.entries()) {
    if (typeof f !== "object" || f === null || Array.isArray(f)) return fail(`findings[${i}] must be an object`);
    const g = f as Record<string, unknown>;
    const unknown = Object.keys(g).filter((k) => !["commit", "path", "line", "ruleId", "fingerprint"].includes(k));
    if (unknown.length)
      return fail(
        `findings[${i}]: unknown field(s): ${unknown.slice(0, 5).join(", ")} (locations only, never a value)`,
      );
    if (typeof g.commit !== "string" || !SHA.test(g.commit))
      return fail(`findings[${i}].commit must be a full commit SHA`);
    if (
      typeof g.path !== "string" ||
      !g.path ||
      g.path.length > 4096 ||
      g.path.startsWith("/") ||
      g.path.includes("\0")
    ) {
      return fail(`findings[${i}].path must be a repository-relative path`);
    }
    if (!Number.isInteger(g.line) || (g.line as number) < 1)
      return fail(`findings[${i}].line must be a positive integer`);
    if (typeof g.ruleId !== "string" || !RULE.test(g.ruleId)) return fail(`findings[${i}].ruleId is not a rule id`);
    if (typeof g.fingerprint !== "string" || !FINGERPRINT.test(g.fingerprint))
      return fail(`findings[${i}].fingerprint is not a fingerprint`);
    findings.push({
      commit: g.commit,
      path: g.path,
      line: g.line as number,
      ruleId: g.ruleId,
      fingerprint: g.fingerprint,
    });
  }
  return { ok: true, request: { repository: b.repository, findings } };
}

/** A detected finding as the service's own scan reports it (only what confirmation needs). */
export interface Detected {
  readonly ruleId: string;
  readonly path: string;
  readonly fingerprint: string;
  readonly commit?: { readonly sha: string };
}

/**
 * Split claimed locations into those the service detected again at that commit (by rule,
 * path and fingerprint; the line may move by a commit's context and is not trusted) and those
 * it could not confirm, which are reported as such and never acted on.
 */
export function confirmFindings<T extends Detected>(
  claimed: readonly FindingLocation[],
  detected: readonly T[],
): { readonly confirmed: T[]; readonly unconfirmed: FindingLocation[] } {
  const confirmed: T[] = [];
  const unconfirmed: FindingLocation[] = [];
  const taken = new Set<T>();
  for (const c of claimed) {
    const hit = detected.find(
      (d) =>
        !taken.has(d) &&
        d.fingerprint === c.fingerprint &&
        d.ruleId === c.ruleId &&
        d.path === c.path &&
        (d.commit === undefined || d.commit.sha === c.commit),
    );
    if (hit) {
      taken.add(hit);
      confirmed.push(hit);
    } else unconfirmed.push(c);
  }
  return { confirmed, unconfirmed };
}

/** Where a findings call stands, as `GET /api/v1/findings/{id}` answers. Never a value. */
export interface FindingsStatus {
  readonly id: string;
  readonly state: "queued" | "running" | "done" | "failed";
  readonly repository: string;
  /** Findings the service detected again and acted on. */
  readonly confirmed?: number;
  /** Locations it could not confirm (not acted on). */
  readonly unconfirmed?: readonly FindingLocation[];
  /** As the webhook's outcome: rotated, already-rotated, no-match, failed, dry-run. */
  readonly outcome?: string;
  /** The leaked values are proven dead. */
  readonly revoked?: boolean;
  readonly rotated?: ReadonlyArray<{ readonly vault: string; readonly secret: string; readonly version: string }>;
  readonly issueUrl?: string;
  /** One line per step, for the job log and summary (already inspected by the service). */
  readonly lines?: readonly string[];
  readonly error?: string;
}
