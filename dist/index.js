import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  planScan
} from "./chunks/chunk-CYVKHVSN.js";
import {
  escapeMarkdown,
  linkTarget
} from "./chunks/chunk-YGYUY6RV.js";
import {
  DEFAULT_AUDIT_NAME,
  DEFAULT_SARIF_NAME,
  INPUTS,
  OUTPUTS,
  TEST_INSECURE_CHALLENGE_ENV
} from "./chunks/chunk-6RRFK7CR.js";
import {
  needsRemoteRefs,
  pushBaseline,
  pushExclusions
} from "./chunks/chunk-NQH4J4PV.js";
import {
  LEDGER_REACH,
  chooseByLedger,
  describeLedger
} from "./chunks/chunk-MJN4A4NY.js";
import {
  gitMessage,
  gitRangeFragments,
  pathToUri,
  renderSarif,
  runGit
} from "./chunks/chunk-3AR7HCUI.js";
import {
  VERSION
} from "./chunks/chunk-JO2HMOSA.js";
import {
  CONFIG_FILES,
  loadConfig
} from "./chunks/chunk-EHTSLXLF.js";
import {
  printable,
  sortFindings
} from "./chunks/chunk-7NS3LZMV.js";
import "./chunks/chunk-NBJZRDWZ.js";
import {
  decodeText
} from "./chunks/chunk-6SOW3BQE.js";
import {
  isFragmentWorker,
  runFragmentWorker,
  scanFragmentsInParallel
} from "./chunks/chunk-F6CROFDB.js";
import {
  createEngine,
  parseIgnoreFile,
  scanAll
} from "./chunks/chunk-MZHTHGEL.js";
import "./chunks/chunk-AKAH6ETJ.js";
import "./chunks/chunk-5ZHEO3AZ.js";
import {
  ConfigError,
  defaultConfig
} from "./chunks/chunk-ZOEPK7DV.js";
import "./chunks/chunk-V43CEDMD.js";

// src/entrypoints/action/run.ts
import { mkdir as mkdir2, stat as stat2, writeFile as writeFile2 } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, relative as relative2 } from "node:path";

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input2) {
  if (input2 === null || input2 === void 0) {
    return "";
  } else if (typeof input2 === "string" || input2 instanceof String) {
    return input2;
  }
  return JSON.stringify(input2);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row2) => {
      const cells = row2.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}

// src/adapters/actions/annotations.ts
function annotationFor(f, ctx) {
  const parts = [`${printable(f.title)} (${printable(f.ruleId)})`];
  if (f.commit) {
    const url = `${ctx.serverUrl.replace(/\/+$/, "")}/${ctx.repository}/commit/${f.commit.sha}`;
    parts.push(`added in commit ${f.commit.sha.slice(0, 7)} by ${printable(f.commit.authorName)}: ${url}`);
  }
  if (f.redacted !== "") parts.push(`line: ${printable(f.redacted)}`);
  const outcome = ctx.outcomes?.get(f.fingerprint);
  if (outcome) parts.push(printable(outcome));
  parts.push(`treat the value as leaked: revoke or rotate it, then remove it (fingerprint ${f.fingerprint})`);
  const properties = {
    title: `leakstop: ${printable(f.title)}`,
    file: f.path,
    startLine: f.line
  };
  if (f.endLine === f.line) Object.assign(properties, { startColumn: f.column, endColumn: f.endColumn });
  else properties.endLine = f.endLine;
  return { message: `${parts.join("; ")}.`, properties };
}
function annotate(findings, ctx, inspect2 = (text) => text) {
  for (const f of sortFindings(findings)) {
    const { message, properties } = annotationFor(f, ctx);
    if (properties.title !== void 0) properties.title = inspect2(properties.title);
    error(inspect2(message), properties);
  }
}

