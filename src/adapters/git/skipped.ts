/**
 * What a diff shows without lines. A file git judges binary (a NUL byte: UTF-16 text has them)
 * is read from the object store and decoded; if it is text after all, its new lines are scanned,
 * else it is named as not scanned. A submodule is named as not scanned (its history is another
 * repository). Nothing is skipped silently.
 */
import type { SkippedChange } from "../../core/diff/parse.js";
import type { Fragment } from "../../core/types.js";
import { decodeText } from "../../core/util/decode.js";
import { type GitProcessOptions, gitMessage, runGitBytes } from "./process.js";

/** Larger blobs are named, not read. */
export const MAX_BLOB_BYTES = 16 * 1024 * 1024;

/** Turns skipped changes into fragments and notices, one notice per path. */
export class SkippedFiles {
  readonly #named = new Set<string>();

  constructor(
    private readonly git: GitProcessOptions,
    private readonly notice: (text: string) => void,
  ) {}

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
