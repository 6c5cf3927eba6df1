import { describe, expect, it } from "vitest";
import { printable, renderText } from "../../../src/core/report/text.js";
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
const COMMIT = {
  sha: "0123456789abcdef0123456789abcdef01234567",
  authorName: "Ann Author",
  authorEmail: "ann@example.com",
  date: "2024-01-02T03:04:05+02:00",
};
const ESC = "\u001b";

describe("renderText", () => {
  it("shows location, rule, title, snippet, fingerprint and commit", () => {
    expect(renderText([finding({ commit: COMMIT })], OPTIONS)).toBe(
      [
        "src/a.ts:2:5  demo-token  Demo token",
        '    token = "********"',
        "    fingerprint 00112233445566778899aabbccddeeff  commit 0123456 by Ann Author <ann@example.com>, 2024-01-02",
        "",
        "1 finding in 1 file",
        "",
      ].join("\n"),
    );
  });

  it("counts findings and distinct files", () => {
    const out = renderText([finding(), finding({ line: 9, endLine: 9 }), finding({ path: "b.ts" })], OPTIONS);
    expect(out.trimEnd().split("\n").at(-1)).toBe("3 findings in 2 files");
  });

  it("says so when nothing is found, after the notices", () => {
    expect(renderText([], OPTIONS)).toBe("No secrets found.\n");
    expect(renderText([], { ...OPTIONS, notices: ["skipped big.bin"] })).toBe(
      "note: skipped big.bin\nNo secrets found.\n",
    );
  });

  it("uses no escape sequences unless colour is allowed", () => {
    const findings = [finding({ commit: COMMIT })];
    expect(renderText(findings, OPTIONS)).not.toContain(ESC);
    expect(renderText(findings, { ...OPTIONS, color: false })).not.toContain(ESC);
    const coloured = renderText(findings, { ...OPTIONS, color: true, notices: ["n"] });
    expect(coloured).toContain(`${ESC}[31mdemo-token${ESC}[0m`);
    // Without the escapes, the coloured output is the plain one.
    const plain = renderText(findings, { ...OPTIONS, notices: ["n"] });
    expect(coloured.replaceAll(new RegExp(`${ESC}\\[\\d+m`, "g"), "")).toBe(plain);
  });

  it("neutralises control and bidi characters that come from the repository", () => {
    const out = renderText(
      [
        finding({
          path: `evil${ESC}[2Jname\n.txt`,
          redacted: "x = 1 \u202e// hidden",
          commit: { ...COMMIT, authorName: `Mallory${ESC}]0;title\u0007` },
        }),
      ],
      { ...OPTIONS, notices: [`bad${ESC}[0m`] },
    );
    expect(out).not.toContain(ESC);
    expect(out).not.toContain("\u202e");
    expect(out).not.toContain("\u0007");
    expect(out).toContain("evil\\u{1b}[2Jname\\u{a}.txt:2:5");
    expect(out.split("\n")).toHaveLength(7);
  });
});

describe("printable", () => {
  it("keeps ordinary text, including non-ASCII", () => {
    expect(printable("café ü 日本 🔑 a\\b")).toBe("café ü 日本 🔑 a\\b");
  });

  it("escapes C0, DEL, C1 and bidi controls", () => {
    expect(printable("a\tb\u007fc\u0085d\u2066e")).toBe("a\\u{9}b\\u{7f}c\\u{85}d\\u{2066}e");
  });
});
