/** Test views of fragments. */
import type { Fragment } from "../../src/core/types.js";

/**
 * The added lines of a fragment (diffs with context carry other lines too), one entry per run of
 * added lines: `{ startLine, text }`, as a diff without context would have yielded them.
 */
export function addedRuns(fragment: Fragment): Array<{ startLine: number; text: string }> {
  const ranges = fragment.added ?? [[fragment.startLine, fragment.startLine + fragment.text.split("\n").length - 1]];
  const lines = fragment.text.split("\n");
  return ranges.map(([first, last]) => ({
    startLine: first,
    text: lines.slice(first - fragment.startLine, last - fragment.startLine + 1).join("\n"),
  }));
}
