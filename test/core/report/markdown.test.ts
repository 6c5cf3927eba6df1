import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fingerprint } from "../../../src/core/findings/fingerprint.js";
import { MASK } from "../../../src/core/findings/redact.js";
import { escapeMarkdown, renderSummary, type SummaryOptions } from "../../../src/core/report/markdown.js";
import type { CommitInfo, Finding } from "../../../src/core/types.js";

/**
 * The job summary against golden files in test/golden/report/ (regenerate after an intended
 * change with `UPDATE_GOLDEN=1 npx vitest run test/core/report/markdown.test.ts`).
 */
const GOLDEN_DIR = new URL("../../golden/report/", import.meta.url);

function expectGolden(name: string, actual: string): void {
  const file = new URL(name, GOLDEN_DIR);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, actual);
  else if (!existsSync(file))
    throw new Error(`Golden file test/golden/report/${name} is missing; create it with UPDATE_GOLDEN=1.`);
  else expect(actual).toBe(readFileSync(file, "utf8"));
}

const ALICE: CommitInfo = {
  sha: "1111111111111111111111111111111111111111",
  authorName: "Alice Example",
  authorEmail: "alice@example.com",
  date: "2024-03-01T09:30:00+01:00",
};
/** An author name that tries to inject Markdown and HTML. */
const MALLORY: CommitInfo = {
  sha: "2222222222222222222222222222222222222222",
  authorName: "M | <img src=x onerror=alert(1)> [click](https://evil.example) **bold**",
  authorEmail: "m@example.org",
  date: "2024-03-02T17:05:00Z",
};

/** The "secrets" are plain words: golden inputs must not look like credentials. */
function make(ruleId: string, title: string, path: string, line: number, commit?: CommitInfo): Finding {
  const secret = `fixture value for ${ruleId} in ${path}`;
  return {
    ruleId,
    title,
    path,
    line,
    column: 5,
    endLine: line,
    endColumn: 25,
    fingerprint: fingerprint(ruleId, path, secret),
    redacted: `key = "${MASK}"`,
    secret,
    ...(commit ? { commit } : {}),
  };
}

const FINDINGS: readonly Finding[] = [
  make("github-pat", "GitHub personal access token (classic)", "src/app.js", 12, MALLORY),
  make("aws-access-key-id", "AWS access key ID", "config/café (prod)|#1.env", 3, ALICE),
  make("generic-password", "Generic password", "src/app.js", 4, ALICE),
];

const OPTIONS: SummaryOptions = {
  scope: "push to refs/heads/main (1111111..2222222), the pushed commits",
  commits: 2,
  repositoryUrl: "https://github.com/octo-org/octo-repo",
  outcomes: new Map([[FINDINGS[0]?.fingerprint ?? "", "rotated in vault kv-prod; issue #12"]]),
  notices: ["logo.png in commit 1111111: the GitHub API gives no diff (binary or too large), not scanned"],
};

describe("job summary (Markdown)", () => {
  it("findings: header, table, what to do, fingerprints, notes", () => {
    expectGolden("summary.md", renderSummary(FINDINGS, OPTIONS));
  });

  it("nothing found", () => {
    expectGolden("summary-empty.md", renderSummary([], { scope: "pull request #7 (1111111..2222222)", commits: 1 }));
  });

  it("does not depend on the order of findings, and never holds a value", () => {
    const text = renderSummary(FINDINGS, OPTIONS);
    expect(renderSummary([...FINDINGS].reverse(), OPTIONS)).toBe(text);
    for (const f of FINDINGS) expect(text).not.toContain(f.secret);
  });

  it("without a repository URL, shows files and commits as plain text", () => {
    const text = renderSummary(FINDINGS.slice(2), { scope: "x" });
    expect(text).toContain("| src/app.js | 4 | 1111111 | Alice Example | reported |");
    expect(text).toContain("Scanned x.");
  });

  it("escapes Markdown, HTML and control characters from the repository", () => {
    expect(escapeMarkdown("a|b <i>c</i> [d](e) `f` *g* \u001b[31m")).toBe(
      "a\\|b \\<i\\>c\\</i\\> \\[d\\](e) \\`f\\` \\*g\\* \\\\u{1b}\\[31m",
    );
  });
});
