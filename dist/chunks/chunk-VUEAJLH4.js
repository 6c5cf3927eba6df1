import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  DiffParser
} from "./chunk-SVLNOZWB.js";

// src/adapters/git/process.ts
import { spawn } from "node:child_process";

// src/adapters/git/lines.ts
async function* splitLines(chunks) {
  let pending = [];
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf("\n"); nl >= 0; nl = chunk.indexOf("\n", from)) {
      const piece = chunk.slice(from, nl);
      if (pending.length === 0) yield piece;
      else {
        pending.push(piece);
        const line = pending.join("");
        pending = [];
        yield line;
      }
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(chunk.slice(from));
  }
  if (pending.length > 0) yield pending.join("");
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
  const exited = new Promise((resolve, reject) => {
    child.once("error", (error) => {
      if (error.code === "ENOENT") {
        reject(
          new Error(`git was not found ('${gitPath}'); install git and make sure it is on PATH.`, { cause: error })
        );
      } else reject(error);
    });
    child.once("close", (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
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
async function* gitLines(args, options) {
  const { child, exited, stderr } = start(args, options);
  const stdout = child.stdout;
  if (!stdout) throw new Error("git was started without a stdout pipe.");
  stdout.setEncoding("utf8");
  let done = false;
  try {
    yield* splitLines(stdout);
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
  const git = { cwd: options.cwd, gitPath: options.gitPath, input, abortSignal: options.abortSignal };
  for (const merges of [["--diff-merges=remerge"], ["--min-parents=3", "--diff-merges=dense-combined"]]) {
    const parser = new DiffParser({ maxFragmentChars: options.maxFragmentChars });
    for await (const line of gitLines([...LOG_ARGS, ...merges], git)) {
      yield* checked(line.startsWith(MARKER) ? parser.startCommit(parseMarker(line)) : parser.push(line), options);
    }
    yield* checked(parser.end(), options);
  }
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
  "--unified=0",
  "--inter-hunk-context=0",
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
  "--encoding=UTF-8",
  `--format=${FORMAT}`
];
function parseMarker(line) {
  const [, , sha = "", authorName = "", authorEmail = "", date = ""] = line.split("\0");
  return { sha, authorName, authorEmail, date };
}

// src/core/report/common.ts
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function compareFindings(a, b) {
  return cmp(a.path, b.path) || a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId) || a.endLine - b.endLine || a.endColumn - b.endColumn || cmp(a.commit?.sha ?? "", b.commit?.sha ?? "") || cmp(a.fingerprint, b.fingerprint);
}
function sortFindings(findings) {
  return [...findings].sort(compareFindings);
}

// src/core/report/sarif.ts
var INFORMATION_URI = "https://github.com/leakstop/leakstop";
var SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var FINGERPRINT_KEY = "leakstop/v1";
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
function ruleDescriptor(id, rule, fallbackTitle) {
  const title = rule?.title ?? fallbackTitle;
  return {
    id,
    shortDescription: { text: title },
    ...rule?.remediation ? { help: { text: rule.remediation } } : {},
    ...rule?.reference ? { helpUri: rule.reference } : {},
    defaultConfiguration: { level: "error" },
    // `security-severity` makes GitHub rank the alert (9.0 and up: critical); a leaked live
    // credential is exploitable by anyone who can read the repository.
    properties: { tags: ["security", "secret"], precision: "high", "security-severity": "9.0" }
  };
}
function result(f, ruleIndex) {
  const region = { startLine: f.line, startColumn: f.column };
  if (f.endLine !== f.line) region.endLine = f.endLine;
  region.endColumn = f.endColumn;
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
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...f.commit ? { properties: { commit: f.commit.sha, author: f.commit.authorName } } : {}
  };
}
function renderSarif(findings, options) {
  const sorted = sortFindings(findings);
  const known = new Map(options.rules.map((r) => [r.id, r]));
  const titles = /* @__PURE__ */ new Map();
  for (const f of sorted) if (!titles.has(f.ruleId)) titles.set(f.ruleId, f.title);
  const ruleIds = [...titles.keys()].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const notices = options.notices ?? [];
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
        invocations: [
          {
            executionSuccessful: true,
            ...notices.length > 0 ? { toolExecutionNotifications: notices.map((text) => ({ level: "warning", message: { text } })) } : {}
          }
        ],
        columnKind: "utf16CodeUnits",
        results: sorted.map((f) => result(f, index.get(f.ruleId) ?? 0))
      }
    ]
  };
  return `${JSON.stringify(log, null, 2)}
`;
}

// src/core/report/text.ts
var SGR = {
  bold: "\x1B[1m",
  dim: "\x1B[2m",
  red: "\x1B[31m",
  green: "\x1B[32m",
  yellow: "\x1B[33m",
  reset: "\x1B[0m"
};
function isUnsafe(code) {
  return code < 32 || code >= 127 && code <= 159 || code === 1564 || code === 8206 || code === 8207 || code >= 8234 && code <= 8238 || code >= 8294 && code <= 8297;
}
function printable(text) {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += isUnsafe(code) ? `\\u{${code.toString(16)}}` : ch;
  }
  return out;
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function day(iso) {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}
function block(f, paint) {
  const location = `${printable(f.path)}:${f.line}:${f.column}`;
  const lines = [`${paint("bold", location)}  ${paint("red", printable(f.ruleId))}  ${printable(f.title)}`];
  if (f.redacted.length > 0) lines.push(`    ${printable(f.redacted)}`);
  let detail = `fingerprint ${f.fingerprint}`;
  if (f.commit) {
    const c = f.commit;
    detail += `  commit ${c.sha.slice(0, 7)} by ${printable(c.authorName)} <${printable(c.authorEmail)}>, ${printable(day(c.date))}`;
  }
  lines.push(`    ${paint("dim", detail)}`);
  return lines;
}
function renderText(findings, options) {
  const paint = (style, text) => options.color ? `${SGR[style]}${text}${SGR.reset}` : text;
  const sorted = sortFindings(findings);
  const out = [];
  for (const f of sorted) out.push(...block(f, paint), "");
  for (const notice of options.notices ?? []) out.push(paint("yellow", `note: ${printable(notice)}`));
  if (sorted.length === 0) {
    out.push(paint("green", "No secrets found."));
  } else {
    const files = new Set(sorted.map((f) => f.path)).size;
    out.push(paint("bold", `${plural(sorted.length, "finding")} in ${plural(files, "file")}`));
  }
  return `${out.join("\n")}
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
  gitMessage,
  gitRangeFragments,
  sortFindings,
  pathToUri,
  renderSarif,
  printable,
  render
};
