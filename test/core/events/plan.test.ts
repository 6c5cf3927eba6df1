import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { isZeroSha, planScan } from "../../../src/core/events/plan.js";

interface Example {
  readonly name: string;
  readonly examples: ReadonlyArray<Record<string, unknown>>;
}
/** Real payloads, as GitHub sends them (a JSON package: `require` reads it). */
const EXAMPLES = createRequire(import.meta.url)("@octokit/webhooks-examples") as Example[];
const example = (name: string, match: (p: Record<string, unknown>) => boolean = () => true) =>
  structuredClone(EXAMPLES.find((e) => e.name === name)?.examples.find(match)) as Record<string, unknown>;

const A = "a".repeat(40);
const B = "b".repeat(40);
const ZERO = "0".repeat(40);

describe("isZeroSha", () => {
  it("knows SHA-1 and SHA-256 all-zero ids", () => {
    expect(isZeroSha(ZERO)).toBe(true);
    expect(isZeroSha("0".repeat(64))).toBe(true);
    expect(isZeroSha("0".repeat(39))).toBe(false);
    expect(isZeroSha(A)).toBe(false);
  });
});

describe("planScan", () => {
  it("plans a push from before..after and ignores the payload's commits", () => {
    const payload = { ...example("push"), ref: "refs/heads/main", before: A, after: B, forced: false, commits: [] };
    expect(planScan({ name: "push", payload })).toMatchObject({
      kind: "push",
      ref: "refs/heads/main",
      before: A,
      after: B,
      forced: false,
      defaultBranch: "master",
      label: "push to refs/heads/main (aaaaaaa..bbbbbbb)",
    });
  });

  it("reads a real tag push: a new ref has no before", () => {
    const plan = planScan({ name: "push", payload: example("push", (p) => String(p.ref).startsWith("refs/tags/")) });
    expect(plan).toMatchObject({
      kind: "push",
      before: undefined,
      label: expect.stringMatching(/^new tag refs\/tags\//),
    });
  });

  it("skips a deleted branch (after is zeros, 40 or 64)", () => {
    for (const zero of [ZERO, "0".repeat(64)]) {
      const plan = planScan({ name: "push", payload: { ref: "refs/heads/x", before: A, after: zero } });
      expect(plan).toEqual({ kind: "skip", reason: "refs/heads/x was deleted: nothing to scan." });
    }
  });

  it("flags a force push as GitHub reported it", () => {
    const plan = planScan({ name: "push", payload: { ref: "refs/heads/x", before: A, after: B, forced: true } });
    expect(plan).toMatchObject({ kind: "push", forced: true });
  });

  it.each(["pull_request", "pull_request_target"])("plans %s as base..head with the PR number", (name) => {
    const payload = example("pull_request", (p) => p.action === "opened");
    const pr = payload.pull_request as {
      number: number;
      base: { sha: string };
      head: { sha: string };
      commits: number;
    };
    expect(planScan({ name, payload })).toEqual({
      kind: "range",
      base: pr.base.sha,
      head: pr.head.sha,
      pullRequest: { number: pr.number, commits: pr.commits },
      label: `pull request #${pr.number} (${pr.base.sha.slice(0, 7)}..${pr.head.sha.slice(0, 7)})`,
    });
  });

  it("plans a merge group as its queued commits", () => {
    const payload = example("merge_group");
    const group = payload.merge_group as { base_sha: string; head_sha: string };
    expect(planScan({ name: "merge_group", payload })).toMatchObject({
      kind: "range",
      base: group.base_sha,
      head: group.head_sha,
    });
  });

  it.each(["schedule", "workflow_dispatch"])("plans %s as the full history of GITHUB_SHA", (name) => {
    expect(planScan({ name, payload: {}, sha: A })).toEqual({
      kind: "history",
      head: A,
      label: `full history of aaaaaaa (${name})`,
    });
    expect(planScan({ name, payload: {} })).toMatchObject({ kind: "history", head: undefined });
  });

  it("names the field that is missing or malformed", () => {
    expect(() => planScan({ name: "push", payload: { ref: "refs/heads/x", before: A } })).toThrow(
      "The 'push' event payload has no valid 'after'",
    );
    expect(() => planScan({ name: "push", payload: { ref: "main", before: A, after: B } })).toThrow("no valid 'ref'");
    expect(() =>
      planScan({
        name: "pull_request",
        payload: { number: 1, pull_request: { base: { sha: ZERO }, head: { sha: B } } },
      }),
    ).toThrow("no valid 'pull_request.base.sha'");
    expect(() => planScan({ name: "push", payload: null })).toThrow("is not a JSON object");
  });

  it("refuses other events, listing the supported ones", () => {
    expect(() => planScan({ name: "release", payload: {} })).toThrow(
      "Event 'release' is not supported; run leakstop on: push, pull_request, pull_request_target, merge_group, schedule, workflow_dispatch.",
    );
  });
});
