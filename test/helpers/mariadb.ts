/**
 * A real MariaDB server for tests, from the Debian packages (`apt-get install mariadb-server`):
 * a fresh data directory, a free loopback port, the general query log written to a file so
 * tests can check that no password reaches it. One server per test file: start it in
 * `beforeAll`, stop it in `afterAll`.
 */
import type { ChildProcess } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import mysql from "mysql2/promise";
import { exists, freePort, runToEnd, startLogged, stopChild, tempDir, waitUntil } from "./servers.js";

const INSTALL_DB = ["/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db"];
const SERVER = ["/usr/sbin/mariadbd", "/usr/sbin/mysqld"];

async function first(paths: readonly string[]): Promise<string | undefined> {
  for (const p of paths) if (await exists(p)) return p;
  return undefined;
}

/** Why the MariaDB tests are skipped here, or undefined when they can run. */
export async function mariadbMissing(): Promise<string | undefined> {
  return (await first(INSTALL_DB)) && (await first(SERVER))
    ? undefined
    : "MariaDB is not installed (apt-get install -y mariadb-server): skipping the MariaDB tests";
}

export class MariadbServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly port: number,
    private readonly socket: string,
    /** The general query log: every statement the server received. */
    readonly logFile: string,
  ) {}

  readonly host = "127.0.0.1";

  static async start(): Promise<MariadbServer> {
    const installDb = await first(INSTALL_DB);
    const server = await first(SERVER);
    if (!installDb || !server) throw new Error("MariaDB is not installed");
    const dir = await tempDir("leakstop-mariadb-");
    const data = join(dir, "data");
    await runToEnd(installDb, [
      "--no-defaults",
      `--datadir=${data}`,
      "--auth-root-authentication-method=normal",
      "--skip-test-db",
      "--user=root",
    ]);
    const port = await freePort();
    const socket = join(dir, "mysqld.sock");
    const logFile = join(dir, "general.log");
    const child = await startLogged(
      server,
      [
        "--no-defaults",
        "--user=root",
        `--datadir=${data}`,
        `--socket=${socket}`,
        `--port=${port}`,
        "--skip-networking=0",
        "--bind-address=127.0.0.1",
        `--pid-file=${join(dir, "mysqld.pid")}`,
        "--general-log=1",
        `--general-log-file=${logFile}`,
        `--log-error=${join(dir, "error.log")}`,
        "--innodb-buffer-pool-size=16M",
        "--innodb-log-file-size=8M",
        "--skip-name-resolve",
      ],
      join(dir, "stdout.log"),
    );
    const db = new MariadbServer(child, dir, port, socket, logFile);
    try {
      await waitUntil(
        async () => {
          await db.query("SELECT 1");
          return true;
        },
        child,
        join(dir, "error.log"),
      );
    } catch (e) {
      await db.stop(); // a server that never became ready must not outlive the test run
      throw e;
    }
    return db;
  }

  /** A URL for `user` with `password` (percent-encoded) on this server. */
  url(user: string, password: string, database = ""): string {
    return `mysql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${this.host}:${this.port}/${database}`;
  }

  /** Runs SQL as root over the socket, out of the general log (`sql_log_off`). */
  async query(sql: string, params: unknown[] = []): Promise<unknown> {
    const conn = await mysql.createConnection({ socketPath: this.socket, user: "root", connectTimeout: 2_000 });
    try {
      await conn.query("SET SESSION sql_log_off = 1");
      const [rows] = await conn.query(sql, params);
      return rows;
    } finally {
      await conn.end();
    }
  }

  /** Creates a user that may log in from 127.0.0.1 with `password`, out of the general log. */
  async createUser(name: string, password: string): Promise<void> {
    await this.query("CREATE USER ?@'127.0.0.1' IDENTIFIED BY ?", [name, password]);
  }

  /** A root URL over TCP (an admin identity). */
  async adminUrl(): Promise<string> {
    const password = `Adm1n${Math.random().toString(36).slice(2)}${Date.now()}`;
    await this.query("CREATE USER IF NOT EXISTS 'leakstop_admin'@'127.0.0.1' IDENTIFIED BY ?", [password]);
    await this.query("ALTER USER 'leakstop_admin'@'127.0.0.1' IDENTIFIED BY ?", [password]);
    await this.query("GRANT ALL PRIVILEGES ON *.* TO 'leakstop_admin'@'127.0.0.1' WITH GRANT OPTION");
    return this.url("leakstop_admin", password);
  }

  /** A session held open as `user` (to check that a rotation ends it). */
  async session(user: string, password: string): Promise<mysql.Connection> {
    const conn = await mysql.createConnection({ host: this.host, port: this.port, user, password });
    conn.on("error", () => {}); // a killed session reports here
    return conn;
  }

  async log(): Promise<string> {
    return readFile(this.logFile, "utf8").catch(() => "");
  }

  async stop(): Promise<void> {
    await stopChild(this.child, "SIGTERM");
    await rm(this.dir, { recursive: true, force: true });
  }
}
