/**
 * The staged source: the lines `git commit` would add right now (the index against HEAD, or
 * against the empty tree before the first commit), as fragments. This is what a pre-commit
 * hook scans: not the work tree (unstaged edits are not committed) and not history.
 */
import { DiffParser } from "../../core/diff/parse.js";
import type { Fragment } from "../../core/types.js";
import { gitLines } from "./process.js";
import { checkRepository } from "./revisions.js";

/** Options for {@link stagedFragments}. */
export interface StagedOptions {
  /** A directory inside the repository. */
  readonly cwd: string;
  readonly gitPath?: string;
  readonly abortSignal?: AbortSignal;
}

/** `git diff --cached`, pinned against configuration that would change its output (as `range.ts`'s `git log`). */
const DIFF_ARGS: readonly string[] = [
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
  "--submodule=short",
];

export async function* stagedFragments(options: StagedOptions): AsyncGenerator<Fragment> {
  await checkRepository(options);
  const parser = new DiffParser();
  for await (const line of gitLines(DIFF_ARGS, options)) yield* parser.push(line);
  yield* parser.end();
}