// src/adapters/actions/log.ts
var ZWSP = "\u200B";
var LEADING = /^([\s\u0085]*):(?=:)/;
function neutralizeCommands(text) {
  return text.split(/(\r\n|\r|\n)/).map((part) => part.replace(LEADING, `$1:${ZWSP}`).replace(/##\[/g, `##${ZWSP}[`)).join("");
}
function info2(text) {
  info(neutralizeCommands(text));
}

// src/adapters/actions/mask.ts
var ARMOUR = /^-----(?:BEGIN|END) [A-Z0-9 ]+-----$/;
function valuesToMask(findings) {
  const out = /* @__PURE__ */ new Set();
  for (const f of findings) {
    if (f.secret.length === 0) continue;
    out.add(f.secret);
    if (!/[\r\n]/.test(f.secret)) continue;
    for (const line of f.secret.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= 4 && !ARMOUR.test(trimmed)) out.add(trimmed);
    }
  }
  return [...out];
}
function maskFindings(findings, mask = setSecret) {
  const values = valuesToMask(findings);
  for (const value of values) mask(value);
  return values.length;
}

// src/adapters/actions/outputs.ts
function setOutputs(values) {
  for (const [name, value] of Object.entries(values)) setOutput(name, value);
}

// src/adapters/actions/summary.ts
async function writeJobSummary(markdown) {
  await summary.addRaw(markdown).write();
}

// src/adapters/git/fetch.ts
import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
var DEEPEN_STEPS = [32, 256, 2048];
var GitRemote = class {
  constructor(options) {
    this.options = options;
  }
  options;
  #useAuth = false;
  #remote;
  #shallowFile;
  /** Path of the clone's `shallow` file (which lists the commits whose parents are cut off). */
  shallowFile() {
    this.#shallowFile ??= this.options.shallowFile ? Promise.resolve(this.options.shallowFile) : findClone(this.options.cwd, this.options).then((clone) => {
      if (clone === void 0) throw new TypeError(`'${this.options.cwd}' is not a git work tree.`);
      return clone.shallowFile;
    });
    return this.#shallowFile;
  }
  /** Branches and tags of the remote (`git ls-remote`), annotated tags peeled to their commit. */
  async listRefs() {
    const result = await this.#network(["ls-remote", "--heads", "--tags", await this.#remoteName()]);
    if (result.exitCode !== 0) throw await this.#error("list the branches of", result);
    const bySha = /* @__PURE__ */ new Map();
    for (const line of result.stdout.split("\n")) {
      const [sha, name] = line.split("	");
      if (!sha || !name) continue;
      if (name.endsWith("^{}")) bySha.set(name.slice(0, -3), sha);
      else if (!bySha.has(name)) bySha.set(name, sha);
    }
    return [...bySha].map(([name, sha]) => ({ name, sha }));
  }
  /** Fetch commits by sha; `depth` for a shallow clone, `deepen`/`unshallow` to extend its history. */
  async fetch(shas, how) {
    const args = ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--recurse-submodules=no", "--stdin"];
    if (how.depth !== void 0) args.push(`--depth=${how.depth}`);
    if (how.deepen !== void 0) args.push(`--deepen=${how.deepen}`);
    if (how.unshallow) args.push("--unshallow");
    args.push(await this.#remoteName());
    const what = how.unshallow ? " --unshallow" : how.deepen ? ` --deepen=${how.deepen}` : "";
    this.options.log?.(`git fetch${what} (${shas.length} commit(s))`);
    return this.#network(args, shas.map((s) => `${s}
`).join(""));
  }
  /** An Error for a failed network command, naming the fix; never carries a credential. */
  async #error(what, result) {
    const hint = this.options.auth ? "check that the 'github-token' input can read the repository (permissions: contents: read)" : "run actions/checkout before leakstop (it stores the credentials git needs)";
    return new Error(
      `Could not ${what} remote '${scrub(await this.#remoteName())}': ${scrub(gitMessage(result.stderr))}; ${hint}.`
    );
  }
  /** Thrown by {@link prepareHistory} when the head itself cannot be fetched. */
  headError(sha, result) {
    return this.#error(`fetch commit ${sha.slice(0, 12)} from`, result);
  }
  #remoteName() {
    this.#remote ??= this.options.remote !== void 0 ? Promise.resolve(this.options.remote) : remoteFor(this.options.cwd, this.options.fallbackUrl ?? "origin", this.options);
    return this.#remote;
  }
  async #network(args, input2) {
    const first = await networkGit(args, this.options, input2, this.#useAuth);
    if (first.exitCode === 0 || this.#useAuth || !this.options.auth) return first;
    const second = await networkGit(args, this.options, input2, true);
    if (second.exitCode === 0) this.#useAuth = true;
    return second.exitCode === 0 ? second : first;
  }
};
async function prepareHistory(remote, request) {
  const shallowFile = await remote.shallowFile();
  const shallow = (await shallowCommits(shallowFile)).size > 0;
  let local2 = await peel([request.head, ...request.exclude], remote.options);
  const missingHead = !local2.has(request.head);
  if (missingHead) {
    const result = await remote.fetch([request.head], shallow ? { depth: 1 } : {});
    if (result.exitCode !== 0) throw await remote.headError(request.head, result);
  }
  const missing = request.exclude.filter((sha) => !local2.has(sha));
  const steps = [...DEEPEN_STEPS, void 0];
  if (missing.length > 0) {
    const batch = await remote.fetch(missing, shallow ? { deepen: steps[0] } : {});
    if (batch.exitCode === 0 && shallow) steps.shift();
    if (batch.exitCode !== 0) for (const sha of missing) await remote.fetch([sha], shallow ? { depth: 1 } : {});
  }
  if (missingHead || missing.length > 0) local2 = await peel([request.head, ...request.exclude], remote.options);
  const head = local2.get(request.head);
  if (head === void 0) throw new Error(`Commit ${request.head} is not in the clone after fetching it.`);
  const unavailable = request.exclude.filter((sha) => !local2.has(sha));
  const exclude = [...new Set(request.exclude.flatMap((sha) => local2.get(sha) ?? []))];
  const wanted = [head, ...exclude];
  for (const step of steps) {
    const state2 = await inspect(head, exclude, shallowFile, remote.options);
    if (state2.complete) return { head, exclude, unavailable, commits: state2.commits };
    const result = await remote.fetch(wanted, step === void 0 ? { unshallow: true } : { deepen: step });
    if (result.exitCode !== 0) throw await remote.headError(head, result);
  }
  const state = await inspect(head, exclude, shallowFile, remote.options);
  return { head, exclude, unavailable, commits: state.commits };
}
async function findClone(cwd, options = {}) {
  const args = ["rev-parse", "--is-inside-work-tree", "--git-path", "shallow"];
  const result = await runGit(args, { cwd, gitPath: options.gitPath }).catch(() => void 0);
  const [inside, path] = (result?.stdout ?? "").split("\n").map((l) => l.trim());
  if (result?.exitCode !== 0 || inside !== "true" || !path) return void 0;
  return { shallowFile: isAbsolute(path) ? path : join(cwd, path) };
}
async function remoteFor(cwd, fallbackUrl, options = {}) {
  const result = await runGit(["remote"], { cwd, gitPath: options.gitPath });
  const names = result.exitCode === 0 ? result.stdout.split("\n").map((l) => l.trim()) : [];
  return names.includes("origin") ? "origin" : fallbackUrl;
}
async function isAncestor(ancestor, descendant, options) {
  const result = await runGit(["merge-base", "--is-ancestor", ancestor, descendant], local(options));
  return result.exitCode === 0;
}
async function inspect(head, exclude, shallowFile, options) {
  const boundary = await shallowCommits(shallowFile);
  const input2 = [head, ...exclude.map((sha) => `^${sha}`)].map((r) => `${r}
`).join("");
  if (boundary.size === 0) {
    const count = await runGit(["rev-list", "--count", "--stdin"], { ...local(options), input: input2 });
    if (count.exitCode !== 0) throw new Error(`'git rev-list' failed: ${gitMessage(count.stderr)}`);
    return { complete: true, commits: Number(count.stdout.trim()) };
  }
  const result = await runGit(["rev-list", "--parents", "--stdin"], { ...local(options), input: input2 });
  if (result.exitCode !== 0) throw new Error(`'git rev-list' failed: ${gitMessage(result.stderr)}`);
  let commits = 0;
  let complete = true;
  for (const line of result.stdout.split("\n")) {
    if (line === "") continue;
    commits++;
    const [sha = "", ...parents] = line.split(" ");
    if (boundary.has(sha) || parents.length === 0) complete = false;
  }
  return { complete, commits };
}
async function shallowCommits(shallowFile) {
  const text = await readFile(shallowFile, "utf8").catch(() => "");
  return new Set(text.split("\n").filter((l) => l !== ""));
}
async function peel(revs, options) {
  const input2 = revs.map((r) => `${r}^{commit}
`).join("");
  const result = await runGit(["cat-file", "--batch-check=%(objectname)"], { ...local(options), input: input2 });
  if (result.exitCode !== 0) throw new Error(`'git cat-file' failed: ${gitMessage(result.stderr)}`);
  const lines = result.stdout.split("\n");
  const out = /* @__PURE__ */ new Map();
  revs.forEach((rev, i) => {
    const line = lines[i] ?? "";
    if (/^[0-9a-f]{40,64}$/.test(line)) out.set(rev, line);
  });
  return out;
}
function local(options) {
  return { cwd: options.cwd, gitPath: options.gitPath, abortSignal: options.abortSignal };
}
function scrub(text) {
  return text.replace(/(\/\/)[^/@\s]+@/g, "$1***@");
}
function authEnv(options) {
  if (!options.auth) return {};
  const basic = Buffer.from(`x-access-token:${options.auth.token}`, "utf8").toString("base64");
  return {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: `http.${options.auth.serverUrl.replace(/\/+$/, "")}/.extraheader`,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`
  };
}
function networkGit(args, options, input2, withAuth) {
  return runGit(args, {
    ...local(options),
    input: input2 ?? "",
    ...withAuth ? { env: authEnv(options) } : {}
  });
}

