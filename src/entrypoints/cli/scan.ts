/** `leakstop scan`: wire the file, stream or git source, the engine and a reporter. */
import { createReadStream } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type LoadedConfig, loadConfig } from "../../adapters/fs/config.js";
import { type FileSourceOptions, fileFragments, readStream, walkFiles } from "../../adapters/fs/files.js";
import { scanFilesInParallel } from "../../adapters/fs/parallel.js";
import { SkippedFiles } from "../../adapters/fs/skipped.js";
import { resolveScanTarget, type ScanTarget } from "../../adapters/fs/target.js";
import { scanFragmentsInParallel } from "../../adapters/git/parallel-scan.js";
import { runGit } from "../../adapters/git/process.js";
import { gitRangeFragments, resolveGitRange } from "../../adapters/git/range.js";
import { listRefs } from "../../adapters/git/revisions.js";
import { stagedFragments } from "../../adapters/git/staged.js";
import { render } from "../../core/report/index.js";
import { type Progress, progressText } from "../../core/report/progress.js";
import { createEngine, type Engine, scanAll } from "../../core/scan/engine.js";
import type { Finding, Fragment } from "../../core/types.js";
import { VERSION } from "../../version.js";
import type { CliIO } from "./run.js";
import type { ScanSettings } from "./settings.js";

