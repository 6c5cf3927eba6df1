/**
 * Loading the configuration and ignore file from disk, shared by every entry point.
 *
 * A scanned repository is untrusted input: its `.leakstop.yml` may be a symbolic link to a file
 * outside it, a FIFO (a read that never ends) or a device (`/dev/zero`: one that never stops), and
 * its `ignoreFile:` may name any path. So files found in the repository, and the ignore file, must
 * resolve inside the root; every file read here must be a regular file under a size limit.
 */
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import { type Config, ConfigError, defaultConfig } from "../../core/config/config.js";
import { parseIgnoreFileLines } from "../../core/findings/suppress.js";

/** Config file names looked up in the scanned root, in order. */
export const CONFIG_FILES = [".leakstop.yml", ".leakstop.yaml", ".github/leakstop.yml", ".github/leakstop.yaml"];

/** A config file larger than this is refused (real ones are a few KB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** An ignore file larger than this is refused (a baseline of 100,000 findings is about 10 MB). */
export const MAX_IGNORE_FILE_BYTES = 32 * 1024 * 1024;

export interface LoadedConfig {
  readonly config: Config;
  /** The file it came from, or undefined for the defaults. */
  readonly source: string | undefined;
  /** The ignore file's path (it may not exist yet). */
  readonly ignoreFile: string;
  readonly ignoredFingerprints: Set<string>;
  /** Things a person should know: a shadowed config file, a missing ignore file, unusable lines. */
  readonly notices: readonly string[];
}

/**
 * Read the config: `explicit` if given (it must exist; it may lie outside `root`, since whoever
 * runs leakstop named it), else the first of {@link CONFIG_FILES} under `root`; then the ignore
 * file it names (relative to `root`, and inside it).
 */
export async function loadConfig(root: string, explicit?: string): Promise<LoadedConfig> {
  let config = defaultConfig();
  let source: string | undefined;
  const notices: string[] = [];
  if (explicit !== undefined) {
    const text = await readRegularFile(explicit, `Config file '${explicit}'`, MAX_CONFIG_BYTES, {
      missing: "fix --config or remove it",
      directory: `pass a file such as '${join(explicit, ".leakstop.yml")}'`,
    });
    if (text === undefined) throw new TypeError(`Config file '${explicit}' does not exist; fix --config or remove it.`);
    const { parseConfig } = await import("../../core/config/parse.js");
    config = parseConfig(text, explicit);
    source = explicit;
  } else {
    for (const name of CONFIG_FILES) {
      const path = join(root, name);
      if (source !== undefined) {
        if (await exists(path)) {
          notices.push(`'${name}' is not used: '${relative(root, source)}' comes first; merge the two and delete one.`);
        }
        continue;
      }
      const text = await readInside(root, name, "Config file", MAX_CONFIG_BYTES);
      if (text !== undefined) {
        const { parseConfig } = await import("../../core/config/parse.js");
        config = parseConfig(text, name);
        source = path;
      }
    }
  }
  const ignoreName = config.ignoreFile;
  if (isAbsolute(ignoreName) || escapes(ignoreName)) {
    throw new ConfigError(
      `ignoreFile '${ignoreName}' is outside the repository; give a path relative to its root, e.g. '.leakstopignore'.`,
    );
  }
  const ignoreText = await readInside(root, ignoreName, "Ignore file", MAX_IGNORE_FILE_BYTES);
  if (ignoreText === undefined && ignoreName !== defaultConfig().ignoreFile) {
    notices.push(
      `ignoreFile '${ignoreName}' does not exist, so no finding is ignored by fingerprint; create it or fix the name.`,
    );
  }
  const parsed = parseIgnoreFileLines(ignoreText ?? "");
  if (parsed.invalidLines.length > 0) {
    const lines = parsed.invalidLines;
    const shown = lines.slice(0, 10).join(", ") + (lines.length > 10 ? ` and ${lines.length - 10} more` : "");
    // The line itself is not quoted: someone may have pasted a secret there.
    notices.push(
      `'${ignoreName}' line${lines.length === 1 ? "" : "s"} ${shown}: not a fingerprint (32 hexadecimal digits), so ignored; copy fingerprints from a report.`,
    );
  }
  return { config, source, ignoreFile: join(root, ignoreName), ignoredFingerprints: parsed.fingerprints, notices };
}

function escapes(rel: string): boolean {
  return rel === ".." || rel.startsWith(`..${sep}`) || rel.startsWith("../");
}

async function exists(path: string): Promise<boolean> {
  return realpath(path).then(
    () => true,
    () => false,
  );
}

/**
 * Read `rel` under `root`, refusing a path that resolves (through symbolic links) outside it.
 * Undefined when it does not exist.
 */
async function readInside(root: string, rel: string, what: string, maxBytes: number): Promise<string | undefined> {
  const path = join(root, rel);
  const real = await realpath(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT" || e.code === "ENOTDIR") return undefined;
    throw e;
  });
  if (real === undefined) return undefined;
  const realRoot = await realpath(root);
  const inside = relative(realRoot, real);
  if (inside === "" || escapes(inside) || isAbsolute(inside)) {
    throw new ConfigError(
      `${what} '${rel}' resolves to '${real}', outside the repository; replace the symbolic link with the file itself.`,
    );
  }
  return readRegularFile(path, `${what} '${rel}'`, maxBytes, { missing: "", directory: "remove or rename it" });
}

/**
 * Read a regular file of at most `maxBytes`. Opened non-blocking, so a FIFO neither hangs the
 * open nor gets read, and checked with fstat before a byte is read. Undefined when missing.
 */
async function readRegularFile(
  path: string,
  what: string,
  maxBytes: number,
  fixes: { missing: string; directory: string },
): Promise<string | undefined> {
  let handle: import("node:fs/promises").FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    if (code === "EISDIR") throw new TypeError(`${what} is a directory; ${fixes.directory}.`);
    throw new TypeError(`${what} cannot be read (${code ?? (e as Error).message}); check its permissions.`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new TypeError(`${what} is a directory; ${fixes.directory}.`);
    if (!info.isFile()) {
      throw new ConfigError(`${what} is not a regular file (a FIFO, socket or device); replace it with a file.`);
    }
    if (info.size > maxBytes) {
      throw new ConfigError(
        `${what} is ${(info.size / 1048576).toFixed(1)} MB, over the ${maxBytes / 1048576} MB limit for it; shorten it.`,
      );
    }
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
}
