/**
 * Credentials inside connection URLs: database and broker URLs, JDBC URLs and HTTP(S) basic
 * auth. The secret is the password component only.
 */
import type { Rule, RuleExamples } from "../types.js";
import { Faker } from "./fake.js";

/** A default or copied-from-the-docs password (`postgres:postgres`) is a decoy, not a leak. */
function notUserEcho({ match, secret }: { match: RegExpExecArray; secret: string }): boolean {
  const user = match.groups?.user ?? "";
  return secret.length >= 4 && secret.toLowerCase() !== user.toLowerCase();
}

/** Database and broker URL schemes (a `+driver` suffix is allowed: `postgresql+asyncpg://`). */
const DB_SCHEMES = [
  "postgres",
  "postgresql",
  "mysql",
  "mariadb",
  "mongodb",
  "redis",
  "rediss",
  "amqp",
  "amqps",
  "mssql",
  "sqlserver",
  "cockroachdb",
  "clickhouse",
  "couchdb",
  "neo4j",
  "bolt",
  "cassandra",
  "snowflake",
  "oracle",
  "db2",
  "nats",
  "mqtt",
  "mqtts",
  "kafka",
  "influxdb",
  "memcached",
  "elasticsearch",
  "opensearch",
];

/**
 * At a scheme's keyword: is there `://`, and then an `@` before the value ends? Most URLs
 * carry no credentials, so this check spares the regex nearly every occurrence.
 */
function schemeWithCredentials(text: string, _start: number, end: number): boolean {
  // Bounded: an unbounded indexOf at every occurrence would make a long text quadratic.
  // The keyword may end with `://` itself (`https://`) or stop at the scheme (`postgres`).
  const near = text.slice(end - 3, end + 27).indexOf("://");
  if (near < 0) return false;
  const sep = end - 3 + near;
  for (let i = sep + 3, n = Math.min(text.length, sep + 320); i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 64) return true; // @
    if (c <= 32 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62) return false; // space " ' ` < >
  }
  return false;
}

export const rules: readonly Rule[] = [
  {
    id: "database-url-password",
    title: "Password in a database or broker URL",
    keywords: DB_SCHEMES,
    pattern: new RegExp(
      `(?<![A-Za-z0-9])(?:${DB_SCHEMES.join("|")})(?:\\+[a-z0-9]+)?:\\/\\/(?<user>[^:@/\\s"'\`<>]{0,200}):(?<secret>[^@/\\s"'\`<>]{1,200})@[A-Za-z0-9._\\-[\\]]{1,253}`,
      "i",
    ),
    window: { before: 0, after: 720 },
    startsBeforeKeyword: true,
    atKeyword: schemeWithCredentials,
    validate: notUserEcho,
    remediation: "Change the database user's password and update every consumer.",
  },
  {
    id: "jdbc-url-password",
    title: "Password in a JDBC URL",
    keywords: ["jdbc:"],
    pattern: /jdbc:[a-z0-9]{1,20}:[^\s"'`<>]{0,500}?[?&;:](?:password|pwd)=(?<secret>[^&;\s"'`<>]{3,200})/i,
    remediation: "Change the database user's password and update every consumer.",
  },
  {
    id: "url-basic-auth",
    title: "Password in a URL",
    keywords: [
      "http://",
      "https://",
      "ftp://",
      "ftps://",
      "sftp://",
      "smtp://",
      "smtps://",
      "ldap://",
      "ldaps://",
      "ws://",
      "wss://",
      "ssh://",
      "svn://",
      "svn+ssh://",
      "rtsp://",
      "rtsps://",
      "imap://",
      "imaps://",
      "pop3://",
      "pop3s://",
      "git://",
      "git+https://",
      "git+http://",
    ],
    pattern:
      /(?<![A-Za-z0-9])(?:https?|s?ftps?|smtps?|ldaps?|wss?|ssh|svn(?:\+ssh)?|rtsps?|imaps?|pop3s?|git(?:\+https?)?):\/\/(?<user>[^:@/\s"'`<>{}$]{1,100}):(?<secret>[^@/\s"'`<>{}]{3,200})@[A-Za-z0-9._-]{1,253}\.[A-Za-z]{2,24}/,
    window: { before: 0, after: 600 },
    startsBeforeKeyword: true,
    atKeyword: schemeWithCredentials,
    validate: notUserEcho,
    remediation: "Change the account's password (or revoke the token used as one).",
  },
];

export function examples(): RuleExamples {
  const f = new Faker(47);
  const pw = f.password(18);
  const pw2 = f.password(12);
  return {
    truePositives: [
      { text: `DATABASE_URL=postgres://app:${pw}@db.internal:5432/app`, secret: pw, path: ".env" },
      { text: `mongo_uri = "mongodb+srv://svc:${pw2}@cluster0.abcde.mongodb.net/prod"`, secret: pw2, path: "db.py" },
      { text: `REDIS_URL=redis://:${pw}@cache.example.net:6379/0`, secret: pw, path: ".env" },
      { text: `url = "jdbc:mysql://db:3306/app?user=app&password=${pw2}"`, secret: pw2, path: "db.properties" },
      { text: `git remote add origin https://deploy:${pw}@git.acme.io/repo.git`, secret: pw, path: "setup.sh" },
      {
        text: `SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://svc:${pw2}@db.acme.io:5432/app"`,
        secret: pw2,
        path: "config.py",
      },
      { text: `NEO4J_URI=neo4j+s://neo4j:${pw}@graph.acme.io:7687`, secret: pw, path: ".env" },
      { text: `broker: "mqtts://device:${pw2}@iot.acme.io:8883"`, secret: pw2, path: "device.yml" },
      { text: `const ws = new WebSocket("wss://bot:${pw}@stream.acme.io/feed");`, secret: pw },
      { text: `CLICKHOUSE_URL=clickhouse://default:${pw2}@ch.acme.io:9000/db`, secret: pw2, path: ".env" },
    ],
    falsePositives: [
      { text: "DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev", path: ".env" },
      { text: "postgres://user:password@localhost/db" },
      { text: "amqp://guest:guest@localhost:5672/" },
      { text: "mysql://${DB_USER}:${DB_PASSWORD}@${DB_HOST}/app" },
      { text: "https://user:<password>@example.com" },
      { text: "see https://docs.example.com:8443/path for details" },
    ],
  };
}
