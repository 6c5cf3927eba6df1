/**
 * More providers' formats, from their public documentation: developer platforms, SaaS, chat,
 * AI, Google OAuth, newer Azure formats. Each is placed under a neutral name half the time
 * (`value`, `blob`, `setting`, `payload`), so that finding it must come from the format alone.
 */
import { asciiSeed, commonAnnotatedKey, identifiableKey } from "../codec.ts";
import { type Group, names } from "../model.ts";
import { ALNUM, B64URL, DIGITS, type Rng, UPPER } from "../prng.ts";
import { secret } from "./common.ts";

const HEX = "0123456789abcdef";
const uuid = (r: Rng) => [8, 4, 4, 4, 12].map((n) => r.str(HEX, n)).join("-");

/** Names that say nothing about what the value is. */
const NEUTRAL = names("value", "blob", "setting", "payload", "entry", "data", "opaque value", "config value");

/** A format: its label type, telling names, and a generator. */
interface Format {
  readonly type: string;
  readonly telling: string[][];
  make(r: Rng): string;
}

const FORMATS: readonly Format[] = [
  {
    type: "gitlab-token",
    telling: names("gitlab token", "gitlab pat"),
    make: (r) => `glpat-${r.str(`${ALNUM}_-`, 20)}`,
  },
  {
    type: "huggingface-token",
    telling: names("hf token", "hugging face token"),
    make: (r) => `hf_${r.str("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 34)}`,
  },
  { type: "shopify-token", telling: names("shopify access token"), make: (r) => `shpat_${r.str(HEX, 32)}` },
  {
    type: "digitalocean-token",
    telling: names("do token", "digitalocean token"),
    make: (r) => `dop_v1_${r.str(HEX, 64)}`,
  },
  { type: "vault-token", telling: names("vault token"), make: (r) => `hvs.${r.str(`${ALNUM}_-`, 90)}` },
  {
    type: "terraform-cloud-token",
    telling: names("tfe token", "terraform token"),
    make: (r) => `${r.str(ALNUM, 14)}.atlasv1.${r.str(`${ALNUM}_-`, 67)}`,
  },
  { type: "grafana-token", telling: names("grafana token"), make: (r) => `glsa_${r.str(ALNUM, 32)}_${r.str(HEX, 8)}` },
  {
    type: "doppler-token",
    telling: names("doppler token"),
    make: (r) => `dp.st.${r.pick(["dev", "prd", "stg"])}.${r.str(ALNUM, 40)}`,
  },
  { type: "pulumi-token", telling: names("pulumi access token"), make: (r) => `pul-${r.str(HEX, 40)}` },
  {
    type: "postman-api-key",
    telling: names("postman api key"),
    make: (r) => `PMAK-${r.str(HEX, 24)}-${r.str(HEX, 34)}`,
  },
  { type: "linear-api-key", telling: names("linear api key"), make: (r) => `lin_api_${r.str(ALNUM, 40)}` },
  { type: "notion-token", telling: names("notion token"), make: (r) => `ntn_${r.str(DIGITS, 11)}${r.str(ALNUM, 35)}` },
  { type: "sentry-token", telling: names("sentry auth token"), make: (r) => `sntryu_${r.str(HEX, 64)}` },
  { type: "new-relic-key", telling: names("new relic api key"), make: (r) => `NRAK-${r.str(UPPER + DIGITS, 27)}` },
  {
    type: "dynatrace-token",
    telling: names("dt api token"),
    make: (r) => `dt0c01.${r.str(UPPER + DIGITS, 24)}.${r.str(UPPER + DIGITS, 64)}`,
  },
  { type: "square-token", telling: names("square access token"), make: (r) => `EAAA${r.str(`${ALNUM}_-`, 60)}` },
  {
    type: "mailchimp-api-key",
    telling: names("mailchimp api key"),
    make: (r) => `${r.str(HEX, 32)}-us${r.int(1, 21)}`,
  },
  {
    type: "telegram-bot-token",
    telling: names("telegram bot token", "bot token"),
    make: (r) => `${r.int(1, 9)}${r.str(DIGITS, 9)}:AA${r.str(`${ALNUM}_-`, 33)}`,
  },
  {
    type: "discord-webhook",
    telling: names("discord webhook"),
    make: (r) => `https://discord.com/api/webhooks/${r.str(DIGITS, 19)}/${r.str(`${ALNUM}_-`, 68)}`,
  },
  { type: "databricks-token", telling: names("databricks token"), make: (r) => `dapi${r.str(HEX, 32)}` },
  {
    type: "google-oauth-client-secret",
    telling: names("google client secret"),
    make: (r) => `GOCSPX-${r.str(`${ALNUM}_-`, 28)}`,
  },
  {
    type: "google-oauth-access-token",
    telling: names("google access token"),
    make: (r) => `ya29.a0${r.str(B64URL, 150)}`,
  },
  { type: "groq-api-key", telling: names("groq api key"), make: (r) => `gsk_${r.str(ALNUM, 52)}` },
  {
    type: "age-secret-key",
    telling: names("age key", "sops age key"),
    make: (r) => `AGE-SECRET-KEY-1${r.str("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)}`,
  },
  { type: "docker-hub-token", telling: names("docker hub token"), make: (r) => `dckr_pat_${r.str(`${ALNUM}_-`, 27)}` },
  {
    type: "planetscale-password",
    telling: names("planetscale password"),
    make: (r) => `pscale_pw_${r.str(ALNUM, 43)}`,
  },
  {
    type: "tailscale-key",
    telling: names("tailscale auth key", "ts auth key"),
    make: (r) => `tskey-auth-k${r.str(ALNUM, 10)}CNTRL-${r.str(ALNUM, 33)}`,
  },
  { type: "rubygems-api-key", telling: names("gem host api key"), make: (r) => `rubygems_${r.str(HEX, 48)}` },
  {
    type: "nuget-api-key",
    telling: names("nuget api key"),
    make: (r) => `oy2${r.str("abcdefghijklmnopqrstuvwxyz234567", 43)}`,
  },
  {
    type: "brevo-api-key",
    telling: names("brevo api key", "sendinblue key"),
    make: (r) => `xkeysib-${r.str(HEX, 64)}-${r.str(ALNUM, 16)}`,
  },
  {
    type: "cloudflare-origin-ca-key",
    telling: names("origin ca key"),
    make: (r) => `v1.0-${r.str(HEX, 24)}-${r.str(HEX, 146)}`,
  },
  { type: "plaid-access-token", telling: names("plaid access token"), make: (r) => `access-production-${uuid(r)}` },
  {
    type: "hubspot-token",
    telling: names("hubspot token", "hubspot private app token"),
    make: (r) => `pat-na1-${uuid(r)}`,
  },
  { type: "openrouter-api-key", telling: names("openrouter key"), make: (r) => `sk-or-v1-${r.str(HEX, 64)}` },
  {
    type: "azure-openai-key",
    telling: names("azure openai key", "aoai key"),
    // A CASK key with the Azure OpenAI provider characters and a valid checksum.
    make: (r) =>
      commonAnnotatedKey((n) => (n === 16 ? `${r.str(ALNUM, 12)}AAAB` : r.str(ALNUM, n)), "ACOG", 2025, r.int(1, 12)),
  },
  {
    type: "azure-cache-for-redis-key",
    telling: names("redis key", "azure redis access key"),
    make: (r) => identifiableKey(r.bytes(32), 32, "AzCa", asciiSeed("Access00")),
  },
  {
    type: "azure-batch-key",
    telling: names("batch account key"),
    make: (r) => identifiableKey(r.bytes(64), 64, "+ABa", asciiSeed("AbAcct00")),
  },
  {
    type: "teams-webhook",
    telling: names("teams webhook url"),
    make: (r) =>
      `https://${r.pick(["contoso", "fabrikam", "northwind"])}.webhook.office.com/webhookb2/${uuid(r)}@${uuid(r)}/IncomingWebhook/${r.str(HEX, 32)}/${uuid(r)}`,
  },
  {
    // The push URL (its `key` is percent-encoded base64), labeled whole like the Teams webhook.
    type: "powerbi-push-key",
    telling: names("power bi push url", "powerbi streaming url"),
    make: (r) =>
      `https://api.powerbi.com/beta/${uuid(r)}/datasets/${uuid(r)}/rows?key=${encodeURIComponent(r.str(`${ALNUM}+/`, 86))}%3D%3D`,
  },
];

/** The label types of these formats. */
export const BREADTH_TYPES: readonly string[] = FORMATS.map((f) => f.type);

/** One of the formats, under a telling name or (half the time) a neutral one. */
export function breadth(r: Rng): Group {
  const format = r.pick(FORMATS);
  const value = format.make(r);
  const words = r.chance(0.5) ? r.pick(NEUTRAL) : r.pick(format.telling);
  return [secret(format.type, words, value, value)];
}
