import { describe, expect, it } from "vitest";
import { pathToUri, renderSarif } from "../../../src/core/report/sarif.js";
import type { Finding, Rule } from "../../../src/core/types.js";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isPositiveInt = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1;

/**
 * The parts of the SARIF 2.1.0 schema and of GitHub's upload requirements that this reporter
 * uses. Returns a list of problems, empty when the log is acceptable.
 */
function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  if (!isObject(log)) return ["log is not an object"];
  need(log.version === "2.1.0", "version must be 2.1.0");
  need(typeof log.$schema === "string" && String(log.$schema).includes("sarif-2.1.0"), "$schema");
  if (!Array.isArray(log.runs) || log.runs.length !== 1) return [...problems, "exactly one run"];
  const run = log.runs[0] as unknown;
  if (!isObject(run) || !isObject(run.tool) || !isObject(run.tool.driver)) return [...problems, "run.tool.driver"];
  const driver = run.tool.driver;
  need(driver.name === "leakstop", "driver.name");
  need(typeof driver.version === "string", "driver.version");
  need(typeof driver.informationUri === "string" && URL.canParse(String(driver.informationUri)), "informationUri");
  const rules = Array.isArray(driver.rules) ? (driver.rules as unknown[]) : [];
  need(Array.isArray(driver.rules), "driver.rules is an array");
  rules.forEach((r, i) => {
    need(isObject(r) && typeof r.id === "string", `rules[${i}].id`);
    need(isObject(r) && isObject(r.shortDescription) && typeof r.shortDescription.text === "string", `rules[${i}].sd`);
    // GitHub: fullDescription and help are shown on every alert of the rule.
    need(isObject(r) && isObject(r.fullDescription) && typeof r.fullDescription.text === "string", `rules[${i}].fd`);
    need(isObject(r) && isObject(r.help) && typeof r.help.text === "string" && r.help.text !== "", `rules[${i}].help`);
    if (isObject(r) && r.helpUri !== undefined) need(URL.canParse(String(r.helpUri)), `rules[${i}].helpUri`);
  });
  need(
    isObject(run.automationDetails) && typeof run.automationDetails.id === "string",
    "run.automationDetails.id (the category)",
  );
  if (run.invocations !== undefined) {
    const inv = (run.invocations as unknown[])[0];
    need(isObject(inv) && typeof inv.executionSuccessful === "boolean", "invocations[0].executionSuccessful");
  }
  if (!Array.isArray(run.results)) return [...problems, "run.results is an array"];
  for (const [i, res] of (run.results as unknown[]).entries()) {
    const at = `results[${i}]`;
    if (!isObject(res)) {
      problems.push(`${at} is an object`);
      continue;
    }
    need(typeof res.ruleId === "string", `${at}.ruleId`);
    need(res.level === "error", `${at}.level`);
    need(isObject(res.message) && typeof res.message.text === "string" && res.message.text !== "", `${at}.message`);
    const rule = rules[res.ruleIndex as number];
    need(isObject(rule) && rule.id === res.ruleId, `${at}.ruleIndex points to its rule`);
    const loc = Array.isArray(res.locations) ? (res.locations[0] as unknown) : undefined;
    const phys = isObject(loc) ? loc.physicalLocation : undefined;
    const art = isObject(phys) ? phys.artifactLocation : undefined;
    const region = isObject(phys) ? phys.region : undefined;
    const uri = isObject(art) ? art.uri : undefined;
    need(typeof uri === "string" && isRelativeUriReference(uri), `${at} uri is a relative URI reference`);
    if (!isObject(region)) {
      problems.push(`${at}.region`);
      continue;
    }
    need(isPositiveInt(region.startLine) && isPositiveInt(region.startColumn), `${at} region start`);
    need(isPositiveInt(region.endColumn), `${at} region endColumn`);
    need(isPositiveInt(region.endLine) && (region.endLine as number) >= (region.startLine as number), `${at} endLine`);
    const endLine = region.endLine as number;
    if (endLine === region.startLine) need((region.endColumn as number) > (region.startColumn as number), `${at} cols`);
    const fps = res.partialFingerprints;
    need(isObject(fps) && Object.values(fps).every((v) => typeof v === "string" && v !== ""), `${at} fingerprints`);
    need(isObject(fps) && typeof fps.primaryLocationLineHash === "string", `${at} primaryLocationLineHash`);
  }
  return problems;
}

