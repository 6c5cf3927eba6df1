import { describe, expect, it } from "vitest";
import { annotationFor } from "../../../src/adapters/actions/annotations.js";
import { maskFindings, valuesToMask } from "../../../src/adapters/actions/mask.js";
import type { Finding } from "../../../src/core/types.js";

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: "github-pat",
    title: "GitHub personal access token",
    path: "src/app.js",
    line: 3,
    column: 9,
    endLine: 3,
    endColumn: 49,
    fingerprint: "f".repeat(32),
    redacted: 'auth: "********"',
    secret: "plain-words-not-a-credential",
    ...over,
  };
}

describe("masking", () => {
  it("masks each value once, and each line of a multi-line value except PEM armour", () => {
    const pem = [
      "-----BEGIN PRIVATE KEY-----",
      "bGluZSBvbmUgb2YgYm9keQ",
      "bGluZSB0d28",
      "-----END PRIVATE KEY-----",
    ].join("\n");
    const values = valuesToMask([finding(), finding({ path: "b.js" }), finding({ secret: pem })]);
    expect(values).toEqual(["plain-words-not-a-credential", pem, "bGluZSBvbmUgb2YgYm9keQ", "bGluZSB0d28"]);
    const masked: string[] = [];
    expect(maskFindings([finding()], (v) => masked.push(v))).toBe(1);
    expect(masked).toEqual(["plain-words-not-a-credential"]);
  });
});

describe("annotations", () => {
  const ctx = { serverUrl: "https://ghe.example.com/", repository: "o/r" };

  it("puts a single-line finding on its columns, links the commit, and holds no value", () => {
    const commit = { sha: "a".repeat(40), authorName: "Dev\u001b[2J", authorEmail: "d@x", date: "2024-01-01" };
    const { message, properties } = annotationFor(finding({ commit }), ctx);
    expect(properties).toEqual({
      title: "leakstop: GitHub personal access token",
      file: "src/app.js",
      startLine: 3,
      startColumn: 9,
      endColumn: 49,
    });
    expect(message).toBe(
      `GitHub personal access token (github-pat); added in commit aaaaaaa by Dev\\u{1b}[2J: https://ghe.example.com/o/r/commit/${"a".repeat(40)}; line: auth: "********"; treat the value as leaked: revoke or rotate it, then remove it (fingerprint ${"f".repeat(32)}).`,
    );
    expect(message).not.toContain("plain-words");
  });

  it("spans the lines of a multi-line finding without columns (GitHub allows columns on one line only)", () => {
    const { properties } = annotationFor(finding({ endLine: 30, endColumn: 26 }), ctx);
    expect(properties).toEqual({
      title: "leakstop: GitHub personal access token",
      file: "src/app.js",
      startLine: 3,
      endLine: 30,
    });
  });
});
