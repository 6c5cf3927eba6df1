/**
 * Azurite (the Azure Storage emulator, from npm) started by the test on free loopback ports,
 * with a made-up account and key generated for this run (AZURITE_ACCOUNTS), in-memory, no
 * telemetry. Gives the connection string the service takes as
 * LEAKSTOP_STORAGE_CONNECTION_STRING. `restart()` stops and starts it on the same ports
 * (in-memory data is lost, as after a real outage of an unpersisted emulator; pass
 * `persist: true` to keep data across restarts in a temporary folder).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const AZURITE = "node_modules/azurite/dist/src/azurite.js";
const BIN = fileURLToPath(new URL(`../../${AZURITE}`, import.meta.url));

export interface Azurite {
  readonly account: string;
  readonly connectionString: string;
  readonly ports: { readonly blob: number; readonly queue: number; readonly table: number };
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, deadlineMs = 20_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`azurite exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    );
    if (ok) return;
    if (Date.now() > until) throw new Error(`azurite did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * `root`: the repository whose node_modules holds Azurite, for code bundled away from this file
 * (the bench drivers run from a temporary directory); default: this file's repository.
 */
export async function startAzurite(options: { persist?: boolean; root?: string } = {}): Promise<Azurite> {
  const bin = options.root === undefined ? BIN : join(options.root, AZURITE);
  const account = `acct${randomBytes(4).toString("hex")}`;
  const key = randomBytes(64).toString("base64");
  const ports = { blob: await freePort(), queue: await freePort(), table: await freePort() };
  const location = await mkdtemp(join(tmpdir(), "leakstop-azurite-"));
  let child: ChildProcess | undefined;

  const start = async () => {
    const args = [
      bin,
      "--blobHost=127.0.0.1",
      `--blobPort=${ports.blob}`,
      "--queueHost=127.0.0.1",
      `--queuePort=${ports.queue}`,
      "--tableHost=127.0.0.1",
      `--tablePort=${ports.table}`,
      "--silent",
      "--disableTelemetry",
      "--skipApiVersionCheck",
      "--loose",
      ...(options.persist ? [`--location=${location}`] : ["--inMemoryPersistence"]),
    ];
    child = spawn(process.execPath, args, {
      env: { ...process.env, AZURITE_ACCOUNTS: `${account}:${key}` },
      stdio: ["ignore", "ignore", "pipe"],
    });
    await Promise.all([
      waitForPort(ports.blob, child),
      waitForPort(ports.queue, child),
      waitForPort(ports.table, child),
    ]);
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((r) => c.once("exit", () => r()));
    c.kill("SIGTERM");
    const timer = setTimeout(() => c.kill("SIGKILL"), 3_000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  const connectionString = [
    "DefaultEndpointsProtocol=http",
    `AccountName=${account}`,
    `AccountKey=${key}`,
    `BlobEndpoint=http://127.0.0.1:${ports.blob}/${account}`,
    `QueueEndpoint=http://127.0.0.1:${ports.queue}/${account}`,
    `TableEndpoint=http://127.0.0.1:${ports.table}/${account}`,
  ].join(";");
  return {
    account,
    connectionString,
    ports,
    async restart() {
      await stop();
      await start();
    },
    async stop() {
      await stop();
      await rm(location, { recursive: true, force: true });
    },
  };
}
