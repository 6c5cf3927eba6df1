import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  addressesHolding,
  locateLogin,
  parseConnectionString,
  parseDatabaseUrls,
  parseJdbcUrls,
  serverOf,
} from "../../../src/adapters/providers/database-address.js";
import {
  MIN_PASSWORD_LENGTH,
  mysqlNativePasswordHash,
  newDatabasePassword,
  scramSha256Verifier,
} from "../../../src/adapters/providers/database-secrets.js";
import { MASK } from "../../../src/core/findings/redact.js";
import type { CredentialHolder } from "../../../src/remediation/provider.js";

const pw = () => `Pw${randomBytes(9).toString("base64url")}`;
const holder = (value: string, tags: Record<string, string> = {}): CredentialHolder => ({
  vaultUrl: "https://vault.test",
  secretName: "db",
  version: "v1",
  tags,
  value,
  encoding: "raw",
});

describe("database URLs", () => {
  test("every scheme, percent-decoded, with port, database and sslmode", () => {
    const p = pw();
    const [pg] = parseDatabaseUrls(
      `DATABASE_URL=postgresql://app:${encodeURIComponent(`${p}@/`)}@db.internal:6432/orders?sslmode=verify-full`,
    );
    expect(pg).toEqual({
      engine: "postgresql",
      host: "db.internal",
      port: 6432,
      user: "app",
      password: `${p}@/`,
      rawPassword: encodeURIComponent(`${p}@/`),
      database: "orders",
      tls: "verify",
    });
    expect(parseDatabaseUrls(`postgres://app:${p}@db`)[0]).toMatchObject({
      engine: "postgresql",
      port: 5432,
      tls: "prefer",
    });
    expect(parseDatabaseUrls(`mysql://app:${p}@db/app`)[0]).toMatchObject({
      engine: "mysql",
      port: 3306,
      database: "app",
    });
    expect(parseDatabaseUrls(`mariadb://app:${p}@[::1]:3307`)[0]).toMatchObject({
      engine: "mysql",
      host: "::1",
      port: 3307,
    });
    expect(parseDatabaseUrls(`postgresql+psycopg://app:${p}@db?sslmode=disable`)[0]).toMatchObject({ tls: "disable" });
    expect(parseDatabaseUrls(`mongodb://app:${p}@db`)).toEqual([]);
  });

  test("Azure's managed servers default to verified TLS", () => {
    const p = pw();
    expect(parseDatabaseUrls(`postgres://app:${p}@acme.postgres.database.azure.com/app`)[0]?.tls).toBe("verify");
    expect(parseDatabaseUrls(`mysql://app:${p}@acme.mysql.database.azure.com/app`)[0]?.tls).toBe("verify");
  });

  test("JDBC URLs carry the login in the query", () => {
    const p = pw();
    expect(parseJdbcUrls(`jdbc:postgresql://db:5433/app?user=svc&password=${p}&sslmode=require`)[0]).toMatchObject({
      engine: "postgresql",
      port: 5433,
      user: "svc",
      password: p,
      tls: "require",
    });
    expect(parseJdbcUrls(`jdbc:mysql://db/app?user=svc&password=${p}`)[0]).toMatchObject({
      engine: "mysql",
      port: 3306,
    });
  });
});

describe("connection strings", () => {
  test("Npgsql", () => {
    const p = pw();
    expect(
      parseConnectionString(`Host=db.internal;Port=5433;Database=app;Username=svc;Password=${p};SSL Mode=Require`),
    ).toEqual({
      engine: "postgresql",
      host: "db.internal",
      port: 5433,
      user: "svc",
      password: p,
      rawPassword: p,
      database: "app",
      tls: "require",
    });
  });

  test("MySqlConnector, quoted values", () => {
    const p = `${pw()};x`;
    expect(
      parseConnectionString(`Server=acme.mysql.database.azure.com;User ID=svc;Password="${p}";Database=app`),
    ).toMatchObject({
      engine: "mysql",
      user: "svc",
      password: p,
      tls: "verify",
    });
    expect(parseConnectionString(`Server=db;Port=3306;Uid=svc;Pwd=${p.slice(0, -2)}`)).toMatchObject({
      engine: "mysql",
    });
  });

  test("a string that may be SQL Server's is not guessed at", () => {
    expect(
      parseConnectionString(`Server=tcp:acme.database.windows.net,1433;User ID=app;Password=${pw()}`),
    ).toBeUndefined();
    expect(parseConnectionString(`Server=db01;User Id=sa;Password=${pw()}`)).toBeUndefined();
    expect(parseConnectionString(`Server=db01;User Id=sa;Password=${pw()}`, "mysql")).toMatchObject({
      engine: "mysql",
    });
  });
});

