/**
 * What the Action's SARIF file says. Code scanning treats a result missing from the latest
 * analysis of a category as fixed, so a SARIF of only the pushed commits would close every open
 * alert on the next clean push while the secret is still in the branch. The SARIF therefore
 * describes the whole tree of the checked-out commit (the one upload-sarif uploads for), read from
 * git, with the same rules and suppressions; the pushed commits still decide the verdict, the
 * issue and the response. An alert closes when its secret is gone from the branch or suppressed.
 */
import { findClone } from "../../adapters/git/fetch.js";
import { resolveCommit, treeFragments } from "../../adapters/git/tree.js";
import { type Engine, scanAll } from "../../core/scan/engine.js";
import type { Finding } from "../../core/types.js";

/**
 * Code scanning categories (`runs[0].automationDetails.id`): the tree report's, and another for
 * a report of only the scanned commits, so that one never closes the tree report's alerts.
 */
export const AUTOMATION_IDS = { tree: "leakstop/", commits: "leakstop/commits/" } as const;

/** Findings and notices for the SARIF file, and one line for the log. */
export interface CodeScanningReport {
  readonly findings: readonly Finding[];
  readonly notices: readonly string[];
  readonly automationId: string;
  readonly line: string;
}

/** Options for {@link codeScanningReport}. */
export interface CodeScanningOptions {
  readonly workspace: string;
  readonly engine: Engine;
  readonly maxFileSizeInMB: number;
  /**
   * Fingerprints the head tree's ignore file suppresses. The scan runs with the base commit's
   * configuration (a push cannot suppress what it adds), but the report is of the head tree: a
   * secret already in the branch that the push suppresses leaves it (its alert closes); one the
   * pushed commits add stays, matching the verdict.
   */
  readonly headIgnoredFingerprints?: ReadonlySet<string>;
}

/**
 * Scan the tree of the workspace's HEAD for the SARIF file. `scanned` (the pushed commits'
 * findings) is what the SARIF falls back to when there is no clone to read a tree from.
 */
export async function codeScanningReport(
  options: CodeScanningOptions,
  scanned: readonly Finding[],
): Promise<CodeScanningReport> {
  const clone = await findClone(options.workspace);
  const commit = clone ? await resolveCommit(options.workspace, "HEAD") : undefined;
  if (commit === undefined) {
    const notice =
      "No checked-out commit in the workspace: this SARIF file holds only the findings of the scanned commits (category leakstop/commits), and code scanning closes those alerts on the next clean push even while the secret is still in the branch. Check out the repository (actions/checkout) before this step for a report of the whole tree.";
    return { findings: scanned, notices: [notice], automationId: AUTOMATION_IDS.commits, line: `leakstop: ${notice}` };
  }
  const notices: string[] = [];
  let findings = await scanAll(
    options.engine,
    treeFragments({
      cwd: options.workspace,
      revision: commit,
      maxFileSizeInBytes: options.maxFileSizeInMB * 1024 * 1024,
      isPathIgnored: options.engine.isPathIgnored,
      onNotice: (n) => notices.push(n),
    }),
  );
  const pushed = new Set(scanned.map((f) => f.fingerprint));
  const headIgnored = options.headIgnoredFingerprints;
  if (headIgnored !== undefined && headIgnored.size > 0) {
    const before = findings.length;
    findings = findings.filter((f) => pushed.has(f.fingerprint) || !headIgnored.has(f.fingerprint));
    const kept = scanned.filter((f) => headIgnored.has(f.fingerprint)).length;
    if (findings.length < before)
      notices.push(
        `${before - findings.length} finding(s) in the tree are suppressed by the pushed ignore file: their code scanning alerts close.`,
      );
    if (kept > 0)
      notices.push(
        `${kept} finding(s) the pushed commits add are suppressed only by the pushed ignore file: a push cannot suppress what it adds, so they stay reported until the next push, which scans with that ignore file.`,
      );
  }
  const inTree = new Set(findings.map((f) => f.fingerprint));
  const historyOnly = new Set(scanned.filter((f) => !inTree.has(f.fingerprint)).map((f) => f.fingerprint)).size;
  if (historyOnly > 0) {
    notices.push(
      `${historyOnly} secret(s) of the scanned commits are no longer in the tree of ${commit.slice(0, 7)} (removed by a later commit, still in the history): they are in the job's report and issue, not in code scanning.`,
    );
  }
  return {
    findings,
    notices,
    automationId: AUTOMATION_IDS.tree,
    line: `leakstop: code scanning report (SARIF): ${findings.length} finding(s) in the tree of ${commit.slice(0, 7)}.`,
  };
}
