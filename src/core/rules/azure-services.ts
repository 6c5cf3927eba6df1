/**
 * Azure services beyond storage, messaging and DevOps (those are in `azure.ts`): the common
 * annotated security key format (CASK, signature `JQQJ99`) used by Azure AI services / OpenAI,
 * Event Grid, App Configuration, Maps, Communication Services, Mixed Reality, Fluid Relay and
 * SQL; identifiable keys of Batch, ML, Cache for Redis, IoT and AI Search; connection strings
 * with `AccessKey=` (SignalR, Web PubSub, Communication Services) and Redis passwords;
 * Databricks tokens; Teams incoming webhooks. Checksums are validated (see `identifiable.ts`).
 * Reference: https://github.com/microsoft/security-utilities/blob/main/docs/split-key-format.md
 */
import type { Rule, RuleExamples } from "../types.js";
import { identifiableChecksum } from "./azure.js";
import { ALNUM, BASE64, Faker, HEX } from "./fake.js";
import { hasValidCaskChecksum } from "./identifiable.js";

const KEY_REMEDIATION = "Regenerate the key at the resource (secondary first, switch consumers, then primary).";
const B62 = "[A-Za-z0-9]";

/** An 84/88-character CASK key whose 8 characters at offset 72 match `provider` (a regex). */
function cask(provider: string): RegExp {
  return new RegExp(
    `(?<![A-Za-z0-9])${B62}{52}JQQJ9[9DH]${B62}[A-L]${B62}{12}${provider}${B62}{4}(?:${B62}{2}==)?(?![A-Za-z0-9+/=])`,
  );
}

/** An identifiable key of `chars` characters (base64 and padding) with `sig` at `offset`. */
function identifiable(sig: string, offset: number, tail: string): string {
  return `(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{${offset}}${sig.replace("+", "\\+")}${tail}(?![A-Za-z0-9+/=_-])`;
}

/** `JQQJ9` sits at offset 52 of a key of at most 88 characters. */
const GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** Words that put a gzip-base64 blob in Power BI's hands: the service, or its embed vocabulary. */
const POWER_BI_CONTEXT = /power[\s_.-]?bi|embed[\s_.-]?token|embedurl|accesstoken[^\n]{0,80}tokentype/i;

/** A base64 key of at least 32 bytes, also when percent-encoded inside a URL. */
function isBase64Key(value: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return false;
  }
  return /^[A-Za-z0-9+/]{43,}={0,2}$/.test(decoded) && decoded.length % 4 === 0;
}

const CASK_WINDOW = { before: 56, after: 40 } as const;

const caskValid = ({ secret }: { secret: string }) => hasValidCaskChecksum(secret);

/** CASK providers: id, title, the 8 characters at offset 72, remediation. */
const CASK: ReadonlyArray<readonly [id: string, title: string, provider: string, fake: string]> = [
  ["azure-openai-key", "Azure OpenAI key", "AAABACOG", "AAABACOG"],
  [
    "azure-ai-services-key",
    "Azure AI services key (Cognitive Services, Speech, Translator, Vision, Language, Bing …)",
    "AAA[A-Za-z0-9]ACOG",
    "AAAYACOG",
  ],
  ["azure-event-grid-key", "Azure Event Grid access key", "AAAAAZEG", "AAAAAZEG"],
  ["azure-app-configuration-key", "Azure App Configuration access key", "AAAAAZAC", "AAAAAZAC"],
  ["azure-maps-key", "Azure Maps key", "AAAAAZMP", "AAAAAZMP"],
  ["azure-communication-services-key", "Azure Communication Services key", "AAAAAZCS", "AAAAAZCS"],
  ["azure-mixed-reality-key", "Azure Mixed Reality key", "AAAAAZMR", "AAAAAZMR"],
  ["azure-fluid-relay-key", "Azure Fluid Relay key", "AAAAAZFR", "AAAAAZFR"],
  ["azure-sql-key", "Azure SQL common annotated key", "AAAAmsql", "AAAAmsql"],
];

