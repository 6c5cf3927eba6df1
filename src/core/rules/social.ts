/**
 * Chat and social platforms: Telegram bot tokens, Discord bot tokens and webhooks, Twitter/X
 * bearer tokens, Facebook/Meta access tokens and app secrets, Twitch, Zoom and LINE secrets.
 */
import type { Rule, RuleExamples } from "../types.js";
import { named, type TokenSpec, tokenExamples, tokenRule } from "./define.js";
import { ALNUM, BASE64URL, HEX } from "./fake.js";

const DIGITS = "0123456789";

/** `n` digits right before the keyword (Telegram's `<bot id>:AA…`). */
const digitsBefore = (text: string, start: number): boolean =>
  start >= 8 && /^\d{8}$/.test(text.slice(start - 8, start));

export const specs: readonly TokenSpec[] = [
  {
    id: "telegram-bot-token",
    title: "Telegram bot token",
    provider: "Telegram",
    keywords: [":aa"],
    keywordOffset: 10,
    token: "\\d{8,10}:AA[A-Za-z0-9_-]{33}",
    edge: "A-Za-z0-9_:-",
    maxLength: 46,
    atKeyword: digitsBefore,
    reference: "https://core.telegram.org/bots/api#authorizing-your-bot",
    remediation: "Revoke the token with @BotFather (/revoke) and update the bot.",
    fake: (f) => `${f.chars("123456789", 1)}${f.chars(DIGITS, 9)}:AA${f.chars(BASE64URL, 33)}`,
  },
  {
    id: "discord-webhook-url",
    title: "Discord webhook URL",
    provider: "Discord",
    keywords: ["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"],
    keywordOffset: 20,
    token: "https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68}",
    edge: "A-Za-z0-9_/-",
    maxLength: 150,
    reference: "https://discord.com/developers/docs/resources/webhook",
    remediation: "Delete the webhook in the channel's Integrations settings and create a new one.",
    fake: (f) => `https://discord.com/api/webhooks/${f.chars(DIGITS, 19)}/${f.chars(BASE64URL, 68)}`,
  },
  named({
    id: "discord-bot-token",
    title: "Discord bot token",
    provider: "Discord",
    names: ["discord"],
    what: "token|secret",
    value: "[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}",
    maxValueLength: 72,
    exampleName: "DISCORD_BOT_TOKEN",
    remediation: "Reset the bot's token in the Discord developer portal.",
    fake: (f) => `M${f.chars(ALNUM, 25)}.${f.chars(BASE64URL, 6)}.${f.chars(BASE64URL, 38)}`,
  }),
  {
    id: "twitter-bearer-token",
    title: "Twitter/X API bearer token",
    provider: "Twitter/X",
    keywords: ["aaaaaaaaaaaaaaaaaaaaa"],
    token: "A{21,22}[A-Za-z0-9%]{60,140}",
    edge: "A-Za-z0-9%",
    maxLength: 160,
    // Long runs of `A` are padding in many encodings: a bearer token is mixed after them.
    validate: ({ secret }) => /%3D|%2B|%2F/i.test(secret) || /[a-z].*\d|\d.*[a-z]/.test(secret.replace(/^A+/, "")),
    reference: "https://developer.x.com/en/docs/authentication/oauth-2-0/bearer-tokens",
    fake: (f) => `AAAAAAAAAAAAAAAAAAAAA${f.chars(ALNUM, 30)}%3D${f.chars(ALNUM, 50)}`,
  },
  named({
    id: "twitter-api-secret",
    title: "Twitter/X API key secret or access token secret",
    provider: "Twitter/X",
    names: ["twitter", "x_api", "x_consumer"],
    what: "secret",
    value: "[A-Za-z0-9]{45,50}",
    maxValueLength: 50,
    exampleName: "TWITTER_API_SECRET",
    fake: (f) => f.chars(ALNUM, 50),
  }),
  {
    id: "facebook-access-token",
    title: "Facebook/Meta access token",
    provider: "Meta",
    keywords: ["eaa"],
    token: "EAA[A-Z][A-Za-z0-9]{100,400}",
    edge: "A-Za-z0-9",
    maxLength: 410,
    minEntropy: 4,
    reference: "https://developers.facebook.com/docs/facebook-login/guides/access-tokens",
    fake: (f) => `EAAG${f.chars(ALNUM, 180)}`,
  },
  named({
    id: "facebook-app-secret",
    title: "Facebook/Meta app secret",
    provider: "Meta",
    names: ["facebook", "fb_app", "fb-app", "fbapp", "meta_app", "instagram"],
    what: "secret",
    value: "[a-f0-9]{32}",
    maxValueLength: 32,
    exampleName: "FACEBOOK_APP_SECRET",
    reference: "https://developers.facebook.com/docs/facebook-login/security/#appsecret",
    fake: (f) => f.chars(HEX, 32),
  }),
  named({
    id: "twitch-client-secret",
    title: "Twitch client secret or OAuth token",
    provider: "Twitch",
    names: ["twitch"],
    what: "secret|token",
    value: "[a-z0-9]{30}",
    maxValueLength: 30,
    exampleName: "TWITCH_CLIENT_SECRET",
    fake: (f) => f.chars("abcdefghijklmnopqrstuvwxyz0123456789", 30),
  }),
  named({
    id: "zoom-client-secret",
    title: "Zoom client or webhook secret",
    provider: "Zoom",
    names: ["zoom"],
    what: "secret|token",
    value: "[A-Za-z0-9_-]{22,40}",
    maxValueLength: 40,
    exampleName: "ZOOM_CLIENT_SECRET",
    fake: (f) => f.chars(ALNUM, 32),
  }),
  named({
    id: "line-channel-secret",
    title: "LINE channel secret or access token",
    provider: "LINE",
    names: ["line_channel", "line-channel", "linechannel"],
    what: "secret|token",
    value: "[a-f0-9]{32}|[A-Za-z0-9+/]{160,180}={0,2}",
    maxValueLength: 180,
    exampleName: "LINE_CHANNEL_SECRET",
    fake: (f) => f.chars(HEX, 32),
  }),
];

export const rules: readonly Rule[] = specs.map(tokenRule);

export function examples(): RuleExamples {
  return tokenExamples(specs, 83, {
    falsePositives: [{ text: `const blank = "${"A".repeat(120)}";` }, { text: "const t = '12:AAbb';" }],
  });
}
