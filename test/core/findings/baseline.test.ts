import { describe, expect, it } from "vitest";
import { baselineLines } from "../../../src/core/findings/baseline.js";
import { parseIgnoreFileLines } from "../../../src/core/findings/suppress.js";
import { progressText } from "../../../src/core/report/progress.js";
import type { Finding } from "../../../src/core/types.js";

const finding = (fingerprint: string, path: string, line: number): Finding => ({
  ruleId: "github-pat",
  title: "GitHub token",
  path,
  line,
  column: 1,
  endLine: line,
  endColumn: 10,
  fingerprint,
  redacted: "********",
  secret: "not-printed-value",
});

describe("baselineLines", () => {
  it("one line per new fingerprint, in report order, with a one-line reason and no value", () => {
    const a = "a".repeat(32);
    const b = "b".repeat(32);
    const c = "c".repeat(32);
    const lines = baselineLines(
      [finding(b, "z.js", 3), finding(a, "a.js", 1), finding(b, "z.js", 3), finding(c, "c\nd.js", 2)],
      "old\nleak",
      new Set([c]),
    );
    expect(lines).toEqual([`${a}  # old leak: github-pat at a.js:1`, `${b}  # old leak: github-pat at z.js:3`]);
    expect(lines.join("\n")).not.toContain("not-printed-value");
    // The lines parse back to the fingerprints.
    expect(parseIgnoreFileLines(lines.join("\n"))).toEqual({ fingerprints: new Set([a, b]), invalidLines: [] });
  });
});

describe("parseIgnoreFileLines", () => {
  it("keeps fingerprints, skips comments and blank lines, and names lines that are not fingerprints", () => {
    const text = `# header\n\n${"A".repeat(32)} trailing words\nghp_notafingerprint\n  ${"f".repeat(31)}  # short\r\n`;
    expect(parseIgnoreFileLines(text)).toEqual({ fingerprints: new Set(["a".repeat(32)]), invalidLines: [4, 5] });
  });
});

describe("progressText", () => {
  it("shows a total and a percentage when one is known", () => {
    expect(progressText({ done: 30, total: 120, unit: "files", bytes: 3 * 1048576 })).toBe(
      "scanning: 30/120 files (25%), 3.0 MB",
    );
    expect(progressText({ done: 7, unit: "commits", bytes: 0 })).toBe("scanning: 7 commits, 0.0 MB");
    expect(progressText({ done: 9, total: 8, unit: "commits", bytes: 0 })).toBe("scanning: 9/8 commits (100%), 0.0 MB");
  });
});
