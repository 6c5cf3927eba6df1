import { fingerprint } from "../findings/fingerprint.js";
import { redactSnippet } from "../findings/redact.js";
import { isKnownPublicValue } from "../rules/known.js";
import type { Finding, Fragment, Rule } from "../types.js";
import { shannonEntropy } from "../util/text.js";
import { KeywordMatcher } from "./keywords.js";
import { isPlaceholder } from "./placeholder.js";

/** How far around a keyword hit a single-line rule looks, on very long (minified) lines. */
const WINDOW_BEFORE = 512;
const WINDOW_AFTER = 2048;
/** How far after a keyword hit a multi-line rule (PEM block) may reach. */
const MULTILINE_REACH = 16_384;
/** A hit this far inside an examined window needs no window of its own (longer than any one-line secret). */
const COVER_MARGIN = 384;
/** How far around a secret an allow comment is looked for on very long lines. */
const ALLOW_REACH = 4096;

interface CompiledRule {
  readonly rule: Rule;
  /** Position in the rule list: indexes the per-fragment bookkeeping arrays. */
  readonly index: number;
  readonly regex: RegExp;
  /** Names of the capture groups that hold the secret, in pattern order. */
  readonly secretGroups: readonly string[];
  /** For `startsBeforeKeyword` rules: sticky regexes that may skip up to `k` characters, by `k`. */
  readonly anchored: Map<number, RegExp> | undefined;
  // The rule's settings the per-hit loop reads, copied here with their defaults: rules are
  // objects of many shapes, and reading them on every keyword hit was a megamorphic lookup.
  readonly atKeyword: Rule["atKeyword"] | undefined;
  readonly before: number;
  readonly after: number;
  readonly multiline: boolean;
  readonly reach: number;
}

/** The group that holds an anchored rule's own match, after the characters it skipped. */
const ANCHORED_GROUP = "lsMatch";

/** A sticky regex that matches `rule.pattern` starting 0 to `skip` characters after `lastIndex`. */
function anchoredRegex(compiled: CompiledRule, skip: number): RegExp {
  const cache = compiled.anchored as Map<number, RegExp>;
  let regex = cache.get(skip);
  if (!regex) {
    const flags = `y${compiled.rule.pattern.flags.includes("i") ? "i" : ""}`;
    regex = new RegExp(`[\\s\\S]{0,${skip}}?(?<${ANCHORED_GROUP}>${compiled.rule.pattern.source})`, flags);
    cache.set(skip, regex);
  }
  return regex;
}

/** Options for {@link createScanner}. */
export interface ScannerOptions {
  readonly rules: readonly Rule[];
  /** Return true to drop a candidate (allowlists, stopwords). Called before a finding is built. */
  readonly isAllowed?: (candidate: { ruleId: string; secret: string; path: string; line: string }) => boolean;
}

/** Finds secrets in fragments. Pure and synchronous: no I/O, no clock. */
export interface Scanner {
  scan(fragment: Fragment): Finding[];
}

interface Candidate {
  readonly compiled: CompiledRule;
  readonly start: number;
  readonly end: number;
  readonly secret: string;
  readonly context: string;
  readonly contextStart: number;
}

/**
 * Compile rules into a scanner. All keywords go into one Aho–Corasick automaton that makes a
 * single pass over each fragment; rule regexes run only on the lines (or short windows of long
 * lines) around keyword hits, which keeps the cost proportional to the number of hits, not to
 * rules × bytes.
 */
