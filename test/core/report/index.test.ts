import { describe, expect, it } from "vitest";
import { FORMATS, type Format, render, renderJson, renderSarif, renderText } from "../../../src/core/report/index.js";
import type { Finding } from "../../../src/core/types.js";

const FINDING: Finding = {
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
};
const OPTIONS = { toolVersion: "0.1.0", rules: [], notices: ["n"] };

describe("render", () => {
  it("dispatches to the reporter of each format", () => {
    expect(render("text", [FINDING], OPTIONS)).toBe(renderText([FINDING], OPTIONS));
    expect(render("json", [FINDING], OPTIONS)).toBe(renderJson([FINDING], OPTIONS));
    expect(render("sarif", [FINDING], OPTIONS)).toBe(renderSarif([FINDING], OPTIONS));
    expect(FORMATS).toEqual(["text", "json", "sarif"]);
  });

  it("rejects an unknown format with a message naming the valid ones", () => {
    expect(() => render("xml" as Format, [], OPTIONS)).toThrow(
      new RangeError("Unknown report format 'xml'; use one of: text, json, sarif."),
    );
  });

  it("does not change its input", () => {
    const findings = [{ ...FINDING, path: "z.ts" }, FINDING];
    const copy = structuredClone(findings);
    for (const format of FORMATS) render(format, findings, OPTIONS);
    expect(findings).toEqual(copy);
  });
});
