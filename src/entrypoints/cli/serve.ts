/**
 * `leakstop serve [--port N]`: the webhook responder. Settings come from the environment
 * (src/entrypoints/server/settings.ts); the server code, Octokit and the Azure SDK are loaded
 * only here, so `leakstop scan` never pays for them.
 */
import { readServerSettings } from "../server/settings.js";

/** Options of the `serve` command. */
export interface ServeCommandOptions {
  readonly port?: string;
}

/** Run until SIGTERM/SIGINT; resolves to the exit status. Bad settings throw a TypeError/RangeError. */
export async function runServeCommand(options: ServeCommandOptions, workerScript?: URL): Promise<number> {
  const settings = readServerSettings(options.port !== undefined ? { port: options.port } : {});
  // The durable queue is Node's built-in SQLite; say so plainly on an older Node.
  if (!process.getBuiltinModule?.("node:sqlite")) {
    throw new RangeError(
      `leakstop serve needs Node.js 22.13 or later (for node:sqlite); this is ${process.version}. Run it with 'npx leakstop serve' in the project, or on Node 24.`,
    );
  }
  const { runServe } = await import("../server/run.js");
  // The entry script serves fragment scans in worker threads: pushes are scanned off the event loop.
  return runServe(settings, workerScript ? { scanWorkerScript: workerScript } : {});
}
