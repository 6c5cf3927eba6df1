/**
 * Fake credentials in the exact public formats (valid checksums where the format has one).
 * Every value is drawn from the seeded PRNG at generation time; nothing here is a literal secret.
 */

import { b64, b64url } from "./codec.ts";
import {
  acr,
  adoPat,
  apim,
  appConfig,
  cosmosConn,
  cosmosKeyAlone,
  entra,
  functionsKey,
  messagingConn,
  sas,
  sqlConn,
  storageConn,
  storageKeyAlone,
} from "./fakes/azure.ts";
import { breadth } from "./fakes/breadth.ts";
import {
  anthropic,
  aws,
  dbUrl,
  generic,
  github,
  githubFineGrained,
  google,
  jwt,
  npm,
  openai,
  privateKey,
  pypi,
  sendgrid,
  slackToken,
  slackWebhook,
  stripe,
  twilio,
} from "./fakes/vendors.ts";
import { type Group, names } from "./model.ts";
import { ALNUM, DIGITS, LOWER, type Rng } from "./prng.ts";
import { app, host, org, password, resourceName } from "./words.ts";

/** A kind of true secret and how often it appears relative to others. */
export interface SecretKind {
  readonly type: string;
  readonly weight: number;
  make(r: Rng): Group;
}

export const SECRET_KINDS: readonly SecretKind[] = [
  { type: "azure-storage-connection-string", weight: 7, make: storageConn },
  { type: "azure-storage-account-key", weight: 3, make: storageKeyAlone },
  { type: "azure-sas-token", weight: 5, make: sas },
  { type: "entra-client-secret", weight: 6, make: entra },
  { type: "azure-cosmosdb-connection-string", weight: 3, make: cosmosConn },
  { type: "azure-cosmosdb-key", weight: 2, make: cosmosKeyAlone },
  {
    type: "azure-servicebus-connection-string",
    weight: 3,
    make: messagingConn(
      "azure-servicebus-connection-string",
      "+ASb",
      names("service bus connection string", "servicebus connection", "service bus connection"),
    ),
  },
  {
    type: "azure-eventhub-connection-string",
    weight: 2,
    make: messagingConn(
      "azure-eventhub-connection-string",
      "+AEh",
      names("event hub connection string", "eventhubs connection", "event hubs connection"),
    ),
  },
  {
    type: "azure-relay-connection-string",
    weight: 1,
    make: messagingConn("azure-relay-connection-string", "+ARm", names("relay connection string", "hybrid connection")),
  },
  { type: "azure-app-config-connection-string", weight: 2, make: appConfig },
  { type: "azure-devops-pat", weight: 4, make: adoPat },
  { type: "azure-functions-key", weight: 3, make: functionsKey },
  { type: "azure-apim-subscription-key", weight: 2, make: apim },
  { type: "azure-container-registry-password", weight: 2, make: acr },
  { type: "sql-connection-string", weight: 6, make: sqlConn },
  { type: "aws-access-key", weight: 5, make: aws },
  {
    type: "github-pat",
    weight: 4,
    make: github("ghp_", "github-pat", names("github token", "gh token", "github pat", "git token")),
  },
  {
    type: "github-oauth-token",
    weight: 1,
    make: github("gho_", "github-oauth-token", names("oauth token", "github oauth token")),
  },
  {
    type: "github-user-token",
    weight: 1,
    make: github("ghu_", "github-user-token", names("user token", "github user token")),
  },
  {
    type: "github-app-token",
    weight: 1,
    make: github("ghs_", "github-app-token", names("installation token", "github app token")),
  },
  {
    type: "github-refresh-token",
    weight: 1,
    make: github("ghr_", "github-refresh-token", names("refresh token", "github refresh token")),
  },
  { type: "github-fine-grained-pat", weight: 3, make: githubFineGrained },
  { type: "slack-token", weight: 3, make: slackToken },
  { type: "slack-webhook", weight: 2, make: slackWebhook },
  { type: "stripe-key", weight: 3, make: stripe },
  { type: "google-api-key", weight: 3, make: google },
  { type: "private-key", weight: 5, make: privateKey },
  { type: "jwt", weight: 3, make: jwt },
  { type: "npm-token", weight: 2, make: npm },
  { type: "pypi-token", weight: 2, make: pypi },
  { type: "sendgrid-api-key", weight: 2, make: sendgrid },
  { type: "twilio", weight: 2, make: twilio },
  { type: "openai-api-key", weight: 3, make: openai },
  { type: "anthropic-api-key", weight: 2, make: anthropic },
  // Forty more providers' formats, half of them under neutral names (see fakes/breadth.ts).
  { type: "breadth", weight: 12, make: breadth },
  {
    type: "postgres-url",
    weight: 3,
    make: dbUrl(
      "postgres-url",
      (r, u, p) =>
        `${r.pick(["postgres", "postgresql"])}://${u}:${p}@${host(r)}:5432/${app(r)}${r.chance(0.4) ? "?sslmode=require" : ""}`,
    ),
  },
  {
    type: "mysql-url",
    weight: 2,
    make: dbUrl("mysql-url", (r, u, p) => `mysql://${u}:${p}@${host(r, "mysql")}:3306/${app(r)}`),
  },
  {
    type: "mongodb-url",
    weight: 3,
    make: dbUrl("mongodb-url", (r, u, p) =>
      r.chance(0.5)
        ? `mongodb+srv://${u}:${p}@cluster0.${r.str(LOWER + DIGITS, 5)}.mongodb.net/${app(r)}?retryWrites=true&w=majority`
        : `mongodb://${u}:${p}@mongo-0.${org(r)}.internal:27017,mongo-1.${org(r)}.internal:27017/${app(r)}?replicaSet=rs0&authSource=admin`,
    ),
  },
  {
    type: "redis-url",
    weight: 2,
    make: dbUrl("redis-url", (r, _u, p) =>
      r.chance(0.5)
        ? `rediss://:${p}@${resourceName(r)}.redis.cache.windows.net:6380/0`
        : `redis://default:${p}@${app(r)}-cache.${org(r)}.internal:6379`,
    ),
  },
  {
    type: "amqp-url",
    weight: 2,
    make: dbUrl(
      "amqp-url",
      (r, u, p) =>
        `${r.pick(["amqp", "amqps"])}://${u}:${p}@${r.pick(["rabbitmq", "mq", "broker"])}.${org(r)}.internal:${r.pick(["5672", "5671"])}/${r.pick(["", "%2F", app(r)])}`,
    ),
  },
  {
    type: "generic-password",
    weight: 8,
    make: generic(
      "generic-password",
      names(
        "db password",
        "database password",
        "smtp password",
        "admin password",
        "ldap bind password",
        "mail password",
        "password",
        "db pass",
        "mysql root password",
        "postgres password",
        "sftp password",
        "keystore password",
      ),
      password,
    ),
  },
  {
    type: "generic-secret",
    weight: 4,
    make: generic(
      "generic-secret",
      names(
        "jwt secret",
        "session secret",
        "secret key",
        "app secret",
        "webhook secret",
        "signing secret",
        "cookie secret",
        "encryption key",
        "secret key base",
      ),
      (r) =>
        r.weighted<string>([
          [r.hex(r.pick([32, 64, 128])), 3],
          [b64(r.bytes(32)), 2],
          [r.str(ALNUM, r.int(24, 48)), 2],
          [password(r), 1],
        ]),
    ),
  },
  {
    type: "generic-api-key",
    weight: 4,
    make: generic(
      "generic-api-key",
      names(
        "api key",
        "weather api key",
        "partner api key",
        "service api key",
        "datadog api key",
        "x api key",
        "maps key",
      ),
      (r) =>
        r.weighted<string>([
          [r.hex(32), 3],
          [r.str(ALNUM, r.int(32, 40)), 3],
          [r.uuid().replace(/-/g, ""), 1],
        ]),
    ),
  },
  {
    type: "generic-token",
    weight: 3,
    make: generic(
      "generic-token",
      names("auth token", "access token", "api token", "bearer token", "service token", "refresh token"),
      (r) =>
        r.weighted<string>([
          [r.str(ALNUM, r.int(32, 64)), 3],
          [r.hex(40), 2],
          [b64url(r.bytes(32)), 2],
        ]),
    ),
  },
];
