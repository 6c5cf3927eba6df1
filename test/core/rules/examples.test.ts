import { describe, expect, it } from "vitest";
import { builtinExamples } from "../../../src/core/rules/examples.js";
import { builtinRules } from "../../../src/core/rules/index.js";
import { createScanner } from "../../../src/core/scan/scanner.js";

const scanner = createScanner({ rules: builtinRules });
const scan = (text: string, path = "src/example.txt") => scanner.scan({ path, text, startLine: 1 });

describe.each(builtinExamples())("$provider rules", ({ examples }) => {
  it.each(examples.truePositives.map((e, i) => ({ ...e, i })))("finds true positive #$i", ({ text, secret, path }) => {
    const findings = scan(text, path);
    expect(
      findings.map((f) => f.secret),
      `in: ${text.slice(0, 200)}`,
    ).toContain(secret);
  });
  it.each(examples.falsePositives.map((e, i) => ({ ...e, i })))("ignores false positive #$i", ({ text, path }) => {
    const findings = scan(text, path);
    expect(
      findings.map((f) => `${f.ruleId}: ${f.redacted}`),
      `in: ${text.slice(0, 200)}`,
    ).toEqual([]);
  });
});

describe("rule table", () => {
  it("has unique ids and keywords on every rule", () => {
    const ids = builtinRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of builtinRules) {
      expect(r.keywords.length, r.id).toBeGreaterThan(0);
      for (const k of r.keywords) expect(k, r.id).toBe(k.toLowerCase());
    }
  });
});
