/** Values that look like secrets and are not: documented examples, hashes, ids, public keys, redacted or broken tokens, emulator keys, public identifiers, settings. */
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { BASE62, checksummedToken } from "../codec.ts";
import { type Group, names } from "../model.ts";
import { certificatePem, publicKeyPem, sshPublicKey } from "../pem.ts";
import { ALNUM, DIGITS, LOWER, type Rng } from "../prng.ts";
import { accountName, app, FIRST, org, REGIONS } from "../words.ts";
import { CRED_WORDS, d, jwtIoExample, WELL_KNOWN } from "./common.ts";

export function docExample(r: Rng): Group {
  return r.weighted<Group>([
    [
      [
        d("documented-example", ["aws", "access", "key", "id"], WELL_KNOWN.awsExampleId),
        d("documented-example", ["aws", "secret", "access", "key"], WELL_KNOWN.awsExampleSecret),
      ],
      3,
    ],
    [
      [
        d("documented-example", ["aws", "access", "key", "id"], WELL_KNOWN.awsExampleId2),
        d("documented-example", ["aws", "secret", "access", "key"], WELL_KNOWN.awsExampleSecret2),
      ],
      1,
    ],
    [[d("documented-example", ["token"], jwtIoExample())], 2],
    [[d("documented-example", ["slack", "webhook", "url"], WELL_KNOWN.slackExampleWebhook, { shape: "url" })], 2],
    [[d("documented-example", ["oauth", "token"], WELL_KNOWN.githubDocsToken)], 1],
  ]);
}

export function hash(r: Rng): Group {
  const algo = r.pick(["sha256", "sha1", "md5", "sha512", "sha256"]);
  const v = createHash(algo).update(r.str(ALNUM, 20)).digest("hex");
  const words = r.pick([
    ["checksum"],
    [algo],
    ["digest"],
    ["content", "hash"],
    ["file", "hash"],
    ["cache", "key"],
    ["fingerprint"],
    ["commit"],
    ["etag"],
    ["artifact", "sha"],
    ["key", "hash"],
    ["token", "hash"],
  ]);
  return [d("hash", words, r.chance(0.15) ? `${algo}:${v}` : v, { shape: "plain" })];
}

export function uuid(r: Rng): Group {
  const g = r.chance(0.3) ? r.uuid().toUpperCase() : r.uuid();
  const words = r.pick(
    names(
      "client id",
      "tenant id",
      "subscription id",
      "application id",
      "object id",
      "correlation id",
      "instance id",
      "app id",
      "managed identity client id",
      "key id",
      "token id",
    ),
  );
  return [d("uuid", words, r.chance(0.1) ? `{${g}}` : g, { shape: "plain" })];
}

export function publicMaterial(r: Rng): Group {
  return r.weighted<Group>([
    [
      [
        d(
          "public-key",
          r.pick(names("public key", "jwt public key", "verification key", "signing public key")),
          publicKeyPem(r),
          { shape: "pem" },
        ),
      ],
      3,
    ],
    [
      [
        d(
          "certificate",
          r.pick(names("certificate", "ca cert", "tls certificate", "client cert")),
          certificatePem(r, `${app(r)}.${org(r)}.com`),
          { shape: "pem" },
        ),
      ],
      3,
    ],
    [
      [
        d(
          "ssh-public-key",
          r.pick(names("ssh public key", "ssh key", "authorized key", "admin ssh key")),
          sshPublicKey(r, `${r.pick(FIRST)}@${r.pick(["laptop", "workstation", "build"])}`),
        ),
      ],
      3,
    ],
  ]);
}

export function redacted(r: Rng): Group {
  const v = r.pick([
    `ghp_${"*".repeat(36)}`,
    `ghp_${r.str(ALNUM, 4)}${"*".repeat(32)}`,
    `sk-...${r.str(ALNUM, 4)}`,
    `sk-proj-...${r.str(ALNUM, 4)}`,
    `AKIA${"*".repeat(16)}`,
    `xoxb-${"*".repeat(10)}`,
    `sk_live_...${r.str(ALNUM, 4)}`,
    `${"*".repeat(r.int(6, 12))}${r.str(ALNUM, 4)}`,
    "***",
    `sig=${"*".repeat(8)}`,
    `AccountKey=${"*".repeat(10)}`,
    `${r.str(ALNUM, 4)}…`,
  ]);
  return [d("redacted", r.pick(CRED_WORDS), v)];
}

