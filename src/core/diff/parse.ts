/**
 * Unified diff → fragments of ADDED lines, numbered in the new file. Pure and incremental:
 * feed it one line at a time as `git log -p` streams, so memory stays bounded by the largest
 * run of added lines, not by the size of the history.
 *
 * Understands `git diff`/`git log -p` output (two-way hunks, `--cc`/combined hunks with one
 * column per parent), bare hunks (GitHub's `files[].patch`, after {@link DiffParser.startFile}),
 * C-quoted paths, CRLF content and `\ No newline at end of file`. Hunk line counts decide where
 * a hunk ends, so an added line that looks like a header (`+++ x`, `diff --git`) stays content.
 */
import type { CommitInfo, Fragment } from "../types.js";

/** Options for {@link DiffParser}. */
export interface DiffParserOptions {
  /**
   * A run of added lines longer than this (in characters) is cut at a line boundary into several
   * fragments, the next one repeating the last {@link OVERLAP_CHARS} of lines so a multi-line
   * secret across the cut is still whole in one fragment (a match inside the overlap may then be
   * reported twice). Keeps a huge added file from becoming one giant string. Default 1 MiB.
   */
  readonly maxFragmentChars?: number;
  /** Prefix of the new-file path in `+++` lines. Default `b/` (git's). */
  readonly dstPrefix?: string;
  /**
   * Keep a hunk's context lines (those of the new file it did not add) in its fragments, with
   * `Fragment.added` naming the added lines, so a secret that an added line completes (a key
   * body pasted between BEGIN/END lines that were already there) is whole in one fragment; the
   * engine reports only findings that touch an added line. Default false: added lines only.
   */
  readonly context?: boolean;
}

/** Characters of trailing lines repeated after a cut; at least the scanner's multi-line reach. */
export const OVERLAP_CHARS = 16_384;
const DEFAULT_MAX_FRAGMENT_CHARS = 1_048_576;
const NONE: readonly Fragment[] = Object.freeze([]);
const HUNK_HEADER = /^(@@+) (.*?) \1(?:[ \r]|$)/;
const RANGE = /^([-+])(\d+)(?:,(\d+))?$/;

/**
 * A file change the diff shows without lines: a file git judged binary (by content, e.g. UTF-16,
 * or by attribute), or a submodule. The source decides what to do with it (read the blob, or say
 * it was not scanned); nothing is silently skipped.
 */
export interface SkippedChange {
  readonly kind: "binary" | "submodule";
  /** New-file path. */
  readonly path: string;
  readonly commit: CommitInfo | undefined;
  /** Blob (or, for a submodule, commit) ids from the `index` line: full with `--full-index`. */
  readonly oldId: string | undefined;
  readonly newId: string | undefined;
}

interface Hunk {
  /** Number of parents (columns of +/-/space before the content); 1 for a normal diff. */
  readonly columns: number;
  /** Lines still expected from each parent. */
  readonly oldLeft: number[];
  /** Result lines still expected. */
  newLeft: number;
}

/**
 * Incremental diff parser. Call {@link push} with each line (without its `\n`), then {@link end}.
 * Every call returns the fragments completed by it.
 */
export class DiffParser {
  readonly #maxChars: number;
  readonly #overlapChars: number;
  readonly #dstPrefix: string;
  readonly #context: boolean;
  #commit: CommitInfo | undefined;
  /** New-file path of the current file; undefined while unknown or for deleted files. */
  #path: string | undefined;
  #hunk: Hunk | undefined;
  /** Line number, in the new file, of the next result line. */
  #newLine = 0;
  #run: string[] = [];
  /** Per line of `#run`: added (true) or context (false). */
  #runAdded: boolean[] = [];
  #runStart = 0;
  #runChars = 0;
  /** From the current file's `index` line. */
  #ids: { old: string | undefined; new: string | undefined } = { old: undefined, new: undefined };
  #submodule = false;
  #skipped: SkippedChange[] = [];

