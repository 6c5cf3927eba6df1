/**
 * Holding leases on a run's incidents, so two runs for the same leak at once (the workflow runs
 * on both `push` and `pull_request`, on different runners) make one rotation: the second waits
 * until the first releases (then converges on the first one's tags and issue: nothing to do but
 * a comment) or until the lease expires (the first crashed). Keys are taken in sorted order, so
 * two runs with overlapping incidents cannot deadlock.
 */
import type { Finding } from "../core/types.js";
import type { MatchReport } from "./match.js";
import type { Clock, Lease, LeaseHeld, LeaseStore, OperationOptions, RemediationPorts } from "./ports.js";

/** Options for {@link holdLeases}. */
export interface HoldLeasesOptions extends OperationOptions {
  readonly holder: string;
  /** How long a lease lasts unless released. Default 15 minutes (a rotation takes seconds). */
  readonly durationInMs?: number;
  /** How long to wait for a lease another run holds. Default 10 minutes. */
  readonly waitInMs?: number;
  /** Between two attempts. Default 3 seconds. */
  readonly pollInMs?: number;
  readonly clock?: Clock;
  /** Told once per key that someone else holds. */
  readonly onWait?: (key: string, held: LeaseHeld) => void;
}

/** The leases held, or who held one when waiting gave up. */
export type HeldLeases =
  | { readonly ok: true; readonly leases: readonly Lease[]; release(): Promise<void> }
  | { readonly ok: false; readonly key: string; readonly held: LeaseHeld };

export const DEFAULT_LEASE_DURATION_IN_MS = 15 * 60_000;
export const DEFAULT_LEASE_WAIT_IN_MS = 10 * 60_000;

/** Take a lease on every key (sorted, deduplicated), waiting for other holders within the bound. */
export async function holdLeases(
  store: LeaseStore,
  keys: readonly string[],
  options: HoldLeasesOptions,
): Promise<HeldLeases> {
  const clock = options.clock ?? { now: () => new Date() };
  const deadline = clock.now().getTime() + (options.waitInMs ?? DEFAULT_LEASE_WAIT_IN_MS);
  const poll = options.pollInMs ?? 3000;
  const leases: Lease[] = [];
  const releaseAll = async () => {
    for (const l of leases.splice(0).reverse()) await store.release(l, options).catch(() => undefined);
  };
  try {
    for (const key of [...new Set(keys)].sort()) {
      let told = false;
      for (;;) {
        options.abortSignal?.throwIfAborted();
        const got = await store.acquire(key, {
          holder: options.holder,
          durationInMs: options.durationInMs ?? DEFAULT_LEASE_DURATION_IN_MS,
          ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
        });
        if ("handle" in got) {
          leases.push(got);
          break;
        }
        if (!told) options.onWait?.(key, got);
        told = true;
        if (clock.now().getTime() + poll > deadline) {
          await releaseAll();
          return { ok: false, key, held: got };
        }
        await sleep(poll, options.abortSignal);
      }
    }
  } catch (e) {
    await releaseAll();
    throw e;
  }
  return { ok: true, leases: [...leases], release: releaseAll };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * The responder's use: a lease per incident (finding fingerprint). When waiting gives up, a
 * match report that blocks every incident with who holds it (nothing is rotated, the issue
 * still opens or gets its comment). A lease store that fails (a token without the permission)
 * is logged and the run goes on without it: leaving a live leak alone would be worse.
 */
export async function holdIncidentLeases(
  ports: Pick<RemediationPorts, "leases" | "clock" | "log">,
  findings: readonly Finding[],
  holder: string,
  options: OperationOptions & Partial<Pick<HoldLeasesOptions, "waitInMs" | "pollInMs" | "durationInMs">> = {},
): Promise<{ blocked?: MatchReport; release(): Promise<void> }> {
  const none = { release: async () => {} };
  if (!ports.leases) return none;
  const fingerprints = [...new Set(findings.map((f) => f.fingerprint))];
  let held: HeldLeases;
  try {
    held = await holdLeases(ports.leases, fingerprints, {
      ...options,
      holder,
      clock: ports.clock,
      onWait: (key, h) =>
        ports.log?.(
          `leakstop: waiting for ${h.holder}, which is responding to incident ${key} (lease until ${h.expiresOn.toISOString()})`,
        ),
    });
  } catch (e) {
    options.abortSignal?.throwIfAborted();
    ports.log?.(`leakstop: no lease could be taken, responding without one: ${(e as Error).message}`);
    return none;
  }
  if (held.ok) return { release: held.release };
  const message = `Another run (${held.held.holder}) is responding to incident ${held.key} and holds its lease until ${held.held.expiresOn.toISOString()}; nothing was changed here. Re-run this job after that run has finished.`;
  return {
    blocked: {
      matches: [],
      unmatched: fingerprints.map((fingerprint) => ({ fingerprint, reason: message })),
      errors: [{ vaultUrl: "lease", message }],
      reads: 0,
    },
    release: async () => {},
  };
}
