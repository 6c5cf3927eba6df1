/**
 * Where the fragments come from: the clone in the workspace (fetching the commits the plan needs
 * into actions/checkout's shallow clone), or, with no clone at all, the GitHub API (imported
 * lazily: a run with a clone never loads Octokit).
 */
import { type Clone, findClone, GitRemote, isAncestor, prepareHistory } from "../../adapters/git/fetch.js";
import { gitRangeFragments } from "../../adapters/git/range.js";
import type { HistoryPlan, PushPlan, RangePlan } from "../../core/events/plan.js";
import { needsRemoteRefs, type PushBaseline, pushBaseline, pushExclusions } from "../../core/events/push.js";
import type { Finding, Fragment } from "../../core/types.js";
import type { ActionSettings } from "./settings.js";

/** Where the source writes: `info` for the one line a run shows, `debug` for the steps. */
export interface SourceLog {
  readonly info: (line: string) => void;
  readonly debug: (line: string) => void;
}

/** A plan that scans something. */
export type ScanningPlan = PushPlan | RangePlan | HistoryPlan;

/** Fragments to scan and what they cover. */
export interface ScanSource {
  /** What is scanned, for the log and the summary. */
  readonly scope: string;
  /** How many commits. */
  readonly commits: number;
  readonly fragments: AsyncIterable<Fragment>;
  /** Things that could not be scanned; filled while `fragments` is read. */
  readonly notices: string[];
  /** Last adjustments to the findings (the API source drops merge repeats). */
  readonly finish: (findings: Finding[]) => Finding[];
}

/** Open the source for `plan`: the workspace clone if there is one, else the GitHub API. */
export async function openSource(settings: ActionSettings, plan: ScanningPlan, log: SourceLog): Promise<ScanSource> {
  const clone = await findClone(settings.workspace);
  if (clone !== undefined) return gitSource(settings, clone, plan, log);
  log.info(`No git clone in ${settings.workspace}: reading the commits through the GitHub API.`);
  const { apiSource } = await import("./api-source.js");
  return apiSource(settings, plan, log);
}

async function gitSource(
  settings: ActionSettings,
  clone: Clone,
  plan: ScanningPlan,
  log: SourceLog,
): Promise<ScanSource> {
  const cwd = settings.workspace;
  const { owner, repo } = settings.repository;
  const remote = new GitRemote({
    cwd,
    fallbackUrl: `${settings.serverUrl.replace(/\/+$/, "")}/${owner}/${repo}.git`,
    shallowFile: clone.shallowFile,
    auth: settings.githubToken ? { token: settings.githubToken, serverUrl: settings.serverUrl } : undefined,
    log: log.debug,
  });
  const notices: string[] = [];
  let head: string;
  let exclude: readonly string[];
  let commits: number;
  let scope = plan.label;
  if (plan.kind === "push") {
    const resolved = await resolvePush(remote, plan, notices, log);
    ({ head, exclude, commits } = resolved);
    scope = `${plan.label}, ${describe(resolved.baseline)}`;
  } else {
    const request =
      plan.kind === "range" ? { head: plan.head, exclude: [plan.base] } : { head: plan.head ?? "HEAD", exclude: [] };
    const prepared = await prepareHistory(remote, request);
    if (prepared.unavailable.length > 0 && plan.kind === "range") {
      throw new Error(
        `The base commit ${plan.base.slice(0, 12)} of ${plan.label} could not be fetched from the remote; re-run the job, or check out with 'fetch-depth: 0'.`,
      );
    }
    ({ head, exclude, commits } = prepared);
  }
  log.info(`Scanning ${commits} commit(s): ${scope}.`);
  return {
    scope,
    commits,
    fragments: gitRangeFragments({ cwd, include: [head], exclude }),
    notices,
    finish: (findings) => findings,
  };
}

/** A push: choose the baseline, fetch, and switch to a wider baseline when git shows it is needed. */
async function resolvePush(remote: GitRemote, plan: PushPlan, notices: string[], log: SourceLog) {
  let forced = plan.forced;
  let baseline = pushBaseline(plan, { beforeAvailable: true, forced });
  let refs = needsRemoteRefs(baseline) ? await remote.listRefs() : undefined;
  let prepared = await prepareHistory(remote, {
    head: plan.after,
    exclude: pushExclusions(plan, baseline, plan.after, refs ?? []),
  });
  const before = baseline.before;
  let again = false;
  if (before !== undefined && prepared.unavailable.includes(before)) {
    notices.push(
      `the previous commit ${before.slice(0, 7)} of ${plan.ref} is gone from the remote; scanned the commits that no other branch has`,
    );
    baseline = pushBaseline(plan, { beforeAvailable: false, forced });
    again = true;
  } else if (before !== undefined && !forced && !(await isAncestor(before, prepared.head, remote.options))) {
    // GitHub did not flag it, but history was rewritten: measure against the default branch too.
    forced = true;
    baseline = pushBaseline(plan, { beforeAvailable: true, forced });
    again = true;
  }
  if (again) {
    if (needsRemoteRefs(baseline) && refs === undefined) refs = await remote.listRefs();
    const exclude = pushExclusions(plan, baseline, prepared.head, refs ?? []);
    prepared = await prepareHistory(remote, { head: plan.after, exclude });
  }
  log.debug(`${plan.ref}: ${baseline.reason}: ${describe(baseline)}`);
  return { ...prepared, baseline };
}

function describe(baseline: PushBaseline): string {
  switch (baseline.reason) {
    case "fast-forward":
      return "the pushed commits";
    case "force push":
      return baseline.defaultBranch
        ? "force push: commits not in the previous head nor the default branch"
        : "force push: commits not in the previous head";
    case "new tag":
      return "commits no branch or other tag has";
    default:
      return "commits no other branch has";
  }
}
