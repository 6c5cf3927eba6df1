/**
 * What `leakstop scan PATH` means on disk. Inside a git work tree, paths are relative to the
 * repository's top level whatever PATH is (so `scan src` reports `src/app.js` with the same
 * fingerprint as `scan .`, and uses the root's `.leakstop.yml` and ignore file). A PATH that is
 * a symbolic link is followed; one that is a FIFO or a character device (`/dev/stdin`, a shell's
 * `<(…)`) is read to its end as a stream. `--root` overrides the root (a vendored tree, a
 * benchmark corpus inside another repository, scanned as a project of its own).
 */

import { lstatSync } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";

/** A resolved scan target. */
export interface ScanTarget {
  /** Directory that reported paths (and config, ignore file) are relative to. */
  readonly root: string;
  /** The target relative to `root`, `/`-separated ("" for the root itself). */
  readonly start: string;
  readonly kind: "directory" | "file" | "stream";
  /** `root` is a git work tree's top level. */
  readonly inRepository: boolean;
}

/** Options for {@link resolveScanTarget}. */
export interface ScanTargetOptions {
  /** The root, instead of the repository's top level (PATH must be inside it). */
  readonly root?: string;
  /** Where `-` and relative paths start. Default: the process's working directory. */
  readonly cwd?: string;
}

/** Resolve PATH (`-` is standard input) for a scan; throws a TypeError naming the path and the fix. */
export async function resolveScanTarget(path: string, options: ScanTargetOptions = {}): Promise<ScanTarget> {
  const cwd = options.cwd ?? process.cwd();
  const rootOf = async (dir: string) => (options.root === undefined ? repositoryRoot(dir) : explicitRoot(options.root));
  if (path === "-" || path === "/dev/stdin")
    return { ...(await rootOf(await realpath(cwd))), start: "", kind: "stream" };
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT" && isLink(path)) {
      throw new TypeError(`Path '${path}' is a symbolic link to something that does not exist; fix the link.`);
    }
    if (e.code === "ENOENT" || e.code === "ENOTDIR") {
      throw new TypeError(`Path '${path}' does not exist; pass a file or directory to scan.`);
    }
    throw new TypeError(`Path '${path}' cannot be read (${e.code ?? e.message}); check its permissions.`);
  });
  if (!info.isDirectory() && !info.isFile()) {
    return { ...(await rootOf(await realpath(cwd))), start: "", kind: "stream" };
  }
  const real = await realpath(path);
  const found = await rootOf(info.isDirectory() ? real : dirname(real));
  const start = relative(found.root, real).split(sep).join("/");
  if (start === ".." || start.startsWith("../") || isAbsolute(start)) {
    throw new TypeError(`Path '${path}' is not inside --root '${options.root}'; pass a PATH under the root.`);
  }
  return { ...found, start, kind: info.isDirectory() ? "directory" : "file" };
}

async function explicitRoot(root: string): Promise<{ root: string; inRepository: boolean }> {
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory())
    throw new TypeError(`--root '${root}' is not a directory; pass the folder paths are relative to.`);
  const real = await realpath(root);
  return { root: real, inRepository: isPresent(join(real, ".git")) };
}

/** The top level of the git work tree holding `dir`, or `dir` itself outside one. */
async function repositoryRoot(dir: string): Promise<{ root: string; inRepository: boolean }> {
  // Looked up on disk, not by running git: a scan of files must not depend on git being
  // installed or trusting the repository's owner.
  for (let d = dir; ; d = dirname(d)) {
    if (isPresent(join(d, ".git"))) return { root: d, inRepository: true };
    if (dirname(d) === d) return { root: dir, inRepository: false };
  }
}

function isPresent(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