export function createScanner(options: ScannerOptions): Scanner {
  const idOf = new Map<string, number>();
  const rulesOf: CompiledRule[][] = [];
  for (const [index, rule] of options.rules.entries()) {
    if (rule.keywords.length === 0) throw new RangeError(`Rule '${rule.id}' has no keywords.`);
    if (rule.startsBeforeKeyword && rule.multiline) {
      throw new RangeError(`Rule '${rule.id}' cannot be both multiline and startsBeforeKeyword.`);
    }
    const compiled: CompiledRule = {
      rule,
      index,
      regex: new RegExp(rule.pattern.source, `g${rule.pattern.flags.includes("i") ? "i" : ""}`),
      secretGroups: [...rule.pattern.source.matchAll(/\(\?<(secret\w*)>/g)].map((g) => g[1] as string),
      anchored: rule.startsBeforeKeyword ? new Map<number, RegExp>() : undefined,
      atKeyword: rule.atKeyword,
      before: rule.window?.before ?? WINDOW_BEFORE,
      after: rule.window?.after ?? WINDOW_AFTER,
      multiline: rule.multiline === true,
      reach: rule.multilineReach ?? MULTILINE_REACH,
    };
    for (const keyword of rule.keywords) {
      const k = keyword.toLowerCase();
      let id = idOf.get(k);
      if (id === undefined) {
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

  function scan(fragment: Fragment): Finding[] {
    const text = fragment.text;
    const candidates: Candidate[] = [];
    const seen = new Set<string>();
    // Per rule (by index), the end of the last region already examined, so overlapping windows
    // are not rescanned; per anchored rule, the last start position already tried. Typed arrays,
    // not maps: they are read on every keyword hit.
    const coveredUntil = new Int32Array(ruleCount).fill(-1);
    const triedUntil = new Int32Array(ruleCount).fill(-1);
    // The current line's bounds, found once per line (not per hit) so long lines stay linear.
    let lineStart = 0;
    let lineEnd = -1;
    let line = { text, lineStart, lineEnd };
    // Found lazily, at the first hit a rule's `atKeyword` lets through: most hits stop there.
    const findLine = (hit: number): void => {
      lineStart = text.lastIndexOf("\n", hit) + 1;
      lineEnd = text.indexOf("\n", hit);
      if (lineEnd < 0) lineEnd = text.length;
      line = { text, lineStart, lineEnd };
    };
    matcher.scan(text, (hit, ids, end) => {
      for (const id of ids) {
        const keywordStart = end - (keywordLength[id] as number);
        for (const compiled of rulesOf[id] ?? []) {
          if (compiled.atKeyword !== undefined && !compiled.atKeyword(text, keywordStart, end)) continue;
          if (hit > lineEnd) findLine(hit);
          if (compiled.anchored !== undefined) {
            // Only start positions not tried yet for this rule, from `before` ahead of the keyword up to it.
            const first = Math.max(
              lineStart,
              keywordStart - compiled.before,
              (triedUntil[compiled.index] as number) + 1,
            );
            if (first > keywordStart) continue;
            const to = Math.min(lineEnd, keywordStart + compiled.after);
            const last = runAnchored(compiled, text, first, keywordStart, to, line, fragment.path, candidates, seen);
            triedUntil[compiled.index] = last;
            continue;
          }
          const from = Math.max(lineStart, hit - compiled.before);
          const to = compiled.multiline
            ? Math.min(text.length, hit + compiled.reach)
            : Math.min(lineEnd, hit + compiled.after);
          // Skip a hit whose surroundings were just examined for this rule: the window ends where
          // the last one did, or reaches well past it. This keeps a line of a million keywords linear.
          const covered = coveredUntil[compiled.index] as number;
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

function runRule(
  compiled: CompiledRule,
  text: string,
  from: number,
  to: number,
  line: { readonly text: string; readonly lineStart: number; readonly lineEnd: number },
  path: string,
  out: Candidate[],
  seen: Set<string>,
): void {
  // The region starts a little before `from` so that lookbehinds see the real text there (a
  // token's boundary check must not take the window's edge for the start of a word).
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
      // A rejected match may hide an accepted one that starts inside it (an unquoted
      // `token = process.env.TOKEN` before `|| "fallback"`): search again from the next character.
      regex.lastIndex = m.index + 1;
    }
  }
}

/**
 * Judge one match (`own` is its text, starting at `matchStart` in the region that begins at
 * `from`): entropy, placeholders, the rule's validator, public values. Adds the candidate and
 * returns true when it is accepted.
 */
function consider(
  compiled: CompiledRule,
  m: RegExpExecArray,
  own: string,
  from: number,
  matchStart: number,
  region: string,
  line: { readonly text: string; readonly lineStart: number; readonly lineEnd: number },
  path: string,
  out: Candidate[],
  seen: Set<string>,
): boolean {
  const { secret, offset } = secretOf(m, own, compiled.secretGroups);
  if (!secret) return false;
  const start = from + matchStart + offset;
  const key = `${compiled.rule.id}\u0000${start}`;
  if (seen.has(key)) return true;
  const rule = compiled.rule;
  // Every check must pass, so the order only decides the cost: the rule's own validator first
  // (it rejects most generic-assignment matches by their name alone, from a cache), then the
  // placeholder list, which tries dozens of markers and patterns.
  const accepted =
    (rule.minEntropy === undefined || shannonEntropy(secret) >= rule.minEntropy) &&
    (!rule.validate ||
      rule.validate({ secret, match: m, line: contextOf(rule, region, from + matchStart, own.length, line), path })) &&
    (rule.placeholderFilter === false || !isPlaceholder(secret)) &&
    !isKnownPublicValue(secret);
  if (!accepted) return false;
  seen.add(key);
  out.push({
    compiled,
    start,
    end: start + secret.length,
    secret,
    context: own,
    contextStart: from + matchStart,
  });
  return true;
}

/** How far before a region an anchored rule's lookbehinds may look. */
const LOOKBEHIND_REACH = 16;

/**
 * Run a `startsBeforeKeyword` rule: try each start position in `[first, last]` once (a sticky
 * regex that may skip ahead), letting matches reach `to`. Returns the last position tried.
 */
function runAnchored(
  compiled: CompiledRule,
  text: string,
  first: number,
  last: number,
  to: number,
  line: { readonly text: string; readonly lineStart: number; readonly lineEnd: number },
  path: string,
  out: Candidate[],
  seen: Set<string>,
): number {
  const from = Math.max(line.lineStart, first - LOOKBEHIND_REACH);
  const region = text.slice(from, to);
  let tried = last;
  let pos = first - from;
  const end = last - from;
  while (pos <= end) {
    // Skips are rounded up to a power of two, so a rule compiles at most a handful of variants
    // (each compilation costs); a match found past `end` only says none starts before it.
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
    // Matches do not overlap (as with a global regex); a rejected one may hide one that starts inside it.
    pos = accepted ? matchStart + own.length : matchStart + 1;
    if (accepted) tried = Math.max(tried, from + pos - 1);
  }
  return tried;
}

/** How much of a long line around a match a validator sees. */
const CONTEXT_REACH = 512;

/**
 * What a validator sees as "the line": the line of the match (clipped to ±512 characters on
 * minified lines, so context from far away cannot validate a match), or a multi-line rule's region.
 */
function contextOf(
  rule: Rule,
  region: string,
  matchStart: number,
  matchLength: number,
  line: { readonly text: string; readonly lineStart: number; readonly lineEnd: number },
): string {
  if (rule.multiline) return region;
  const from = Math.max(line.lineStart, matchStart - CONTEXT_REACH);
  const to = Math.min(line.lineEnd, matchStart + matchLength + CONTEXT_REACH);
  return line.text.slice(from, to);
}

/** The secret of a match: the first defined group named `secret…`, else the whole match. */
function secretOf(m: RegExpExecArray, own: string, names: readonly string[]): { secret: string; offset: number } {
  const groups = m.groups;
  if (groups) {
    for (const name of names) {
      const value = groups[name];
      if (value !== undefined) {
        // `d` (indices) would give the exact offset, but costs on every match; the secret is
        // almost always unique inside its own match, so search for it from the right.
        const offset = own.lastIndexOf(value);
        return { secret: value, offset: Math.max(0, offset) };
      }
    }
  }
  return { secret: own, offset: 0 };
}

function toFindings(fragment: Fragment, candidates: Candidate[], options: ScannerOptions): Finding[] {
  if (candidates.length === 0) return [];
  const text = fragment.text;
  // When two rules claim the same span, keep the more specific one (the earlier rule in the
  // list: providers come before generic assignments) so one secret is one finding.
  candidates.sort((a, b) => a.start - b.start || a.compiled.index - b.compiled.index);
  // Sorted by start, so a candidate can only overlap the last one kept.
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const last = kept[kept.length - 1];
    if (last && c.start < last.end) {
      if (c.compiled.index < last.compiled.index) kept[kept.length - 1] = c;
      continue;
    }
    kept.push(c);
  }
  const findings: Finding[] = [];
  const locate = lineLocator(text);
  for (const [i, c] of kept.entries()) {
    const startPos = locate.position(c.start);
    const contextPos = locate.position(c.contextStart);
    const endPos = locate.position(c.end);
    // The lines from the match's start to the secret's end (capped on minified lines): an
    // allow comment on any of them counts.
    const lineFrom = Math.max(c.contextStart - contextPos.column + 1, c.contextStart - ALLOW_REACH);
    const lineTo = Math.min(locate.lineEndAfter(c.end), c.end + ALLOW_REACH);
    const lineText = text.slice(lineFrom, lineTo);
    if (options.isAllowed?.({ ruleId: c.compiled.rule.id, secret: c.secret, path: fragment.path, line: lineText })) {
      continue;
    }
    const finding: Finding = {
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
      ...(fragment.commit ? { commit: fragment.commit } : {}),
    };
    findings.push(finding);
  }
  return findings;
}

/** The secrets whose spans touch candidate `i`'s matched context (its own among them). */
function secretsWithin(kept: readonly Candidate[], i: number): string[] {
  const c = kept[i] as Candidate;
  const from = c.contextStart;
  const to = c.contextStart + c.context.length;
  const out = [c.secret];
  // Kept candidates do not overlap and are sorted, so their ends increase too.
  for (let j = i - 1; j >= 0 && (kept[j] as Candidate).end > from; j--) out.push((kept[j] as Candidate).secret);
  for (let j = i + 1; j < kept.length && (kept[j] as Candidate).start < to; j++)
    out.push((kept[j] as Candidate).secret);
  return out;
}

/**
 * Offsets → 0-based line and 1-based column (UTF-16 code units, SARIF's default). Newlines are
 * counted once, lazily, so many findings in a large fragment cost one pass.
 */
function lineLocator(text: string) {
  const starts = [0];
  let nextNewline = text.indexOf("\n");
  const advance = (offset: number) => {
    while (nextNewline >= 0 && nextNewline < offset) {
      starts.push(nextNewline + 1);
      nextNewline = text.indexOf("\n", nextNewline + 1);
    }
  };
  return {
    position(offset: number): { line: number; column: number } {
      advance(offset);
      // Binary search: the last line start at or before the offset.
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, column: offset - (starts[lo] as number) + 1 };
    },
    /** End of the line holding `offset` (the newline's index, or the text's length). */
    lineEndAfter(offset: number): number {
      advance(offset);
      return nextNewline < 0 ? text.length : nextNewline;
    },
  };
}
