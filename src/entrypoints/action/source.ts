/**
 * Where the fragments come from: the clone in the workspace (fetching the commits the plan needs
 * into actions/checkout's shallow clone), or, with no clone at all, the GitHub API (imported
 * lazily: a run with a clone never loads Octokit).
 */
import { type Clone, GitRemote, isAncestor, prepareHistory } from "../../adapters/git/fetch.js";
import { runGit } from "../../adapters/git/process.js";
import { gitRangeFragments } from "../../adapters/git/range.js";
import { chooseByLedger, describeLedger, LEDGER_REACH } from "../../core/events/ledger.js";
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
  /**
   * Where the configuration comes from (git sources): the base commit (a pull request's base, the
   * push's `before`, else the default branch; undefined when there is none, e.g. a new default
   * branch) and the scanned head, both in the clone at `cwd`. Absent: the workspace's files.
   */
  readonly configAt?: { readonly cwd: string; readonly base: string | undefined; readonly head: string };
  /** Last adjustments to the findings (the API source drops merge repeats). */
  readonly finish: (findings: Finding[]) => Finding[];
  /** With the scan ledger on: the commit to record as scanned once the scan completes. */
  readonly ledgerHead?: string;
}

/** Open the source for `plan`: the workspace `clone` (see `findClone`) if there is one, else the GitHub API. */
export async function openSource(
  settings: ActionSettings,
  plan: ScanningPlan,
  log: SourceLog,
  clone: Clone | undefined,
): Promise<ScanSource> {
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
  let base: string | undefined;
  let ledgerHead: string | undefined;
  if (plan.kind === "push") {
    const resolved = await resolvePush(remote, plan, notices, log);
    ({ head, exclude, commits } = resolved);
    scope = `${plan.label}, ${describe(resolved.baseline)}`;
    base = resolved.configBase;
    if (settings.scanLedger) {
      const byLedger = await applyLedger(settings, remote, { head, exclude, commits }, log);
      ({ head, exclude, commits } = byLedger.prepared);
      scope = `${scope} (${describeLedger(byLedger.choice)})`;
      ledgerHead = head;
    }
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
    base = plan.kind === "range" ? exclude[0] : head;
  }
  log.info(`Scanning ${commits} commit(s): ${scope}.`);
  return {
    scope,
    commits,
    fragments: gitRangeFragments({ cwd, include: [head], exclude, onNotice: (text) => notices.push(text) }),
    notices,
    configAt: { cwd, base, head },
    finish: (findings) => findings,
    ...(ledgerHead ? { ledgerHead } : {}),
  };
}

/**
 * Check each baseline against the scan ledger (check runs): one without a record was never
 * scanned, so its nearest recorded first-parent ancestor takes its place and the commits in
 * between are scanned now (core/events/ledger.ts).
 */
async function applyLedger(
  settings: ActionSettings,
  remote: GitRemote,
  request: { readonly head: string; readonly exclude: readonly string[]; readonly commits: number },
  log: SourceLog,
) {
  const { createCheckRunLedger } = await import("../../adapters/github/ledger.js");
  const ledger = createCheckRunLedger({
    apiUrl: settings.apiUrl,
    repository: `${settings.repository.owner}/${settings.repository.repo}`,
    token: settings.githubToken,
  });
  // The baselines' own first-parent history, which a shallow clone may not have yet.
  if (request.exclude.length > 0) await remote.fetch(request.exclude, { depth: LEDGER_REACH + 1 });
  const candidates = await Promise.all(
    request.exclude.map(async (sha) => {
      const listed = await runGit(
        ["rev-list", "--first-parent", `--max-count=${LEDGER_REACH + 1}`, sha, "--"],
        remote.options,
      );
      const chain = listed.exitCode === 0 ? listed.stdout.split("\n").filter(Boolean) : [sha];
      return { sha, ancestors: chain.slice(1) };
    }),
  );
  const recorded = await ledger.recorded([request.head, ...candidates.flatMap((c) => [c.sha, ...c.ancestors])]);
  const choice = chooseByLedger(candidates, recorded);
  log.debug(`scan ledger: ${describeLedger(choice)}; ${recorded.size} recorded commit(s) near the baselines`);
  const same =
    choice.exclude.length === request.exclude.length && choice.exclude.every((s) => request.exclude.includes(s));
  const prepared = same ? request : await prepareHistory(remote, { head: request.head, exclude: choice.exclude });
  return { choice, prepared };
}

/** A push: choose the baseline, fetch, and switch baselines when git shows it is needed. */
async function resolvePush(remote: GitRemote, plan: PushPlan, notices: string[], log: SourceLog) {
  let baseline = pushBaseline(plan, { beforeAvailable: true, forced: plan.forced });
  const refs = needsRemoteRefs(baseline) ? await remote.listRefs() : [];
  let exclude = pushExclusions(plan, baseline, refs);
  let prepared = await prepareHistory(remote, { head: plan.after, exclude });
  const before = baseline.before;
  if (before !== undefined && prepared.unavailable.includes(before)) {
    baseline = pushBaseline(plan, { beforeAvailable: false, forced: plan.forced });
    const scanned = baseline.defaultBranch ? "the commits the default branch does not have" : "its whole history";
    notices.push(
      `the previous commit ${before.slice(0, 7)} of ${plan.ref} is gone from the remote; scanned ${scanned}`,
    );
    exclude = pushExclusions(plan, baseline, refs);
    prepared = await prepareHistory(remote, { head: plan.after, exclude });
  } else if (before !== undefined && !plan.forced && !(await isAncestor(before, prepared.head, remote.options))) {
    // GitHub did not flag it, but history was rewritten (the same baselines; the log says so).
    baseline = pushBaseline(plan, { beforeAvailable: true, forced: true });
  }
  log.debug(`${plan.ref}: ${baseline.reason}: ${describe(baseline)}`);
  // The configuration comes from `before`, else the default branch (both fetched as baselines).
  const defaultTip = refs.find((r) => r.name === `refs/heads/${plan.defaultBranch}`)?.sha;
  const peeledBefore = baseline.before === undefined ? undefined : prepared.exclude[0];
  const configBase =
    peeledBefore ?? (defaultTip !== undefined && prepared.unavailable.includes(defaultTip) ? undefined : defaultTip);
  return { ...prepared, baseline, configBase };
}

function describe(baseline: PushBaseline): string {
  const onDefault = baseline.defaultBranch ? " nor the default branch" : "";
  switch (baseline.reason) {
    case "fast-forward":
      return baseline.defaultBranch ? "the pushed commits the default branch does not have" : "the pushed commits";
    case "force push":
      return `force push: commits not in the previous head${onDefault}`;
    default:
      return baseline.defaultBranch ? "commits the default branch does not have" : "the whole history";
  }
}
