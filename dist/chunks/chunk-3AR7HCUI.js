import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  renderText,
  sortFindings
} from "./chunk-7NS3LZMV.js";
import {
  DiffParser
} from "./chunk-NBJZRDWZ.js";
import {
  decodeText
} from "./chunk-6SOW3BQE.js";

// src/adapters/git/process.ts
import { spawn } from "node:child_process";

// src/adapters/git/lines.ts
async function* splitLineBatches(chunks) {
  let pending = [];
  for await (const chunk of chunks) {
    const batch = [];
    let from = 0;
    for (let nl = chunk.indexOf("\n"); nl >= 0; nl = chunk.indexOf("\n", from)) {
      const piece = chunk.slice(from, nl);
      if (pending.length === 0) batch.push(piece);
      else {
        pending.push(piece);
        batch.push(pending.join(""));
        pending = [];
      }
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(chunk.slice(from));
    if (batch.length > 0) yield batch;
  }
  if (pending.length > 0) yield [pending.join("")];
}

// src/adapters/git/process.ts
var MAX_STDERR_CHARS = 8192;
function start(args, options) {
  options.abortSignal?.throwIfAborted();
  const gitPath = options.gitPath ?? "git";
  const child = spawn(gitPath, args, {
    cwd: options.cwd,
    // Messages in English (they are matched and quoted); never prompt; don't take optional locks
    // (no index refresh) so a scan never writes to the repository it reads.
    env: {
      ...process.env,
      LC_ALL: "C",
      LANGUAGE: "C",
      GIT_TERMINAL_PROMPT: "0",
      GIT_OPTIONAL_LOCKS: "0",
      ...options.env
    },
    stdio: [options.input === void 0 ? "ignore" : "pipe", "pipe", "pipe"],
    signal: options.abortSignal,
    windowsHide: true
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-MAX_STDERR_CHARS);
  });
  const exited = new Promise((resolve2, reject) => {
    child.once("error", (error) => {
      if (error.code === "ENOENT") {
        reject(
          new Error(`git was not found ('${gitPath}'); install git and make sure it is on PATH.`, { cause: error })
        );
      } else reject(error);
    });
    child.once("close", (code, signal) => resolve2(code ?? (signal === null ? 1 : 128)));
  });
  exited.catch(() => {
  });
  if (options.input !== void 0 && child.stdin) {
    child.stdin.on("error", () => {
    });
    child.stdin.end(options.input);
  }
  return { child, exited, stderr: () => stderr };
}
async function runGit(args, options) {
  const { child, exited, stderr } = start(args, options);
  const chunks = [];
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk) => chunks.push(chunk));
  const exitCode = await exited;
  return { stdout: chunks.join(""), stderr: stderr(), exitCode };
}
async function runGitBytes(args, options) {
  const { child, exited, stderr } = start(args, options);
  const chunks = [];
  let size = 0;
  let tooLarge = false;
  child.stdout?.on("data", (chunk) => {
    size += chunk.length;
    if (size > options.maxBytes) {
      tooLarge = true;
      child.kill();
    } else chunks.push(chunk);
  });
  const exitCode = await exited;
  return { bytes: tooLarge ? void 0 : Buffer.concat(chunks), stderr: stderr(), exitCode: tooLarge ? 0 : exitCode };
}
async function* gitLines(args, options) {
  for await (const batch of gitLineBatches(args, options)) yield* batch;
}
async function* gitLineBatches(args, options) {
  const { child, exited, stderr } = start(args, options);
  const stdout = child.stdout;
  if (!stdout) throw new Error("git was started without a stdout pipe.");
  stdout.setEncoding("utf8");
  let done = false;
  try {
    yield* splitLineBatches(stdout);
    const exitCode = await exited;
    done = true;
    if (exitCode !== 0) throw new Error(`'git ${subcommand(args)}' failed (exit ${exitCode}): ${gitMessage(stderr())}`);
  } finally {
    if (!done && child.exitCode === null && child.signalCode === null) child.kill();
  }
}
async function requireGit(minimum, options) {
  const { stdout } = await runGit(["version"], options);
  const match = /(\d+)\.(\d+)/.exec(stdout);
  if (match === null) return;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major > minimum[0] || major === minimum[0] && minor >= minimum[1]) return;
  throw new Error(`git ${match[0]} is too old; leakstop needs git ${minimum.join(".")} or later: upgrade git.`);
}
function subcommand(args) {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "-c" || arg === "-C") i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return "";
}
function gitMessage(stderr) {
  const text = stderr.split("\n").map((l) => l.replace(/^(fatal|error|warning): /, "").trim()).filter((l) => l !== "").join(" ");
  if (text === "") return "(no message)";
  return text.length > 500 ? `${text.slice(0, 499)}\u2026` : text;
}

