/**
 * The CLI's settings: the only place that reads the command line's options and the
 * environment. Everything downstream gets this typed object.
 */
import { availableParallelism } from "node:os";
import type { Format } from "../../core/report/index.js";

/** Settings of `leakstop scan`. */
export interface ScanSettings {
  /** File or directory (files mode), repository (git modes), or `-` for standard input. */
  readonly path: string;
  /**
   * What paths, fingerprints, config and ignore file are relative to; undefined: the top level of
   * the git work tree holding the path, else the path itself (a file's folder).
   */
  readonly root: string | undefined;
  /** Scan git history instead of files. */
  readonly git: boolean;
  /** Scan what `git commit` would add: the index against HEAD (pre-commit hooks). */
  readonly staged: boolean;
  /** With `--git`: leave out commits any remote-tracking branch has (pre-push hooks, no upstream needed). */
  readonly unpushed: boolean;
  /** `BASE..HEAD` or a single revision; undefined: all of HEAD's history. */
  readonly range: string | undefined;
  readonly format: Format;
  /** Report file; undefined: stdout. */
  readonly output: string | undefined;
  /** Explicit config file; undefined: `.leakstop.yml` or `.github/leakstop.yml` under the path, if present. */
  readonly config: string | undefined;
  /** Descend into node_modules (files mode). */
  readonly includeNodeModules: boolean;
  /** Worker threads for directory scans. */
  readonly jobs: number;
  /** Show a progress line (stderr is a terminal and not --quiet, or --progress). */
  readonly progress: boolean;
  /** Colour in text output (stdout is a terminal, no NO_COLOR). */
  readonly color: boolean;
}

export const FORMATS: readonly Format[] = ["text", "json", "sarif"];

interface RawScanOptions {
  root?: string;
  git?: boolean;
  staged?: boolean;
  unpushed?: boolean;
  progress?: boolean;
  range?: string;
  format?: string;
  output?: string;
  config?: string;
  includeNodeModules?: boolean;
  quiet?: boolean;
  jobs?: string;
}

/** Validate raw options; throws a TypeError/RangeError whose message is shown as is. */
export function scanSettings(path: string | undefined, raw: RawScanOptions): ScanSettings {
  const format = (raw.format ?? "text") as Format;
  if (!FORMATS.includes(format)) {
    throw new RangeError(`Unknown format '${raw.format}'; use one of: ${FORMATS.join(", ")}.`);
  }
  if (raw.range !== undefined && !raw.git) {
    throw new TypeError("--range needs --git (it selects commits, not files).");
  }
  if (raw.staged && (raw.git || raw.range !== undefined)) {
    throw new TypeError("--staged scans the index, not history; drop --git/--range, or drop --staged.");
  }
  if (raw.root !== undefined && (raw.git || raw.staged)) {
    throw new TypeError("--root is for file scans; git scans use the repository's own paths.");
  }
  if (raw.unpushed && !raw.git) throw new TypeError("--unpushed needs --git (it leaves out commits, not files).");
  if (raw.range !== undefined && raw.range.trim() === "") throw new TypeError("--range is empty; give BASE..HEAD.");
  const jobs = raw.jobs === undefined ? Math.min(availableParallelism(), 4) : Number(raw.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
    throw new RangeError(`--jobs '${raw.jobs}' is not a number of threads from 1 to 64.`);
  }
  return {
    path: path ?? ".",
    root: raw.root,
    git: raw.git === true,
    staged: raw.staged === true,
    unpushed: raw.unpushed === true,
    range: raw.range,
    format,
    output: raw.output,
    config: raw.config,
    includeNodeModules: raw.includeNodeModules === true,
    jobs,
    progress: raw.progress === true || (process.stderr.isTTY === true && !raw.quiet),
    color: format === "text" && raw.output === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR,
  };
}
