import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  require_picomatch
} from "./chunk-5DOWYKN7.js";
import {
  customRules,
  defaultConfig
} from "./chunk-ZOEPK7DV.js";
import {
  __toESM
} from "./chunk-V43CEDMD.js";

// src/core/findings/suppress.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var INLINE_ALLOW = /(?:leakstop|gitleaks):allow/;
function parseIgnoreFile(text) {
  const out = /* @__PURE__ */ new Set();
  for (const raw of text.split(/\r?\n/)) {
    const entry = raw.replace(/#.*$/, "").trim();
    if (entry) out.add(entry.split(/\s+/)[0]);
  }
  return out;
}
function createSuppressor(config, ignored = /* @__PURE__ */ new Set()) {
  const glob = (patterns) => patterns.length ? (0, import_picomatch.default)(patterns, { dot: true }) : (_) => false;
  const pathIgnored = glob(config.allowlist.paths);
  const perRule = config.allowlist.rules.map((r) => ({ rule: r.rule, match: glob(r.paths) }));
  const values = config.allowlist.values.map((v) => new RegExp(v));
  const stopwords = config.allowlist.stopwords.map((w) => w.toLowerCase());
  return {
    isPathIgnored: (path) => pathIgnored(path),
    isAllowed: ({ ruleId, secret, path, line }) => {
      if (INLINE_ALLOW.test(line)) return true;
      if (perRule.some((r) => r.rule === ruleId && r.match(path))) return true;
      if (values.some((re) => re.test(secret))) return true;
      const lower = secret.toLowerCase();
      return stopwords.some((w) => lower.includes(w));
    },
    isFingerprintIgnored: (fp) => ignored.has(fp)
  };
}

// src/core/util/hash.ts
var K = new Uint32Array([
  1116352408,
  1899447441,
  3049323471,
  3921009573,
  961987163,
  1508970993,
  2453635748,
  2870763221,
  3624381080,
  310598401,
  607225278,
  1426881987,
  1925078388,
  2162078206,
  2614888103,
  3248222580,
  3835390401,
  4022224774,
  264347078,
  604807628,
  770255983,
  1249150122,
  1555081692,
  1996064986,
  2554220882,
  2821834349,
  2952996808,
  3210313671,
  3336571891,
  3584528711,
  113926993,
  338241895,
  666307205,
  773529912,
  1294757372,
  1396182291,
  1695183700,
  1986661051,
  2177026350,
  2456956037,
  2730485921,
  2820302411,
  3259730800,
  3345764771,
  3516065817,
  3600352804,
  4094571909,
  275423344,
  430227734,
  506948616,
  659060556,
  883997877,
  958139571,
  1322822218,
  1537002063,
  1747873779,
  1955562222,
  2024104815,
  2227730452,
  2361852424,
  2428436474,
  2756734187,
  3204031479,
  3329325298
]);
function utf8(text) {
  return new TextEncoder().encode(text);
}
function sha256Hex(text) {
  const bytes = utf8(text);
  const bitLength = bytes.length * 8;
  const padded = new Uint8Array(bytes.length + 9 + 63 >> 6 << 6);
  padded.set(bytes);
  padded[bytes.length] = 128;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = new Uint32Array([
    1779033703,
    3144134277,
    1013904242,
    2773480762,
    1359893119,
    2600822924,
    528734635,
    1541459225
  ]);
  const w = new Uint32Array(64);
  const rotr = (x, n) => x >>> n | x << 32 - n;
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a2 = w[i - 15];
      const b2 = w[i - 2];
      const s0 = rotr(a2, 7) ^ rotr(a2, 18) ^ a2 >>> 3;
      const s1 = rotr(b2, 17) ^ rotr(b2, 19) ^ b2 >>> 10;
      w[i] = w[i - 16] + s0 + w[i - 7] + s1 >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = e & f ^ ~e & g;
      const t1 = hh + S1 + ch + K[i] + w[i] >>> 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = a & b ^ a & c ^ b & c;
      const t2 = S0 + maj >>> 0;
      hh = g;
      g = f;
      f = e;
      e = d + t1 >>> 0;
      d = c;
      c = b;
      b = a;
      a = t1 + t2 >>> 0;
    }
    const add = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = h[i] + add[i] >>> 0;
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, "0")).join("");
}
var crcTable;
function crc32(text) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 4294967295;
  for (const byte of utf8(text)) crc = crcTable[(crc ^ byte) & 255] ^ crc >>> 8;
  return (crc ^ 4294967295) >>> 0;
}
var BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function base62(value, width) {
  let out = "";
  let v = value;
  do {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(width, "0");
}

// src/core/rules/fake.ts
var ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
var BASE64 = `${ALNUM}+/`;
var BASE64URL = `${ALNUM}-_`;

// src/core/rules/ai.ts
var rules = [
  {
    id: "openai-api-key",
    title: "OpenAI API key",
    keywords: ["t3blbkfj", "sk-proj-", "sk-svcacct-", "sk-admin-"],
    pattern: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200}(?![A-Za-z0-9_-])|(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,250}(?![A-Za-z0-9_-])/,
    minEntropy: 4,
    reference: "https://platform.openai.com/docs/api-reference/authentication",
    remediation: "Revoke the key in the OpenAI platform (API keys) and review usage."
  },
  {
    id: "anthropic-api-key",
    title: "Anthropic API key",
    keywords: ["sk-ant-"],
    pattern: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_-]{80,120}(?![A-Za-z0-9_-])/,
    minEntropy: 4,
    reference: "https://docs.anthropic.com/en/api/overview",
    remediation: "Disable the key in the Anthropic Console (API keys) and review usage."
  }
];

