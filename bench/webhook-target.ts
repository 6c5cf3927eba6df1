/**
 * The webhook bench's server: leakstop's real receiving path (node:http, @octokit/webhooks
 * signature verification, the SQLite queue with fsync per delivery, the worker pool, JSON logs
 * with inspection) and a fake responder that counts calls per alert instead of calling GitHub
 * and Key Vault. Bundled by bench/webhook.ts with esbuild, run as a child process, driven over
 * IPC: it sends `{ type: "listening", port }`, answers `"stats"` with counts, stops on `"stop"`.
 */
import { DeliveryQueue } from "../src/adapters/queue/sqlite-queue.js";
import { createEngine } from "../src/core/scan/engine.js";
import { createLogger } from "../src/entrypoints/server/log.js";
import { Metrics } from "../src/entrypoints/server/metrics.js";
import type { LeakReport, LeakResponse, Responder } from "../src/entrypoints/server/responder.js";
import { startServer } from "../src/entrypoints/server/server.js";

/** Counts what it is asked to do; a real rotation would take this long. */
class CountingResponder implements Responder {
  readonly callsPerAlert = new Map<number, number>();
  async respondToLeak(report: LeakReport): Promise<LeakResponse> {
    const n = report.alert?.number ?? -1;
    this.callsPerAlert.set(n, (this.callsPerAlert.get(n) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 2));
    return { outcome: "rotated", revoked: true, rotated: 1, failures: 0 };
  }
}

const responder = new CountingResponder();
const processed: string[] = [];
const engine = createEngine();
const logger = createLogger({ engine });
const queue = DeliveryQueue.open({ dir: process.env.BENCH_DATA_DIR ?? ".leakstop-bench" });
const server = await startServer({
  port: 0,
  host: "127.0.0.1",
  webhookSecret: process.env.BENCH_WEBHOOK_SECRET ?? "",
  // The service's defaults (settings.ts).
  intake: {
    maxBodyBytes: 25 * 1024 * 1024,
    maxUnverifiedBodies: 16,
    maxUnverifiedBytes: 64 * 1024 * 1024,
    bodyTimeoutInMs: 10_000,
  },
  maxConnections: 256,
  queue,
  concurrency: 4,
  logger,
  metrics: new Metrics(),
  handle: async (delivery, abortSignal) => {
    const payload = JSON.parse(delivery.payload) as { alert: { number: number }; repository: { full_name: string } };
    const alert = {
      number: payload.alert.number,
      htmlUrl: undefined,
      secretType: "bench",
      publiclyLeaked: false,
      bypass: undefined,
      locations: [],
    };
    const report = { deliveryId: delivery.id, repository: payload.repository.full_name, findings: [], alert };
    await responder.respondToLeak(report);
    abortSignal.throwIfAborted();
    processed.push(delivery.id);
    return "rotated";
  },
});

process.send?.({ type: "listening", port: server.port });
process.on("message", (message) => {
  if (message === "stats") {
    process.send?.({
      type: "stats",
      processed,
      calls: [...responder.callsPerAlert.values()].reduce((a, b) => a + b, 0),
      maxCallsPerAlert: Math.max(0, ...responder.callsPerAlert.values()),
      queue: queue.counts(),
    });
  } else if (message === "stop") {
    void server.close().then(() => process.exit(0));
  }
});