// src/adapters/git/revisions.ts
import { stat } from "node:fs/promises";
function parseRange(range) {
  const fix = "pass 'BASE..HEAD' or a single revision";
  if (range.trim() === "") throw new RangeError(`Range '${range}' is empty; ${fix}.`);
  if (range.includes("...")) {
    throw new RangeError(`Range '${range}' uses '...', which is not supported; ${fix}.`);
  }
  const parts = range.split("..");
  if (parts.length > 2) throw new RangeError(`Range '${range}' has more than one '..'; ${fix}.`);
  for (const part of parts) checkRevision(part, `range '${range}'`);
  if (parts.length === 1) return { include: [range], exclude: [] };
  const [base = "", head = ""] = parts;
  return { include: [head === "" ? "HEAD" : head], exclude: [base === "" ? "HEAD" : base] };
}
function checkRevision(rev, source) {
  if (/[\n\r\0]/.test(rev)) {
    throw new RangeError(`Revision '${JSON.stringify(rev).slice(1, -1)}' in ${source} contains a control character.`);
  }
  if (/^(0{40}|0{64})$/.test(rev)) {
    throw new RangeError(
      `Revision '${rev}' in ${source} is the all-zero sha, which git uses for "no commit" (a new branch); resolve the base before scanning.`
    );
  }
}
async function checkRepository(options) {
  const info = await stat(options.cwd).catch(() => void 0);
  if (!info) throw new TypeError(`Path '${options.cwd}' does not exist; pass a repository path.`);
  if (!info.isDirectory()) throw new TypeError(`Path '${options.cwd}' is not a directory; pass a repository path.`);
  const result2 = await runGit(["rev-parse", "--is-shallow-repository"], options);
  if (result2.exitCode === 0) return { shallow: result2.stdout.trim() === "true" };
  if (/not a git repository/i.test(result2.stderr)) {
    throw new TypeError(`'${options.cwd}' is not a git repository; run 'git init' or pass a repository path.`);
  }
  throw new Error(`Cannot read the git repository at '${options.cwd}': ${gitMessage(result2.stderr)}`);
}
async function resolveCommits(specs, options) {
  if (specs.length === 0) return [];
  for (const spec of specs) checkRevision(spec.rev, spec.source);
  const input = specs.map((s) => `${s.rev}^{commit}
`).join("");
  const result2 = await runGit(["cat-file", "--batch-check=%(objectname)"], { ...options, input });
  if (result2.exitCode !== 0) throw new Error(`'git cat-file' failed: ${gitMessage(result2.stderr)}`);
  const lines = result2.stdout.split("\n");
  return specs.map((spec, i) => {
    const line = lines[i] ?? "";
    if (/^[0-9a-f]{40,64}$/.test(line)) return line;
    if (line.endsWith(" ambiguous")) {
      throw new RangeError(
        `Revision '${spec.rev}' in ${spec.source} is ambiguous; use a longer sha or a full ref name (refs/heads/\u2026).`
      );
    }
    const hint = options.shallow ? " (this clone is shallow: fetch more history, e.g. 'git fetch --unshallow' or actions/checkout with 'fetch-depth: 0')" : "";
    throw new RangeError(`Unknown revision '${spec.rev}' in ${spec.source}; fetch it or check the name${hint}.`);
  });
}
async function listRefs(patterns, options) {
  const format = "%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(refname)";
  const result2 = await runGit(["for-each-ref", `--format=${format}`, "--end-of-options", ...patterns], options);
  if (result2.exitCode !== 0) throw new Error(`'git for-each-ref' failed: ${gitMessage(result2.stderr)}`);
  const refs = [];
  for (const line of result2.stdout.split("\n")) {
    const [type, sha, peeledType, peeledSha, name] = line.split("\0");
    if (name === void 0 || sha === void 0) continue;
    if (type === "commit") refs.push({ name, sha });
    else if (peeledType === "commit" && peeledSha) refs.push({ name, sha: peeledSha });
  }
  return refs;
}