// src/core/rules/aws.ts
var REMEDIATION = "Deactivate and delete the access key in IAM, then check CloudTrail for its use.";
var rules2 = [
  {
    id: "aws-access-key-id",
    title: "AWS access key ID",
    keywords: ["akia", "asia", "abia", "acca"],
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/,
    minEntropy: 3,
    reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    remediation: REMEDIATION
  },
  {
    id: "aws-secret-access-key",
    title: "AWS secret access key",
    keywords: [
      "secret_access_key",
      "secretaccesskey",
      "secret-access-key",
      "aws_secret",
      "awssecret",
      "aws-secret",
      "akia",
      "asia"
    ],
    pattern: /(?:secret[_.-]?access[_.-]?key|aws[_.-]?secret(?:[_.-]?key)?)["']?\s*(?::=|=>|[:=]|,)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])|(?:AKIA|ASIA)[A-Z2-7]{16}["']?\s*[,:]\s*["']?(?<secret2>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
    minEntropy: 4,
    reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    remediation: REMEDIATION
  },
  {
    id: "aws-session-token",
    title: "AWS temporary session token",
    // STS session tokens are base64 of a structure whose first bytes encode to these prefixes.
    keywords: ["iqojb3jpz2lux2vj", "fwogzxivyxdz", "fqogzxivyxdz"],
    pattern: /(?<![A-Za-z0-9+/])(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9+/]{100,1500}={0,2}(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html",
    remediation: "Revoke the role's active sessions (IAM \u2192 Roles \u2192 Revoke sessions); the token expires on its own."
  }
];

// src/core/rules/known.ts
var EMULATOR_KEYS = /* @__PURE__ */ new Set([
  "0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059",
  // Azurite (devstoreaccount1)
  "aa6547439583c3a275d4542a0df6c1ad6a863971be9f2a2220f027cc02aef615"
  // Cosmos DB emulator
]);
var DOCUMENTED_EXAMPLES = /* @__PURE__ */ new Set([
  "2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326",
  "7f75367e7881255134e1375e723d1dea8ad5f6a4fdb79d938df1f1754a830606",
  "78314b11be2e581549ac1c4f616563fad3fdf0c3b71678f6e2299182080e0598"
]);
function isWellKnownEmulatorKey(value) {
  return EMULATOR_KEYS.has(sha256Hex(value));
}
function isKnownPublicValue(value) {
  const digest = sha256Hex(value);
  return EMULATOR_KEYS.has(digest) || DOCUMENTED_EXAMPLES.has(digest);
}

// src/core/rules/azure.ts
var B64 = "[A-Za-z0-9+/]";
var NOT_B64_BEFORE = "(?<![A-Za-z0-9+/])";
var NOT_B64_AFTER = "(?![A-Za-z0-9+/=])";
var KEY_REMEDIATION = "Regenerate the key at the resource (rotate the secondary first, switch consumers, then the primary).";
function identifiable88(sig) {
  return new RegExp(`${NOT_B64_BEFORE}${B64}{76}${sig.replace("+", "\\+")}${B64}{5}[AQgw]==${NOT_B64_AFTER}`);
}
function identifiable44(sig) {
  return new RegExp(
    `${NOT_B64_BEFORE}${B64}{33}${sig.replace("+", "\\+")}${B64}{5}[AEIMQUYcgkosw048]=${NOT_B64_AFTER}`
  );
}
var notEmulator = ({ secret }) => !isWellKnownEmulatorKey(secret);
var rules3 = [
  {
    id: "azure-cosmosdb-connection-string",
    title: "Azure Cosmos DB connection string",
    keywords: ["accountendpoint="],
    pattern: new RegExp(
      `AccountEndpoint\\s*=\\s*https://[^;\\s"']+;\\s*AccountKey\\s*=\\s*(?<secret>${B64}{86}==)`,
      "i"
    ),
    validate: notEmulator,
    reference: "https://learn.microsoft.com/azure/cosmos-db/secure-access-to-data",
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-cosmosdb-key",
    title: "Azure Cosmos DB account key",
    keywords: ["acdb", "cosmos"],
    pattern: new RegExp(
      `${identifiable88("ACDb").source}|cosmos[A-Za-z0-9_.-]{0,40}key[A-Za-z0-9_]{0,40}["']?\\s*[:=]\\s*["']?(?<secret>${B64}{86}==)`,
      "i"
    ),
    validate: notEmulator,
    reference: "https://learn.microsoft.com/azure/cosmos-db/secure-access-to-data",
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-storage-account-key",
    title: "Azure Storage account key",
    keywords: ["+ast", "accountkey", "account_key", "account-key", "storagekey", "storage_key", "storage-key"],
    pattern: new RegExp(
      `${identifiable88("+ASt").source}|(?:account|storage)[_.-]?(?:access[_.-]?)?key[A-Za-z0-9_]{0,40}["']?\\s*(?:[:=]|=>)\\s*["']?(?<secret>${B64}{86}==)`,
      "i"
    ),
    validate: notEmulator,
    reference: "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage",
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-sas-token",
    title: "Azure shared access signature",
    keywords: ["sig="],
    pattern: /(?<![A-Za-z0-9])sig=(?<secret>[A-Za-z0-9%+/]{30,120}?(?:%3[dD]|=){0,2})(?=[&"'\s<>;`\\)]|$)/,
    minEntropy: 3.5,
    // A `sig` parameter is a SAS only next to the SAS version, expiry or permissions.
    validate: ({ line }) => /(?:^|[?&;"'\s])(?:sv|se|sp|spr|srt|ss|skn)=/.test(line),
    reference: "https://learn.microsoft.com/azure/storage/common/storage-sas-overview",
    remediation: "Revoke the SAS: rotate the key that signed it, or delete its stored access policy."
  },
  {
    id: "azure-entra-client-secret",
    title: "Microsoft Entra ID client secret",
    keywords: ["q~"],
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/,
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials",
    remediation: "Delete the secret from the app registration's Certificates & secrets; prefer a federated credential."
  },
  {
    id: "azure-servicebus-connection-string",
    title: "Azure Service Bus / Event Hubs / Relay / IoT Hub shared access key",
    keywords: ["sharedaccesskey=", 'sharedaccesskey"', "sharedaccesskey'", "sharedaccesskey ="],
    pattern: new RegExp(`SharedAccessKey["']?\\s*[:=]\\s*["']?(?<secret>${B64}{42,43}=)${NOT_B64_AFTER}`, "i"),
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas",
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-servicebus-key",
    title: "Azure Service Bus identifiable key",
    keywords: ["+asb"],
    pattern: identifiable44("+ASb"),
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-eventhubs-key",
    title: "Azure Event Hubs identifiable key",
    keywords: ["+aeh"],
    pattern: identifiable44("+AEh"),
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-relay-key",
    title: "Azure Relay identifiable key",
    keywords: ["+arm"],
    pattern: identifiable44("+ARm"),
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-app-configuration-connection-string",
    title: "Azure App Configuration connection string",
    keywords: ["azconfig.io"],
    pattern: /Endpoint=https:\/\/[A-Za-z0-9-]+\.azconfig\.io\/?;\s*Id=[^;\s"']+;\s*Secret=(?<secret>[A-Za-z0-9+/]{30,90}={0,2})/i,
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication",
    remediation: "Regenerate the access key in the store's Access settings; prefer Entra ID authentication."
  },
  {
    id: "azure-devops-pat",
    title: "Azure DevOps personal access token",
    keywords: ["azdo"],
    pattern: /(?<![A-Za-z0-9])[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}(?![A-Za-z0-9])/,
    reference: "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate",
    remediation: "Revoke the PAT in Azure DevOps (User settings \u2192 Personal access tokens)."
  },
  {
    id: "azure-devops-pat-legacy",
    title: "Azure DevOps personal access token (legacy format)",
    keywords: [
      "dev.azure.com",
      "visualstudio.com",
      "devops",
      "_pat",
      "pat_",
      "pat=",
      "pat:",
      'pat"',
      "pat'",
      "pat ",
      "personalaccesstoken",
      "personal_access_token",
      "ado_",
      "ado-"
    ],
    pattern: /(?<![A-Za-z0-9])(?<secret>[a-z2-7]{52})(?![A-Za-z0-9])/,
    minEntropy: 4,
    remediation: "Revoke the PAT in Azure DevOps (User settings \u2192 Personal access tokens)."
  },
  {
    id: "azure-functions-key",
    title: "Azure Functions key",
    keywords: ["azfu", "x-functions-key", "azurewebsites.net"],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==|x-functions-key["']?\s*[:=,]\s*["']?(?<secret>[A-Za-z0-9_/+-]{40,100}={0,2})|azurewebsites\.net\/[^\s"'<>?]{0,300}\?(?:[^\s"'<>]{0,500}&)?code=(?<secret2>[A-Za-z0-9_%/+-]{30,120}(?:%3D|=){0,2})/i,
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/azure/azure-functions/function-keys-how-to",
    remediation: "Renew the function or host key in the function app's App keys."
  },
  {
    id: "azure-apim-subscription-key",
    title: "Azure API Management subscription key",
    keywords: ["apim", "subscription-key", "subscription_key", "subscriptionkey"],
    pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{76}APIM[A-Za-z0-9+/]{5}[AQgw]==|(?:ocp-apim-subscription-key|subscription[-_]?key)["']?\s*[:=,]\s*["']?(?<secret>[0-9a-f]{32})(?![0-9a-f])/i,
    minEntropy: 3,
    reference: "https://learn.microsoft.com/azure/api-management/api-management-subscriptions",
    remediation: "Regenerate the subscription's primary or secondary key in API Management."
  },
  {
    id: "azure-container-registry-password",
    title: "Azure Container Registry password",
    keywords: ["+acr", "azurecr.io"],
    pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9+/]{6}(?![A-Za-z0-9+/=])|azurecr\.io\b.{0,200}?\s(?:-p|--password)[ =]["']?(?<secret>[A-Za-z0-9+/=]{32,200})/,
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/azure/container-registry/container-registry-authentication",
    remediation: "Regenerate the registry's admin password or token password; prefer managed identity pulls."
  },
  {
    id: "sql-server-connection-string",
    title: "SQL Server / Azure SQL connection string password",
    keywords: ["password=", "pwd=", "password =", "pwd ="],
    pattern: /(?<![A-Za-z0-9_])(?:Password|Pwd)\s*=\s*(?<secret>\{[^}\r\n]{3,200}\}|[^;"'`\s<>{}][^;"'`\r\n<>]{2,200}?)\s*(?=;|"|'|`|<|$)/i,
    // A connection string names a server; without one this is a generic assignment.
    validate: ({ line, secret }) => /(?:server|data source|address|addr|network address|host)\s*=\s*[^;\s"']/i.test(line) && line.includes(";") && !(/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(secret) && !/\d/.test(secret)),
    // `settings.password` is code
    reference: "https://learn.microsoft.com/sql/connect/ado-net/connection-string-syntax",
    remediation: "Change the login's password on the server (ALTER LOGIN); prefer Entra ID authentication."
  }
];

// src/core/rules/database.ts
function notUserEcho({ match, secret }) {
  const user = match.groups?.user ?? "";
  return secret.length >= 4 && secret.toLowerCase() !== user.toLowerCase();
}
var rules4 = [
  {
    id: "database-url-password",
    title: "Password in a database or broker URL",
    keywords: [
      "postgres://",
      "postgresql://",
      "mysql://",
      "mariadb://",
      "mongodb://",
      "mongodb+srv://",
      "redis://",
      "rediss://",
      "amqp://",
      "amqps://",
      "mssql://",
      "sqlserver://",
      "cockroachdb://"
    ],
    pattern: /(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb)(?:\+[a-z0-9]+)?:\/\/(?<user>[^:@/\s"'`<>]{0,200}):(?<secret>[^@/\s"'`<>]{1,200})@[A-Za-z0-9._\-[\]]{1,253}/i,
    validate: notUserEcho,
    remediation: "Change the database user's password and update every consumer."
  },
  {
    id: "jdbc-url-password",
    title: "Password in a JDBC URL",
    keywords: ["jdbc:"],
    pattern: /jdbc:[a-z0-9]{1,20}:[^\s"'`<>]{0,500}?[?&;:](?:password|pwd)=(?<secret>[^&;\s"'`<>]{3,200})/i,
    remediation: "Change the database user's password and update every consumer."
  },
  {
    id: "url-basic-auth",
    title: "Password in a URL",
    keywords: ["http://", "https://", "ftp://", "sftp://", "smtp://", "smtps://", "ldap://", "ldaps://"],
    pattern: /(?:https?|s?ftp|smtps?|ldaps?):\/\/(?<user>[^:@/\s"'`<>{}$]{1,100}):(?<secret>[^@/\s"'`<>{}]{3,200})@[A-Za-z0-9._-]{1,253}\.[A-Za-z]{2,24}/,
    validate: notUserEcho,
    remediation: "Change the account's password (or revoke the token used as one)."
  }
];

// src/core/rules/github.ts
function hasValidGithubChecksum(token) {
  const body = token.slice(4);
  if (body.length !== 36) return true;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}
var KINDS = [
  ["ghp_", "github-pat", "GitHub personal access token (classic)"],
  ["gho_", "github-oauth-token", "GitHub OAuth access token"],
  ["ghu_", "github-user-to-server-token", "GitHub App user access token"],
  ["ghs_", "github-app-installation-token", "GitHub App installation access token"],
  ["ghr_", "github-refresh-token", "GitHub App refresh token"]
];
var REMEDIATION2 = "Revoke the token (Settings \u2192 Developer settings, or the app's installation); GitHub may already have.";
var rules5 = [
  ...KINDS.map(
    ([prefix, id, title]) => ({
      id,
      title,
      keywords: [prefix],
      pattern: new RegExp(`(?<![A-Za-z0-9_])${prefix}[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])`),
      minEntropy: 3,
      validate: ({ secret }) => hasValidGithubChecksum(secret),
      reference: "https://docs.github.com/authentication/keeping-your-account-and-data-secure/about-authentication-to-github",
      remediation: REMEDIATION2
    })
  ),
  {
    id: "github-fine-grained-pat",
    title: "GitHub fine-grained personal access token",
    keywords: ["github_pat_"],
    pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/,
    minEntropy: 4,
    reference: "https://docs.github.com/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens",
    remediation: REMEDIATION2
  }
];

// src/core/util/text.ts
function shannonEntropy(value) {
  if (value.length === 0) return 0;
  const counts = /* @__PURE__ */ new Map();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
function charClasses(value) {
  let n = 0;
  if (/[a-z]/.test(value)) n++;
  if (/[A-Z]/.test(value)) n++;
  if (/[0-9]/.test(value)) n++;
  if (/[^a-zA-Z0-9]/.test(value)) n++;
  return n;
}

// src/core/rules/judge.ts
var NOT_A_CREDENTIAL_NAME = /(?:hash|hashed|digest|sha\d*|md5|salt|name|names|id|ids|type|types|url|uri|endpoint|path|file|dir|header|field|length|len|size|count|min|max|policy|policies|expir\w*|ttl|timeout|prefix|suffix|format|pattern|regex|label|placeholder|hint|message|msg|error|enabled|required|mode|source|provider|store|manager|service|class|param|params|env|var|input|column|attr|prop|text|title|template|tokens|limit|ref|reference|arn|version|algorithm|alg|key_?name|kind|schema|validator|visible|reset|confirm|confirmation|changed|strength|rules|location|public|publickey|public_key|csrf|xsrf|page|next|cursor|continuation|refresh_?url|cache_?key|lookup|index|length|display|description)$/i;
var NOT_A_CREDENTIAL_WORDS = /* @__PURE__ */ new Set([
  "public",
  "publishable",
  "idempotency",
  "object",
  "cache",
  "partition",
  "sort",
  "foreign",
  "lookup",
  "i18n",
  "translation",
  "placeholder",
  "example"
]);
var CREDENTIAL_WORDS = /* @__PURE__ */ new Set([
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "passwort",
  "secret",
  "token",
  "apikey",
  "authtoken",
  "accesstoken",
  "secretkey",
  "privatekey",
  "clientsecret",
  "credential",
  "credentials",
  "connectionstring",
  "connstring"
]);
var CREDENTIAL_PAIRS = /* @__PURE__ */ new Set([
  "api key",
  "access key",
  "auth key",
  "private key",
  "secret key",
  "signing key",
  "encryption key",
  "master key",
  "client secret",
  "connection string"
]);
function identifierWords(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}
function credentialName(name) {
  const words = identifierWords(name);
  if (words.some((w, i) => CREDENTIAL_WORDS.has(w) || i > 0 && CREDENTIAL_PAIRS.has(`${words[i - 1]} ${w}`))) {
    return "strong";
  }
  return words.includes("key") || words.some((w) => w.endsWith("key")) ? "weak" : "none";
}
function isStrongRandom(value) {
  if (/^[0-9a-f]{32,}$/i.test(value)) return true;
  return value.length >= 20 && charClasses(value) >= 3 && shannonEntropy(value) >= 3.8;
}
function isWordLike(part) {
  if (part === "" || /^[A-Z]+$/.test(part)) return true;
  if (!/^[A-Za-z][a-z]*(?:[A-Z][a-z]+)*(?:[A-Z]{2,5}(?:[A-Z][a-z]+)*)?$/.test(part)) return false;
  const parts = part.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  return parts.length < 2 || part.length / parts.length >= 3.5;
}
function looksLikeCredential(value, minLength) {
  if (value.length < minLength || value.length > 500) return false;
  if (/\s/.test(value)) return false;
  if (/^[-+]?\d+(?:\.\d+)?$/.test(value)) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false;
  if (/^\$(?:2[abxy]?|argon2\w*|pbkdf2[\w-]*|scrypt|[156])\$/.test(value)) return false;
  if (/^(?:sha\d+|md5)[-:]/i.test(value)) return false;
  if (/:\/\//.test(value)) return false;
  if (/^[A-Za-z][\w ]*=[^=]/.test(value) || /\w=[^;]*;/.test(value)) return false;
  if (/\.(?:pem|key|crt|cer|p12|pfx|jks|json|txt|ya?ml|env|der|keystore)$/i.test(value)) return false;
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)[\w.\\/-]*$/.test(value) && charClasses(value.replace(/[/\\.]/g, "")) <= 2)
    return false;
  if (/^[\w.@-]+(?:\/[\w.@-]+)+\.[a-z]{1,5}$/i.test(value)) return false;
  if (/^[A-Z][A-Z0-9_]+$/.test(value) && value.includes("_")) return false;
  if (/^[A-Za-z]+\d*(?:[-_.][A-Za-z]+\d*)+$/.test(value) && value.split(/[-_.]/).every((p) => isWordLike(p.replace(/\d+$/, ""))))
    return false;
  if (/^[A-Za-z?:/._-]+$/.test(value) && value.split(/[?:/._-]+/).every(isWordLike)) return false;
  if (isWordLike(value)) return false;
  if (/^[A-Za-z][a-z]+(?:[A-Z][a-z]+){2,}(?:V?\d{1,3})?$/.test(value)) return false;
  if (/^[A-Z0-9]{1,8}$/.test(value)) return false;
  if (/^\d+(?:\.\d+)+$/.test(value)) return false;
  if (value.includes("(")) return false;
  if (/^[A-Za-z]+$/.test(value) && (value.length < 12 || shannonEntropy(value) < 3.5)) return false;
  if (/^[a-z_$][\w$]*\(.*\)$/i.test(value)) return false;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value) && !/\d/.test(value)) return false;
  if (/^\/[a-z0-9_.-]+(?:\/[a-z0-9_.{}:-]*)*$/.test(value)) return false;
  if (/^[\w.-]+@[\w-]+\.[\w.]+$/.test(value)) return false;
  if (/^(?:Bearer|Basic|Token)$/i.test(value)) return false;
  if (/^pk_(?:live|test)_/.test(value)) return false;
  if (/^[a-z][a-z0-9_-]{2,}\/[\w./-]+$/.test(value)) return false;
  if (charClasses(value) < 2) return value.length >= 20 && shannonEntropy(value) >= 3.5;
  return shannonEntropy(value) >= 2.5;
}

// src/core/rules/generic.ts
var PASSWORD_NAME = "(?:passw(?:or)?d|passwort|passphrase|pwd|pass)";
var SECRET_NAME = "(?:secret|token|key|credentials?|conn(?:ection)?[_.-]?string|sas)";
var CONFIG_FILE = /(?:^|\/)(?:\.env[^/]*|[^/]*\.(?:env|ya?ml|properties|ini|cfg|conf|config|toml|txt|sh|bash|zsh|ps1|bat|cmd|dockerfile|npmrc|pypirc|netrc|gitconfig|tfvars|http|rest)|Dockerfile[^/]*|[^/]*rc|credentials)$/i;
var DOC_FILE = /\.(?:md|markdown|rst|adoc|txt)$/i;
var KEY_TAGS = ["A", "B", "C", "D", "E", "F", "G"];
function keyOf(match) {
  const groups = match.groups;
  if (!groups) return "";
  for (const tag of KEY_TAGS) {
    const k = groups[`key${tag}`];
    if (k !== void 0) return k;
  }
  return groups.key ?? groups.key2 ?? "";
}
function isUnquoted(match) {
  return match.groups?.secretU !== void 0 || match.groups?.secretU2 !== void 0;
}
var PASSWORD_FLAG = /^-{1,2}(?:p|pass|password)$/i;
var COMMENT_LINE = /^\s*(?:#|\/\/|\*|--|;|<!--|')/;
function validateAssignment(minLength) {
  return ({ match, secret, path, line }) => {
    const key = (keyOf(match).replace(/^[$@:%]+/, "").replace(/["'`\\]/g, "").split(".").pop() ?? "").trim();
    const strength = PASSWORD_FLAG.test(key) ? "strong" : credentialName(key);
    if (strength === "none") return false;
    if (NOT_A_CREDENTIAL_NAME.test(key.replace(/[-.]/g, "_"))) return false;
    if (identifierWords(key).some((w) => NOT_A_CREDENTIAL_WORDS.has(w))) return false;
    if (isUnquoted(match)) {
      if (/^[!|>&*%]/.test(secret)) return false;
      const literalContext = CONFIG_FILE.test(path);
      const envStyle = /^[A-Z][A-Z0-9_]*$/.test(key) || DOC_FILE.test(path) || COMMENT_LINE.test(line);
      if (!literalContext && !(envStyle && /\d/.test(secret) && secret.length >= 8)) return false;
    }
    if (/^gh[pousr]_/.test(secret) && !hasValidGithubChecksum(secret)) return false;
    if (key && secret.toLowerCase() === key.toLowerCase()) return false;
    if (/^[a-z.]*(?:token|apikey|api_key)[a-z.]*\d{0,4}$/i.test(secret)) return false;
    if (!looksLikeCredential(secret, minLength)) return false;
    return strength === "strong" || isStrongRandom(secret);
  };
}
function assignment(name) {
  const ident = `[A-Za-z0-9_.-]{0,40}${name}[A-Za-z0-9_.-]{0,40}`;
  const identStart = "(?<![A-Za-z0-9_.-])";
  const closeKey = `(?:\\\\?["'])?\\]?\\){0,3}`;
  const typeAnnotation = `(?::\\s*[A-Za-z][\\w<>\\[\\]|.?]{0,30}\\s*(?==))?`;
  const op = `(?::=|=>|\\?\\?=?|\\|\\||\\?:|\\bor\\b|\\.orElse\\(|=|:)`;
  const beforeValue = `(?:ConvertTo-SecureString\\s+(?:-String\\s+)?|["']\\s*\\.\\s*)?(?:[@rbuf]{1,2}(?=["']))?`;
  const quoted = `\\\\?(?<q>["'\`])(?<secretB>[^"'\`\\\\\\r\\n]{4,300}?)\\\\?\\k<q>`;
  const unquotedValue = `[^\\s"'\`,;#<>{}()\\[\\]\\\\][^\\s"'\`,;#<>\\\\]{3,300}`;
  return new RegExp(
    [
      `(?:key|name)\\s*=\\s*"(?<keyA>${ident})"\\s+value\\s*=\\s*"(?<secretA>[^"\\r\\n]{4,300})"`,
      // A name and its value as a call's first two arguments: `getenv("KEY", "…")`, `Map.entry("password", "…")`.
      `(?<=\\(\\s*\\\\?["'])(?<keyG>${ident})\\\\?["']\\s*,\\s*${beforeValue}${quoted.replace("secretB", "secretG").replace(/<q>|k<q>/g, (m) => m.replace("q", "q2"))}`,
      `${identStart}(?<keyB>${ident})(?:${closeKey}\\s*${typeAnnotation}${op}\\s*${beforeValue}${quoted}|["']?\\s*(?:=|:)[ \\t]*(?<secretU>${unquotedValue})(?=\\s*(?:$|#|;|,|\\s|\\\\)))`,
      `(?<![\\w-])(?:ENV|ARG)\\s+(?<keyD>${ident})\\s+(?<secretU2>${unquotedValue})\\s*$`,
      `<(?<keyE>${ident})(?:\\s[^>]{0,200})?>(?<secretE>[^<\\s]{4,300})</`,
      `\`(?<keyF>${ident})\`\\s*(?:is|to|=|:|\\||->|\u2192)\\s*\`(?<secretF>[^\`\\s]{4,300})\``
    ].join("|"),
    "i"
  );
}
var ASSIGNMENT_WINDOW = { before: 64, after: 440 };
var PASSWORD_FLAG_PATTERN = /(?<![\w-])(?<key>-p|--password|--pass)(?:=|\s+)?(?<q>["'])(?<secret>[^"'\s]{6,300})\k<q>|(?<![\w-])(?<key2>--password|--pass)(?:=|\s+)(?<secretU>[^\s"'`;&|<>$]{6,300})/;
var PAIR_PATTERN = /(?:^|\n)[ \t]*(?:-[ \t]+)?name:[ \t]*["']?(?<key>[A-Za-z0-9_.-]{1,80})["']?[ \t]*\r?\n[ \t]*value:[ \t]*(?:(?<q>["'])(?<secret>[^"'\r\n]{4,300}?)\k<q>|(?<secretU>[^\s"'#][^\s"'#]{3,300}))[ \t]*(?=\r?\n|$)|variable[ \t]+"(?<key2>[A-Za-z0-9_.-]{1,80})"[ \t]*\{[^}]{0,400}?\bdefault[ \t]*=[ \t]*"(?<secret2>[^"\r\n]{4,300})"/;
var rules6 = [
  {
    id: "generic-password",
    title: "Hard-coded password",
    keywords: ["pass", "pwd"],
    pattern: assignment(PASSWORD_NAME),
    window: ASSIGNMENT_WINDOW,
    validate: validateAssignment(6),
    remediation: "Change the password where it is used, and read it from a secret store instead."
  },
  {
    id: "generic-secret",
    title: "Hard-coded secret, token or API key",
    keywords: ["secret", "token", "key", "credential", "connstring", "connectionstring", "connection_string"],
    pattern: assignment(SECRET_NAME),
    window: ASSIGNMENT_WINDOW,
    validate: validateAssignment(10),
    remediation: "Revoke the credential at its issuer, and read it from a secret store instead."
  },
  {
    id: "generic-credential-pair",
    title: "Hard-coded credential in a name/value pair",
    keywords: ["name:", 'variable "'],
    pattern: PAIR_PATTERN,
    multiline: true,
    multilineReach: 600,
    validate: validateAssignment(8),
    remediation: "Move the value to a secret (Kubernetes Secret, pipeline secret variable, Key Vault) and rotate it."
  },
  {
    id: "password-flag",
    title: "Password on a command line",
    keywords: ["-p'", '-p"', "--password", "--pass "],
    pattern: PASSWORD_FLAG_PATTERN,
    validate: validateAssignment(6),
    remediation: "Change the password, and pass it through the environment or a prompt instead."
  },
  {
    id: "bearer-token",
    title: "Bearer token in an Authorization header",
    keywords: ["bearer "],
    pattern: /\bBearer\s+(?<secret>[A-Za-z0-9_\-.~+/]{20,2000}=*)(?![A-Za-z0-9_\-.~+/=])/,
    minEntropy: 3.5,
    validate: ({ secret }) => looksLikeCredential(secret, 20),
    remediation: "Revoke the token at its issuer."
  }
];

// src/core/rules/google.ts
var rules7 = [
  {
    id: "google-api-key",
    title: "Google API key",
    keywords: ["aiza"],
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/,
    minEntropy: 3.5,
    reference: "https://cloud.google.com/docs/authentication/api-keys",
    remediation: "Delete or regenerate the key in Google Cloud console \u2192 APIs & Services \u2192 Credentials."
  }
];

// src/core/rules/jwt.ts
function decodeJson(part) {
  try {
    const b64 = part.replace(/-/g, "+").replace(/_/g, "/");
    const parsed = JSON.parse(atob(b64 + "=".repeat((4 - b64.length % 4) % 4)));
    return typeof parsed === "object" && parsed !== null ? parsed : void 0;
  } catch {
    return void 0;
  }
}
var rules8 = [
  {
    id: "jwt",
    title: "JSON Web Token",
    keywords: ["eyj"],
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,4000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{20,1000}(?![A-Za-z0-9_-])/,
    validate: ({ secret }) => {
      const [header, payload] = secret.split(".");
      const h = decodeJson(header ?? "");
      return !!h && typeof h.alg === "string" && h.alg.toLowerCase() !== "none" && !!decodeJson(payload ?? "");
    },
    reference: "https://datatracker.ietf.org/doc/html/rfc7519",
    remediation: "Revoke the token's session or rotate the signing key; tokens stay valid until they expire."
  }
];

// src/core/rules/messaging.ts
var rules9 = [
  {
    id: "sendgrid-api-key",
    title: "SendGrid API key",
    keywords: ["sg."],
    pattern: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
    minEntropy: 3.5,
    reference: "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys",
    remediation: "Delete the API key in SendGrid (Settings \u2192 API Keys)."
  },
  {
    id: "twilio-api-key",
    title: "Twilio API key or auth token",
    keywords: ["twilio"],
    pattern: /(?<![A-Za-z0-9])(?<secret>SK[0-9a-f]{32})(?![A-Za-z0-9])|twilio[A-Za-z0-9_.-]{0,40}(?:auth[_.-]?token|secret|api[_.-]?key|token)["']?\s*(?::=|=>|[:=])\s*["']?(?<secret2>[0-9a-f]{32})(?![0-9a-f])/i,
    minEntropy: 3,
    reference: "https://www.twilio.com/docs/iam/api-keys",
    remediation: "Delete the API key or rotate the auth token in the Twilio console."
  }
];

// src/core/rules/packages.ts
var rules10 = [
  {
    id: "npm-token",
    title: "npm access token",
    keywords: ["npm_"],
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/,
    minEntropy: 3.5,
    reference: "https://docs.npmjs.com/about-access-tokens",
    remediation: "Revoke the token on npmjs.com (Access Tokens) and check the packages it could publish."
  },
  {
    id: "npmrc-auth-token",
    title: "npm registry auth token in .npmrc",
    keywords: ["_authtoken", "_auth="],
    pattern: /(?:_authToken|_auth)\s*=\s*["']?(?<secret>[A-Za-z0-9_+/=-]{20,2000})/,
    minEntropy: 3,
    reference: "https://docs.npmjs.com/cli/configuring-npm/npmrc",
    remediation: "Revoke the token at the registry that issued it."
  },
  {
    id: "pypi-token",
    title: "PyPI API token",
    keywords: ["pypi-ageichlwas5vcmc", "pypi-agenkgvzdc5wexbplm9yzw"],
    pattern: /(?<![A-Za-z0-9_-])pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,2000}(?![A-Za-z0-9_-])/,
    minEntropy: 4,
    reference: "https://pypi.org/help/#apitoken",
    remediation: "Remove the token in PyPI account settings (API tokens)."
  }
];

// src/core/rules/privatekey.ts
function hasKeyMaterial(body) {
  const material = body.replace(/\\[nr]|\s|"|'|\+|,/g, "").replace(/^[A-Za-z-]+:.*$/gm, "");
  return /^[A-Za-z0-9/=+]{64,}$/.test(material.replace(/[^A-Za-z0-9/=+]/g, "")) && !/\.\.\.|<|>|\*{3}/.test(body);
}
var rules11 = [
  {
    id: "private-key",
    title: "Private key",
    keywords: ["-----begin"],
    multiline: true,
    pattern: /-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----(?:(?!-----)[\s\S]){64,12000}?-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----/,
    placeholderFilter: false,
    // The whole armoured block is the secret: it is what a vault stores and what a finding points at.
    validate: ({ secret }) => hasKeyMaterial(secret.slice(secret.indexOf("-----", 10) + 5, secret.lastIndexOf("-----END"))),
    reference: "https://datatracker.ietf.org/doc/html/rfc7468",
    remediation: "Replace the key pair: revoke certificates or remove the public key everywhere it is trusted."
  }
];

// src/core/rules/slack.ts
var rules12 = [
  {
    id: "slack-token",
    title: "Slack token",
    keywords: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxe-", "xoxs-", "xapp-"],
    pattern: /(?<![A-Za-z0-9-])(?:xox[abeprs]-(?:\d{6,15}-){1,3}[A-Za-z0-9]{16,64}|xoxe\.xox[bp]-1-[A-Za-z0-9]{100,200}|xapp-\d-[A-Z0-9]{8,14}-\d{10,15}-[a-f0-9]{32,80})(?![A-Za-z0-9-])/,
    minEntropy: 3,
    reference: "https://api.slack.com/authentication/token-types",
    remediation: "Revoke the token (auth.revoke or the app's OAuth settings) and reinstall the app."
  },
  {
    id: "slack-webhook-url",
    title: "Slack incoming webhook URL",
    keywords: ["hooks.slack.com"],
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Z0-9]{8,12}\/[A-Z0-9]{8,12}\/[A-Za-z0-9]{20,40}(?![A-Za-z0-9])/,
    minEntropy: 3,
    reference: "https://api.slack.com/messaging/webhooks",
    remediation: "Delete the webhook in the Slack app's Incoming Webhooks settings and create a new one."
  }
];

// src/core/rules/stripe.ts
var rules13 = [
  {
    id: "stripe-secret-key",
    title: "Stripe secret or restricted key",
    keywords: ["sk_live_", "rk_live_", "sk_test_", "rk_test_"],
    pattern: /(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])/,
    minEntropy: 3.5,
    reference: "https://docs.stripe.com/keys",
    remediation: "Roll the key in the Stripe dashboard (Developers \u2192 API keys)."
  },
  {
    id: "stripe-webhook-secret",
    title: "Stripe webhook signing secret",
    keywords: ["whsec_"],
    pattern: /(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/]{32,64}(?![A-Za-z0-9_])/,
    minEntropy: 3.5,
    reference: "https://docs.stripe.com/webhooks",
    remediation: "Roll the endpoint's signing secret in the Stripe dashboard."
  }
];

// src/core/rules/index.ts
var builtinRules = [
  ...rules3,
  ...rules5,
  ...rules2,
  ...rules12,
  ...rules13,
  ...rules7,
  ...rules11,
  ...rules,
  ...rules10,
  ...rules9,
  ...rules8,
  ...rules4,
  ...rules6
];

// src/core/findings/fingerprint.ts
function fingerprint(ruleId, path, secret) {
  return sha256Hex(`leakstop/v1\0${ruleId}\0${path}\0${secret}`).slice(0, 32);
}

// src/core/findings/redact.ts
var MASK = "********";
var MAX_SNIPPET = 160;
function redact(text, secrets) {
  let out = text;
  const list = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  for (const secret of list) out = out.split(secret).join(MASK);
  return out;
}
function redactSnippet(context, secrets) {
  let out = redact(context, secrets);
  const nl = out.indexOf("\n");
  if (nl >= 0) out = `${out.slice(0, nl).trimEnd()} \u2026`;
  out = out.replace(/\s+/g, " ").trim();
  if (out.length > MAX_SNIPPET) out = `${out.slice(0, MAX_SNIPPET - 1)}\u2026`;
  return out;
}

// src/core/scan/keywords.ts
var ALPHABET = 128;
var KeywordMatcher = class {
  constructor(keywords) {
    this.keywords = keywords;
    for (const k of keywords) {
      if (k.length === 0 || !/^[\x20-\x7e]+$/.test(k) || k !== k.toLowerCase()) {
        throw new RangeError(`Keyword '${k}' must be non-empty, lower-case, printable ASCII.`);
      }
    }
    for (let c = 0; c < ALPHABET; c++) this.fold[c] = c >= 65 && c <= 90 ? c + 32 : c;
    const children = [/* @__PURE__ */ new Map()];
    const own = [[]];
    keywords.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const c = keyword.charCodeAt(i);
        let next = children[state]?.get(c);
        if (next === void 0) {
          next = children.length;
          children.push(/* @__PURE__ */ new Map());
          own.push([]);
          children[state]?.set(c, next);
        }
        state = next;
      }
      own[state]?.push(id);
    });
    const states = children.length;
    const delta = new Int32Array(states * ALPHABET);
    const link = new Int32Array(states);
    const outputs = new Array(states);
    const queue = [];
    for (let c = 0; c < ALPHABET; c++) {
      const next = children[0]?.get(c) ?? 0;
      delta[c] = next;
      if (next !== 0) queue.push(next);
    }
    outputs[0] = void 0;
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      const inherited = outputs[link[state]] ?? [];
      const mine = own[state] ?? [];
      outputs[state] = mine.length || inherited.length ? [...mine, ...inherited] : void 0;
      for (let c = 0; c < ALPHABET; c++) {
        const next = children[state]?.get(c);
        const viaLink = delta[link[state] * ALPHABET + c];
        if (next === void 0) {
          delta[state * ALPHABET + c] = viaLink;
        } else {
          link[next] = viaLink;
          delta[state * ALPHABET + c] = next;
          queue.push(next);
        }
      }
    }
    this.delta = delta;
    this.outputs = outputs;
    this.longest = new Int32Array(states);
    for (let st = 0; st < states; st++) {
      for (const id of outputs[st] ?? [])
        this.longest[st] = Math.max(this.longest[st], keywords[id].length);
    }
  }
  keywords;
  /** Transition table: `delta[state * 128 + char]`. */
  delta;
  /** For each state, the ids of the keywords that end there (own and via suffix links). */
  outputs;
  /** For each state, the length of the longest keyword that ends there. */
  longest;
  fold = new Uint8Array(ALPHABET);
  /**
   * Call `onHit(start, ids)` for every position where keywords end, with the start offset of
   * the longest of them and the ids of all of them.
   */
  scan(text, onHit) {
    const { delta, outputs, fold, longest } = this;
    let state = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      state = c < ALPHABET ? delta[state * ALPHABET + fold[c]] : 0;
      const out = outputs[state];
      if (out !== void 0) onHit(i - longest[state] + 1, out);
    }
  }
};

// src/core/scan/placeholder.ts
var PLACEHOLDER_WORDS = /* @__PURE__ */ new Set([
  "password",
  "passwd",
  "pass",
  "secret",
  "token",
  "apikey",
  "api_key",
  "key",
  "changeme",
  "changeit",
  "change_me",
  "change-me",
  "example",
  "sample",
  "dummy",
  "test",
  "testing",
  "fake",
  "placeholder",
  "redacted",
  "removed",
  "hidden",
  "masked",
  "none",
  "null",
  "nil",
  "undefined",
  "true",
  "false",
  "empty",
  "todo",
  "tbd",
  "fixme",
  "default",
  "string",
  "value",
  "secretvalue",
  "mypassword",
  "yourpassword",
  "letmein",
  "admin",
  "root",
  "guest",
  "user",
  "username",
  "foo",
  "bar",
  "foobar",
  "baz",
  "qwerty",
  "abc123",
  "password123",
  "password1",
  "secret123",
  "p@ssw0rd",
  "passw0rd",
  "pa55word",
  "hunter2"
]);
var PLACEHOLDER_MARKERS = [
  "example",
  "placeholder",
  "changeme",
  "change_me",
  "change-me",
  "changeit",
  "redacted",
  "your_",
  "your-",
  "yourkey",
  "yoursecret",
  "yourtoken",
  "yourpassword",
  "insert",
  "replace",
  "put_",
  "_here",
  "-here",
  "dummy",
  "sample",
  "fake",
  "xxxx",
  "****",
  "...",
  "\u2026",
  "####",
  "0000000000",
  "1234567890",
  "abcdefghij",
  "abc123",
  "abc-123",
  "123abc",
  "notreal",
  "not_real",
  "not-a-",
  "not_a_",
  "do_not_use",
  "test_key",
  "testkey"
];
var REFERENCE_PATTERNS = [
  /\$\{[^}]*\}?/,
  // ${VAR}, ${{ secrets.X }}
  /\{\{[^}]*\}?/,
  // {{ .Values.x }}, mustache, jinja
  /^\$(?:env:)?[A-Za-z_][A-Za-z0-9_]*$/i,
  // $VAR, PowerShell $env:VAR
  /^\$\(/,
  // $(VAR)
  /^%[A-Za-z_][A-Za-z0-9_]*%$/,
  // %VAR%
  /^#\{/,
  // #{token}# (Azure Pipelines replace tokens)
  /^__[A-Za-z0-9_]+__$/,
  // __TOKEN__
  /^<[^>]*>?$/,
  // <your-key>
  /^\[[^\]]*\]$/,
  // [secret]
  /^\{[^}]*\}$/,
  // {0}, {name}
  /%[sdr]\b|%\([a-z_]+\)[sd]/i,
  // printf / python format
  /process\.env\b/,
  /\bos\.(environ|getenv)\b/,
  /\bgetenv\s*\(/i,
  /\benv\s*\(/i,
  /\bENV\s*\[/,
  /Environment\.GetEnvironmentVariable/,
  /@Microsoft\.KeyVault\(/i,
  /^secretref:/i,
  /^vault:/i,
  /^arn:[\w-]+:[\w-]+:/,
  // AWS ARNs name a secret, they are not one
  /^projects\/[^/]+\/secrets\//,
  // GCP Secret Manager names
  /^(?:secret|kv)\/data\//,
  // HashiCorp Vault paths
  /^UseDevelopmentStorage=true/i
  // Azurite's connection string
];
function isPlaceholder(value) {
  const v = value.trim();
  if (v.length === 0) return true;
  const lower = v.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower)) return true;
  for (const marker of PLACEHOLDER_MARKERS) if (lower.includes(marker)) return true;
  for (const re of REFERENCE_PATTERNS) if (re.test(v)) return true;
  if (/^(.)\1+$/.test(v)) return true;
  if (/^[x*•.#_-]+$/i.test(v)) return true;
  return false;
}

// src/core/scan/scanner.ts
var WINDOW_BEFORE = 512;
var WINDOW_AFTER = 2048;
var MULTILINE_REACH = 16384;
var COVER_MARGIN = 384;
var ALLOW_REACH = 4096;
function createScanner(options) {
  const idOf = /* @__PURE__ */ new Map();
  const rulesOf = [];
  for (const rule of options.rules) {
    if (rule.keywords.length === 0) throw new RangeError(`Rule '${rule.id}' has no keywords.`);
    const compiled = {
      rule,
      regex: new RegExp(rule.pattern.source, `g${rule.pattern.flags.includes("i") ? "i" : ""}`),
      secretGroups: [...rule.pattern.source.matchAll(/\(\?<(secret\w*)>/g)].map((g) => g[1])
    };
    for (const keyword of rule.keywords) {
      const k = keyword.toLowerCase();
      let id = idOf.get(k);
      if (id === void 0) {
        id = rulesOf.length;
        idOf.set(k, id);
        rulesOf.push([]);
      }
      rulesOf[id]?.push(compiled);
    }
  }
  const matcher = new KeywordMatcher([...idOf.keys()]);
  function scan(fragment) {
    const text = fragment.text;
    const candidates = [];
    const seen = /* @__PURE__ */ new Set();
    const coveredUntil = /* @__PURE__ */ new Map();
    let lineStart = 0;
    let lineEnd = -1;
    matcher.scan(text, (hit, ids) => {
      if (hit > lineEnd) {
        lineStart = text.lastIndexOf("\n", hit) + 1;
        lineEnd = text.indexOf("\n", hit);
        if (lineEnd < 0) lineEnd = text.length;
      }
      for (const id of ids) {
        for (const compiled of rulesOf[id] ?? []) {
          const multiline = compiled.rule.multiline === true;
          const from = Math.max(lineStart, hit - (compiled.rule.window?.before ?? WINDOW_BEFORE));
          const to = multiline ? Math.min(text.length, hit + (compiled.rule.multilineReach ?? MULTILINE_REACH)) : Math.min(lineEnd, hit + (compiled.rule.window?.after ?? WINDOW_AFTER));
          const covered = coveredUntil.get(compiled) ?? -1;
          if (to <= covered || hit + COVER_MARGIN <= covered) continue;
          coveredUntil.set(compiled, to);
          runRule(compiled, text, from, to, { text, lineStart, lineEnd }, fragment.path, candidates, seen);
        }
      }
    });
    return toFindings(fragment, candidates, options);
  }
  return { scan };
}
function runRule(compiled, text, from, to, line, path, out, seen) {
  const region = text.slice(from, to);
  const regex = compiled.regex;
  regex.lastIndex = 0;
  for (let m = regex.exec(region); m !== null; m = regex.exec(region)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const { secret, offset } = secretOf(m, compiled.secretGroups);
    if (!secret) continue;
    const start = from + m.index + offset;
    const key = `${compiled.rule.id}\0${start}`;
    if (seen.has(key)) continue;
    const rule = compiled.rule;
    const accepted = (rule.minEntropy === void 0 || shannonEntropy(secret) >= rule.minEntropy) && (rule.placeholderFilter === false || !isPlaceholder(secret)) && (!rule.validate || rule.validate({ secret, match: m, line: contextOf(rule, region, from + m.index, m[0].length, line), path })) && !isKnownPublicValue(secret);
    if (!accepted) {
      regex.lastIndex = m.index + 1;
      continue;
    }
    seen.add(key);
    out.push({
      compiled,
      start,
      end: start + secret.length,
      secret,
      context: m[0],
      contextStart: from + m.index
    });
  }
}
var CONTEXT_REACH = 512;
function contextOf(rule, region, matchStart, matchLength, line) {
  if (rule.multiline) return region;
  const from = Math.max(line.lineStart, matchStart - CONTEXT_REACH);
  const to = Math.min(line.lineEnd, matchStart + matchLength + CONTEXT_REACH);
  return line.text.slice(from, to);
}
function secretOf(m, names) {
  const groups = m.groups;
  if (groups) {
    for (const name of names) {
      const value = groups[name];
      if (value !== void 0) {
        const offset = m[0].lastIndexOf(value);
        return { secret: value, offset: Math.max(0, offset) };
      }
    }
  }
  return { secret: m[0], offset: 0 };
}
function toFindings(fragment, candidates, options) {
  if (candidates.length === 0) return [];
  const text = fragment.text;
  const order = new Map(options.rules.map((r, i) => [r.id, i]));
  candidates.sort(
    (a, b) => a.start - b.start || (order.get(a.compiled.rule.id) ?? 0) - (order.get(b.compiled.rule.id) ?? 0)
  );
  const kept = [];
  for (const c of candidates) {
    const last = kept[kept.length - 1];
    if (last && c.start < last.end) {
      const better = (order.get(c.compiled.rule.id) ?? 0) < (order.get(last.compiled.rule.id) ?? 0);
      if (better) kept[kept.length - 1] = c;
      continue;
    }
    kept.push(c);
  }
  const findings = [];
  const locate = lineLocator(text);
  for (const [i, c] of kept.entries()) {
    const startPos = locate.position(c.start);
    const contextPos = locate.position(c.contextStart);
    const endPos = locate.position(c.end);
    const lineFrom = Math.max(c.contextStart - contextPos.column + 1, c.contextStart - ALLOW_REACH);
    const lineTo = Math.min(locate.lineEndAfter(c.end), c.end + ALLOW_REACH);
    const lineText = text.slice(lineFrom, lineTo);
    if (options.isAllowed?.({ ruleId: c.compiled.rule.id, secret: c.secret, path: fragment.path, line: lineText })) {
      continue;
    }
    const finding = {
      ruleId: c.compiled.rule.id,
      title: c.compiled.rule.title,
      path: fragment.path,
      line: fragment.startLine + startPos.line,
      column: startPos.column,
      endLine: fragment.startLine + endPos.line,
      endColumn: endPos.column,
      fingerprint: fingerprint(c.compiled.rule.id, fragment.path, c.secret),
      redacted: redactSnippet(c.context, secretsWithin(kept, i)),
      secret: c.secret,
      ...fragment.commit ? { commit: fragment.commit } : {}
    };
    findings.push(finding);
  }
  return findings;
}
function secretsWithin(kept, i) {
  const c = kept[i];
  const from = c.contextStart;
  const to = c.contextStart + c.context.length;
  const out = [c.secret];
  for (let j = i - 1; j >= 0 && kept[j].end > from; j--) out.push(kept[j].secret);
  for (let j = i + 1; j < kept.length && kept[j].start < to; j++)
    out.push(kept[j].secret);
  return out;
}
function lineLocator(text) {
  const starts = [0];
  let nextNewline = text.indexOf("\n");
  const advance = (offset) => {
    while (nextNewline >= 0 && nextNewline < offset) {
      starts.push(nextNewline + 1);
      nextNewline = text.indexOf("\n", nextNewline + 1);
    }
  };
  return {
    position(offset) {
      advance(offset);
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = lo + hi + 1 >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, column: offset - starts[lo] + 1 };
    },
    /** End of the line holding `offset` (the newline's index, or the text's length). */
    lineEndAfter(offset) {
      advance(offset);
      return nextNewline < 0 ? text.length : nextNewline;
    }
  };
}

// src/core/scan/engine.ts
function createEngine(options = {}) {
  const config = options.config ?? defaultConfig();
  const disabled = new Set(config.disabledRules);
  const unknown = [...disabled].filter((id) => !builtinRules.some((r) => r.id === id));
  if (unknown.length) {
    throw new RangeError(
      `Unknown rule id(s) in disabledRules: ${unknown.map((u) => `'${u}'`).join(", ")}; run 'leakstop rules' to list ids.`
    );
  }
  const rules14 = [...builtinRules.filter((r) => !disabled.has(r.id)), ...customRules(config)];
  const suppressor = createSuppressor(config, options.ignoredFingerprints);
  const scanner = createScanner({ rules: rules14, isAllowed: suppressor.isAllowed });
  return {
    rules: rules14,
    isPathIgnored: suppressor.isPathIgnored,
    scan(fragment) {
      if (suppressor.isPathIgnored(fragment.path)) return [];
      return scanner.scan(fragment).filter((f) => !suppressor.isFingerprintIgnored(f.fingerprint));
    }
  };
}
async function scanAll(engine, fragments, onFragment) {
  const findings = [];
  for await (const fragment of fragments) {
    onFragment?.(fragment);
    for (const f of engine.scan(fragment)) findings.push(f);
  }
  return findings;
}

export {
  parseIgnoreFile,
  builtinRules,
  fingerprint,
  MASK,
  redact,
  createEngine,
  scanAll
};
