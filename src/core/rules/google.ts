/**
 * Google: API keys, OAuth access tokens (`ya29.`), OAuth client secrets (`GOCSPX-`), refresh
 * tokens (`1//0`), Firebase Cloud Messaging server keys. Service-account keys are private keys
 * (see `privatekey.ts`). Reference: https://cloud.google.com/docs/authentication/api-keys
 */
import type { Rule, RuleExamples } from "../types.js";
import { type TokenSpec, tokenExamples, tokenRule } from "./define.js";
import { ALNUM, BASE64URL, Faker } from "./fake.js";

export const specs: readonly TokenSpec[] = [
  {
    id: "google-oauth-access-token",
    title: "Google OAuth access token",
    provider: "Google",
    keywords: ["ya29."],
    token: "ya29\\.[A-Za-z0-9_-]{30,2000}",
    edge: "A-Za-z0-9_.-",
    maxLength: 2010,
    minEntropy: 4,
    reference: "https://developers.google.com/identity/protocols/oauth2",
    remediation: "Revoke the token (https://oauth2.googleapis.com/revoke); it also expires within the hour.",
    fake: (f) => `ya29.a0${f.chars(BASE64URL, 160)}`,
  },
  {
    id: "google-oauth-client-secret",
    title: "Google OAuth client secret",
    provider: "Google",
    keywords: ["gocspx-"],
    token: "GOCSPX-[A-Za-z0-9_-]{28}",
    maxLength: 35,
    reference: "https://support.google.com/cloud/answer/15549257",
    remediation: "Reset the client secret in Google Cloud console → APIs & Services → Credentials.",
    fake: (f) => `GOCSPX-${f.chars(BASE64URL, 28)}`,
  },
  {
    id: "google-oauth-refresh-token",
    title: "Google OAuth refresh token",
    provider: "Google",
    keywords: ["1//0"],
    token: "1//0[A-Za-z0-9_-]{40,400}",
    edge: "A-Za-z0-9_/-",
    maxLength: 410,
    minEntropy: 4,
    reference: "https://developers.google.com/identity/protocols/oauth2#expiration",
    remediation: "Revoke the grant (myaccount.google.com → Security → Third-party access, or the revoke endpoint).",
    fake: (f) => `1//0${f.chars(BASE64URL, 100)}`,
  },
  {
    id: "firebase-cloud-messaging-server-key",
    title: "Firebase Cloud Messaging legacy server key",
    provider: "Google Firebase",
    keywords: [":apa91b"],
    keywordOffset: 12,
    token: "AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}",
    maxLength: 152,
    reference: "https://firebase.google.com/docs/cloud-messaging/auth-server",
    fake: (f) => `AAAA${f.chars(BASE64URL, 7)}:APA91b${f.chars(BASE64URL, 134)}`,
  },
];

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
  ...specs.map(tokenRule),
];

export function examples(): RuleExamples {
  const f = new Faker(23);
  const key = `AIza${f.chars(`${ALNUM}-_`, 35)}`;
  const tokens = tokenExamples(specs, 101);
  return {
    truePositives: [
      ...tokens.truePositives,
      { text: `<meta name="maps-key" content="${key}">`, secret: key, path: "index.html" },
    ],
    falsePositives: [
      ...tokens.falsePositives,
      { text: 'apiKey: "AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"' },
      { text: "const k = 'AIza' + rest;" },
    ],
  };
}
