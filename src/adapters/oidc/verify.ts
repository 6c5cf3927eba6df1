/**
 * Verifying a GitHub Actions OIDC token, the proof a findings call carries (DESIGN.md, "The
 * trusted responder"). `jose` does the JOSE work (well kept, no dependencies, used by the
 * major OIDC libraries): signature against the issuer's JWKS, fetched once, cached, and
 * fetched again when a token names a key id the cache lacks (key rotation, with a cool-down so
 * forged key ids cannot make us hammer the issuer). We pin the algorithm to RS256 (what GitHub
 * signs with; `none` and HMAC confusion are refused), and check `iss`, `aud`, `exp` and `nbf`
 * with a small clock tolerance. The JWKS address comes from the issuer's discovery document, so
 * a GitHub Enterprise Server issuer works the same way.
 */
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from "jose";
import type { JobClaims } from "../../core/auth/claims.js";

/** Options for {@link createOidcVerifier}. */
export interface OidcVerifierOptions {
  /** e.g. `https://token.actions.githubusercontent.com` (LEAKSTOP_OIDC_ISSUER). */
  readonly issuer: string;
  /** The audience the Action asked for: the responder's URL (LEAKSTOP_OIDC_AUDIENCE). */
  readonly audience: string;
  /** Skew allowed on `exp`/`nbf`/`iat`. Default 60 s. */
  readonly clockToleranceInMs?: number;
  /** Timeout of discovery and JWKS requests. Default 5 s. */
  readonly timeoutInMs?: number;
  /** How long a fetched key set is trusted before it is fetched again. Default 10 min. */
  readonly jwksCacheInMs?: number;
  /**
   * Least time between two key-set fetches, so tokens naming unknown key ids cannot make us
   * hammer the issuer. Default 30 s.
   */
  readonly jwksCooldownInMs?: number;
}

/** Why a token was refused; the message names the check, never the token. */
export class TokenRejectedError extends Error {
  override readonly name = "TokenRejectedError";
}

/** A verifier: `verify(token)` resolves the job's claims or rejects with {@link TokenRejectedError}. */
export interface OidcVerifier {
  verify(token: string): Promise<JobClaims>;
}

function isLoopback(url: URL): boolean {
  return url.hostname === "localhost" || url.hostname === "[::1]" || /^127\./.test(url.hostname);
}

/** An https URL, or http on loopback only (local doubles). */
function checkedUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`${what} '${text}' is not a URL.`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url))) {
    throw new TypeError(`${what} '${text}' must be an https:// URL.`);
  }
  return url;
}

/** Create a verifier for one issuer and audience. Nothing is fetched until the first token. */
export function createOidcVerifier(options: OidcVerifierOptions): OidcVerifier {
  const jwt = createJwtVerifier({ ...options, requiredClaims: ["exp", "iat", "repository"] });
  return { verify: async (token) => claimsOf(await jwt.verify(token)) };
}

/** Options for {@link createJwtVerifier}: those of an OIDC verifier, and the claims a token must carry. */
export interface JwtVerifierOptions extends OidcVerifierOptions {
  readonly requiredClaims: readonly string[];
}

/** A verifier of any issuer's RS256 tokens (Entra ID's for Event Grid deliveries, GitHub's for jobs). */
export interface JwtVerifier {
  /** The verified payload, or a {@link TokenRejectedError}. */
  verify(token: string): Promise<JWTPayload>;
}

