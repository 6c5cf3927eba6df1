import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  redactSnippet
} from "./chunk-AKAH6ETJ.js";
import {
  builtinRules,
  isKnownPublicValue,
  require_picomatch,
  sha256Hex,
  shannonEntropy
} from "./chunk-5ZHEO3AZ.js";
import {
  customRules,
  defaultConfig
} from "./chunk-ZOEPK7DV.js";
import {
  __toESM
} from "./chunk-V43CEDMD.js";

// src/core/findings/suppress.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var INLINE_ALLOW = /(?:leakstop|gitleaks):allow/;
function parseIgnoreFile(text) {
  return parseIgnoreFileLines(text).fingerprints;
}
var FINGERPRINT = /^[0-9a-f]{32}$/;
function parseIgnoreFileLines(text) {
  const fingerprints = /* @__PURE__ */ new Set();
  const invalidLines = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const entry = raw.replace(/#.*$/, "").trim();
    if (!entry) continue;
    const first = entry.split(/\s+/)[0].toLowerCase();
    if (FINGERPRINT.test(first)) fingerprints.add(first);
    else invalidLines.push(i + 1);
  }
  return { fingerprints, invalidLines };
}
function createSuppressor(config, ignored = /* @__PURE__ */ new Set()) {
  const glob = (patterns) => patterns.length ? (0, import_picomatch.default)(patterns, { dot: true }) : (_) => false;
  const pathIgnored = glob(config.allowlist.paths);
  const perRule = config.allowlist.rules.map((r) => ({ rule: r.rule, match: glob(r.paths) }));
  const values = config.allowlist.values.map((v) => new RegExp(v));
  const stopwords = config.allowlist.stopwords.map((w) => w.toLowerCase());
  return {
    isPathIgnored: (path) => pathIgnored(path),
    isAllowed: ({ ruleId, secret, path, line }) => {
      if (INLINE_ALLOW.test(line)) return true;
      if (perRule.some((r) => r.rule === ruleId && r.match(path))) return true;
      if (values.some((re) => re.test(secret))) return true;
      const lower = secret.toLowerCase();
      return stopwords.some((w) => lower.includes(w));
    },
    isFingerprintIgnored: (fp) => ignored.has(fp)
  };
}

// src/core/findings/fingerprint.ts
function fingerprint(ruleId, path, secret) {
  return sha256Hex(`leakstop/v1\0${ruleId}\0${path}\0${secret}`).slice(0, 32);
}

// src/core/scan/keywords.ts
var ALPHABET = 128;
var KeywordMatcher = class {
  constructor(keywords) {
    this.keywords = keywords;
    for (const k of keywords) {
      if (k.length === 0 || !/^[\x20-\x7e]+$/.test(k) || k !== k.toLowerCase()) {
        throw new RangeError(`Keyword '${k}' must be non-empty, lower-case, printable ASCII.`);
      }
    }
    for (let c = 0; c < ALPHABET; c++) this.fold[c] = c >= 65 && c <= 90 ? c + 32 : c;
    const children = [/* @__PURE__ */ new Map()];
    const own = [[]];
    keywords.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const c = keyword.charCodeAt(i);
        let next = children[state]?.get(c);
        if (next === void 0) {
          next = children.length;
          children.push(/* @__PURE__ */ new Map());
          own.push([]);
          children[state]?.set(c, next);
        }
        state = next;
      }
      own[state]?.push(id);
    });
    const states = children.length;
    const delta = new Int32Array(states * ALPHABET);
    const link = new Int32Array(states);
    const outputs = new Array(states);
    const queue = [];
    for (let c = 0; c < ALPHABET; c++) {
      const next = children[0]?.get(c) ?? 0;
      delta[c] = next;
      if (next !== 0) queue.push(next);
    }
    outputs[0] = void 0;
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      const inherited = outputs[link[state]] ?? [];
      const mine = own[state] ?? [];
      outputs[state] = mine.length || inherited.length ? [...mine, ...inherited] : void 0;
      for (let c = 0; c < ALPHABET; c++) {
        const next = children[state]?.get(c);
        const viaLink = delta[link[state] * ALPHABET + c];
        if (next === void 0) {
          delta[state * ALPHABET + c] = viaLink;
        } else {
          link[next] = viaLink;
          delta[state * ALPHABET + c] = next;
          queue.push(next);
        }
      }
    }
    const folded = new Int32Array(states * ALPHABET);
    for (let st = 0; st < states; st++) {
      for (let c = 0; c < ALPHABET; c++) {
        const next = delta[st * ALPHABET + this.fold[c]];
        folded[st * ALPHABET + c] = outputs[next] === void 0 ? next * ALPHABET : ~(next * ALPHABET);
      }
    }
    this.delta = folded;
    this.outputs = outputs;
    this.longest = new Int32Array(states);
    for (let st = 0; st < states; st++) {
      for (const id of outputs[st] ?? [])
        this.longest[st] = Math.max(this.longest[st], keywords[id].length);
    }
  }
  keywords;
  /**
   * Transition table, pre-multiplied and case-folded: `delta[row + char]` is the next state's
   * row (`state * 128`), for upper- and lower-case letters alike, stored bit-inverted (`~row`,
   * negative) when a keyword ends in that state. The hot loop then does one load and one sign
   * test per character: a second "final" table cost a cache line per state visited.
   */
  delta;
  /** For each state, the ids of the keywords that end there (own and via suffix links). */
  outputs;
  /** For each state, the length of the longest keyword that ends there. */
  longest;
  fold = new Uint8Array(ALPHABET);
  /**
   * Call `onHit(start, ids, end)` for every position where keywords end, with the start offset
   * of the longest of them, the ids of all of them and the offset just past them.
   */
  scan(text, onHit) {
    const { delta, outputs, longest } = this;
    let row = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= ALPHABET) {
        row = 0;
        continue;
      }
      const next = delta[row + c];
      if (next >= 0) {
        row = next;
        continue;
      }
      row = ~next;
      const state = row >> 7;
      onHit(i - longest[state] + 1, outputs[state], i + 1);
    }
  }
};

