/** Step outputs (written to `GITHUB_OUTPUT` by @actions/core). */
import { setOutput } from "@actions/core";

/** Set each output; values are strings, as the runner stores them. */
export function setOutputs(values: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(values)) setOutput(name, value);
}
