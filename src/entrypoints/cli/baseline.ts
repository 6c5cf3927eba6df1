/**
 * `leakstop baseline [PATH] --reason TEXT`: scan as `leakstop scan` does, then append every
 * finding's fingerprint that the ignore file does not hold yet, with the reason. Running it again
 * adds nothing (ignored findings are not found again), so it is safe in a script.
 */
import { appendFile, readFile } from "node:fs/promises";
import { relative } from "node:path";
import { baselineLines } from "../../core/findings/baseline.js";
import type { CliIO } from "./run.js";
import { collectFindings } from "./scan.js";
import type { ScanSettings } from "./settings.js";

export async function runBaseline(
  settings: ScanSettings,
  reason: string,
  io: CliIO,
  workerScript?: URL,
): Promise<number> {
  if (reason.trim() === "") throw new TypeError("--reason is empty; say why these findings are accepted.");
  if (settings.path === "-") throw new TypeError("baseline needs a directory or repository, not standard input.");
  const { findings, notices, loaded, target } = await collectFindings(settings, io, workerScript);
  for (const n of notices) io.stderr(`leakstop: note: ${n}\n`);
  const lines = baselineLines(findings, reason, loaded.ignoredFingerprints);
  const name = relative(target.root, loaded.ignoreFile) || loaded.ignoreFile;
  if (lines.length === 0) {
    io.stderr(`leakstop: nothing to add; every finding is already in '${name}'.\n`);
    return 0;
  }
  const existing = await readFile(loaded.ignoreFile, "utf8").catch(() => "");
  const separator = existing === "" || existing.endsWith("\n") ? "" : "\n";
  await appendFile(loaded.ignoreFile, `${separator}${lines.join("\n")}\n`).catch((e: NodeJS.ErrnoException) => {
    throw new TypeError(
      `Cannot write the ignore file '${loaded.ignoreFile}' (${e.code ?? e.message}); check its permissions.`,
    );
  });
  io.stderr(`leakstop: added ${lines.length} fingerprint(s) to '${name}'; commit it so everyone skips them.\n`);
  return 0;
}
