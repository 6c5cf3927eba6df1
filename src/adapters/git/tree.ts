/**
 * The files of one commit's tree, read from git's object store rather than the work tree: what
 * the commit holds, not what a build step left in the workspace. One `git ls-tree` lists the
 * blobs, one `git cat-file --batch` streams their contents (a few processes, whatever the size).
 */
import { spawn } from "node:child_process";
import type { Fragment } from "../../core/types.js";
import { decodeText } from "../../core/util/decode.js";
import { gitMessage, runGit } from "./process.js";

/** Options for {@link treeFragments}. */
export interface TreeOptions {
  /** Inside the repository. */
  readonly cwd: string;
  /** The commit whose tree is read, e.g. `HEAD`. */
  readonly revision: string;
  /** Larger blobs are skipped with a notice. */
  readonly maxFileSizeInBytes: number;
  /** Paths never read (the config's allowlisted paths). */
  readonly isPathIgnored?: (path: string) => boolean;
  /** A skipped file worth mentioning. */
  readonly onNotice?: (notice: string) => void;
  readonly gitPath?: string;
}

interface Blob {
  readonly sha: string;
  readonly path: string;
}

/** The commit `revision` names (full sha), or undefined when there is none (an empty repository). */
export async function resolveCommit(cwd: string, revision: string, gitPath?: string): Promise<string | undefined> {
  const r = await runGit(["rev-parse", "--verify", "--quiet", "--end-of-options", `${revision}^{commit}`], {
    cwd,
    gitPath,
  });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

/** One fragment per text file of the tree (whole content, line 1), in path order. */
export async function* treeFragments(options: TreeOptions): AsyncGenerator<Fragment> {
  const { cwd, gitPath } = options;
  const listing = await runGit(["ls-tree", "-r", "-z", "--full-tree", "-l", "--end-of-options", options.revision], {
    cwd,
    gitPath,
  });
  if (listing.exitCode !== 0) {
    throw new Error(`Cannot list the files of ${options.revision}: ${gitMessage(listing.stderr)}`);
  }
  const blobs: Blob[] = [];
  for (const entry of listing.stdout.split("\0")) {
    // "<mode> <type> <sha> <size>\t<path>"; symbolic links (120000) and submodules (commit) are not files.
    const tab = entry.indexOf("\t");
    if (tab < 0) continue;
    const [mode, type, sha, size] = entry.slice(0, tab).split(/ +/);
    const path = entry.slice(tab + 1);
    if (type !== "blob" || mode === "120000" || sha === undefined) continue;
    if (options.isPathIgnored?.(path)) continue;
    if (Number(size) > options.maxFileSizeInBytes) {
      options.onNotice?.(
        `Skipped '${path}' (${(Number(size) / 1048576).toFixed(1)} MB, over the ${(options.maxFileSizeInBytes / 1048576).toFixed(0)} MB limit; raise maxFileSizeInMB in the config to scan it).`,
      );
      continue;
    }
    blobs.push({ sha, path });
  }
  if (blobs.length === 0) return;
  yield* readBlobs(blobs, cwd, gitPath, options.onNotice);
}

/** Stream the blobs' contents through one `git cat-file --batch`. */
async function* readBlobs(
  blobs: readonly Blob[],
  cwd: string,
  gitPath = "git",
  onNotice?: (notice: string) => void,
): AsyncGenerator<Fragment> {
  const child = spawn(gitPath, ["cat-file", "--batch"], {
    cwd,
    env: { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" },
    stdio: ["pipe", "pipe", "pipe"],
    windowsHide: true,
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (c: string) => {
    stderr = (stderr + c).slice(-4096);
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve(code ?? 1));
  });
  exited.catch(() => {});
  child.stdin.on("error", () => {});
  child.stdin.end(blobs.map((b) => `${b.sha}\n`).join(""));

  // Chunks are joined only once the next whole record has arrived: a large blob is copied once.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let needed = 1;
  let next = 0;
  let done = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < needed) continue;
      let buffered = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingBytes);
      for (;;) {
        const nl = buffered.indexOf(0x0a);
        if (nl < 0) {
          needed = buffered.length + 1;
          break;
        }
        // "<sha> blob <size>\n<content>\n"
        const size = Number(buffered.subarray(0, nl).toString("latin1").split(" ")[2]);
        if (!Number.isInteger(size)) throw new Error(`git cat-file: unexpected header for ${blobs[next]?.path}`);
        const end = nl + 1 + size + 1;
        if (buffered.length < end) {
          needed = end;
          break;
        }
        const content = buffered.subarray(nl + 1, nl + 1 + size);
        buffered = buffered.subarray(end);
        needed = 1;
        const blob = blobs[next++];
        // UTF-16 (with a BOM) is decoded; other binary blobs are named, not silently passed over.
        const decoded = blob === undefined ? undefined : decodeText(content);
        if (blob !== undefined && decoded) yield { path: blob.path, text: decoded.text, startLine: 1 };
        else if (blob !== undefined) onNotice?.(`Skipped '${blob.path}' (binary; not scanned).`);
      }
      pending = buffered.length > 0 ? [buffered] : [];
      pendingBytes = buffered.length;
    }
    const code = await exited;
    done = true;
    if (code !== 0 || next !== blobs.length) {
      throw new Error(`'git cat-file' failed (exit ${code}): ${gitMessage(stderr)}`);
    }
  } finally {
    if (!done && child.exitCode === null) child.kill();
  }
}
