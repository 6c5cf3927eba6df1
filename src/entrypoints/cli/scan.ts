/** `leakstop scan`: wire the file or git source, the engine and a reporter. */
import { lstat, writeFile } from "node:fs/promises";
import { loadConfig } from "../../adapters/fs/config.js";
import { fileFragments, scanRoot } from "../../adapters/fs/files.js";
import { scanFilesInParallel } from "../../adapters/fs/parallel.js";
import { gitRangeFragments } from "../../adapters/git/range.js";
import { render } from "../../core/report/index.js";
import { createEngine, scanAll } from "../../core/scan/engine.js";
import type { Finding, Fragment } from "../../core/types.js";
import { VERSION } from "../../version.js";
import type { CliIO } from "./run.js";
import type { ScanSettings } from "./settings.js";

const PROGRESS_EVERY_MS = 200;

export async function runScan(settings: ScanSettings, io: CliIO, workerScript?: URL): Promise<number> {
  const info = await lstat(settings.path).catch(() => undefined);
  if (!info) throw new TypeError(`Path '${settings.path}' does not exist; pass a file or directory to scan.`);
  const isDirectory = info.isDirectory();
  const root = scanRoot(settings.path, isDirectory);
  const loaded = await loadConfig(root, settings.config);
  const engine = createEngine({ config: loaded.config, ignoredFingerprints: loaded.ignoredFingerprints });
  const notices: string[] = [];
  const fileOptions = {
    path: settings.path,
    maxFileSizeInBytes: loaded.config.maxFileSizeInMB * 1024 * 1024,
    includeNodeModules: settings.includeNodeModules,
    isPathIgnored: engine.isPathIgnored,
    onNotice: (n: string) => notices.push(n),
  };
  const progress = settings.progress ? progressLine(io, settings.git) : undefined;
  let findings: Finding[];
  try {
    if (!settings.git && isDirectory && workerScript && settings.jobs > 1) {
      findings = await scanFilesInParallel({
        ...fileOptions,
        isDirectory,
        config: loaded.config,
        ignoredFingerprints: loaded.ignoredFingerprints,
        workerScript,
        jobs: settings.jobs,
        ...(progress ? { onProgress: progress.set } : {}),
      });
    } else {
      const fragments: AsyncIterable<Fragment> = settings.git
        ? gitRangeFragments({ cwd: root, ...(settings.range !== undefined ? { range: settings.range } : {}) })
        : fileFragments(fileOptions, isDirectory);
      findings = await scanAll(engine, fragments, progress?.tick);
    }
  } finally {
    progress?.done();
  }

  const report = render(settings.format, findings, {
    toolVersion: VERSION,
    rules: engine.rules,
    notices,
    color: settings.color,
  });
  if (settings.output !== undefined) {
    await writeFile(settings.output, report);
    const files = new Set(findings.map((f) => f.path)).size;
    io.stderr(
      findings.length
        ? `leakstop: ${findings.length} finding(s) in ${files} file(s); report written to ${settings.output}\n`
        : `leakstop: no secrets found; report written to ${settings.output}\n`,
    );
  } else {
    io.stdout(report);
  }
  return findings.length > 0 ? 1 : 0;
}

/** A single self-overwriting progress line on stderr (only when stderr is a terminal). */
function progressLine(io: CliIO, git: boolean) {
  let count = 0;
  let bytes = 0;
  let last = 0;
  const unit = git ? "fragments" : "files";
  const show = () => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    io.stderr(`\r\x1b[2Kscanning: ${count} ${unit}, ${(bytes / 1048576).toFixed(1)} MB`);
  };
  return {
    tick(fragment: Fragment) {
      count++;
      bytes += fragment.text.length;
      show();
    },
    set(files: number, total: number) {
      count = files;
      bytes = total;
      show();
    },
    done() {
      if (last > 0) io.stderr("\r\x1b[2K");
    },
  };
}
