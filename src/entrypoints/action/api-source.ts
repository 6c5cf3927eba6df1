/**
 * The GitHub API source, for a job without actions/checkout. Loaded lazily by source.ts, so
 * Octokit is only imported when there is no clone.
 */

import type { GitHubClient } from "../../adapters/github/client.js";
import { createGitHubClient } from "../../adapters/github/client.js";
import {
  commitFragments,
  dropMergeRepeats,
  firstParentChain,
  listCommits,
  type RepoId,
} from "../../adapters/github/commits.js";
import { chooseByLedger, describeLedger, LEDGER_REACH } from "../../core/events/ledger.js";
import type { ApiTarget } from "../../core/events/push.js";
import { pushApiTarget } from "../../core/events/push.js";
import { INPUTS } from "./constants.js";
import type { ActionSettings } from "./settings.js";
import type { ScanningPlan, ScanSource, SourceLog } from "./source.js";

/** List the plan's commits through the API and read each one's diff. */
export async function apiSource(settings: ActionSettings, plan: ScanningPlan, log: SourceLog): Promise<ScanSource> {
  let target = apiTarget(plan);
  if (settings.githubToken === "") {
    throw new TypeError(
      `Input '${INPUTS.githubToken}' is empty and there is no clone in the workspace: run actions/checkout first, or pass a token that can read the repository (permissions: contents: read).`,
    );
  }
  const client = createGitHubClient({ token: settings.githubToken, baseUrl: settings.apiUrl, log: log.info });
  let scope = plan.label;
  let ledgerHead: string | undefined;
  if (settings.scanLedger && plan.kind === "push") {
    ledgerHead = plan.after;
    if (target.kind === "compare") {
      const byLedger = await applyLedger(settings, client, settings.repository, target.base, log);
      target = { ...target, base: byLedger.base };
      scope = `${scope} (${byLedger.rule})`;
    }
  }
  const commits = await listCommits(client, settings.repository, target);
  const notices: string[] = [];
  log.info(`Scanning ${commits.length} commit(s) through the API: ${scope}.`);
  return {
    ...(ledgerHead ? { ledgerHead } : {}),
    scope,
    commits: commits.length,
    fragments: commitFragments(client, settings.repository, commits, { onNotice: (n) => notices.push(n) }),
    notices,
    finish: (findings) => dropMergeRepeats(findings, commits),
  };
}

/**
 * The clone path's ledger rule (source.ts) through the API: the compare base without a record
 * was never scanned, so its nearest recorded first-parent ancestor (within LEDGER_REACH, one
 * page of the commits list) becomes the base and the commits in between are scanned now.
 */
async function applyLedger(
  settings: ActionSettings,
  client: GitHubClient,
  repository: RepoId,
  base: string,
  log: SourceLog,
): Promise<{ base: string; rule: string }> {
  const chain = await firstParentChain(client, repository, base, LEDGER_REACH);
  const [sha, ...ancestors] = chain;
  if (sha === undefined) return { base, rule: describeLedger(chooseByLedger([], new Set())) };
  const { createCheckRunLedger } = await import("../../adapters/github/ledger.js");
  const ledger = createCheckRunLedger({
    apiUrl: settings.apiUrl,
    repository: `${repository.owner}/${repository.repo}`,
    token: settings.githubToken,
  });
  const recorded = await ledger.recorded(chain);
  const choice = chooseByLedger([{ sha, ancestors }], recorded);
  const rule = describeLedger(choice);
  log.debug(`scan ledger: ${rule}; ${recorded.size} recorded commit(s) near ${sha.slice(0, 12)}`);
  // Unchanged: keep the base as the push named it (a branch name stays a name).
  const chosen = choice.exclude[0] ?? sha;
  return { base: chosen === sha ? base : chosen, rule };
}

function apiTarget(plan: ScanningPlan): ApiTarget {
  switch (plan.kind) {
    case "push":
      return pushApiTarget(plan);
    case "range":
      return plan.pullRequest
        ? {
            kind: "pull",
            number: plan.pullRequest.number,
            base: plan.base,
            head: plan.head,
            commits: plan.pullRequest.commits,
          }
        : { kind: "compare", base: plan.base, head: plan.head };
    case "history":
      throw new TypeError(
        "A full-history scan (schedule, workflow_dispatch) needs the repository: add actions/checkout with 'fetch-depth: 0' before leakstop.",
      );
  }
}
