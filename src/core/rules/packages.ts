/** Package registry tokens: npm and PyPI. */
import type { Rule, RuleExamples } from "../types.js";
import { ALNUM, BASE64URL, Faker, HEX } from "./fake.js";

export const rules: readonly Rule[] = [
  {
    id: "npm-token",
    title: "npm access token",
    keywords: ["npm_"],
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/,
    minEntropy: 3.5,
    reference: "https://docs.npmjs.com/about-access-tokens",
    remediation: "Revoke the token on npmjs.com (Access Tokens) and check the packages it could publish.",
  },
  {
    id: "npmrc-auth-token",
    title: "npm registry auth token in .npmrc",
    keywords: ["_authtoken", "_auth="],
    pattern: /(?:_authToken|_auth)\s*=\s*["']?(?<secret>[A-Za-z0-9_+/=-]{20,2000})/,
    minEntropy: 3,
    reference: "https://docs.npmjs.com/cli/configuring-npm/npmrc",
    remediation: "Revoke the token at the registry that issued it.",
  },
  {
    id: "pypi-token",
    title: "PyPI API token",
    keywords: ["pypi-ageichlwas5vcmc", "pypi-agenkgvzdc5wexbplm9yzw"],
    pattern: /(?<![A-Za-z0-9_-])pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,2000}(?![A-Za-z0-9_-])/,
    minEntropy: 4,
    reference: "https://pypi.org/help/#apitoken",
    remediation: "Remove the token in PyPI account settings (API tokens).",
  },
];

export function examples(): RuleExamples {
  const f = new Faker(37);
  const npm = `npm_${f.chars(ALNUM, 36)}`;
  const legacy = `${f.chars(HEX, 8)}-${f.chars(HEX, 4)}-${f.chars(HEX, 4)}-${f.chars(HEX, 4)}-${f.chars(HEX, 12)}`;
  const pypi = `pypi-AgEIcHlwaS5vcmc${f.chars(BASE64URL, 150)}`;
  return {
    truePositives: [
      { text: `//registry.npmjs.org/:_authToken=${npm}`, secret: npm, path: ".npmrc" },
      { text: `//registry.npmjs.org/:_authToken=${legacy}`, secret: legacy, path: ".npmrc" },
      { text: `password = ${pypi}`, secret: pypi, path: ".pypirc" },
    ],
    falsePositives: [{ text: "//registry.npmjs.org/:_authToken=${NPM_TOKEN}", path: ".npmrc" }],
  };
}
