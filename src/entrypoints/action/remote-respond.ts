/**
 * The responder in the action when `responder-url` is set (DESIGN.md, "The trusted
 * responder"): the job holds no remediation rights, so it sends each finding's location
 * (repository, commit, path, line, rule id, fingerprint; never a value) to the service with
 * its GitHub OIDC token, waits a bounded time for the outcome, and reports it as an in-job
 * response would (summary, outputs, closing line). A service that is unreachable, refuses, or
 * is still working when the wait ends makes the response a failure: the job fails and says
 * that remediation is pending or failed. run.ts imports this module lazily, with findings only.
 */
import { createResponderClient, type ResponderAnswer } from "../../adapters/responder/client.js";
import {
  type FindingLocation,
  type FindingsStatus,
  MAX_FINDINGS_PER_REQUEST,
} from "../../core/responder/findings-api.js";
import type { Finding } from "../../core/types.js";
import { createInspector } from "../../remediation/inspect.js";
import { INPUTS } from "./constants.js";
import type { IssueRef, Responder, ResponderInput, RespondResult } from "./respond.js";

/**
 * The job's OIDC token for `audience` from the runner's token service, as `core.getIDToken`
 * gets it (GET ACTIONS_ID_TOKEN_REQUEST_URL&audience=…, bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN).
 * Done here rather than with `core.getIDToken`, which would pull @actions/http-client into the
 * clean path's bundle. The token is masked before anything could print it.
 */
async function idToken(input: ResponderInput, audience: string): Promise<string> {
  const oidc = input.settings.azureEnvironment.oidc;
  if (!oidc) throw new Error("ACTIONS_ID_TOKEN_REQUEST_URL is not set");
  const url = `${oidc.requestUrl}&audience=${encodeURIComponent(audience)}`;
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${oidc.requestToken}`, accept: "application/json" },
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as { value?: unknown };
  if (!response.ok || typeof body.value !== "string") {
    throw new Error(`the runner's OIDC token service answered ${response.status}`);
  }
  input.io.setSecret(body.value);
  return body.value;
}

/** Open the responder that delegates to the service at `settings.responderUrl`. */
export function openRemoteResponder(input: ResponderInput): Responder {
  const { settings } = input;
  const url = settings.responderUrl as string;
  const inspector = createInspector({ engine: input.engine });
  const repository = `${settings.repository.owner}/${settings.repository.repo}`;
  return {
    inspect: (text, where) => inspector.inspect(text, where),

    async respond(findings) {
      const located = findings.filter((f) => f.commit !== undefined);
      const unsent = findings.length - located.length;
      if (located.length === 0) {
        return failed(
          `the responder at ${url} needs each finding's commit, and this scan found ${findings.length} outside any commit; nothing was sent`,
        );
      }
      if (!settings.azureEnvironment.oidc) {
        return failed(
          `'${INPUTS.responderUrl}' is set but the job cannot get an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set): add 'permissions: id-token: write' to the job; remediation did not start`,
        );
      }
      const client = createResponderClient({ url, token: () => idToken(input, url) });
      const deadline = Date.now() + settings.responderWaitInMs;
      const answers: ResponderAnswer[] = [];
      for (let i = 0; i < located.length; i += MAX_FINDINGS_PER_REQUEST) {
        const batch = located.slice(i, i + MAX_FINDINGS_PER_REQUEST);
        const request = { repository, findings: batch.map(locationOf) };
        answers.push(await client.report(request, Math.max(0, deadline - Date.now())));
      }
      const result = resultOf(answers, located, url);
      const note = unsent > 0 ? `${unsent} finding(s) outside any commit were not sent` : undefined;
      return {
        ...result,
        done: inspector.inspect(result.done, "log.txt"),
        plan: inspector.inspect(result.plan, "summary.md"),
        ...(result.failure || note
          ? { failure: inspector.inspect([result.failure, note].filter(Boolean).join("; "), "log.txt") }
          : {}),
      };
    },

    async rotateOnDemand() {
      return {
        rotated: [],
        done: "nothing rotated",
        plan: "",
        audit: [],
        auditFile: undefined,
        failure: `on-demand rotation ('${INPUTS.secrets}') runs where the vault rights are; with '${INPUTS.responderUrl}' use 'leakstop rotate' on the service's side`,
      };
    },
  };
}

/** A finding's location: what the service needs to read it again, no value. */
export function locationOf(f: Finding): FindingLocation {
  return {
    commit: f.commit?.sha ?? "",
    path: f.path,
    line: f.line,
    ruleId: f.ruleId,
    fingerprint: f.fingerprint,
  };
}

function failed(failure: string): RespondResult {
  return { ...EMPTY, failure };
}

const EMPTY: RespondResult = {
  rotated: [],
  issues: [],
  outcomes: new Map(),
  done: "",
  plan: "",
  audit: [],
  auditFile: undefined,
  vaultDone: false,
};

/**
 * The service's answers as an in-job response: versions, the issue, one outcome per finding,
 * the service's lines as the summary's response section, and a failure unless every call ended
 * done without a failed step.
 */
export function resultOf(answers: readonly ResponderAnswer[], sent: readonly Finding[], url: string): RespondResult {
  const statuses = answers.flatMap((a) => (a.kind === "done" ? [a.status] : []));
  const unconfirmed = new Set(statuses.flatMap((s) => (s.unconfirmed ?? []).map((u) => u.fingerprint)));
  const problems: string[] = [];
  for (const a of answers) {
    if (a.kind === "pending") {
      problems.push(
        `remediation is pending at the responder (call ${a.id} was not finished within the wait; see ${url}/api/v1/findings/${a.id})`,
      );
    } else if (a.kind === "error") problems.push(`remediation failed: ${a.message}`);
    else if (a.status.state === "failed")
      problems.push(`remediation failed at the responder: ${a.status.error ?? "no reason given"}`);
  }
  const outcome = (s: FindingsStatus) => s.outcome ?? s.state;
  const outcomes = new Map<string, string>();
  const byOutcome = statuses.map(outcome);
  for (const f of sent) {
    if (unconfirmed.has(f.fingerprint)) outcomes.set(f.fingerprint, "not confirmed by the responder; not acted on");
    else if (statuses.length > 0) outcomes.set(f.fingerprint, `responder: ${byOutcome.join(", ")}`);
  }
  const issues: IssueRef[] = [];
  for (const s of statuses) {
    const number = Number(/\/issues\/(\d+)/.exec(s.issueUrl ?? "")?.[1]);
    if (s.issueUrl && Number.isInteger(number) && !issues.some((i) => i.url === s.issueUrl))
      issues.push({ number, url: s.issueUrl });
  }
  const rotated = statuses.flatMap((s) => s.rotated ?? []);
  const lines = [`Responder: ${url}`, ...statuses.flatMap((s) => [`Call ${s.id}:`, ...(s.lines ?? [])]), ...problems];
  const done =
    statuses.length === 0
      ? "nothing done by the responder"
      : `the responder ${rotated.length > 0 ? `rotated ${rotated.length} secret version(s)` : `answered ${[...new Set(byOutcome)].join(", ")}`}${issues[0] ? ` and reported issue #${issues[0].number}` : ""}`;
  const vaultDone =
    problems.length === 0 &&
    statuses.length > 0 &&
    unconfirmed.size === 0 &&
    statuses.every((s) => s.outcome === "rotated" || s.outcome === "already-rotated");
  return {
    rotated,
    issues,
    outcomes,
    done,
    plan: lines.join("\n"),
    audit: [],
    auditFile: undefined,
    vaultDone,
    ...(problems.length > 0 ? { failure: problems.join("; ") } : {}),
  };
}
