/**
 * Running the bundled CLI (`dist/cli.js`, built once per test file from src/ into a temporary
 * directory) as a person or a git hook runs it: a child process with its own working directory,
 * standard input and environment.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { buildAction } from "../action/harness.js";

/** What a run left. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options for {@link leakstop}. */
export interface CliRunOptions {
  readonly cwd?: string;
  /** Written to standard input, which is then closed; default: no input (closed at once). */
  readonly input?: string | Uint8Array;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutInMs?: number;
}

/** Path of the bundled `cli.js`. */
export async function cliPath(): Promise<string> {
  const build = await buildAction();
  return join(build.dir, "dist", "cli.js");
}

/** Run `node dist/cli.js ...args`. */
export async function leakstop(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  const script = await cliPath();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, NO_COLOR: "1", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
      timeout: options.timeoutInMs ?? 20_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (t: string) => {
      stdout += t;
    });
    child.stderr.setEncoding("utf8").on("data", (t: string) => {
      stderr += t;
    });
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The findings of a JSON report. */
export function findingsOf(run: CliRun): Array<{ path: string; line: number; ruleId: string; fingerprint: string }> {
  return (
    JSON.parse(run.stdout) as { findings: Array<{ path: string; line: number; ruleId: string; fingerprint: string }> }
  ).findings;
}

/** The notices of a JSON report. */
export function noticesOf(run: CliRun): string[] {
  return (JSON.parse(run.stdout) as { notices: string[] }).notices;
}
