/**
 * The staged source: the lines `git commit` would add right now (the index against HEAD, or
 * against the empty tree before the first commit), as fragments. This is what a pre-commit
 * hook scans: not the work tree (unstaged edits are not committed) and not history.
 *
 * git diffs a file it thinks binary as one "Binary files … differ" line. A UTF-16 file (a Windows
 * script) is such a file, so those are read from the index, decoded, and scanned whole when they
 * are text; the rest are reported through `onSkip`, so nothing is skipped silently.
 */
import { spawn } from "node:child_process";
import { DiffParser } from "../../core/diff/parse.js";
import type { Fragment } from "../../core/types.js";
import { decodeText } from "../../core/util/decode.js";
import { gitLines } from "./process.js";
import { checkRepository } from "./revisions.js";

/** Options for {@link stagedFragments}. */
export interface StagedOptions {
  /** A directory inside the repository. */
  readonly cwd: string;
  readonly gitPath?: string;
  readonly abortSignal?: AbortSignal;
  /** Called for each staged file git shows as binary and that is not text in UTF-16 either. */
  readonly onSkip?: (kind: "binary", path: string) => void;
}

/** `git diff --cached`, pinned against configuration that would change its output (as `range.ts`'s `git log`). */
const DIFF_ARGS: readonly string[] = [
  "-c",
  "core.quotePath=false",
  "diff",
  "--cached",
  "--patch",
  "--unified=0",
  "--inter-hunk-context=0",
  "--find-renames",
  "--no-color",
  "--no-textconv",
  "--no-ext-diff",
  "--no-relative",
  "--src-prefix=a/",
  "--dst-prefix=b/",
  "--submodule=short",
];

/** `Binary files a/x and b/y differ` (either side may be /dev/null); unquoted names only. */
const BINARY = /^Binary files (?:a\/.*|\/dev\/null) and b\/(.*) differ$/;

export async function* stagedFragments(options: StagedOptions): AsyncGenerator<Fragment> {
  await checkRepository(options);
  const parser = new DiffParser();
  const binary: string[] = [];
  for await (const line of gitLines(DIFF_ARGS, options)) {
    const match = BINARY.exec(line);
    if (match?.[1] !== undefined) binary.push(match[1]);
    yield* parser.push(line);
  }
  yield* parser.end();
  if (binary.length === 0) return;
  const blobs = await readIndexBlobs(binary, options);
  for (const [i, path] of binary.entries()) {
    const bytes = blobs[i];
    const decoded = bytes === undefined ? undefined : decodeText(bytes);
    if (decoded === undefined || decoded.encoding === "utf-8") options.onSkip?.("binary", path);
    else yield { path, text: decoded.text, startLine: 1 };
  }
}

/**
 * The staged content of `paths` as bytes, by one `git cat-file --batch` (names on stdin, never as
 * arguments; no filters run). Undefined for a name git cannot find.
 */
function readIndexBlobs(paths: readonly string[], options: StagedOptions): Promise<Array<Uint8Array | undefined>> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.gitPath ?? "git", ["cat-file", "--batch"], {
      cwd: options.cwd,
      env: { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" },
      stdio: ["pipe", "pipe", "ignore"],
      signal: options.abortSignal,
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.once("error", reject);
    child.stdin.on("error", () => {});
    child.stdin.end(paths.map((p) => (/[\n\r]/.test(p) ? ":\n" : `:${p}\n`)).join(""));
    child.once("close", () => resolve(parseBatch(Buffer.concat(chunks), paths.length)));
  });
}

/** `<oid> <type> <size>\n<content>\n` or `<name> missing\n`, `count` times. */
function parseBatch(out: Buffer, count: number): Array<Uint8Array | undefined> {
  const blobs: Array<Uint8Array | undefined> = [];
  let at = 0;
  for (let i = 0; i < count && at < out.length; i++) {
    const eol = out.indexOf(10, at);
    if (eol < 0) break;
    const header = out.subarray(at, eol).toString("latin1").split(" ");
    at = eol + 1;
    const size = Number(header[2]);
    if (header[1] !== "blob" || !Number.isInteger(size)) {
      blobs.push(undefined);
      continue;
    }
    blobs.push(out.subarray(at, at + size));
    at += size + 1;
  }
  return blobs;
}
