/**
 * The HTTP side: `POST /api/github/webhooks`, `GET /healthz`, `GET /metrics` on `node:http`.
 *
 * A delivery is read within the intake budget ({@link IntakeBudget}: headers checked first, the
 * HMAC-SHA256 of the raw body against the secret, or the previous secret during a rotation,
 * computed while it streams in, bounded bodies in flight, 503 past them), verified before
 * anything parses it, then written to the durable queue, and only then acknowledged. A queue
 * that cannot write (a full disk, a read-only data directory) gets a 503, so GitHub marks the
 * delivery failed and it can be redelivered; the service stays up. Work happens after the
 * answer, in the worker pool. Deliveries of events without work are acknowledged and dropped.
 *
 * Shutdown (SIGTERM): stop accepting connections, let requests in progress finish (each
 * either queued and acknowledged, or not acknowledged), let the workers finish or give their
 * deliveries back to the queue, close the queue.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type EmitterWebhookEvent, Webhooks } from "@octokit/webhooks";
import {
  BatchingEnqueuer,
  DeliveryQueue,
  type EnqueueResult,
  type NewDelivery,
  type QueueCounts,
} from "../../adapters/queue/sqlite-queue.js";
import type { WorkQueue } from "../../adapters/queue/work-queue.js";
import { type DeliveryHandler, type WorkerEvent, WorkerPool } from "../../adapters/queue/worker.js";
import type { FindingsRoute } from "./findings-route.js";
import { IntakeBudget, type IntakeLimits } from "./intake.js";
import { eventLabel, isWork, storedPayload } from "./jobs.js";
import type { Logger } from "./log.js";
import type { Metrics } from "./metrics.js";

/** Routes (DESIGN.md, webhook responder contract). */
export const ROUTES = {
  webhooks: "/api/github/webhooks",
  findings: "/api/v1/findings",
  eventGrid: "/api/eventgrid",
  health: "/healthz",
  metrics: "/metrics",
} as const;

/**
 * The queue as the server uses it: the work port, and what health and metrics show. The
 * embedded DeliveryQueue, or the Storage queue replicas share (storage-queue.ts).
 */
export interface ServerQueue extends WorkQueue {
  nextAvailableInMs?(): number | undefined;
  counts(): Partial<QueueCounts> | Promise<Partial<QueueCounts>>;
  /** Set while the queue cannot write (embedded queue: a full disk). */
  readonly writeError?: Error | undefined;
  /** Forget finished deliveries past their retention (the embedded queue; Azure's TTL does it for messages). */
  prune?(): number;
}

/** Stores a delivery durably; resolves once it is. */
export interface Enqueuer {
  enqueue(delivery: NewDelivery): Promise<EnqueueResult>;
}

