/** Messaging providers: SendGrid and Twilio. */
import type { Rule, RuleExamples } from "../types.js";
import { BASE64URL, Faker, HEX } from "./fake.js";

export const rules: readonly Rule[] = [
  {
    id: "sendgrid-api-key",
    title: "SendGrid API key",
    keywords: ["sg."],
    pattern: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
    minEntropy: 3.5,
    reference: "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys",
    remediation: "Delete the API key in SendGrid (Settings → API Keys).",
  },
  {
    id: "twilio-api-key",
    title: "Twilio API key or auth token",
    keywords: ["twilio"],
    pattern:
      /(?<![A-Za-z0-9])(?<secret>SK[0-9a-f]{32})(?![A-Za-z0-9])|twilio[A-Za-z0-9_.-]{0,40}(?:auth[_.-]?token|secret|api[_.-]?key|token)["']?\s*(?::=|=>|[:=])\s*["']?(?<secret2>[0-9a-f]{32})(?![0-9a-f])/i,
    minEntropy: 3,
    reference: "https://www.twilio.com/docs/iam/api-keys",
    remediation: "Delete the API key or rotate the auth token in the Twilio console.",
  },
];

export function examples(): RuleExamples {
  const f = new Faker(41);
  const sg = `SG.${f.chars(BASE64URL, 22)}.${f.chars(BASE64URL, 43)}`;
  const token = f.chars(HEX, 32);
  const sk = `SK${f.chars(HEX, 32)}`;
  return {
    truePositives: [
      { text: `sgMail.setApiKey("${sg}");`, secret: sg },
      { text: `TWILIO_AUTH_TOKEN=${token}`, secret: token, path: ".env" },
      { text: `twilio_api_key_sid = "${sk}"`, secret: sk, path: "sms.py" },
    ],
    falsePositives: [{ text: "const msg.sender = 'SG.'" }, { text: "TWILIO_AUTH_TOKEN=your_auth_token", path: ".env" }],
  };
}
