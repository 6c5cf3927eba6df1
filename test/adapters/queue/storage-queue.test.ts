/**
 * The scale-out queue and credential locks on a real Azurite (from npm, started here on free
 * loopback ports): three replicas (each its own clients) share one Storage queue and its tables.
 * N deliveries, 10% of them enqueued again through another replica, Azurite restarted once, one
 * replica dying with deliveries leased → every delivery completed exactly once, work about one
 * credential never overlapping and done once, and a permanent failure dead-lettered.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TableLockStore } from "../../../src/adapters/azure-storage/locks.js";
import { TableFindingsStatusStore, TableReplayStore } from "../../../src/adapters/azure-storage/shared-findings.js";
import { StorageWorkQueue } from "../../../src/adapters/azure-storage/storage-queue.js";
import { tableClient } from "../../../src/adapters/azure-storage/tables.js";
import { CredentialLocks } from "../../../src/adapters/queue/credential-lock.js";
import type { LeasedDelivery } from "../../../src/adapters/queue/sqlite-queue.js";
import { type Azurite, startAzurite } from "../../helpers/azurite.js";

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite({ persist: true });
}, 60_000);
afterAll(async () => {
  await azurite?.stop();
});

const target = () => ({ connectionString: azurite.connectionString });
const prefix = () => `t${randomBytes(4).toString("hex")}`;

describe("StorageWorkQueue and TableLockStore on Azurite", () => {
  it("three replicas: each delivery once, one piece of work per credential, nothing lost to a dead replica or a restart", async () => {
    const p = prefix();
    const replicas = [0, 1, 2].map(
      () => new StorageWorkQueue(target(), { prefix: p, visibilityTimeoutInMs: 2000, retryDelayInMs: 1000 }),
    );
    const sharedKey = randomBytes(32);
    const locks = replicas.map(
      () => new CredentialLocks(new TableLockStore(target(), { prefix: p }), { key: sharedKey, pollInMs: 20 }),
    );
    const N = 100;
    const credentials = Array.from({ length: 8 }, () => randomBytes(24).toString("base64url"));
    const deliveries = Array.from({ length: N }, (_, i) => ({
      id: randomUUID(),
      event: "push",
      payload: JSON.stringify({ credential: i % credentials.length }),
    }));
    // 10% arrive twice, the second time at another replica (GitHub redelivers to whoever answers).
    const sends = [
      ...deliveries.map((d, i) => ({ replica: replicas[i % 3] as StorageWorkQueue, d })),
      ...deliveries.slice(0, N / 10).map((d, i) => ({ replica: replicas[(i + 1) % 3] as StorageWorkQueue, d })),
    ];
    const results: string[] = [];
    for (let i = 0; i < sends.length; i += 10) {
      results.push(...(await Promise.all(sends.slice(i, i + 10).map(({ replica, d }) => replica.enqueue(d)))));
    }
    expect(results.filter((r) => r === "queued")).toHaveLength(N);
    expect(results.filter((r) => r === "duplicate")).toHaveLength(N / 10);

    // Azurite goes down and comes back (persisted): the queue still holds everything.
    await azurite.restart();

    // Replica 2 takes work and dies before finishing any of it.
    const abandoned: LeasedDelivery[] = [];
    for (let i = 0; i < 5; i++) {
      const d = await (replicas[2] as StorageWorkQueue).lease();
      if (d) abandoned.push(d);
    }
    expect(abandoned).toHaveLength(5);

    const completed = new Map<string, number>();
    const done = new Set<number>(); // credentials whose "rotation" happened
    const rotations = new Map<number, number>();
    const inside = new Map<number, number>();
    let overlap = 0;
    const consume = async (r: number) => {
      const queue = replicas[r] as StorageWorkQueue;
      const lock = locks[r] as CredentialLocks;
      while (completed.size < N) {
        const d = await queue.lease();
        if (!d) {
          await new Promise((res) => setTimeout(res, 100));
          continue;
        }
        const c = (JSON.parse(d.payload) as { credential: number }).credential;
        await lock.run([credentials[c] as string], `replica-${r}:${d.id}`, AbortSignal.timeout(30_000), async () => {
          inside.set(c, (inside.get(c) ?? 0) + 1);
          if ((inside.get(c) ?? 0) > 1) overlap++;
          await new Promise((res) => setTimeout(res, 5));
          // Like the incident tags: the first holder rotates, later ones converge on it.
          if (!done.has(c)) {
            done.add(c);
            rotations.set(c, (rotations.get(c) ?? 0) + 1);
          }
          inside.set(c, (inside.get(c) ?? 0) - 1);
        });
        await queue.complete(d.id, "rotated");
        completed.set(d.id, (completed.get(d.id) ?? 0) + 1);
      }
    };
    await Promise.all([consume(0), consume(1)]);

    expect(completed.size).toBe(N);
    expect([...completed.values()].every((n) => n === 1)).toBe(true);
    for (const d of abandoned) expect(completed.get(d.id)).toBe(1);
    expect(overlap).toBe(0);
    expect([...rotations.values()]).toEqual(credentials.map(() => 1));
    // Drained: nothing visible or hidden is left, nothing dead.
    await new Promise((res) => setTimeout(res, 2500));
    expect(await (replicas[0] as StorageWorkQueue).lease()).toBeUndefined();
    expect(await (replicas[1] as StorageWorkQueue).counts()).toEqual({ ready: 0, dead: 0 });
    // A delivery seen before stays a duplicate after it is done.
    expect(await (replicas[1] as StorageWorkQueue).enqueue(deliveries[0] as (typeof deliveries)[0])).toBe("duplicate");
    expect(await (replicas[1] as StorageWorkQueue).get(deliveries[0]?.id as string)).toMatchObject({
      state: "done",
      outcome: "rotated",
    });
  }, 120_000);

  it("retries with backoff, then dead-letters a permanent failure where counts show it", async () => {
    const queue = new StorageWorkQueue(target(), { prefix: prefix(), retryDelayInMs: 1000, maxAttempts: 3 });
    const id = randomUUID();
    expect(await queue.enqueue({ id, event: "push", payload: "{}" })).toBe("queued");
    const first = await queue.lease();
    expect(first).toMatchObject({ id, attempt: 1 });
    expect(await queue.fail(id, "Key Vault answered 503", { retryable: true })).toEqual({
      state: "retry",
      delayInMs: 1000,
    });
    expect(await queue.lease()).toBeUndefined(); // hidden for the backoff
    let second: LeasedDelivery | undefined;
    for (let i = 0; i < 50 && !second; i++) {
      second = await queue.lease();
      if (!second) await new Promise((res) => setTimeout(res, 100));
    }
    expect(second).toMatchObject({ id, attempt: 2 });
    expect(await queue.fail(id, "bad payload", { retryable: false })).toEqual({ state: "dead" });
    expect(await queue.counts()).toEqual({ ready: 0, dead: 1 });
    expect(await queue.get(id)).toMatchObject({ state: "dead", lastError: "bad payload" });
  }, 60_000);

  it("locks: one of three contenders wins; the holder renews; an expired lock is taken over; unlock only by its holder", async () => {
    const p = prefix();
    let now = 1_000_000;
    const stores = [0, 1, 2].map(() => new TableLockStore(target(), { prefix: p, now: () => now }));
    const won = await Promise.all(stores.map((s, i) => s.tryLock("credential:abc", `h${i}`, 10_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const holder = won.indexOf(true);
    const other = (holder + 1) % 3;
    expect(await stores[holder]?.tryLock("credential:abc", `h${holder}`, 10_000)).toBe(true);
    await stores[other]?.unlock("credential:abc", `h${other}`); // not its lock: no effect
    expect(await stores[other]?.tryLock("credential:abc", `h${other}`, 10_000)).toBe(false);
    now += 11_000; // the holder died and stopped renewing
    const takeover = await Promise.all(
      [0, 1, 2].filter((i) => i !== holder).map((i) => stores[i]?.tryLock("credential:abc", `h${i}`, 10_000)),
    );
    expect(takeover.filter(Boolean)).toHaveLength(1);
  }, 60_000);

  it("findings statuses and used token ids are shared: any replica answers, a replay to another replica is refused", async () => {
    const p = prefix();
    const [a, b] = [new TableFindingsStatusStore(target(), p), new TableFindingsStatusStore(target(), p)];
    const id = randomUUID();
    // Large enough to be split across properties (a string property holds 32 K characters).
    const unconfirmed = Array.from({ length: 400 }, (_, i) => ({
      commit: "c".repeat(40),
      path: `src/${"deep/".repeat(20)}file-${i}.ts`,
      line: i + 1,
      ruleId: "generic-api-key",
      fingerprint: randomBytes(16).toString("hex"),
    }));
    await a.put({ id, state: "queued", repository: "octo-org/octo-repo" });
    expect(await b.get(id)).toEqual({ id, state: "queued", repository: "octo-org/octo-repo" });
    await b.put({
      id,
      state: "done",
      repository: "octo-org/octo-repo",
      confirmed: 0,
      unconfirmed,
      outcome: "unconfirmed",
    });
    expect((await a.get(id))?.unconfirmed).toEqual(unconfirmed);
    expect(await a.get(randomUUID())).toBeUndefined();

    const replay = [
      new TableReplayStore(target(), p),
      new TableReplayStore(target(), p),
      new TableReplayStore(target(), p),
    ];
    const jti = randomUUID();
    const firsts = await Promise.all(replay.map((r) => r.firstUse(jti, Date.now() + 300_000)));
    expect(firsts.filter(Boolean)).toHaveLength(1);
    expect(await replay[0]?.firstUse(randomUUID(), Date.now() + 300_000)).toBe(true);
  }, 60_000);

  it("used token ids are cleaned up once their tokens expired past the grace, and stay refused until then", async () => {
    const p = prefix();
    let now = Date.UTC(2026, 0, 1);
    const clock = () => now;
    const opts = { now: clock, graceInMs: 60_000, sweepEveryInMs: 600_000 };
    const [a, b] = [new TableReplayStore(target(), p, opts), new TableReplayStore(target(), p, opts)];
    const entities = async () => {
      const ids: string[] = [];
      for await (const e of tableClient(target(), `${p}tokens`).listEntities()) ids.push(String(e.partitionKey));
      return ids.length;
    };
    const short = randomUUID();
    const long = randomUUID();
    expect(await a.firstUse(short, now + 300_000)).toBe(true);
    expect(await a.firstUse(long, now + 3_600_000)).toBe(true);
    await a.sweep();
    expect(await entities()).toBe(2);

    // Expired but within the grace (the verifier's skew still accepts it): kept and refused.
    now += 330_000;
    expect(await b.sweep()).toBe(0);
    expect(await b.firstUse(short, now + 300_000)).toBe(false);

    // Past the grace: only the short-lived token's id goes; the other stays refused everywhere.
    now += 60_000;
    const [x, y] = await Promise.all([a.sweep(), b.sweep()]);
    expect(x + y).toBe(1);
    expect(await entities()).toBe(1);
    expect(await a.firstUse(long, now + 3_600_000)).toBe(false);
    expect(await b.firstUse(long, now + 3_600_000)).toBe(false);
  }, 60_000);

  it("firstUse starts a clean-up by itself, at most once per interval", async () => {
    const p = prefix();
    let now = Date.UTC(2026, 0, 1);
    const store = new TableReplayStore(target(), p, { now: () => now, graceInMs: 0, sweepEveryInMs: 600_000 });
    const count = async () => {
      let n = 0;
      for await (const _ of tableClient(target(), `${p}tokens`).listEntities()) n++;
      return n;
    };
    for (let i = 0; i < 3; i++) expect(await store.firstUse(randomUUID(), now + 1000)).toBe(true);
    now += 2000; // all three expired, but the interval since the first call's clean-up has not passed
    expect(await store.firstUse(randomUUID(), now + 1_000_000)).toBe(true);
    expect(await count()).toBe(4);
    now += 600_000; // the next call starts one
    expect(await store.firstUse(randomUUID(), now + 1_000_000)).toBe(true);
    await store.sweep(); // joins the running clean-up, or runs another (idempotent)
    expect(await count()).toBe(2);
  }, 60_000);
});
