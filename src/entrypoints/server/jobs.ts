/**
 * Which deliveries are work, and the work itself: the queue's handler parses a leased
 * delivery, routes it by event, and logs every step with the delivery id.
 */
import type { GitHubClients } from "../../adapters/github/app-auth.js";
import type { LeasedDelivery } from "../../adapters/queue/sqlite-queue.js";
import { type DeliveryHandler, PermanentError } from "../../adapters/queue/worker.js";
import type { Engine } from "../../core/scan/engine.js";
import { handleAlert, isActionableAlert } from "./handle-alert.js";
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
  readonly responder: Responder;
  readonly metrics: Metrics;
  readonly dryRun: boolean;
}

/** Events with work to do. Others are acknowledged and ignored. */
export const HANDLED_EVENTS = ["secret_scanning_alert", "push"] as const;

/** Whether a verified delivery is queued: a handled event with an action that asks for a response. */
export function isWork(event: string, payload: unknown): boolean {
  if (event === "secret_scanning_alert") return isActionableAlert(payload);
  return event === "push";
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
    switch (delivery.event) {
      case "secret_scanning_alert":
        return handleAlert(payload, job, deps);
      case "push":
        return handlePush(payload, job, deps);
      default:
        throw new PermanentError(`No handler for event '${delivery.event}'.`);
    }
  };
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
