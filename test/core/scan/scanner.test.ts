import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/core/config/config.js";
import { parseConfig } from "../../../src/core/config/parse.js";
import { ALNUM, Faker } from "../../../src/core/rules/fake.js";
import { fakePem } from "../../../src/core/rules/privatekey.js";
import { createEngine } from "../../../src/core/scan/engine.js";
import type { Fragment } from "../../../src/core/types.js";

const f = new Faker(101);
const engine = createEngine();
const frag = (text: string, path = "app/config.js", startLine = 1): Fragment => ({ path, text, startLine });

describe("scanner", () => {
  it("reports the line and columns where the secret starts and ends", () => {
    const token = f.githubToken("ghp_");
    const text = `// header\nconst a = 1;\n  const token = "${token}";\n`;
    const [finding, ...rest] = engine.scan(frag(text, "src/a.js", 10));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: "github-pat", path: "src/a.js", line: 12, column: 18, endLine: 12 });
    expect(finding?.endColumn).toBe(18 + token.length);
  });

  it("finds a multi-line private key from its BEGIN line", () => {
    const pem = fakePem(f);
    const findings = engine.scan(frag(`key: |\n${pem}\n`, "deploy/values.yml"));
    expect(findings.map((x) => x.ruleId)).toEqual(["private-key"]);
    expect(findings[0]?.line).toBe(2);
    expect(findings[0]?.endLine).toBeGreaterThan(10);
    expect(findings[0]?.redacted).not.toContain(pem.split("\n")[1]);
  });

  it("works on CRLF text and keeps \\r out of the secret", () => {
    const pw = f.password(15);
    const findings = engine.scan(frag(`a=1\r\nDB_PASSWORD=${pw}\r\nb=2\r\n`, ".env"));
    expect(findings.map((x) => [x.line, x.secret])).toEqual([[2, pw]]);
  });

  it("finds a secret in the middle of a very long minified line", () => {
    const token = f.githubToken("ghp_");
    const filler = "var a=function(b){return b+1};".repeat(20_000);
    const findings = engine.scan(frag(`${filler}var t="${token}";${filler}`, "dist/app.min.js"));
    expect(findings.map((x) => x.secret)).toEqual([token]);
    expect(findings[0]?.column).toBe(filler.length + 8);
  });

  // Keywords every few characters open a window each; a secret straddling one window's edge
  // must still be reported whole (its fingerprint and vault match use the value), with an excerpt
  // of bounded length whatever the line's length.
  it.each([
    ["a GitHub token", f.githubToken("ghp_"), (s: string) => `var t="${s}";`, "dist/app.min.js"],
    ["an unquoted password", f.chars(ALNUM, 40), (s: string) => `DB_PASSWORD=${s} `, "app.properties"],
    ["a parameter's default", f.chars(ALNUM, 30), (s: string) => `\${DB_PASSWORD:-${s}} `, "run.sh"],
  ] as const)("finds %s whole at every offset around window edges of a long line", (_kind, secret, put, path) => {
    const filler = " token=1 password".repeat(400);
    const missed: number[] = [];
    for (let k = 0; k < 2700; k += 7) {
      const text = `${filler.slice(0, k)} ${put(secret)}${filler}`;
      const findings = engine.scan(frag(text, path));
      const found = findings.find((x) => x.secret === secret);
      if (!found || findings.some((x) => x.secret !== secret && secret.includes(x.secret))) missed.push(k);
      else {
        expect(found.column).toBe(k + 1 + put(secret).indexOf(secret) + 1);
        expect(found.redacted.length).toBeLessThanOrEqual(160);
        expect(found.redacted).not.toContain(secret.slice(4, 12));
      }
    }
    expect(missed).toEqual([]);
  });

  it("reports a secret on a 2 MB minified line with an excerpt of at most 160 characters", () => {
    const pw = f.chars(ALNUM, 24);
    const filler = "x".repeat(1_000_000);
    const [finding, ...rest] = engine.scan(frag(`${filler},config={dbPassword:"${pw}"},${filler}`, "dist/bundle.js"));
    expect(rest).toEqual([]);
    expect(finding?.secret).toBe(pw);
    expect(finding?.redacted).toBe('dbPassword:"********"');
  });

  it("reports one finding when a provider rule and a generic rule claim the same value", () => {
    const token = f.githubToken("ghp_");
    const findings = engine.scan(frag(`GITHUB_TOKEN=${token}`, ".env"));
    expect(findings.map((x) => x.ruleId)).toEqual(["github-pat"]);
  });

  it("reports each occurrence and masks every secret of the line in the redacted form", () => {
    const a = f.githubToken("ghp_");
    const b = f.githubToken("gho_");
    const findings = engine.scan(frag(`tokens = ["${a}", "${b}"]`, "x.py"));
    expect(findings).toHaveLength(2);
    for (const x of findings) {
      expect(x.redacted).not.toContain(a);
      expect(x.redacted).not.toContain(b);
    }
  });

  it("gives the same fingerprint for the same secret at another line or commit, and another for another path", () => {
    const token = f.githubToken("ghp_");
    const one = engine.scan(frag(`t = "${token}"`, "a.py", 1))[0];
    const two = engine.scan({
      ...frag(`\n\nt = "${token}"`, "a.py", 40),
      commit: { sha: "b".repeat(40), authorName: "x", authorEmail: "x@y", date: "2026-01-01T00:00:00Z" },
    })[0];
    const three = engine.scan(frag(`t = "${token}"`, "b.py", 1))[0];
    expect(one?.fingerprint).toBe(two?.fingerprint);
    expect(one?.fingerprint).not.toBe(three?.fingerprint);
    expect(one?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("suppressions", () => {
  const token = f.githubToken("ghp_");
  it("honours leakstop:allow and gitleaks:allow on the line", () => {
    expect(engine.scan(frag(`t = "${token}" // leakstop:allow`))).toEqual([]);
    expect(engine.scan(frag(`t = "${token}" # gitleaks:allow`))).toEqual([]);
  });
  it("drops fingerprints listed in the ignore file", () => {
    const fp = engine.scan(frag(`t = "${token}"`))[0]?.fingerprint as string;
    const withIgnore = createEngine({ ignoredFingerprints: new Set([fp]) });
    expect(withIgnore.scan(frag(`t = "${token}"`))).toEqual([]);
    expect(withIgnore.scan(frag(`t = "${token}"`, "other.js"))).toHaveLength(1);
  });
  it("applies path globs, per-rule paths, value regexes, stopwords and disabled rules from the config", () => {
    const config = parseConfig(
      [
        "allowlist:",
        "  paths: ['test/fixtures/**']",
        "  values: ['^ghp_.*Z$']",
        "  stopwords: ['acmetest']",
        "  rules: [{ rule: generic-password, paths: ['docs/**'] }]",
        "disabledRules: [jwt]",
      ].join("\n"),
      ".leakstop.yml",
    );
    const e = createEngine({ config });
    const pw = f.password(14);
    expect(e.scan(frag(`t = "${token}"`, "test/fixtures/a.js"))).toEqual([]);
    expect(e.isPathIgnored("test/fixtures/a.js")).toBe(true);
    expect(e.scan(frag(`password = "${pw}"`, "docs/setup.md"))).toEqual([]);
    expect(e.scan(frag(`password = "${pw}"`, "src/setup.py"))).toHaveLength(1);
    expect(e.scan(frag(`password = "Acmetest${pw}"`, "src/setup.py"))).toEqual([]);
    expect(e.rules.some((r) => r.id === "jwt")).toBe(false);
  });
  it("rejects unknown rule ids in disabledRules with a message that says how to list them", () => {
    expect(() => createEngine({ config: { ...defaultConfig(), disabledRules: ["nope"] } })).toThrow(
      /'nope'.*leakstop rules/,
    );
  });
});

describe("custom rules", () => {
  it("finds what a config rule describes, with its keyword prefilter", () => {
    const config = parseConfig(
      "rules:\n  - id: acme-token\n    title: ACME token\n    keywords: [acme_]\n    pattern: 'acme_[a-z0-9]{24}'\n",
      ".leakstop.yml",
    );
    const value = `acme_${f.chars("abcdefghijklmnopqrstuvwxyz0123456789", 24)}`;
    const findings = createEngine({ config }).scan(frag(`x = ${value}`, "a.txt"));
    expect(findings.map((x) => [x.ruleId, x.secret])).toEqual([["acme-token", value]]);
  });
});