// src/core/report/markdown.ts
var DEFAULT_OUTCOME = "reported";
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function link(text, url) {
  return url === void 0 ? text : `[${text}](${linkTarget(url)})`;
}
function row(f, options) {
  const base = options.repositoryUrl?.replace(/\/+$/, "");
  const sha = f.commit?.sha;
  const fileUrl = base && sha ? `${base}/blob/${sha}/${pathToUri(f.path)}#L${f.line}` : void 0;
  const commitUrl = base && sha ? `${base}/commit/${sha}` : void 0;
  const cells = [
    `${escapeMarkdown(f.title)} (${escapeMarkdown(f.ruleId)})`,
    link(escapeMarkdown(f.path), fileUrl),
    String(f.line),
    sha ? link(sha.slice(0, 7), commitUrl) : "",
    f.commit ? escapeMarkdown(f.commit.authorName) : "",
    escapeMarkdown(options.outcomes?.get(f.fingerprint) ?? DEFAULT_OUTCOME)
  ];
  return `| ${cells.join(" | ")} |`;
}
function renderSummary(findings, options) {
  const sorted = sortFindings(findings);
  const scanned = options.commits === void 0 ? `Scanned ${escapeMarkdown(options.scope)}.` : `Scanned ${plural(options.commits, "commit")}: ${escapeMarkdown(options.scope)}.`;
  const out = [];
  if (sorted.length === 0) {
    out.push("## leakstop: no secrets found", "", scanned);
  } else {
    const commits = new Set(sorted.flatMap((f) => f.commit ? [f.commit.sha] : [])).size;
    const where = commits > 0 ? ` in ${plural(commits, "commit")}` : "";
    out.push(`## leakstop: ${plural(sorted.length, "secret")} found${where}`, "", scanned, "");
    out.push("| Rule | File | Line | Commit | Author | What happened |", "| --- | --- | ---: | --- | --- | --- |");
    for (const f of sorted) out.push(row(f, options));
    out.push(
      "",
      "**What to do:** treat each value as compromised. Revoke or rotate it where it was issued (deleting the commit does not make it secret again), then remove it from the code. A false positive: add a `leakstop:allow` comment on the line, or its fingerprint to `.leakstopignore`.",
      "",
      "<details><summary>Fingerprints</summary>",
      ""
    );
    for (const f of sorted)
      out.push(`- \`${f.fingerprint}\` ${escapeMarkdown(f.path)}:${f.line} (${escapeMarkdown(f.ruleId)})`);
    out.push("", "</details>");
  }
  const notices = options.notices ?? [];
  if (notices.length > 0) {
    out.push("", "**Notes**", "");
    for (const n of notices) out.push(`- ${escapeMarkdown(n)}`);
  }
  return `${out.join("\n")}
`;
}

