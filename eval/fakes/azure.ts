import {
  asciiSeed,
  b64,
  b64url,
  commonAnnotatedKey,
  ENTRA_CHARSET,
  entraChecksum,
  identifiableKey,
  legacyAdoPat,
} from "../codec.ts";
import { type Entry, type Group, names } from "../model.ts";
import { ALNUM, B64, type Rng } from "../prng.ts";
import { accountName, app, org, password, resourceName, USERS } from "../words.ts";
import { guid, plain, secret } from "./common.ts";

export function storageKey(r: Rng): string {
  return r.chance(0.5) ? b64(r.bytes(64)) : identifiableKey(r.bytes(64), 64, "+ASt", asciiSeed("Default0"));
}

export function cosmosKey(r: Rng): string {
  return r.chance(0.5)
    ? b64(r.bytes(64))
    : identifiableKey(r.bytes(64), 64, "ACDb", asciiSeed(r.pick(["MastRW00", "MastRO00"])));
}

export function messagingKey(r: Rng, sig: string): string {
  return r.chance(0.4)
    ? b64(r.bytes(32))
    : identifiableKey(r.bytes(32), 32, sig, asciiSeed(r.pick(["Send0000", "Listen00", "Manage00"])));
}

const STORAGE_SUFFIX: ReadonlyArray<readonly [string, number]> = [
  ["core.windows.net", 8],
  ["core.chinacloudapi.cn", 1],
  ["core.usgovcloudapi.net", 1],
];

export function storageConn(r: Rng): Group {
  const name = accountName(r);
  const key = storageKey(r);
  const suffix = r.weighted(STORAGE_SUFFIX);
  const value = r.weighted<string>([
    [`DefaultEndpointsProtocol=https;AccountName=${name};AccountKey=${key};EndpointSuffix=${suffix}`, 6],
    [`DefaultEndpointsProtocol=https;AccountName=${name};AccountKey=${key}`, 2],
    [`AccountName=${name};AccountKey=${key};DefaultEndpointsProtocol=https;EndpointSuffix=${suffix}`, 1],
    [
      `BlobEndpoint=https://${name}.blob.${suffix}/;QueueEndpoint=https://${name}.queue.${suffix}/;AccountName=${name};AccountKey=${key}`,
      1,
    ],
  ]);
  const words = r.pick(
    names(
      "azure storage connection string",
      "storage connection string",
      "azure web jobs storage",
      "blob connection",
      "storage account",
    ),
  );
  return [{ ...secret("azure-storage-connection-string", words, value, key), shape: "connstr" }];
}

export function storageKeyAlone(r: Rng): Group {
  const name = accountName(r);
  const key = storageKey(r);
  return [
    plain(r.pick(names("storage account name", "account name", "azure storage account")), name),
    secret(
      "azure-storage-account-key",
      r.pick(names("storage account key", "azure storage key", "account key", "azure storage access key")),
      key,
      key,
    ),
  ];
}

export function sas(r: Rng): Group {
  const sig = encodeURIComponent(b64(r.bytes(32)));
  const v = r.pick(["2022-11-02", "2021-08-06", "2020-08-04", "2019-12-12", "2023-01-03", "2024-08-04", "2021-06-08"]);
  const start = Date.UTC(2025, 0, 1) + r.int(0, 700) * 86_400_000 + r.int(0, 86_399) * 1000;
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const st = iso(start);
  const se = iso(start + r.pick([8, 24, 24 * 7, 24 * 30, 24 * 365]) * 3_600_000);
  const token = r.weighted<string>([
    [
      `sv=${v}&ss=${r.pick(["b", "bfqt", "bq"])}&srt=${r.pick(["sco", "co", "o"])}&sp=${r.pick(["rwdlacupiytfx", "rl", "rwdlac", "r"])}&se=${se}&st=${st}&spr=https&sig=${sig}`,
      3,
    ],
    [
      `sp=${r.pick(["r", "racwdl", "rl", "rw"])}&st=${st}&se=${se}&spr=https&sv=${v}&sr=${r.pick(["b", "c"])}&sig=${sig}`,
      3,
    ],
    [`sv=${v}&st=${st}&se=${se}&sr=c&sp=rl&sig=${sig}`, 1],
  ]);
  const name = accountName(r);
  const url = `https://${name}.blob.core.windows.net/${r.pick(["exports", "backups", "uploads", "reports", "$web", "data"])}${r.chance(0.5) ? `/${r.pick(["daily", "2024", "invoices"])}/${r.pick(["dump.sql.gz", "report.csv", "model.onnx", "archive.zip"])}` : ""}?${token}`;
  return r.weighted<Group>([
    [
      [
        {
          ...secret(
            "azure-sas-token",
            r.pick(names("sas url", "blob sas url", "export url", "backup container url")),
            url,
            sig,
          ),
          shape: "url",
        },
      ],
      3,
    ],
    [
      [
        secret(
          "azure-sas-token",
          r.pick(names("sas token", "storage sas", "container sas token")),
          r.chance(0.5) ? `?${token}` : token,
          sig,
        ),
      ],
      2,
    ],
  ]);
}

