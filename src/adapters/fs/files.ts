/**
 * The file-system source: every text file under a path, as fragments. Skips `.git/`,
 * `node_modules/` (unless asked), symbolic links, special files (FIFOs, sockets, devices),
 * binary files and files over the size limit, each reported through `onSkip`/`onNotice` so
 * nothing is skipped silently. UTF-16 files with a byte-order mark are decoded and scanned.
 *
 * Paths are relative to `root` (the repository's top level when the scan is inside one), so a
 * scan of a sub-folder reports, fingerprints and ignores paths exactly as a scan of the whole
 * repository does.
 *
 * Reads are synchronous on purpose: a scan reads thousands of small files one after another,
 * and the promise and thread-pool round trip of `fs/promises` costs more than the read itself.
 * Parallelism comes from worker threads (see `parallel.ts`), each reading its own files.
 */
import { closeSync, fstatSync, openSync, readdirSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import type { Fragment } from "../../core/types.js";
import { decodeText } from "../../core/util/decode.js";

/** Why a file was not scanned; counted and named in one notice per kind (see `skipped.ts`). */
export type SkipKind = "binary" | "symlink" | "special";

/** Options shared by the walker and the readers. */
export interface FileSourceOptions {
  /** Directory that reported paths are relative to. */
  readonly root: string;
  /** What to scan: a `/`-separated path relative to `root` ("" for `root` itself). */
  readonly start: string;
  /** `start` is a directory (else one file). */
  readonly isDirectory: boolean;
  /** Files larger than this are skipped with a notice. */
  readonly maxFileSizeInBytes: number;
  /** Also descend into `node_modules/` directories. Default false. */
  readonly includeNodeModules?: boolean;
  /** Paths (relative, `/`-separated) that must not be read at all. */
  readonly isPathIgnored?: (path: string) => boolean;
  /** Called with a human-readable notice for every unusual skip (too large, unreadable). */
  readonly onNotice?: (notice: string) => void;
  /** Called for every file skipped for a common reason (binary, symbolic link, special file). */
  readonly onSkip?: (kind: SkipKind, path: string) => void;
}

const SKIP_DIRS = new Set([".git", ".hg", ".svn"]);

/** Paths of the files to scan, relative to the root and `/`-separated, in a stable (sorted) order. */
export function* walkFiles(options: FileSourceOptions): Generator<string> {
  if (!options.isDirectory) {
    yield options.start;
    return;
  }
  yield* walk(options.root, options.start, options);
}

function* walk(root: string, rel: string, options: FileSourceOptions): Generator<string> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(rel ? join(root, rel) : root, { withFileTypes: true });
  } catch (e) {
    if (rel === options.start) throw e;
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
    } else if (options.isPathIgnored?.(child)) {
      // allowlisted: not read, not mentioned
    } else if (entry.isFile()) {
      yield child;
    } else if (entry.isSymbolicLink()) {
      // Not followed: a link may point outside the tree, at a device, or in a loop.
      options.onSkip?.("symlink", child);
    } else {
      options.onSkip?.("special", child);
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
  onSkip?: (kind: SkipKind, path: string) => void,
): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(join(root, rel), "r");
    const info = fstatSync(fd);
    if (!info.isFile()) {
      onSkip?.("special", rel);
      return undefined;
    }
    if (info.size > maxFileSizeInBytes) {
      onNotice?.(tooLarge(rel, info.size, maxFileSizeInBytes));
      return undefined;
    }
    const buf = Buffer.allocUnsafe(info.size);
    let read = 0;
    while (read < info.size) {
      const n = readSync(fd, buf, read, info.size - read, read);
      if (n === 0) break;
      read += n;
    }
    const decoded = decodeText(buf.subarray(0, read));
    if (decoded === undefined) onSkip?.("binary", rel);
    return decoded?.text;
  } catch (e) {
    // A file that vanished or is unreadable is skipped with a notice; it must not end the scan.
    onNotice?.(`Skipped '${rel}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function tooLarge(rel: string, size: number, max: number): string {
  return `Skipped '${rel}' (${(size / 1048576).toFixed(1)} MB, over the ${(max / 1048576).toFixed(0)} MB limit; raise maxFileSizeInMB in the config to scan it).`;
}

/** Fragments (one per file, whole content) under `options.start` (or of `paths`, walked before), in this thread. */
export async function* fileFragments(options: FileSourceOptions, paths?: Iterable<string>): AsyncGenerator<Fragment> {
  for (const rel of paths ?? walkFiles(options)) {
    const text = readTextFile(options.root, rel, options.maxFileSizeInBytes, options.onNotice, options.onSkip);
    if (text !== undefined) yield { path: rel, text, startLine: 1 };
  }
}

/**
 * Everything a stream gives until its end (standard input, a FIFO, `/dev/stdin`), decoded; at
 * most `maxBytes`. Undefined when it looks binary.
 */
export async function readStream(
  stream: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
  name: string,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buf.length;
    if (size > maxBytes) {
      throw new RangeError(
        `${name} is over the ${(maxBytes / 1048576).toFixed(0)} MB limit; raise maxFileSizeInMB in the config or scan the file by its path.`,
      );
    }
    chunks.push(buf);
  }
  return decodeText(Buffer.concat(chunks))?.text;
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
