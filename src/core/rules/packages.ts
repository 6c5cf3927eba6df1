/** Package registry tokens: npm, PyPI, NuGet, RubyGems, crates.io, Clojars, Hex, pub.dev, Packagist. */
import type { Rule, RuleExamples } from "../types.js";
import { named, type TokenSpec, tokenExamples, tokenRule } from "./define.js";
import { ALNUM, BASE64URL, Faker, HEX } from "./fake.js";

export const specs: readonly TokenSpec[] = [
  {
    id: "nuget-api-key",
    title: "NuGet API key",
    provider: "NuGet",
    keywords: ["oy2"],
    token: "oy2[a-z2-7]{43}",
    edge: "A-Za-z0-9",
    maxLength: 46,
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/nuget/nuget-org/scoped-api-keys",
    fake: (f) => `oy2${f.chars("abcdefghijklmnopqrstuvwxyz234567", 43)}`,
  },
  {
    id: "rubygems-api-key",
    title: "RubyGems API key",
    provider: "RubyGems",
    keywords: ["rubygems_"],
    token: "rubygems_[a-f0-9]{48}",
    maxLength: 57,
    reference: "https://guides.rubygems.org/api-key-scopes/",
    fake: (f) => `rubygems_${f.chars(HEX, 48)}`,
  },
  {
    id: "crates-io-token",
    title: "crates.io API token",
    provider: "crates.io",
    keywords: ["cio"],
    token: "cio[A-Za-z0-9]{32}",
    edge: "A-Za-z0-9",
    maxLength: 35,
    minEntropy: 4,
    validate: ({ secret }) => /\d/.test(secret) && /[A-Z]/.test(secret) && /[a-z]/.test(secret.slice(3)),
    reference: "https://doc.rust-lang.org/cargo/reference/registry-authentication.html",
    fake: (f) => `cio${f.chars(ALNUM, 32)}`,
  },
  {
    id: "clojars-token",
    title: "Clojars deploy token",
    provider: "Clojars",
    keywords: ["clojars_"],
    token: "CLOJARS_[a-z0-9]{60}",
    maxLength: 68,
    reference: "https://github.com/clojars/clojars-web/wiki/Deploy-Tokens",
    fake: (f) => `CLOJARS_${f.chars("abcdefghijklmnopqrstuvwxyz0123456789", 60)}`,
  },
  named({
    id: "hex-api-key",
    title: "Hex.pm API key",
    provider: "Hex",
    names: ["hex_api", "hexpm"],
    what: "key|token|",
    value: "[a-f0-9]{32}",
    maxValueLength: 32,
    exampleName: "HEX_API_KEY",
    fake: (f) => f.chars(HEX, 32),
  }),
  named({
    id: "packagist-token",
    title: "Packagist / Private Packagist token",
    provider: "Packagist",
    names: ["packagist"],
    what: "token|key|secret",
    value: "[A-Za-z0-9]{20,64}",
    maxValueLength: 64,
    exampleName: "PACKAGIST_API_TOKEN",
    minEntropy: 3.5,
    fake: (f) => f.chars(ALNUM, 40),
  }),
];

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
  ...specs.map(tokenRule),
];

export function examples(): RuleExamples {
  const f = new Faker(37);
  const npm = `npm_${f.chars(ALNUM, 36)}`;
  const legacy = `${f.chars(HEX, 8)}-${f.chars(HEX, 4)}-${f.chars(HEX, 4)}-${f.chars(HEX, 4)}-${f.chars(HEX, 12)}`;
  const pypi = `pypi-AgEIcHlwaS5vcmc${f.chars(BASE64URL, 150)}`;
  const tokens = tokenExamples(specs, 103);
  return {
    truePositives: [
      ...tokens.truePositives,
      { text: `//registry.npmjs.org/:_authToken=${npm}`, secret: npm, path: ".npmrc" },
      { text: `//registry.npmjs.org/:_authToken=${legacy}`, secret: legacy, path: ".npmrc" },
      { text: `password = ${pypi}`, secret: pypi, path: ".pypirc" },
    ],
    falsePositives: [
      ...tokens.falsePositives,
      { text: "//registry.npmjs.org/:_authToken=${NPM_TOKEN}", path: ".npmrc" },
      { text: "const ratio = 'ciowasLowercaseOnlyNotAToken';" },
    ],
  };
}