export function badChecksum(r: Rng): Group {
  const random = r.str(ALNUM, 30);
  const good = checksummedToken("ghp_", random).slice(-6);
  let bad = r.str(BASE62, 6);
  while (bad === good) bad = r.str(BASE62, 6);
  return [
    d(
      "bad-checksum",
      r.pick(names("github token", "gh token", "token")),
      `${r.pick(["ghp_", "gho_", "ghs_"])}${random}${bad}`,
    ),
  ];
}

export function appInsights(r: Rng): Group {
  const key = r.uuid();
  const region = r.pick(REGIONS);
  return r.weighted<Group>([
    [
      [
        d(
          "appinsights",
          r.pick(
            names("applicationinsights connection string", "app insights connection string", "appinsights connection"),
          ),
          `InstrumentationKey=${key};IngestionEndpoint=https://${region}-${r.int(0, 8)}.in.applicationinsights.azure.com/;LiveEndpoint=https://${region}.livediagnostics.monitor.azure.com/;ApplicationId=${r.uuid()}`,
          { shape: "connstr" },
        ),
      ],
      3,
    ],
    [
      [
        d(
          "appinsights",
          r.pick(names("appinsights instrumentationkey", "instrumentation key", "app insights key")),
          key,
        ),
      ],
      2,
    ],
  ]);
}

export function emulator(r: Rng): Group {
  return r.weighted<Group>([
    [
      [
        d(
          "emulator-key",
          ["azure", "storage", "connection", "string"],
          `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${WELL_KNOWN.azuriteKey};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;${r.chance(0.5) ? "QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" : ""}`,
          { shape: "connstr" },
        ),
      ],
      3,
    ],
    [
      [
        d(
          "emulator-key",
          r.pick(names("azure web jobs storage", "storage connection string")),
          "UseDevelopmentStorage=true",
          { shape: "connstr" },
        ),
      ],
      2,
    ],
    [
      [
        d(
          "emulator-key",
          r.pick(names("cosmos connection string", "cosmos db")),
          `AccountEndpoint=https://localhost:8081/;AccountKey=${WELL_KNOWN.cosmosEmulatorKey}`,
          { shape: "connstr" },
        ),
      ],
      2,
    ],
    [[d("emulator-key", r.pick(names("azurite account key", "storage account key")), WELL_KNOWN.azuriteKey)], 1],
  ]);
}

export function dataBlob(r: Rng): Group {
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    Buffer.from(r.bytes(r.int(60, 400))),
  ]);
  return [
    d(
      "data-blob",
      r.pick(names("logo", "icon", "placeholder image", "avatar", "thumbnail")),
      `data:image/png;base64,${png.toString("base64")}`,
      { shape: "plain" },
    ),
  ];
}

export function randomId(r: Rng): Group {
  return r.weighted<Group>([
    [
      [
        d("random-id", r.pick(names("commit sha", "git sha", "revision", "build commit")), r.hex(40), {
          shape: "plain",
        }),
      ],
      3,
    ],
    [
      [
        d("random-id", r.pick(names("request id", "trace id", "span id", "operation id")), r.hex(r.pick([16, 32])), {
          shape: "plain",
        }),
      ],
      2,
    ],
    [
      [
        d(
          "random-id",
          ["image"],
          `${r.pick(["mcr.microsoft.com/dotnet/aspnet", "node", "python", `ghcr.io/${org(r)}/${app(r)}`])}@sha256:${r.hex(64)}`,
          { shape: "plain" },
        ),
      ],
      2,
    ],
    [
      [
        d("random-id", r.pick(names("build id", "run id", "deployment id")), `${r.str(DIGITS, 10)}`, {
          shape: "plain",
        }),
      ],
      1,
    ],
    [
      [
        d("random-id", r.pick(names("object key", "cache key", "idempotency key")), `${app(r)}/${r.hex(24)}`, {
          shape: "plain",
        }),
      ],
      1,
    ],
  ]);
}

