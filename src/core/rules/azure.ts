/**
 * Azure credentials. Microsoft's identifiable keys carry a fixed 4-character signature at a
 * fixed offset, which lets them be found without context; older keys need the surrounding
 * connection string or assignment.
 * Reference: https://learn.microsoft.com/azure/key-vault/secrets/secrets-best-practices
 */
import type { Rule, RuleExamples } from "../types.js";
import { ALNUM, BASE32_LOWER, Faker, HEX } from "./fake.js";
import {
  hasValidCaskChecksum,
  hasValidIdentifiableChecksum,
  IDENTIFIABLE_SEEDS,
  isBrokenMicrosoftKey,
} from "./identifiable.js";
import { isWellKnownEmulatorKey } from "./known.js";

const B64 = "[A-Za-z0-9+/]";
const NOT_B64_BEFORE = "(?<![A-Za-z0-9+/])";
const NOT_B64_AFTER = "(?![A-Za-z0-9+/=])";
const KEY_REMEDIATION =
  "Regenerate the key at the resource (rotate the secondary first, switch consumers, then the primary).";

/** An identifiable 64-byte key (88 base64 characters) with `sig` at offset 76. */
function identifiable88(sig: string): RegExp {
  return new RegExp(`${NOT_B64_BEFORE}${B64}{76}${sig.replace("+", "\\+")}${B64}{5}[AQgw]==${NOT_B64_AFTER}`);
}
/** An identifiable 32-byte key (44 base64 characters) with `sig` at offset 33. */
function identifiable44(sig: string): RegExp {
  return new RegExp(
    `${NOT_B64_BEFORE}${B64}{33}${sig.replace("+", "\\+")}${B64}{5}[AEIMQUYcgkosw048]=${NOT_B64_AFTER}`,
  );
}

const notEmulator = ({ secret }: { secret: string }) => !isWellKnownEmulatorKey(secret);

/**
 * A value in the identifiable shape (`length` characters, `sig` at `offset`) must carry a valid
 * checksum; values of other shapes (the legacy alternatives of a pattern) pass.
 */
export function identifiableChecksum(sig: string, offset: number, length: number) {
  const seeds = IDENTIFIABLE_SEEDS[sig] ?? [];
  return ({ secret }: { secret: string }): boolean =>
    secret.length !== length || secret.slice(offset, offset + 4) !== sig || hasValidIdentifiableChecksum(secret, seeds);
}

/** Both checks: not an emulator key, and a valid checksum when the value is identifiable. */
function keyCheck(sig: string, offset: number, length: number) {
  const checksum = identifiableChecksum(sig, offset, length);
  return (ctx: { secret: string }) => notEmulator(ctx) && checksum(ctx);
}

