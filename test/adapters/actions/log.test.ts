/**
 * Workflow command injection: every line the Action prints through `info` is read by the runner
 * as a possible command. Hostile text (a config's secret name with line breaks, an error
 * message) must yield no line the runner would execute.
 */
import { describe, expect, it } from "vitest";
import { info, neutralizeCommands } from "../../../src/adapters/actions/log.js";

/**
 * Lines the runner would take for a command: `::` after leading spaces (as .NET's `TrimStart`
 * has them: JavaScript's whitespace plus NEL), or `##[` anywhere.
 */
function commands(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/).filter((l) => l.replace(/^[\s\u0085]+/, "").startsWith("::") || l.includes("##["));
}

/** What `fn` writes to stdout (the runner's view). */
function stdoutOf(fn: () => void): string {
  const write = process.stdout.write;
  let out = "";
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  }) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = write;
  }
  return out;
}

const HOSTILE = [
  "app-db\n::set-output name=rotated::[]\n::error::pwned\n::add-mask::",
  "x\r::stop-commands::token\r\n  ::warning file=a::b",
  "prefix ##[set-output name=x;]y",
  "::notice::at the start",
  "\t ::group::indented",
  "mapping\n\u0085::error::behind a NEL",
  "x\n\u2028\u00a0::add-mask::behind other spaces",
];

describe("info", () => {
  it.each(HOSTILE)("prints %j with no line the runner would execute", (text) => {
    const out = stdoutOf(() => info(`leakstop: mapping to secret '${text}' names no vault.`));
    expect(commands(out)).toEqual([]);
    expect(stdoutOf(() => info(text))).not.toBe("");
    expect(commands(stdoutOf(() => info(text)))).toEqual([]);
  });

  it("leaves ordinary text and its line breaks alone", () => {
    expect(neutralizeCommands("Scanning 3 commit(s):\n  a.txt: 1 finding")).toBe(
      "Scanning 3 commit(s):\n  a.txt: 1 finding",
    );
  });
});