/** Options for {@link startServer}. */
export interface StartServerOptions {
  /** 0: a free port. */
  readonly port: number;
  /** Default: every interface. */
  readonly host?: string;
  readonly webhookSecret: string;
  readonly previousWebhookSecrets?: readonly string[];
  /** Body size and the budget of bodies read before their signature is checked. */
  readonly intake: IntakeLimits;
  /** Open connections at once; more are closed as they arrive. */
  readonly maxConnections: number;
  readonly queue: ServerQueue;
  readonly handle: DeliveryHandler;
  readonly isPermanent?: (error: unknown) => boolean;
  readonly concurrency: number;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** How long shutdown waits for work in progress before giving it back. Default 8000. */
  readonly shutdownGraceInMs?: number;
  /** More routes, tried first (the App setup's, Event Grid's); true when they answered. */
  readonly routes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** The findings API (findings-route.ts); absent: its routes answer 404. */
  readonly findings?: (enqueue: Enqueuer, pool: WorkerPool) => FindingsRoute;
  /** Longest wait between looks at the queue while idle. Default 5000 (a shared queue is polled). */
  readonly idlePollInMs?: number;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly port: number;
  readonly pool: WorkerPool;
  /** Bodies and bytes being read and not yet verified. */
  readonly intake: IntakeBudget;
  /** Graceful shutdown; resolves when everything is closed. */
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { queue, logger, metrics } = options;
  const pool = new WorkerPool({
    queue,
    handle: options.handle,
    concurrency: options.concurrency,
    ...(options.idlePollInMs ? { idlePollInMs: options.idlePollInMs } : {}),
    ...(options.isPermanent ? { isPermanent: options.isPermanent } : {}),
    onEvent: (e) => onWorkerEvent(e, logger, metrics),
  });
  const secrets = [options.webhookSecret, ...(options.previousWebhookSecrets ?? [])];
  const intake = new IntakeBudget(options.intake);
  // The embedded queue commits a burst in one transaction; a shared queue stores each as it comes.
  const enqueuer: Enqueuer =
    queue instanceof DeliveryQueue ? new BatchingEnqueuer(queue) : { enqueue: async (d) => queue.enqueue(d) };
  const findings = options.findings?.(enqueuer, pool);
  // Routing by event is @octokit/webhooks' emitter. The body was verified while it streamed in
  // (intake.ts: bounded memory, every accepted secret), so the emitter is fed with `receive`
  // rather than `verifyAndReceive`, which would need the whole body first and hash it again.
  const router = new Webhooks({ secret: options.webhookSecret });
  // Each delivery's outcome, by its event object (the emitter hands handlers that same object).
  const routed = new WeakMap<object, { outcome?: string }>();
  router.on(["push", "secret_scanning_alert"], async (event) => {
    const slot = routed.get(event);
    if (slot === undefined || !isWork(event.name, event.payload)) return;
    // Durable before the answer: nothing GitHub is told "200" about may be lost.
    // References, not the payload as received (secrets at rest: see storedPayload).
    const payload = JSON.stringify(storedPayload(event.name, event.payload));
    slot.outcome = await enqueuer.enqueue({ id: event.id, event: event.name, payload });
  });

