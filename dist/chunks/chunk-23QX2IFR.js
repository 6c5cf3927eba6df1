import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  resolveScanTarget
} from "./chunk-RL6JF4VU.js";
import {
  checkRepository,
  gitLines,
  gitRangeFragments,
  listRefs,
  render,
  resolveGitRange,
  runGit
} from "./chunk-3AR7HCUI.js";
import {
  VERSION
} from "./chunk-JO2HMOSA.js";
import {
  loadConfig
} from "./chunk-EHTSLXLF.js";
import {
  DiffParser
} from "./chunk-NBJZRDWZ.js";
import {
  fileFragments,
  readStream,
  walkFiles
} from "./chunk-ONEERH7X.js";
import {
  decodeText
} from "./chunk-6SOW3BQE.js";
import {
  scanFragmentsInParallel
} from "./chunk-F6CROFDB.js";
import {
  createEngine,
  scanAll
} from "./chunk-MZHTHGEL.js";

// src/entrypoints/cli/scan.ts
import { createReadStream } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

// src/adapters/fs/parallel.ts
import { Worker } from "node:worker_threads";
async function scanFilesInParallel(options) {
  const root = options.root;
  const paths = (options.paths ?? walkFiles(options))[Symbol.iterator]();
  const batchSize = options.batchSize ?? 32;
  const nextBatch = () => {
    const batch = [];
    while (batch.length < batchSize) {
      const r = paths.next();
      if (r.done) break;
      batch.push(r.value);
    }
    return batch.length ? { root, paths: batch } : null;
  };
  const data = {
    kind: "leakstop-scan-worker",
    config: options.config,
    ignoredFingerprints: [...options.ignoredFingerprints],
    maxFileSizeInBytes: options.maxFileSizeInBytes
  };
  const findings = [];
  let files = 0;
  let bytes = 0;
  const runOne = () => new Promise((resolve, reject) => {
    const worker = new Worker(options.workerScript, { workerData: data, argv: [] });
    let done = false;
    const send = () => {
      const next = nextBatch();
      if (next === null) done = true;
      worker.postMessage(next);
    };
    const fail = (e) => {
      void worker.terminate();
      reject(e);
    };
    worker.on("message", (result) => {
      for (const f of result.findings) findings.push(f);
      for (const n of result.notices) options.onNotice?.(n);
      for (const [kind, path] of result.skipped) options.onSkip?.(kind, path);
      files += result.files;
      bytes += result.bytes;
      options.onProgress?.(files, bytes);
      if (done) return;
      try {
        send();
      } catch (e) {
        fail(e);
      }
    });
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (done && code === 0) resolve();
      else reject(new Error(`A scan worker stopped unexpectedly (exit code ${code}).`));
    });
    try {
      send();
      if (!done) send();
    } catch (e) {
      fail(e);
    }
  });
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, runOne));
  return findings;
}

// src/adapters/fs/skipped.ts
var SHOWN = 5;
var WHY = {
  binary: (n) => `Skipped ${n} binary file${n === 1 ? "" : "s"} (a NUL byte, no UTF-16 byte-order mark)`,
  symlink: (n) => `Skipped ${n} symbolic link${n === 1 ? "" : "s"} (links inside a scanned folder are not followed)`,
  special: (n) => `Skipped ${n} special file${n === 1 ? "" : "s"} (FIFO, socket or device)`
};
var SkippedFiles = class {
  #paths = /* @__PURE__ */ new Map();
  add = (kind, path) => {
    const list = this.#paths.get(kind);
    if (list) list.push(path);
    else this.#paths.set(kind, [path]);
  };
  /** One line per reason, in a fixed order, each naming up to five paths (sorted). */
  notices() {
    const out = [];
    for (const kind of ["binary", "symlink", "special"]) {
      const paths = [...this.#paths.get(kind) ?? []].sort();
      if (paths.length === 0) continue;
      const shown = paths.slice(0, SHOWN).map((p) => `'${p}'`);
      const more = paths.length > SHOWN ? ` and ${paths.length - SHOWN} more` : "";
      out.push(`${WHY[kind](paths.length)}: ${shown.join(", ")}${more}.`);
    }
    return out;
  }
};

// src/adapters/git/staged.ts
import { spawn } from "node:child_process";
var DIFF_ARGS = [
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
  "--submodule=short"
];
var BINARY = /^Binary files (?:a\/.*|\/dev\/null) and b\/(.*) differ$/;
async function* stagedFragments(options) {
  await checkRepository(options);
  const parser = new DiffParser();
  const binary = [];
  for await (const line of gitLines(DIFF_ARGS, options)) {
    const match = BINARY.exec(line);
    if (match?.[1] !== void 0) binary.push(match[1]);
    yield* parser.push(line);
  }
  yield* parser.end();
  if (binary.length === 0) return;
  const blobs = await readIndexBlobs(binary, options);
  for (const [i, path] of binary.entries()) {
    const bytes = blobs[i];
    const decoded = bytes === void 0 ? void 0 : decodeText(bytes);
    if (decoded === void 0 || decoded.encoding === "utf-8") options.onSkip?.("binary", path);
    else yield { path, text: decoded.text, startLine: 1 };
  }
}
function readIndexBlobs(paths, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(options.gitPath ?? "git", ["cat-file", "--batch"], {
      cwd: options.cwd,
      env: { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" },
      stdio: ["pipe", "pipe", "ignore"],
      signal: options.abortSignal
    });
    const chunks = [];
    child.stdout.on("data", (c) => chunks.push(c));
    child.once("error", reject);
    child.stdin.on("error", () => {
    });
    child.stdin.end(paths.map((p) => /[\n\r]/.test(p) ? ":\n" : `:${p}
`).join(""));
    child.once("close", () => resolve(parseBatch(Buffer.concat(chunks), paths.length)));
  });
}
function parseBatch(out, count) {
  const blobs = [];
  let at = 0;
  for (let i = 0; i < count && at < out.length; i++) {
    const eol = out.indexOf(10, at);
    if (eol < 0) break;
    const header = out.subarray(at, eol).toString("latin1").split(" ");
    at = eol + 1;
    const size = Number(header[2]);
    if (header[1] !== "blob" || !Number.isInteger(size)) {
      blobs.push(void 0);
      continue;
    }
    blobs.push(out.subarray(at, at + size));
    at += size + 1;
  }
  return blobs;
}

