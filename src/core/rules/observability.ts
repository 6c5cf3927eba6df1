/**
 * Monitoring, analytics and feature-flag services: Datadog, New Relic, Sentry, Grafana,
 * Dynatrace, LaunchDarkly, PostHog, Honeycomb, Rollbar, Bugsnag, Splunk. Keys with a shape of
 * their own are found by it; plain hex keys beside their provider's name.
 */
import type { Rule, RuleExamples } from "../types.js";
import { named, type TokenSpec, tokenExamples, tokenRule } from "./define.js";
import { ALNUM, BASE64URL, HEX } from "./fake.js";

const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const uuid = (f: { chars(a: string, n: number): string }) => [8, 4, 4, 4, 12].map((n) => f.chars(HEX, n)).join("-");
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

export const specs: readonly TokenSpec[] = [
  named({
    id: "datadog-api-key",
    title: "Datadog API or application key",
    provider: "Datadog",
    names: ["datadog", "dd_api", "dd_app", "dd-api", "dd-app", "ddapi", "ddapp"],
    what: "api[_.-]?key|app(?:lication)?[_.-]?key|key",
    value: "[a-f0-9]{32}|[a-f0-9]{40}",
    maxValueLength: 40,
    exampleName: "DD_API_KEY",
    reference: "https://docs.datadoghq.com/account_management/api-app-keys/",
    fake: (f) => f.chars(HEX, 32),
  }),
  {
    id: "new-relic-key",
    title: "New Relic user, insert, browser or license key",
    provider: "New Relic",
    keywords: ["nrak-", "nrii-", "nrjs-", "nraa-", "nral"],
    keywordOffset: 36,
    token: "NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32}|NRJS-[a-f0-9]{19}|NRAA-[a-f0-9]{27}|[a-f0-9]{36}NRAL",
    maxLength: 40,
    reference: "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/",
    fake: (f) => `NRAK-${f.chars(UPPER_ALNUM, 27)}`,
  },
  {
    id: "sentry-token",
    title: "Sentry auth token",
    provider: "Sentry",
    keywords: ["sntrys_", "sntryu_"],
    token: "sntrys_eyJ[A-Za-z0-9+/=_-]{80,400}|sntryu_[a-f0-9]{64}",
    edge: "A-Za-z0-9+/=_-",
    maxLength: 410,
    reference: "https://docs.sentry.io/account/auth-tokens/",
    fake: (f) => `sntryu_${f.chars(HEX, 64)}`,
  },
  {
    id: "grafana-token",
    title: "Grafana Cloud access policy token or service account token",
    provider: "Grafana",
    keywords: ["glc_", "glsa_"],
    token: "glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}",
    edge: "A-Za-z0-9+/=_-",
    maxLength: 410,
    reference:
      "https://grafana.com/docs/grafana-cloud/security-and-account-management/authentication-and-permissions/access-policies/",
    fake: (f) => `glsa_${f.chars(ALNUM, 32)}_${f.chars(HEX, 8)}`,
  },
  {
    id: "dynatrace-token",
    title: "Dynatrace API token",
    provider: "Dynatrace",
    keywords: ["dt0c01.", "dt0s01.", "dt0s02.", "dt0s16."],
    token: "dt0[cs]\\d{2}\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}",
    edge: "A-Za-z0-9_.-",
    maxLength: 96,
    reference: "https://docs.dynatrace.com/docs/dynatrace-api/basics/dynatrace-api-authentication",
    fake: (f) => `dt0c01.${f.chars(UPPER_ALNUM, 24)}.${f.chars(UPPER_ALNUM, 64)}`,
  },
  {
    id: "launchdarkly-key",
    title: "LaunchDarkly API access token or SDK key",
    provider: "LaunchDarkly",
    keywords: ["api-", "sdk-"],
    // Version-4 UUIDs after the prefix; mobile keys (`mob-`) ship inside apps and are not secret.
    token: `(?:api|sdk)-${UUID.replace("{4}-[0-9a-f]{4}-[0-9a-f]{4}", "{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}")}`,
    maxLength: 40,
    reference: "https://docs.launchdarkly.com/home/account/api",
    fake: (f) =>
      `sdk-${f.chars(HEX, 8)}-${f.chars(HEX, 4)}-4${f.chars(HEX, 3)}-a${f.chars(HEX, 3)}-${f.chars(HEX, 12)}`,
  },
  {
    id: "posthog-personal-api-key",
    title: "PostHog personal API key",
    provider: "PostHog",
    keywords: ["phx_"],
    token: "phx_[A-Za-z0-9]{43}",
    maxLength: 47,
    reference: "https://posthog.com/docs/api#private-endpoint-authentication",
    fake: (f) => `phx_${f.chars(ALNUM, 43)}`,
  },
  {
    id: "honeycomb-key",
    title: "Honeycomb API or ingest key",
    provider: "Honeycomb",
    keywords: ["hcaik_", "hcxik_", "hcamk_", "hcxmk_"],
    token: "hc[ax][im]k_[a-z0-9]{58}",
    maxLength: 64,
    reference: "https://docs.honeycomb.io/get-started/configure/environments/manage-api-keys/",
    fake: (f) => `hcaik_${f.chars("abcdefghijklmnopqrstuvwxyz0123456789", 58)}`,
  },
  named({
    id: "rollbar-access-token",
    title: "Rollbar access token",
    provider: "Rollbar",
    names: ["rollbar"],
    what: "token|key",
    value: "[a-f0-9]{32}",
    maxValueLength: 32,
    exampleName: "ROLLBAR_ACCESS_TOKEN",
    reference: "https://docs.rollbar.com/docs/access-tokens",
    fake: (f) => f.chars(HEX, 32),
  }),
  named({
    id: "bugsnag-api-key",
    title: "Bugsnag API key",
    provider: "Bugsnag",
    names: ["bugsnag"],
    what: "key|token",
    value: "[a-f0-9]{32}",
    maxValueLength: 32,
    exampleName: "BUGSNAG_API_KEY",
    fake: (f) => f.chars(HEX, 32),
  }),
  named({
    id: "splunk-hec-token",
    title: "Splunk HTTP Event Collector token",
    provider: "Splunk",
    names: ["splunk"],
    what: "token|key",
    value: UUID.replace(/a-f/g, "A-Fa-f"),
    maxValueLength: 36,
    exampleName: "SPLUNK_HEC_TOKEN",
    reference: "https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector",
    fake: (f) => uuid(f),
  }),
  named({
    id: "mixpanel-secret",
    title: "Mixpanel API secret or service account secret",
    provider: "Mixpanel",
    names: ["mixpanel"],
    what: "secret",
    value: "[A-Za-z0-9]{32}",
    maxValueLength: 32,
    exampleName: "MIXPANEL_API_SECRET",
    reference: "https://docs.mixpanel.com/reference/service-accounts",
    fake: (f) => f.chars(ALNUM, 32),
  }),
  named({
    id: "segment-write-key",
    title: "Segment write key (server-side source)",
    provider: "Segment",
    names: ["segment"],
    what: "write[_.-]?key|secret",
    value: "[A-Za-z0-9]{32}",
    maxValueLength: 32,
    exampleName: "SEGMENT_WRITE_KEY",
    reference: "https://segment.com/docs/connections/find-writekey/",
    fake: (f) => f.chars(ALNUM, 32),
  }),
  named({
    id: "pagerduty-api-key",
    title: "PagerDuty API or integration key",
    provider: "PagerDuty",
    names: ["pagerduty", "pd_api", "pd_routing", "pd_integration"],
    what: "key|token",
    value: "[A-Za-z0-9_+-]{20}|[a-f0-9]{32}",
    maxValueLength: 32,
    exampleName: "PAGERDUTY_API_KEY",
    reference: "https://support.pagerduty.com/main/docs/api-access-keys",
    fake: (f) => f.chars(BASE64URL, 20),
  }),
];

export const rules: readonly Rule[] = specs.map(tokenRule);

export function examples(): RuleExamples {
  return tokenExamples(specs, 73, {
    falsePositives: [
      { text: 'DD_SITE = "datadoghq.eu"', path: "settings.py" },
      { text: "const LD_MOBILE = 'mob-00000000-0000-4000-8000-000000000000';" },
      { text: 'posthog.init("phc_' + "Ab12".repeat(10) + 'Xyz", { api_host: "https://eu.posthog.com" })' },
    ],
  });
}
