/** The job summary (`GITHUB_STEP_SUMMARY`), replaced by this step's Markdown. */
import { summary } from "@actions/core";

/** Append `markdown` to the job summary. */
export async function writeJobSummary(markdown: string): Promise<void> {
  await summary.addRaw(markdown).write();
}
