/**
 * `npm run bench -- faults`: the fault-and-load suite. Bundles bench/faults-driver.ts (the
 * scenario, with the Key Vault and GitHub doubles) and test/e2e/server/child.ts (the service
 * with production wiring) with esbuild, runs the driver, and prints what happened side by side
 * with the targets. Counts only, never a value.
 */
import { spawnSync } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

function bundle(entry: string, outfile: string): void {
  const built = spawnSync(
    join(ROOT, "node_modules/.bin/esbuild"),
    [
      join(ROOT, entry),
      "--bundle",
      "--platform=node",
      "--target=node24",
      "--format=esm",
      `--outfile=${outfile}`,
      "--log-level=error",
      "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    ],
    { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] },
  );
  if (built.status !== 0) throw new Error(`bundling ${entry} failed (see above)`);
}

interface FaultResult {
  readonly alerts: number;
  readonly deliveries: number;
  readonly redeliveries: number;
  readonly acknowledged: number;
  readonly lost: number;
  readonly doubleRotations: number;
  readonly duplicateIssues: number;
  readonly issues: number;
  readonly leaksLive: number;
  readonly resolved: number;
  readonly dead: number;
  readonly sigkills: number;
  readonly kvRequests: number;
  readonly githubRequests: number;
  readonly seconds: number;
  readonly settled: boolean;
}

export async function faultsSection(ctx: { readonly tmp: string }): Promise<void> {
  const dir = join(ctx.tmp, "faults");
  await mkdir(dir, { recursive: true });
  const driver = join(dir, "faults-driver.mjs");
  const child = join(dir, "child.mjs");
  bundle("bench/faults-driver.ts", driver);
  bundle("test/e2e/server/child.ts", child);
  console.log("\n## faults: the service under Key Vault and GitHub faults and three SIGKILLs\n");
  const run = spawnSync(process.execPath, [driver, child], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 300_000,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = run.stdout.trim().split("\n").at(-1) ?? "";
  if (run.status !== 0 || !line.startsWith("{")) throw new Error(`the fault run failed (exit ${run.status})`);
  const r = JSON.parse(line) as FaultResult;
  const rows: Array<[string, string, string]> = [
    ["alerts (each delivered twice, a quarter redelivered)", String(r.alerts), ""],
    ["deliveries (ids) acknowledged", `${r.acknowledged} of ${r.deliveries}`, "all"],
    ["redeliveries of an id already sent", String(r.redeliveries), ""],
    ["acknowledged but lost", String(r.lost), "0"],
    ["double rotations (secrets with > 1 new version)", String(r.doubleRotations), "0"],
    ["duplicate issues", String(r.duplicateIssues), "0"],
    ["leaks left live (leaked version enabled)", String(r.leaksLive), "0"],
    ["alerts resolved as revoked", `${r.resolved} of ${r.alerts}`, "all"],
    ["deliveries dead-lettered", String(r.dead), "0"],
    ["SIGKILLs", String(r.sigkills), "3"],
    ["Key Vault / GitHub requests", `${r.kvRequests} / ${r.githubRequests}`, ""],
    ["wall time", `${r.seconds} s${r.settled ? "" : " (queue did not settle)"}`, ""],
  ];
  const w = Math.max(...rows.map((x) => x[0].length));
  console.log(`| ${"".padEnd(w)} | measured | target |`);
  console.log(`| ${"-".repeat(w)} | -------: | -----: |`);
  for (const [k, v, t] of rows) console.log(`| ${k.padEnd(w)} | ${v.padStart(8)} | ${t.padStart(6)} |`);
}
