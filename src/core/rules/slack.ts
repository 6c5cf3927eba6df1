/** Slack tokens and incoming webhooks. Reference: https://api.slack.com/authentication/token-types */
import type { Rule, RuleExamples } from "../types.js";
import { ALNUM, Faker } from "./fake.js";

const DIGITS = "0123456789";
const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export const rules: readonly Rule[] = [
  {
    id: "slack-token",
    title: "Slack token",
    keywords: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxe-", "xoxs-", "xapp-"],
    // Bot, user, app-level, configuration (`xoxe.xoxp-1-`) and refresh (`xoxe-1-`) tokens.
    pattern:
      /(?<![A-Za-z0-9-])(?:xox[abeprs]-(?:\d{6,15}-){1,3}[A-Za-z0-9]{16,64}|xoxe\.xox[bp]-1-[A-Za-z0-9]{100,200}|xoxe-1-[A-Za-z0-9-]{100,200}|xapp-\d-[A-Z0-9]{8,14}-\d{10,15}-[a-f0-9]{32,80})(?![A-Za-z0-9-])/,
    minEntropy: 3,
    reference: "https://api.slack.com/authentication/token-types",
    remediation: "Revoke the token (auth.revoke or the app's OAuth settings) and reinstall the app.",
  },
  {
    id: "slack-webhook-url",
    title: "Slack incoming webhook URL",
    keywords: ["hooks.slack.com"],
    // Incoming webhooks (`services/T…/B…/…`), and Workflow Builder webhooks and triggers
    // (`workflows/T…/A…/<id>/…`, `triggers/T…/<id>/<hex>`).
    pattern:
      /https:\/\/hooks\.slack\.com\/(?:services\/[A-Z0-9]{8,12}\/[A-Z0-9]{8,12}\/[A-Za-z0-9]{20,40}|workflows\/[A-Z0-9]{8,12}\/[A-Z0-9]{8,12}\/\d{10,20}\/[A-Za-z0-9]{20,40}|triggers\/[A-Z0-9]{8,12}\/\d{10,20}\/[a-f0-9]{32})(?![A-Za-z0-9])/,
    minEntropy: 3,
    reference: "https://api.slack.com/messaging/webhooks",
    remediation: "Delete the webhook in the Slack app's Incoming Webhooks settings and create a new one.",
  },
];

export function examples(): RuleExamples {
  const f = new Faker(17);
  const bot = `xoxb-${f.chars(DIGITS, 12)}-${f.chars(DIGITS, 13)}-${f.chars(ALNUM, 24)}`;
  const user = `xoxp-${f.chars(DIGITS, 12)}-${f.chars(DIGITS, 12)}-${f.chars(DIGITS, 13)}-${f.chars("0123456789abcdef", 32)}`;
  const hook = `https://hooks.slack.com/services/T${f.chars(UPPER_ALNUM, 8)}/B${f.chars(UPPER_ALNUM, 10)}/${f.chars(ALNUM, 24)}`;
  const workflow = `https://hooks.slack.com/workflows/T${f.chars(UPPER_ALNUM, 8)}/A${f.chars(UPPER_ALNUM, 10)}/${f.chars(DIGITS, 18)}/${f.chars(ALNUM, 24)}`;
  const trigger = `https://hooks.slack.com/triggers/T${f.chars(UPPER_ALNUM, 8)}/${f.chars(DIGITS, 13)}/${f.chars("0123456789abcdef", 32)}`;
  const refresh = `xoxe-1-${f.chars(ALNUM, 140)}`;
  return {
    truePositives: [
      { text: `SLACK_BOT_TOKEN=${bot}`, secret: bot, path: ".env" },
      { text: `client = WebClient(token="${user}")`, secret: user, path: "bot.py" },
      { text: `webhook_url: "${hook}"`, secret: hook, path: "alerts.yml" },
      { text: `url = "${workflow}"`, secret: workflow, path: "notify.py" },
      { text: `fetch("${trigger}", { method: "POST" })`, secret: trigger },
      { text: `refresh: ${refresh}`, secret: refresh, path: "slack.yml" },
    ],
    falsePositives: [
      { text: 'token: "xoxb-your-token-here"' },
      { text: "SLACK_TOKEN=xoxb-XXXXXXXXXXXX-XXXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX" },
      { text: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX" },
    ],
  };
}
