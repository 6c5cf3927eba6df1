import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  commitFragments,
  dropMergeRepeats,
  listCommits
} from "./chunk-5N7UZUD3.js";
import {
  createGitHubClient
} from "./chunk-DIUZZWZT.js";
import {
  INPUTS
} from "./chunk-6RRFK7CR.js";
import {
  pushApiTarget
} from "./chunk-NQH4J4PV.js";
import "./chunk-NBJZRDWZ.js";
import "./chunk-V43CEDMD.js";

// src/entrypoints/action/api-source.ts
async function apiSource(settings, plan, log) {
  const target = apiTarget(plan);
  if (settings.githubToken === "") {
    throw new TypeError(
      `Input '${INPUTS.githubToken}' is empty and there is no clone in the workspace: run actions/checkout first, or pass a token that can read the repository (permissions: contents: read).`
    );
  }
  const client = createGitHubClient({ token: settings.githubToken, baseUrl: settings.apiUrl, log: log.info });
  const commits = await listCommits(client, settings.repository, target);
  const notices = [];
  log.info(`Scanning ${commits.length} commit(s) through the API: ${plan.label}.`);
  return {
    scope: plan.label,
    commits: commits.length,
    fragments: commitFragments(client, settings.repository, commits, { onNotice: (n) => notices.push(n) }),
    notices,
    finish: (findings) => dropMergeRepeats(findings, commits)
  };
}
function apiTarget(plan) {
  switch (plan.kind) {
    case "push":
      return pushApiTarget(plan);
    case "range":
      return plan.pullRequest ? {
        kind: "pull",
        number: plan.pullRequest.number,
        base: plan.base,
        head: plan.head,
        commits: plan.pullRequest.commits
      } : { kind: "compare", base: plan.base, head: plan.head };
    case "history":
      throw new TypeError(
        "A full-history scan (schedule, workflow_dispatch) needs the repository: add actions/checkout with 'fetch-depth: 0' before leakstop."
      );
  }
}
export {
  apiSource
};