/** The issuer-agnostic core of {@link createOidcVerifier}: discovery, cached JWKS, pinned RS256. */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const issuer = options.issuer.replace(/\/+$/, "");
  checkedUrl(issuer, "OIDC issuer");
  if (!options.audience) throw new TypeError("The OIDC audience is empty: set it to the responder's URL.");
  const timeoutDuration = options.timeoutInMs ?? 5_000;
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;

  const discover = async () => {
    const where = `${issuer}/.well-known/openid-configuration`;
    let response: Response;
    try {
      response = await fetch(where, { signal: AbortSignal.timeout(timeoutDuration), redirect: "error" });
    } catch (e) {
      throw new Error(`OIDC discovery at ${where} failed: ${(e as Error).message}`);
    }
    if (!response.ok) throw new Error(`OIDC discovery at ${where} answered ${response.status}.`);
    const doc = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (doc.issuer !== issuer) throw new Error(`OIDC discovery at ${where} names issuer '${String(doc.issuer)}'.`);
    if (typeof doc.jwks_uri !== "string") throw new Error(`OIDC discovery at ${where} has no jwks_uri.`);
    return createRemoteJWKSet(checkedUrl(doc.jwks_uri, "jwks_uri"), {
      timeoutDuration,
      cacheMaxAge: options.jwksCacheInMs ?? 600_000,
      cooldownDuration: options.jwksCooldownInMs ?? 30_000,
    });
  };

  return {
    async verify(token: string): Promise<JWTPayload> {
      // A failed discovery is tried again on the next token, not cached.
      keys ??= discover().catch((e: unknown) => {
        keys = undefined;
        throw e;
      });
      const jwks = await keys;
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          issuer,
          audience: options.audience,
          algorithms: ["RS256"],
          clockTolerance: Math.round((options.clockToleranceInMs ?? 60_000) / 1000),
          requiredClaims: [...options.requiredClaims],
        }));
      } catch (e) {
        throw new TokenRejectedError(rejection(e));
      }
      return payload;
    },
  };
}

function rejection(e: unknown): string {
  if (e instanceof errors.JWTExpired) return "the token has expired";
  if (e instanceof errors.JWTClaimValidationFailed) return `the token's '${e.claim}' claim is not valid (${e.reason})`;
  if (e instanceof errors.JWKSNoMatchingKey) return "the token is not signed by a key of the issuer";
  if (e instanceof errors.JWSSignatureVerificationFailed) return "the token's signature does not verify";
  if (e instanceof errors.JOSEAlgNotAllowed) return "the token's algorithm is not RS256";
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return "the token is malformed";
  if (e instanceof errors.JWKSTimeout) return "the issuer's key set did not answer in time";
  return `the token could not be verified: ${(e as Error).message}`;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function claimsOf(p: JWTPayload): JobClaims {
  const repository = str(p.repository);
  if (!repository) throw new TokenRejectedError("the token has no 'repository' claim");
  const optional = {
    repositoryId: str(p.repository_id),
    repositoryOwner: str(p.repository_owner),
    ref: str(p.ref),
    sha: str(p.sha),
    environment: str(p.environment),
    eventName: str(p.event_name),
    workflowRef: str(p.workflow_ref),
    runId: str(p.run_id),
    runAttempt: str(p.run_attempt),
    actor: str(p.actor),
    jti: str(p.jti),
    expiresAtMs: typeof p.exp === "number" ? p.exp * 1000 : undefined,
  };
  return {
    repository,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  } as JobClaims;
}

/** Remembers token ids until they expire: true the first time an id is offered. */
export interface ReplayStore {
  firstUse(jti: string, expiresAtMs: number): boolean | Promise<boolean>;
}

/**
 * Refuses a token id seen before, until its expiry: a captured findings call cannot be sent
 * again. In memory, per replica; replicas share azure-storage/shared-findings.ts's table.
 */
export class ReplayGuard implements ReplayStore {
  readonly #seen = new Map<string, number>();
  /**
   * `graceInMs`: how long an id is kept past its token's expiry, at least the verifier's clock
   * skew (which still accepts the token that long). Default 5 minutes.
   */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly graceInMs = 5 * 60_000,
  ) {}

  /** True the first time `jti` is offered (then remembered until `expiresAtMs` + the grace), false after. */
  firstUse(jti: string, expiresAtMs: number): boolean {
    const t = this.now() - this.graceInMs;
    for (const [k, exp] of this.#seen) if (exp < t) this.#seen.delete(k);
    if (this.#seen.has(jti)) return false;
    this.#seen.set(jti, expiresAtMs);
    return true;
  }
}