describe("locating a leaked password", () => {
  test("the holder's full URL completes the rule's match (which stops at the host)", () => {
    const p = pw();
    const found = locateLogin(
      {
        ruleIds: ["database-url-password"],
        value: p,
        context: `postgres://app:${p}@db.internal`,
        holders: [holder(`postgres://app:${p}@db.internal:6432/orders`)],
      },
      "postgresql",
    );
    expect(found).toMatchObject({ source: "value", password: p, address: { port: 6432, database: "orders" } });
  });

  test("Azure rotation tags first: a resource id names the server, CredentialId the role", () => {
    const p = pw();
    const id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/Acme-Db";
    const found = locateLogin(
      { ruleIds: [], value: p, holders: [holder(p, { ProviderAddress: id, CredentialId: "svc" })] },
      "postgresql",
    );
    expect(found).toMatchObject({
      source: "tags",
      password: p,
      address: { host: "acme-db.postgres.database.azure.com", port: 5432, user: "svc", tls: "verify" },
    });
    expect(
      locateLogin(
        { ruleIds: [], value: p, holders: [holder(p, { ProviderAddress: id, CredentialId: "svc" })] },
        "mysql",
      ),
    ).toBeUndefined();
  });

  test("a percent-encoded leak is decoded", () => {
    const raw = `${pw()}#?`;
    const enc = encodeURIComponent(raw);
    const found = locateLogin({ ruleIds: [], value: enc, context: `mysql://app:${enc}@db`, holders: [] }, "mysql");
    expect(found?.password).toBe(raw);
  });

  test("leakstop-provider names the engine of an ambiguous connection string", () => {
    const p = pw();
    const text = `Server=db01;Port=4000;User Id=svc;Password=${p}`;
    expect(locateLogin({ ruleIds: [], value: p, context: text, holders: [] }, "mysql")).toBeUndefined();
    const tagged = { ruleIds: [], value: p, holders: [holder(text, { "leakstop-provider": "mysql" })] };
    expect(locateLogin(tagged, "mysql")).toMatchObject({ address: { port: 4000, user: "svc" } });
    expect(locateLogin(tagged, "postgresql")).toBeUndefined();
  });

  test("a JSON secret with username and password", () => {
    const p = pw();
    const json = JSON.stringify({
      engine: "postgres",
      host: "db.internal",
      port: 6432,
      username: "svc",
      password: p,
      dbname: "app",
    });
    const found = locateLogin(
      { ruleIds: [], value: p, holders: [{ ...holder(json), encoding: "json" }] },
      "postgresql",
    );
    expect(found).toMatchObject({
      source: "value",
      password: p,
      address: { host: "db.internal", port: 6432, user: "svc", database: "app" },
    });
    const mysqlJson = JSON.stringify({ engine: "mariadb", host: "db", username: "svc", password: p });
    expect(locateLogin({ ruleIds: [], value: p, holders: [holder(mysqlJson)] }, "mysql")?.address.port).toBe(3306);
    expect(
      locateLogin(
        { ruleIds: [], value: p, holders: [holder(JSON.stringify({ host: "db", username: "svc", password: p }))] },
        "mysql",
      ),
    ).toBeUndefined();
  });

  test("a finding's redacted context still tells the server", () => {
    const p = pw();
    const found = locateLogin(
      { ruleIds: [], value: p, context: `postgres://app:${MASK}@db.internal`, holders: [] },
      "postgresql",
    );
    expect(found).toMatchObject({ password: p, address: { host: "db.internal", user: "app" } });
  });

  test("rotation tags on the current versions (the credential's own tags) count too", () => {
    const p = pw();
    const credential = {
      ruleIds: [],
      value: p,
      holders: [],
      tags: { ProviderAddress: "mysql://db.internal:3307", CredentialId: "svc" },
    };
    expect(locateLogin(credential, "mysql")).toMatchObject({ source: "tags", address: { port: 3307, user: "svc" } });
  });

  test("a leaked value that is a whole URL is not located (the returned password would not fit its holders)", () => {
    const p = pw();
    expect(locateLogin({ ruleIds: [], value: `mysql://svc:${p}@db:3307/app`, holders: [] }, "mysql")).toBeUndefined();
  });

  test("only logins whose password is the leaked value", () => {
    expect(addressesHolding(`postgres://app:${pw()}@db`, pw())).toEqual([]);
  });

  test("ProviderAddress forms", () => {
    expect(serverOf("db.internal:6432")).toEqual({ host: "db.internal", port: 6432 });
    expect(serverOf("mysql://db.internal")).toEqual({ host: "db.internal", engine: "mysql" });
    expect(serverOf("/subscriptions/1/resourceGroups/r/providers/Microsoft.DBforMySQL/flexibleServers/x1")).toEqual({
      host: "x1.mysql.database.azure.com",
      engine: "mysql",
    });
    expect(serverOf("not a server")).toBeUndefined();
  });
});

describe("new passwords and their hashes", () => {
  test("letters and digits, never shorter than the leaked one", () => {
    expect(newDatabasePassword()).toMatch(new RegExp(`^[A-Za-z0-9]{${MIN_PASSWORD_LENGTH}}$`));
    expect(newDatabasePassword("x".repeat(70))).toHaveLength(70);
    expect(newDatabasePassword()).not.toBe(newDatabasePassword());
  });

  test("SCRAM-SHA-256 verifier in PostgreSQL's stored form", () => {
    const salt = Buffer.alloc(16, 7);
    const v = scramSha256Verifier("pencil", salt);
    expect(v).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/);
    expect(v).toBe(scramSha256Verifier("pencil", salt));
    expect(v).not.toBe(scramSha256Verifier("pencil"));
  });

  test("mysql_native_password: * and upper-case hex of SHA1(SHA1(password))", () => {
    // MySQL's documented hash of the word "password".
    expect(mysqlNativePasswordHash("password")).toBe("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
  });
});