export function publicByDesign(r: Rng): Group {
  return r.weighted<Group>([
    [
      [
        d(
          "public-identifier",
          r.pick(names("stripe publishable key", "stripe public key")),
          `${r.pick(["pk_live_", "pk_test_"])}${r.chance(0.5) ? r.str(ALNUM, 24) : `51${r.str(ALNUM, 97)}`}`,
        ),
      ],
      3,
    ],
    [
      [
        d(
          "public-identifier",
          ["google", "client", "id"],
          `${r.str(DIGITS, 12)}-${r.str(LOWER + DIGITS, 32)}.apps.googleusercontent.com`,
        ),
      ],
      2,
    ],
    [
      [
        d(
          "public-identifier",
          ["sentry", "dsn"],
          `https://${r.hex(32)}@o${r.str(DIGITS, 6)}.ingest.sentry.io/${r.str(DIGITS, 7)}`,
          { shape: "url" },
        ),
      ],
      2,
    ],
    [[d("public-identifier", ["twilio", "account", "sid"], `AC${r.hex(32)}`)], 1],
    [[d("public-identifier", r.pick(names("storage account name", "account name")), accountName(r))], 1],
  ]);
}

export function setting(r: Rng): Group {
  const [words, value] = r.pick<[string[], string]>([
    [["password", "min", "length"], String(r.int(8, 16))],
    [["token", "ttl", "seconds"], String(r.pick([300, 900, 3600, 86400]))],
    [["max", "secret", "versions"], String(r.int(2, 10))],
    [["api", "key", "rotation", "days"], String(r.pick([30, 60, 90]))],
    [["token", "expiry"], r.pick(["3600", "1h", "15m"])],
    [["password", "reset", "timeout"], "259200"],
    [["secret", "refresh", "interval"], r.pick(["5m", "300", "PT5M"])],
    [["require", "password", "uppercase"], r.pick(["true", "false"])],
    [["token", "type"], r.pick(["Bearer", "bearer", "JWT"])],
    [["password", "hash", "algorithm"], r.pick(["argon2id", "bcrypt", "pbkdf2_sha256"])],
    [["api", "key", "header"], r.pick(["X-API-Key", "Ocp-Apim-Subscription-Key", "x-functions-key"])],
    [["token", "audience"], r.pick(["api://default", `api://${app(r)}`])],
    [["secret", "store"], r.pick(["keyvault", "vault", "aws-secrets-manager"])],
  ]);
  return [d("setting", words, value, { shape: "plain" })];
}

export function keywordText(r: Rng): Group {
  const [words, value] = r.pick<[string[], string]>([
    [["token", "expired", "message"], "Your session token has expired. Please sign in again."],
    [["password", "hint"], "Use at least 12 characters, including a number and a symbol."],
    [["invalid", "api", "key", "error"], "The API key you provided is not valid."],
    [["secret", "rotation", "notice"], "Secrets are rotated every 90 days by the platform team."],
    [["forgot", "password", "label"], "Forgot your password?"],
  ]);
  return [d("keyword-text", words, value, { shape: "plain" })];
}

export function urlNoSecret(r: Rng): Group {
  const [words, value] = r.pick<[string[], string]>([
    [["token", "url"], `https://login.microsoftonline.com/${r.uuid()}/oauth2/v2.0/token`],
    [["token", "endpoint"], `https://${org(r)}.okta.com/oauth2/default/v1/token`],
    [["jwks", "uri"], `https://login.microsoftonline.com/common/discovery/v2.0/keys`],
    [["password", "reset", "url"], `https://${app(r)}.${org(r)}.com/account/reset-password`],
    [["secret", "uri"], `https://kv-${app(r)}.vault.azure.net/secrets/${r.pick(["DbPassword", "ApiKey"])}`],
    [["auth", "url"], `https://github.com/login/oauth/authorize`],
  ]);
  return [d("url-without-secret", words, value, { shape: "url" })];
}
