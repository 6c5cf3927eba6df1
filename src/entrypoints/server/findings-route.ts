/**
 * `POST /api/v1/findings` and `GET /api/v1/findings/{id}` (DESIGN.md, "The trusted
 * responder"). The bearer token is verified before the body is parsed (signature from the
 * issuer's JWKS, iss, aud, exp/nbf, RS256), its repository checked against the allow list and
 * the claim rules, the body's repository against the token's (a job can only ask about its own
 * repository), the body validated strictly (locations only), the token's id remembered so a
 * captured call cannot be sent again; only then is the call queued durably and answered 202.
 * A refused call changes nothing: no GitHub or vault request, nothing stored.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type OidcVerifier, type ReplayStore, TokenRejectedError } from "../../adapters/oidc/verify.js";
import type { FindingsStatusStore } from "../../adapters/queue/findings-status.js";
import type { NewDelivery } from "../../adapters/queue/sqlite-queue.js";
import { authorize, type ClaimRule, type JobClaims } from "../../core/auth/claims.js";
import { type FindingsStatus, parseFindingsRequest } from "../../core/responder/findings-api.js";
import { FINDINGS_EVENT, queuedStatus, type StoredFindingsCall } from "./handle-findings.js";
import type { Logger } from "./log.js";

/** The routes' paths. */
export const FINDINGS_ROUTE = "/api/v1/findings";

/** A findings body is locations only: 200 of them fit well under this. */
const MAX_BODY_BYTES = 1024 * 1024;
const BODY_TIMEOUT_IN_MS = 10_000;

/** What the routes need. */
export interface FindingsRouteOptions {
  readonly verifier: OidcVerifier;
  readonly allowedRepositories: readonly string[];
  readonly claimRules: readonly ClaimRule[];
  /** Remembers token ids (per replica, or in a table replicas share). */
  readonly replay: ReplayStore;
  readonly statuses: FindingsStatusStore;
  readonly enqueue: (delivery: NewDelivery) => Promise<unknown>;
  /** The queue's view of a call (a dead one failed for good). */
  readonly queueState: (id: string) => QueuedState | Promise<QueuedState>;
  /** Wake the worker pool. */
  readonly notify: () => void;
  readonly logger: Logger;
}

/** Handles a request when its path is the findings API's; false otherwise. */
export type FindingsRoute = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

export function createFindingsRoute(options: FindingsRouteOptions): FindingsRoute {
  const { logger } = options;

  async function authenticate(req: IncomingMessage, res: ServerResponse): Promise<JobClaims | undefined> {
    const match = /^Bearer ([\w.-]+)$/.exec(req.headers.authorization ?? "");
    if (!match?.[1]) {
      unauthorized(res, "An 'Authorization: Bearer <GitHub Actions OIDC token>' header is required.");
      return undefined;
    }
    let claims: JobClaims;
    try {
      claims = await options.verifier.verify(match[1]);
    } catch (e) {
      if (!(e instanceof TokenRejectedError)) {
        logger.error("could not verify a findings token", { error: e });
        send(res, 503, { error: "The token could not be verified now; try again." });
        return undefined;
      }
      logger.warn("findings call refused", { why: e.message });
      unauthorized(res, `The token is not valid: ${e.message}.`);
      return undefined;
    }
    const verdict = authorize(claims, options.allowedRepositories, options.claimRules);
    if (!verdict.allowed) {
      logger.warn("findings call refused", { repository: claims.repository, why: verdict.reason });
      send(res, 403, { error: `Not allowed: ${verdict.reason}.` });
      return undefined;
    }
    return claims;
  }

  async function submit(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const claims = await authenticate(req, res);
    if (!claims) {
      req.resume();
      return;
    }
    const body = await readJsonBody(req);
    if (body.kind === "refused") return send(res, body.status, { error: body.message });
    const { json } = body;
    const parsed = parseFindingsRequest(json);
    if (!parsed.ok) return send(res, 400, { error: `The findings are not valid: ${parsed.error}.` });
    const { request } = parsed;
    if (request.repository.toLowerCase() !== claims.repository.toLowerCase()) {
      logger.warn("findings call refused", { repository: claims.repository, why: "body names another repository" });
      return send(res, 403, {
        error: `The token is for '${claims.repository}' but the findings name '${request.repository}'; a job can only report its own repository.`,
      });
    }
    if (!claims.jti || claims.expiresAtMs === undefined) {
      return unauthorized(res, "The token has no 'jti' claim; it cannot be protected against replay.");
    }
    if (!(await options.replay.firstUse(claims.jti, claims.expiresAtMs))) {
      logger.warn("findings call refused", { repository: claims.repository, why: "token replayed" });
      return unauthorized(res, "The token was used before; each call needs a fresh token.");
    }
    const id = randomUUID();
    const stored: StoredFindingsCall = { ...request, ...(claims.actor ? { actor: claims.actor } : {}) };
    try {
      await options.enqueue({ id, event: FINDINGS_EVENT, payload: JSON.stringify(stored) });
      await options.statuses.put(queuedStatus(id, request.repository));
    } catch (e) {
      logger.error("could not store a findings call; answered 503", { error: e });
      res.setHeader("retry-after", "30");
      return send(res, 503, { error: "The findings could not be stored; try again." });
    }
    logger.info("findings call queued", {
      delivery: id,
      repository: request.repository,
      findings: request.findings.length,
      ref: claims.ref,
      run: claims.runId,
    });
    send(res, 202, queuedStatus(id, request.repository));
    setImmediate(options.notify);
  }

  async function status(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const claims = await authenticate(req, res);
    if (!claims) return;
    const found = await options.statuses.get(id);
    // Another repository's call is answered as unknown: ids are not a way to learn about others.
    if (!found || found.repository.toLowerCase() !== claims.repository.toLowerCase()) {
      return send(res, 404, { error: `No findings call '${id}' for ${claims.repository}.` });
    }
    send(res, 200, withQueueState(found, await options.queueState(id)));
  }

  return async (req, res, path) => {
    if (path === FINDINGS_ROUTE) {
      if (req.method !== "POST") send(res, 405, { error: "Use POST." });
      else await submit(req, res);
      return true;
    }
    const id = path.startsWith(`${FINDINGS_ROUTE}/`) ? path.slice(FINDINGS_ROUTE.length + 1) : undefined;
    if (id === undefined) return false;
    if (req.method !== "GET") send(res, 405, { error: "Use GET." });
    else if (!/^[0-9a-f-]{36}$/.test(id)) send(res, 404, { error: "Not found" });
    else await status(req, res, id);
    return true;
  };
}