// src/adapters/git/tree.ts
import { spawn } from "node:child_process";
async function resolveCommit(cwd, revision, gitPath) {
  const r = await runGit(["rev-parse", "--verify", "--quiet", "--end-of-options", `${revision}^{commit}`], {
    cwd,
    gitPath
  });
  return r.exitCode === 0 ? r.stdout.trim() : void 0;
}
async function* treeFragments(options) {
  const { cwd, gitPath } = options;
  const listing = await runGit(["ls-tree", "-r", "-z", "--full-tree", "-l", "--end-of-options", options.revision], {
    cwd,
    gitPath
  });
  if (listing.exitCode !== 0) {
    throw new Error(`Cannot list the files of ${options.revision}: ${gitMessage(listing.stderr)}`);
  }
  const blobs = [];
  for (const entry of listing.stdout.split("\0")) {
    const tab = entry.indexOf("	");
    if (tab < 0) continue;
    const [mode, type, sha, size] = entry.slice(0, tab).split(/ +/);
    const path = entry.slice(tab + 1);
    if (type !== "blob" || mode === "120000" || sha === void 0) continue;
    if (options.isPathIgnored?.(path)) continue;
    if (Number(size) > options.maxFileSizeInBytes) {
      options.onNotice?.(
        `Skipped '${path}' (${(Number(size) / 1048576).toFixed(1)} MB, over the ${(options.maxFileSizeInBytes / 1048576).toFixed(0)} MB limit; raise maxFileSizeInMB in the config to scan it).`
      );
      continue;
    }
    blobs.push({ sha, path });
  }
  if (blobs.length === 0) return;
  yield* readBlobs(blobs, cwd, gitPath, options.onNotice);
}
async function* readBlobs(blobs, cwd, gitPath = "git", onNotice) {
  const child = spawn(gitPath, ["cat-file", "--batch"], {
    cwd,
    env: { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" },
    stdio: ["pipe", "pipe", "pipe"],
    windowsHide: true
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (c) => {
    stderr = (stderr + c).slice(-4096);
  });
  const exited = new Promise((resolve2, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve2(code ?? 1));
  });
  exited.catch(() => {
  });
  child.stdin.on("error", () => {
  });
  child.stdin.end(blobs.map((b) => `${b.sha}
`).join(""));
  let pending = [];
  let pendingBytes = 0;
  let needed = 1;
  let next = 0;
  let done = false;
  try {
    for await (const chunk of child.stdout) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < needed) continue;
      let buffered = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
      for (; ; ) {
        const nl = buffered.indexOf(10);
        if (nl < 0) {
          needed = buffered.length + 1;
          break;
        }
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
        const decoded = blob === void 0 ? void 0 : decodeText(content);
        if (blob !== void 0 && decoded) yield { path: blob.path, text: decoded.text, startLine: 1 };
        else if (blob !== void 0) onNotice?.(`Skipped '${blob.path}' (binary; not scanned).`);
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

// src/entrypoints/action/code-scanning.ts
var AUTOMATION_IDS = { tree: "leakstop/", commits: "leakstop/commits/" };
async function codeScanningReport(options, scanned) {
  const clone = await findClone(options.workspace);
  const commit = clone ? await resolveCommit(options.workspace, "HEAD") : void 0;
  if (commit === void 0) {
    const notice2 = "No checked-out commit in the workspace: this SARIF file holds only the findings of the scanned commits (category leakstop/commits), and code scanning closes those alerts on the next clean push even while the secret is still in the branch. Check out the repository (actions/checkout) before this step for a report of the whole tree.";
    return { findings: scanned, notices: [notice2], automationId: AUTOMATION_IDS.commits, line: `leakstop: ${notice2}` };
  }
  const notices = [];
  let findings = await scanAll(
    options.engine,
    treeFragments({
      cwd: options.workspace,
      revision: commit,
      maxFileSizeInBytes: options.maxFileSizeInMB * 1024 * 1024,
      isPathIgnored: options.engine.isPathIgnored,
      onNotice: (n) => notices.push(n)
    })
  );
  const pushed = new Set(scanned.map((f) => f.fingerprint));
  const headIgnored = options.headIgnoredFingerprints;
  if (headIgnored !== void 0 && headIgnored.size > 0) {
    const before = findings.length;
    findings = findings.filter((f) => pushed.has(f.fingerprint) || !headIgnored.has(f.fingerprint));
    const kept = scanned.filter((f) => headIgnored.has(f.fingerprint)).length;
    if (findings.length < before)
      notices.push(
        `${before - findings.length} finding(s) in the tree are suppressed by the pushed ignore file: their code scanning alerts close.`
      );
    if (kept > 0)
      notices.push(
        `${kept} finding(s) the pushed commits add are suppressed only by the pushed ignore file: a push cannot suppress what it adds, so they stay reported until the next push, which scans with that ignore file.`
      );
  }
  const inTree = new Set(findings.map((f) => f.fingerprint));
  const historyOnly = new Set(scanned.filter((f) => !inTree.has(f.fingerprint)).map((f) => f.fingerprint)).size;
  if (historyOnly > 0) {
    notices.push(
      `${historyOnly} secret(s) of the scanned commits are no longer in the tree of ${commit.slice(0, 7)} (removed by a later commit, still in the history): they are in the job's report and issue, not in code scanning.`
    );
  }
  return {
    findings,
    notices,
    automationId: AUTOMATION_IDS.tree,
    line: `leakstop: code scanning report (SARIF): ${findings.length} finding(s) in the tree of ${commit.slice(0, 7)}.`
  };
}

// src/entrypoints/action/scan-config.ts
import { relative, sep } from "node:path";

// src/adapters/git/config.ts
var MAX_CONFIG_BYTES = 1024 * 1024;
async function configFilesAt(commit, options) {
  const names = options.explicit !== void 0 ? [options.explicit] : CONFIG_FILES;
  let config;
  for (const path of names) {
    const text = await blobAt(commit, path, options);
    if (text !== void 0) {
      config = { path, text };
      break;
    }
  }
  const parsed = config === void 0 ? defaultConfig() : await parse(config.text, config.path, commit);
  const ignorePath = parsed.ignoreFile;
  return { commit, config, ignore: { path: ignorePath, text: await blobAt(commit, ignorePath, options) } };
}
async function loadConfigFiles(files) {
  const config = files.config === void 0 ? defaultConfig() : await parse(files.config.text, files.config.path, files.commit);
  const ignoredFingerprints = files.ignore.text === void 0 ? /* @__PURE__ */ new Set() : parseIgnoreFile(files.ignore.text);
  const source = files.config === void 0 ? void 0 : `${files.config.path}@${files.commit.slice(0, 7)}`;
  const notices = files.config !== void 0 && files.ignore.text === void 0 && files.config.text.includes("ignoreFile") ? [
    `The ignore file '${files.ignore.path}' that ${files.config.path} names does not exist at ${files.commit.slice(0, 7)}.`
  ] : [];
  return { config, source, ignoreFile: files.ignore.path, ignoredFingerprints, notices };
}
function changedConfigFiles(base, head) {
  const texts = (f) => new Map([
    ...f.config ? [[f.config.path, f.config.text]] : [],
    [f.ignore.path, f.ignore.text]
  ]);
  const [b, h] = [texts(base), texts(head)];
  const paths = /* @__PURE__ */ new Set([...b.keys(), ...h.keys()]);
  return [...paths].filter((p) => (b.get(p) ?? void 0) !== (h.get(p) ?? void 0)).sort();
}
async function parse(text, path, commit) {
  const { parseConfig } = await import("./chunks/parse-UWEBUBPO.js");
  return parseConfig(text, `${path} (commit ${commit.slice(0, 7)})`);
}
async function blobAt(commit, path, options) {
  if (/[\n\r\0]/.test(path)) return void 0;
  const result = await runGit(["cat-file", "--batch"], { ...options, input: `${commit}:${path}
` });
  if (result.exitCode !== 0) throw new Error(`'git cat-file' failed: ${gitMessage(result.stderr)}`);
  const nl = result.stdout.indexOf("\n");
  const header = /^[0-9a-f]+ (\w+) (\d+)$/.exec(result.stdout.slice(0, nl));
  if (header === null || header[1] !== "blob") return void 0;
  if (Number(header[2]) > MAX_CONFIG_BYTES) {
    throw new RangeError(
      `'${path}' at commit ${commit.slice(0, 7)} is larger than 1 MiB; a config file must be smaller.`
    );
  }
  return result.stdout.slice(nl + 1, -1);
}

// src/entrypoints/action/scan-config.ts
async function loadScanConfig(settings, source, workspace) {
  const at = source.configAt;
  if (at === void 0 || at.base === at.head) return workspace();
  const explicit = settings.config === void 0 ? void 0 : repositoryPath(settings);
  const options = { cwd: at.cwd, ...explicit === void 0 ? {} : { explicit } };
  if (at.base === void 0) {
    const head2 = await configFilesAt(at.head, options).catch(() => void 0);
    if (head2?.config !== void 0 || head2?.ignore.text !== void 0) {
      source.notices.push(
        "no base commit to take the configuration from (a new default branch): scanned with the built-in defaults; the pushed configuration applies from the next push"
      );
    }
    return loadConfigFiles({ commit: at.head, config: void 0, ignore: { path: "", text: void 0 } });
  }
  const base = await configFilesAt(at.base, options);
  const head = await configFilesAt(at.head, options).catch((error2) => {
    const reason = error2 instanceof Error ? error2.message : String(error2);
    source.notices.push(`the pushed configuration cannot be used (${reason}); fix it before merging`);
    return void 0;
  });
  const changed = head === void 0 ? [] : changedConfigFiles(base, head);
  if (changed.length > 0) {
    source.notices.push(
      `this change edits ${changed.map((p) => `'${p}'`).join(", ")}: scanned with the configuration of the base commit ${at.base.slice(0, 7)}; the edits (suppressions, mappings) apply once merged`
    );
  }
  const loaded = await loadConfigFiles(base);
  if (head === void 0 || head.ignore.text === void 0) return loaded;
  return { ...loaded, headIgnoredFingerprints: parseIgnoreFile(head.ignore.text) };
}
function repositoryPath(settings) {
  const path = relative(settings.workspace, settings.config ?? "");
  if (path === "" || path.startsWith("..")) {
    throw new TypeError(
      `Input '${INPUTS.config}' names '${settings.config}', which is outside the workspace; name a file in the repository.`
    );
  }
  return path.split(sep).join("/");
}

// src/entrypoints/action/settings.ts
import { readFile as readFile2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute as isAbsolute2, resolve } from "node:path";
var REPO = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;
async function readSettings() {
  const env = process.env;
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const repository = parseRepo(env.GITHUB_REPOSITORY ?? "", "GITHUB_REPOSITORY", "the runner sets it");
  const issueRepo = input(INPUTS.issueRepository);
  const config = input(INPUTS.config);
  const sarif = input(INPUTS.sarifFile);
  const temp = env.RUNNER_TEMP || tmpdir();
  const serverUrl = env.GITHUB_SERVER_URL || "https://github.com";
  const runId = env.GITHUB_RUN_ID ?? "";
  return {
    githubToken: input(INPUTS.githubToken),
    vaultUrls: vaultUrls(list(INPUTS.vaultUrl)),
    secrets: list(INPUTS.secrets),
    reason: input(INPUTS.reason),
    responderUrl: responderUrl(input(INPUTS.responderUrl)),
    responderWaitInMs: seconds(INPUTS.responderWait, 120, 3600) * 1e3,
    incidentKey: input(INPUTS.incidentKey) || void 0,
    scanLedger: scanLedger(input(INPUTS.scanLedger)),
    dryRun: bool(INPUTS.dryRun, false),
    failOnFindings: bool(INPUTS.failOnFindings, true),
    openIssue: bool(INPUTS.openIssue, true),
    issueRepository: issueRepo ? parseRepo(issueRepo, `Input '${INPUTS.issueRepository}'`, "use owner/name") : repository,
    config: config ? resolve(workspace, config) : void 0,
    sarifFile: sarif ? isAbsolute2(sarif) ? sarif : resolve(workspace, sarif) : resolve(temp, DEFAULT_SARIF_NAME),
    azure: azure(),
    azureEnvironment: {
      authorityHost: env.AZURE_AUTHORITY_HOST || void 0,
      armUrl: (env.LEAKSTOP_ARM_URL || "https://management.azure.com").replace(/\/+$/, ""),
      graphUrl: (env.LEAKSTOP_GRAPH_URL || "https://graph.microsoft.com").replace(/\/+$/, ""),
      oidc: env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ? { requestUrl: env.ACTIONS_ID_TOKEN_REQUEST_URL, requestToken: env.ACTIONS_ID_TOKEN_REQUEST_TOKEN } : void 0,
      testInsecureChallenge: env[TEST_INSECURE_CHALLENGE_ENV] === "1"
    },
    auditFile: resolve(temp, DEFAULT_AUDIT_NAME),
    runId,
    runUrl: runId ? `${serverUrl.replace(/\/+$/, "")}/${repository.owner}/${repository.repo}/actions/runs/${runId}` : void 0,
    event: await readEvent(env),
    repository,
    workspace,
    apiUrl: env.GITHUB_API_URL || "https://api.github.com",
    serverUrl,
    jobSummary: Boolean(env.GITHUB_STEP_SUMMARY)
  };
}
function input(name) {
  return getInput(name);
}
function list(name) {
  return input(name).split(/[,\n]/).map((v) => v.trim()).filter((v) => v !== "");
}
function bool(name, fallback) {
  const raw = input(name);
  if (raw === "") return fallback;
  if (["true", "True", "TRUE"].includes(raw)) return true;
  if (["false", "False", "FALSE"].includes(raw)) return false;
  throw new TypeError(`Input '${name}' is '${raw}'; use true or false.`);
}
function parseRepo(value, what, fix) {
  const match = REPO.exec(value.trim());
  if (!match) throw new TypeError(`${what} is '${value}', not owner/name; ${fix}.`);
  return { owner: match[1] ?? "", repo: match[2] ?? "" };
}
function vaultUrls(values) {
  for (const value of values) {
    let url;
    try {
      url = new URL(value);
    } catch {
      url = void 0;
    }
    if (url?.protocol !== "https:") {
      throw new TypeError(
        `Input '${INPUTS.vaultUrl}' has '${value}', which is not an https:// URL; give the vault URL, e.g. https://my-vault.vault.azure.net.`
      );
    }
  }
  return [...values];
}
function responderUrl(value) {
  if (value === "") return void 0;
  let url;
  try {
    url = new URL(value);
  } catch {
    url = void 0;
  }
  const loopback = url !== void 0 && /^(localhost|127\.[\d.]+|\[::1\])$/.test(url.hostname);
  if (url?.protocol !== "https:" && !(url?.protocol === "http:" && loopback)) {
    throw new TypeError(
      `Input '${INPUTS.responderUrl}' is '${value}', which is not an https:// URL; give the leakstop service's URL, e.g. https://leakstop.example.com.`
    );
  }
  return value.replace(/\/+$/, "");
}
function seconds(name, fallback, max) {
  const raw = input(name);
  if (raw === "") return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > max)
    throw new RangeError(`Input '${name}' is '${raw}'; use whole seconds from 0 to ${max}.`);
  return n;
}
function azure() {
  const clientId = input(INPUTS.azureClientId);
  const tenantId = input(INPUTS.azureTenantId);
  if (clientId === "" && tenantId === "") return void 0;
  if (clientId === "" || tenantId === "") {
    const missing = clientId === "" ? INPUTS.azureClientId : INPUTS.azureTenantId;
    throw new TypeError(
      `Input '${missing}' is empty; OIDC sign-in needs both '${INPUTS.azureClientId}' and '${INPUTS.azureTenantId}' (or neither, to use azure/login or a managed identity).`
    );
  }
  return { clientId, tenantId };
}
async function readEvent(env) {
  const name = env.GITHUB_EVENT_NAME;
  const path = env.GITHUB_EVENT_PATH;
  if (!name || !path) {
    throw new TypeError(
      "GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set; leakstop runs as a step of a GitHub Actions job (use the CLI elsewhere)."
    );
  }
  let text;
  try {
    text = await readFile2(path, "utf8");
  } catch (error2) {
    throw new TypeError(`Cannot read the event payload at GITHUB_EVENT_PATH '${path}'.`, { cause: error2 });
  }
  let payload;
  try {
    payload = JSON.parse(text);
  } catch (error2) {
    throw new TypeError(`The event payload at GITHUB_EVENT_PATH '${path}' is not JSON.`, { cause: error2 });
  }
  return { name, payload, sha: env.GITHUB_SHA || void 0 };
}
function scanLedger(value) {
  if (value === "" || value === "none") return false;
  if (value === "check-runs") return true;
  throw new TypeError(`Input '${INPUTS.scanLedger}' is '${value}'; use 'check-runs' or 'none'.`);
}

// src/entrypoints/action/source.ts
async function openSource(settings, plan, log, clone) {
  if (clone !== void 0) return gitSource(settings, clone, plan, log);
  log.info(`No git clone in ${settings.workspace}: reading the commits through the GitHub API.`);
  const { apiSource } = await import("./chunks/api-source-CY3UKYBM.js");
  return apiSource(settings, plan, log);
}
async function gitSource(settings, clone, plan, log) {
  const cwd = settings.workspace;
  const { owner, repo } = settings.repository;
  const remote = new GitRemote({
    cwd,
    fallbackUrl: `${settings.serverUrl.replace(/\/+$/, "")}/${owner}/${repo}.git`,
    shallowFile: clone.shallowFile,
    auth: settings.githubToken ? { token: settings.githubToken, serverUrl: settings.serverUrl } : void 0,
    log: log.debug
  });
  const notices = [];
  let head;
  let exclude;
  let commits;
  let scope = plan.label;
  let base;
  let ledgerHead;
  if (plan.kind === "push") {
    const resolved = await resolvePush(remote, plan, notices, log);
    ({ head, exclude, commits } = resolved);
    scope = `${plan.label}, ${describe(resolved.baseline)}`;
    base = resolved.configBase;
    if (settings.scanLedger) {
      const byLedger = await applyLedger(settings, remote, { head, exclude, commits }, log);
      ({ head, exclude, commits } = byLedger.prepared);
      scope = `${scope} (${describeLedger(byLedger.choice)})`;
      ledgerHead = head;
    }
  } else {
    const request = plan.kind === "range" ? { head: plan.head, exclude: [plan.base] } : { head: plan.head ?? "HEAD", exclude: [] };
    const prepared = await prepareHistory(remote, request);
    if (prepared.unavailable.length > 0 && plan.kind === "range") {
      throw new Error(
        `The base commit ${plan.base.slice(0, 12)} of ${plan.label} could not be fetched from the remote; re-run the job, or check out with 'fetch-depth: 0'.`
      );
    }
    ({ head, exclude, commits } = prepared);
    base = plan.kind === "range" ? exclude[0] : head;
  }
  log.info(`Scanning ${commits} commit(s): ${scope}.`);
  return {
    scope,
    commits,
    fragments: gitRangeFragments({ cwd, include: [head], exclude, onNotice: (text) => notices.push(text) }),
    notices,
    configAt: { cwd, base, head },
    finish: (findings) => findings,
    ...ledgerHead ? { ledgerHead } : {}
  };
}
async function applyLedger(settings, remote, request, log) {
  const { createCheckRunLedger } = await import("./chunks/ledger-YJIUEZF4.js");
  const ledger = createCheckRunLedger({
    apiUrl: settings.apiUrl,
    repository: `${settings.repository.owner}/${settings.repository.repo}`,
    token: settings.githubToken
  });
  if (request.exclude.length > 0) await remote.fetch(request.exclude, { depth: LEDGER_REACH + 1 });
  const candidates = await Promise.all(
    request.exclude.map(async (sha) => {
      const listed = await runGit(
        ["rev-list", "--first-parent", `--max-count=${LEDGER_REACH + 1}`, sha, "--"],
        remote.options
      );
      const chain = listed.exitCode === 0 ? listed.stdout.split("\n").filter(Boolean) : [sha];
      return { sha, ancestors: chain.slice(1) };
    })
  );
  const recorded = await ledger.recorded([request.head, ...candidates.flatMap((c) => [c.sha, ...c.ancestors])]);
  const choice = chooseByLedger(candidates, recorded);
  log.debug(`scan ledger: ${describeLedger(choice)}; ${recorded.size} recorded commit(s) near the baselines`);
  const same = choice.exclude.length === request.exclude.length && choice.exclude.every((s) => request.exclude.includes(s));
  const prepared = same ? request : await prepareHistory(remote, { head: request.head, exclude: choice.exclude });
  return { choice, prepared };
}
async function resolvePush(remote, plan, notices, log) {
  let baseline = pushBaseline(plan, { beforeAvailable: true, forced: plan.forced });
  const refs = needsRemoteRefs(baseline) ? await remote.listRefs() : [];
  let exclude = pushExclusions(plan, baseline, refs);
  let prepared = await prepareHistory(remote, { head: plan.after, exclude });
  const before = baseline.before;
  if (before !== void 0 && prepared.unavailable.includes(before)) {
    baseline = pushBaseline(plan, { beforeAvailable: false, forced: plan.forced });
    const scanned = baseline.defaultBranch ? "the commits the default branch does not have" : "its whole history";
    notices.push(
      `the previous commit ${before.slice(0, 7)} of ${plan.ref} is gone from the remote; scanned ${scanned}`
    );
    exclude = pushExclusions(plan, baseline, refs);
    prepared = await prepareHistory(remote, { head: plan.after, exclude });
  } else if (before !== void 0 && !plan.forced && !await isAncestor(before, prepared.head, remote.options)) {
    baseline = pushBaseline(plan, { beforeAvailable: true, forced: true });
  }
  log.debug(`${plan.ref}: ${baseline.reason}: ${describe(baseline)}`);
  const defaultTip = refs.find((r) => r.name === `refs/heads/${plan.defaultBranch}`)?.sha;
  const peeledBefore = baseline.before === void 0 ? void 0 : prepared.exclude[0];
  const configBase = peeledBefore ?? (defaultTip !== void 0 && prepared.unavailable.includes(defaultTip) ? void 0 : defaultTip);
  return { ...prepared, baseline, configBase };
}
function describe(baseline) {
  const onDefault = baseline.defaultBranch ? " nor the default branch" : "";
  switch (baseline.reason) {
    case "fast-forward":
      return baseline.defaultBranch ? "the pushed commits the default branch does not have" : "the pushed commits";
    case "force push":
      return `force push: commits not in the previous head${onDefault}`;
    default:
      return baseline.defaultBranch ? "commits the default branch does not have" : "the whole history";
  }
}

// src/entrypoints/action/verdict.ts
var plural2 = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
var sentence = (text) => /[.!?]$/.test(text) ? text : `${text}.`;
function scanVerdict(findings, scope, response) {
  const rules = [...new Set(findings.map((f) => f.ruleId))].sort();
  const commits = new Set(findings.flatMap((f) => f.commit ? [f.commit.sha] : [])).size;
  const what = `${plural2(findings.length, "secret")} (${rules.join(", ")})`;
  const where = commits > 0 ? ` in ${plural2(commits, "commit")}` : "";
  const parts = [`leakstop: found ${what}${where} of ${printable(scope)}.`];
  if (response.done) parts.push(`Done: ${sentence(response.done)}`);
  if (response.failure) parts.push(`Failed: ${sentence(response.failure)}`);
  const [issue2] = response.issues;
  const see = issue2 ? `issue #${issue2.number}` : "the job summary";
  if (response.provenDead && !response.failure) {
    parts.push(
      `Still to do: remove it from the code and history (the leaked value is proven dead at its provider); see ${see}.`
    );
  } else if (response.vaultDone && !response.failure) {
    parts.push(
      `Still to do: change the credential where it is checked if the vault is not its only home, and remove it from the code and history; see ${issue2 ? `issue #${issue2.number}` : "the job summary"}.`
    );
  } else {
    parts.push(
      "Treat each as leaked: revoke or rotate it, then remove it from the code; see the annotations and the job summary (a false positive: 'leakstop:allow' comment or .leakstopignore)."
    );
  }
  return parts.join(" ");
}
function rotationVerdict(settings, result) {
  const names = settings.secrets.map((s) => `'${printable(s)}'`).join(", ");
  if (result.failure) {
    const done = result.done ? ` Done: ${sentence(result.done)}` : "";
    return `leakstop: on-demand rotation of ${names} failed: ${sentence(result.failure)}${done}`;
  }
  return `leakstop: on-demand rotation of ${names}: ${sentence(result.done)}`;
}
function rotationSummary(settings, result) {
  const head = `## leakstop: on-demand rotation${settings.dryRun ? " (dry run)" : ""}`;
  const asked = settings.secrets.map((s) => `\`${escapeMarkdown(s).replace(/`/g, "")}\``).join(", ");
  const reason = settings.reason ? ` Reason: ${escapeMarkdown(settings.reason)}.` : "";
  const outcome = result.failure ? `**Failed:** ${escapeMarkdown(result.failure)}` : `**Done:** ${escapeMarkdown(result.done)}.`;
  return `${head}

Requested: ${asked}.${reason}

${outcome}
${responseSection(result)}`;
}
function fenced(text) {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text
${text.trimEnd()}
${fence}`;
}
function responseSection(result) {
  if (result.plan === "") return "";
  const out = ["", "### Response", "", fenced(result.plan), ""];
  const file = result.auditFile ? ` (also in \`${escapeMarkdown(result.auditFile)}\`)` : "";
  out.push(`<details><summary>Audit: ${plural2(result.audit.length, "record")}${file}</summary>`, "");
  if (result.audit.length > 0) {
    out.push("| Time | Action | Outcome | Secret | Version | Why |", "| --- | --- | --- | --- | --- | --- |");
    const cells = (r) => [r.time, r.action, r.outcome, r.secret, r.versions, r.why].map(escapeMarkdown);
    for (const r of result.audit) out.push(`| ${cells(r).join(" | ")} |`);
    out.push("");
  }
  out.push("</details>");
  return `${out.join("\n")}
`;
}

// src/entrypoints/action/run.ts
var MAX_NOTICE_ANNOTATIONS = 10;
var PARALLEL_MIN_COMMITS = 64;
async function run(options = {}) {
  try {
    const settings = await readSettings();
    if (settings.secrets.length > 0) await rotationMode(settings);
    else await scanMode(settings, options);
  } catch (error2) {
    setFailed(`leakstop: ${error2 instanceof Error ? error2.message : String(error2)}`);
    if (error2 instanceof Error && error2.stack) debug(error2.stack);
  }
}
async function rotationMode(settings) {
  const loaded = await loadActionConfig(settings);
  const engine = createEngine({ config: loaded.config, ignoredFingerprints: loaded.ignoredFingerprints });
  const responder = await loadResponder({ settings, config: loaded.config, engine, io: RUNNER });
  const result = await responder.rotateOnDemand();
  if (settings.jobSummary) await writeJobSummary(responder.inspect(rotationSummary(settings, result), "summary.md"));
  setOutputs(outputValues(0, result, void 0));
  const line = responder.inspect(rotationVerdict(settings, result), "log.txt");
  if (result.failure !== void 0) setFailed(line);
  else info2(line);
}
async function scanMode(settings, options) {
  const plan = planScan(settings.event);
  let findings = [];
  let rules = [];
  let scope;
  let commits = 0;
  let notices = [];
  let responder;
  let ledgerHead;
  let sarif = { findings: [], notices: [], automationId: AUTOMATION_IDS.tree, line: "" };
  if (plan.kind === "skip") {
    scope = plan.reason;
    info2(`leakstop: ${plan.reason}`);
  } else {
    const clone = await findClone(settings.workspace);
    const fromWorkspace = clone === void 0 ? await loadActionConfig(settings) : void 0;
    const log = { info: (line2) => info2(line2), debug: (line2) => debug(line2) };
    const source = await openSource(settings, plan, log, clone);
    const loaded = await loadScanConfig(settings, source, async () => fromWorkspace ?? loadActionConfig(settings));
    const engine = createEngine({ config: loaded.config, ignoredFingerprints: loaded.ignoredFingerprints });
    rules = engine.rules;
    const workers = Math.max(1, availableParallelism() - 1);
    const parallel = options.workerScript !== void 0 && source.commits >= PARALLEL_MIN_COMMITS;
    if (parallel) debug(`Scanning in ${workers} worker thread(s).`);
    findings = source.finish(
      parallel && options.workerScript ? await scanFragmentsInParallel(source.fragments, { ...loaded, workerScript: options.workerScript, workers }) : await scanAll(engine, source.fragments)
    );
    ({ scope, commits, notices, ledgerHead } = source);
    sarif = await codeScanningReport(
      {
        workspace: settings.workspace,
        engine,
        maxFileSizeInMB: loaded.config.maxFileSizeInMB,
        ...loaded.headIgnoredFingerprints ? { headIgnoredFingerprints: loaded.headIgnoredFingerprints } : {}
      },
      findings
    );
    if (findings.length > 0) {
      responder = await loadResponder({ settings, config: loaded.config, engine, io: RUNNER }).catch(
        (e) => e instanceof Error ? e : new Error(String(e))
      );
    }
  }
  maskFindings(findings);
  const sarifFile = await writeSarif(settings.sarifFile, { ...sarif, notices: [...notices, ...sarif.notices] }, rules);
  if (sarif.line) info2(sarif.line);
  const inspector = responder instanceof Error ? void 0 : responder;
  const inspect2 = (text, where) => inspector ? inspector.inspect(text, where) : text;
  for (const n of notices.slice(0, MAX_NOTICE_ANNOTATIONS)) notice(inspect2(`leakstop: ${printable(n)}`, "log.txt"));
  if (notices.length > MAX_NOTICE_ANNOTATIONS) {
    notice(`leakstop: ${notices.length - MAX_NOTICE_ANNOTATIONS} more notes in the job summary and the SARIF file.`);
  }
  const response = responder ? await respondTo(responder, findings) : NOTHING_DONE;
  annotate(
    findings,
    {
      serverUrl: settings.serverUrl,
      repository: `${settings.repository.owner}/${settings.repository.repo}`,
      outcomes: response.outcomes
    },
    (text) => inspect2(text, "annotation.txt")
  );
  if (settings.jobSummary && (findings.length > 0 || notices.length > 0)) {
    const repositoryUrl = `${settings.serverUrl.replace(/\/+$/, "")}/${settings.repository.owner}/${settings.repository.repo}`;
    const report = renderSummary(findings, { scope, commits, outcomes: response.outcomes, repositoryUrl, notices });
    await writeJobSummary(inspect2(report + responseSection(response), "summary.md"));
  }
  setOutputs(outputValues(findings.length, response, sarifFile));
  if (ledgerHead) await recordScan(settings, ledgerHead, { scope, commits, findings: findings.length });
  if (findings.length === 0) {
    if (plan.kind !== "skip") info2(`leakstop: no secrets found in ${commits} commit(s).`);
    return;
  }
  const line = inspect2(scanVerdict(findings, scope, response), "log.txt");
  if (settings.failOnFindings || response.failure !== void 0) setFailed(line);
  else warning(line);
}
async function recordScan(settings, head, scan) {
  const { createCheckRunLedger } = await import("./chunks/ledger-YJIUEZF4.js");
  const ledger = createCheckRunLedger({
    apiUrl: settings.apiUrl,
    repository: `${settings.repository.owner}/${settings.repository.repo}`,
    token: settings.githubToken
  });
  const title = `Scanned ${scan.commits} commit(s): ${scan.findings} finding(s)`;
  try {
    await ledger.record(head, {
      conclusion: scan.findings > 0 ? "failure" : "success",
      title,
      summary: `${printable(scan.scope)}.`
    });
    debug(`scan ledger: recorded ${head.slice(0, 12)} (${title})`);
  } catch (e) {
    warning(
      `leakstop: could not record this scan in the ledger (${e.message}); grant 'permissions: checks: write', or set '${INPUTS.scanLedger}: none'. The next push rescans these commits.`
    );
  }
}
var RUNNER = { info: (line) => info2(line), warning: (line) => warning(line), setSecret };
var NOTHING_DONE = {
  rotated: [],
  issues: [],
  outcomes: /* @__PURE__ */ new Map(),
  done: "",
  plan: "",
  audit: [],
  auditFile: void 0,
  vaultDone: false
};
async function loadResponder(input2) {
  if (input2.settings.responderUrl) {
    const { openRemoteResponder } = await import("./chunks/remote-respond-5WYKXNVA.js");
    return openRemoteResponder(input2);
  }
  const { openResponder } = await import("./chunks/respond-3ZPQTZQW.js");
  return openResponder(input2);
}
async function respondTo(responder, findings) {
  try {
    if (responder instanceof Error) throw responder;
    return await responder.respond(findings);
  } catch (error2) {
    if (error2 instanceof Error && error2.stack) debug(error2.stack);
    return {
      ...NOTHING_DONE,
      failure: `the response failed: ${error2 instanceof Error ? error2.message : String(error2)}`
    };
  }
}
async function loadActionConfig(settings) {
  const explicit = settings.config;
  if (explicit !== void 0 && !await stat2(explicit).then(
    (s) => s.isFile(),
    () => false
  )) {
    throw new TypeError(
      `Input '${INPUTS.config}' names '${relative2(settings.workspace, explicit) || explicit}', which is not a file in the workspace; fix the path or remove the input.`
    );
  }
  try {
    return await loadConfig(settings.workspace, explicit);
  } catch (error2) {
    if (error2 instanceof ConfigError || error2 instanceof TypeError || error2 instanceof RangeError) throw error2;
    const reason = error2 instanceof Error ? error2.message : String(error2);
    throw new Error(`Cannot read the configuration (${reason}); fix the file or the '${INPUTS.config}' input.`, {
      cause: error2
    });
  }
}
async function writeSarif(path, report, rules) {
  try {
    await mkdir2(dirname(path), { recursive: true });
    const { findings, notices, automationId } = report;
    await writeFile2(path, renderSarif(findings, { toolVersion: VERSION, rules, notices, automationId }));
  } catch (error2) {
    const reason = error2 instanceof Error ? error2.message : String(error2);
    throw new Error(`Cannot write the SARIF file '${path}' (${reason}); fix the '${INPUTS.sarifFile}' input.`, {
      cause: error2
    });
  }
  return path;
}
function outputValues(findings, response, sarifFile) {
  const [issue2] = response.issues ?? [];
  return {
    [OUTPUTS.findings]: String(findings),
    [OUTPUTS.rotated]: JSON.stringify(
      response.rotated.map((r) => ({ vault: r.vault, secret: r.secret, version: r.version }))
    ),
    [OUTPUTS.issueNumber]: issue2 ? String(issue2.number) : "",
    [OUTPUTS.issueUrl]: issue2?.url ?? "",
    [OUTPUTS.sarifFile]: sarifFile ?? "",
    [OUTPUTS.auditFile]: response.auditFile ?? ""
  };
}

// src/entrypoints/action/index.ts
if (isFragmentWorker()) runFragmentWorker();
else await run({ workerScript: new URL(import.meta.url) });