/** No scheme, no authority, only characters RFC 3986 allows, and well-formed escapes. */
function isRelativeUriReference(uri: string): boolean {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri) || uri.startsWith("//") || uri.startsWith("/")) return false;
  return /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$/.test(uri);
}

function rule(id: string, extra: Partial<Rule> = {}): Rule {
  return { id, title: `Title of ${id}`, keywords: [id], pattern: /fixture/, ...extra };
}

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

const COMMIT = { sha: "a".repeat(40), authorName: "Ann", authorEmail: "ann@example.com", date: "2024-01-02T03:04:05Z" };

function parse(findings: readonly Finding[], extra: Partial<Parameters<typeof renderSarif>[1]> = {}) {
  // biome-ignore lint/suspicious/noExplicitAny: tests walk the parsed log freely
  return JSON.parse(renderSarif(findings, { toolVersion: "0.1.0", rules: [rule("demo-token")], ...extra })) as any;
}

describe("renderSarif", () => {
  it("produces a log with every field code scanning needs", () => {
    const findings = [
      finding(),
      finding({ ruleId: "other", title: "Other", path: "b c/d#e.txt", line: 1, endLine: 3, endColumn: 4 }),
      finding({ commit: COMMIT, path: "x/y.env", line: 9, endLine: 9 }),
    ];
    const log = parse(findings, { notices: ["skipped a huge file"] });
    expect(sarifProblems(log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(3);
  });

  it("is valid with no findings", () => {
    const log = parse([]);
    expect(sarifProblems(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].automationDetails).toEqual({ id: "leakstop/" });
    expect(log.runs[0].tool.driver.rules).toEqual([]);
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });

  it("lists the referenced rules, sorted, with the finding's title for unknown ones", () => {
    const rules = [rule("zeta", { reference: "https://example.com/zeta", remediation: "Rotate it." }), rule("unused")];
    const log = parse([finding({ ruleId: "zeta" }), finding({ ruleId: "alpha", title: "Alpha thing" })], { rules });
    const driverRules = log.runs[0].tool.driver.rules;
    expect(driverRules.map((r: Json) => r.id)).toEqual(["alpha", "zeta"]);
    expect(driverRules[0].shortDescription).toEqual({ text: "Alpha thing" });
    expect(driverRules[0].helpUri).toBeUndefined();
    // A rule leakstop does not know (a custom one) still gets a description and help.
    expect(driverRules[0].fullDescription.text).toMatch(/^Alpha thing: a credential in the code/);
    expect(driverRules[0].help.text).toMatch(/^Treat the value as compromised/);
    expect(driverRules[0].help.markdown).toContain("**Alpha thing** (`alpha`)");
    expect(driverRules[1]).toMatchObject({
      shortDescription: { text: "Title of zeta" },
      helpUri: "https://example.com/zeta",
    });
    expect(driverRules[1].help.text).toMatch(
      /^Rotate it\. Treat the value as compromised.* Format: https:\/\/example\.com\/zeta$/,
    );
    expect(driverRules[1].help.markdown).toContain("Format: <https://example.com/zeta>");
    for (const res of log.runs[0].results) expect(driverRules[res.ruleIndex].id).toBe(res.ruleId);
  });

  it("gives endLine always, for one-line and multi-line secrets", () => {
    const [one, multi] = parse([finding(), finding({ path: "z.pem", line: 1, column: 1, endLine: 30, endColumn: 26 })])
      .runs[0].results;
    expect(one.locations[0].physicalLocation.region).toEqual({
      startLine: 2,
      startColumn: 5,
      endLine: 2,
      endColumn: 25,
    });
    expect(multi.locations[0].physicalLocation.region).toEqual({
      startLine: 1,
      startColumn: 1,
      endLine: 30,
      endColumn: 26,
    });
  });

  it("carries the fingerprint, and the commit for git findings only", () => {
    const [plain, git] = parse([finding(), finding({ path: "z.ts", commit: COMMIT })]).runs[0].results;
    expect(plain.partialFingerprints).toEqual({
      "leakstop/v1": "00112233445566778899aabbccddeeff",
      primaryLocationLineHash: "00112233445566778899aabbccddeeff:1",
    });
    expect(plain.properties).toBeUndefined();
    expect(git.properties).toEqual({ commit: COMMIT.sha, author: "Ann" });
    expect(git.message.text).toContain("in commit aaaaaaa");
    expect(git.message.text).toContain("00112233445566778899aabbccddeeff");
  });

  it("numbers the same secret twice in a file, so code scanning keeps one alert for each", () => {
    const results = parse([finding(), finding({ line: 7, endLine: 7 }), finding({ path: "other.ts" })]).runs[0].results;
    expect(results.map((r: Json) => (r.partialFingerprints as Json).primaryLocationLineHash)).toEqual([
      "00112233445566778899aabbccddeeff:1",
      "00112233445566778899aabbccddeeff:1",
      "00112233445566778899aabbccddeeff:2",
    ]);
    expect(results.map((r: Json) => (r.locations as Json[])[0])).toHaveLength(3);
  });

  it("keeps at most maxResults results (code scanning rejects a run over 25,000) and says so", () => {
    const many = Array.from({ length: 12 }, (_, i) => finding({ path: `f${String(i).padStart(2, "0")}.ts` }));
    const log = parse(many, { maxResults: 10, automationId: "leakstop/tree/" });
    expect(sarifProblems(log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(10);
    expect(log.runs[0].results.at(-1).locations[0].physicalLocation.artifactLocation.uri).toBe("f09.ts");
    expect(log.runs[0].automationDetails).toEqual({ id: "leakstop/tree/" });
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(
      /^12 findings, more than the 10 results code scanning accepts in one run/,
    );
  });

  it("reports notices as tool execution notifications", () => {
    const log = parse([], { notices: ["skipped big.bin", "skipped huge.txt"] });
    expect(log.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      { level: "warning", message: { text: "skipped big.bin" } },
      { level: "warning", message: { text: "skipped huge.txt" } },
    ]);
  });

  it("gives semanticVersion only for a semantic version", () => {
    expect(parse([], { toolVersion: "1.4.0-rc.1" }).runs[0].tool.driver.semanticVersion).toBe("1.4.0-rc.1");
    const driver = parse([], { toolVersion: "dev" }).runs[0].tool.driver;
    expect(driver.version).toBe("dev");
    expect(driver.semanticVersion).toBeUndefined();
  });
});

describe("pathToUri", () => {
  it.each([
    ["src/app.js", "src/app.js"],
    ["my dir/a#b?.txt", "my%20dir/a%23b%3F.txt"],
    ["100%.txt", "100%25.txt"],
    ["c:/x", "c%3A/x"],
    ["node_modules/@scope/a+b,c=d;e$f&g", "node_modules/@scope/a+b,c=d;e$f&g"],
    ["docs/café/ü.md", "docs/caf%C3%A9/%C3%BC.md"],
    ["back\\slash", "back%5Cslash"],
    ["a%40b", "a%2540b"],
  ])("%j → %j", (path, uri) => {
    expect(pathToUri(path)).toBe(uri);
    expect(isRelativeUriReference(uri)).toBe(true);
    expect(uri.split("/").map(decodeURIComponent).join("/")).toBe(path);
    // Resolved against a base, the reference stays under it.
    expect(new URL(uri, "file:///root/").pathname.startsWith("/root/")).toBe(true);
  });

  it("does not throw on a lone surrogate", () => {
    expect(isRelativeUriReference(pathToUri("bad\uD800name"))).toBe(true);
  });
});
