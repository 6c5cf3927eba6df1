/**
 * The MySQL/MariaDB rotator against a real MariaDB server (Debian's `mariadb-server` package,
 * installed by `.ci/run`), started for this file in a temporary directory on a free port.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type DatabaseError, databaseRotators } from "../../../src/adapters/providers/databases.js";
import { MariadbServer, mariadbMissing } from "../../helpers/mariadb.js";
import { type ContractServer, databaseContract, leakedPassword, urlLeak } from "./database-contract.js";

const missing = await mariadbMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== undefined)("MySQL/MariaDB rotator on a real MariaDB server", () => {
  let server: MariadbServer;
  let contract: ContractServer;
  beforeAll(async () => {
    server = await MariadbServer.start();
    contract = {
      host: server.host,
      port: server.port,
      scheme: "mariadb",
      connectionString: (user, password) =>
        `Server=${server.host};Port=${server.port};User ID=${user};Password=${password};SslMode=None`,
      createLogin: (user, password) => server.createUser(user, password),
      hold: async (user, password) => {
        const conn = await server.session(user, password);
        return {
          alive: () =>
            conn.query("SELECT 1").then(
              () => true,
              () => false,
            ),
          close: () => conn.end().catch(() => {}),
        };
      },
      log: () => server.log(),
      adminUrl: () => server.adminUrl(),
    };
  });
  afterAll(async () => {
    await server?.stop();
  });

  const rotator = (adminUrls?: readonly string[]) => {
    const found = databaseRotators({ ...(adminUrls ? { adminUrls } : {}), connectTimeoutInMs: 3_000 }).find(
      (r) => r.kind === "mysql",
    );
    if (!found) throw new Error("no mysql rotator");
    return found;
  };
  databaseContract("mysql", rotator, () => contract);

  test("the account's hash is the mysql_native_password hash leakstop sent; the log shows only that", async () => {
    const r = rotator();
    await server.createUser("hash_check", "Start-pw-0123456789");
    const credential = urlLeak(contract, "hash_check", "Start-pw-0123456789");
    const location = await r.locate(credential);
    if (!location) throw new Error("not located");
    const { value } = await r.rotate(r.plan(location, credential), credential);
    const rows = (await server.query(
      "SELECT authentication_string AS h FROM mysql.user WHERE User = 'hash_check'",
    )) as Array<{ h: string }>;
    expect(rows[0]?.h).toMatch(/^\*[0-9A-F]{40}$/);
    const log = await server.log();
    expect(log).toMatch(/SET PASSWORD = '\*[0-9A-F]{40}'/);
    expect(log).toMatch(/KILL CONNECTION|PROCESSLIST/);
    expect(log).not.toContain(value);
  });

  test("an admin without the privilege gets a privilege error that names the permission; nothing changes", async () => {
    const old = leakedPassword();
    const weak = leakedPassword();
    await server.createUser("priv_check", old);
    await server.createUser("weak_admin", weak);
    const r = rotator([server.url("weak_admin", weak)]);
    const leak = urlLeak(contract, "priv_check", old);
    const location = await r.locate(leak);
    if (!location) throw new Error("not located");
    const plan = r.plan(location, leak);
    const error = await r.rotate(plan, leak).catch((e: unknown) => e as DatabaseError);
    expect(error).toMatchObject({ kind: "privilege" });
    expect((error as Error).message).toMatch(/"weak_admin".*CREATE USER/);
    expect(String(error)).not.toContain(old);
    expect(String(error)).not.toContain(weak);
    expect((await r.prove(plan, leak, undefined)).leaked).toBe("accepted");
  });
});