export const rules: readonly Rule[] = [
  {
    id: "azure-cosmosdb-connection-string",
    title: "Azure Cosmos DB connection string",
    keywords: ["accountendpoint="],
    pattern: new RegExp(
      `AccountEndpoint\\s*=\\s*https://[^;\\s"']+;\\s*AccountKey\\s*=\\s*(?<secret>${B64}{86}==)`,
      "i",
    ),
    validate: notEmulator,
    reference: "https://learn.microsoft.com/azure/cosmos-db/secure-access-to-data",
    remediation: KEY_REMEDIATION,
  },
  {
    id: "azure-cosmosdb-key",
    title: "Azure Cosmos DB account key",
    keywords: ["acdb", "cosmos"],
    pattern: new RegExp(
      `${identifiable88("ACDb").source}|cosmos[A-Za-z0-9_.-]{0,40}key[A-Za-z0-9_]{0,40}["']?\\s*[:=]\\s*["']?(?<secret>${B64}{86}==)`,
      "i",
    ),
    validate: keyCheck("ACDb", 76, 88),
    reference: "https://learn.microsoft.com/azure/cosmos-db/secure-access-to-data",
    remediation: KEY_REMEDIATION,
  },
  {
    id: "azure-storage-account-key",
    title: "Azure Storage account key",
    keywords: ["+ast", "accountkey", "account_key", "account-key", "storagekey", "storage_key", "storage-key"],
    pattern: new RegExp(
      `${identifiable88("+ASt").source}|(?:account|storage)[_.-]?(?:access[_.-]?)?key[A-Za-z0-9_]{0,40}["']?\\s*(?:[:=]|=>)\\s*["']?(?<secret>${B64}{86}==)`,
      "i",
    ),
    validate: keyCheck("+ASt", 76, 88),
    reference: "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage",
    remediation: KEY_REMEDIATION,
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
    remediation: "Revoke the SAS: rotate the key that signed it, or delete its stored access policy.",
  },
  {
    id: "azure-entra-client-secret",
    title: "Microsoft Entra ID client secret",
    keywords: ["q~"],
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/,
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials",
    remediation: "Delete the secret from the app registration's Certificates & secrets; prefer a federated credential.",
  },
  {
    id: "azure-servicebus-connection-string",
    title: "Azure Service Bus / Event Hubs / Relay / IoT Hub shared access key",
    keywords: ["sharedaccesskey=", 'sharedaccesskey"', "sharedaccesskey'", "sharedaccesskey ="],
    pattern: new RegExp(`SharedAccessKey["']?\\s*[:=]\\s*["']?(?<secret>${B64}{42,43}=)${NOT_B64_AFTER}`, "i"),
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas",
    remediation: KEY_REMEDIATION,
  },
  {
    id: "azure-servicebus-key",
    title: "Azure Service Bus identifiable key",
    keywords: ["+asb"],
    pattern: identifiable44("+ASb"),
    validate: identifiableChecksum("+ASb", 33, 44),
    remediation: KEY_REMEDIATION,
  },
  {
    id: "azure-eventhubs-key",
    title: "Azure Event Hubs identifiable key",
    keywords: ["+aeh"],
    pattern: identifiable44("+AEh"),
    validate: identifiableChecksum("+AEh", 33, 44),
    remediation: KEY_REMEDIATION,
  },
  {
    id: "azure-relay-key",
    title: "Azure Relay identifiable key",
    keywords: ["+arm"],
    pattern: identifiable44("+ARm"),
    validate: identifiableChecksum("+ARm", 33, 44),
    remediation: KEY_REMEDIATION,
  },
  {
    id: "azure-app-configuration-connection-string",
    title: "Azure App Configuration connection string",
    keywords: ["azconfig.io"],
    pattern:
      /Endpoint=https:\/\/[A-Za-z0-9-]+\.azconfig\.io\/?;\s*Id=[^;\s"']+;\s*Secret=(?<secret>[A-Za-z0-9+/]{30,90}={0,2})/i,
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication",
    remediation: "Regenerate the access key in the store's Access settings; prefer Entra ID authentication.",
  },
  {
    id: "azure-devops-pat",
    title: "Azure DevOps personal access token",
    keywords: ["azdo"],
    pattern:
      /(?<![A-Za-z0-9])[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}AZDO[A-Za-z0-9]{4}(?:[A-Za-z0-9]{2}==)?(?![A-Za-z0-9+/=])/,
    validate: ({ secret }) => hasValidCaskChecksum(secret),
    reference:
      "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate",
    remediation: "Revoke the PAT in Azure DevOps (User settings → Personal access tokens).",
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
      "ado-",
    ],
    pattern: /(?<![A-Za-z0-9])(?<secret>[a-z2-7]{52})(?![A-Za-z0-9])/,
    minEntropy: 4,
    remediation: "Revoke the PAT in Azure DevOps (User settings → Personal access tokens).",
  },
  {
    id: "azure-functions-key",
    title: "Azure Functions key",
    keywords: ["azfu", "x-functions-key", "azurewebsites.net"],
    pattern:
      /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==|x-functions-key["']?\s*[:=,]\s*["']?(?<secret>[A-Za-z0-9_/+-]{40,100}={0,2})|azurewebsites\.net\/[^\s"'<>?]{0,300}\?(?:[^\s"'<>]{0,500}&)?code=(?<secret2>[A-Za-z0-9_%/+-]{30,120}(?:%3D|=){0,2})/i,
    minEntropy: 3.5,
    validate: identifiableChecksum("AzFu", 44, 56),
    reference: "https://learn.microsoft.com/azure/azure-functions/function-keys-how-to",
    remediation: "Renew the function or host key in the function app's App keys.",
  },
  {
    id: "azure-apim-subscription-key",
    title: "Azure API Management subscription key",
    keywords: ["apim", "subscription-key", "subscription_key", "subscriptionkey"],
    pattern:
      /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{76}APIM[A-Za-z0-9+/]{5}[AQgw]==|(?:ocp-apim-subscription-key|subscription[-_]?key)["']?\s*[:=,]\s*["']?(?<secret>[0-9a-f]{32})(?![0-9a-f])/i,
    minEntropy: 3,
    validate: identifiableChecksum("APIM", 76, 88),
    reference: "https://learn.microsoft.com/azure/api-management/api-management-subscriptions",
    remediation: "Regenerate the subscription's primary or secondary key in API Management.",
  },
  {
    id: "azure-container-registry-password",
    title: "Azure Container Registry password",
    keywords: ["+acr", "azurecr.io"],
    pattern:
      /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9+/]{6}(?![A-Za-z0-9+/=])|azurecr\.io\b.{0,200}?\s(?:-p|--password)[ =]["']?(?<secret>[A-Za-z0-9+/=]{32,200})/,
    minEntropy: 3.5,
    validate: identifiableChecksum("+ACR", 42, 52),
    reference: "https://learn.microsoft.com/azure/container-registry/container-registry-authentication",
    remediation: "Regenerate the registry's admin password or token password; prefer managed identity pulls.",
  },
  {
    id: "azure-legacy-64-byte-key",
    title: "64-byte key in base64 (the legacy format of Azure Storage, Cosmos DB, Batch … keys)",
    // Found by its shape alone, whatever it is called: 86 base64 characters and `==`.
    keywords: ["=="],
    pattern: /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=_-])/,
    window: { before: 86, after: 4 },
    startsBeforeKeyword: true,
    atKeyword: (text, start) =>
      start >= 86 &&
      /^[A-Za-z0-9+/]{86}$/.test(text.slice(start - 86, start)) &&
      // Not a digest, a signature or a per-session form token under its own name.
      !/(?:sha512|sha-512|integrity|digest|signature|hash|authenticity|csrf|xsrf|nonce|verification)[\w"':=\s-]*$/i.test(
        text.slice(Math.max(0, start - 130), start - 86),
      ),
    minEntropy: 4.8,
    // Random bytes, not base64 of text: most decoded bytes are not printable ASCII.
    validate: (ctx) => {
      const raw = atob(ctx.secret);
      let binary = 0;
      for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) < 0x20 || raw.charCodeAt(i) > 0x7e) binary++;
      return binary >= 16 && notEmulator(ctx) && !isBrokenMicrosoftKey(ctx.secret);
    },
    reference: "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage",
    remediation: KEY_REMEDIATION,
  },
  {
    id: "sql-server-connection-string",
    title: "SQL Server / Azure SQL connection string password",
    keywords: ["password=", "pwd=", "password =", "pwd ="],
    pattern:
      /(?<![A-Za-z0-9_])(?:Password|Pwd)\s*=\s*(?<secret>\{[^}\r\n]{3,200}\}|[^;"'`\s<>{}][^;"'`\r\n<>]{2,200}?)\s*(?=;|"|'|`|<|$)/i,
    // A connection string names a server; without one this is a generic assignment.
    validate: ({ line, secret }) =>
      /(?:server|data source|address|addr|network address|host|dsn|driver|dbq)\s*=\s*[^;\s"']/i.test(line) &&
      line.includes(";") &&
      !(/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(secret) && !/\d/.test(secret)), // `settings.password` is code
    reference: "https://learn.microsoft.com/sql/connect/ado-net/connection-string-syntax",
    remediation: "Change the login's password on the server (ALTER LOGIN); prefer Entra ID authentication.",
  },
];

/** Examples every rule above must (and must not) match; fakes are built from a seed. */
export function examples(): RuleExamples {
  const f = new Faker(7);
  const storage = f.identifiableKey(64, "+ASt", 76);
  const legacyStorage = f.base64Bytes(64);
  const cosmos = f.identifiableKey(64, "ACDb", 76);
  const legacyCosmos = f.base64Bytes(64);
  const sb = f.identifiableKey(32, "+ASb", 33);
  const legacySb = f.base64Bytes(32);
  const eh = f.identifiableKey(32, "+AEh", 33);
  const relay = f.identifiableKey(32, "+ARm", 33);
  const sig = encodeURIComponent(f.base64Bytes(32));
  const entra = `${f.chars(ALNUM, 3)}8Q~${f.chars(`${ALNUM}_.-`, 34)}`;
  const appConfig = f.base64Bytes(32);
  const ado = f.caskKey("AAAAAZDO");
  const adoLegacy = f.chars(BASE32_LOWER, 52);
  const funcKey = f.identifiableKey(40, "AzFu", 44).replace(/\+/g, "-").replace(/\//g, "_");
  const funcLegacy = f.base64Bytes(40);
  const apim = f.chars(HEX, 32);
  const apimKey = f.identifiableKey(64, "APIM", 76);
  // A checksum character changed: the shape still matches, the checksum does not.
  const broken = (key: string) => `${key.slice(0, 81)}${key[81] === "A" ? "B" : "A"}${key.slice(82)}`;
  const acr = f.identifiableKey(39, "+ACR", 42);
  const sqlPassword = f.password(16);
  return {
    truePositives: [
      { text: `const key = "${storage}";`, secret: storage },
      {
        text: `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${legacyStorage};EndpointSuffix=core.windows.net`,
        secret: legacyStorage,
      },
      { text: `"StorageAccountKey": "${legacyStorage}"`, secret: legacyStorage, path: "appsettings.json" },
      // The legacy format alone, under a name that says nothing.
      { text: `  "blob": "${legacyCosmos}",`, secret: legacyCosmos, path: "settings.json" },
      { text: `value = ${legacyStorage}`, secret: legacyStorage, path: "app.cfg" },
      {
        text: `AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=${legacyCosmos};`,
        secret: legacyCosmos,
      },
      { text: `cosmos_key: ${cosmos}`, secret: cosmos, path: "values.yaml" },
      { text: `COSMOS_PRIMARY_KEY=${legacyCosmos}`, secret: legacyCosmos, path: ".env" },
      {
        text: `https://acme.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&spr=https&sig=${sig}`,
        secret: sig,
      },
      { text: `AZURE_CLIENT_SECRET=${entra}`, secret: entra, path: ".env" },
      {
        text: `Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${legacySb}`,
        secret: legacySb,
      },
      { text: `key = "${sb}"`, secret: sb },
      { text: `EVENTHUB_KEY=${eh}`, secret: eh, path: ".env" },
      { text: `relayKey: "${relay}"`, secret: relay },
      { text: `Endpoint=https://acme.azconfig.io;Id=Ab12-l0-s0:xyz;Secret=${appConfig}`, secret: appConfig },
      { text: `AZDO_TOKEN=${ado}`, secret: ado, path: ".env" },
      { text: `git clone https://build:${adoLegacy}@dev.azure.com/acme/repo/_git/repo`, secret: adoLegacy },
      { text: `ADO_PAT="${adoLegacy}"`, secret: adoLegacy, path: "ci.sh" },
      { text: `const fnKey = "${funcKey}";`, secret: funcKey },
      { text: `headers: { "x-functions-key": "${funcLegacy}" }`, secret: funcLegacy },
      { text: `Ocp-Apim-Subscription-Key: ${apim}`, secret: apim, path: "requests.http" },
      { text: `apim_key = "${apimKey}"`, secret: apimKey, path: "config.py" },
      { text: `ACR_PASSWORD=${acr}`, secret: acr, path: ".env" },
      {
        text: `"Db": "Server=tcp:acme.database.windows.net,1433;Initial Catalog=app;User ID=app;Password=${sqlPassword};"`,
        secret: sqlPassword,
      },
      // The brief's own example of a leak; a made-up value. leakstop:allow
      { text: `var cs = "Server=prod;Password=${"SuperSecret123"}";`, secret: "SuperSecret123" }, // leakstop:allow
      { text: `Data Source=db01;Initial Catalog=x;User Id=sa;Pwd=${sqlPassword};`, secret: sqlPassword },
      {
        text: `conn = pyodbc.connect("DSN=warehouse;UID=etl;PWD=${sqlPassword}")`,
        secret: sqlPassword,
        path: "etl.py",
      },
    ],
    falsePositives: [
      { text: `AccountKey=${"x".repeat(86)}==` },
      { text: `"Db": "Server=tcp:acme.database.windows.net;User ID=app;Password={your_password};"` },
      { text: `Server=db;User Id=sa;Password=$(DB_PASSWORD);` },
      { text: `Server=db;Password=${"<password>"};` },
      { text: `ConnectionString = string.Format("Server={0};Password={1};", host, pw);` },
      { text: `"KeyVaultRef": "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db/)"` },
      { text: "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://x" },
      { text: `const url = base + "?sig=" + signature;` },
      { text: `sig=${sig}`, path: "notes.txt" },
      { text: `client_secret: \${{ secrets.AZURE_CLIENT_SECRET }}`, path: ".github/workflows/ci.yml" },
      { text: `const prefix = "${storage.slice(0, 60)}";` },
      { text: `"integrity": "sha512-${legacyStorage}",`, path: "package-lock.json" },
      { text: `const text = "${btoa("An ordinary sentence of sixty-four characters, encoded in base64.")}";` },
      // The identifiable shape with a wrong checksum is a made-up value.
      { text: `const key = "${broken(storage)}";` },
      { text: `COSMOS_KEY=${broken(cosmos)}`, path: ".env" },
      { text: `AZDO_TOKEN=${ado.slice(0, 80)}${ado.slice(80) === "AAAA" ? "BBBB" : "AAAA"}`, path: ".env" },
    ],
  };
}
