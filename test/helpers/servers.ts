/**
 * What the real database servers' helpers share: a free loopback port, a throw-away directory,
 * a child process whose output goes to a file, and waiting until it is ready.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { access, mkdtemp, open, readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Starts `command` with stdout and stderr appended to `logFile`. */
export async function startLogged(
  command: string,
  args: readonly string[],
  logFile: string,
  options: { uid?: number; gid?: number; cwd?: string } = {},
): Promise<ChildProcess> {
  const log = await open(logFile, "a");
  const child = spawn(command, args, { stdio: ["ignore", log.fd, log.fd], ...options });
  // The child holds its own copy of the descriptor.
  child.once("spawn", () => void log.close());
  child.once("error", () => void log.close());
  return child;
}

/** Runs a command to its end; rejects with its output when it fails. */
export async function runToEnd(
  command: string,
  args: readonly string[],
  options: { uid?: number; gid?: number; cwd?: string } = {},
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}:\n${output.slice(-2000)}`)),
    );
  });
}

/** Waits until `probe` resolves true, or fails after `timeoutInMs` with the log's tail. */
export async function waitUntil(
  probe: () => Promise<boolean>,
  child: ChildProcess,
  logFile: string,
  timeoutInMs = 45_000,
): Promise<void> {
  const deadline = Date.now() + timeoutInMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = (await readFile(logFile, "utf8").catch(() => "")).slice(-2000);
  throw new Error(`server did not start (exit code ${child.exitCode}):\n${tail}`);
}

/** Stops a child: `signal` first, SIGKILL after `graceInMs`. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceInMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceInMs);
  await exited;
  clearTimeout(timer);
}
