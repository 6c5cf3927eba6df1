/**
 * Which commits a git scan covers: the repository check, range syntax, and revisions resolved
 * to commit shas before `git log` runs, so a typo fails with a clear message instead of an
 * empty scan, and `git log` only ever sees shas.
 */
import { stat } from "node:fs/promises";
import { type GitProcessOptions, gitMessage, runGit } from "./process.js";

/** Revisions whose history is scanned (`include`) and whose history is left out (`exclude`). */
export interface RevisionSet {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

/** A revision to resolve, and where it came from (for the error message). */
export interface RevisionSpec {
  readonly rev: string;
  /** E.g. `range 'main..HEAD'`, `exclude`. */
  readonly source: string;
}

/** A ref and the commit it points to (tags peeled). */
export interface GitRef {
  /** Full name, e.g. `refs/remotes/origin/main`. */
  readonly name: string;
  readonly sha: string;
}

/** What {@link checkRepository} learned. */
export interface RepositoryInfo {
  /** A shallow clone lacks old commits; worth saying when a revision is missing. */
  readonly shallow: boolean;
}

/**
 * Split a range: `BASE..HEAD` (HEAD's history without BASE's), `BASE..` / `..HEAD` (the missing
 * side is HEAD, as in git) or one revision (its whole history).
 */
export function parseRange(range: string): RevisionSet {
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

function checkRevision(rev: string, source: string): void {
  if (/[\n\r\0]/.test(rev)) {
    throw new RangeError(`Revision '${JSON.stringify(rev).slice(1, -1)}' in ${source} contains a control character.`);
  }
  if (/^(0{40}|0{64})$/.test(rev)) {
    throw new RangeError(
      `Revision '${rev}' in ${source} is the all-zero sha, which git uses for "no commit" (a new branch); resolve the base before scanning.`,
    );
  }
}

/** Check that `cwd` exists and is inside a git repository git can use. */
export async function checkRepository(options: GitProcessOptions): Promise<RepositoryInfo> {
  const info = await stat(options.cwd).catch(() => undefined);
  if (!info) throw new TypeError(`Path '${options.cwd}' does not exist; pass a repository path.`);
  if (!info.isDirectory()) throw new TypeError(`Path '${options.cwd}' is not a directory; pass a repository path.`);
  const result = await runGit(["rev-parse", "--is-shallow-repository"], options);
  if (result.exitCode === 0) return { shallow: result.stdout.trim() === "true" };
  if (/not a git repository/i.test(result.stderr)) {
    throw new TypeError(`'${options.cwd}' is not a git repository; run 'git init' or pass a repository path.`);
  }
  // E.g. "detected dubious ownership": git's own message says how to fix it.
  throw new Error(`Cannot read the git repository at '${options.cwd}': ${gitMessage(result.stderr)}`);
}

/**
 * Resolve revisions to commit shas with one `git cat-file --batch-check` (one process for any
 * number of refs; the names go through stdin). Throws a RangeError naming the first unknown one.
 */
export async function resolveCommits(
  specs: readonly RevisionSpec[],
  options: GitProcessOptions & { readonly shallow?: boolean },
): Promise<string[]> {
  if (specs.length === 0) return [];
  for (const spec of specs) checkRevision(spec.rev, spec.source);
  const input = specs.map((s) => `${s.rev}^{commit}\n`).join("");
  const result = await runGit(["cat-file", "--batch-check=%(objectname)"], { ...options, input });
  if (result.exitCode !== 0) throw new Error(`'git cat-file' failed: ${gitMessage(result.stderr)}`);
  const lines = result.stdout.split("\n");
  return specs.map((spec, i) => {
    const line = lines[i] ?? "";
    if (/^[0-9a-f]{40,64}$/.test(line)) return line;
    if (line.endsWith(" ambiguous")) {
      throw new RangeError(
        `Revision '${spec.rev}' in ${spec.source} is ambiguous; use a longer sha or a full ref name (refs/heads/…).`,
      );
    }
    const hint = options.shallow
      ? " (this clone is shallow: fetch more history, e.g. 'git fetch --unshallow' or actions/checkout with 'fetch-depth: 0')"
      : "";
    throw new RangeError(`Unknown revision '${spec.rev}' in ${spec.source}; fetch it or check the name${hint}.`);
  });
}

/**
 * Refs matching `patterns` (as `git for-each-ref`: `refs/remotes/origin/`, `refs/heads/*`) that
 * point to commits, e.g. to build an `exclude` list of "every other branch".
 */
export async function listRefs(patterns: readonly string[], options: GitProcessOptions): Promise<GitRef[]> {
  const format = "%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(refname)";
  const result = await runGit(["for-each-ref", `--format=${format}`, "--end-of-options", ...patterns], options);
  if (result.exitCode !== 0) throw new Error(`'git for-each-ref' failed: ${gitMessage(result.stderr)}`);
  const refs: GitRef[] = [];
  for (const line of result.stdout.split("\n")) {
    const [type, sha, peeledType, peeledSha, name] = line.split("\0");
    if (name === undefined || sha === undefined) continue;
    if (type === "commit") refs.push({ name, sha });
    else if (peeledType === "commit" && peeledSha) refs.push({ name, sha: peeledSha });
  }
  return refs;
}