  let stopping = false;
  const server: Server = createServer((req, res) => {
    void route(req, res).catch((e: unknown) => {
      logger.error("request failed", { error: e });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.maxConnections = options.maxConnections;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (options.routes && (await options.routes(req, res))) return;
    if (req.method === "GET" && path === ROUTES.health) {
      // Degraded (the queue cannot write) is still alive: restarting would not free the disk.
      const counts = await countsOf(queue);
      const writeError = queue.writeError?.message ?? counts.error;
      const status = stopping ? "stopping" : writeError ? "degraded" : "ok";
      const body = { status, queue: counts.counts, inFlight: pool.inFlight, ...(writeError ? { writeError } : {}) };
      return send(res, stopping ? 503 : 200, "application/json", JSON.stringify(body));
    }
    if (req.method === "GET" && path === ROUTES.metrics) {
      const counts = await countsOf(queue);
      return send(
        res,
        200,
        "text/plain; version=0.0.4",
        metrics.render(counts.counts, pool.inFlight, queue.writeError === undefined && counts.error === undefined),
      );
    }
    if (findings && !stopping && (await findings(req, res, path?.replace(/\/+$/, "") ?? ""))) return;
    if (path?.replace(/\/+$/, "") !== ROUTES.webhooks)
      return send(res, 404, "application/json", '{"error":"Not found"}');
    return receive(req, res);
  }

  async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const deliveryId = header(req, "x-github-delivery");
    const event = header(req, "x-github-event");
    let outcome: string | undefined;
    res.on("finish", () => {
      const ms = performance.now() - started;
      metrics.ackSeconds.observe(ms / 1000);
      const label = outcome ?? (res.statusCode >= 300 ? refused(res.statusCode) : undefined);
      metrics.deliveries.inc({ event: eventLabel(event), outcome: label ?? "unknown" });
      const fields = {
        delivery: deliveryId,
        event,
        status: res.statusCode,
        outcome: label,
        ms: Math.round(ms * 10) / 10,
      };
      if (res.statusCode >= 500) logger.error("delivery not acknowledged", fields);
      else if (res.statusCode >= 300) logger.warn("delivery refused", fields);
      else logger.info("delivery acknowledged", fields);
    });
    if (req.method !== "POST") return send(res, 405, "application/json", '{"error":"Use POST."}');
    if (stopping) return refuse(res, 503, "Shutting down; redeliver later.", true);
    const read = await intake.read(req, secrets);
    if (read.kind === "refused") return refuse(res, read.status, read.message, read.close);
    let result: string | undefined;
    const slot: { outcome?: string } = {};
    const delivery = { id: read.id, name: read.event, payload: read.json } as EmitterWebhookEvent;
    routed.set(delivery, slot);
    try {
      await router.receive(delivery);
      result = slot.outcome;
    } catch (e) {
      metrics.failures.inc({ stage: "receive" });
      outcome = "error";
      const error = e instanceof AggregateError && e.errors.length > 0 ? e.errors[0] : e;
      logger.error("could not store a delivery; answered 503 so GitHub can redeliver it", {
        delivery: read.id,
        error,
      });
      return refuse(res, 503, "The delivery could not be stored; redeliver later.", false);
    }
    if (result === undefined) {
      outcome = "ignored";
      return send(res, 200, "application/json", '{"ok":true,"outcome":"ignored"}');
    }
    outcome = result;
    send(res, 200, "application/json", JSON.stringify({ ok: true, outcome: result }));
    // After the answer.
    if (result !== "duplicate") setImmediate(() => pool.notify());
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Work left by an earlier process starts now; new deliveries wake the pool as they are stored.
  pool.start();
  // Finished deliveries are remembered for redeliveries, within the queue's retention.
  const pruning = setInterval(() => queue.prune?.(), 3_600_000);
  pruning.unref();
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`;
  logger.info("listening", { port, routes: Object.values(ROUTES) });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    pool,
    intake,
    close() {
      closing ??= (async () => {
        stopping = true;
        clearInterval(pruning);
        logger.info("shutting down", { inFlight: pool.inFlight });
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
        await pool.stop(options.shutdownGraceInMs ?? 8000);
        await queue.close();
        logger.info("stopped");
      })();
      return closing;
    },
  };
}

/** The queue's depth by state; a shared queue that cannot be reached says why instead. */
async function countsOf(queue: ServerQueue): Promise<{ counts: Partial<QueueCounts>; error?: string }> {
  try {
    return { counts: await queue.counts() };
  } catch (e) {
    return { counts: {}, error: (e as Error).message };
  }
}

/** A refusal; `close` when the body was not read, so the connection cannot be reused. */
function refuse(res: ServerResponse, status: number, message: string, close = false): void {
  if (close) res.setHeader("connection", "close");
  if (status === 503) res.setHeader("retry-after", "30");
  send(res, status, "application/json", JSON.stringify({ error: message }));
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) }).end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === "string" ? v.slice(0, 100) : undefined;
}

function refused(status: number): string {
  if (status === 413) return "too_large";
  if (status === 503) return "shed";
  if (status === 400 || status === 401) return "rejected";
  if (status >= 500) return "error";
  return `http_${status}`;
}

function onWorkerEvent(e: WorkerEvent, logger: Logger, metrics: Metrics): void {
  if (e.type === "stalled") {
    metrics.failures.inc({ stage: "queue" });
    logger.error("the queue cannot hand out work; waiting", { error: e.error, retryInMs: e.retryInMs });
    return;
  }
  if (e.type === "recovered") {
    logger.info("the queue works again");
    return;
  }
  const fields = { delivery: e.delivery.id, event: e.delivery.event, attempt: e.delivery.attempt };
  const event = eventLabel(e.delivery.event);
  switch (e.type) {
    case "start":
      return;
    case "done":
      metrics.processed.inc({ event, outcome: e.outcome });
      metrics.processSeconds.observe(e.ms / 1000);
      logger.info("processed", { ...fields, outcome: e.outcome, ms: Math.round(e.ms) });
      return;
    case "retry":
      metrics.processed.inc({ event, outcome: "retry" });
      metrics.failures.inc({ stage: "process" });
      metrics.processSeconds.observe(e.ms / 1000);
      logger.warn("processing failed; will retry", { ...fields, error: e.error, retryInMs: e.delayInMs });
      return;
    case "dead":
      metrics.processed.inc({ event, outcome: "dead" });
      metrics.failures.inc({ stage: "process" });
      logger.error("processing failed; delivery dead-lettered (redeliver it from GitHub once fixed)", {
        ...fields,
        error: e.error,
      });
      return;
    case "released":
      logger.info("returned to the queue for the next start", fields);
      return;
    case "error":
      metrics.failures.inc({ stage: "queue" });
      logger.error("the queue failed to record a result", { ...fields, error: e.error });
      return;
  }
}
