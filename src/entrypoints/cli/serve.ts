/**
 * `leakstop serve [--port N]`: the webhook responder. Settings come from the environment
 * (src/entrypoints/server/settings.ts); the server code, Octokit and the Azure SDK are loaded
 * only here, so `leakstop scan` never pays for them.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readAppStoreSettings, readServerSettings } from "../server/settings.js";

/** Options of the `serve` command. */
export interface ServeCommandOptions {
  readonly port?: string;
}

/** Run until SIGTERM/SIGINT; resolves to the exit status. Bad settings throw a TypeError/RangeError. */
export async function runServeCommand(options: ServeCommandOptions, workerScript?: URL): Promise<number> {
  const where = readAppStoreSettings();
  // The durable queue is Node's built-in SQLite; say so plainly on an older Node.
  if (!process.getBuiltinModule?.("node:sqlite")) {
    throw new RangeError(
      `leakstop serve needs Node.js 22.13 or later (for node:sqlite); this is ${process.version}. Run it with 'npx leakstop serve' in the project, or on Node 24.`,
    );
  }
  await checkDataDir(where.dataDir);
  const { loadStoredApp, runServe } = await import("../server/run.js");
  // The App that /setup stored: from Key Vault when a vault is configured, else the data directory.
  const stored = await loadStoredApp(where);
  const settings = readServerSettings(options.port !== undefined ? { port: options.port } : {}, stored);
  // The entry script serves fragment scans in worker threads: pushes are scanned off the event loop.
  return runServe(settings, workerScript ? { scanWorkerScript: workerScript } : {});
}

/**
 * Fail at start, in one line naming LEAKSTOP_DATA_DIR, when the durable state cannot be written
 * there (read-only mount, a file in the way, permissions), instead of an SQLite error later.
 */
async function checkDataDir(dir: string): Promise<void> {
  const probe = join(dir, `.write-test-${randomBytes(6).toString("hex")}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, "");
    await rm(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new TypeError(
      `LEAKSTOP_DATA_DIR '${dir}' is not writable (${code}); point it at a writable folder (a volume in a container) or fix its permissions.`,
    );
  }
}
