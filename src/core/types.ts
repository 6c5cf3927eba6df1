/**
 * Core data types. Data flows one way: source → fragments → findings → plan → actions → reports.
 */

/** A piece of text to scan, with enough context to locate a finding in its source. */
export interface Fragment {
  /** Path relative to the scanned root, `/`-separated. */
  readonly path: string;
  /** The text. For diffs: a run of consecutive added lines joined by `\n`. */
  readonly text: string;
  /** 1-based line number (in the new file) of the first line of `text`. */
  readonly startLine: number;
  /** Commit that added the text (git sources only). */
  readonly commit?: CommitInfo;
  /**
   * Diffs with context: the lines of `text` that were added, as inclusive `[first, last]` line
   * numbers; the others are context, scanned so a secret they complete is whole, but a finding
   * must touch an added line. Absent: every line was added (or the text is a whole file).
   */
  readonly added?: ReadonlyArray<readonly [number, number]>;
}

/** Metadata of the commit that introduced a fragment. */
export interface CommitInfo {
  readonly sha: string;
  readonly authorName: string;
  readonly authorEmail: string;
  /** ISO 8601 author date. */
  readonly date: string;
}

/** A rule's example strings, checked by one parameterized test. */
export interface RuleExamples {
  /** Lines (or files) in which the rule must find exactly the given secret. */
  readonly truePositives: ReadonlyArray<{ readonly text: string; readonly secret: string; readonly path?: string }>;
  /** Lines (or files) in which no rule may report anything. */
  readonly falsePositives: ReadonlyArray<{ readonly text: string; readonly path?: string }>;
}

/** What a validator sees: the secret and the whole regex match. */
export interface ValidationContext {
  readonly secret: string;
  readonly match: RegExpExecArray;
  /** The line (or window) the pattern ran on. */
  readonly line: string;
  readonly path: string;
}

/** A detection rule. Rules are data; the scanner compiles them once. */
export interface Rule {
  /** Stable id, kebab-case, e.g. `github-pat`. Used in SARIF `ruleId` and suppressions. */
  readonly id: string;
  /** Short human title, e.g. "GitHub personal access token". */
  readonly title: string;
  /**
   * Lower-case literals; at least one must occur (case-insensitively) near a match.
   * They are searched before any rule regex runs, which is what makes scanning fast.
   */
  readonly keywords: readonly string[];
  /**
   * The pattern. The secret is the first defined capture group whose name starts with
   * `secret`, or the whole match when there is none. Flags other than `i` are managed
   * by the scanner.
   */
  readonly pattern: RegExp;
  /** The pattern may span lines (PEM blocks, name/value pairs). */
  readonly multiline?: boolean;
  /** How far past a keyword a multi-line pattern may reach (default 16 KiB). */
  readonly multilineReach?: number;
  /**
   * How far before and after a keyword a match can lie (defaults 512 and 2048 characters). A
   * rule whose matches always sit close to their keyword says so, and the scanner examines
   * less of each line.
   */
  readonly window?: { readonly before: number; readonly after: number };
  /**
   * Every match starts at most `window.before` characters before a keyword occurrence and never
   * after it (the keyword is part of the match, e.g. a variable's name). The scanner then tries
   * only those start positions, each once per fragment, instead of every position of the window,
   * so a long line dense with the keyword stays linear. Single-line rules only.
   */
  readonly startsBeforeKeyword?: boolean;
  /**
   * A cheap check at each keyword occurrence (`text.slice(start, end)` is the keyword), before any
   * regex runs: return false when no match can hold this occurrence (for a name-based rule: the
   * name is not followed by an operator). Must never reject an occurrence a match could use.
   */
  readonly atKeyword?: (text: string, start: number, end: number) => boolean;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  readonly minEntropy?: number;
  /** Skip values that look like placeholders, templates or references (default true). */
  readonly placeholderFilter?: boolean;
  /** Extra validation: checksums, signatures, context. Return false to drop the match. */
  readonly validate?: (ctx: ValidationContext) => boolean;
  /** Where the format is documented. */
  readonly reference?: string;
  /** What a responder should know, e.g. that the provider credential needs regenerating. */
  readonly remediation?: string;
}

/** A secret found in a fragment. Never holds the value in a form that reaches a sink. */
export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly path: string;
  /** 1-based line where the secret starts. */
  readonly line: number;
  /** 1-based column where the secret starts. */
  readonly column: number;
  /** 1-based line where the secret ends (differs from `line` for multi-line secrets). */
  readonly endLine: number;
  /** 1-based column just after the last character of the secret, on `endLine`. */
  readonly endColumn: number;
  readonly commit?: CommitInfo;
  /** Commit-independent id: survives rebases and squash merges. */
  readonly fingerprint: string;
  /** The matched context with every secret replaced by a mask. Safe to print. */
  readonly redacted: string;
  /** The leaked value. Held for matching and masking only; reporters never read it. */
  readonly secret: string;
}
