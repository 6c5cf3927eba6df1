/**
 * GitHub tokens. Classic tokens end in a 6-character base62 CRC-32 of their 30 random
 * characters, so a token with a wrong checksum (a typo, a truncated or made-up value) is not
 * reported. Reference: https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 */
import type { Rule, RuleExamples } from "../types.js";
import { base62, crc32 } from "../util/hash.js";
import { ALNUM, Faker } from "./fake.js";

/** True when a `gh?_` token's last 6 characters are the checksum of the 30 before them. */
export function hasValidGithubChecksum(token: string): boolean {
  const body = token.slice(4);
  if (body.length !== 36) return true; // newer, longer formats carry no public checksum
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

const KINDS: ReadonlyArray<readonly [prefix: string, id: string, title: string]> = [
  ["ghp_", "github-pat", "GitHub personal access token (classic)"],
  ["gho_", "github-oauth-token", "GitHub OAuth access token"],
  ["ghu_", "github-user-to-server-token", "GitHub App user access token"],
  ["ghs_", "github-app-installation-token", "GitHub App installation access token"],
  ["ghr_", "github-refresh-token", "GitHub App refresh token"],
];

const REMEDIATION =
  "Revoke the token (Settings → Developer settings, or the app's installation); GitHub may already have.";

export const rules: readonly Rule[] = [
  ...KINDS.map(
    ([prefix, id, title]): Rule => ({
      id,
      title,
      keywords: [prefix],
      pattern: new RegExp(`(?<![A-Za-z0-9_])${prefix}[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])`),
      minEntropy: 3,
      validate: ({ secret }) => hasValidGithubChecksum(secret),
      reference:
        "https://docs.github.com/authentication/keeping-your-account-and-data-secure/about-authentication-to-github",
      remediation: REMEDIATION,
    }),
  ),
  {
    id: "github-fine-grained-pat",
    title: "GitHub fine-grained personal access token",
    keywords: ["github_pat_"],
    pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/,
    minEntropy: 4,
    reference:
      "https://docs.github.com/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens",
    remediation: REMEDIATION,
  },
];

export function examples(): RuleExamples {
  const f = new Faker(11);
  const tokens = KINDS.map(([prefix]) => f.githubToken(prefix));
  const fine = `github_pat_${f.chars(ALNUM, 22)}_${f.chars(ALNUM, 59)}`;
  const good = f.githubToken("ghp_");
  const broken = `${good.slice(0, -1)}${good.endsWith("A") ? "B" : "A"}`;
  return {
    truePositives: [
      ...tokens.map((t) => ({ text: `GITHUB_TOKEN=${t}`, secret: t, path: ".env" })),
      { text: `const octokit = new Octokit({ auth: "${good}" });`, secret: good },
      { text: `token: ${fine}`, secret: fine, path: "config.yml" },
    ],
    falsePositives: [
      { text: `const token = "${broken}";` },
      { text: "token = ghp_************************************" },
      { text: "GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}", path: ".github/workflows/ci.yml" },
      { text: `const prefix = "ghp_";` },
    ],
  };
}
