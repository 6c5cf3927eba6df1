/**
 * The HTTP side: `POST /api/github/webhooks`, `GET /healthz`, `GET /metrics` on `node:http`.
 *
 * A delivery is read up to the body limit (413 past it), verified by `@octokit/webhooks`'
 * `createNodeMiddleware` (HMAC-SHA256 of the raw body against the secret, or the previous
 * secret during a rotation) before anything parses it, then written to the durable queue,
 * and only then acknowledged. Work happens after the answer, in the worker pool. Deliveries
 * of events without work are acknowledged and dropped.
 *
 * Shutdown (SIGTERM): stop accepting connections, let requests in progress finish (each
 * either queued and acknowledged, or not acknowledged), let the workers finish or give their
 * deliveries back to the queue, close the queue.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, Webhooks } from "@octokit/webhooks";
import { BatchingEnqueuer, type DeliveryQueue } from "../../adapters/queue/sqlite-queue.js";
import { type DeliveryHandler, type WorkerEvent, WorkerPool } from "../../adapters/queue/worker.js";
import { eventLabel, isWork } from "./jobs.js";
import type { Logger } from "./log.js";
import type { Metrics } from "./metrics.js";

/** Routes (DESIGN.md, webhook responder contract). */
export const ROUTES = { webhooks: "/api/github/webhooks", health: "/healthz", metrics: "/metrics" } as const;

/** Options for {@link startServer}. */
export interface StartServerOptions {
  /** 0: a free port. */
  readonly port: number;
  /** Default: every interface. */
  readonly host?: string;
  readonly webhookSecret: string;
  readonly previousWebhookSecrets?: readonly string[];
  /** Larger bodies get 413. */
  readonly maxBodyBytes: number;
  readonly queue: DeliveryQueue;
  readonly handle: DeliveryHandler;
  readonly isPermanent?: (error: unknown) => boolean;
  readonly concurrency: number;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** How long shutdown waits for work in progress before giving it back. Default 20000. */
  readonly shutdownGraceInMs?: number;
  /** More routes, tried first (the App setup's); true when they answered. */
  readonly routes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly port: number;
  readonly pool: WorkerPool;
  /** Graceful shutdown; resolves when everything is closed. */
  close(): Promise<void>;
}

/** What the webhook handler and its request share. */
interface Receipt {
  /** The raw body, stored as received (it is what was signed). */
  readonly body: string;
  outcome: string | undefined;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { queue, logger, metrics } = options;
  const pool = new WorkerPool({
    queue,
    handle: options.handle,
    concurrency: options.concurrency,
    ...(options.isPermanent ? { isPermanent: options.isPermanent } : {}),
    onEvent: (e) => onWorkerEvent(e, logger, metrics),
  });
  const receipts = new AsyncLocalStorage<Receipt>();
  const webhooks = new Webhooks({
    secret: options.webhookSecret,
    ...(options.previousWebhookSecrets?.length ? { additionalSecrets: [...options.previousWebhookSecrets] } : {}),
  });
  const enqueuer = new BatchingEnqueuer(queue);
  webhooks.onAny(async ({ id, name, payload }) => {
    const receipt = receipts.getStore();
    if (!isWork(name, payload)) {
      if (receipt) receipt.outcome = "ignored";
      return;
    }
    // Durable before the handler returns, and the middleware answers only after that.
    const result = await enqueuer.enqueue({ id, event: name, payload: receipt?.body ?? JSON.stringify(payload) });
    if (receipt) receipt.outcome = result;
    // After the answer, which the middleware writes as soon as this handler's promise settles.
    if (result !== "duplicate") setImmediate(() => pool.notify());
  });
  // The middleware must not answer "202 still processing" before the delivery is stored, so
  // its timer is far beyond GitHub's 10 s: a slow enqueue gets no answer (GitHub marks the
  // delivery failed, to be redelivered) rather than an acknowledgement of nothing.
  const middleware = createNodeMiddleware(webhooks, {
    path: ROUTES.webhooks,
    timeout: 300_000,
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });

  let stopping = false;
  const server: Server = createServer((req, res) => {
    void route(req, res).catch((e: unknown) => {
      logger.error("request failed", { error: e });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (options.routes && (await options.routes(req, res))) return;
    if (req.method === "GET" && path === ROUTES.health) {
      const body = { status: stopping ? "stopping" : "ok", queue: queue.counts(), inFlight: pool.inFlight };
      return send(res, stopping ? 503 : 200, "application/json", JSON.stringify(body));
    }
    if (req.method === "GET" && path === ROUTES.metrics) {
      return send(res, 200, "text/plain; version=0.0.4", metrics.render(queue.counts(), pool.inFlight));
    }
    if (path?.replace(/\/+$/, "") !== ROUTES.webhooks)
      return send(res, 404, "application/json", '{"error":"Not found"}');
    return receive(req, res);
  }

  async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const deliveryId = header(req, "x-github-delivery");
    const event = header(req, "x-github-event");
    let receipt: Receipt = { body: "", outcome: undefined };
    res.on("finish", () => {
      const ms = performance.now() - started;
      metrics.ackSeconds.observe(ms / 1000);
      const outcome =
        res.statusCode >= 300 ? (res.statusCode === 413 ? "too_large" : rejected(res.statusCode)) : receipt.outcome;
      metrics.deliveries.inc({ event: eventLabel(event), outcome: outcome ?? "unknown" });
      const fields = { delivery: deliveryId, event, status: res.statusCode, outcome, ms: Math.round(ms * 10) / 10 };
      if (res.statusCode >= 500) logger.error("delivery not acknowledged", fields);
      else if (res.statusCode >= 300) logger.warn("delivery refused", fields);
      else logger.info("delivery acknowledged", fields);
    });
    if (stopping) return send(res, 503, "application/json", '{"error":"Shutting down; redeliver later."}');
    const body = await readBody(req, options.maxBodyBytes);
    if (body === undefined) {
      res.setHeader("connection", "close");
      return send(res, 413, "application/json", `{"error":"Payload larger than ${options.maxBodyBytes} bytes."}`);
    }
    // The middleware takes a pre-read body as a string; it verifies it before parsing it.
    (req as IncomingMessage & { body?: string }).body = body;
    receipt = { body, outcome: undefined };
    await receipts.run(receipt, () => middleware(req, res));
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
  const pruning = setInterval(() => queue.prune(), 3_600_000);
  pruning.unref();
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`;
  logger.info("listening", { port, routes: Object.values(ROUTES) });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    pool,
    close() {
      closing ??= (async () => {
        stopping = true;
        clearInterval(pruning);
        logger.info("shutting down", { inFlight: pool.inFlight });
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
        await pool.stop(options.shutdownGraceInMs ?? 20_000);
        queue.close();
        logger.info("stopped");
      })();
      return closing;
    },
  };
}

/** The body, or undefined when it is larger than `limit` bytes (then nothing more is read). */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) }).end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === "string" ? v.slice(0, 100) : undefined;
}

function rejected(status: number): string {
  if (status === 400 || status === 401) return "rejected";
  if (status >= 500) return "error";
  return `http_${status}`;
}

function onWorkerEvent(e: WorkerEvent, logger: Logger, metrics: Metrics): void {
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
