/**
 * The file-system source: every text file under a path, as fragments. Skips `.git/`,
 * `node_modules/` (unless asked), symbolic links, binary files and files over the size limit
 * (with a notice, so nothing is skipped silently).
 *
 * Reads are synchronous on purpose: a scan reads thousands of small files one after another,
 * and the promise and thread-pool round trip of `fs/promises` costs more than the read itself.
 * Parallelism comes from worker threads (see `parallel.ts`), each reading its own files.
 */
import { closeSync, fstatSync, openSync, readdirSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Fragment } from "../../core/types.js";

/** Options shared by the walker and the readers. */
export interface FileSourceOptions {
  /** Directory or file to scan. */
  readonly path: string;
  /** Files larger than this are skipped with a notice. */
  readonly maxFileSizeInBytes: number;
  /** Also descend into `node_modules/` directories. Default false. */
  readonly includeNodeModules?: boolean;
  /** Paths (relative, `/`-separated) that must not be read at all. */
  readonly isPathIgnored?: (path: string) => boolean;
  /** Called with a human-readable notice for every skipped file worth mentioning. */
  readonly onNotice?: (notice: string) => void;
}

const SKIP_DIRS = new Set([".git", ".hg", ".svn"]);
const BINARY_SNIFF_BYTES = 8000;

/** Does a buffer look binary? A NUL byte in the first 8,000 bytes (git's own heuristic). */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** The directory a scan of `path` is rooted at, and whether `path` is a single file. */
export function scanRoot(path: string, isDirectory: boolean): string {
  return isDirectory ? path : dirname(path);
}

/** Paths of the files to scan, relative to the root and `/`-separated, in a stable (sorted) order. */
export function* walkFiles(options: FileSourceOptions, isDirectory: boolean): Generator<string> {
  if (!isDirectory) {
    yield basename(options.path);
    return;
  }
  yield* walk(options.path, "", options);
}

function* walk(root: string, rel: string, options: FileSourceOptions): Generator<string> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(rel ? join(root, rel) : root, { withFileTypes: true });
  } catch (e) {
    if (!rel) throw e;
    options.onNotice?.(`Skipped directory '${rel}/': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (SKIP_DIRS.has(entry.name)) continue;
      if (entry.name === "node_modules" && !options.includeNodeModules) continue;
      if (options.isPathIgnored?.(`${child}/`)) continue;
      yield* walk(root, child, options);
    } else if (entry.isFile()) {
      if (options.isPathIgnored?.(child)) continue;
      yield child;
    }
  }
}

/**
 * Read one file as text, or return undefined (with a notice where it matters) when it is too
 * large, binary, vanished or unreadable. One open, one fstat, one read.
 */
export function readTextFile(
  root: string,
  rel: string,
  maxFileSizeInBytes: number,
  onNotice?: (notice: string) => void,
): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(join(root, rel), "r");
    const size = fstatSync(fd).size;
    if (size > maxFileSizeInBytes) {
      onNotice?.(
        `Skipped '${rel}' (${(size / 1048576).toFixed(1)} MB, over the ${(maxFileSizeInBytes / 1048576).toFixed(0)} MB limit; raise maxFileSizeInMB in the config to scan it).`,
      );
      return undefined;
    }
    const buf = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const bytes = buf.subarray(0, read);
    if (looksBinary(bytes)) return undefined;
    return bytes.toString("utf8");
  } catch (e) {
    // A file that vanished or is unreadable is skipped with a notice; it must not end the scan.
    onNotice?.(`Skipped '${rel}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Fragments (one per file, whole content) under `options.path`, in this thread. */
export async function* fileFragments(options: FileSourceOptions, isDirectory: boolean): AsyncGenerator<Fragment> {
  const root = scanRoot(options.path, isDirectory);
  for (const rel of walkFiles(options, isDirectory)) {
    const text = readTextFile(root, rel, options.maxFileSizeInBytes, options.onNotice);
    if (text !== undefined) yield { path: rel, text, startLine: 1 };
  }
}

/** Read a small file if it exists (config, ignore file). */
export async function readOptionalFile(path: string): Promise<string | undefined> {
  try {
    const handle = await open(path, "r");
    try {
      return await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}