export function entraSecret(r: Rng): string {
  if (r.chance(0.25)) return `${r.str(ENTRA_CHARSET, 3)}7Q~${r.str(ENTRA_CHARSET, r.int(31, 34))}`;
  for (;;) {
    const head = `${r.str(ENTRA_CHARSET, 3)}8Q~${r.str(ENTRA_CHARSET, 31)}`;
    const sum = entraChecksum(head);
    if (sum) return head + sum;
  }
}

export function entra(r: Rng): Group {
  const s = entraSecret(r);
  const group: Entry[] = [];
  if (r.chance(0.7)) group.push(guid(r.pick(names("azure tenant id", "tenant id")), r.uuid()));
  if (r.chance(0.8)) group.push(guid(r.pick(names("azure client id", "client id", "app id")), r.uuid()));
  group.push(
    secret(
      "entra-client-secret",
      r.pick(names("azure client secret", "client secret", "aad client secret", "app secret", "sp password")),
      s,
      s,
    ),
  );
  return group;
}

export function cosmosConn(r: Rng): Group {
  const key = cosmosKey(r);
  const acct = resourceName(r);
  const value = `AccountEndpoint=https://${acct}.documents.azure.com:443/;AccountKey=${key};${r.chance(0.3) ? `Database=${app(r)};` : ""}`;
  return [
    {
      ...secret(
        "azure-cosmosdb-connection-string",
        r.pick(names("cosmos connection string", "cosmos db", "cosmos db connection")),
        value,
        key,
      ),
      shape: "connstr",
    },
  ];
}

export function cosmosKeyAlone(r: Rng): Group {
  const key = cosmosKey(r);
  return [
    { words: ["cosmos", "endpoint"], value: `https://${resourceName(r)}.documents.azure.com:443/`, shape: "url" },
    secret(
      "azure-cosmosdb-key",
      r.pick(names("cosmos key", "cosmos primary key", "cosmos db key", "cosmos auth key")),
      key,
      key,
    ),
  ];
}

export function messagingConn(type: string, sig: string, words: string[][]) {
  return (r: Rng): Group => {
    const key = messagingKey(r, sig);
    const ns = resourceName(r);
    const keyName = r.pick(["RootManageSharedAccessKey", "send", "listen", "SendListen", `${app(r)}-writer`]);
    const entity = r.chance(0.35) ? `;EntityPath=${app(r)}${r.pick(["-events", "-queue", "-topic", ""])}` : "";
    const value = `Endpoint=sb://${ns}.servicebus.windows.net/;SharedAccessKeyName=${keyName};SharedAccessKey=${key}${entity}`;
    return [{ ...secret(type, r.pick(words), value, key), shape: "connstr" }];
  };
}

export function appConfig(r: Rng): Group {
  const secretValue = b64(r.bytes(32));
  const id = `${r.str(ALNUM, 4)}-l${r.int(0, 9)}-s0:${r.str(ALNUM, 20)}`;
  const value = `Endpoint=https://${resourceName(r)}.azconfig.io;Id=${id};Secret=${secretValue}`;
  return [
    {
      ...secret(
        "azure-app-config-connection-string",
        r.pick(names("app config connection string", "app configuration", "azure app config")),
        value,
        secretValue,
      ),
      shape: "connstr",
    },
  ];
}

