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

export const rules: readonly Rule[] = [
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
      "cockroachdb://",
    ],
    pattern:
      /(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb)(?:\+[a-z0-9]+)?:\/\/(?<user>[^:@/\s"'`<>]{0,200}):(?<secret>[^@/\s"'`<>]{1,200})@[A-Za-z0-9._\-[\]]{1,253}/i,
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
    keywords: ["http://", "https://", "ftp://", "sftp://", "smtp://", "smtps://", "ldap://", "ldaps://"],
    pattern:
      /(?:https?|s?ftp|smtps?|ldaps?):\/\/(?<user>[^:@/\s"'`<>{}$]{1,100}):(?<secret>[^@/\s"'`<>{}]{3,200})@[A-Za-z0-9._-]{1,253}\.[A-Za-z]{2,24}/,
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
