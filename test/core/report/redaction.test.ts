import { describe, expect, it } from "vitest";
import { fingerprint } from "../../../src/core/findings/fingerprint.js";
import { MASK } from "../../../src/core/findings/redact.js";
import { FORMATS, type ReportOptions, render } from "../../../src/core/report/index.js";
import type { Finding, Rule } from "../../../src/core/types.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A fresh random value per run, so no reporter can pass by knowing it. */
function canary(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

const RULES: readonly Rule[] = [
  { id: "demo-token", title: "Demo token", keywords: ["demo"], pattern: /demo/, reference: "https://example.com/demo" },
];

function findingsHolding(secret: string): Finding[] {
  const base = (path: string, line: number) => ({
    ruleId: "demo-token",
    title: "Demo token",
    path,
    line,
    column: 9,
    endLine: line,
    endColumn: 9 + secret.length,
    fingerprint: fingerprint("demo-token", path, secret),
    redacted: `token = "${MASK}"`,
    secret,
  });
  return [
    base("src/a.ts", 3),
    {
      ...base("deploy/.env", 1),
      commit: { sha: "c".repeat(40), authorName: "Ann", authorEmail: "ann@example.com", date: "2024-01-02T03:04:05Z" },
    },
  ];
}

const OPTIONS: ReportOptions = { toolVersion: "0.1.0", rules: RULES, notices: ["skipped big.bin"] };

describe("reporters never disclose the secret", () => {
  it.each(FORMATS)("%s: no 8-character piece of the secret appears", (format) => {
    const secret = canary(40);
    const findings = findingsHolding(secret);
    for (const f of findings) expect(f.redacted).not.toContain(secret.slice(0, 8));
    for (const color of [false, true]) {
      const out = render(format, findings, { ...OPTIONS, color });
      for (let i = 0; i + 8 <= secret.length; i++) {
        expect(out.includes(secret.slice(i, i + 8)), `piece at ${i} in ${format} output`).toBe(false);
      }
    }
  });

  it.each(FORMATS)("%s: does not even read finding.secret", (format) => {
    const findings = findingsHolding(canary(40)).map((f) =>
      Object.defineProperty({ ...f }, "secret", {
        enumerable: true,
        get() {
          throw new Error("a reporter read finding.secret");
        },
      }),
    );
    expect(() => render(format, findings, { ...OPTIONS, color: true })).not.toThrow();
  });
});
