/**
 * What a push's new commits are measured against. Pure decisions over facts an adapter gathered
 * (is `before` still available, which refs the remote has), so every case is testable as data.
 *
 * | push | scanned: commits of `after` that are not in … |
 * |---|---|
 * | fast-forward | `before` |
 * | force push (history rewritten), not to the default branch | `before` (when still available) and the default branch |
 * | force push to the default branch | `before` (when available; else as a new ref) |
 * | new branch (`before` all zeros) | every other branch of the remote (none: the whole history, a new repository) |
 * | new tag | every branch and every other tag |
 *
 * Refs whose tip is the pushed commit itself need a tie-break: two refs pushed at once with the
 * same new commits would otherwise each leave them to the other. Of the refs at the same commit,
 * the first in a fixed order (the default branch, then other branches by name, then tags by name)
 * scans; the others use it as a baseline. So a branch created at the default branch's tip has
 * nothing new, and of two new branches pushed together the first by name scans their commits.
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
  /** Leave out every other branch (and for tags, every other tag). */
  readonly otherRefs: boolean;
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
  const none = { before: undefined, defaultBranch: false, otherRefs: true };
  if (plan.before === undefined) return { ...none, reason: tag ? "new tag" : "new branch" };
  if (!facts.beforeAvailable) return { ...none, reason: "previous commit unavailable" };
  if (!facts.forced) return { before: plan.before, defaultBranch: false, otherRefs: false, reason: "fast-forward" };
  const onDefault = isDefaultBranch(plan) || plan.defaultBranch === undefined || tag;
  return { before: plan.before, defaultBranch: !onDefault, otherRefs: false, reason: "force push" };
}

/** True when the baseline needs the remote's list of refs. */
export function needsRemoteRefs(baseline: PushBaseline): boolean {
  return baseline.defaultBranch || baseline.otherRefs;
}

/**
 * The commits whose history is left out of `head` (the pushed commit, peeled), without
 * duplicates. `head` itself is among them when a baseline already has it: nothing is new.
 */
export function pushExclusions(
  plan: PushPlan,
  baseline: PushBaseline,
  head: string,
  refs: readonly RemoteRef[],
): string[] {
  const out = new Set<string>();
  if (baseline.before !== undefined) out.add(baseline.before);
  if (baseline.defaultBranch && plan.defaultBranch !== undefined) {
    const tip = refs.find((r) => r.name === `${HEADS}${plan.defaultBranch}`);
    if (tip) out.add(tip.sha);
  }
  if (baseline.otherRefs) {
    const tag = plan.ref.startsWith(TAGS);
    const self = rank(plan.ref, plan.defaultBranch);
    for (const r of refs) {
      if (r.name === plan.ref) continue;
      if (!(r.name.startsWith(HEADS) || (tag && r.name.startsWith(TAGS)))) continue;
      if (r.sha !== head || compareRanks(rank(r.name, plan.defaultBranch), self) < 0) out.add(r.sha);
    }
  }
  return [...out];
}

/** Order of refs at the same commit: default branch, other branches, tags; then by name. */
function rank(name: string, defaultBranch: string | undefined): [number, string] {
  if (defaultBranch !== undefined && name === `${HEADS}${defaultBranch}`) return [0, name];
  return [name.startsWith(HEADS) ? 1 : 2, name];
}

function compareRanks(a: [number, string], b: [number, string]): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
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