// src/core/scan/placeholder.ts
var PLACEHOLDER_WORDS = /* @__PURE__ */ new Set([
  "password",
  "passwd",
  "pass",
  "secret",
  "token",
  "apikey",
  "api_key",
  "key",
  "changeme",
  "changeit",
  "change_me",
  "change-me",
  "example",
  "sample",
  "dummy",
  "test",
  "testing",
  "fake",
  "placeholder",
  "redacted",
  "removed",
  "hidden",
  "masked",
  "none",
  "null",
  "nil",
  "undefined",
  "true",
  "false",
  "empty",
  "todo",
  "tbd",
  "fixme",
  "default",
  "string",
  "value",
  "secretvalue",
  "mypassword",
  "yourpassword",
  "letmein",
  "admin",
  "root",
  "guest",
  "user",
  "username",
  "foo",
  "bar",
  "foobar",
  "baz",
  "qwerty",
  "abc123",
  "password123",
  "password1",
  "secret123",
  "p@ssw0rd",
  "passw0rd",
  "pa55word",
  "hunter2"
]);
var PLACEHOLDER_MARKERS = [
  "example",
  "placeholder",
  "changeme",
  "change_me",
  "change-me",
  "changeit",
  "redacted",
  "your_",
  "your-",
  "yourkey",
  "yoursecret",
  "yourtoken",
  "yourpassword",
  "insert",
  "replace",
  "put_",
  "_here",
  "-here",
  "dummy",
  "sample",
  "fake",
  "xxxx",
  "****",
  "...",
  "\u2026",
  "####",
  "0000000000",
  "1234567890",
  "abcdefghij",
  "abc123",
  "abc-123",
  "123abc",
  "notreal",
  "not_real",
  "not-a-",
  "not_a_",
  "do_not_use",
  "test_key",
  "testkey"
];
var REFERENCE_PATTERNS = [
  /\$\{[^}]*\}?/,
  // ${VAR}, ${{ secrets.X }}
  /\{\{[^}]*\}?/,
  // {{ .Values.x }}, mustache, jinja
  /^\$(?:env:)?[A-Za-z_][A-Za-z0-9_]*$/i,
  // $VAR, PowerShell $env:VAR
  /^\$\(/,
  // $(VAR)
  /^%[A-Za-z_][A-Za-z0-9_]*%$/,
  // %VAR%
  /^#\{/,
  // #{token}# (Azure Pipelines replace tokens)
  /^__[A-Za-z0-9_]+__$/,
  // __TOKEN__
  /^<[^>]*>?$/,
  // <your-key>
  /^\[[^\]]*\]$/,
  // [secret]
  /^\{[^}]*\}$/,
  // {0}, {name}
  /%[sdr]\b|%\([a-z_]+\)[sd]/i,
  // printf / python format
  /process\.env\b/,
  /\bos\.(environ|getenv)\b/,
  /\bgetenv\s*\(/i,
  /\benv\s*\(/i,
  /\bENV\s*\[/,
  /Environment\.GetEnvironmentVariable/,
  /@Microsoft\.KeyVault\(/i,
  /^secretref:/i,
  /^vault:/i,
  /^arn:[\w-]+:[\w-]+:/,
  // AWS ARNs name a secret, they are not one
  /^projects\/[^/]+\/secrets\//,
  // GCP Secret Manager names
  /^(?:secret|kv)\/data\//,
  // HashiCorp Vault paths
  /^UseDevelopmentStorage=true/i
  // Azurite's connection string
];
function sequentialRuns(value) {
  let runs = 0;
  let length = 1;
  for (let i = 1; i < value.length; i++) {
    const a = value.charCodeAt(i - 1) | 32;
    const b = value.charCodeAt(i) | 32;
    const alnum = (c) => c >= 97 && c <= 122 || c >= 48 && c <= 57;
    if (b === a + 1 && alnum(a) && alnum(b)) {
      if (++length === 3) runs++;
    } else length = 1;
  }
  return runs;
}
function isPlaceholder(value) {
  const v = value.trim();
  if (v.length === 0) return true;
  const lower = v.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower)) return true;
  for (const marker of PLACEHOLDER_MARKERS) if (lower.includes(marker)) return true;
  for (const re of REFERENCE_PATTERNS) if (re.test(v)) return true;
  if (/^(.)\1+$/.test(v)) return true;
  if (/^[x*•.#_-]+$/i.test(v)) return true;
  if (v.length >= 16 && sequentialRuns(v) >= Math.max(3, v.length / 12)) return true;
  return false;
}

// src/core/scan/scanner.ts
var WINDOW_BEFORE = 512;
var WINDOW_AFTER = 2048;
var MULTILINE_REACH = 16384;
var COVER_MARGIN = 384;
var ALLOW_REACH = 4096;
var ANCHORED_GROUP = "lsMatch";
function anchoredRegex(compiled, skip) {
  const cache = compiled.anchored;
  let regex = cache.get(skip);
  if (!regex) {
    const flags = `y${compiled.rule.pattern.flags.includes("i") ? "i" : ""}`;
    regex = new RegExp(`[\\s\\S]{0,${skip}}?(?<${ANCHORED_GROUP}>${compiled.rule.pattern.source})`, flags);
    cache.set(skip, regex);
  }
  return regex;
}
function createScanner(options) {
  const idOf = /* @__PURE__ */ new Map();
  const rulesOf = [];
  for (const [index, rule] of options.rules.entries()) {
    if (rule.keywords.length === 0) throw new RangeError(`Rule '${rule.id}' has no keywords.`);
    if (rule.startsBeforeKeyword && rule.multiline) {
      throw new RangeError(`Rule '${rule.id}' cannot be both multiline and startsBeforeKeyword.`);
    }
    const compiled = {
      rule,
      index,
      regex: new RegExp(rule.pattern.source, `g${rule.pattern.flags.includes("i") ? "i" : ""}`),
      secretGroups: [...rule.pattern.source.matchAll(/\(\?<(secret\w*)>/g)].map((g) => g[1]),
      anchored: rule.startsBeforeKeyword ? /* @__PURE__ */ new Map() : void 0,
      atKeyword: rule.atKeyword,
      before: rule.window?.before ?? WINDOW_BEFORE,
      after: rule.window?.after ?? WINDOW_AFTER,
      multiline: rule.multiline === true,
      reach: rule.multilineReach ?? MULTILINE_REACH
    };
    for (const keyword of rule.keywords) {
      const k = keyword.toLowerCase();
      let id = idOf.get(k);
      if (id === void 0) {
        id = rulesOf.length;
        idOf.set(k, id);
        rulesOf.push([]);
      }
      rulesOf[id]?.push(compiled);
    }
  }
  const matcher = new KeywordMatcher([...idOf.keys()]);
  const ruleCount = options.rules.length;
  const keywordLength = [...idOf.keys()].map((k) => k.length);
  function scan(fragment) {
    const text = fragment.text;
    const candidates = [];
    const seen = /* @__PURE__ */ new Set();
    const coveredUntil = new Int32Array(ruleCount).fill(-1);
    const triedUntil = new Int32Array(ruleCount).fill(-1);
    let lineStart = 0;
    let lineEnd = -1;
    let line = { text, lineStart, lineEnd };
    const findLine = (hit) => {
      lineStart = text.lastIndexOf("\n", hit) + 1;
      lineEnd = text.indexOf("\n", hit);
      if (lineEnd < 0) lineEnd = text.length;
      line = { text, lineStart, lineEnd };
    };
    matcher.scan(text, (hit, ids, end) => {
      for (const id of ids) {
        const keywordStart = end - keywordLength[id];
        for (const compiled of rulesOf[id] ?? []) {
          if (compiled.atKeyword !== void 0 && !compiled.atKeyword(text, keywordStart, end)) continue;
          if (hit > lineEnd) findLine(hit);
          if (compiled.anchored !== void 0) {
            const first = Math.max(
              lineStart,
              keywordStart - compiled.before,
              triedUntil[compiled.index] + 1
            );
            if (first > keywordStart) continue;
            const to2 = Math.min(lineEnd, keywordStart + compiled.after);
            const last = runAnchored(compiled, text, first, keywordStart, to2, line, fragment.path, candidates, seen);
            triedUntil[compiled.index] = last;
            continue;
          }
          const from = Math.max(lineStart, hit - compiled.before);
          const to = compiled.multiline ? Math.min(text.length, hit + compiled.reach) : Math.min(lineEnd, hit + compiled.after);
          const covered = coveredUntil[compiled.index];
          if (to <= covered || hit + COVER_MARGIN <= covered) continue;
          coveredUntil[compiled.index] = to;
          runRule(compiled, text, from, to, line, fragment.path, candidates, seen);
        }
      }
    });
    return toFindings(fragment, candidates, options);
  }
  return { scan };
}
function runRule(compiled, text, from, to, line, path, out, seen) {
  const start = Math.max(line.lineStart, from - LOOKBEHIND_REACH);
  const region = text.slice(start, to);
  const regex = compiled.regex;
  regex.lastIndex = from - start;
  for (let m = regex.exec(region); m !== null; m = regex.exec(region)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    if (!consider(compiled, m, m[0], start, m.index, region, line, path, out, seen)) {
      regex.lastIndex = m.index + 1;
    }
  }
}
function consider(compiled, m, own, from, matchStart, region, line, path, out, seen) {
  const { secret, offset } = secretOf(m, own, compiled.secretGroups);
  if (!secret) return false;
  const start = from + matchStart + offset;
  const key = `${compiled.rule.id}\0${start}`;
  if (seen.has(key)) return true;
  const rule = compiled.rule;
  const accepted = (rule.minEntropy === void 0 || shannonEntropy(secret) >= rule.minEntropy) && (!rule.validate || rule.validate({ secret, match: m, line: contextOf(rule, region, from + matchStart, own.length, line), path })) && (rule.placeholderFilter === false || !isPlaceholder(secret)) && !isKnownPublicValue(secret);
  if (!accepted) return false;
  seen.add(key);
  out.push({
    compiled,
    start,
    end: start + secret.length,
    secret,
    context: own,
    contextStart: from + matchStart
  });
  return true;
}
var LOOKBEHIND_REACH = 16;
function runAnchored(compiled, text, first, last, to, line, path, out, seen) {
  const from = Math.max(line.lineStart, first - LOOKBEHIND_REACH);
  const region = text.slice(from, to);
  let tried = last;
  let pos = first - from;
  const end = last - from;
  while (pos <= end) {
    const regex = anchoredRegex(compiled, end - pos === 0 ? 0 : 2 ** Math.ceil(Math.log2(end - pos)));
    regex.lastIndex = pos;
    const m = regex.exec(region);
    if (m === null) break;
    const own = m.groups?.[ANCHORED_GROUP] ?? "";
    const matchStart = m.index + m[0].length - own.length;
    if (matchStart > end) break;
    if (own.length === 0) {
      pos = matchStart + 1;
      continue;
    }
    const accepted = consider(compiled, m, own, from, matchStart, region, line, path, out, seen);
    pos = accepted ? matchStart + own.length : matchStart + 1;
    if (accepted) tried = Math.max(tried, from + pos - 1);
  }
  return tried;
}
var CONTEXT_REACH = 512;
function contextOf(rule, region, matchStart, matchLength, line) {
  if (rule.multiline) return region;
  const from = Math.max(line.lineStart, matchStart - CONTEXT_REACH);
  const to = Math.min(line.lineEnd, matchStart + matchLength + CONTEXT_REACH);
  return line.text.slice(from, to);
}
function secretOf(m, own, names) {
  const groups = m.groups;
  if (groups) {
    for (const name of names) {
      const value = groups[name];
      if (value !== void 0) {
        const offset = own.lastIndexOf(value);
        return { secret: value, offset: Math.max(0, offset) };
      }
    }
  }
  return { secret: own, offset: 0 };
}
function toFindings(fragment, candidates, options) {
  if (candidates.length === 0) return [];
  const text = fragment.text;
  candidates.sort((a, b) => a.start - b.start || a.compiled.index - b.compiled.index);
  const kept = [];
  for (const c of candidates) {
    const last = kept[kept.length - 1];
    if (last && c.start < last.end) {
      if (c.compiled.index < last.compiled.index) kept[kept.length - 1] = c;
      continue;
    }
    kept.push(c);
  }
  const findings = [];
  const locate = lineLocator(text);
  for (const [i, c] of kept.entries()) {
    const startPos = locate.position(c.start);
    const contextPos = locate.position(c.contextStart);
    const endPos = locate.position(c.end);
    const lineFrom = Math.max(c.contextStart - contextPos.column + 1, c.contextStart - ALLOW_REACH);
    const lineTo = Math.min(locate.lineEndAfter(c.end), c.end + ALLOW_REACH);
    const lineText = text.slice(lineFrom, lineTo);
    if (options.isAllowed?.({ ruleId: c.compiled.rule.id, secret: c.secret, path: fragment.path, line: lineText })) {
      continue;
    }
    const finding = {
      ruleId: c.compiled.rule.id,
      title: c.compiled.rule.title,
      path: fragment.path,
      line: fragment.startLine + startPos.line,
      column: startPos.column,
      endLine: fragment.startLine + endPos.line,
      endColumn: endPos.column,
      fingerprint: fingerprint(c.compiled.rule.id, fragment.path, c.secret),
      redacted: redactSnippet(c.context, secretsWithin(kept, i)),
      secret: c.secret,
      ...fragment.commit ? { commit: fragment.commit } : {}
    };
    findings.push(finding);
  }
  return findings;
}
function secretsWithin(kept, i) {
  const c = kept[i];
  const from = c.contextStart;
  const to = c.contextStart + c.context.length;
  const out = [c.secret];
  for (let j = i - 1; j >= 0 && kept[j].end > from; j--) out.push(kept[j].secret);
  for (let j = i + 1; j < kept.length && kept[j].start < to; j++)
    out.push(kept[j].secret);
  return out;
}
function lineLocator(text) {
  const starts = [0];
  let nextNewline = text.indexOf("\n");
  const advance = (offset) => {
    while (nextNewline >= 0 && nextNewline < offset) {
      starts.push(nextNewline + 1);
      nextNewline = text.indexOf("\n", nextNewline + 1);
    }
  };
  return {
    position(offset) {
      advance(offset);
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = lo + hi + 1 >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, column: offset - starts[lo] + 1 };
    },
    /** End of the line holding `offset` (the newline's index, or the text's length). */
    lineEndAfter(offset) {
      advance(offset);
      return nextNewline < 0 ? text.length : nextNewline;
    }
  };
}

// src/core/scan/engine.ts
function createEngine(options = {}) {
  const config = options.config ?? defaultConfig();
  const disabled = new Set(config.disabledRules);
  const unknown = [...disabled].filter((id) => !builtinRules.some((r) => r.id === id));
  if (unknown.length) {
    throw new RangeError(
      `Unknown rule id(s) in disabledRules: ${unknown.map((u) => `'${u}'`).join(", ")}; run 'leakstop rules' to list ids.`
    );
  }
  const custom = customRules(config);
  const customIds = new Set(custom.map((r) => r.id));
  const replaced = builtinRules.filter((r) => customIds.has(r.id) && !disabled.has(r.id)).map((r) => r.id);
  const notices = replaced.map(
    (id) => `Custom rule '${id}' replaces the built-in rule with that id; give it another id to keep both.`
  );
  const rules = [...builtinRules.filter((r) => !disabled.has(r.id) && !customIds.has(r.id)), ...custom];
  const suppressor = createSuppressor(config, options.ignoredFingerprints);
  const scanner = createScanner({ rules, isAllowed: suppressor.isAllowed });
  return {
    rules,
    notices,
    isPathIgnored: suppressor.isPathIgnored,
    scan(fragment) {
      if (suppressor.isPathIgnored(fragment.path)) return [];
      return scanner.scan(fragment).filter((f) => touchesAdded(f, fragment) && !suppressor.isFingerprintIgnored(f.fingerprint));
    }
  };
}
function touchesAdded(finding, fragment) {
  if (fragment.added === void 0) return true;
  return fragment.added.some(([first, last]) => finding.line <= last && finding.endLine >= first);
}
async function scanAll(engine, fragments, onFragment) {
  const findings = [];
  for await (const fragment of fragments) {
    onFragment?.(fragment);
    for (const f of engine.scan(fragment)) findings.push(f);
  }
  return findings;
}

export {
  parseIgnoreFile,
  parseIgnoreFileLines,
  fingerprint,
  createEngine,
  scanAll
};