export function adoPat(r: Rng): Group {
  const pat = r.chance(0.55)
    ? legacyAdoPat(r.bytes(32), r.pick([0xe0b9692d, 0x1019f92e]))
    : commonAnnotatedKey((n) => r.str(ALNUM, n), "AZDO", r.int(2024, 2025), r.int(1, 12));
  const orgName = org(r);
  return r.weighted<Group>([
    [
      [
        secret(
          "azure-devops-pat",
          r.pick(names("azure devops ext pat", "ado pat", "azure devops token", "system access token", "devops pat")),
          pat,
          pat,
        ),
      ],
      3,
    ],
    [
      [
        {
          ...secret(
            "azure-devops-pat",
            ["repo", "url"],
            `https://${r.pick(USERS)}:${pat}@dev.azure.com/${orgName}/${app(r)}/_git/${app(r)}`,
            pat,
          ),
          shape: "url",
        },
      ],
      1,
    ],
  ]);
}

export function functionsKey(r: Rng): Group {
  const key = r.chance(0.5)
    ? `${b64url(r.bytes(40))}==`
    : identifiableKey(r.bytes(40), 40, "AzFu", asciiSeed(r.pick(["Functi00", "Master00", "System00"])), true);
  const site = resourceName(r);
  const fn = r.pick(["HttpTrigger1", "ProcessOrder", "Webhook", "resize-image", "GetReport", "ingest"]);
  return r.weighted<Group>([
    [
      [
        {
          ...secret(
            "azure-functions-key",
            r.pick(names("function url", "webhook url", "trigger url")),
            `https://${site}.azurewebsites.net/api/${fn}?code=${key}${r.chance(0.3) ? "&clientId=default" : ""}`,
            key,
          ),
          shape: "url",
        },
      ],
      3,
    ],
    [
      [
        secret("azure-functions-key", r.pick(names("function key", "functions key", "host key")), key, key, {
          header: "x-functions-key",
        }),
      ],
      2,
    ],
  ]);
}

export function apim(r: Rng): Group {
  const key = r.hex(32);
  return [
    { words: ["apim", "base", "url"], value: `https://${resourceName(r)}.azure-api.net/${app(r)}/v1`, shape: "url" },
    secret(
      "azure-apim-subscription-key",
      r.pick(names("apim subscription key", "ocp apim subscription key", "subscription key", "api subscription key")),
      key,
      key,
      { header: "Ocp-Apim-Subscription-Key" },
    ),
  ];
}

export function acr(r: Rng): Group {
  const pw = r.chance(0.45) ? r.str(B64, 32) : identifiableKey(r.bytes(39), 39, "+ACR", asciiSeed("ACRDflt0"));
  const reg = resourceName(r, "");
  return [
    plain(["registry", "server"], `${reg}.azurecr.io`),
    plain(["registry", "username"], reg),
    secret(
      "azure-container-registry-password",
      r.pick(names("acr password", "registry password", "docker password", "acr admin password")),
      pw,
      pw,
    ),
  ];
}

export function sqlConn(r: Rng): Group {
  const pw = password(r);
  const server = resourceName(r);
  const db = r.pick(["Orders", "Billing", "appdb", "Inventory", "CRM", "Reporting", "master"]);
  const user = r.pick(USERS);
  const value = r.weighted<string>([
    [
      `Server=tcp:${server}.database.windows.net,1433;Initial Catalog=${db};Persist Security Info=False;User ID=${user};Password=${pw};MultipleActiveResultSets=False;Encrypt=True;TrustServerCertificate=False;Connection Timeout=30;`,
      3,
    ],
    [
      `Data Source=${r.pick(["prod-sql01", "SQLPROD", "10.0.4.12", "sql.internal"])};Initial Catalog=${db};User Id=${user};Pwd=${pw};`,
      2,
    ],
    [`Server=${r.pick(["prod", "sqlprod", "db01"])};Database=${db};User Id=${user};Password=${pw};`, 2],
    [`Server=prod;Password=${pw}`, 1],
    [
      `jdbc:sqlserver://${server}.database.windows.net:1433;database=${db};user=${user}@${server};password=${pw};encrypt=true;loginTimeout=30;`,
      1,
    ],
  ]);
  return [
    {
      ...secret(
        "sql-connection-string",
        r.pick(
          names(
            "connection string",
            "default connection",
            "sql connection",
            "database connection string",
            "db connection",
          ),
        ),
        value,
        pw,
      ),
      shape: "connstr",
    },
  ];
}
