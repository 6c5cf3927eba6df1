import { describe, expect, it } from "vitest";
import type { PushPlan } from "../../../src/core/events/plan.js";
import {
  needsRemoteRefs,
  pushApiTarget,
  pushBaseline,
  pushExclusions,
  type RemoteRef,
} from "../../../src/core/events/push.js";

const sha = (c: string) => c.repeat(40);
const [OLD, NEW, MAIN, DEV, TAG] = ["1", "2", "3", "4", "5"].map(sha) as [string, string, string, string, string];

function plan(over: Partial<PushPlan> = {}): PushPlan {
  return {
    kind: "push",
    ref: "refs/heads/feature",
    before: OLD,
    after: NEW,
    forced: false,
    defaultBranch: "main",
    label: "test",
    ...over,
  };
}

const REFS: RemoteRef[] = [
  { name: "refs/heads/main", sha: MAIN },
  { name: "refs/heads/dev", sha: DEV },
  { name: "refs/heads/feature", sha: NEW },
  { name: "refs/tags/v1", sha: TAG },
];

const exclusions = (p: PushPlan, facts = { beforeAvailable: true, forced: p.forced }, refs = REFS) =>
  pushExclusions(p, pushBaseline(p, facts), p.after, refs).sort();

describe("push baselines", () => {
  it("fast-forward: before only, no ref listing needed", () => {
    const baseline = pushBaseline(plan(), { beforeAvailable: true, forced: false });
    expect(baseline).toEqual({ before: OLD, defaultBranch: false, otherRefs: false, reason: "fast-forward" });
    expect(needsRemoteRefs(baseline)).toBe(false);
    expect(exclusions(plan())).toEqual([OLD]);
  });

  it("new branch: every other branch, not tags, not itself", () => {
    expect(exclusions(plan({ before: undefined }))).toEqual([MAIN, DEV].sort());
  });

  it("new branch in a new repository: nothing to leave out, the whole history is scanned", () => {
    expect(exclusions(plan({ before: undefined }), undefined, [{ name: "refs/heads/feature", sha: NEW }])).toEqual([]);
  });

  it("new branch at the default branch's tip: nothing is new", () => {
    const refs = [...REFS, { name: "refs/heads/main", sha: NEW }].filter((r) => r.sha !== MAIN);
    expect(exclusions(plan({ before: undefined }), undefined, refs)).toContain(NEW);
  });

  it("two new branches at the same new commit: the first by name scans, the other leaves it to it", () => {
    const refs = [
      { name: "refs/heads/a-branch", sha: NEW },
      { name: "refs/heads/b-branch", sha: NEW },
      { name: "refs/heads/main", sha: MAIN },
    ];
    expect(exclusions(plan({ ref: "refs/heads/a-branch", before: undefined }), undefined, refs)).toEqual([MAIN]);
    expect(exclusions(plan({ ref: "refs/heads/b-branch", before: undefined }), undefined, refs)).toEqual(
      [MAIN, NEW].sort(),
    );
  });

  it("new tag: every branch and every other tag; a branch at the same commit is a baseline", () => {
    const p = plan({ ref: "refs/tags/v2", before: undefined, after: MAIN });
    expect(exclusions(p)).toEqual([MAIN, DEV, NEW, TAG].sort());
    expect(pushBaseline(p, { beforeAvailable: true, forced: false }).reason).toBe("new tag");
  });

  it("force push elsewhere than the default branch: before and the default branch", () => {
    const p = plan({ forced: true });
    expect(exclusions(p)).toEqual([OLD, MAIN].sort());
    expect(needsRemoteRefs(pushBaseline(p, { beforeAvailable: true, forced: true }))).toBe(true);
  });

  it("force push to the default branch: before only", () => {
    expect(exclusions(plan({ ref: "refs/heads/main", forced: true }))).toEqual([OLD]);
  });

  it("before gone from the remote: like a new branch", () => {
    const p = plan();
    const baseline = pushBaseline(p, { beforeAvailable: false, forced: false });
    expect(baseline.reason).toBe("previous commit unavailable");
    expect(pushExclusions(p, baseline, NEW, REFS).sort()).toEqual([MAIN, DEV].sort());
  });
});

describe("push API targets", () => {
  it("compares before...after for a fast-forward and a force push to the default branch", () => {
    expect(pushApiTarget(plan())).toEqual({ kind: "compare", base: OLD, head: NEW });
    expect(pushApiTarget(plan({ ref: "refs/heads/main", forced: true }))).toEqual({
      kind: "compare",
      base: OLD,
      head: NEW,
    });
  });

  it("compares with the default branch for a new ref or a force push elsewhere", () => {
    expect(pushApiTarget(plan({ before: undefined }))).toEqual({ kind: "compare", base: "main", head: NEW });
    expect(pushApiTarget(plan({ forced: true }))).toEqual({ kind: "compare", base: "main", head: NEW });
  });

  it("lists the whole history for the first push of the default branch", () => {
    expect(pushApiTarget(plan({ ref: "refs/heads/main", before: undefined }))).toEqual({ kind: "history", head: NEW });
  });
});
