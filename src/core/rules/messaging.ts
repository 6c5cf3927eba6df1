/** Messaging providers: SendGrid and Twilio; Vonage, Plivo, MessageBird, Sinch, Pusher, Ably, Stream beside their names. */
import type { Rule, RuleExamples } from "../types.js";
import { named, type TokenSpec, tokenExamples, tokenRule } from "./define.js";
import { ALNUM, BASE64URL, Faker, HEX } from "./fake.js";

export const specs: readonly TokenSpec[] = [
  named({
    id: "vonage-api-secret",
    title: "Vonage (Nexmo) API secret",
    provider: "Vonage",
    names: ["vonage", "nexmo"],
    what: "secret",
    value: "[A-Za-z0-9]{16}",
    maxValueLength: 16,
    exampleName: "VONAGE_API_SECRET",
    reference: "https://developer.vonage.com/account/secret-management",
    fake: (f) => f.chars(ALNUM, 16),
  }),
  named({
    id: "plivo-auth-token",
    title: "Plivo auth token",
    provider: "Plivo",
    names: ["plivo"],
    what: "token|secret",
    value: "[A-Za-z0-9]{40}",
    maxValueLength: 40,
    exampleName: "PLIVO_AUTH_TOKEN",
    reference: "https://www.plivo.com/docs/faq/account/account-management",
    fake: (f) => f.chars(ALNUM, 40),
  }),
  named({
    id: "messagebird-access-key",
    title: "MessageBird (Bird) access key",
    provider: "MessageBird",
    names: ["messagebird", "message_bird"],
    what: "key|token",
    value: "[A-Za-z0-9]{25}",
    maxValueLength: 25,
    exampleName: "MESSAGEBIRD_ACCESS_KEY",
    fake: (f) => f.chars(ALNUM, 25),
  }),
  named({
    id: "sinch-api-secret",
    title: "Sinch API or app secret",
    provider: "Sinch",
    names: ["sinch"],
    what: "secret|token",
    value: "[A-Za-z0-9_~.-]{20,64}",
    maxValueLength: 64,
    exampleName: "SINCH_KEY_SECRET",
    minEntropy: 3.5,
    fake: (f) => f.chars(ALNUM, 30),
  }),
  named({
    id: "pusher-secret",
    title: "Pusher Channels app secret",
    provider: "Pusher",
    names: ["pusher"],
    what: "secret",
    value: "[a-f0-9]{20}",
    maxValueLength: 20,
    exampleName: "PUSHER_APP_SECRET",
    reference: "https://docs.bird.com/pusher/channels/channels/connecting/how-can-i-rotate-my-channels-app-keys",
    fake: (f) => f.chars(HEX, 20),
  }),
  named({
    id: "ably-api-key",
    title: "Ably API key",
    provider: "Ably",
    names: ["ably"],
    what: "key|token",
    value: "[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{6}:[A-Za-z0-9_-]{30,50}",
    maxValueLength: 64,
    exampleName: "ABLY_API_KEY",
    fake: (f) => `${f.chars(ALNUM, 6)}.${f.chars(ALNUM, 6)}:${f.chars(BASE64URL, 43)}`,
  }),
  named({
    id: "stream-api-secret",
    title: "Stream (GetStream) API secret",
    provider: "Stream",
    names: ["getstream", "stream_api", "stream-api", "streamapi"],
    what: "secret",
    value: "[a-z0-9]{64}",
    maxValueLength: 64,
    exampleName: "STREAM_API_SECRET",
    fake: (f) => f.chars("abcdefghijklmnopqrstuvwxyz0123456789", 64),
  }),
];

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
  ...specs.map(tokenRule),
];

export function examples(): RuleExamples {
  const f = new Faker(41);
  const sg = `SG.${f.chars(BASE64URL, 22)}.${f.chars(BASE64URL, 43)}`;
  const token = f.chars(HEX, 32);
  const sk = `SK${f.chars(HEX, 32)}`;
  const tokens = tokenExamples(specs, 107);
  return {
    truePositives: [
      ...tokens.truePositives,
      { text: `sgMail.setApiKey("${sg}");`, secret: sg },
      { text: `TWILIO_AUTH_TOKEN=${token}`, secret: token, path: ".env" },
      { text: `twilio_api_key_sid = "${sk}"`, secret: sk, path: "sms.py" },
    ],
    falsePositives: [
      ...tokens.falsePositives,
      { text: "const msg.sender = 'SG.'" },
      { text: "TWILIO_AUTH_TOKEN=your_auth_token", path: ".env" },
    ],
  };
}
