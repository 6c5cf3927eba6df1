/**
 * What a diff shows without lines. A file git judges binary (a NUL byte: UTF-16 text has them)
 * is read from the object store and decoded; if it is text after all, its new lines are scanned,
 * else it is named as not scanned. A submodule is named as not scanned (its history is another
 * repository). A Git LFS pointer is replaced by the object it points to when the clone has it,
 * and named when it does not. Nothing is skipped silently.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { SkippedChange } from "../../core/diff/parse.js";
import type { Fragment } from "../../core/types.js";
import { decodeText } from "../../core/util/decode.js";
import { type GitProcessOptions, gitMessage, runGitBytes } from "./process.js";

/** Larger blobs are named, not read. */
export const MAX_BLOB_BYTES = 16 * 1024 * 1024;

const LFS_POINTER =
  /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n(?:[^\n]*\n)*?oid sha256:([0-9a-f]{64})\n(?:[^\n]*\n)*?size (\d+)$/m;

/** True for a fragment that starts a Git LFS pointer file (see {@link SkippedFiles.lfs}). */
export function isLfsPointer(fragment: Fragment): boolean {
  return fragment.startLine === 1 && fragment.text.startsWith("version https://git-lfs.github.com/spec/v1");
}

/** Turns skipped changes into fragments and notices, one notice per path. */
export class SkippedFiles {
  readonly #named = new Set<string>();

  constructor(
    private readonly git: GitProcessOptions,
    private readonly notice: (text: string) => void,
    /** The repository's common git directory, where Git LFS keeps the objects it fetched. */
    private readonly commonDir?: string,
  ) {}

  /**
   * For a Git LFS pointer file (a fragment from its first line), the content it points to, read
   * from the clone's LFS store when present; else a notice. Undefined for any other fragment.
   */
  async lfs(fragment: Fragment): Promise<Fragment[] | undefined> {
    if (!isLfsPointer(fragment)) return undefined;
    const pointer = LFS_POINTER.exec(fragment.text);
    if (pointer === null || this.commonDir === undefined) return undefined;
    const [oid = "", size = "0"] = [pointer[1], pointer[2]];
    const at = fragment.commit ? ` (commit ${fragment.commit.sha.slice(0, 7)})` : "";
    const name = `'${fragment.path}'${at} is a Git LFS object`;
    if (Number(size) > MAX_BLOB_BYTES) {
      this.#once(`lfs:${fragment.path}`, `${name} larger than ${MAX_BLOB_BYTES / 1024 / 1024} MiB: not scanned`);
      return [];
    }
    const file = join(this.commonDir, "lfs", "objects", oid.slice(0, 2), oid.slice(2, 4), oid);
    const bytes = await readFile(file).catch(() => undefined);
    if (bytes === undefined) {
      this.#once(
        `lfs:${fragment.path}`,
        `${name} that is not in the clone: not scanned (fetch it with 'git lfs pull')`,
      );
      return [];
    }
    const decoded = decodeText(bytes);
    if (decoded === undefined) {
      this.#once(`lfs:${fragment.path}`, `${name} with binary content: not scanned`);
      return [];
    }
    const commit = fragment.commit === undefined ? {} : { commit: fragment.commit };
    return [{ path: fragment.path, text: splitText(decoded.text).join("\n"), startLine: 1, ...commit }];
  }

  /** The fragment of `change`'s new lines when its blob is text; else a notice. */
  async fragments(change: SkippedChange): Promise<Fragment[]> {
    const at = change.commit ? ` (commit ${change.commit.sha.slice(0, 7)})` : "";
    if (change.kind === "submodule") {
      this.#once(`submodule:${change.path}`, `submodule '${change.path}'${at} is not scanned: scan its repository`);
      return [];
    }
    if (change.newId === undefined) return [];
    const blob = await this.#read(change.newId);
    if (typeof blob === "string") {
      this.#once(`binary:${change.path}`, `'${change.path}'${at} is not scanned: ${blob}`);
      return [];
    }
    const decoded = decodeText(blob);
    if (decoded === undefined) {
      this.#once(`binary:${change.path}`, `'${change.path}'${at} is not scanned: a binary file`);
      return [];
    }
    const old = change.oldId === undefined ? undefined : await this.#read(change.oldId);
    const oldText = old === undefined || typeof old === "string" ? undefined : decodeText(old)?.text;
    return newLines(change, decoded.text, oldText);
  }

  async #read(id: string): Promise<Buffer | string> {
    const result = await runGitBytes(["cat-file", "blob", id], { ...this.git, maxBytes: MAX_BLOB_BYTES });
    if (result.exitCode !== 0) return `its content is missing (${gitMessage(result.stderr)})`;
    if (result.bytes === undefined) return `larger than ${MAX_BLOB_BYTES / 1024 / 1024} MiB`;
    return result.bytes;
  }

  #once(key: string, text: string): void {
    if (this.#named.has(key)) return;
    this.#named.add(key);
    this.notice(text);
  }
}

/**
 * The new text as one fragment whose added lines are those the old text does not have (counted:
 * a line repeated more often than before is new too). Whole when there is no old text.
 */
function newLines(change: SkippedChange, text: string, oldText: string | undefined): Fragment[] {
  const lines = splitText(text);
  const commit = change.commit === undefined ? {} : { commit: change.commit };
  if (oldText === undefined) return [{ path: change.path, text: lines.join("\n"), startLine: 1, ...commit }];
  const counts = new Map<string, number>();
  for (const line of splitText(oldText)) counts.set(line, (counts.get(line) ?? 0) + 1);
  const added: Array<readonly [number, number]> = [];
  lines.forEach((line, i) => {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else if (line.trim() !== "") {
      const last = added[added.length - 1];
      if (last !== undefined && last[1] === i) added[added.length - 1] = [last[0], i + 1];
      else added.push([i + 1, i + 1]);
    }
  });
  if (added.length === 0) return [];
  return [{ path: change.path, text: lines.join("\n"), startLine: 1, added, ...commit }];
}

/** Lines without their CR/LF; a final newline ends the last line, it does not start another. */
function splitText(text: string): string[] {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