  constructor(options: DiffParserOptions = {}) {
    this.#maxChars = options.maxFragmentChars ?? DEFAULT_MAX_FRAGMENT_CHARS;
    this.#dstPrefix = options.dstPrefix ?? "b/";
    this.#context = options.context ?? false;
    // At most half a fragment, so that every cut moves forward by at least half a fragment.
    this.#overlapChars = Math.min(OVERLAP_CHARS, Math.floor(this.#maxChars / 2));
    if (!(this.#maxChars > 0)) throw new RangeError(`maxFragmentChars ${this.#maxChars} must be a positive number.`);
  }

  /** Start a commit: fragments from the lines that follow carry `commit`. */
  startCommit(commit: CommitInfo | undefined): readonly Fragment[] {
    const out = this.#endFile();
    this.#commit = commit;
    return out;
  }

  /** Start a file by hand, for hunks that come without `diff`/`+++` headers (e.g. GitHub's `patch`). */
  startFile(path: string | undefined): readonly Fragment[] {
    const out = this.#endFile();
    this.#path = path;
    return out;
  }

  /** Feed one line of diff text. */
  push(line: string): readonly Fragment[] {
    if (this.#hunk === undefined) return this.#header(line);
    const out = this.#hunkLine(this.#hunk, line);
    if (out !== undefined) return out;
    // Not a hunk line although the counts expected one: a truncated hunk. Read it as a header.
    this.#hunk = undefined;
    const flushed = this.#flush();
    const rest = this.#header(line);
    return flushed.length === 0 ? rest : [...flushed, ...rest];
  }

  /**
   * The binary files and submodules seen since the last call (a `Binary files … differ` line
   * completes one; a submodule, its `Subproject commit` hunk).
   */
  takeSkipped(): SkippedChange[] {
    const out = this.#skipped;
    this.#skipped = [];
    return out;
  }

  /** Flush what is pending at the end of the input. */
  end(): readonly Fragment[] {
    return this.#endFile();
  }

  #header(line: string): readonly Fragment[] {
    if (line.startsWith("diff ")) {
      const out = this.startFile(undefined);
      this.#ids = { old: undefined, new: undefined };
      this.#submodule = false;
      return out;
    }
    if (line.startsWith("index ")) {
      const m = /^index ([0-9a-f]+)(?:,[0-9a-f]+)*\.\.([0-9a-f]+)(?: (\d+))?/.exec(line);
      const zero = (id: string | undefined) => (id === undefined || /^0+$/.test(id) ? undefined : id);
      this.#ids = { old: zero(m?.[1]), new: zero(m?.[2]) };
      if (m?.[3] === "160000") this.#submodule = true;
      return NONE;
    }
    if (/^(new file|new|old|deleted file) mode 160000$/.test(line)) {
      this.#submodule = true;
      return NONE;
    }
    if (line.startsWith("Binary files ") && line.endsWith(" differ")) {
      const path = binaryPath(line, this.#dstPrefix);
      if (path !== undefined) this.#skip("binary", path);
      return NONE;
    }
    if (line.startsWith("@@")) return this.#startHunk(line);
    if (line.startsWith("+++ ")) {
      const out = this.#flush();
      this.#path = parseHeaderPath(line.slice(4), this.#dstPrefix);
      if (this.#submodule && this.#path !== undefined) this.#skip("submodule", this.#path);
      return out;
    }
    return NONE; // index, mode, rename, similarity, "Binary files … differ", "\ No newline…", blank lines
  }

  #skip(kind: SkippedChange["kind"], path: string): void {
    this.#skipped.push({ kind, path, commit: this.#commit, oldId: this.#ids.old, newId: this.#ids.new });
  }

  #endFile(): readonly Fragment[] {
    const out = this.#flush();
    this.#hunk = undefined;
    this.#path = undefined;
    return out;
  }

  #startHunk(line: string): readonly Fragment[] {
    const out = this.#flush();
    this.#hunk = undefined;
    const header = HUNK_HEADER.exec(line);
    if (header === null) return out;
    const columns = (header[1] ?? "").length - 1;
    const ranges = (header[2] ?? "").split(" ").map((r) => RANGE.exec(r));
    if (ranges.length !== columns + 1 || ranges.some((r) => r === null)) return out;
    const count = (m: RegExpExecArray | null) => (m?.[3] === undefined ? 1 : Number(m[3]));
    const last = ranges[columns] ?? null;
    if (last?.[1] !== "+" || ranges.slice(0, columns).some((r) => r?.[1] !== "-")) return out;
    this.#hunk = { columns, oldLeft: ranges.slice(0, columns).map(count), newLeft: count(last) };
    this.#newLine = Number(last[2]);
    // A hunk whose counts are all 0 has no lines to read.
    if (this.#hunkDone(this.#hunk)) this.#hunk = undefined;
    return out;
  }

  /** Returns undefined when `line` is not a line of the current hunk. */
  #hunkLine(hunk: Hunk, line: string): readonly Fragment[] | undefined {
    if (line.startsWith("\\")) return NONE; // "\ No newline at end of file"
    // Some tools strip the single space of an empty context line.
    const marks = line === "" && hunk.columns === 1 ? " " : line.slice(0, hunk.columns);
    if (marks.length < hunk.columns || !/^[-+ ]*$/.test(marks)) return undefined;
    let out = NONE;
    if (marks.includes("-")) {
      // Gone from the parents marked `-`; not in the result, so no new-file line number.
      for (let p = 0; p < hunk.columns; p++) if (marks[p] === "-") hunk.oldLeft[p] = (hunk.oldLeft[p] ?? 0) - 1;
    } else {
      for (let p = 0; p < hunk.columns; p++) if (marks[p] === " ") hunk.oldLeft[p] = (hunk.oldLeft[p] ?? 0) - 1;
      hunk.newLeft--;
      // Only a line new against EVERY parent is added; a merge line that one parent already has
      // came from that parent's commits, which are scanned on their own.
      if (!marks.includes(" ")) out = this.#add(stripCr(line.slice(hunk.columns)), true);
      else if (this.#context) out = this.#add(stripCr(line.slice(hunk.columns)), false);
      else out = this.#flush();
      this.#newLine++;
    }
    if (this.#hunkDone(hunk)) {
      this.#hunk = undefined;
      const rest = this.#flush();
      out = out.length === 0 ? rest : [...out, ...rest];
    }
    return out;
  }

  #hunkDone(hunk: Hunk): boolean {
    return hunk.newLeft <= 0 && hunk.oldLeft.every((n) => n <= 0);
  }

  #add(text: string, added: boolean): readonly Fragment[] {
    if (this.#path === undefined || this.#submodule) return NONE;
    if (this.#run.length === 0) this.#runStart = this.#newLine;
    this.#run.push(text);
    this.#runAdded.push(added);
    this.#runChars += text.length + 1;
    if (this.#runChars <= this.#maxChars) return NONE;
    // Cut here, and start the next fragment with the tail of this one.
    const lines = this.#run;
    const flags = this.#runAdded;
    let keep = 0;
    let chars = 0;
    for (let i = lines.length - 1; i > 0; i--) {
      const n = (lines[i]?.length ?? 0) + 1;
      if (chars + n > this.#overlapChars) break;
      chars += n;
      keep++;
    }
    const out = this.#flush();
    if (keep > 0) {
      this.#run = lines.slice(lines.length - keep);
      this.#runAdded = flags.slice(flags.length - keep);
      this.#runChars = chars;
      this.#runStart = this.#newLine - keep + 1;
    }
    return out;
  }

  #flush(): readonly Fragment[] {
    if (this.#run.length === 0) return NONE;
    const lines = this.#run;
    const flags = this.#runAdded;
    const startLine = this.#runStart;
    this.#run = [];
    this.#runAdded = [];
    this.#runChars = 0;
    // A deleted file (`+++ /dev/null`) has no path and no added lines; whitespace holds no secret.
    if (this.#path === undefined || !lines.some((l, i) => flags[i] && l.trim() !== "")) return NONE;
    const text = lines.join("\n");
    const added = flags.every((f) => f) ? undefined : addedRanges(flags, startLine);
    const fragment: Fragment = {
      path: this.#path,
      text,
      startLine,
      ...(added === undefined ? {} : { added }),
      ...(this.#commit === undefined ? {} : { commit: this.#commit }),
    };
    return [fragment];
  }
}

/** Runs of `true` in `flags` as inclusive line ranges, the first flag being line `startLine`. */
function addedRanges(flags: readonly boolean[], startLine: number): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  for (let i = 0; i < flags.length; i++) {
    if (!flags[i]) continue;
    let j = i;
    while (flags[j + 1]) j++;
    out.push([startLine + i, startLine + j]);
    i = j;
  }
  return out;
}

/** Fragments of the added lines of a whole diff text (see {@link DiffParser}). */
export function parseDiff(
  diff: string,
  options: DiffParserOptions & { readonly commit?: CommitInfo } = {},
): Fragment[] {
  const parser = new DiffParser(options);
  const out: Fragment[] = [...parser.startCommit(options.commit)];
  for (const line of diff.split("\n")) out.push(...parser.push(line));
  out.push(...parser.end());
  return out;
}

/** Fragments of the added lines of bare hunks for one file, such as GitHub's `files[].patch`. */
export function parsePatch(
  patch: string,
  path: string,
  commit?: CommitInfo,
  options: DiffParserOptions = {},
): Fragment[] {
  const parser = new DiffParser(options);
  const out: Fragment[] = [...parser.startCommit(commit), ...parser.startFile(path)];
  for (const line of patch.split("\n")) out.push(...parser.push(line));
  out.push(...parser.end());
  return out;
}

/** The new path of `Binary files a/x and b/y differ`; undefined for a deleted file (`and /dev/null`). */
function binaryPath(line: string, dstPrefix: string): string | undefined {
  const body = line.slice("Binary files ".length, -" differ".length);
  if (body.endsWith(" and /dev/null")) return undefined;
  const at = Math.max(body.lastIndexOf(` and ${dstPrefix}`), body.lastIndexOf(` and "${dstPrefix}`));
  return at < 0 ? undefined : parseHeaderPath(body.slice(at + 5), dstPrefix);
}

/** A content line without the `\r` of a CRLF file: a secret never contains one, and columns stay right. */
function stripCr(text: string): string {
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

/**
 * The path of a `+++` header: `b/dir/name`, `"b/na\tme"` (C-quoted), `/dev/null` (undefined).
 * git appends a tab after a name with a space (for GNU patch); unquoted names never hold a tab.
 */
export function parseHeaderPath(value: string, dstPrefix = "b/"): string | undefined {
  let name: string;
  if (value.startsWith('"')) name = unquoteCString(value);
  else {
    const tab = value.indexOf("\t");
    name = stripCr(tab >= 0 ? value.slice(0, tab) : value);
  }
  if (name === "/dev/null") return undefined;
  return name.startsWith(dstPrefix) ? name.slice(dstPrefix.length) : name;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '"': 34, "\\": 92 };

/**
 * Decode a C-style quoted string as git writes paths (`core.quotePath`): `"a\tb\303\251"` →
 * `a<TAB>bé`. Octal escapes are bytes of UTF-8. Reads up to the closing quote; text after it is ignored.
 */
export function unquoteCString(quoted: string): string {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = quoted.startsWith('"') ? 1 : 0; i < quoted.length; i++) {
    const ch = quoted[i] ?? "";
    if (ch === '"') break;
    if (ch !== "\\") {
      const cp = quoted.codePointAt(i) ?? 0;
      if (cp < 0x80) bytes.push(cp);
      else {
        const s = String.fromCodePoint(cp);
        bytes.push(...encoder.encode(s));
        i += s.length - 1;
      }
      continue;
    }
    const next = quoted[i + 1] ?? "";
    if (next === "") break;
    const octal = /^[0-7]{3}/.exec(quoted.slice(i + 1, i + 4));
    if (octal !== null) {
      bytes.push(Number.parseInt(octal[0], 8) & 0xff);
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
