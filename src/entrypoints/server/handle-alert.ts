/**
 * `secret_scanning_alert`: read the alert (the webhook has no secret) and its locations, run the
 * responder, and resolve the alert as `revoked` only when the responder says the value is dead.
 * An alert whose rotation failed, found no match, or still needs its provider is left open.
 */

import {
  type AlertLocation,
  getAlert,
  getCommitInfo,
  listAlertLocations,
  resolveAlertAsRevoked,
  type SecretScanningAlert,
} from "../../adapters/github/alerts.js";
import { PermanentError } from "../../adapters/queue/worker.js";
import { fingerprint } from "../../core/findings/fingerprint.js";
import { MASK } from "../../core/findings/redact.js";
import { codeSpan, escapeMarkdown } from "../../core/report/escape.js";
import type { Engine } from "../../core/scan/engine.js";
import type { CommitInfo, Finding } from "../../core/types.js";
import type { JobContext, JobDeps } from "./jobs.js";
import { type LeakResponse, throwIfRetryable } from "./responder.js";

/** Alert actions that start a response; `validated` only while GitHub says the secret works. */
export const ALERT_ACTIONS = ["created", "reopened", "publicly_leaked", "validated"] as const;

/** Whether a `secret_scanning_alert` payload asks for a response. */
export function isActionableAlert(payload: unknown): boolean {
  const p = payload as { action?: unknown; alert?: { validity?: unknown } } | null;
  const action = p?.action;
  if (action === "validated") return p?.alert?.validity === "active";
  return typeof action === "string" && (ALERT_ACTIONS as readonly string[]).includes(action);
}

export async function handleAlert(payload: unknown, job: JobContext, deps: JobDeps): Promise<string> {
  const { repo, number, installationId } = alertTarget(payload);
  const repository = `${repo.owner}/${repo.repo}`;
  const log = job.log.child({ repository, alert: number });
  const github = await deps.clients.forDelivery({
    repository: repo,
    ...(installationId !== undefined ? { installationId } : {}),
  });
  const request = { abortSignal: job.abortSignal };
  const first = await getAlert(github, repo, number, request);
  log.addSensitive(first.secret);
  if (first.state === "resolved") return alreadyResolved(first, log);
  // One response per credential at a time: another delivery about the same value (this alert's
  // `validated`, a push) waits here, then finds the alert resolved instead of rotating again.
  return deps.locks.run([first.secret], job.deliveryId, job.abortSignal, async () => {
    const alert = await getAlert(github, repo, number, request);
    if (alert.state === "resolved") return alreadyResolved(alert, log);
    return respondToAlert(alert, { repo, number, repository, github, log }, job, deps);
  });
}

function alreadyResolved(alert: SecretScanningAlert, log: JobContext["log"]): string {
  log.info("alert already resolved; nothing to do", { resolution: alert.resolution });
  return "already-resolved";
}

async function respondToAlert(
  alert: SecretScanningAlert,
  target: {
    repo: { owner: string; repo: string };
    number: number;
    repository: string;
    github: Awaited<ReturnType<JobDeps["clients"]["forDelivery"]>>;
    log: JobContext["log"];
  },
  job: JobContext,
  deps: JobDeps,
): Promise<string> {
  const { repo, number, repository, github, log } = target;
  const request = { abortSignal: job.abortSignal };
  const locations = await listAlertLocations(github, repo, number, request);
  const where = firstCodeLocation(locations);
  let commit: CommitInfo | undefined;
  if (where?.commitSha) {
    try {
      commit = await getCommitInfo(github, repo, where.commitSha, request);
    } catch (e) {
      log.warn("could not read the commit of the alert's first location", { error: e });
    }
  }
  if (alert.bypass) {
    log.warn("push protection was bypassed", { by: alert.bypass.by, reason: alert.bypass.comment });
  }
  const finding = alertFinding(alert, where, deps.engine, commit);
  log.info("alert read", {
    secretType: alert.secretType,
    locations: locations.length,
    fingerprint: finding.fingerprint,
  });
  const response = await deps.responder.respondToLeak(
    {
      deliveryId: job.deliveryId,
      repository,
      findings: [finding],
      ...(alert.bypass?.by ? { pusher: alert.bypass.by } : {}),
      alert: {
        number,
        htmlUrl: alert.htmlUrl,
        secretType: alert.secretTypeDisplayName,
        publiclyLeaked: alert.publiclyLeaked,
        bypass: alert.bypass,
        locations: locations.map(describeLocation),
      },
    },
    { github, abortSignal: job.abortSignal, log },
  );
  deps.metrics.rotations.inc({}, response.rotated);
  if (response.failures > 0) deps.metrics.failures.inc({ stage: "rotation" }, response.failures);
  if (response.awaitingProof) {
    log.info("alert left open: the leaked value is not yet proven dead; re-probing later", {
      outcome: response.outcome,
      issue: response.issueUrl,
    });
  }
  throwIfRetryable(response);
  if (!response.revoked) {
    log.info("alert left open", { outcome: response.outcome, why: whyOpen(response, deps.dryRun) });
    return response.outcome;
  }
  try {
    await resolveAlertAsRevoked(github, repo, number, resolutionComment(job.deliveryId, response), request);
  } catch (e) {
    deps.metrics.failures.inc({ stage: "resolve" });
    throw e; // retried: the responder converges (incident tags), then resolving is tried again
  }
  deps.metrics.alertsResolved.inc();
  log.info("alert resolved as revoked", { issue: response.issueUrl });
  return response.outcome;
}

