/**
 * MySQL and MariaDB: the password is set to a `mysql_native_password` hash computed here
 * (`SET PASSWORD = '*…'` for one's own account on MariaDB, `ALTER USER … IDENTIFIED BY PASSWORD`
 * / `IDENTIFIED WITH mysql_native_password AS` for an admin), so the general log, the binary log
 * and the slow log see a hash, never the password; then the user's other connections are
 * `KILL`ed. Any account may change its own password and kill its own threads, so the leaked
 * credential itself is enough on MariaDB.
 *
 * Client: `mysql2`, the most used and kept MySQL/MariaDB client for Node; pure JavaScript,
 * promise API, TLS and both servers' authentication plugins built in. Loaded on first use, so a
 * run that rotates no database never loads it.
 */
import type { Connection, ConnectionOptions } from "mysql2/promise";
import { describeServer } from "./database-address.js";
import {
  type DatabaseDriver,
  DatabaseError,
  type DatabaseErrorKind,
  type DatabaseLogin,
  type DatabaseSession,
} from "./database-driver.js";
import { mysqlNativePasswordHash } from "./database-secrets.js";

export const mysqlDriver: DatabaseDriver = {
  engine: "mysql",
  kind: "mysql",
  name: "MySQL / MariaDB user password",
  connect,
  changeDescription: (role, admin) =>
    admin
      ? `Log in as admin "${admin}" and set the password of every account named "${role}" to a mysql_native_password hash computed by leakstop (no cleartext password reaches the server or its logs)`
      : `Log in as "${role}" with the leaked password and set its own password to a mysql_native_password hash computed by leakstop (SET PASSWORD = '*…' on MariaDB; no cleartext password reaches the server or its logs)`,
  changePermission: (_role, admin) =>
    admin
      ? `Admin "${admin}": CREATE USER (or UPDATE on the mysql schema) and SELECT on mysql.user`
      : `None beyond the leaked login: a MariaDB account may change its own password (the privilege comes from the leaked credential itself; on Oracle MySQL 8, ALTER USER CURRENT_USER() IDENTIFIED WITH mysql_native_password AS '*…', which a server may reserve to CREATE USER holders: then an admin login is needed)`,
  endSessionsDescription: (role) =>
    `End "${role}"'s other connections: KILL CONNECTION of its threads other than leakstop's own`,
  endSessionsPermission: (role, admin) =>
    admin
      ? `Admin "${admin}": PROCESS and CONNECTION ADMIN (or SUPER) to see and kill other users' threads`
      : `None: an account may kill its own threads ("${role}")`,
};

async function connect(login: DatabaseLogin): Promise<DatabaseSession> {
  const { default: mysql } = await import("mysql2/promise");
  const base: ConnectionOptions = {
    host: login.host,
    port: login.port,
    user: login.user,
    password: login.password,
    connectTimeout: login.connectTimeoutInMs,
    // Azure's Entra authentication takes the token through mysql_clear_password (over TLS).
    ...(login.cleartextPassword ? { enableCleartextPlugin: true } : {}),
    ...(login.database ? { database: login.database } : {}),
  };
  const open = async (ssl: ConnectionOptions["ssl"]): Promise<Connection> => {
    const conn = await mysql.createConnection(ssl === undefined ? base : { ...base, ssl });
    conn.on("error", () => {}); // a killed connection reports here; the next query fails
    return conn;
  };
  let conn: Connection;
  try {
    if (login.tls === "disable") conn = await open(undefined);
    else if (login.tls === "verify") conn = await open({ rejectUnauthorized: true });
    else {
      try {
        conn = await open({ rejectUnauthorized: false });
      } catch (e) {
        // `prefer` (MySQL clients' default `ssl-mode=PREFERRED`): plain when the server has no TLS.
        if (login.tls !== "prefer" || errorCode(e) !== "HANDSHAKE_NO_SSL_SUPPORT") throw e;
        conn = await open(undefined);
      }
    }
  } catch (e) {
    throw loginError(e, login);
  }
  return session(conn, login);
}

