import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGitHubLeaseStore } from "../../../src/adapters/github/lease.js";
import { holdLeases } from "../../../src/remediation/lease.js";
import type { Lease, LeaseHeld } from "../../../src/remediation/ports.js";
import { GitHubDouble } from "../../helpers/github-double.js";

const REPO = "octo-org/security";
let api: GitHubDouble;
let nowMs = Date.parse("2026-01-01T00:00:00Z");
const now = () => new Date(nowMs);
// Plain Octokit: leakstop's client spaces writes a second apart (GitHub's secondary rate limits),
// which the races here do not need.
const octokit = (baseUrl: string) =>
  new Octokit({ baseUrl, auth: "t0k", log: { debug() {}, info() {}, warn() {}, error() {} } });
const store = () => createGitHubLeaseStore(octokit(api.url), { repository: REPO, now });
const isLease = (x: Lease | LeaseHeld): x is Lease => "handle" in x;
const labels = () => [...(api.labels.get(REPO) ?? new Map()).values()].map((l) => l.name).sort();

beforeAll(async () => {
  api = await GitHubDouble.start();
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.labels.clear();
  nowMs += 86_400_000;
});

describe("GitHub label lease", () => {
  it("of ten runs racing for one incident, exactly one gets the lease; the others see who holds it", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store().acquire("fp-1", { holder: `run ${i}`, durationInMs: 60_000 })),
    );
    const winners = results.filter(isLease);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => !isLease(x))) expect(r.holder).toBe(winners[0]?.holder);
    expect(labels()).toHaveLength(1);
    await store().release(winners[0] as Lease);
    expect(labels()).toEqual([]);
    expect(isLease(await store().acquire("fp-1", { holder: "later", durationInMs: 60_000 }))).toBe(true);
  });

  it("survives a crash: the lease expires, one of the racing runs takes the next generation, release cleans up", async () => {
    const first = await store().acquire("fp-2", { holder: "crashed run", durationInMs: 60_000 });
    expect(isLease(first)).toBe(true);
    expect(isLease(await store().acquire("fp-2", { holder: "too early", durationInMs: 60_000 }))).toBe(false);
    nowMs += 61_000; // the holder never released
    const racing = await Promise.all(
      Array.from({ length: 6 }, (_, i) => store().acquire("fp-2", { holder: `run ${i}`, durationInMs: 60_000 })),
    );
    const winners = racing.filter(isLease);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.handle).toBe("2");
    await store().release(winners[0] as Lease);
    expect(labels()).toEqual([]);
  });

  it("a different incident is not blocked, and a refused token says which permission is missing", async () => {
    expect(isLease(await store().acquire("fp-3", { holder: "a", durationInMs: 60_000 }))).toBe(true);
    expect(isLease(await store().acquire("fp-4", { holder: "b", durationInMs: 60_000 }))).toBe(true);
    const refusing = await GitHubDouble.start();
    refusing.failWith(/\/labels/, 403, "Resource not accessible by integration");
    const s = createGitHubLeaseStore(octokit(refusing.url), { repository: REPO, now });
    await expect(s.acquire("fp-5", { holder: "c", durationInMs: 60_000 })).rejects.toThrow(/issues: write/);
    await refusing.close();
  });
});

describe("holdLeases", () => {
  it("waits while another run holds a key and proceeds once it is released", async () => {
    const s = store();
    const first = await holdLeases(s, ["fp-b", "fp-a"], { holder: "push run", pollInMs: 20, clock: { now } });
    expect(first.ok).toBe(true);
    const waited: string[] = [];
    const second = holdLeases(s, ["fp-a"], {
      holder: "pull_request run",
      pollInMs: 20,
      onWait: (_k, held) => waited.push(held.holder),
    });
    await new Promise((r) => setTimeout(r, 80));
    if (first.ok) await first.release();
    const got = await second;
    expect(got.ok).toBe(true);
    expect(waited).toEqual(["push run"]);
    if (got.ok) await got.release();
    expect(labels()).toEqual([]);
  });

  it("gives up after the wait bound and says who holds the lease", async () => {
    const s = store();
    await holdLeases(s, ["fp-c"], { holder: "push run", clock: { now } });
    const got = await holdLeases(s, ["fp-c"], { holder: "other", waitInMs: 50, pollInMs: 20 });
    expect(got).toMatchObject({ ok: false, key: "fp-c", held: { holder: "push run" } });
  });
});
