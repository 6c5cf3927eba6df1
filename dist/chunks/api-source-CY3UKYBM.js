import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  commitFragments,
  dropMergeRepeats,
  firstParentChain,
  listCommits
} from "./chunk-YC4XBZJM.js";
import {
  createGitHubClient
} from "./chunk-DIUZZWZT.js";
import {
  INPUTS
} from "./chunk-6RRFK7CR.js";
import {
  pushApiTarget
} from "./chunk-NQH4J4PV.js";
import {
  LEDGER_REACH,
  chooseByLedger,
  describeLedger
} from "./chunk-MJN4A4NY.js";
import "./chunk-NBJZRDWZ.js";
import "./chunk-V43CEDMD.js";

// src/entrypoints/action/api-source.ts
async function apiSource(settings, plan, log) {
  let target = apiTarget(plan);
  if (settings.githubToken === "") {
    throw new TypeError(
      `Input '${INPUTS.githubToken}' is empty and there is no clone in the workspace: run actions/checkout first, or pass a token that can read the repository (permissions: contents: read).`
    );
  }
  const client = createGitHubClient({ token: settings.githubToken, baseUrl: settings.apiUrl, log: log.info });
  let scope = plan.label;
  let ledgerHead;
  if (settings.scanLedger && plan.kind === "push") {
    ledgerHead = plan.after;
    if (target.kind === "compare") {
      const byLedger = await applyLedger(settings, client, settings.repository, target.base, log);
      target = { ...target, base: byLedger.base };
      scope = `${scope} (${byLedger.rule})`;
    }
  }
  const commits = await listCommits(client, settings.repository, target);
  const notices = [];
  log.info(`Scanning ${commits.length} commit(s) through the API: ${scope}.`);
  return {
    ...ledgerHead ? { ledgerHead } : {},
    scope,
    commits: commits.length,
    fragments: commitFragments(client, settings.repository, commits, { onNotice: (n) => notices.push(n) }),
    notices,
    finish: (findings) => dropMergeRepeats(findings, commits)
  };
}
async function applyLedger(settings, client, repository, base, log) {
  const chain = await firstParentChain(client, repository, base, LEDGER_REACH);
  const [sha, ...ancestors] = chain;
  if (sha === void 0) return { base, rule: describeLedger(chooseByLedger([], /* @__PURE__ */ new Set())) };
  const { createCheckRunLedger } = await import("./ledger-YJIUEZF4.js");
  const ledger = createCheckRunLedger({
    apiUrl: settings.apiUrl,
    repository: `${repository.owner}/${repository.repo}`,
    token: settings.githubToken
  });
  const recorded = await ledger.recorded(chain);
  const choice = chooseByLedger([{ sha, ancestors }], recorded);
  const rule = describeLedger(choice);
  log.debug(`scan ledger: ${rule}; ${recorded.size} recorded commit(s) near ${sha.slice(0, 12)}`);
  const chosen = choice.exclude[0] ?? sha;
  return { base: chosen === sha ? base : chosen, rule };
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
