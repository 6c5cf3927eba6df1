/**
 * The `LeaseStore` port over GitHub labels, in the repository where leakstop's issues go. Both
 * runs of a workflow (`push` and `pull_request`, on different runners) reach it with the token
 * they already have for issues (`issues: write`), and creating a label is atomic: GitHub answers
 * 422 when the name exists. Chosen over refs under `refs/leakstop/` (would need `contents: write`,
 * the right to push code) and over Key Vault (no conditional write on secrets).
 *
 * A lease is the label `leakstop-lease-<key digest>-<generation>`, its description
 * `until <ISO time> by <holder>`. A crashed holder's lease expires; the next run then creates the
 * next generation, which only one of several racing runs can. A run that took a generation
 * checks that no higher one exists (a takeover it raced with) and otherwise backs off. Released
 * leases are deleted, stale lower generations with them.
 */
import { createHash } from "node:crypto";
import type { AcquireLeaseOptions, Lease, LeaseHeld, LeaseStore, OperationOptions } from "../../remediation/ports.js";
import type { GitHubClient } from "./client.js";

/** Options for {@link createGitHubLeaseStore}. */
export interface GitHubLeaseStoreOptions {
  /** `owner/repo`: where issues go, so every run that could respond can write there. */
  readonly repository: string;
  readonly now?: () => Date;
}

const PREFIX = "leakstop-lease-";
/** Generations tried before giving up (each one is a crashed holder). */
const MAX_GENERATIONS = 20;
const DESCRIPTION_MAX = 100;

export function createGitHubLeaseStore(
  client: Pick<GitHubClient, "rest">,
  options: GitHubLeaseStoreOptions,
): LeaseStore {
  const [owner = "", repo = "", ...rest] = options.repository.split("/");
  if (!owner || !repo || rest.length > 0)
    throw new TypeError(`Lease repository '${options.repository}' is not 'owner/repo'.`);
  const now = options.now ?? (() => new Date());
  const req = (o?: OperationOptions) => (o?.abortSignal ? { request: { signal: o.abortSignal } } : {});
  const nameOf = (key: string, gen: number) =>
    `${PREFIX}${createHash("sha256").update(key).digest("hex").slice(0, 24)}-${gen}`;

  const read = async (name: string, o?: OperationOptions): Promise<LeaseHeld | undefined | "gone"> => {
    try {
      const { data } = await client.rest.issues.getLabel({ owner, repo, name, ...req(o) });
      return parse(data.description ?? "");
    } catch (e) {
      if (status(e) === 404) return "gone";
      throw describe(e, "read", name);
    }
  };
  const remove = async (name: string, o?: OperationOptions) => {
    try {
      await client.rest.issues.deleteLabel({ owner, repo, name, ...req(o) });
    } catch (e) {
      if (status(e) !== 404) throw describe(e, "delete", name);
    }
  };

  return {
    async acquire(key: string, o: AcquireLeaseOptions): Promise<Lease | LeaseHeld> {
      let gen = 1;
      for (let attempts = 0; gen <= MAX_GENERATIONS && attempts < MAX_GENERATIONS * 3; attempts++) {
        const name = nameOf(key, gen);
        const expiresOn = new Date(now().getTime() + o.durationInMs);
        try {
          await client.rest.issues.createLabel({
            owner,
            repo,
            name,
            color: "ededed",
            description: format(expiresOn, o.holder),
            ...req(o),
          });
          // A racing takeover may already have made the next generation: then that one counts.
          if ((await read(nameOf(key, gen + 1), o)) !== "gone") {
            await remove(name, o);
            gen++;
            continue;
          }
          return { key, holder: o.holder, expiresOn, handle: `${gen}` };
        } catch (e) {
          if (status(e) !== 422) throw describe(e, "create", name);
        }
        const held = await read(name, o);
        if (held === "gone") continue; // released meanwhile: try the same generation again
        if (held && held.expiresOn.getTime() > now().getTime()) return held;
        gen++; // expired (its holder crashed) or not ours to read: the next generation decides
      }
      throw new Error(`Could not take the lease for ${key} in ${options.repository}: too many stale generations.`);
    },

    async release(lease: Lease, o?: OperationOptions) {
      const gen = Number(lease.handle);
      // Lower (stale) generations first: removing ours first could let a late run take a lower one.
      for (let g = 1; g < gen; g++) await remove(nameOf(lease.key, g), o);
      await remove(nameOf(lease.key, gen), o);
    },
  };
}

function format(expiresOn: Date, holder: string): string {
  const head = `until ${expiresOn.toISOString()} by `;
  return `${head}${holder.replace(/\s+/g, " ").slice(0, DESCRIPTION_MAX - head.length)}`;
}

function parse(description: string): LeaseHeld | undefined {
  const m = /^until (\S+) by (.*)$/.exec(description);
  const expiresOn = m ? new Date(m[1] as string) : undefined;
  if (!m || !expiresOn || Number.isNaN(expiresOn.getTime())) return undefined;
  return { holder: m[2] as string, expiresOn };
}

function status(e: unknown): number | undefined {
  return (e as { status?: number }).status;
}

function describe(e: unknown, op: string, name: string): Error {
  const s = status(e);
  if (s === 403 || s === 401) {
    return new Error(
      `GitHub refused to ${op} the lease label '${name}' (${s}): the token needs 'issues: write' on the issue repository.`,
    );
  }
  return new Error(`Could not ${op} the lease label '${name}': ${(e as Error).message}`);
}
