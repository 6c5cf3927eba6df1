/**
 * The PostgreSQL rotator against a real PostgreSQL server (Debian's `postgresql` package,
 * installed by `.ci/run`), started for this file in a temporary directory on a free port.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type DatabaseError,
  databaseRotators,
  ENTRA_DATABASE_SCOPE,
} from "../../../src/adapters/providers/databases.js";
import type { LeakedCredential } from "../../../src/remediation/provider.js";
import { PostgresServer, postgresMissing } from "../../helpers/postgres.js";
import { type ContractServer, databaseContract, leakedPassword, urlLeak } from "./database-contract.js";

const missing = await postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== undefined)("PostgreSQL rotator on a real server", () => {
  let server: PostgresServer;
  let contract: ContractServer;
  beforeAll(async () => {
    server = await PostgresServer.start();
    contract = {
      host: server.host,
      port: server.port,
      scheme: "postgres",
      connectionString: (user, password) =>
        `Host=${server.host};Port=${server.port};Database=postgres;Username=${user};Password=${password};SSL Mode=Disable`,
      createLogin: (user, password) => server.createRole(user, password),
      hold: async (user, password) => {
        const client = await server.session(user, password);
        return {
          alive: () =>
            client.query("SELECT 1").then(
              () => true,
              () => false,
            ),
          close: () => client.end().catch(() => {}),
        };
      },
      log: () => server.log(),
      adminUrl: async () => server.adminUrl,
    };
  });
  afterAll(async () => {
    await server?.stop();
  });

  const rotator = (adminUrls?: readonly string[]) => {
    const found = databaseRotators({ ...(adminUrls ? { adminUrls } : {}), connectTimeoutInMs: 3_000 }).find(
      (r) => r.kind === "postgresql",
    );
    if (!found) throw new Error("no postgresql rotator");
    return found;
  };
  databaseContract("postgresql", rotator, () => contract);

  test("the role's password is stored as the SCRAM verifier leakstop sent; the log shows only that", async () => {
    const r = rotator();
    await server.createRole("verifier_check", "Start-pw-0123456789");
    const credential = urlLeak(contract, "verifier_check", "Start-pw-0123456789");
    const location = await r.locate(credential);
    if (!location) throw new Error("not located");
    const { value } = await r.rotate(r.plan(location, credential), credential);
    const rows = (await server.query("SELECT rolpassword FROM pg_authid WHERE rolname = 'verifier_check'")).rows;
    expect(rows[0]?.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
    const log = await server.log();
    expect(log).toMatch(/ALTER ROLE CURRENT_USER PASSWORD 'SCRAM-SHA-256\$4096:/);
    expect(log).toMatch(/pg_terminate_backend/);
    expect(log).not.toContain(value);
  });

  test("TLS: used when the server offers it (libpq's prefer), off with sslmode=disable", async () => {
    const r = rotator();
    const old = leakedPassword();
    await server.createRole("tls_prefer", old);
    const leak = urlLeak(contract, "tls_prefer", old);
    const location = await r.locate(leak);
    if (!location) throw new Error("not located");
    expect(location.details?.tls).toBe("prefer");
    const plan = r.plan(location, leak);
    const { value } = await r.rotate(plan, leak);
    expect(await r.prove(plan, leak, value)).toMatchObject({ leaked: "rejected", replacement: "accepted" });
    const log = await server.log();
    expect(log).toMatch(/connection authorized: user=tls_prefer .*SSL enabled/);
  });

  test("errors say what is wrong: TLS refused, insufficient privilege — and name host and role, never a password", async () => {
    const old = leakedPassword();
    await server.createRole("tls_check", old);
    const tlsLeak = urlLeak(contract, "tls_check", old);
    const verifying: LeakedCredential = {
      ...tlsLeak,
      holders: tlsLeak.holders.map((h) => ({ ...h, value: `${h.value}?sslmode=verify-full` })),
    };
    const r = rotator();
    const location = await r.locate(verifying);
    expect(location?.details?.tls).toBe("verify");
    if (!location) return;
    const plan = r.plan(location, verifying);
    const tlsError = await r.rotate(plan, verifying).catch((e: unknown) => e as DatabaseError);
    expect(tlsError).toMatchObject({ kind: "tls" });
    expect(String((tlsError as Error).message)).toMatch(new RegExp(`127\\.0\\.0\\.1:${server.port}.*"tls_check"`));
    expect((await r.prove(plan, verifying, undefined)).leaked).toBe("unknown");

    // An "admin" that lacks CREATEROLE: the change is refused as a privilege error, nothing changes.
    const weak = leakedPassword();
    await server.createRole("weak_admin", weak);
    const withWeakAdmin = rotator([server.url("weak_admin", weak)]);
    const leak = urlLeak(contract, "tls_check", old);
    const adminLocation = await withWeakAdmin.locate(leak);
    if (!adminLocation) throw new Error("not located");
    const adminPlan = withWeakAdmin.plan(adminLocation, leak);
    const privilegeError = await withWeakAdmin.rotate(adminPlan, leak).catch((e: unknown) => e as DatabaseError);
    expect(privilegeError).toMatchObject({ kind: "privilege" });
    expect((privilegeError as Error).message).toMatch(/"weak_admin".*"tls_check"/);
    expect((await withWeakAdmin.prove(adminPlan, leak, undefined)).leaked).toBe("accepted");
    for (const e of [tlsError, privilegeError]) {
      expect(JSON.stringify(e) + String(e)).not.toContain(old);
      expect(String(e)).not.toContain(weak);
    }
  });

  test("an Entra ID admin signs in with a token as its password (a CREATEROLE role stands in for it)", async () => {
    const token = `eyJ${leakedPassword().replace(/[^A-Za-z0-9]/g, "")}`;
    await server.createRole("entra_admin", token);
    await server.query("ALTER ROLE entra_admin CREATEROLE");
    const scopes: unknown[] = [];
    const r = databaseRotators({
      entraAdmins: [
        {
          user: "entra_admin",
          hosts: [server.host],
          credential: {
            getToken: async (s) => {
              scopes.push(s);
              return { token };
            },
          },
        },
      ],
    }).find((x) => x.kind === "postgresql");
    if (!r) throw new Error("no rotator");
    const old = leakedPassword();
    await server.createRole("entra_target", old);
    const leak = urlLeak(contract, "entra_target", old);
    const location = await r.locate(leak);
    expect(location?.details).toMatchObject({ privilege: "admin", admin: "entra_admin", adminAuth: "entra" });
    if (!location) return;
    const plan = r.plan(location, leak);
    expect(plan.steps[0]?.description).toMatch(/Microsoft Entra ID/);
    expect(scopes).toEqual([]); // planning signs nobody in
    const { value } = await r.rotate(plan, leak);
    expect(scopes).toEqual([ENTRA_DATABASE_SCOPE]);
    expect(await r.prove(plan, leak, value)).toMatchObject({ leaked: "rejected", replacement: "accepted" });
    expect(await server.log()).not.toContain(token);
  });

  test("allowedHosts bounds where a leak's login may go", async () => {
    const leak = urlLeak(contract, "anyone", leakedPassword());
    const only = (allowedHosts: string[]) => databaseRotators({ allowedHosts }).find((x) => x.kind === "postgresql");
    expect(only(["*.postgres.database.azure.com"])?.applies(leak)).toBe(false);
    expect(await only(["*.postgres.database.azure.com"])?.locate(leak)).toBeUndefined();
    expect(only(["127.0.0.1"])?.applies(leak)).toBe(true);
  });

  test("a MySQL URL is not PostgreSQL's", () => {
    const r = rotator();
    expect(
      r.applies({
        ruleIds: ["database-url-password"],
        value: "Abcdefgh1234",
        context: "mysql://app:Abcdefgh1234@db.example.net", // leakstop:allow made-up test value
        holders: [],
      }),
    ).toBe(false);
  });
});
