/**
 * The guard for custom rules' patterns: a pattern that can backtrack catastrophically
 * (`acme_(a+)+$` takes seconds on 35 characters, and doubles with each one more) is refused
 * when the config loads, with a message naming the rule. JavaScript cannot interrupt a running
 * regex, so this must happen before any scan.
 *
 * The check is `safe-regex2`'s star height (a repetition inside a repetition: `(a+)+`,
 * `(\w+\s?)*`), a pure function of the pattern. It does not see overlapping alternatives under
 * one repetition (`(a|a)*b`); those are rarer in secret patterns, which are mostly anchored
 * prefixes and bounded classes.
 */
import safeRegex from "safe-regex2";

/** Drop lookbehind groups, which `safe-regex2`'s parser does not know (they cannot repeat anyway). */
function withoutLookbehinds(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith("(?<=", i) || source.startsWith("(?<!", i)) {
      let depth = 0;
      let inClass = false;
      for (; i < source.length; i++) {
        const c = source[i];
        if (c === "\\") i++;
        else if (inClass) inClass = c !== "]";
        else if (c === "[") inClass = true;
        else if (c === "(") depth++;
        else if (c === ")" && --depth === 0) break;
      }
      continue;
    }
    out += source[i];
  }
  return out;
}

/** Throw a RangeError naming rule `id` when `source` can backtrack catastrophically. */
export function assertLinearPattern(id: string, source: string): void {
  if (!safeRegex(withoutLookbehinds(source))) {
    throw new RangeError(
      `Custom rule '${id}': pattern '${source}' can backtrack catastrophically (a repetition inside a repetition); rewrite it so each character can be matched one way only, e.g. '(a+)+' as 'a+'.`,
    );
  }
}
