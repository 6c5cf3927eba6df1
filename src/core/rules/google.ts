/** Google API keys and service-account private keys. Reference: https://cloud.google.com/docs/authentication/api-keys */
import type { Rule, RuleExamples } from "../types.js";
import { ALNUM, Faker } from "./fake.js";

export const rules: readonly Rule[] = [
  {
    id: "google-api-key",
    title: "Google API key",
    keywords: ["aiza"],
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/,
    minEntropy: 3.5,
    reference: "https://cloud.google.com/docs/authentication/api-keys",
    remediation: "Delete or regenerate the key in Google Cloud console → APIs & Services → Credentials.",
  },
];

export function examples(): RuleExamples {
  const f = new Faker(23);
  const key = `AIza${f.chars(`${ALNUM}-_`, 35)}`;
  return {
    truePositives: [{ text: `<meta name="maps-key" content="${key}">`, secret: key, path: "index.html" }],
    falsePositives: [
      { text: 'apiKey: "AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"' },
      { text: "const k = 'AIza' + rest;" },
    ],
  };
}