const PROGRESS_EVERY_MS = 200;
const STDIN_PATHS = new Set(["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);

/** What a scan found, and what a person should know about how. */
export interface ScanOutcome {
  readonly findings: Finding[];
  readonly notices: string[];
  readonly target: ScanTarget;
  readonly loaded: LoadedConfig;
  readonly engine: Engine;
}

export async function runScan(settings: ScanSettings, io: CliIO, workerScript?: URL): Promise<number> {
  if (settings.output !== undefined) await checkOutput(settings.output);
  const { findings, notices, engine } = await collectFindings(settings, io, workerScript);
  // Text is for people: notices go to stderr, so stdout stays the report. JSON and SARIF carry them.
  const inReport = settings.format !== "text";
  if (!inReport) for (const n of notices) io.stderr(`leakstop: note: ${n}\n`);
  const report = render(settings.format, findings, {
    toolVersion: VERSION,
    rules: engine.rules,
    notices: inReport ? notices : [],
    color: settings.color,
  });
  if (settings.output !== undefined) {
    await writeFile(settings.output, report).catch((e: NodeJS.ErrnoException) => {
      throw new TypeError(
        `Cannot write the report to '${settings.output}' (${e.code ?? e.message}); pick another --output.`,
      );
    });
    const files = new Set(findings.map((f) => f.path)).size;
    io.stderr(
      findings.length
        ? `leakstop: ${findings.length} finding(s) in ${files} file(s); report written to ${settings.output}\n`
        : `leakstop: no secrets found; report written to ${settings.output}\n`,
    );
  } else {
    io.stdout(report);
  }
  return findings.length > 0 ? 1 : 0;
}

/** Fail before scanning when the report could not be written: a missing folder, a directory. */
async function checkOutput(output: string): Promise<void> {
  const info = await stat(output).catch(() => undefined);
  if (info?.isDirectory()) {
    throw new TypeError(
      `--output '${output}' is a directory; give a file name, e.g. '${join(output, "leakstop.sarif")}'.`,
    );
  }
  const folder = dirname(output);
  const parent = await stat(folder).catch(() => undefined);
  if (!parent) {
    throw new TypeError(
      `--output '${output}': folder '${folder}' does not exist; create it (mkdir -p '${folder}') or pick another path.`,
    );
  }
  if (!parent.isDirectory())
    throw new TypeError(`--output '${output}': '${folder}' is not a folder; pick another path.`);
}

/** Resolve the target, load its config, and scan it. Shared by `scan` and `baseline`. */
export async function collectFindings(settings: ScanSettings, io: CliIO, workerScript?: URL): Promise<ScanOutcome> {
  const target = await resolveScanTarget(settings.path, settings.root !== undefined ? { root: settings.root } : {});
  const gitMode = settings.git || settings.staged;
  if (gitMode && target.kind !== "directory") {
    throw new TypeError(`Path '${settings.path}' is not a directory; --git and --staged need a repository path.`);
  }
  const loaded = await loadConfig(target.root, settings.config);
  const engine = createEngine({ config: loaded.config, ignoredFingerprints: loaded.ignoredFingerprints });
  const notices: string[] = [...loaded.notices, ...engine.notices];
  const skipped = new SkippedFiles();
  const maxFileSizeInBytes = loaded.config.maxFileSizeInMB * 1024 * 1024;
  const progress = settings.progress ? progressLine(io, settings.git ? "commits" : "files") : undefined;
  let findings: Finding[];
  try {
    if (target.kind === "stream") {
      findings = await scanStream(settings.path, engine, maxFileSizeInBytes, notices, io);
    } else if (gitMode) {
      const cwd = join(target.root, target.start);
      const fragments = settings.staged
        ? stagedFragments({ cwd, onSkip: skipped.add })
        : await historyFragments(settings, cwd, progress, (n) => notices.push(n));
      // A history: this thread reads and parses git's patches while workers scan, so both cores
      // are busy (one worker fewer than jobs: the parsing thread is the other).
      const workers = settings.jobs - 1;
      findings =
        !settings.staged && workerScript && workers >= 1
          ? await scanFragmentsInParallel(tap(fragments, progress?.fragment), {
              config: loaded.config,
              ignoredFingerprints: loaded.ignoredFingerprints,
              workerScript,
              workers,
            })
          : await scanAll(engine, fragments, progress?.fragment);
    } else {
      const fileOptions: FileSourceOptions = {
        root: target.root,
        start: target.start,
        isDirectory: target.kind === "directory",
        maxFileSizeInBytes,
        includeNodeModules: settings.includeNodeModules,
        isPathIgnored: engine.isPathIgnored,
        onNotice: (n: string) => notices.push(n),
        onSkip: skipped.add,
      };
      // Walked up front, to know the total, only when someone watches the progress line.
      const paths = progress ? [...walkFiles(fileOptions)] : undefined;
      if (paths) progress?.total(paths.length);
      if (target.kind === "directory" && workerScript && settings.jobs > 1) {
        findings = await scanFilesInParallel({
          ...fileOptions,
          config: loaded.config,
          ignoredFingerprints: loaded.ignoredFingerprints,
          workerScript,
          jobs: settings.jobs,
          ...(paths ? { paths } : {}),
          ...(progress ? { onProgress: progress.set } : {}),
        });
      } else {
        const counted = paths && progress ? counting(paths, progress.file) : paths;
        findings = await scanAll(engine, fileFragments(fileOptions, counted), progress?.fragment);
      }
    }
  } finally {
    progress?.done();
  }
  notices.push(...skipped.notices());
  return { findings, notices, target, loaded, engine };
}

/** Standard input (`-`), `/dev/stdin` or another FIFO or device, read to its end. */
async function scanStream(
  path: string,
  engine: Engine,
  maxBytes: number,
  notices: string[],
  io: CliIO,
): Promise<Finding[]> {
  // Our own standard input is read as a stream, not reopened: a socket (what many process
  // managers connect) cannot be opened by its /dev/stdin path (ENXIO).
  const isStdin = STDIN_PATHS.has(path);
  const name = isStdin ? "standard input" : `'${path}'`;
  // Typed `leakstop scan -` with nothing piped in: say why it waits.
  if (isStdin && process.stdin.isTTY) io.stderr("leakstop: reading standard input; end it with Ctrl-D.\n");
  const text = await readStream(isStdin ? process.stdin : createReadStream(path), maxBytes, name);
  if (text === undefined) {
    notices.push(`Skipped ${name}: it looks binary (a NUL byte, no UTF-16 byte-order mark).`);
    return [];
  }
  return engine.scan({ path: isStdin ? "stdin" : path, text, startLine: 1 });
}

/** The commits of `--range` (default HEAD), without those on any remote branch with `--unpushed`. */
async function historyFragments(
  settings: ScanSettings,
  cwd: string,
  progress: ReturnType<typeof progressLine> | undefined,
  onNotice: (notice: string) => void,
): Promise<AsyncIterable<Fragment>> {
  const exclude = settings.unpushed ? (await listRefs(["refs/remotes/"], { cwd })).map((r) => r.sha) : [];
  const options = { cwd, exclude, ...(settings.range !== undefined ? { range: settings.range } : {}) };
  if (progress) {
    // The commits in scan order, so the progress line can say "commit 12 of 340".
    const revisions = await resolveGitRange(options);
    const input = [...revisions.include, ...revisions.exclude.map((sha) => `^${sha}`)].join("\n");
    const list = await runGit(["rev-list", "--stdin", "--reverse", "--topo-order"], { cwd, input: `${input}\n` });
    if (list.exitCode === 0) progress.commits(list.stdout.split("\n").filter((l) => l !== ""));
  }
  // What the push scanner reports too: history a shallow clone lacks, submodules, binary and LFS files.
  return gitRangeFragments({ ...options, onNotice });
}

/** A single self-overwriting progress line on stderr (only when stderr is a terminal). */
function progressLine(io: CliIO, unit: Progress["unit"]) {
  let done = 0;
  let total: number | undefined;
  let bytes = 0;
  let last = 0;
  let order: Map<string, number> | undefined;
  let lastCommit: string | undefined;
  const show = () => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    io.stderr(`\r\x1b[2K${progressText({ done, unit, bytes, ...(total !== undefined ? { total } : {}) })}`);
  };
  return {
    total(n: number) {
      total = n;
    },
    commits(shas: readonly string[]) {
      order = new Map(shas.map((sha, i) => [sha, i + 1]));
      total = shas.length;
    },
    fragment(fragment: Fragment) {
      bytes += fragment.text.length;
      const sha = fragment.commit?.sha;
      if (unit === "commits") {
        if (sha !== undefined && sha !== lastCommit) {
          lastCommit = sha;
          done = order?.get(sha) ?? done + 1;
        }
      } else if (total === undefined) done++; // staged files: no walk, so count what is scanned
      show();
    },
    /** One more file read (text or not). */
    file() {
      done++;
      show();
    },
    set(files: number, scanned: number) {
      done = files;
      bytes = scanned;
      show();
    },
    done() {
      if (last > 0) io.stderr("\r\x1b[2K");
    },
  };
}

/** `items`, calling `onEach` as each is taken. */
function* counting<T>(items: Iterable<T>, onEach: () => void): Generator<T> {
  for (const item of items) {
    onEach();
    yield item;
  }
}

/** `fragments`, calling `see` on each as it passes (the progress line). */
async function* tap(fragments: AsyncIterable<Fragment>, see?: (fragment: Fragment) => void): AsyncGenerator<Fragment> {
  for await (const fragment of fragments) {
    see?.(fragment);
    yield fragment;
  }
}