/** A call the queue gave up on (dead) failed, whatever its last recorded state. */
/** What the queue knows of a call (the embedded queue's or the shared one's record). */
export type QueuedState = { readonly state: string; readonly lastError?: string } | undefined;

function withQueueState(status: FindingsStatus, queued: QueuedState): FindingsStatus {
  if (queued?.state !== "dead" || status.state === "done") return status;
  return { ...status, state: "failed", error: status.error ?? queued.lastError ?? "the service gave up on this call" };
}

export type Body = { kind: "ok"; text: string } | { kind: "refused"; status: number; message: string };
export type JsonBody = { kind: "ok"; json: unknown } | { kind: "refused"; status: number; message: string };

/** {@link readBody}, parsed as JSON: a body that is not JSON is refused with 400. */
export async function readJsonBody(req: IncomingMessage): Promise<JsonBody> {
  const body = await readBody(req);
  if (body.kind === "refused") return body;
  try {
    return { kind: "ok", json: JSON.parse(body.text) as unknown };
  } catch {
    return { kind: "refused", status: 400, message: "The body is not JSON." };
  }
}

/** The body of a request, at most 1 MiB (Event Grid's largest batch too), within 10 s. */
function readBody(req: IncomingMessage): Promise<Body> {
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    req.resume();
    return Promise.resolve({
      kind: "refused",
      status: 413,
      message: `The body is larger than ${MAX_BODY_BYTES} bytes.`,
    });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (body: Body) => {
      clearTimeout(timer);
      req.removeAllListeners("data");
      if (body.kind === "refused") req.resume();
      resolve(body);
    };
    const timer = setTimeout(
      () => done({ kind: "refused", status: 408, message: "The body did not arrive in time." }),
      BODY_TIMEOUT_IN_MS,
    );
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES)
        return done({ kind: "refused", status: 413, message: `The body is larger than ${MAX_BODY_BYTES} bytes.` });
      chunks.push(chunk);
    });
    req.once("end", () => done({ kind: "ok", text: Buffer.concat(chunks).toString("utf8") }));
    req.once("error", () => done({ kind: "refused", status: 400, message: "The request was aborted." }));
  });
}

function unauthorized(res: ServerResponse, message: string): void {
  res.setHeader("www-authenticate", 'Bearer error="invalid_token"');
  send(res, 401, { error: message });
}

/** A JSON answer (nothing when an answer went out already). */
export function send(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
}
