/**
 * The GitHub API source, for a job without actions/checkout. Loaded lazily by source.ts, so
 * Octokit is only imported when there is no clone.
 */
import { createGitHubClient } from "../../adapters/github/client.js";
import { commitFragments, dropMergeRepeats, listCommits } from "../../adapters/github/commits.js";
import type { ApiTarget } from "../../core/events/push.js";
import { pushApiTarget } from "../../core/events/push.js";
import { INPUTS } from "./constants.js";
import type { ActionSettings } from "./settings.js";
import type { ScanningPlan, ScanSource, SourceLog } from "./source.js";

/** List the plan's commits through the API and read each one's diff. */
export async function apiSource(settings: ActionSettings, plan: ScanningPlan, log: SourceLog): Promise<ScanSource> {
  const target = apiTarget(plan);
  if (settings.githubToken === "") {
    throw new TypeError(
      `Input '${INPUTS.githubToken}' is empty and there is no clone in the workspace: run actions/checkout first, or pass a token that can read the repository (permissions: contents: read).`,
    );
  }
  const client = createGitHubClient({ token: settings.githubToken, baseUrl: settings.apiUrl, log: log.info });
  const commits = await listCommits(client, settings.repository, target);
  const notices: string[] = [];
  log.info(`Scanning ${commits.length} commit(s) through the API: ${plan.label}.`);
  return {
    scope: plan.label,
    commits: commits.length,
    fragments: commitFragments(client, settings.repository, commits, { onNotice: (n) => notices.push(n) }),
    notices,
    finish: (findings) => dropMergeRepeats(findings, commits),
  };
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
