/**
 * A findings call from the Action (DESIGN.md, "The trusted responder"), after the route verified
 * its token and queued it: the request names locations only, so the service reads each named
 * commit through its own GitHub access, detects the values itself with the engine, and runs
 * the responder on the findings it detected again. A location it cannot confirm is reported as
 * such and never acted on. Where the call stands is recorded for `GET /api/v1/findings/{id}`.
 */

import { type ApiCommit, commitFragments, type RepoId } from "../../adapters/github/commits.js";
import type { FindingsStatusStore } from "../../adapters/queue/findings-status.js";
import { PermanentError } from "../../adapters/queue/worker.js";
import {
  confirmFindings,
  type FindingsRequest,
  type FindingsStatus,
  parseFindingsRequest,
} from "../../core/responder/findings-api.js";
import type { Fragment } from "../../core/types.js";
import type { JobContext, JobDeps } from "./jobs.js";
import type { LeakResponse } from "./responder.js";

/** The queue's event name of a findings call. */
export const FINDINGS_EVENT = "leakstop_findings";

/** What the queue stores of a findings call: the request (locations) and who sent it. */
export interface StoredFindingsCall extends FindingsRequest {
  /** The token's `actor` claim, assigned on the issue. */
  readonly actor?: string;
}

export async function handleFindings(
  payload: unknown,
  job: JobContext,
  deps: JobDeps & { readonly statuses: FindingsStatusStore },
): Promise<string> {
  const parsed = parseFindingsRequest(pickRequest(payload));
  if (!parsed.ok) throw new PermanentError(`The stored findings call is not valid: ${parsed.error}.`);
  const { repository, findings: claimed } = parsed.request;
  const actor = (payload as StoredFindingsCall).actor;
  const [owner = "", name = ""] = repository.split("/");
  const repo: RepoId = { owner, repo: name };
  const id = job.deliveryId;
  const log = job.log.child({ repository });
  await deps.statuses.put({ id, state: "running", repository });

  const github = await deps.clients.forDelivery({ repository: repo });
  const commits: ApiCommit[] = [...new Set(claimed.map((c) => c.commit))].map((sha) => ({
    sha,
    parents: 1,
    info: { sha, authorName: "", authorEmail: "", date: "" },
  }));
  const paths = new Set(claimed.map((c) => `${c.commit}\u0000${c.path}`));
  const fragments = commitFragments(github, repo, commits, { onNotice: (notice) => log.warn(notice) });
  const named = onlyNamed(fragments, (f) => paths.has(`${f.commit?.sha ?? ""}\u0000${f.path}`));
  const detected = await deps.scanner.scan(named, job.abortSignal);
  for (const f of detected) log.addSensitive(f.secret);
  const { confirmed, unconfirmed } = confirmFindings(claimed, detected);
  log.info("findings call checked", {
    commits: commits.length,
    claimed: claimed.length,
    confirmed: confirmed.length,
    unconfirmed: unconfirmed.length,
  });
  const base = { id, repository, confirmed: confirmed.length, unconfirmed };
  if (confirmed.length === 0) {
    await deps.statuses.put({
      ...base,
      state: "done",
      outcome: "unconfirmed",
      revoked: false,
      lines: [`None of the ${claimed.length} location(s) holds a secret the service detects; nothing was done.`],
    });
    return "unconfirmed";
  }
  job.abortSignal.throwIfAborted();
  let response: LeakResponse;
  try {
    response = await deps.locks.run(
      confirmed.map((f) => f.secret),
      id,
      job.abortSignal,
      () =>
        deps.responder.respondToLeak(
          { deliveryId: id, repository, findings: confirmed, ...(actor ? { pusher: actor } : {}) },
          { github, abortSignal: job.abortSignal, log },
        ),
    );
  } catch (e) {
    await deps.statuses.put({ ...base, state: "failed", error: log.redact((e as Error).message).slice(0, 500) });
    throw e;
  }
  deps.metrics.rotations.inc({}, response.rotated);
  if (response.failures > 0) deps.metrics.failures.inc({ stage: "rotation" }, response.failures);
  const failed = response.outcome === "failed";
  await deps.statuses.put({
    ...base,
    state: failed ? "failed" : "done",
    outcome: response.outcome,
    revoked: response.revoked,
    rotated: response.versions ?? [],
    ...(response.issueUrl ? { issueUrl: response.issueUrl } : {}),
    lines: statusLines(response, unconfirmed.length),
    ...(failed ? { error: `${response.failures} remediation step(s) failed; the service retries them` } : {}),
  });
  log.info("findings call handled", { outcome: response.outcome, rotated: response.rotated, issue: response.issueUrl });
  // A failed step is retried by the queue, as a push's is; the status says so meanwhile.
  if (failed) throw new Error(`${response.failures} remediation step(s) failed; retrying.`);
  return response.outcome;
}

/** The request part of the stored call (the actor is ours, not the client's). */
function pickRequest(payload: unknown): unknown {
  if (typeof payload !== "object" || payload === null) return payload;
  const p = payload as Record<string, unknown>;
  return { repository: p.repository, findings: p.findings };
}

async function* onlyNamed(fragments: AsyncIterable<Fragment>, keep: (f: Fragment) => boolean) {
  for await (const f of fragments) if (keep(f)) yield f;
}

/** One line per fact the job log shows: names and counts, never a value. */
export function statusLines(response: LeakResponse, unconfirmed: number): string[] {
  const lines = [`Responder outcome: ${response.outcome}.`];
  for (const v of response.versions ?? []) lines.push(`Rotated ${v.secret} in ${v.vault} (new version ${v.version}).`);
  if (response.revoked) lines.push("The leaked value is proven dead.");
  if (response.issueUrl) lines.push(`Issue: ${response.issueUrl}`);
  if (response.failures > 0) lines.push(`${response.failures} step(s) failed; the service retries them.`);
  if (unconfirmed > 0) lines.push(`${unconfirmed} location(s) could not be confirmed and were not acted on.`);
  return lines;
}

/** The status a queued call starts with. */
export function queuedStatus(id: string, repository: string): FindingsStatus {
  return { id, state: "queued", repository };
}