// src/adapters/git/range.ts
import { readFile as readFile2 } from "node:fs/promises";
import { join as join3 } from "node:path";

// src/adapters/git/sandbox.ts
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
async function openSandbox(options) {
  const args = ["rev-parse", "--git-common-dir", "--git-path", "shallow", "--show-object-format"];
  const result2 = await runGit(args, options);
  if (result2.exitCode !== 0) throw new Error(`Cannot read the git repository: ${gitMessage(result2.stderr)}`);
  const [common = "", shallow = "", format = "sha1"] = result2.stdout.split("\n").map((l) => l.trim());
  const abs = (p) => isAbsolute(p) ? p : resolve(options.cwd, p);
  const dir = await mkdtemp(join(tmpdir(), "leakstop-git-"));
  try {
    await mkdir(join(dir, "refs"));
    await writeFile(join(dir, "HEAD"), "ref: refs/heads/leakstop-none\n");
    const extensions = format === "sha1" ? "" : `[extensions]
	objectFormat = ${format}
`;
    await writeFile(
      join(dir, "config"),
      `[core]
	repositoryFormatVersion = ${extensions ? 1 : 0}
	bare = true
${extensions}`
    );
    await copyFile(abs(shallow), join(dir, "shallow")).catch((e) => {
      if (e.code !== "ENOENT") throw e;
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const env = {
    GIT_DIR: dir,
    GIT_OBJECT_DIRECTORY: join(abs(common), "objects"),
    GIT_INDEX_FILE: join(dir, "index"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_CONFIG_COUNT: "0",
    GIT_ATTR_NOSYSTEM: "1",
    GIT_NO_REPLACE_OBJECTS: "1",
    GIT_NO_LAZY_FETCH: "1",
    GIT_PAGER: "cat",
    PAGER: "cat"
  };
  return { cwd: dir, commonDir: abs(common), env, dispose: () => rm(dir, { recursive: true, force: true }) };
}

// src/adapters/git/skipped.ts
import { readFile } from "node:fs/promises";
import { join as join2 } from "node:path";
var MAX_BLOB_BYTES = 16 * 1024 * 1024;
var LFS_POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n(?:[^\n]*\n)*?oid sha256:([0-9a-f]{64})\n(?:[^\n]*\n)*?size (\d+)$/m;
function isLfsPointer(fragment) {
  return fragment.startLine === 1 && fragment.text.startsWith("version https://git-lfs.github.com/spec/v1");
}
var SkippedFiles = class {
  constructor(git, notice, commonDir) {
    this.git = git;
    this.notice = notice;
    this.commonDir = commonDir;
  }
  git;
  notice;
  commonDir;
  #named = /* @__PURE__ */ new Set();
  /**
   * For a Git LFS pointer file (a fragment from its first line), the content it points to, read
   * from the clone's LFS store when present; else a notice. Undefined for any other fragment.
   */
  async lfs(fragment) {
    if (!isLfsPointer(fragment)) return void 0;
    const pointer = LFS_POINTER.exec(fragment.text);
    if (pointer === null || this.commonDir === void 0) return void 0;
    const [oid = "", size = "0"] = [pointer[1], pointer[2]];
    const at = fragment.commit ? ` (commit ${fragment.commit.sha.slice(0, 7)})` : "";
    const name = `'${fragment.path}'${at} is a Git LFS object`;
    if (Number(size) > MAX_BLOB_BYTES) {
      this.#once(`lfs:${fragment.path}`, `${name} larger than ${MAX_BLOB_BYTES / 1024 / 1024} MiB: not scanned`);
      return [];
    }
    const file = join2(this.commonDir, "lfs", "objects", oid.slice(0, 2), oid.slice(2, 4), oid);
    const bytes = await readFile(file).catch(() => void 0);
    if (bytes === void 0) {
      this.#once(
        `lfs:${fragment.path}`,
        `${name} that is not in the clone: not scanned (fetch it with 'git lfs pull')`
      );
      return [];
    }
    const decoded = decodeText(bytes);
    if (decoded === void 0) {
      this.#once(`lfs:${fragment.path}`, `${name} with binary content: not scanned`);
      return [];
    }
    const commit = fragment.commit === void 0 ? {} : { commit: fragment.commit };
    return [{ path: fragment.path, text: splitText(decoded.text).join("\n"), startLine: 1, ...commit }];
  }
  /** The fragment of `change`'s new lines when its blob is text; else a notice. */
  async fragments(change) {
    const at = change.commit ? ` (commit ${change.commit.sha.slice(0, 7)})` : "";
    if (change.kind === "submodule") {
      this.#once(`submodule:${change.path}`, `submodule '${change.path}'${at} is not scanned: scan its repository`);
      return [];
    }
    if (change.newId === void 0) return [];
    const blob = await this.#read(change.newId);
    if (typeof blob === "string") {
      this.#once(`binary:${change.path}`, `'${change.path}'${at} is not scanned: ${blob}`);
      return [];
    }
    const decoded = decodeText(blob);
    if (decoded === void 0) {
      this.#once(`binary:${change.path}`, `'${change.path}'${at} is not scanned: a binary file`);
      return [];
    }
    const old = change.oldId === void 0 ? void 0 : await this.#read(change.oldId);
    const oldText = old === void 0 || typeof old === "string" ? void 0 : decodeText(old)?.text;
    return newLines(change, decoded.text, oldText);
  }
  async #read(id) {
    const result2 = await runGitBytes(["cat-file", "blob", id], { ...this.git, maxBytes: MAX_BLOB_BYTES });
    if (result2.exitCode !== 0) return `its content is missing (${gitMessage(result2.stderr)})`;
    if (result2.bytes === void 0) return `larger than ${MAX_BLOB_BYTES / 1024 / 1024} MiB`;
    return result2.bytes;
  }
  #once(key, text) {
    if (this.#named.has(key)) return;
    this.#named.add(key);
    this.notice(text);
  }
};
function newLines(change, text, oldText) {
  const lines = splitText(text);
  const commit = change.commit === void 0 ? {} : { commit: change.commit };
  if (oldText === void 0) return [{ path: change.path, text: lines.join("\n"), startLine: 1, ...commit }];
  const counts = /* @__PURE__ */ new Map();
  for (const line of splitText(oldText)) counts.set(line, (counts.get(line) ?? 0) + 1);
  const added = [];
  lines.forEach((line, i) => {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else if (line.trim() !== "") {
      const last = added[added.length - 1];
      if (last !== void 0 && last[1] === i) added[added.length - 1] = [last[0], i + 1];
      else added.push([i + 1, i + 1]);
    }
  });
  if (added.length === 0) return [];
  return [{ path: change.path, text: lines.join("\n"), startLine: 1, added, ...commit }];
}
function splitText(text) {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

// src/adapters/git/range.ts
var MIN_GIT = [2, 36];
var MARKER = "\0leakstop-commit\0";
var FORMAT = "%x00leakstop-commit%x00%H%x00%an%x00%ae%x00%aI";
async function resolveGitRange(options) {
  const { shallow } = await checkRepository(options);
  const specs = (revs, source) => revs.map((rev) => ({ rev, source }));
  const fromRange = options.range === void 0 ? { include: [], exclude: [] } : parseRange(options.range);
  const rangeSource = `range '${options.range}'`;
  const includeSpecs = [...specs(fromRange.include, rangeSource), ...specs(options.include ?? [], "include")];
  const byDefault = includeSpecs.length === 0;
  if (byDefault) includeSpecs.push({ rev: "HEAD", source: "the default range (HEAD)" });
  const excludeSpecs = [...specs(fromRange.exclude, rangeSource), ...specs(options.exclude ?? [], "exclude")];
  const git = { cwd: options.cwd, gitPath: options.gitPath, abortSignal: options.abortSignal, shallow };
  const include = await resolveCommits(includeSpecs, git).catch((error) => {
    if (!byDefault || !(error instanceof RangeError)) throw error;
    throw new RangeError(
      `The repository at '${options.cwd}' has no commits yet (HEAD names no commit); commit first or pass a range.`
    );
  });
  return { include, exclude: await resolveCommits(excludeSpecs, git) };
}
async function* gitRangeFragments(options) {
  const revisions = await resolveGitRange(options);
  await requireGit(MIN_GIT, options);
  const input = [...revisions.include, ...revisions.exclude.map((sha) => `^${sha}`)].map((r) => `${r}
`).join("");
  const sandbox = await openSandbox(options);
  try {
    const base = { cwd: sandbox.cwd, env: sandbox.env, gitPath: options.gitPath, abortSignal: options.abortSignal };
    const notice = options.onNotice ?? (() => {
    });
    const skipped = new SkippedFiles(base, notice, sandbox.commonDir);
    const boundary = await shallowBoundary(sandbox);
    for (const merges of [["--diff-merges=remerge"], ["--min-parents=3", "--diff-merges=dense-combined"]]) {
      const parser = new DiffParser({ maxFragmentChars: options.maxFragmentChars, context: true });
      let revs = input;
      let rest = [];
      for (; ; ) {
        let last;
        try {
          const args = [...LOG_ARGS, ...merges, ...rest.length > 0 ? ["--no-walk=unsorted"] : []];
          for await (const batch of gitLineBatches(args, { ...base, input: revs })) {
            options.abortSignal?.throwIfAborted();
            for (const line of batch) {
              if (line.startsWith(MARKER)) {
                const commit = parseMarker(line);
                last = commit.sha;
                if (boundary.has(commit.sha)) notice(shallowNotice(commit.sha));
                const out2 = parser.startCommit(commit);
                if (out2.length > 0) yield* checked(out2, options);
                continue;
              }
              const out = parser.push(line);
              for (const fragment of out) {
                const lfs = isLfsPointer(fragment) ? await skipped.lfs(fragment) : void 0;
                yield* checked(lfs ?? [fragment], options);
              }
              if (line.startsWith("Binary files ") || line.startsWith("+++ ")) {
                for (const change of parser.takeSkipped()) yield* checked(await skipped.fragments(change), options);
              }
            }
          }
          break;
        } catch (error) {
          const object = missingObject(error);
          if (object === void 0 || last === void 0) throw error;
          notice(
            `commit ${last.slice(0, 7)} is only partly scanned: object ${object.slice(0, 12)} is missing (a partial clone or a pruned object); fetch it to scan the rest`
          );
          if (rest.length === 0) rest = await commitOrder({ ...base, input }, merges);
          rest = rest.slice(rest.indexOf(last) + 1);
          if (rest.length === 0) break;
          revs = [...rest].reverse().map((sha) => `${sha}
`).join("");
        }
      }
      yield* checked(parser.end(), options);
    }
  } finally {
    await sandbox.dispose();
  }
}
function missingObject(error) {
  const message2 = error instanceof Error ? error.message : "";
  return /(?:unable to read|missing (?:blob|tree|object)|bad object) ([0-9a-f]{40,64})/.exec(message2)?.[1];
}
async function commitOrder(git, merges) {
  const filter = merges.filter((m) => m.startsWith("--min-parents"));
  const result2 = await runGit(["rev-list", "--stdin", "--reverse", "--topo-order", ...filter], git);
  if (result2.exitCode !== 0) throw new Error(`'git rev-list' failed: ${gitMessage(result2.stderr)}`);
  return result2.stdout.split("\n").filter((l) => l !== "");
}
async function shallowBoundary(sandbox) {
  const text = await readFile2(join3(sandbox.cwd, "shallow"), "utf8").catch(() => "");
  return new Set(text.split("\n").filter((l) => l !== ""));
}
function shallowNotice(sha) {
  return `history before commit ${sha.slice(0, 7)} is missing (shallow clone): it is not scanned, and that commit's whole tree was scanned as added; fetch the full history (git fetch --unshallow) to scan it`;
}
function* checked(fragments, options) {
  for (const fragment of fragments) {
    options.abortSignal?.throwIfAborted();
    yield fragment;
  }
  options.abortSignal?.throwIfAborted();
}
var LOG_ARGS = [
  // Non-ASCII names stay raw; names with control characters, quotes or backslashes are still C-quoted.
  "-c",
  "core.quotePath=false",
  "log",
  "--stdin",
  "--reverse",
  "--topo-order",
  // parents before children, whatever the commit dates say
  "--root",
  // the first commit's content too
  "--patch",
  // Three lines of context (git's default): a secret completed by added lines is whole in one
  // fragment (a key body pasted between existing BEGIN/END lines); only findings on added lines count.
  "--unified=3",
  "--find-renames",
  // a pure rename adds nothing; a rename with edits adds only the edits
  "--no-color",
  "--no-textconv",
  "--no-ext-diff",
  "--no-relative",
  "--src-prefix=a/",
  "--dst-prefix=b/",
  "--submodule=short",
  "--no-show-signature",
  "--no-notes",
  "--full-index",
  // whole blob ids on `index` lines: a binary file's blob is then read by id
  "--encoding=UTF-8",
  `--format=${FORMAT}`
];
function parseMarker(line) {
  const [, , sha = "", authorName = "", authorEmail = "", date = ""] = line.split("\0");
  return { sha, authorName, authorEmail, date };
}

// src/core/report/sarif.ts
var INFORMATION_URI = "https://github.com/leakstop/leakstop";
var SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var FINGERPRINT_KEY = "leakstop/v1";
var LINE_HASH_KEY = "primaryLocationLineHash";
var MAX_SARIF_RESULTS = 25e3;
var SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
function pathToUri(path) {
  return path.toWellFormed().split("/").map((segment) => encodeURIComponent(segment).replace(/%(?:24|26|2B|2C|3B|3D|40)/g, decodeURIComponent)).join("/");
}
function shortSha(sha) {
  return sha.slice(0, 7);
}
function message(f) {
  const where = f.commit ? ` in commit ${shortSha(f.commit.sha)}` : "";
  return `${f.title} found${where}; value redacted (fingerprint ${f.fingerprint}).`;
}
var GENERIC_HELP = [
  "Treat the value as compromised: anyone who can read the repository or its history can use it.",
  "Rotate it where it is checked (its provider), then put the new value in a secret store and read it from there.",
  "Removing the line does not remove it from history.",
  "If it is not a secret, add the finding's fingerprint to .leakstopignore with a reason, or a `leakstop:allow` comment on the line."
];
function ruleDescriptor(id, rule, fallbackTitle) {
  const title = rule?.title ?? fallbackTitle;
  const reference = rule?.reference;
  const help = [...rule?.remediation ? [rule.remediation] : [], ...GENERIC_HELP];
  const markdown = [
    `**${title}** (\`${id}\`)`,
    "",
    ...help.map((line) => `- ${line}`),
    ...reference ? ["", `Format: <${reference}>`] : []
  ].join("\n");
  return {
    id,
    name: id,
    shortDescription: { text: title },
    fullDescription: {
      text: `${title}: a credential in the code grants its access to whoever can read the repository or its history.`
    },
    help: { text: [...help, ...reference ? [`Format: ${reference}`] : []].join(" "), markdown },
    ...reference ? { helpUri: reference } : {},
    defaultConfiguration: { level: "error" },
    // `security-severity` makes GitHub rank the alert (9.0 and up: critical); a leaked live
    // credential is exploitable by anyone who can read the repository.
    properties: { tags: ["security", "secret"], precision: "high", "security-severity": "9.0" }
  };
}
function result(f, ruleIndex, occurrence) {
  const region = { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: "error",
    message: { text: message(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(f.path), uriBaseId: "%SRCROOT%" },
          region
        }
      }
    ],
    // The same secret twice in one file: one alert each (`:n`, as CodeQL numbers its line hashes).
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint, [LINE_HASH_KEY]: `${f.fingerprint}:${occurrence}` },
    ...f.commit ? { properties: { commit: f.commit.sha, author: f.commit.authorName } } : {}
  };
}
function renderSarif(findings, options) {
  const max = options.maxResults ?? MAX_SARIF_RESULTS;
  const all = sortFindings(findings);
  const sorted = all.slice(0, max);
  const known = new Map(options.rules.map((r) => [r.id, r]));
  const titles = /* @__PURE__ */ new Map();
  for (const f of sorted) if (!titles.has(f.ruleId)) titles.set(f.ruleId, f.title);
  const ruleIds = [...titles.keys()].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const notices = [...options.notices ?? []];
  if (all.length > sorted.length) {
    notices.push(
      `${all.length} findings, more than the ${max} results code scanning accepts in one run: the first ${max} in path order are in this file; see the JSON or text report for all of them.`
    );
  }
  const seen = /* @__PURE__ */ new Map();
  const occurrence = (f) => {
    const key = `${f.path}
${f.fingerprint}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n;
  };
  const log = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "leakstop",
            informationUri: INFORMATION_URI,
            version: options.toolVersion,
            ...SEMVER.test(options.toolVersion) ? { semanticVersion: options.toolVersion } : {},
            rules: ruleIds.map((id) => ruleDescriptor(id, known.get(id), titles.get(id) ?? id))
          }
        },
        automationDetails: { id: options.automationId ?? "leakstop/" },
        invocations: [
          {
            executionSuccessful: true,
            ...notices.length > 0 ? { toolExecutionNotifications: notices.map((text) => ({ level: "warning", message: { text } })) } : {}
          }
        ],
        columnKind: "utf16CodeUnits",
        results: sorted.map((f) => result(f, index.get(f.ruleId) ?? 0, occurrence(f)))
      }
    ]
  };
  return `${JSON.stringify(log, null, 2)}
`;
}

// src/core/report/json.ts
var JSON_REPORT_VERSION = 1;
function entry(f) {
  return {
    ruleId: f.ruleId,
    title: f.title,
    path: f.path,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    ...f.commit ? {
      commit: {
        sha: f.commit.sha,
        authorName: f.commit.authorName,
        authorEmail: f.commit.authorEmail,
        date: f.commit.date
      }
    } : {},
    fingerprint: f.fingerprint,
    redacted: f.redacted
  };
}
function renderJson(findings, options) {
  const report = {
    version: JSON_REPORT_VERSION,
    findings: sortFindings(findings).map(entry),
    notices: [...options.notices ?? []]
  };
  return `${JSON.stringify(report, null, 2)}
`;
}

// src/core/report/index.ts
var FORMATS = ["text", "json", "sarif"];
var RENDERERS = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif
};
function render(format, findings, options) {
  const renderer = RENDERERS[format];
  if (!renderer) {
    throw new RangeError(`Unknown report format '${String(format)}'; use one of: ${FORMATS.join(", ")}.`);
  }
  return renderer(findings, options);
}

export {
  runGit,
  gitLines,
  gitMessage,
  checkRepository,
  listRefs,
  resolveGitRange,
  gitRangeFragments,
  pathToUri,
  renderSarif,
  render
};
