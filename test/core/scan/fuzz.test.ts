/**
 * Property and adversarial tests: random and hostile input never crashes the scanner, every
 * finding points at its secret, and no rule regex backtracks catastrophically on long runs of
 * its own alphabet (a catastrophic regex would not finish these inputs within the test timeout).
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { DiffParser } from "../../../src/core/diff/parse.js";
import { builtinRules } from "../../../src/core/rules/index.js";
import { createEngine } from "../../../src/core/scan/engine.js";
import { createScanner } from "../../../src/core/scan/scanner.js";

const engine = createEngine();

/** Characters a rule's pattern is made of: its keywords and the classes secrets are drawn from. */
const ALPHABETS = [
  "abcdefghijklmnopqrstuvwxyz",
  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  "A1+/",
  "a-_.~",
  "0123456789abcdef",
  "=:\"' ;&?",
  "-----",
  "\\n",
];

function lineAt(text: string, line: number): string {
  return text.split("\n")[line - 1] ?? "";
}

describe("scanner under random input", () => {
  it("never throws and every finding's position holds its secret", () => {
    const chunk = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(...builtinRules.flatMap((r) => r.keywords)),
      fc.constantFrom("=", ":", '"', "'", "\n", "\r\n", " ", "@", "/", ";", "-----BEGIN PRIVATE KEY-----", "Q~"),
      fc.stringMatching(/^[A-Za-z0-9+/]{20,90}={0,2}$/),
    );
    fc.assert(
      fc.property(
        fc.array(chunk, { maxLength: 60 }),
        fc.constantFrom("a.js", ".env", "x.yml", "c.properties"),
        (parts, path) => {
          const text = parts.join("");
          for (const f of engine.scan({ path, text, startLine: 1 })) {
            expect(f.line).toBeGreaterThanOrEqual(1);
            const first = f.secret.split("\n")[0] as string;
            expect(lineAt(text, f.line).slice(f.column - 1, f.column - 1 + first.length)).toBe(first);
            expect(f.redacted).not.toContain(f.secret);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("parses random diff-like input without throwing", () => {
    const line = fc.oneof(
      fc.string({ maxLength: 30 }).map((s) => `+${s}`),
      fc.string({ maxLength: 30 }).map((s) => `-${s}`),
      fc.constantFrom(
        "@@ -1,2 +3,4 @@",
        "@@ -0,0 +1 @@",
        "+++ b/x.txt",
        "--- a/x.txt",
        "diff --git a/x b/x",
        "\\ No newline at end of file",
      ),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 50 }), (lines) => {
        const parser = new DiffParser();
        for (const l of lines) parser.push(l);
        parser.end();
      }),
      { numRuns: 300 },
    );
  });
});

describe("no catastrophic backtracking", () => {
  // Each rule's own regex, on long runs of its keywords and alphabets, outside the scanner's
  // windows: a pattern that backtracks catastrophically would not finish within the timeout.
  it.each(builtinRules.map((r) => [r.id, r] as const))("%s: regex on 20 KB runs of its alphabet", (_id, rule) => {
    const regex = new RegExp(rule.pattern.source, `g${rule.pattern.flags.replace("g", "")}`);
    // The first keywords suffice: the others only change where a window opens.
    for (const keyword of rule.keywords.slice(0, 3)) {
      for (const alphabet of ALPHABETS) {
        const unit = `${keyword}${alphabet}`;
        for (const text of [
          unit.repeat(Math.ceil(20_000 / unit.length)),
          `${keyword}${alphabet.repeat(20_000 / alphabet.length)}`,
        ]) {
          regex.lastIndex = 0;
          while (regex.exec(text) !== null) if (regex.lastIndex === 0) break;
        }
      }
    }
  });

  it("scans 1 MB single-line adversarial input made of every keyword", () => {
    const unit = builtinRules.flatMap((r) => r.keywords.map((k) => `${k}=A1+/`)).join("");
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    engine.scan({ path: "a.env", text, startLine: 1 });
    engine.scan({ path: "a.js", text: text.toUpperCase(), startLine: 1 });
  });
});

describe("rules that start before their keyword", () => {
  const anchored = builtinRules.filter((r) => r.startsBeforeKeyword);

  it("find what the same rule finds scanning every position of its window", () => {
    const plain = anchored.map(({ startsBeforeKeyword: _s, atKeyword: _a, ...rule }) => rule);
    const fast = createScanner({ rules: anchored });
    const slow = createScanner({ rules: plain });
    const chunk = fc.oneof(
      fc.constantFrom(...anchored.flatMap((r) => r.keywords)),
      fc.constantFrom("db", "Api", "_", ".", "-", "$", "<", ">", "`", "(", ")", "[", "]", ",", "\\"),
      fc.constantFrom("=", ":", " = ", ": ", '"', "'", " ", "\n", "??", "||", " or ", ".orElse(", "ENV ", " value="),
      fc.stringMatching(/^[A-Za-z0-9+/_-]{8,40}$/),
    );
    fc.assert(
      fc.property(
        fc.array(chunk, { maxLength: 40 }),
        fc.constantFrom("a.js", ".env", "x.yml", "README.md"),
        (parts, path) => {
          const text = parts.join("");
          const found = (s: typeof fast) =>
            s
              .scan({ path, text, startLine: 1 })
              .map((f) => `${f.ruleId}@${f.line}:${f.column}`)
              .sort();
          expect(found(fast), text).toEqual(found(slow));
        },
      ),
      { numRuns: 1500 },
    );
  });

  // A line of nothing but a rule's keyword used to cost ~20 µs a byte (the window's every position
  // was tried, and a rejected match retried from its next character); each position is now tried
  // once. Counted in regex executions, not timed (the bench section `scan` times it): doubling the
  // line must no more than double the work.
  it.each(anchored.map((r) => [r.id, r] as const))("%s: linear on long lines of its keyword", (_id, rule) => {
    const scanner = createScanner({ rules: [rule] });
    const execs = (text: string) => {
      const spy = vi.spyOn(RegExp.prototype, "exec");
      try {
        scanner.scan({ path: "a.env", text, startLine: 1 });
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    for (const keyword of rule.keywords.slice(0, 4)) {
      for (const unit of [keyword, `${keyword}=`, `${keyword}="`, `${keyword}_${keyword} `]) {
        const line = (bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));
        const [small, large] = [execs(line(10_000)), execs(line(20_000))];
        expect(large, `${JSON.stringify(unit)}: ${small} then ${large} regex executions`).toBeLessThanOrEqual(
          2.2 * small + 10,
        );
      }
    }
  });
});
