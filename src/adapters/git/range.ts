/**
 * The git source: the lines added by each commit of a range, as fragments, streamed from
 * `git log -p` through the pure {@link DiffParser}.
 *
 * Merges. Each commit's own diff is scanned: a non-merge commit against its parent, so a secret
 * added and removed inside the range is still found, and the commits a merge brings in are in
 * the range themselves and are scanned once each. A two-parent merge is diffed with
 * `--diff-merges=remerge` (git ≥ 2.36): against the tree git's automatic merge would have made,
 * so its added lines are what the merge commit introduced by hand (conflict resolutions, "evil
 * merge" edits), in plain two-way diff form. Diffing against the first parent instead would
 * re-report every line of the merged branch (and none of the other parent's commits are missed
 * anyway); a combined diff (`--cc`) shows only lines new against every parent, judged by each
 * parent's diff alignment rather than by what a merge would really have produced. A resolved
 * conflict may show more added lines than were typed (the diff against the conflict markers is
 * not minimal): more to scan, nothing missed. git cannot remerge an octopus merge (it prints a
 * warning and no diff), so a second pass shows those (`--min-parents=3`) with
 * `--diff-merges=dense-combined`, whose lines new against every parent are the ones no parent brought.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DiffParser } from "../../core/diff/parse.js";
import type { CommitInfo, Fragment } from "../../core/types.js";
import { type GitProcessOptions, gitLineBatches, gitMessage, requireGit, runGit } from "./process.js";
import { checkRepository, parseRange, type RevisionSet, type RevisionSpec, resolveCommits } from "./revisions.js";
import { openSandbox, type Sandbox } from "./sandbox.js";
import { isLfsPointer, SkippedFiles } from "./skipped.js";

/** Options for {@link gitRangeFragments}. */
export interface GitRangeOptions {
  /** A directory inside the repository. */
  readonly cwd: string;
  /**
   * `BASE..HEAD` (commits reachable from HEAD but not from BASE), `BASE..`/`..HEAD` (the missing
   * side is HEAD) or one revision (its whole history). Default, when `include` is empty too: HEAD.
   */
  readonly range?: string;
  /** More revisions whose history is scanned. */
  readonly include?: readonly string[];
  /**
   * Revisions whose history is left out, e.g. every other branch (see `listRefs`) to scan only
   * the commits a push brings. Any number: they reach git through stdin.
   */
  readonly exclude?: readonly string[];
  /** Stops git; the generator then throws an `AbortError`. */
  readonly abortSignal?: AbortSignal;
  /** The git executable. Default `git`. */
  readonly gitPath?: string;
  /**
   * Called with each thing that could not be scanned (a binary file, a submodule, history a
   * shallow clone lacks), once per path.
   */
  readonly onNotice?: (text: string) => void;
  /** See `DiffParserOptions.maxFragmentChars`. */
  readonly maxFragmentChars?: number;
}

/** `--diff-merges=remerge` came in git 2.36. */
const MIN_GIT: readonly [number, number] = [2, 36];

/** Starts every commit header line; no diff line can (they start with `+`, `-`, ` `, `@`, `d`…). */
const MARKER = "\0leakstop-commit\0";
const FORMAT = "%x00leakstop-commit%x00%H%x00%an%x00%ae%x00%aI";

/**
 * Resolve the range to commit shas, failing with a clear message on a missing repository or an
 * unknown revision. Exported so callers can validate before they start other work.
 */
export async function resolveGitRange(options: GitRangeOptions): Promise<RevisionSet> {
  const { shallow } = await checkRepository(options);
  const specs = (revs: readonly string[], source: string): RevisionSpec[] => revs.map((rev) => ({ rev, source }));
  const fromRange = options.range === undefined ? { include: [], exclude: [] } : parseRange(options.range);
  const rangeSource = `range '${options.range}'`;
  const includeSpecs = [...specs(fromRange.include, rangeSource), ...specs(options.include ?? [], "include")];
  const byDefault = includeSpecs.length === 0;
  if (byDefault) includeSpecs.push({ rev: "HEAD", source: "the default range (HEAD)" });
  const excludeSpecs = [...specs(fromRange.exclude, rangeSource), ...specs(options.exclude ?? [], "exclude")];
  const git = { cwd: options.cwd, gitPath: options.gitPath, abortSignal: options.abortSignal, shallow };
  const include = await resolveCommits(includeSpecs, git).catch((error: unknown) => {
    if (!byDefault || !(error instanceof RangeError)) throw error;
    throw new RangeError(
      `The repository at '${options.cwd}' has no commits yet (HEAD names no commit); commit first or pass a range.`,
    );
  });
  return { include, exclude: await resolveCommits(excludeSpecs, git) };
}

/**
 * The fragments (runs of added lines, new-file line numbers) of every commit in the range, oldest
 * first; the hand-made lines of octopus merges (rare) come last, from a second pass.
 */