// src/core/report/progress.ts
function progressText(p) {
  const mb = `${(p.bytes / 1048576).toFixed(1)} MB`;
  if (p.total === void 0 || p.total <= 0) return `scanning: ${p.done} ${p.unit}, ${mb}`;
  const percent = Math.min(100, Math.floor(p.done / p.total * 100));
  return `scanning: ${p.done}/${p.total} ${p.unit} (${percent}%), ${mb}`;
}

// src/entrypoints/cli/scan.ts
var PROGRESS_EVERY_MS = 200;
var STDIN_PATHS = /* @__PURE__ */ new Set(["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);
async function runScan(settings, io, workerScript) {
  if (settings.output !== void 0) await checkOutput(settings.output);
  const { findings, notices, engine } = await collectFindings(settings, io, workerScript);
  const inReport = settings.format !== "text";
  if (!inReport) for (const n of notices) io.stderr(`leakstop: note: ${n}
`);
  const report = render(settings.format, findings, {
    toolVersion: VERSION,
    rules: engine.rules,
    notices: inReport ? notices : [],
    color: settings.color
  });
  if (settings.output !== void 0) {
    await writeFile(settings.output, report).catch((e) => {
      throw new TypeError(
        `Cannot write the report to '${settings.output}' (${e.code ?? e.message}); pick another --output.`
      );
    });
    const files = new Set(findings.map((f) => f.path)).size;
    io.stderr(
      findings.length ? `leakstop: ${findings.length} finding(s) in ${files} file(s); report written to ${settings.output}
` : `leakstop: no secrets found; report written to ${settings.output}
`
    );
  } else {
    io.stdout(report);
  }
  return findings.length > 0 ? 1 : 0;
}
async function checkOutput(output) {
  const info = await stat(output).catch(() => void 0);
  if (info?.isDirectory()) {
    throw new TypeError(
      `--output '${output}' is a directory; give a file name, e.g. '${join(output, "leakstop.sarif")}'.`
    );
  }
  const folder = dirname(output);
  const parent = await stat(folder).catch(() => void 0);
  if (!parent) {
    throw new TypeError(
      `--output '${output}': folder '${folder}' does not exist; create it (mkdir -p '${folder}') or pick another path.`
    );
  }
  if (!parent.isDirectory())
    throw new TypeError(`--output '${output}': '${folder}' is not a folder; pick another path.`);
}
async function collectFindings(settings, io, workerScript) {
  const target = await resolveScanTarget(settings.path, settings.root !== void 0 ? { root: settings.root } : {});
  const gitMode = settings.git || settings.staged;
  if (gitMode && target.kind !== "directory") {
    throw new TypeError(`Path '${settings.path}' is not a directory; --git and --staged need a repository path.`);
  }
  const loaded = await loadConfig(target.root, settings.config);
  const engine = createEngine({ config: loaded.config, ignoredFingerprints: loaded.ignoredFingerprints });
  const notices = [...loaded.notices, ...engine.notices];
  const skipped = new SkippedFiles();
  const maxFileSizeInBytes = loaded.config.maxFileSizeInMB * 1024 * 1024;
  const progress = settings.progress ? progressLine(io, settings.git ? "commits" : "files") : void 0;
  let findings;
  try {
    if (target.kind === "stream") {
      findings = await scanStream(settings.path, engine, maxFileSizeInBytes, notices, io);
    } else if (gitMode) {
      const cwd = join(target.root, target.start);
      const fragments = settings.staged ? stagedFragments({ cwd, onSkip: skipped.add }) : await historyFragments(settings, cwd, progress, (n) => notices.push(n));
      const workers = settings.jobs - 1;
      findings = !settings.staged && workerScript && workers >= 1 ? await scanFragmentsInParallel(tap(fragments, progress?.fragment), {
        config: loaded.config,
        ignoredFingerprints: loaded.ignoredFingerprints,
        workerScript,
        workers
      }) : await scanAll(engine, fragments, progress?.fragment);
    } else {
      const fileOptions = {
        root: target.root,
        start: target.start,
        isDirectory: target.kind === "directory",
        maxFileSizeInBytes,
        includeNodeModules: settings.includeNodeModules,
        isPathIgnored: engine.isPathIgnored,
        onNotice: (n) => notices.push(n),
        onSkip: skipped.add
      };
      const paths = progress ? [...walkFiles(fileOptions)] : void 0;
      if (paths) progress?.total(paths.length);
      if (target.kind === "directory" && workerScript && settings.jobs > 1) {
        findings = await scanFilesInParallel({
          ...fileOptions,
          config: loaded.config,
          ignoredFingerprints: loaded.ignoredFingerprints,
          workerScript,
          jobs: settings.jobs,
          ...paths ? { paths } : {},
          ...progress ? { onProgress: progress.set } : {}
        });
      } else {
        const counted = paths && progress ? counting(paths, progress.file) : paths;
        findings = await scanAll(engine, fileFragments(fileOptions, counted), progress?.fragment);
      }
    }
  } finally {
    progress?.done();
  }
  notices.push(...skipped.notices());
  return { findings, notices, target, loaded, engine };
}
async function scanStream(path, engine, maxBytes, notices, io) {
  const isStdin = STDIN_PATHS.has(path);
  const name = isStdin ? "standard input" : `'${path}'`;
  if (isStdin && process.stdin.isTTY) io.stderr("leakstop: reading standard input; end it with Ctrl-D.\n");
  const text = await readStream(isStdin ? process.stdin : createReadStream(path), maxBytes, name);
  if (text === void 0) {
    notices.push(`Skipped ${name}: it looks binary (a NUL byte, no UTF-16 byte-order mark).`);
    return [];
  }
  return engine.scan({ path: isStdin ? "stdin" : path, text, startLine: 1 });
}
async function historyFragments(settings, cwd, progress, onNotice) {
  const exclude = settings.unpushed ? (await listRefs(["refs/remotes/"], { cwd })).map((r) => r.sha) : [];
  const options = { cwd, exclude, ...settings.range !== void 0 ? { range: settings.range } : {} };
  if (progress) {
    const revisions = await resolveGitRange(options);
    const input = [...revisions.include, ...revisions.exclude.map((sha) => `^${sha}`)].join("\n");
    const list = await runGit(["rev-list", "--stdin", "--reverse", "--topo-order"], { cwd, input: `${input}
` });
    if (list.exitCode === 0) progress.commits(list.stdout.split("\n").filter((l) => l !== ""));
  }
  return gitRangeFragments({ ...options, onNotice });
}
function progressLine(io, unit) {
  let done = 0;
  let total;
  let bytes = 0;
  let last = 0;
  let order;
  let lastCommit;
  const show = () => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    io.stderr(`\r\x1B[2K${progressText({ done, unit, bytes, ...total !== void 0 ? { total } : {} })}`);
  };
  return {
    total(n) {
      total = n;
    },
    commits(shas) {
      order = new Map(shas.map((sha, i) => [sha, i + 1]));
      total = shas.length;
    },
    fragment(fragment) {
      bytes += fragment.text.length;
      const sha = fragment.commit?.sha;
      if (unit === "commits") {
        if (sha !== void 0 && sha !== lastCommit) {
          lastCommit = sha;
          done = order?.get(sha) ?? done + 1;
        }
      } else if (total === void 0) done++;
      show();
    },
    /** One more file read (text or not). */
    file() {
      done++;
      show();
    },
    set(files, scanned) {
      done = files;
      bytes = scanned;
      show();
    },
    done() {
      if (last > 0) io.stderr("\r\x1B[2K");
    }
  };
}
function* counting(items, onEach) {
  for (const item of items) {
    onEach();
    yield item;
  }
}
async function* tap(fragments, see) {
  for await (const fragment of fragments) {
    see?.(fragment);
    yield fragment;
  }
}

export {
  runScan,
  collectFindings
};
