import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BatchingEnqueuer,
  DeliveryQueue,
  type DeliveryQueueOptions,
} from "../../../src/adapters/queue/sqlite-queue.js";

let dir: string;
let now: number;
const open: DeliveryQueue[] = [];
const queue = (options: Partial<DeliveryQueueOptions> = {}) => {
  const q = DeliveryQueue.open({ dir, now: () => now, retryDelayInMs: 1000, ...options });
  open.push(q);
  return q;
};
const delivery = (id: string, event = "push") => ({ id, event, payload: JSON.stringify({ id }) });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "leakstop-queue-"));
  now = 1_700_000_000_000;
});
afterEach(async () => {
  for (const q of open.splice(0)) q.close();
  await rm(dir, { recursive: true, force: true });
});

describe("DeliveryQueue", () => {
  it("holds a lock for one holder until it is released or its time runs out; a restart drops it", () => {
    const q = queue();
    expect(q.tryLock("k", "d1", 1000)).toBe(true);
    expect(q.tryLock("k", "d2", 1000)).toBe(false);
    expect(q.tryLock("k", "d1", 1000)).toBe(true); // renewal
    now += 1001;
    expect(q.tryLock("k", "d2", 1000)).toBe(true); // expired
    q.unlock("k", "d1"); // not the holder: nothing
    expect(q.tryLock("k", "d1", 1000)).toBe(false);
    q.unlock("k", "d2");
    expect(q.tryLock("k", "d1", 1000)).toBe(true);
    q.close();
    expect(queue().tryLock("k", "d3", 1000)).toBe(true);
  });

  it("retries a retryable failure until its deadline, then dead-letters it and drops its payload", () => {
    const q = queue({ maxAttempts: 100, retryDelayInMs: 1000, maxRetryDelayInMs: 60_000, retryDeadlineInMs: 120_000 });
    q.enqueue(delivery("a"));
    let tries = 0;
    for (;;) {
      const d = q.lease();
      if (!d) {
        now += 60_000;
        continue;
      }
      tries++;
      const r = q.fail("a", "HTTP 503");
      if (r.state === "dead") break;
      now += r.delayInMs;
    }
    // 1 + 2 + 4 + 8 + 16 + 32 + 60 s: the seventh retry would land past two minutes.
    expect(tries).toBeGreaterThanOrEqual(6);
    expect(tries).toBeLessThanOrEqual(8);
    expect(q.get("a")).toMatchObject({ state: "dead", lastError: "HTTP 503" });
    // A redelivery from GitHub brings the payload again; the dead row keeps none.
    expect(q.enqueue({ id: "a", event: "push", payload: "{}" })).toBe("requeued");
    expect(q.lease()?.payload).toBe("{}");
  });

  it("hands out deliveries first in, first out, each once", () => {
    const q = queue();
    expect(q.enqueue(delivery("a"))).toBe("queued");
    now += 1;
    expect(q.enqueue(delivery("b"))).toBe("queued");
    const first = q.lease();
    expect(first).toMatchObject({ id: "a", event: "push", attempt: 1, payload: '{"id":"a"}' });
    expect(q.lease()?.id).toBe("b");
    expect(q.lease()).toBeUndefined();
    expect(q.counts()).toEqual({ ready: 0, leased: 2, done: 0, dead: 0 });
  });

  it("dedupes by delivery id: queued, in progress or done", () => {
    const q = queue();
    q.enqueue(delivery("a"));
    expect(q.enqueue(delivery("a"))).toBe("duplicate");
    q.lease();
    expect(q.enqueue(delivery("a"))).toBe("duplicate");
    q.complete("a", "rotated");
    expect(q.enqueue(delivery("a"))).toBe("duplicate");
    expect(q.get("a")).toMatchObject({ state: "done", outcome: "rotated", attempts: 1 });
    expect(q.lease()).toBeUndefined();
  });

  it("retries with exponential backoff, then dead-letters; a redelivery revives a dead one", () => {
    const q = queue({ maxAttempts: 3 });
    q.enqueue(delivery("a"));
    const delays: number[] = [];
    for (let i = 0; i < 2; i++) {
      const d = q.lease();
      expect(d?.attempt).toBe(i + 1);
      const r = q.fail("a", "HTTP 502");
      if (r.state !== "retry") throw new Error("expected a retry");
      delays.push(r.delayInMs);
      expect(q.lease()).toBeUndefined(); // not before its time
      now += r.delayInMs;
    }
    expect(delays[0]).toBeGreaterThanOrEqual(800);
    expect(delays[0]).toBeLessThanOrEqual(1200);
    expect(delays[1]).toBeGreaterThanOrEqual(1600);
    expect(delays[1]).toBeLessThanOrEqual(2400);
    q.lease();
    expect(q.fail("a", "HTTP 502")).toEqual({ state: "dead" });
    expect(q.get("a")).toMatchObject({ state: "dead", attempts: 3, lastError: "HTTP 502" });
    expect(q.counts().dead).toBe(1);
    expect(q.enqueue(delivery("a"))).toBe("requeued");
    expect(q.lease()).toMatchObject({ id: "a", attempt: 1 });
  });

  it("dead-letters a permanent failure at once", () => {
    const q = queue();
    q.enqueue(delivery("a"));
    q.lease();
    expect(q.fail("a", "not found", { retryable: false })).toEqual({ state: "dead" });
  });

  it("shows a delivery again when its lease expires, unless the worker extends it", () => {
    const q = queue({ visibilityTimeoutInMs: 10_000 });
    q.enqueue(delivery("a"));
    q.lease();
    now += 8000;
    q.extend("a");
    now += 8000;
    expect(q.lease()).toBeUndefined();
    now += 2001;
    expect(q.lease()).toMatchObject({ id: "a", attempt: 2 });
  });

  it("gives a released delivery back without counting the attempt", () => {
    const q = queue();
    q.enqueue(delivery("a"));
    q.lease();
    q.release("a");
    expect(q.lease()).toMatchObject({ id: "a", attempt: 1 });
  });

  it("keeps every delivery across a crash; leases of the dead process are ready at once", () => {
    const q = queue();
    for (const id of ["a", "b", "c"]) q.enqueue(delivery(id));
    q.lease();
    q.lease();
    q.complete("a", "clean");
    // A crash: the process is gone without completing 'b'. Its lease is far from expiring.
    q.close();
    const again = queue();
    expect(again.counts()).toEqual({ ready: 2, leased: 0, done: 1, dead: 0 });
    const ids = [again.lease(), again.lease()].map((d) => `${d?.id}#${d?.attempt}`);
    expect(ids.sort()).toEqual(["b#2", "c#1"]);
  });

  it("refuses a data directory another connection holds", () => {
    queue();
    expect(() => DeliveryQueue.open({ dir })).toThrow(/in use by another leakstop process/);
  });

  it("tells when the next delivery becomes available, and forgets old finished ones", () => {
    const q = queue({ retentionInMs: 1000 });
    expect(q.nextAvailableInMs()).toBeUndefined();
    q.enqueue(delivery("a"));
    expect(q.nextAvailableInMs()).toBe(0);
    q.lease();
    const r = q.fail("a", "boom");
    expect(q.nextAvailableInMs()).toBe(r.state === "retry" ? r.delayInMs : -1);
    now += 10_000;
    q.lease();
    q.complete("a", "clean");
    now += 1001;
    expect(q.prune()).toBe(1);
    expect(q.get("a")).toBeUndefined();
  });

  it("commits deliveries of the same turn together, each result in order, dedupe included", async () => {
    const q = queue();
    const enqueuer = new BatchingEnqueuer(q);
    const results = await Promise.all([
      enqueuer.enqueue(delivery("a")),
      enqueuer.enqueue(delivery("b")),
      enqueuer.enqueue(delivery("a")),
    ]);
    expect(results).toEqual(["queued", "queued", "duplicate"]);
    expect(q.counts().ready).toBe(2);
    expect(await enqueuer.enqueue(delivery("b"))).toBe("duplicate");
  });

  it("rejects every delivery of a batch that could not be written", async () => {
    const q = queue();
    const enqueuer = new BatchingEnqueuer(q);
    q.close();
    await expect(Promise.all([enqueuer.enqueue(delivery("a")), enqueuer.enqueue(delivery("b"))])).rejects.toThrow();
  });
});
