/**
 * Running git. Every user value reaches git on stdin (never as an argument it could read as an
 * option), output is streamed with backpressure, and stderr is kept short for error messages.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { splitLineBatches } from "./lines.js";

/** Options shared by the functions that run git. */
export interface GitProcessOptions {
  /** Working directory: inside the repository. */
  readonly cwd: string;
  /** The git executable. Default `git` (looked up on PATH). */
  readonly gitPath?: string;
  /** Written to git's stdin, which is then closed. */
  readonly input?: string;
  /** Stops git and rejects with an `AbortError`. */
  readonly abortSignal?: AbortSignal;
  /** Extra environment variables (e.g. a token as `GIT_CONFIG_*`, which never appears in argv). */
  readonly env?: Readonly<Record<string, string>>;
}

/** What a finished git process left. */
export interface GitResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Only the end of stderr is kept: enough for the message, bounded for a chatty failure. */
const MAX_STDERR_CHARS = 8192;

interface Started {
  readonly child: ChildProcess;
  /** Exit code; rejects when git could not be started or was aborted. Never unhandled. */
  readonly exited: Promise<number>;
  readonly stderr: () => string;
}

function start(args: readonly string[], options: GitProcessOptions): Started {
  options.abortSignal?.throwIfAborted();
  const gitPath = options.gitPath ?? "git";
  const child = spawn(gitPath, args, {
    cwd: options.cwd,
    // Messages in English (they are matched and quoted); never prompt; don't take optional locks
    // (no index refresh) so a scan never writes to the repository it reads.
    env: {
      ...process.env,
      LC_ALL: "C",
      LANGUAGE: "C",
      GIT_TERMINAL_PROMPT: "0",
      GIT_OPTIONAL_LOCKS: "0",
      ...options.env,
    },
    stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    signal: options.abortSignal,
    windowsHide: true,
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-MAX_STDERR_CHARS);
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") {
        reject(
          new Error(`git was not found ('${gitPath}'); install git and make sure it is on PATH.`, { cause: error }),
        );
      } else reject(error);
    });
    child.once("close", (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
  exited.catch(() => {}); // awaited later; this only stops an early rejection from counting as unhandled
  if (options.input !== undefined && child.stdin) {
    child.stdin.on("error", () => {}); // EPIPE when git exits before reading all input: the exit code tells
    child.stdin.end(options.input);
  }
  return { child, exited, stderr: () => stderr };
}

/** Run git to completion (small outputs). A non-zero exit resolves; it does not reject. */
export async function runGit(args: readonly string[], options: GitProcessOptions): Promise<GitResult> {
  const { child, exited, stderr } = start(args, options);
  const chunks: string[] = [];
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => chunks.push(chunk));
  const exitCode = await exited;
  return { stdout: chunks.join(""), stderr: stderr(), exitCode };
}

/**
 * Run git to completion and keep its stdout as bytes (a blob), up to `maxBytes`: past that git is
 * stopped and `bytes` is undefined. A non-zero exit resolves; it does not reject.
 */
export async function runGitBytes(
  args: readonly string[],
  options: GitProcessOptions & { readonly maxBytes: number },
): Promise<{ readonly bytes: Buffer | undefined; readonly stderr: string; readonly exitCode: number }> {
  const { child, exited, stderr } = start(args, options);
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  child.stdout?.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > options.maxBytes) {
      tooLarge = true;
      child.kill();
    } else chunks.push(chunk);
  });
  const exitCode = await exited;
  return { bytes: tooLarge ? undefined : Buffer.concat(chunks), stderr: stderr(), exitCode: tooLarge ? 0 : exitCode };
}

/**
 * Lines of git's stdout as they stream (without `\n`), read only as fast as they are consumed.
 * Throws when git exits non-zero. Stopping early (break, return) kills git.
 */
export async function* gitLines(args: readonly string[], options: GitProcessOptions): AsyncGenerator<string> {
  for await (const batch of gitLineBatches(args, options)) yield* batch;
}

/** {@link gitLines} in batches (the lines of each chunk git wrote): one await per chunk, not per line. */
export async function* gitLineBatches(args: readonly string[], options: GitProcessOptions): AsyncGenerator<string[]> {
  const { child, exited, stderr } = start(args, options);
  const stdout = child.stdout;
  if (!stdout) throw new Error("git was started without a stdout pipe.");
  stdout.setEncoding("utf8"); // decodes multi-byte characters across chunk boundaries
  let done = false;
  try {
    yield* splitLineBatches(stdout);
    const exitCode = await exited;
    done = true;
    if (exitCode !== 0) throw new Error(`'git ${subcommand(args)}' failed (exit ${exitCode}): ${gitMessage(stderr())}`);
  } finally {
    if (!done && child.exitCode === null && child.signalCode === null) child.kill();
  }
}

/** Throw when git is older than `[major, minor]`, naming both versions and the fix. */
export async function requireGit(minimum: readonly [number, number], options: GitProcessOptions): Promise<void> {
  const { stdout } = await runGit(["version"], options);
  const match = /(\d+)\.(\d+)/.exec(stdout);
  if (match === null) return; // an unusual build string: let the real command speak for itself
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major > minimum[0] || (major === minimum[0] && minor >= minimum[1])) return;
  throw new Error(`git ${match[0]} is too old; leakstop needs git ${minimum.join(".")} or later: upgrade git.`);
}

/** The git command in `args`, past global options such as `-c name=value`. */
function subcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "-c" || arg === "-C") i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return "";
}

/** git's stderr as one line: `fatal:`/`error:` prefixes dropped, lines joined, length capped. */
export function gitMessage(stderr: string): string {
  const text = stderr
    .split("\n")
    .map((l) => l.replace(/^(fatal|error|warning): /, "").trim())
    .filter((l) => l !== "")
    .join(" ");
  if (text === "") return "(no message)";
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
