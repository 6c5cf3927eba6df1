/**
 * PostgreSQL: `ALTER ROLE … PASSWORD '<SCRAM-SHA-256 verifier>'` — the verifier is computed
 * here, so the server's statement log (`log_statement=all`) and `pg_stat_statements` see a hash
 * the password cannot be recovered from — then `pg_terminate_backend` on the role's other
 * backends. Any role may change its own password and signal its own backends, so the leaked
 * credential itself is enough; an admin login (`CREATEROLE`) is the option for the rest.
 *
 * Client: `pg` (node-postgres), the most used and kept PostgreSQL client for Node; pure
 * JavaScript (no native build), SCRAM-SHA-256 and TLS built in. Loaded on first use, so a run
 * that rotates no database never loads it.
 */
import type { Client, ClientConfig } from "pg";
import { describeServer } from "./database-address.js";
import {
  type DatabaseDriver,
  DatabaseError,
  type DatabaseErrorKind,
  type DatabaseLogin,
  type DatabaseSession,
} from "./database-driver.js";
import { scramSha256Verifier } from "./database-secrets.js";

export const postgresDriver: DatabaseDriver = {
  engine: "postgresql",
  kind: "postgresql",
  name: "PostgreSQL role password",
  connect,
  changeDescription: (role, admin) =>
    admin
      ? `Log in as admin role "${admin}" and run ALTER ROLE "${role}" PASSWORD with a SCRAM-SHA-256 verifier computed by leakstop (no cleartext password reaches the server or its statement log)`
      : `Log in as "${role}" with the leaked password and run ALTER ROLE CURRENT_USER PASSWORD with a SCRAM-SHA-256 verifier computed by leakstop (no cleartext password reaches the server or its statement log)`,
  changePermission: (role, admin) =>
    admin
      ? `Admin role "${admin}": CREATEROLE with ADMIN OPTION on "${role}" (PostgreSQL 16+) or CREATEROLE (15 and older), or superuser`
      : `None beyond the leaked login: a PostgreSQL role may change its own password (the privilege comes from the leaked credential itself)`,
  endSessionsDescription: (role) =>
    `End "${role}"'s other sessions: pg_terminate_backend on its pg_stat_activity rows other than leakstop's own`,
  endSessionsPermission: (role, admin) =>
    admin
      ? `Admin role "${admin}": member of pg_signal_backend (or superuser)`
      : `None: a role may signal its own backends ("${role}")`,
};

async function connect(login: DatabaseLogin): Promise<DatabaseSession> {
  const { default: pg } = await import("pg");
  const base: ClientConfig = {
    host: login.host,
    port: login.port,
    user: login.user,
    password: login.password,
    database: login.database ?? "postgres",
    connectionTimeoutMillis: login.connectTimeoutInMs,
    application_name: "leakstop",
  };
  const open = async (ssl: ClientConfig["ssl"]): Promise<Client> => {
    const client = new pg.Client({ ...base, ssl });
    client.on("error", () => {}); // a backend ended under us; the next query reports it
    try {
      await client.connect();
      return client;
    } catch (e) {
      await client.end().catch(() => {});
      throw e;
    }
  };
  let client: Client;
  try {
    if (login.tls === "disable") client = await open(false);
    else if (login.tls === "verify") client = await open({ rejectUnauthorized: true, servername: login.host });
    else {
      try {
        client = await open({ rejectUnauthorized: false });
      } catch (e) {
        // `prefer`: libpq's default falls back to a plain connection when the server has no TLS.
        if (login.tls !== "prefer" || !/does not support SSL/i.test(errorMessage(e))) throw e;
        client = await open(false);
      }
    }
  } catch (e) {
    throw loginError(e, login);
  }
  return session(client, login);
}

function session(client: Client, login: DatabaseLogin): DatabaseSession {
  const where = `${describeServer({ engine: "postgresql", ...login })}`;
  const run = async (sql: string, params: unknown[], doing: string) => {
    try {
      return await client.query(sql, params);
    } catch (e) {
      const kind: DatabaseErrorKind = sqlState(e) === "42501" ? "privilege" : "other";
      throw new DatabaseError(`${doing} at ${where} failed: ${errorMessage(e)}`, kind);
    }
  };
  return {
    async setOwnPassword(password) {
      const verifier = client.escapeLiteral(scramSha256Verifier(password));
      await run(`ALTER ROLE CURRENT_USER PASSWORD ${verifier}`, [], `Role "${login.user}" changing its own password`);
    },
    async setPassword(role, password) {
      const verifier = client.escapeLiteral(scramSha256Verifier(password));
      await run(
        `ALTER ROLE ${client.escapeIdentifier(role)} PASSWORD ${verifier}`,
        [],
        `Admin "${login.user}" changing the password of role "${role}"`,
      );
    },
    async endOtherSessions(role) {
      // PostgreSQL 14+ can wait until each backend has exited, so "ended" means gone.
      const version = await run("SHOW server_version_num", [], "SHOW server_version_num");
      const wait = Number(version.rows[0]?.server_version_num ?? 0) >= 140000 ? ", 5000" : "";
      const result = await run(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid${wait}))::int AS ended FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()`,
        [role],
        `Ending the other sessions of role "${role}"`,
      );
      return Number(result.rows[0]?.ended ?? 0);
    },
    async ping() {
      await run("SELECT 1", [], "SELECT 1");
    },
    async close() {
      await client.end();
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
]);

/** A login failure, classified, naming the server and role (the driver's messages never carry the password). */
function loginError(e: unknown, login: DatabaseLogin): DatabaseError {
  const where = `PostgreSQL at ${describeServer({ engine: "postgresql", ...login })}`;
  const message = errorMessage(e);
  const code = (e as { code?: unknown }).code;
  const state = sqlState(e);
  if (state === "28P01" || state === "28000") {
    return new DatabaseError(`${where} refused the login of role "${login.user}": ${message}`, "auth");
  }
  if (state === "42501")
    return new DatabaseError(`${where}: role "${login.user}" may not log in: ${message}`, "privilege");
  if (/SSL|TLS|certificate/i.test(message) || (typeof code === "string" && /CERT|TLS|SSL/.test(code))) {
    return new DatabaseError(`TLS to ${where} failed for role "${login.user}": ${message}`, "tls");
  }
  if ((typeof code === "string" && NETWORK_CODES.has(code)) || /timeout|terminated unexpectedly/i.test(message)) {
    return new DatabaseError(`${where} is unreachable (login of role "${login.user}"): ${message}`, "unreachable");
  }
  return new DatabaseError(`Login of role "${login.user}" to ${where} failed: ${message}`, "other");
}

function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function errorMessage(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length > 0) return errorMessage(e.errors[0]);
  return e instanceof Error ? e.message || (e as { code?: string }).code || e.name : String(e);
}
