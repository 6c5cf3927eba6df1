/**
 * The file-system source: every text file under a path, as fragments. Skips `.git/`,
 * `node_modules/` (unless asked), symbolic links, binary files and files over the size limit
 * (with a notice, so nothing is skipped silently).
 */
import { lstat, open, readdir, readFile } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import type { Fragment } from "../../core/types.js";

/** Options for {@link fileFragments}. */
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
  /** How many files are read ahead. Default 16. */
  readonly readAhead?: number;
}

const SKIP_DIRS = new Set([".git", ".hg", ".svn"]);
const BINARY_SNIFF_BYTES = 8000;

/** Does a buffer look binary? A NUL byte in the first 8,000 bytes (git's own heuristic). */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** Paths of the files to scan, relative to the root, in a stable (sorted) order. */
async function* walk(root: string, dir: string, options: FileSourceOptions): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const rel = relative(root, full).split(sep).join("/");
    if (entry.isDirectory()) {
      if (SKIP_DIRS.has(entry.name)) continue;
      if (entry.name === "node_modules" && !options.includeNodeModules) continue;
      if (options.isPathIgnored?.(`${rel}/`)) continue;
      yield* walk(root, full, options);
    } else if (entry.isFile()) {
      if (options.isPathIgnored?.(rel)) continue;
      yield rel;
    }
  }
}

async function readText(full: string, rel: string, options: FileSourceOptions): Promise<string | undefined> {
  const info = await lstat(full);
  if (info.size > options.maxFileSizeInBytes) {
    options.onNotice?.(
      `Skipped '${rel}' (${(info.size / 1048576).toFixed(1)} MB, over the ${(options.maxFileSizeInBytes / 1048576).toFixed(0)} MB limit; raise maxFileSizeInMB in the config to scan it).`,
    );
    return undefined;
  }
  const buf = await readFile(full);
  if (looksBinary(buf)) return undefined;
  return buf.toString("utf8");
}

/** Fragments (one per file, whole content) under `options.path`. */
export async function* fileFragments(options: FileSourceOptions): AsyncGenerator<Fragment> {
  const info = await lstat(options.path).catch(() => undefined);
  if (!info) throw new TypeError(`Path '${options.path}' does not exist; pass a file or directory to scan.`);
  const root = info.isDirectory() ? options.path : dirname(options.path);
  const paths: AsyncIterable<string> = info.isDirectory()
    ? walk(root, root, options)
    : (async function* () {
        yield basename(options.path);
      })();
  // Read ahead a few files so the disk and the scanner overlap, without buffering the tree.
  const window: Array<Promise<{ rel: string; text: string | undefined }>> = [];
  const limit = options.readAhead ?? 16;
  // A file that vanished or is unreadable is skipped with a notice; it must not end the scan.
  const load = (rel: string) =>
    readText(join(root, rel), rel, options).then(
      (text) => ({ rel, text }),
      (e: NodeJS.ErrnoException) => {
        options.onNotice?.(`Skipped '${rel}': ${e.code ?? e.message}.`);
        return { rel, text: undefined };
      },
    );
  for await (const rel of paths) {
    window.push(load(rel));
    if (window.length >= limit) {
      const { rel: r, text } = await (window.shift() as Promise<{ rel: string; text: string | undefined }>);
      if (text !== undefined) yield { path: r, text, startLine: 1 };
    }
  }
  for (const pending of window) {
    const { rel, text } = await pending;
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
