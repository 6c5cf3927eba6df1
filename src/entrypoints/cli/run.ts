/**
 * The `leakstop` command line. commander parses (a well-kept parser gives help, unknown-option
 * errors and subcommands for free); this file maps results and errors to the exit-status
 * contract: 0 nothing found, 1 findings, 2 bad usage, bad config or a fatal error.
 */
import { Command, CommanderError } from "commander";
import { ConfigError } from "../../core/config/config.js";
import { VERSION } from "../../version.js";
import { runRules } from "./rules.js";
import { runScan } from "./scan.js";
import { scanSettings } from "./settings.js";

/** Exit statuses (DESIGN.md, CLI contract). */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

/** Where the CLI writes; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** Run the CLI with `argv` (without node and script); resolves to the exit status. */
/** What only the entry point knows. */
export interface RunOptions {
  /** The entry script, which serves parallel-scan batches when started as a worker. Without it, scans use one thread. */
  readonly workerScript?: URL;
}

export async function run(
  argv: readonly string[],
  io: CliIO = defaultIO,
  runOptions: RunOptions = {},
): Promise<number> {
  let status: number = EXIT.clean;
  const debug = argv.includes("--debug");
  const program = new Command("leakstop")
    .description("Find leaked credentials in files and git history, and make them useless.")
    .version(VERSION, "-V, --version")
    .option("--debug", "print stack traces on errors")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} })
    .showSuggestionAfterError(true);

  program
    .command("scan")
    .description("scan files under PATH, or with --git the lines added by each commit of a range")
    .argument("[path]", "file, directory or repository to scan; - for standard input", ".")
    .option("--git", "scan git history (lines added by each commit) instead of files")
    .option("--range <BASE..HEAD>", "commits to scan with --git (default: all of HEAD's history)")
    .option("--unpushed", "with --git: only commits no remote-tracking branch has (for a pre-push hook)")
    .option("--staged", "scan what 'git commit' would add: staged lines against HEAD (for a pre-commit hook)")
    .option("-f, --format <format>", "report format: text, json or sarif", "text")
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("-c, --config <file>", "config file (default: .leakstop.yml or .github/leakstop.yml under PATH)")
    .option(
      "--root <dir>",
      "folder that paths, config and ignore file are relative to (default: the repository's top level, else PATH)",
    )
    .option("--include-node-modules", "also scan node_modules directories")
    .option("-j, --jobs <n>", "worker threads for directory and history scans (default: one per core, at most 4)")
    .option("-q, --quiet", "no progress line")
    .option("--progress", "show the progress line even when stderr is not a terminal")
    .action(async (path: string, options: Record<string, unknown>) => {
      status = await runScan(scanSettings(path, options), io, runOptions.workerScript);
    });

  program
    .command("baseline")
    .description(
      "add every current finding's fingerprint to the ignore file, with a reason (adopt leakstop on an old repository)",
    )
    .argument("[path]", "directory or repository", ".")
    .requiredOption("--reason <text>", "why these findings are accepted; written beside each fingerprint")
    .option("--git", "baseline the findings of git history instead of the files")
    .option("--range <BASE..HEAD>", "commits to baseline with --git (default: all of HEAD's history)")
    .option("-c, --config <file>", "config file (default: .leakstop.yml or .github/leakstop.yml at the root)")
    .option("--include-node-modules", "also scan node_modules directories")
    .option("-q, --quiet", "no progress line")
    .action(async (path: string, options: Record<string, unknown>) => {
      const { runBaseline } = await import("./baseline.js");
      const reason = String(options.reason);
      status = await runBaseline(scanSettings(path, options), reason, io, runOptions.workerScript);
    });

  program
    .command("rules")
    .description("list the built-in rules")
    .action(() => {
      status = runRules(io);
    });

  program
    .command("serve")
    .description("run the webhook responder (settings from the environment; see the README)")
    .option("-p, --port <n>", "TCP port (default: $PORT, else 3000)")
    .action(async (options: { port?: string }) => {
      const { runServeCommand } = await import("./serve.js");
      status = await runServeCommand(options, runOptions.workerScript);
    });

  program
    .command("rotate")
    .description(
      "rotate a Key Vault secret now, at its provider first (a fresh value only for a secret tagged leakstop-provider: none)",
    )
    .option("--vault <url>", "the vault, https://<name>.vault.azure.net (optional when --secret is a URL)")
    .requiredOption("--secret <name>", "the secret to rotate: its name, or its URL https://<vault>/secrets/<name>")
    .option("--reason <text>", "why; recorded in the new version's tags and the audit record")
    .option("--dry-run", "print the plan, change nothing")
    .action(async (options: { vault?: string; secret?: string; reason?: string; dryRun?: boolean }) => {
      // Loaded on demand: the Azure SDK stays off the scan path.
      const { rotateSettings, runRotate } = await import("./rotate.js");
      status = await runRotate(rotateSettings(options), io);
    });

  try {
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return EXIT.error;
    }
    await program.parseAsync([...argv], { from: "user" });
    return status;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return EXIT.clean; // --help, --version
      io.stderr(`leakstop: ${e.message.replace(/^error: /, "")}\n`);
      return EXIT.error;
    }
    io.stderr(`leakstop: ${describe(e)}\n`);
    if (debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return EXIT.error;
  }
}

function describe(e: unknown): string {
  if (e instanceof ConfigError || e instanceof TypeError || e instanceof RangeError) return e.message;
  if (e instanceof Error) return `${e.message} (run with --debug for details)`;
  return String(e);
}
