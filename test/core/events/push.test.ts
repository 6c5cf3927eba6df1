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
  pushExclusions(p, pushBaseline(p, facts), refs).sort();

describe("push baselines", () => {
  it("fast-forward of the default branch: before only, no ref listing needed", () => {
    const p = plan({ ref: "refs/heads/main" });
    const baseline = pushBaseline(p, { beforeAvailable: true, forced: false });
    expect(baseline).toEqual({ before: OLD, defaultBranch: false, reason: "fast-forward" });
    expect(needsRemoteRefs(baseline)).toBe(false);
    expect(exclusions(p)).toEqual([OLD]);
  });

  it("fast-forward of another branch: before and the default branch (a merge of main brings nothing new)", () => {
    expect(exclusions(plan())).toEqual([OLD, MAIN].sort());
  });

  it("new branch: the default branch only, never other branches or tags", () => {
    expect(exclusions(plan({ before: undefined }))).toEqual([MAIN]);
  });

  it("stacked branches pushed together: neither leaves its commits to the other", () => {
    const refs = [
      { name: "refs/heads/main", sha: MAIN },
      { name: "refs/heads/feat-a", sha: DEV },
      { name: "refs/heads/feat-b", sha: NEW },
    ];
    expect(exclusions(plan({ ref: "refs/heads/feat-a", after: DEV, before: undefined }), undefined, refs)).toEqual([
      MAIN,
    ]);
    expect(exclusions(plan({ ref: "refs/heads/feat-b", before: undefined }), undefined, refs)).toEqual([MAIN]);
  });

  it("a new default branch (first push, --mirror migration): its whole history", () => {
    const p = plan({ ref: "refs/heads/main", before: undefined });
    expect(exclusions(p)).toEqual([]);
    expect(pushBaseline(p, { beforeAvailable: true, forced: false }).reason).toBe("new branch");
  });

  it("new branch without a known default branch: the whole history", () => {
    expect(exclusions(plan({ before: undefined, defaultBranch: undefined }))).toEqual([]);
  });

  it("new branch at the default branch's tip: nothing is new", () => {
    const refs = [...REFS, { name: "refs/heads/main", sha: NEW }].filter((r) => r.sha !== MAIN);
    expect(exclusions(plan({ before: undefined }), undefined, refs)).toEqual([NEW]);
  });

  it("new tags: each leaves out the default branch only, not the other tags", () => {
    const p = plan({ ref: "refs/tags/v2", before: undefined, after: TAG });
    expect(exclusions(p)).toEqual([MAIN]);
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

  it("before gone from the remote: the default branch, or for the default branch its whole history", () => {
    const p = plan();
    const baseline = pushBaseline(p, { beforeAvailable: false, forced: false });
    expect(baseline.reason).toBe("previous commit unavailable");
    expect(pushExclusions(p, baseline, REFS)).toEqual([MAIN]);
    const main = plan({ ref: "refs/heads/main" });
    expect(pushExclusions(main, pushBaseline(main, { beforeAvailable: false, forced: false }), REFS)).toEqual([]);
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
