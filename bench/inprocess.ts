/**
 * `npm run bench -- inprocess`: the engine alone, one thread, in process, on the scan
 * section's corpus (files already in memory): the figure to compare with single-threaded
 * scanners such as ripgrep with a pattern list. Target: ≥ 150 MB/s.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

export async function inProcessSection(ctx: { readonly tmp: string }): Promise<void> {
  const corpus = join(ROOT, ".bench/corpus");
  if (!existsSync(corpus)) {
    console.log("inprocess: no corpus yet; run `npm run bench -- scan` first.");
    return;
  }
  const bundle = join(ctx.tmp, "inprocess-scan.mjs");
  const esbuild = join(ROOT, "node_modules/.bin/esbuild");
  const built = spawnSync(
    esbuild,
    [
      join(ROOT, "bench/inprocess-scan.ts"),
      "--bundle",
      "--platform=node",
      "--format=esm",
      `--outfile=${bundle}`,
      "--log-level=warning",
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  if (built.status !== 0) throw new Error("esbuild could not bundle bench/inprocess-scan.ts.");
  const run = spawnSync(process.execPath, [bundle, corpus], { encoding: "utf8", timeout: 300_000 });
  if (run.status !== 0) throw new Error(`in-process scan failed: ${run.stderr.split("\n")[0]}`);
  const r = JSON.parse(run.stdout.trim().split("\n").pop() as string) as {
    files: number;
    chars: number;
    seconds: number;
    findings: number;
    rules: number;
  };
  const mb = r.chars / (1024 * 1024);
  console.log(`inprocess: ${mb.toFixed(1)} MB (characters) in ${r.files} files, ${r.rules} rules, one thread`);
  console.log(
    `best of 3 passes after a warm-up: ${r.seconds.toFixed(2)} s, ${(mb / r.seconds).toFixed(1)} MB/s, ${r.findings} findings`,
  );
  console.log("target: ≥ 150 MB/s");
}