function session(conn: Connection, login: DatabaseLogin): DatabaseSession {
  const where = describeServer({ engine: "mysql", ...login });
  const run = async <T = unknown>(sql: string, params: unknown[], doing: string): Promise<T> => {
    try {
      const [rows] = await conn.query(sql, params);
      return rows as T;
    } catch (e) {
      throw new DatabaseError(`${doing} at ${where} failed: ${errorMessage(e)}`, queryErrorKind(e));
    }
  };
  const isMariadb = async () => {
    const rows = await run<Array<{ v: string }>>("SELECT VERSION() AS v", [], "SELECT VERSION()");
    return /mariadb/i.test(rows[0]?.v ?? "");
  };
  return {
    async setOwnPassword(password) {
      const hash = mysqlNativePasswordHash(password);
      const doing = `User "${login.user}" changing its own password`;
      if (await isMariadb()) {
        await run("SET PASSWORD = ?", [hash], doing);
        return;
      }
      try {
        await run("ALTER USER CURRENT_USER() IDENTIFIED WITH mysql_native_password AS ?", [hash], doing);
      } catch (e) {
        if (e instanceof DatabaseError && e.kind === "privilege") {
          throw new DatabaseError(
            `MySQL at ${where} lets "${login.user}" change its own password only by sending it in cleartext, which leakstop does not do: configure an admin login for this server (${e.message})`,
            "unsupported",
          );
        }
        throw e;
      }
    },
    async setPassword(role, password) {
      const hash = mysqlNativePasswordHash(password);
      const doing = `Admin "${login.user}" changing the password of "${role}"`;
      const accounts = await run<Array<{ host: string }>>(
        "SELECT Host AS host FROM mysql.user WHERE User = ?",
        [role],
        `Admin "${login.user}" listing the accounts of "${role}"`,
      );
      if (accounts.length === 0) throw new DatabaseError(`No account "${role}" at ${where}`, "other");
      const mariadb = await isMariadb();
      for (const { host } of accounts) {
        await run(
          mariadb
            ? "ALTER USER ?@? IDENTIFIED BY PASSWORD ?"
            : "ALTER USER ?@? IDENTIFIED WITH mysql_native_password AS ?",
          [role, host, hash],
          doing,
        );
      }
    },
    async endOtherSessions(role) {
      const threads = await run<Array<{ id: number }>>(
        "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ? AND ID <> CONNECTION_ID()",
        [role],
        `Listing the connections of "${role}"`,
      );
      let ended = 0;
      for (const { id } of threads) {
        try {
          await conn.query("KILL CONNECTION ?", [id]);
          ended++;
        } catch (e) {
          if (errorCode(e) !== "ER_NO_SUCH_THREAD") {
            throw new DatabaseError(
              `Ending connection ${id} of "${role}" at ${where} failed: ${errorMessage(e)}`,
              queryErrorKind(e),
            );
          }
        }
      }
      return ended;
    },
    async ping() {
      await run("SELECT 1", [], "SELECT 1");
    },
    async close() {
      await conn.end();
    },
  };
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNRESET",
  "EPIPE",
  "PROTOCOL_CONNECTION_LOST",
]);
const AUTH_CODES = new Set([
  "ER_ACCESS_DENIED_ERROR",
  "ER_DBACCESS_DENIED_ERROR",
  "ER_ACCESS_DENIED_NO_PASSWORD_ERROR",
  "ER_ACCOUNT_HAS_BEEN_LOCKED",
]);
const PRIVILEGE_CODES = new Set([
  "ER_SPECIFIC_ACCESS_DENIED_ERROR",
  "ER_TABLEACCESS_DENIED_ERROR",
  "ER_PASSWORD_NOT_ALLOWED",
  "ER_KILL_DENIED_ERROR",
  "ER_CANT_CHANGE_TX_CHARACTERISTICS",
]);

function queryErrorKind(e: unknown): DatabaseErrorKind {
  const code = errorCode(e);
  if (code && (PRIVILEGE_CODES.has(code) || code === "ER_DBACCESS_DENIED_ERROR" || code === "ER_ACCESS_DENIED_ERROR"))
    return "privilege";
  if (code && NETWORK_CODES.has(code)) return "unreachable";
  return "other";
}

/** A login failure, classified, naming the server and user (the driver's messages never carry the password). */
function loginError(e: unknown, login: DatabaseLogin): DatabaseError {
  const where = `MySQL at ${describeServer({ engine: "mysql", ...login })}`;
  const message = errorMessage(e);
  const code = errorCode(e) ?? "";
  if (AUTH_CODES.has(code))
    return new DatabaseError(`${where} refused the login of "${login.user}": ${message}`, "auth");
  if (/SSL|TLS|CERT/i.test(code) || /SSL|TLS|certificate/i.test(message)) {
    return new DatabaseError(`TLS to ${where} failed for "${login.user}": ${message}`, "tls");
  }
  if (NETWORK_CODES.has(code) || /timeout|connect/i.test(message)) {
    return new DatabaseError(`${where} is unreachable (login of "${login.user}"): ${message}`, "unreachable");
  }
  return new DatabaseError(`Login of "${login.user}" to ${where} failed: ${message}`, "other");
}

function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

function errorMessage(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length > 0) return errorMessage(e.errors[0]);
  return e instanceof Error ? e.message || errorCode(e) || e.name : String(e);
}
