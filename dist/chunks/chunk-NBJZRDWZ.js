import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/core/diff/parse.ts
var OVERLAP_CHARS = 16384;
var DEFAULT_MAX_FRAGMENT_CHARS = 1048576;
var NONE = Object.freeze([]);
var HUNK_HEADER = /^(@@+) (.*?) \1(?:[ \r]|$)/;
var RANGE = /^([-+])(\d+)(?:,(\d+))?$/;
var DiffParser = class {
  #maxChars;
  #overlapChars;
  #dstPrefix;
  #context;
  #commit;
  /** New-file path of the current file; undefined while unknown or for deleted files. */
  #path;
  #hunk;
  /** Line number, in the new file, of the next result line. */
  #newLine = 0;
  #run = [];
  /** Per line of `#run`: added (true) or context (false). */
  #runAdded = [];
  #runStart = 0;
  #runChars = 0;
  /** From the current file's `index` line. */
  #ids = { old: void 0, new: void 0 };
  #submodule = false;
  #skipped = [];
  constructor(options = {}) {
    this.#maxChars = options.maxFragmentChars ?? DEFAULT_MAX_FRAGMENT_CHARS;
    this.#dstPrefix = options.dstPrefix ?? "b/";
    this.#context = options.context ?? false;
    this.#overlapChars = Math.min(OVERLAP_CHARS, Math.floor(this.#maxChars / 2));
    if (!(this.#maxChars > 0)) throw new RangeError(`maxFragmentChars ${this.#maxChars} must be a positive number.`);
  }
  /** Start a commit: fragments from the lines that follow carry `commit`. */
  startCommit(commit) {
    const out = this.#endFile();
    this.#commit = commit;
    return out;
  }
  /** Start a file by hand, for hunks that come without `diff`/`+++` headers (e.g. GitHub's `patch`). */
  startFile(path) {
    const out = this.#endFile();
    this.#path = path;
    return out;
  }
  /** Feed one line of diff text. */
  push(line) {
    if (this.#hunk === void 0) return this.#header(line);
    const out = this.#hunkLine(this.#hunk, line);
    if (out !== void 0) return out;
    this.#hunk = void 0;
    const flushed = this.#flush();
    const rest = this.#header(line);
    return flushed.length === 0 ? rest : [...flushed, ...rest];
  }
  /**
   * The binary files and submodules seen since the last call (a `Binary files … differ` line
   * completes one; a submodule, its `Subproject commit` hunk).
   */
  takeSkipped() {
    const out = this.#skipped;
    this.#skipped = [];
    return out;
  }
  /** Flush what is pending at the end of the input. */
  end() {
    return this.#endFile();
  }
  #header(line) {
    if (line.startsWith("diff ")) {
      const out = this.startFile(void 0);
      this.#ids = { old: void 0, new: void 0 };
      this.#submodule = false;
      return out;
    }
    if (line.startsWith("index ")) {
      const m = /^index ([0-9a-f]+)(?:,[0-9a-f]+)*\.\.([0-9a-f]+)(?: (\d+))?/.exec(line);
      const zero = (id) => id === void 0 || /^0+$/.test(id) ? void 0 : id;
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
      if (path !== void 0) this.#skip("binary", path);
      return NONE;
    }
    if (line.startsWith("@@")) return this.#startHunk(line);
    if (line.startsWith("+++ ")) {
      const out = this.#flush();
      this.#path = parseHeaderPath(line.slice(4), this.#dstPrefix);
      if (this.#submodule && this.#path !== void 0) this.#skip("submodule", this.#path);
      return out;
    }
    return NONE;
  }
  #skip(kind, path) {
    this.#skipped.push({ kind, path, commit: this.#commit, oldId: this.#ids.old, newId: this.#ids.new });
  }
  #endFile() {
    const out = this.#flush();
    this.#hunk = void 0;
    this.#path = void 0;
    return out;
  }
  #startHunk(line) {
    const out = this.#flush();
    this.#hunk = void 0;
    const header = HUNK_HEADER.exec(line);
    if (header === null) return out;
    const columns = (header[1] ?? "").length - 1;
    const ranges = (header[2] ?? "").split(" ").map((r) => RANGE.exec(r));
    if (ranges.length !== columns + 1 || ranges.some((r) => r === null)) return out;
    const count = (m) => m?.[3] === void 0 ? 1 : Number(m[3]);
    const last = ranges[columns] ?? null;
    if (last?.[1] !== "+" || ranges.slice(0, columns).some((r) => r?.[1] !== "-")) return out;
    this.#hunk = { columns, oldLeft: ranges.slice(0, columns).map(count), newLeft: count(last) };
    this.#newLine = Number(last[2]);
    if (this.#hunkDone(this.#hunk)) this.#hunk = void 0;
    return out;
  }
  /** Returns undefined when `line` is not a line of the current hunk. */
  #hunkLine(hunk, line) {
    if (line.startsWith("\\")) return NONE;
    const marks = line === "" && hunk.columns === 1 ? " " : line.slice(0, hunk.columns);
    if (marks.length < hunk.columns || !/^[-+ ]*$/.test(marks)) return void 0;
    let out = NONE;
    if (marks.includes("-")) {
      for (let p = 0; p < hunk.columns; p++) if (marks[p] === "-") hunk.oldLeft[p] = (hunk.oldLeft[p] ?? 0) - 1;
    } else {
      for (let p = 0; p < hunk.columns; p++) if (marks[p] === " ") hunk.oldLeft[p] = (hunk.oldLeft[p] ?? 0) - 1;
      hunk.newLeft--;
      if (!marks.includes(" ")) out = this.#add(stripCr(line.slice(hunk.columns)), true);
      else if (this.#context) out = this.#add(stripCr(line.slice(hunk.columns)), false);
      else out = this.#flush();
      this.#newLine++;
    }
    if (this.#hunkDone(hunk)) {
      this.#hunk = void 0;
      const rest = this.#flush();
      out = out.length === 0 ? rest : [...out, ...rest];
    }
    return out;
  }
  #hunkDone(hunk) {
    return hunk.newLeft <= 0 && hunk.oldLeft.every((n) => n <= 0);
  }
  #add(text, added) {
    if (this.#path === void 0 || this.#submodule) return NONE;
    if (this.#run.length === 0) this.#runStart = this.#newLine;
    this.#run.push(text);
    this.#runAdded.push(added);
    this.#runChars += text.length + 1;
    if (this.#runChars <= this.#maxChars) return NONE;
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
  #flush() {
    if (this.#run.length === 0) return NONE;
    const lines = this.#run;
    const flags = this.#runAdded;
    const startLine = this.#runStart;
    this.#run = [];
    this.#runAdded = [];
    this.#runChars = 0;
    if (this.#path === void 0 || !lines.some((l, i) => flags[i] && l.trim() !== "")) return NONE;
    const text = lines.join("\n");
    const added = flags.every((f) => f) ? void 0 : addedRanges(flags, startLine);
    const fragment = {
      path: this.#path,
      text,
      startLine,
      ...added === void 0 ? {} : { added },
      ...this.#commit === void 0 ? {} : { commit: this.#commit }
    };
    return [fragment];
  }
};
function addedRanges(flags, startLine) {
  const out = [];
  for (let i = 0; i < flags.length; i++) {
    if (!flags[i]) continue;
    let j = i;
    while (flags[j + 1]) j++;
    out.push([startLine + i, startLine + j]);
    i = j;
  }
  return out;
}
function parsePatch(patch, path, commit, options = {}) {
  const parser = new DiffParser(options);
  const out = [...parser.startCommit(commit), ...parser.startFile(path)];
  for (const line of patch.split("\n")) out.push(...parser.push(line));
  out.push(...parser.end());
  return out;
}
function binaryPath(line, dstPrefix) {
  const body = line.slice("Binary files ".length, -" differ".length);
  if (body.endsWith(" and /dev/null")) return void 0;
  const at = Math.max(body.lastIndexOf(` and ${dstPrefix}`), body.lastIndexOf(` and "${dstPrefix}`));
  return at < 0 ? void 0 : parseHeaderPath(body.slice(at + 5), dstPrefix);
}
function stripCr(text) {
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}
function parseHeaderPath(value, dstPrefix = "b/") {
  let name;
  if (value.startsWith('"')) name = unquoteCString(value);
  else {
    const tab = value.indexOf("	");
    name = stripCr(tab >= 0 ? value.slice(0, tab) : value);
  }
  if (name === "/dev/null") return void 0;
  return name.startsWith(dstPrefix) ? name.slice(dstPrefix.length) : name;
}
var ESCAPES = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '"': 34, "\\": 92 };
function unquoteCString(quoted) {
  const bytes = [];
  const encoder = new TextEncoder();
  for (let i = quoted.startsWith('"') ? 1 : 0; i < quoted.length; i++) {
    const ch = quoted[i] ?? "";
    if (ch === '"') break;
    if (ch !== "\\") {
      const cp = quoted.codePointAt(i) ?? 0;
      if (cp < 128) bytes.push(cp);
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
      bytes.push(Number.parseInt(octal[0], 8) & 255);
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

export {
  DiffParser,
  parsePatch
};
