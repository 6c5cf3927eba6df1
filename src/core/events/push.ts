/**
 * What a push's new commits are measured against. Pure decisions over facts an adapter gathered
 * (is `before` still available, where the default branch is), so every case is testable as data.
 *
 * Only two baselines are trusted: the ref's own `before` (scanned by the run of the push that
 * put it there) and the default branch (every commit on it was scanned by the default branch's
 * own runs). "Not on any other branch" is not a baseline: refs pushed together (`git push origin
 * feat-a feat-b`, `--all`, `--mirror`, several tags) would each leave their shared commits to
 * the others, and no run would scan them. Refs pushed together may now scan the same commits
 * twice; one leak still makes one issue (issues are keyed by the leaked value, incident.ts).
 *
 * | push | scanned: commits of `after` that are not in … |
 * |---|---|
 * | fast-forward of the default branch | `before` |
 * | fast-forward of another branch (also after merging the default branch in) | `before` and the default branch |
 * | force push or rebase, not of the default branch | `before` (when still available) and the default branch |
 * | force push of the default branch | `before` (when available) |
 * | new branch or tag, not the default branch (alone, stacked, `--all`, `--mirror`) | the default branch |
 * | new default branch (first push, migration) | nothing: its whole history |
 * | `before` gone from the remote | the default branch (the default branch itself: its whole history) |
 * | deleted ref | nothing to scan (see `planScan`) |
 *
 * With the scan ledger on (`scan-ledger: check-runs`, ledger.ts), each baseline above is then
 * checked against the records of scanned commits:
 *
 * | baseline | left out instead |
 * |---|---|
 * | recorded (its push's job scanned it) | itself, as above |
 * | not recorded: its job was cancelled, skipped (`[skip ci]`, path filters) or failed | its nearest recorded first-parent ancestor (≤ 20 back): the missed commits are scanned now |
 * | nothing recorded within reach (adopted since), or no record at all | itself, as above; the scope line says so |
 */
import type { PushPlan } from "./plan.js";

/** A ref of the remote and the commit it points to (tags peeled). */
export interface RemoteRef {
  /** Full name: `refs/heads/main`, `refs/tags/v1`. */
  readonly name: string;
  readonly sha: string;
}

/** Which baselines to leave out of `after`'s history. */
export interface PushBaseline {
  /** Leave out `before`'s history. */
  readonly before: string | undefined;
  /** Leave out the default branch's history. */
  readonly defaultBranch: boolean;
  /** The case, for the log: "fast-forward", "force push", "new branch"… */
  readonly reason: string;
}

/** Facts about the push that only git (or the API) can tell. */
export interface PushFacts {
  /** `before` could be fetched (a force push may have left it unreachable, and then it may be gone). */
  readonly beforeAvailable: boolean;
  /** History was rewritten: GitHub's `forced`, or git found `before` is not an ancestor of `after`. */
  readonly forced: boolean;
}

const HEADS = "refs/heads/";
const TAGS = "refs/tags/";

/** True when `plan` pushes to the repository's default branch. */
export function isDefaultBranch(plan: PushPlan): boolean {
  return plan.defaultBranch !== undefined && plan.ref === `${HEADS}${plan.defaultBranch}`;
}

/** Decide the baseline of a push (see the table above). */
export function pushBaseline(plan: PushPlan, facts: PushFacts): PushBaseline {
  const tag = plan.ref.startsWith(TAGS);
  // Any ref but the default branch itself leaves the default branch's commits to its runs.
  const defaultBranch = plan.defaultBranch !== undefined && !isDefaultBranch(plan);
  if (plan.before === undefined) return { before: undefined, defaultBranch, reason: tag ? "new tag" : "new branch" };
  if (!facts.beforeAvailable) return { before: undefined, defaultBranch, reason: "previous commit unavailable" };
  return { before: plan.before, defaultBranch, reason: facts.forced ? "force push" : "fast-forward" };
}

/** True when the baseline needs the remote's list of refs. */
export function needsRemoteRefs(baseline: PushBaseline): boolean {
  return baseline.defaultBranch;
}

/**
 * The commits whose history is left out of the pushed commit, without duplicates. The pushed
 * commit itself is among them when the default branch already has it: nothing is new.
 */
export function pushExclusions(plan: PushPlan, baseline: PushBaseline, refs: readonly RemoteRef[]): string[] {
  const out = new Set<string>();
  if (baseline.before !== undefined) out.add(baseline.before);
  if (baseline.defaultBranch && plan.defaultBranch !== undefined) {
    const tip = refs.find((r) => r.name === `${HEADS}${plan.defaultBranch}`);
    if (tip) out.add(tip.sha);
  }
  return [...out];
}

/** What the GitHub API fallback lists when there is no clone (see `apiTarget`). */
export type ApiTarget =
  /** The compare endpoint: commits of `head` not in `base` (`base` may be a branch name). */
  | { readonly kind: "compare"; readonly base: string; readonly head: string }
  /** A pull request's commits (compare `base...head` when there are more than the endpoint lists). */
  | {
      readonly kind: "pull";
      readonly number: number;
      readonly base: string;
      readonly head: string;
      readonly commits: number | undefined;
    }
  /** Every commit of `head` (the first push to a new repository). */
  | { readonly kind: "history"; readonly head: string };

/**
 * The API has no "not on any other branch": a new ref or a force push is compared with the
 * default branch instead, which can only scan more than a clone would, never less.
 */
export function pushApiTarget(plan: PushPlan): ApiTarget {
  const onDefault = isDefaultBranch(plan);
  const viaDefault = plan.defaultBranch !== undefined && !onDefault;
  if (plan.before !== undefined && !(plan.forced && viaDefault)) {
    return { kind: "compare", base: plan.before, head: plan.after };
  }
  if (viaDefault && plan.defaultBranch !== undefined) {
    return { kind: "compare", base: plan.defaultBranch, head: plan.after };
  }
  return { kind: "history", head: plan.after };
}
