/**
 * Which deliveries are work, and the work itself: the queue's handler parses a leased
 * delivery, routes it by event, and logs every step with the delivery id.
 */
import type { GitHubClients } from "../../adapters/github/app-auth.js";
import type { CredentialLocks } from "../../adapters/queue/credential-lock.js";
import type { FindingsStatusStore } from "../../adapters/queue/findings-status.js";
import type { LeasedDelivery } from "../../adapters/queue/sqlite-queue.js";
import { type DeliveryHandler, PermanentError } from "../../adapters/queue/worker.js";
import type { FragmentScanner } from "../../adapters/scan/scan-pool.js";
import type { Engine } from "../../core/scan/engine.js";
import { handleAlert, isActionableAlert } from "./handle-alert.js";
import { FINDINGS_EVENT, handleFindings } from "./handle-findings.js";
import { handlePush } from "./handle-push.js";
import type { Logger } from "./log.js";
import type { Metrics } from "./metrics.js";
import type { Responder } from "./responder.js";

/** What a handler gets for one delivery. */
export interface JobContext {
  readonly deliveryId: string;
  readonly log: Logger;
  readonly abortSignal: AbortSignal;
}

/** What every handler shares. */
export interface JobDeps {
  readonly clients: GitHubClients;
  readonly engine: Engine;
  /** Scans pushed fragments (in worker threads, off the event loop, when the host has them). */
  readonly scanner: FragmentScanner;
  readonly responder: Responder;
  readonly metrics: Metrics;
  readonly dryRun: boolean;
  /** One response per credential at a time. */
  readonly locks: CredentialLocks;
  /** Where findings calls stand; absent: the findings API is off. */
  readonly statuses?: FindingsStatusStore;
}

/** Events with work to do. Others are acknowledged and ignored. */
export const HANDLED_EVENTS = ["secret_scanning_alert", "push", FINDINGS_EVENT] as const;

/** Whether a verified delivery is queued: a handled event with an action that asks for a response. */
export function isWork(event: string, payload: unknown): boolean {
  if (event === "secret_scanning_alert") return isActionableAlert(payload);
  return event === "push";
}

/**
 * What the queue stores of a delivery: only the fields the handlers read (references), never
 * the payload as received. A push's commit messages, author names and e-mails, and an alert's
 * details are left out: the handlers read commits and alerts back through the API, and a
 * secret pasted into a commit message never reaches the disk.
 */
export function storedPayload(event: string, payload: object): object {
  const p = payload as Record<string, unknown>;
  const repository = pick(p.repository, ["name", "full_name", "default_branch"]);
  const owner = pick((p.repository as Record<string, unknown> | undefined)?.owner, ["login", "name"]);
  const common = {
    ...(repository ? { repository: { ...repository, ...(owner ? { owner } : {}) } } : {}),
    ...(pick(p.installation, ["id"]) ? { installation: pick(p.installation, ["id"]) } : {}),
    ...(pick(p.sender, ["login"]) ? { sender: pick(p.sender, ["login"]) } : {}),
  };
  if (event === "push") return { ...pick(p, ["ref", "before", "after", "forced", "created", "deleted"]), ...common };
  if (event === "secret_scanning_alert") {
    const alert = pick(p.alert, ["number", "validity"]);
    return { ...pick(p, ["action"]), ...(alert ? { alert } : {}), ...common };
  }
  return common;
}

/** The scalar fields `keys` of `value`, or undefined when it is not an object or has none. */
function pick(value: unknown, keys: readonly string[]): Record<string, unknown> | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v === null || ["string", "number", "boolean"].includes(typeof v)) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The label an event gets in metrics: handled events by name, the rest as `other` (bounded). */
export function eventLabel(event: string | undefined): string {
  return event === "ping" || (HANDLED_EVENTS as readonly string[]).includes(event ?? "") ? (event as string) : "other";
}

/** The queue's handler: one delivery, start to finish. */
export function createDeliveryHandler(deps: JobDeps, logger: Logger): DeliveryHandler {
  return async (delivery: LeasedDelivery, abortSignal: AbortSignal) => {
    const log = logger.child({ delivery: delivery.id, event: delivery.event, attempt: delivery.attempt });
    let payload: unknown;
    try {
      payload = JSON.parse(delivery.payload);
    } catch {
      throw new PermanentError("The stored payload is not JSON.");
    }
    log.info("processing");
    const job: JobContext = { deliveryId: delivery.id, log, abortSignal };
    try {
      switch (delivery.event) {
        case "secret_scanning_alert":
          return await handleAlert(payload, job, deps);
        case "push":
          return await handlePush(payload, job, deps);
        case FINDINGS_EVENT:
          if (!deps.statuses) throw new PermanentError("A findings call is queued but the findings API is off.");
          return await handleFindings(payload, job, { ...deps, statuses: deps.statuses });
        default:
          throw new PermanentError(`No handler for event '${delivery.event}'.`);
      }
    } catch (e) {
      // The error goes on to the pool's logger and the queue's record, which do not know the
      // values this delivery learned (the leaked secret, a new version): mask it here.
      throw maskedError(e, (text) => log.redact(text));
    }
  };
}

/**
 * `error` with its message masked and cut to 1000 characters (error text from GitHub can echo
 * what it was sent), keeping what retry decisions read: the class and the HTTP status.
 */
export function maskedError(error: unknown, redact: (text: string) => string): Error {
  const message = redact(error instanceof Error ? error.message : String(error)).slice(0, 1000);
  const status = statusOf(error);
  const out = isPermanent(error) && status === undefined ? new PermanentError(message) : new Error(message);
  if (status !== undefined) Object.assign(out, { status });
  return out;
}

function statusOf(error: unknown): number | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const status = (e as { status?: unknown }).status;
    if (typeof status === "number") return status;
  }
  return undefined;
}

/**
 * Whether retrying cannot help: a {@link PermanentError}, or an HTTP answer in 4xx other than
 * 408 and 429 anywhere in the error's cause chain (a missing permission, an unknown alert). A
 * dead delivery is revived when GitHub redelivers it, so fixing the cause and redelivering works.
 */
export function isPermanent(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof PermanentError) return true;
    const status = (e as { status?: unknown }).status;
    if (typeof status === "number") return status >= 400 && status < 500 && status !== 408 && status !== 429;
  }
  return false;
}