export const rules: readonly Rule[] = [
  ...CASK.map(
    ([id, title, provider]): Rule => ({
      id,
      title,
      keywords: ["jqqj9"],
      pattern: cask(provider),
      window: CASK_WINDOW,
      startsBeforeKeyword: true,
      validate: caskValid,
      reference: "https://github.com/microsoft/security-utilities",
      remediation: KEY_REMEDIATION,
    }),
  ),
  {
    id: "azure-event-grid-identifiable-key",
    title: "Azure Event Grid access key",
    keywords: ["azeg"],
    pattern: new RegExp(identifiable("AZEG", 33, "[A-P][A-Za-z0-9+/]{5}=")),
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/azure/event-grid/security-authentication",
    remediation: KEY_REMEDIATION,
  },
  {
    id: "azure-batch-key",
    title: "Azure Batch account key",
    keywords: ["+aba", "batch"],
    window: { before: 80, after: 340 },
    startsBeforeKeyword: true,
    pattern: new RegExp(
      `${identifiable("+ABa", 76, "[A-Za-z0-9+/]{5}[AQgw]==")}|batch[A-Za-z0-9_.-]{0,30}key[A-Za-z0-9_]{0,20}["']?\\s*(?:[:=]|=>)\\s*["']?(?<secret>[A-Za-z0-9+/]{86}==)|az batch [^\\n]{0,200}--account-key[= ]["']?(?<secret2>[A-Za-z0-9+/]{86}==)`,
      "i",
    ),
    validate: identifiableChecksum("+ABa", 76, 88),
    reference: "https://learn.microsoft.com/azure/batch/security-best-practices",
    remediation: KEY_REMEDIATION,
  },
  {
    id: "azure-ml-classic-key",
    title: "Azure Machine Learning web service (classic) key",
    keywords: ["+amc"],
    pattern: new RegExp(identifiable("+AMC", 76, "[A-Za-z0-9+/]{5}[AQgw]==")),
    validate: identifiableChecksum("+AMC", 76, 88),
    remediation: KEY_REMEDIATION,
  },
  {
    id: "azure-cache-for-redis-key",
    title: "Azure Cache for Redis access key",
    keywords: ["azca", ".redis.cache.windows.net", ".redis.azure.net", ".redis.cache.chinacloudapi.cn"],
    pattern: new RegExp(
      `${identifiable("AzCa", 33, "[A-P][A-Za-z0-9+/]{5}=")}|[A-Za-z0-9-]{1,63}\\.redis\\.(?:cache\\.windows\\.net|azure\\.net|cache\\.chinacloudapi\\.cn|cache\\.usgovcloudapi\\.net)(?::\\d{2,5})?\\s*,[^"'\\n]{0,200}?\\bpassword\\s*=\\s*(?<secret>[^,;\\s"']{20,100})`,
      "i",
    ),
    minEntropy: 3.5,
    validate: identifiableChecksum("AzCa", 33, 44),
    reference: "https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure",
    remediation: "Regenerate the cache's access key; prefer Entra ID authentication.",
  },
  {
    id: "azure-iot-key",
    title: "Azure IoT Hub / Device Provisioning / device key",
    keywords: ["aiot"],
    pattern: new RegExp(identifiable("AIoT", 33, "[A-P][A-Za-z0-9+/]{5}=")),
    validate: identifiableChecksum("AIoT", 33, 44),
    reference: "https://learn.microsoft.com/azure/iot-hub/authenticate-authorize-sas",
    remediation: KEY_REMEDIATION,
  },
  {
    id: "azure-search-key",
    title: "Azure AI Search admin or query key",
    keywords: ["azse", "search"],
    window: { before: 64, after: 160 },
    startsBeforeKeyword: true,
    pattern:
      /(?<![A-Za-z0-9+/_-])[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5}(?![A-Za-z0-9+/=_-])|(?:azure[_.-]?search|search[_.-]?(?:service|admin|query|api))[A-Za-z0-9_.-]{0,20}key["']?\s*(?:[:=]|=>)\s*["']?(?<secret>[A-Za-z0-9]{32}|[A-Za-z0-9]{52})(?![A-Za-z0-9])/i,
    minEntropy: 3,
    validate: identifiableChecksum("AzSe", 42, 52),
    reference: "https://learn.microsoft.com/azure/search/search-security-api-keys",
    remediation: "Regenerate the admin key (or delete the query key) in the search service's Keys.",
  },
  {
    id: "azure-access-key-connection-string",
    title: "Azure SignalR / Web PubSub / Communication Services access key",
    keywords: ["accesskey="],
    pattern:
      /Endpoint\s*=\s*(?:https?|wss?):\/\/[^;\s"']+;\s*(?:[A-Za-z]+\s*=\s*[^;\s"']*;\s*)?AccessKey\s*=\s*(?<secret>[A-Za-z0-9+/]{40,90}={0,2})/i,
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/azure/azure-signalr/signalr-howto-authorize-application",
    remediation: "Regenerate the resource's access key; prefer Entra ID (managed identity) authentication.",
  },
  {
    id: "azure-databricks-token",
    title: "Azure Databricks personal access token",
    keywords: ["dapi"],
    pattern: /(?<![A-Za-z0-9_-])dapi[0-9a-f]{32}(?:-\d)?(?![A-Za-z0-9_-])/,
    minEntropy: 3,
    reference: "https://learn.microsoft.com/azure/databricks/dev-tools/auth/pat",
    remediation: "Revoke the token in the workspace (User settings → Developer → Access tokens).",
  },
  {
    id: "microsoft-teams-webhook-url",
    title: "Microsoft Teams / Office 365 incoming webhook URL",
    keywords: ["webhook.office.com", "outlook.office.com/webhook", "outlook.office365.com/webhook"],
    pattern:
      /https:\/\/(?:[A-Za-z0-9-]+\.webhook\.office\.com\/webhookb2|outlook\.office(?:365)?\.com\/webhook)\/[0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}(?:\/[A-Za-z0-9_-]{20,80})?/i,
    reference:
      "https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook",
    remediation: "Remove the connector or workflow from the channel and create a new one.",
  },
  {
    // A streaming (push) dataset's push URL: the `key` parameter alone lets anyone write rows.
    id: "powerbi-push-url-key",
    title: "Power BI streaming dataset push URL key",
    keywords: ["api.powerbi.com/beta/"],
    window: { before: 8, after: 400 },
    pattern: new RegExp(
      `https://api\\.powerbi\\.com/beta/${GUID}/datasets/${GUID}/rows\\?(?:[A-Za-z0-9_.-]+=[^&\\s"'#]*&){0,4}key=(?<secret>(?:[A-Za-z0-9+/=]|%[0-9A-Fa-f]{2}){40,200})`,
      "i",
    ),
    minEntropy: 3,
    validate: ({ secret }) => isBase64Key(secret),
    reference: "https://learn.microsoft.com/power-bi/connect-data/service-real-time-streaming",
    remediation:
      "Delete the streaming dataset (or recreate it) so the leaked push URL stops accepting rows, and keep the new URL in a secret store.",
  },
  {
    // `GenerateToken` returns a gzip-compressed, base64-encoded token (gzip's header is `H4sI…`);
    // a gzip blob is only this token beside a Power BI name, so the line must say so.
    id: "powerbi-embed-token",
    title: "Power BI embed token",
    keywords: ["h4siaaaaaaae"],
    window: { before: 0, after: 12_100 },
    startsBeforeKeyword: true,
    pattern: /(?<![A-Za-z0-9+/])H4sIAAAAAAAE[A-Za-z0-9+/]{200,12000}={0,2}(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    validate: ({ line }) => POWER_BI_CONTEXT.test(line),
    reference: "https://learn.microsoft.com/power-bi/developer/embedded/generate-embed-token",
    remediation:
      "Embed tokens expire (an hour by default): stop publishing this one, generate tokens server-side per session with a short lifetimeInMinutes, and rotate the service principal's secret if it leaked too.",
  },
  {
    id: "azure-cognitive-services-legacy-key",
    title: "Azure AI services key (legacy 32-character)",
    keywords: ["cognitive", "speech", "translator", "openai", "bing", "luis", "vision", "analytics", "recognizer"],
    window: { before: 40, after: 140 },
    startsBeforeKeyword: true,
    pattern:
      /(?:cognitive[_.-]?services?|azure[_.-]?(?:speech|translator|openai|vision|language|ai)|speech|translator|bing[_.-]?(?:search|maps)?|luis|computer[_.-]?vision|text[_.-]?analytics|form[_.-]?recognizer|openai)[A-Za-z0-9_.-]{0,20}(?:key|subscription)[A-Za-z0-9_]{0,10}["']?\s*(?:[:=]|=>|,)\s*["']?(?<secret>[0-9a-f]{32})(?![0-9a-f])/i,
    minEntropy: 3,
    reference: "https://learn.microsoft.com/azure/ai-services/authentication",
    remediation: "Regenerate the key in the resource's Keys and Endpoint; prefer Entra ID authentication.",
  },
  {
    id: "azure-common-annotated-key",
    title: "Azure common annotated security key (other service)",
    keywords: ["jqqj9"],
    window: CASK_WINDOW,
    startsBeforeKeyword: true,
    pattern: new RegExp(
      `(?<![A-Za-z0-9])${B62}{52}JQQJ9[9DH]${B62}[A-L]${B62}{16}[A-Za-z]${B62}{7}(?:${B62}{2}==)?(?![A-Za-z0-9+/=])`,
    ),
    validate: caskValid,
    reference: "https://github.com/microsoft/security-utilities",
    remediation: KEY_REMEDIATION,
  },
];

/** A GUID of fake hex. */
function guid(f: Faker): string {
  return [8, 4, 4, 4, 12].map((n) => f.chars(HEX, n)).join("-");
}

export function examples(): RuleExamples {
  const f = new Faker(61);
  const casks = CASK.map(([, , , fake]) => f.caskKey(fake));
  const other = f.caskKey("AAAAAZXX");
  const [openai] = casks as [string];
  const batch = f.identifiableKey(64, "+ABa", 76);
  const batchLegacy = f.base64Bytes(64);
  const ml = f.identifiableKey(64, "+AMC", 76);
  const redis = f.identifiableKey(32, "AzCa", 33);
  const redisLegacy = f.base64Bytes(32);
  const iot = f.identifiableKey(32, "AIoT", 33, BASE64, "Device00");
  const eventGrid = f.identifiableKey(32, "AIoT", 33).replace("AIoT", "AZEG");
  const search = f.identifiableKey(39, "AzSe", 42, ALNUM);
  const searchLegacy = f.chars(ALNUM, 52);
  const access = f.base64Bytes(32);
  const databricks = `dapi${f.chars(HEX, 32)}`;
  const teams = `https://contoso.webhook.office.com/webhookb2/${guid(f)}@${guid(f)}/IncomingWebhook/${f.chars(HEX, 32)}/${guid(f)}/V2${f.chars(ALNUM, 40)}`;
  const speech = f.chars(HEX, 32);
  const push = encodeURIComponent(f.base64Bytes(64));
  const pushUrl = (key: string) =>
    `https://api.powerbi.com/beta/${guid(f)}/datasets/${guid(f)}/rows?experience=power-bi&key=${key}`;
  const embed = `H4sIAAAAAAAEA${f.chars(BASE64, 900)}=`;
  const brokenCask = `${openai.slice(0, 81)}${openai[81] === "A" ? "B" : "A"}${openai.slice(82)}`;
  return {
    truePositives: [
      ...casks.map((key, i) => ({ text: `  "key${i}": "${key}",`, secret: key, path: "settings.json" })),
      { text: `client = AzureOpenAI(api_key="${openai}")`, secret: openai, path: "chat.py" },
      { text: `value = ${other}`, secret: other, path: "a.cfg" },
      { text: `BATCH_KEY=${batch}`, secret: batch, path: ".env" },
      { text: `"batchAccountKey": "${batchLegacy}"`, secret: batchLegacy, path: "config.json" },
      { text: `k = '${ml}'`, secret: ml, path: "score.py" },
      { text: `const cache = "${redis}";`, secret: redis },
      {
        text: `"Redis": "acme.redis.cache.windows.net:6380,password=${redisLegacy},ssl=True,abortConnect=False"`,
        secret: redisLegacy,
        path: "appsettings.json",
      },
      {
        text: `HostName=acme.azure-devices.net;DeviceId=pump-7;SharedAccessKey=${iot}`,
        secret: iot,
        path: "device.env",
      },
      { text: `x = "${iot}"`, secret: iot },
      { text: `topicKey: ${eventGrid}`, secret: eventGrid, path: "values.yaml" },
      { text: `const credential = new AzureKeyCredential("${search}");`, secret: search },
      { text: `AZURE_SEARCH_ADMIN_KEY=${searchLegacy}`, secret: searchLegacy, path: ".env" },
      {
        text: `"Azure:SignalR:ConnectionString": "Endpoint=https://acme.service.signalr.net;AccessKey=${access};Version=1.0;"`,
        secret: access,
        path: "appsettings.json",
      },
      {
        text: `Endpoint=https://acme.webpubsub.azure.com;AccessKey=${access};Version=1.0;`,
        secret: access,
      },
      { text: `endpoint=https://acme.communication.azure.com/;accesskey=${access}`, secret: access },
      { text: `DATABRICKS_TOKEN=${databricks}`, secret: databricks, path: ".env" },
      { text: `curl -H 'Content-Type: application/json' -d @card.json ${teams}`, secret: teams, path: "notify.sh" },
      { text: `SPEECH_KEY=${speech}`, secret: speech, path: ".env" },
      { text: `const endpoint = "${pushUrl(push)}";`, secret: push, path: "src/telemetry.ts" },
      { text: `  url: ${pushUrl(push).replace("experience=power-bi&", "")}`, secret: push, path: "flow.yml" },
      { text: `const report = { embedToken: "${embed}", tokenType: 1 };`, secret: embed, path: "embed.js" },
      { text: `PowerBI.EmbedToken = '${embed}'`, secret: embed, path: "notes.ps1" },
      { text: `translatorKey: "${speech}"`, secret: speech, path: "config.ts" },
    ],
    falsePositives: [
      { text: `const key = "${brokenCask}";` },
      { text: `const x = "${"A".repeat(52)}JQQJ99${"A".repeat(26)}";` },
      { text: `"Redis": "localhost:6379,password=,ssl=False"` },
      { text: "Endpoint=https://acme.service.signalr.net;AuthType=azure.msi;Version=1.0;" },
      { text: `"AzureSignalRConnectionString": "Endpoint=https://acme.service.signalr.net;AccessKey={0};"` },
      {
        text: "const url = 'https://contoso.webhook.office.com/webhookb2/<id>@<tenant>/IncomingWebhook/<key>/<owner>';",
      },
      { text: `databricks_host = "https://adb-1234567890123456.7.azuredatabricks.net"` },
      { text: `SPEECH_REGION=westeurope`, path: ".env" },
      { text: `POST https://api.powerbi.com/beta/${guid(f)}/datasets/${guid(f)}/rows?key=<push-key>` },
      { text: `const push = "${pushUrl("changeme")}";` },
      // Any other gzip-compressed payload in base64: the same header, no Power BI around it.
      { text: `const fixture = "${embed}";`, path: "test/fixtures/archive.js" },
    ],
  };
}
