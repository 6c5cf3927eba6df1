import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fingerprint } from "../../../src/core/findings/fingerprint.js";
import { MASK } from "../../../src/core/findings/redact.js";
import { type Format, type ReportOptions, render } from "../../../src/core/report/index.js";
import type { CommitInfo, Finding, Rule } from "../../../src/core/types.js";

/**
 * Golden files: fixed findings rendered in every format and compared byte for byte with
 * test/golden/report/. Regenerate after an intended change with
 * `UPDATE_GOLDEN=1 npx vitest run test/core/report/golden.test.ts` and review the diff.
 */
const GOLDEN_DIR = new URL("../../golden/report/", import.meta.url);
const UPDATE = process.env.UPDATE_GOLDEN === "1";

function expectGolden(name: string, actual: string): void {
  const file = new URL(name, GOLDEN_DIR);
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`Golden file test/golden/report/${name} is missing; create it with UPDATE_GOLDEN=1.`);
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

function rule(id: string, title: string, extra: Partial<Rule> = {}): Rule {
  return { id, title, keywords: [id], pattern: /fixture/, ...extra };
}

const RULES: readonly Rule[] = [
  rule("github-pat", "GitHub personal access token (classic)", {
    reference: "https://docs.github.com/authentication",
    remediation: "Revoke the token in GitHub's developer settings.",
  }),
  rule("aws-access-key-id", "AWS access key ID", { reference: "https://docs.aws.amazon.com/IAM/" }),
  rule("private-key", "Private key"),
  rule("never-used", "A rule no finding refers to"),
];

const ALICE: CommitInfo = {
  sha: "1111111111111111111111111111111111111111",
  authorName: "Alice Example",
  authorEmail: "alice@example.com",
  date: "2024-03-01T09:30:00+01:00",
};
const BOB: CommitInfo = {
  sha: "2222222222222222222222222222222222222222",
  authorName: "Bøb Exämple",
  authorEmail: "bob@example.org",
  date: "2024-03-02T17:05:00Z",
};

/** The "secrets" here are plain words: golden inputs must not look like credentials. */
function make(
  ruleId: string,
  title: string,
  path: string,
  pos: [line: number, column: number, endLine: number, endColumn: number],
  redacted: string,
  commit?: CommitInfo,
): Finding {
  const secret = `fixture value for ${ruleId} in ${path}`;
  const [line, column, endLine, endColumn] = pos;
  return {
    ruleId,
    title,
    path,
    line,
    column,
    endLine,
    endColumn,
    fingerprint: fingerprint(ruleId, path, secret),
    redacted,
    secret,
    ...(commit ? { commit } : {}),
  };
}

const PAT = "GitHub personal access token (classic)";

/** Deliberately out of report order. */
const FINDINGS: readonly Finding[] = [
  make("github-pat", PAT, "src/app.js", [12, 9, 12, 49], `auth: "${MASK}",`, BOB),
  make("aws-access-key-id", "AWS access key ID", "src/app.js", [3, 15, 3, 35], `const keyId = "${MASK}";`),
  make("private-key", "Private key", "keys/deploy key.pem", [1, 1, 27, 30], `-----BEGIN PRIVATE KEY----- …`, ALICE),
  make("slack-webhook-url", "Slack webhook URL", "config/café #1.env", [4, 13, 4, 90], `SLACK_HOOK=${MASK}`, ALICE),
  make("github-pat", PAT, "src/app.js", [12, 9, 12, 49], `auth: "${MASK}",`, ALICE),
];

const OPTIONS: ReportOptions = {
  toolVersion: "1.2.3",
  rules: RULES,
  notices: ["skipped vendor/big.min.js: larger than 1 MiB"],
};

const EXTENSIONS: Record<Format, string> = { text: "txt", json: "json", sarif: "sarif" };
const FORMATS = Object.keys(EXTENSIONS) as Format[];

describe("golden reports", () => {
  it.each(FORMATS)("%s: findings", (format) => {
    expectGolden(`findings.${EXTENSIONS[format]}`, render(format, FINDINGS, OPTIONS));
  });

  it.each(FORMATS)("%s: nothing found", (format) => {
    expectGolden(`empty.${EXTENSIONS[format]}`, render(format, [], { toolVersion: "1.2.3", rules: RULES }));
  });

  it.each(FORMATS)("%s: output does not depend on input order", (format) => {
    const reversed = [...FINDINGS].reverse();
    const rotated = [...FINDINGS.slice(2), ...FINDINGS.slice(0, 2)];
    const expected = render(format, FINDINGS, OPTIONS);
    expect(render(format, reversed, OPTIONS)).toBe(expected);
    expect(render(format, rotated, OPTIONS)).toBe(expected);
  });
});