/**
 * The alert as a finding. When a leakstop rule recognises the value on its own, its rule id is
 * used, so the fingerprint equals the one the Action computes for the same leak in the same
 * file, and both land on one issue.
 */
export function alertFinding(
  alert: SecretScanningAlert,
  location: AlertLocation | undefined,
  engine: Engine,
  commit: CommitInfo | undefined,
): Finding {
  const path = location?.path ?? `(${location?.type ?? "secret scanning alert"} #${alert.number})`;
  const own = engine.scan({ path, text: alert.secret, startLine: 1 }).find((f) => f.secret === alert.secret);
  const ruleId = own?.ruleId ?? `github-secret-scanning/${alert.secretType}`;
  const title = own?.title ?? alert.secretTypeDisplayName;
  const line = location?.startLine ?? 1;
  const column = location?.startColumn ?? 1;
  return {
    ruleId,
    title,
    path,
    line,
    column,
    endLine: location?.endLine ?? line,
    endColumn: location?.endColumn ?? column + alert.secret.length,
    ...(commit ? { commit } : {}),
    fingerprint: fingerprint(ruleId, path, alert.secret),
    redacted: `${alert.secretType}: ${MASK}`,
    secret: alert.secret,
  };
}

function firstCodeLocation(locations: readonly AlertLocation[]): AlertLocation | undefined {
  return locations.find((l) => l.type === "commit" && l.path) ?? locations[0];
}

function describeLocation(l: AlertLocation): string {
  if (l.path) {
    const lines = l.startLine ? ` line ${l.startLine}` : "";
    const at = l.commitSha ? ` (commit ${l.commitSha.slice(0, 12)})` : "";
    return `${codeSpan(l.path)}${lines}${at}`;
  }
  const type = escapeMarkdown(l.type.replace(/_/g, " "));
  return l.htmlUrl ? `${type}: <${l.htmlUrl.replace(/[<>\s]/g, encodeURIComponent)}>` : type;
}

function resolutionComment(deliveryId: string, response: LeakResponse): string {
  const issue = response.issueUrl ? ` Incident: ${response.issueUrl}` : "";
  return `Rotated by leakstop (delivery ${deliveryId}): the leaked value was replaced and disabled in Key Vault.${issue}`;
}

function whyOpen(response: LeakResponse, dryRun: boolean): string {
  if (dryRun) return "dry run";
  switch (response.outcome) {
    case "failed":
      return "the rotation failed";
    case "no-match":
      return "no vault secret holds the leaked value; rotate it by hand";
    default:
      return "the credential must still be changed at its provider (see the issue)";
  }
}

function alertTarget(payload: unknown): {
  repo: { owner: string; repo: string };
  number: number;
  installationId: number | undefined;
} {
  const p = payload as {
    alert?: { number?: unknown };
    repository?: { name?: unknown; owner?: { login?: unknown } };
    installation?: { id?: unknown };
  } | null;
  const owner = p?.repository?.owner?.login;
  const name = p?.repository?.name;
  const number = p?.alert?.number;
  if (typeof owner !== "string" || typeof name !== "string" || typeof number !== "number") {
    throw new PermanentError(
      "The secret_scanning_alert payload has no repository.owner.login, repository.name or alert.number.",
    );
  }
  const id = p?.installation?.id;
  return { repo: { owner, repo: name }, number, installationId: typeof id === "number" ? id : undefined };
}
