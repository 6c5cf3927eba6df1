/**
 * `POST /api/eventgrid`: Key Vault's Event Grid deliveries keep the vault index fresh (issue 10;
 * DESIGN.md, "The trusted responder"). A delivery is authenticated before its body is read:
 *
 * - Microsoft Entra ID: Event Grid's "Microsoft Entra authentication" on the webhook sends a
 *   bearer token of the tenant's issuer for the webhook's app (audience), carrying the app role
 *   {@link EVENT_GRID_ROLE} that was assigned to Event Grid's service principal
 *   (https://learn.microsoft.com/azure/event-grid/secure-webhook-delivery); or
 * - a shared key from the settings, in the endpoint's query (`?key=`) or in a delivery header
 *   marked secret (`x-leakstop-key`), compared in constant time.
 *
 * Anything else is refused (401) and does nothing. The subscription validation handshake is
 * answered once authenticated (`validationResponse`; for CloudEvents the `OPTIONS` abuse
 * protection). An event names a vault, a secret and a version, never a value: the service reads
 * the new version itself with its own identity, and only from a vault it is configured for (an
 * event naming any other URL is ignored, so no one can send our token elsewhere). The version
 * is indexed before the answer: a failure answers 503 and Event Grid retries with backoff,
 * which is the durable retry this small piece of work needs.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type JwtVerifier, TokenRejectedError } from "../../adapters/oidc/verify.js";
import { parseEventGrid } from "../../core/responder/eventgrid.js";
import { normalizeVaultUrl } from "../../remediation/match.js";
import { SecretStoreError } from "../../remediation/ports.js";
import type { VaultIndex } from "../../remediation/vault-index.js";
import { readJsonBody, send } from "./findings-route.js";
import type { Logger } from "./log.js";

/** The app role Event Grid's service principal holds on the webhook's app (Microsoft's documented name). */
export const EVENT_GRID_ROLE = "AzureEventGridSecureWebhookSubscriber";

/** How deliveries prove they come from our subscription. At least one must be set. */
export interface EventGridAuth {
  /** Shared keys (the current one, and the previous one during a change). */
  readonly keys: readonly string[];
  /** Entra ID tokens (issuer = the tenant, audience = the webhook's app). */
  readonly entra?: JwtVerifier;
}

/** Options for {@link createEventGridRoute}. */
export interface EventGridRouteOptions {
  readonly auth: EventGridAuth;
  readonly index: VaultIndex;
  /** The vaults the service searches; events about other vaults are ignored. */
  readonly vaultUrls: readonly string[];
  readonly logger: Logger;
  /** Per-delivery budget for indexing its versions. Default 20 s (Event Grid waits 30 s). */
  readonly timeoutInMs?: number;
}

/** Handles a request when its path is the route's; false otherwise. */
export type EventGridRoute = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

export function createEventGridRoute(path: string, options: EventGridRouteOptions): EventGridRoute {
  if (options.auth.keys.length === 0 && !options.auth.entra) {
    throw new TypeError("The Event Grid route needs a shared key or Entra ID settings to authenticate deliveries.");
  }
  const { logger } = options;
  const vaults = new Map(options.vaultUrls.map((u) => [normalizeVaultUrl(u), u]));
  const keys = options.auth.keys.map((k) => Buffer.from(k, "utf8"));

  /** Why the request is not authenticated, or undefined when it is. */
  async function refusal(req: IncomingMessage): Promise<string | undefined> {
    const bearer = /^Bearer ([\w.-]+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (bearer && options.auth.entra) {
      try {
        const payload = await options.auth.entra.verify(bearer);
        const roles = Array.isArray(payload.roles) ? payload.roles : [];
        return roles.includes(EVENT_GRID_ROLE) ? undefined : `the token lacks the '${EVENT_GRID_ROLE}' role`;
      } catch (e) {
        if (e instanceof TokenRejectedError) return e.message;
        throw e;
      }
    }
    const given = new URL(req.url ?? "/", "http://eventgrid.invalid").searchParams.get("key") ?? header(req);
    if (given !== undefined && keys.length > 0) {
      const g = Buffer.from(given, "utf8");
      // Every key is compared, whatever matches first: the time taken says nothing about which.
      let ok = false;
      for (const k of keys) ok = (k.length === g.length && timingSafeEqual(k, g)) || ok;
      return ok ? undefined : "the key is not valid";
    }
    return "no key or Entra ID token";
  }

  async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let why: string | undefined;
    try {
      why = await refusal(req);
    } catch (e) {
      logger.error("could not verify an Event Grid token", { error: e });
      req.resume();
      res.setHeader("retry-after", "30");
      return send(res, 503, { error: "The token could not be verified now." });
    }
    if (why !== undefined) {
      req.resume();
      logger.warn("Event Grid delivery refused", { why });
      res.setHeader("www-authenticate", 'Bearer error="invalid_token"');
      return send(res, 401, { error: `Not authenticated: ${why}.` });
    }
    if (req.method === "OPTIONS") {
      // CloudEvents 1.0 webhook abuse protection: allow the origin that asked.
      const origin = req.headers["webhook-request-origin"];
      res.writeHead(200, { "webhook-allowed-origin": typeof origin === "string" ? origin : "*", allow: "POST" });
      res.end();
      return;
    }
    const body = await readJsonBody(req);
    if (body.kind === "refused") return send(res, body.status, { error: body.message });
    const { json } = body;
    const delivery = parseEventGrid(json);
    if (delivery.kind === "invalid") return send(res, 400, { error: `Not an Event Grid delivery: ${delivery.error}.` });
    if (delivery.kind === "validation") {
      logger.info("Event Grid subscription validated");
      return send(res, 200, { validationResponse: delivery.validationCode });
    }
    const known = delivery.newVersions.flatMap((v) => {
      const vaultUrl = vaults.get(normalizeVaultUrl(v.vaultUrl));
      return vaultUrl ? [{ ...v, vaultUrl }] : [];
    });
    const foreign = delivery.newVersions.length - known.length;
    if (foreign > 0) logger.warn("Event Grid events about vaults not configured were ignored", { count: foreign });
    const abortSignal = AbortSignal.timeout(options.timeoutInMs ?? 20_000);
    let gone = 0;
    try {
      for (const v of known) {
        try {
          await options.index.indexVersion(v, { abortSignal });
        } catch (e) {
          // Deleted or disabled since the event: nothing to index, and retrying would not change that.
          if (!(e instanceof SecretStoreError && (e.kind === "not-found" || /disabled/i.test(e.message)))) throw e;
          gone++;
        }
      }
    } catch (e) {
      logger.error("could not index a new secret version; Event Grid will retry", { error: e });
      res.setHeader("retry-after", "30");
      return send(res, 503, { error: "The new version could not be indexed now; retry later." });
    }
    const ignored = delivery.ignored + foreign + gone;
    logger.info("vault index updated from Event Grid", {
      versions: known.map((v) => `${v.vaultUrl}/secrets/${v.name}/${v.version}`),
      ignored,
    });
    send(res, 200, { ok: true, indexed: known.length - gone, ignored });
  }

  return async (req, res, p) => {
    if (p !== path) return false;
    if (req.method !== "POST" && req.method !== "OPTIONS") {
      send(res, 405, { error: "Use POST." });
      return true;
    }
    await receive(req, res);
    return true;
  };
}

function header(req: IncomingMessage): string | undefined {
  const v = req.headers["x-leakstop-key"];
  return typeof v === "string" ? v : undefined;
}
