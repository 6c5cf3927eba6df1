import { describe, expect, it } from "vitest";
import { renderJson } from "../../../src/core/report/json.js";
import type { Finding } from "../../../src/core/types.js";

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: "demo-token",
    title: "Demo token",
    path: "src/a.ts",
    line: 2,
    column: 5,
    endLine: 2,
    endColumn: 25,
    fingerprint: "00112233445566778899aabbccddeeff",
    redacted: 'token = "********"',
    secret: "not-a-secret",
    ...overrides,
  };
}

const OPTIONS = { toolVersion: "0.1.0", rules: [] };
const COMMIT = { sha: "b".repeat(40), authorName: "Ann", authorEmail: "ann@example.com", date: "2024-01-02T03:04:05Z" };

describe("renderJson", () => {
  it("has a version, the findings and the notices", () => {
    const report = JSON.parse(renderJson([finding()], { ...OPTIONS, notices: ["skipped x"] }));
    expect(Object.keys(report)).toEqual(["version", "findings", "notices"]);
    expect(report.version).toBe(1);
    expect(report.notices).toEqual(["skipped x"]);
  });

  it("gives each finding exactly the documented fields, commit only when known", () => {
    const [plain, git] = JSON.parse(
      renderJson([finding({ path: "z.ts", commit: COMMIT }), finding()], OPTIONS),
    ).findings;
    expect(plain).toEqual({
      ruleId: "demo-token",
      title: "Demo token",
      path: "src/a.ts",
      line: 2,
      column: 5,
      endLine: 2,
      endColumn: 25,
      fingerprint: "00112233445566778899aabbccddeeff",
      redacted: 'token = "********"',
    });
    expect(git.commit).toEqual(COMMIT);
    expect(Object.keys(git)).not.toContain("secret");
  });

  it("does not pass through fields it does not know", () => {
    const extra = { ...finding(), internal: "do not export" } as Finding;
    expect(renderJson([extra], OPTIONS)).not.toContain("internal");
  });

  it("sorts by path, line, column and rule id", () => {
    const findings = [
      finding({ path: "b.ts", line: 1 }),
      finding({ path: "a.ts", line: 10, column: 1 }),
      finding({ path: "a.ts", line: 2, column: 7, ruleId: "zz" }),
      finding({ path: "a.ts", line: 2, column: 7, ruleId: "aa" }),
      finding({ path: "a.ts", line: 2, column: 3 }),
    ];
    const order = JSON.parse(renderJson(findings, OPTIONS)).findings.map(
      (f: Finding) => `${f.path}:${f.line}:${f.column}:${f.ruleId}`,
    );
    expect(order).toEqual([
      "a.ts:2:3:demo-token",
      "a.ts:2:7:aa",
      "a.ts:2:7:zz",
      "a.ts:10:1:demo-token",
      "b.ts:1:5:demo-token",
    ]);
  });

  it("reports nothing found as an empty list with empty notices", () => {
    expect(JSON.parse(renderJson([], OPTIONS))).toEqual({ version: 1, findings: [], notices: [] });
  });
});
