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
export async function runServeCommand(options: ServeCommandOptions): Promise<number> {
  const settings = readServerSettings(options.port !== undefined ? { port: options.port } : {});
  const { runServe } = await import("../server/run.js");
  return runServe(settings);
}