export async function* gitRangeFragments(options: GitRangeOptions): AsyncGenerator<Fragment> {
  const revisions = await resolveGitRange(options);
  await requireGit(MIN_GIT, options);
  const input = [...revisions.include, ...revisions.exclude.map((sha) => `^${sha}`)].map((r) => `${r}\n`).join("");
  // Everything that reads history runs in the sandbox: nothing the repository configures runs.
  const sandbox = await openSandbox(options);
  try {
    const base = { cwd: sandbox.cwd, env: sandbox.env, gitPath: options.gitPath, abortSignal: options.abortSignal };
    const notice = options.onNotice ?? (() => {});
    const skipped = new SkippedFiles(base, notice, sandbox.commonDir);
    const boundary = await shallowBoundary(sandbox);
    for (const merges of [["--diff-merges=remerge"], ["--min-parents=3", "--diff-merges=dense-combined"]]) {
      const parser = new DiffParser({ maxFragmentChars: options.maxFragmentChars, context: true });
      let revs = input;
      let rest: string[] = [];
      // A missing object (partial clone, pruned blob) stops git; the commits after it are read again.
      for (;;) {
        let last: string | undefined;
        try {
          const args = [...LOG_ARGS, ...merges, ...(rest.length > 0 ? ["--no-walk=unsorted"] : [])];
          for await (const batch of gitLineBatches(args, { ...base, input: revs })) {
            options.abortSignal?.throwIfAborted();
            for (const line of batch) {
              if (line.startsWith(MARKER)) {
                const commit = parseMarker(line);
                last = commit.sha;
                if (boundary.has(commit.sha)) notice(shallowNotice(commit.sha));
                const out = parser.startCommit(commit);
                if (out.length > 0) yield* checked(out, options);
                continue;
              }
              const out = parser.push(line);
              for (const fragment of out) {
                const lfs = isLfsPointer(fragment) ? await skipped.lfs(fragment) : undefined;
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
          if (object === undefined || last === undefined) throw error;
          notice(
            `commit ${last.slice(0, 7)} is only partly scanned: object ${object.slice(0, 12)} is missing (a partial clone or a pruned object); fetch it to scan the rest`,
          );
          if (rest.length === 0) rest = await commitOrder({ ...base, input }, merges);
          rest = rest.slice(rest.indexOf(last) + 1);
          if (rest.length === 0) break;
          // With --no-walk=unsorted, --reverse reverses the given order: give it newest first.
          revs = [...rest]
            .reverse()
            .map((sha) => `${sha}\n`)
            .join("");
        }
      }
      yield* checked(parser.end(), options);
    }
  } finally {
    await sandbox.dispose();
  }
}

/** The sha of the object a failed `git log` could not read, if that is why it failed. */
function missingObject(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : "";
  return /(?:unable to read|missing (?:blob|tree|object)|bad object) ([0-9a-f]{40,64})/.exec(message)?.[1];
}

/** The range's commits in the order `git log` shows them (oldest first), for a restart. */
async function commitOrder(git: GitProcessOptions, merges: readonly string[]): Promise<string[]> {
  const filter = merges.filter((m) => m.startsWith("--min-parents"));
  const result = await runGit(["rev-list", "--stdin", "--reverse", "--topo-order", ...filter], git);
  if (result.exitCode !== 0) throw new Error(`'git rev-list' failed: ${gitMessage(result.stderr)}`);
  return result.stdout.split("\n").filter((l) => l !== "");
}

/** The commits whose parents a shallow clone lacks (its `shallow` file, copied into the sandbox). */
async function shallowBoundary(sandbox: Sandbox): Promise<Set<string>> {
  const text = await readFile(join(sandbox.cwd, "shallow"), "utf8").catch(() => "");
  return new Set(text.split("\n").filter((l) => l !== ""));
}

function shallowNotice(sha: string): string {
  return `history before commit ${sha.slice(0, 7)} is missing (shallow clone): it is not scanned, and that commit's whole tree was scanned as added; fetch the full history (git fetch --unshallow) to scan it`;
}

/**
 * The fragments, stopping at an abort. git may have written everything and exited before the
 * abort, and then nothing else would notice it.
 */
function* checked(fragments: readonly Fragment[], options: GitRangeOptions): Generator<Fragment> {
  for (const fragment of fragments) {
    options.abortSignal?.throwIfAborted();
    yield fragment;
  }
  options.abortSignal?.throwIfAborted();
}

/**
 * `git log` pinned against configuration that would change its output: prefixes, relative
 * paths, colors, external diff and textconv drivers, signatures, `log.showRoot=false`.
 * Revisions come on stdin (`--stdin`), as shas only.
 */
const LOG_ARGS: readonly string[] = [
  // Non-ASCII names stay raw; names with control characters, quotes or backslashes are still C-quoted.
  "-c",
  "core.quotePath=false",
  "log",
  "--stdin",
  "--reverse",
  "--topo-order", // parents before children, whatever the commit dates say
  "--root", // the first commit's content too
  "--patch",
  // Three lines of context (git's default): a secret completed by added lines is whole in one
  // fragment (a key body pasted between existing BEGIN/END lines); only findings on added lines count.
  "--unified=3",
  "--find-renames", // a pure rename adds nothing; a rename with edits adds only the edits
  "--no-color",
  "--no-textconv",
  "--no-ext-diff",
  "--no-relative",
  "--src-prefix=a/",
  "--dst-prefix=b/",
  "--submodule=short",
  "--no-show-signature",
  "--no-notes",
  "--full-index", // whole blob ids on `index` lines: a binary file's blob is then read by id
  "--encoding=UTF-8",
  `--format=${FORMAT}`,
];

function parseMarker(line: string): CommitInfo {
  const [, , sha = "", authorName = "", authorEmail = "", date = ""] = line.split("\0");
  return { sha, authorName, authorEmail, date };
}
