/**
 * `push`: for repositories without the Action. The payload's commit list is never trusted (it
 * is capped and misses what a merge or a new branch brings); the pushed range is listed through
 * the compare API (every page) and each commit's own diff is read (per-commit reads never meet
 * compare's 300-file cap), scanned with the engine, and handed to the responder.
 */
import { commitFragments, dropMergeRepeats, listCommits } from "../../adapters/github/commits.js";
import { PermanentError } from "../../adapters/queue/worker.js";
import { planScan, pushApiTarget } from "../../core/events/index.js";
import type { JobContext, JobDeps } from "./jobs.js";
import { throwIfRetryable } from "./responder.js";

export async function handlePush(payload: unknown, job: JobContext, deps: JobDeps): Promise<string> {
  const p = payload as {
    repository?: { name?: unknown; owner?: { login?: unknown; name?: unknown } };
    installation?: { id?: unknown };
    sender?: { login?: unknown };
  } | null;
  const owner = p?.repository?.owner?.login ?? p?.repository?.owner?.name;
  const name = p?.repository?.name;
  if (typeof owner !== "string" || typeof name !== "string") {
    throw new PermanentError("The push payload has no repository.owner.login or repository.name.");
  }
  const repo = { owner, repo: name };
  const repository = `${owner}/${name}`;
  const log = job.log.child({ repository });
  let plan: ReturnType<typeof planScan>;
  try {
    plan = planScan({ name: "push", payload });
  } catch (e) {
    throw new PermanentError((e as Error).message);
  }
  if (plan.kind === "skip") {
    log.info("push skipped", { why: plan.reason });
    return "skipped";
  }
  if (plan.kind !== "push") throw new PermanentError(`Unexpected plan '${plan.kind}' for a push.`);
  const installationId = p?.installation?.id;
  const github = await deps.clients.forDelivery({
    repository: repo,
    ...(typeof installationId === "number" ? { installationId } : {}),
  });
  const commits = await listCommits(github, repo, pushApiTarget(plan));
  job.abortSignal.throwIfAborted();
  const fragments = commitFragments(github, repo, commits, { onNotice: (notice) => log.warn(notice) });
  const findings = dropMergeRepeats(await deps.scanner.scan(fragments, job.abortSignal), commits);
  for (const f of findings) log.addSensitive(f.secret);
  log.info("push scanned", { scope: plan.label, commits: commits.length, findings: findings.length });
  if (findings.length === 0) return "clean";
  job.abortSignal.throwIfAborted();
  const sender = p?.sender?.login;
  // One response per credential at a time (see handle-alert.ts).
  const response = await deps.locks.run(
    findings.map((f) => f.secret),
    job.deliveryId,
    job.abortSignal,
    () =>
      deps.responder.respondToLeak(
        { deliveryId: job.deliveryId, repository, findings, ...(typeof sender === "string" ? { pusher: sender } : {}) },
        { github, abortSignal: job.abortSignal, log },
      ),
  );
  deps.metrics.rotations.inc({}, response.rotated);
  if (response.failures > 0) deps.metrics.failures.inc({ stage: "rotation" }, response.failures);
  throwIfRetryable(response);
  log.info("push handled", { outcome: response.outcome, rotated: response.rotated, issue: response.issueUrl });
  return response.outcome;
}
