/**
 * Azure SQL / PostgreSQL and MySQL flexible server administrator passwords through the
 * management API, against the stateful ARM double (which holds each server's admin login and
 * current password, checks the api-version and the password policy, and answers the PATCH
 * as a long-running operation): located by rotation tags and by Resource Graph from the host in
 * the leaked connection string, refused (with the reason) when the leaked login is not the
 * admin, the new password set at the server and returned for the vault, a repeat harmless.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAzureRotators } from "../../../src/adapters/providers/azure-rotators.js";
import {
  AZURE_SERVER_ADMIN_KIND,
  createAzureServerAdminRotator,
  newAdminPassword,
} from "../../../src/adapters/providers/azure-server-admin.js";
import { databaseRotators } from "../../../src/adapters/providers/databases.js";
import { Faker } from "../../../src/core/rules/fake.js";
import type { LeakedCredential } from "../../../src/remediation/provider.js";
import { ARM_TOKEN, ArmDouble, type ArmServer, trustingFetch } from "../../helpers/arm-double.js";

type ServerType = Parameters<ArmDouble["addServer"]>[0];

interface ServerCase {
  readonly type: ServerType;
  readonly ruleId: string;
  text(name: string, user: string, password: string): string;
}

const CASES: readonly ServerCase[] = [
  {
    type: "Microsoft.Sql/servers",
    ruleId: "sql-server-connection-string",
    text: (n, u, p) =>
      `Server=tcp:${n}.database.windows.net,1433;Initial Catalog=app;User ID=${u};Password=${p};Encrypt=True;`,
  },
  {
    type: "Microsoft.DBforPostgreSQL/flexibleServers",
    ruleId: "database-url-password",
    text: (n, u, p) =>
      `postgresql://${u}:${encodeURIComponent(p)}@${n}.postgres.database.azure.com:5432/app?sslmode=require`,
  },
  {
    type: "Microsoft.DBforMySQL/flexibleServers",
    ruleId: "database-url-password",
    text: (n, u, p) => `mysql://${u}:${encodeURIComponent(p)}@${n}.mysql.database.azure.com:3306/app`,
  },
];

let arm: ArmDouble;
let serial = 0;
const faker = new Faker(16);
beforeAll(async () => {
  arm = await ArmDouble.start();
});
afterAll(async () => arm.close());

function rotator(probe?: boolean) {
  return createAzureServerAdminRotator({
    armUrl: arm.url,
    getToken: async (scope) => {
      expect(scope).toBe(`${arm.url}/.default`);
      return ARM_TOKEN;
    },
    fetch: trustingFetch(arm.ca),
    pollIntervalInMs: 1,
    ...(probe !== undefined ? { probe } : {}),
  });
}

function world(
  c: ServerCase,
  options: { tagged: boolean; leakedUser?: string },
): { server: ArmServer; credential: LeakedCredential } {
  const name = `lksql${++serial}${Date.now().toString(36)}`;
  const password = faker.password(20);
  const server = arm.addServer(c.type, name, "dbadmin", password);
  const text = c.text(name, options.leakedUser ?? "dbadmin", password);
  const tags: Record<string, string> = options.tagged ? { ProviderAddress: server.id } : {};
  return {
    server,
    credential: {
      ruleIds: [c.ruleId],
      value: password,
      // As the responder passes it: the match with the secret masked.
      context: text.replace(encodeURIComponent(password), "****").replace(password, "****"),
      holders: [{ vaultUrl: "https://kv.test", secretName: "db", version: "v1", tags, value: text, encoding: "raw" }],
      tags,
    },
  };
}

describe.each(CASES.flatMap((c) => [true, false].map((tagged) => ({ ...c, tagged }))))(
  "$type admin password ($ruleId, tags: $tagged)",
  (c) => {
    it("locates the server, sets a policy-conforming new password through the management API, repeats harmlessly", async () => {
      const r = rotator();
      const { server, credential } = world(c, { tagged: c.tagged });
      const leaked = credential.value;
      expect(r.applies(credential)).toBe(true);
      const before = arm.requests.length;

      const loc = await r.locate(credential);
      expect(loc).toMatchObject({
        kind: AZURE_SERVER_ADMIN_KIND,
        resource: server.id,
        credentialId: "dbadmin",
        source: c.tagged ? "tags" : "value",
      });
      if (!loc) throw new Error("not located");
      const plan = r.plan(loc, credential);
      expect(plan.mode).toBe("rotate");
      expect(plan.steps.map((s) => s.description).join("\n")).toMatch(/administratorLoginPassword/);
      expect(plan.steps.every((s) => s.permission.includes(server.id))).toBe(true);
      expect(JSON.stringify(plan)).not.toContain(leaked);

      const out = await r.rotate(plan, credential);
      expect(out.value).toBeDefined();
      expect(out.value).not.toBe(leaked);
      // The server now holds exactly the value handed to the vault; the leaked one is gone from it.
      expect(server.password).toBe(out.value);
      expect(server.previous).toEqual([leaked]);
      expect(out.value?.length).toBeGreaterThanOrEqual(32);
      expect(out.value).toMatch(/^[A-Za-z0-9._-]+$/);

      const proof = await r.prove(plan, credential, out.value);
      expect(proof.leaked).toBe("rejected");
      expect(proof.evidence).toMatch(/^management API only: .*completed \(state Ready\).*no login was tried/);
      for (const v of [leaked, out.value as string]) expect(JSON.stringify(proof)).not.toContain(v);

      const mine = arm.requests.slice(before);
      expect(mine.every((q) => q.authorized)).toBe(true);
      // Graph only when untagged; GET before PATCH; the password never in an answer or a path.
      expect(mine.some((q) => q.path.includes("ResourceGraph"))).toBe(!c.tagged);
      const patch = mine.findIndex((q) => q.method === "PATCH");
      expect(mine.findIndex((q) => q.method === "GET" && q.path === server.id)).toBeLessThan(patch);
      expect(mine[patch]?.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const q of mine) expect(q.path).not.toContain(leaked);

      // A repeat after the vault stored it (a crash before the leaked versions were disabled): no second PATCH.
      const patches = arm.requests.filter((q) => q.method === "PATCH").length;
      const again = await r.rotate(plan, { ...credential, stored: out.value as string });
      expect(again.value).toBe(out.value);
      expect(arm.requests.filter((q) => q.method === "PATCH").length).toBe(patches);
      expect(server.password).toBe(out.value);
    });
  },
);

describe("Azure server admin rotator: the limits", () => {
  it("refuses, saying why, when the leaked login is not the server's administrator", async () => {
    const c = CASES[0] as ServerCase;
    const { server, credential } = world(c, { tagged: false, leakedUser: "app" });
    const r = rotator();
    await expect(r.locate(credential)).rejects.toThrow(/'app' is not the server's administrator login \('dbadmin'\)/);
    expect(server.previous).toEqual([]);
    expect(arm.requests.some((q) => q.method === "PATCH" && q.path === server.id)).toBe(false);
  });

  it("reads the old `user@server` login form as the user", async () => {
    const c = CASES[0] as ServerCase;
    const { server, credential } = world(c, { tagged: false, leakedUser: "dbadmin@x" });
    const fixed = { ...credential, context: credential.context?.replace("dbadmin@x", `dbadmin@${server.name}`) };
    expect((await rotator().locate(fixed))?.credentialId).toBe("dbadmin");
  });

  it("leaves alone a database URL of a server that is not Azure's", () => {
    const r = rotator();
    expect(
      r.applies({
        ruleIds: ["database-url-password"],
        value: "x",
        context: "postgres://a:****@db.internal:5432/app",
        holders: [],
      }),
    ).toBe(false);
  });

  it("reports nothing located when Resource Graph knows no such server", async () => {
    const c = CASES[0] as ServerCase;
    const { credential } = world(c, { tagged: false });
    const ghost = {
      ...credential,
      context: credential.context?.replace(/lksql\w+\.database/, "nosuchserver.database"),
      holders: [],
    };
    expect(await rotator().locate(ghost)).toBeUndefined();
  });

  it("is the rotator a leaked Azure SQL connection string reaches (the SQL rotators do not take it)", () => {
    const { credential } = world(CASES[0] as ServerCase, { tagged: false });
    expect(databaseRotators().some((d) => d.applies(credential))).toBe(false);
    expect(rotator().applies(credential)).toBe(true);
  });

  it("is one of the Azure rotators, and the proof can be turned off", async () => {
    const all = createAzureRotators({ armUrl: arm.url, getToken: async () => ARM_TOKEN });
    expect(all.map((x) => x.kind)).toContain(AZURE_SERVER_ADMIN_KIND);
    const { credential } = world(CASES[1] as ServerCase, { tagged: true });
    const r = rotator(false);
    const loc = await r.locate(credential);
    if (!loc) throw new Error("not located");
    expect((await r.prove(r.plan(loc, credential), credential, "x")).evidence).toMatch(/turned off/);
  });

  it("generates passwords the services' policy accepts, never containing the login, never shorter", () => {
    for (let i = 0; i < 200; i++) {
      const p = newAdminPassword("ab");
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/[-_.]/);
      expect(p.toLowerCase()).not.toContain("ab");
    }
    expect(newAdminPassword("x", "y".repeat(60))).toHaveLength(60);
    expect(newAdminPassword("x", "y".repeat(300))).toHaveLength(128);
  });
});
