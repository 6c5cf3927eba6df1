/**
 * A real PostgreSQL server for tests, from the Debian packages (`apt-get install postgresql`):
 * a fresh cluster in a temporary directory, on a free loopback port, every statement logged
 * to a file (`log_statement=all`) so tests can check that no password reaches it. One server
 * per test file: start it in `beforeAll`, stop it in `afterAll`.
 *
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, chown, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { generate } from "selfsigned";
import { exists, freePort, runToEnd, startLogged, stopChild, tempDir, waitUntil } from "./servers.js";

/** The directory of `initdb` and `postgres`, or undefined when PostgreSQL is not installed. */
export async function postgresBinDir(): Promise<string | undefined> {
  const root = "/usr/lib/postgresql";
  const versions = await readdir(root).catch(() => [] as string[]);
  for (const v of versions.sort((a, b) => Number(b) - Number(a))) {
    const dir = join(root, v, "bin");
    if ((await exists(join(dir, "initdb"))) && (await exists(join(dir, "postgres")))) return dir;
  }
  return undefined;
}

/** Why the PostgreSQL tests are skipped here, or undefined when they can run. */
export async function postgresMissing(): Promise<string | undefined> {
  return (await postgresBinDir())
    ? undefined
    : "PostgreSQL is not installed (apt-get install -y postgresql): skipping the PostgreSQL tests";
}

export class PostgresServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly port: number,
    private readonly superPassword: string,
    /** The file every statement is logged to. */
    readonly logFile: string,
  ) {}

  readonly host = "127.0.0.1";

  static async start(): Promise<PostgresServer> {
    const bin = await postgresBinDir();
    if (!bin) throw new Error("PostgreSQL is not installed");
    const dir = await tempDir("leakstop-pg-");
    const data = join(dir, "data");
    const superPassword = randomBytes(18).toString("base64url");
    const pwfile = join(dir, "pwfile");
    await writeFile(pwfile, `${superPassword}\n`);
    const ids = userInfo().uid === 0 ? await postgresIds() : {};
    if (ids.uid !== undefined && ids.gid !== undefined) {
      await chown(dir, ids.uid, ids.gid);
      await chown(pwfile, ids.uid, ids.gid);
    }
    await chmod(dir, 0o700);
    await runToEnd(
      join(bin, "initdb"),
      [
        "-D",
        data,
        "-U",
        "postgres",
        `--pwfile=${pwfile}`,
        "--auth=scram-sha-256",
        "--no-sync",
        "--no-instructions",
        "-E",
        "UTF8",
        "--locale=C",
      ],
      ids,
    );
    await rm(pwfile);
    // TLS on, with a self-signed certificate: TLS when offered (`prefer`) succeeds, a verifying client refuses it.
    const pems = await generate([{ name: "commonName", value: "localhost" }], { keyType: "ec", curve: "P-256" });
    const certFile = join(dir, "server.crt");
    const keyFile = join(dir, "server.key");
    await writeFile(certFile, pems.cert);
    await writeFile(keyFile, pems.private, { mode: 0o600 });
    if (ids.uid !== undefined && ids.gid !== undefined) {
      await chown(certFile, ids.uid, ids.gid);
      await chown(keyFile, ids.uid, ids.gid);
    }
    const port = await freePort();
    const logFile = join(dir, "server.log");
    await writeFile(logFile, "");
    if (ids.uid !== undefined && ids.gid !== undefined) await chown(logFile, ids.uid, ids.gid);
    const child = await startLogged(
      join(bin, "postgres"),
      [
        "-D",
        data,
        "-p",
        String(port),
        "-k",
        dir,
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "log_statement=all",
        "-c",
        "log_connections=on",
        "-c",
        "fsync=off",
        "-c",
        "max_connections=40",
        "-c",
        "ssl=on",
        "-c",
        `ssl_cert_file=${certFile}`,
        "-c",
        `ssl_key_file=${keyFile}`,
      ],
      logFile,
      ids,
    );
    const server = new PostgresServer(child, dir, port, superPassword, logFile);
    try {
      await waitUntil(
        async () => {
          await server.query("SELECT 1");
          return true;
        },
        child,
        logFile,
      );
    } catch (e) {
      await server.stop(); // a server that never became ready must not outlive the test run
      throw e;
    }
    return server;
  }

  /** A URL for `user` with `password` (percent-encoded) on this server. */
  url(user: string, password: string, database = "postgres"): string {
    return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${this.host}:${this.port}/${database}`;
  }

  /** The superuser's URL (an admin identity). */
  get adminUrl(): string {
    return this.url("postgres", this.superPassword);
  }

  /** Runs SQL as the superuser, with statement logging off for it (so role set-up leaves no password in the log). */
  async query(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
    const client = new pg.Client({
      host: this.host,
      port: this.port,
      user: "postgres",
      password: this.superPassword,
      database: "postgres",
      connectionTimeoutMillis: 2_000,
    });
    await client.connect();
    try {
      await client.query("SET log_statement = 'none'");
      return await client.query(sql, params);
    } finally {
      await client.end();
    }
  }

  /** Creates a login role with a password, out of the statement log. */
  async createRole(name: string, password: string): Promise<void> {
    const client = new pg.Client({
      host: this.host,
      port: this.port,
      user: "postgres",
      password: this.superPassword,
      database: "postgres",
    });
    await client.connect();
    try {
      await client.query("SET log_statement = 'none'");
      await client.query(
        `CREATE ROLE ${client.escapeIdentifier(name)} LOGIN PASSWORD ${client.escapeLiteral(password)}`,
      );
    } finally {
      await client.end();
    }
  }

  /** A session held open as `user` (to check that a rotation ends it). */
  async session(user: string, password: string): Promise<pg.Client> {
    const client = new pg.Client({ host: this.host, port: this.port, user, password, database: "postgres" });
    client.on("error", () => {}); // a terminated session reports here
    await client.connect();
    return client;
  }

  async log(): Promise<string> {
    return readFile(this.logFile, "utf8");
  }

  async stop(): Promise<void> {
    await stopChild(this.child, "SIGINT");
    await rm(this.dir, { recursive: true, force: true });
  }
}

async function postgresIds(): Promise<{ uid?: number; gid?: number }> {
  const passwd = await readFile("/etc/passwd", "utf8");
  const line = passwd.split("\n").find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("running as root needs a 'postgres' user (the postgresql package creates it)");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}
