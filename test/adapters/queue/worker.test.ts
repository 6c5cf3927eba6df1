import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeliveryQueue } from "../../../src/adapters/queue/sqlite-queue.js";
import { PermanentError, type WorkerEvent, WorkerPool } from "../../../src/adapters/queue/worker.js";

let dir: string;
let queue: DeliveryQueue;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "leakstop-worker-"));
  queue = DeliveryQueue.open({ dir, retryDelayInMs: 20, maxRetryDelayInMs: 40, maxAttempts: 3 });
});
afterEach(async () => {
  queue.close();
  await rm(dir, { recursive: true, force: true });
});

const enqueue = (n: number) => {
  for (let i = 0; i < n; i++) queue.enqueue({ id: `d${i}`, event: "push", payload: "{}" });
};

/** Resolves when `predicate` holds for the events seen so far. */
function until(events: WorkerEvent[], predicate: (e: WorkerEvent[]) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (predicate(events) ? resolve() : setTimeout(check, 5));
    check();
  });
}

describe("WorkerPool", () => {
  it("runs every delivery once with at most `concurrency` at a time", async () => {
    enqueue(12);
    let running = 0;
    let peak = 0;
    const events: WorkerEvent[] = [];
    const pool = new WorkerPool({
      queue,
      concurrency: 3,
      onEvent: (e) => events.push(e),
      handle: async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return "clean";
      },
    });
    pool.start();
    await until(events, (e) => e.filter((x) => x.type === "done").length === 12);
    await pool.stop();
    expect(peak).toBe(3);
    expect(queue.counts()).toEqual({ ready: 0, leased: 0, done: 12, dead: 0 });
  });

  it("retries a failing delivery with backoff and dead-letters it after the last attempt", async () => {
    enqueue(2);
    const events: WorkerEvent[] = [];
    const pool = new WorkerPool({
      queue,
      onEvent: (e) => events.push(e),
      handle: async (d) => {
        if (d.id === "d1") throw new PermanentError("no such alert");
        throw new Error("HTTP 502");
      },
    });
    pool.start();
    await until(events, (e) => e.filter((x) => x.type === "dead").length === 2);
    await pool.stop();
    const kinds = (id: string) =>
      events.filter((e) => "delivery" in e && e.delivery.id === id && e.type !== "start").map((e) => e.type);
    expect(kinds("d0")).toEqual(["retry", "retry", "dead"]);
    expect(kinds("d1")).toEqual(["dead"]);
    expect(queue.get("d0")).toMatchObject({ state: "dead", attempts: 3, lastError: "HTTP 502" });
  });

  it("on stop, waits for work in progress, then aborts it and gives it back uncounted", async () => {
    enqueue(2);
    const events: WorkerEvent[] = [];
    let release: () => void = () => {};
    const pool = new WorkerPool({
      queue,
      concurrency: 2,
      onEvent: (e) => events.push(e),
      handle: (d, signal) =>
        new Promise((resolve, reject) => {
          if (d.id === "d0") release = () => resolve("clean");
          signal.addEventListener("abort", () => reject(signal.reason));
        }),
    });
    pool.start();
    await until(events, (e) => e.filter((x) => x.type === "start").length === 2);
    const stopping = pool.stop(200);
    release();
    await stopping;
    expect(queue.get("d0")).toMatchObject({ state: "done", outcome: "clean" });
    expect(queue.get("d1")).toMatchObject({ state: "ready", attempts: 0 });
    expect(events.map((e) => `${e.type}:${"delivery" in e ? e.delivery.id : ""}`)).toContain("released:d1");
  });
});
