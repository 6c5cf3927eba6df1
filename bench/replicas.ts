/**
 * `npm run bench -- replicas [--deliveries=N]` (or LEAKSTOP_BENCH_DELIVERIES=N; default 1000):
 * the responder service under load, the embedded SQLite queue (one process) side by side with
 * the Azure Storage queue on Azurite with one and with three replicas. Bundles
 * bench/replicas-driver.ts (the load, Azurite, the GitHub and Key Vault doubles) and
 * test/e2e/server/child.ts (the service, production wiring) with esbuild and runs the driver
 * once per configuration. Counts and times only, never a value.
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

interface ReplicasResult {
  readonly deliveries: number;
  readonly distinct: number;
  readonly acknowledged: number;
  readonly refused: number;
  readonly ackP50: number;
  readonly ackP99: number;
  readonly sendSeconds: number;
  readonly drainSeconds: number;
  readonly lost: number;
  readonly twice: number;
  readonly dead: number;
  readonly peakRssKB: number;
  readonly totalRssKB: number;
  readonly githubRequests: number;
}

/** `--deliveries=N` on the bench's command line, else LEAKSTOP_BENCH_DELIVERIES, else 1000. */
function deliveries(argv: readonly string[]): number {
  const flag = argv.find((a) => a.startsWith("--deliveries="));
  const n = Number(flag ? flag.slice("--deliveries=".length) : (process.env.LEAKSTOP_BENCH_DELIVERIES ?? 1000));
  if (!Number.isInteger(n) || n < 10) throw new Error("replicas: --deliveries must be an integer ≥ 10");
  return n;
}

export async function replicasSection(ctx: { readonly tmp: string }): Promise<void> {
  const dir = join(ctx.tmp, "replicas");
  await mkdir(dir, { recursive: true });
  const driver = join(dir, "replicas-driver.mjs");
  const child = join(dir, "child.mjs");
  bundle("bench/replicas-driver.ts", driver);
  bundle("test/e2e/server/child.ts", child);
  const n = deliveries(process.argv.slice(2));
  console.log(
    `\n## replicas: ${n} signed secret_scanning_alert deliveries (10 % redelivered with the same id), concurrency 50\n` +
      "work per delivery: read the alert and its location from the GitHub double, value not in the vault (no rotation)\n",
  );
  const runs = [
    { name: "SQLite queue, 1 process", args: ["sqlite", "1"] },
    { name: "Azure Storage (Azurite), 1 replica", args: ["azure", "1"] },
    { name: "Azure Storage (Azurite), 3 replicas", args: ["azure", "3"] },
  ];
  const rows: string[][] = [];
  for (const run of runs) {
    const r = spawnSync(process.execPath, [driver, child, ...run.args], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 600_000,
      env: { ...process.env, BENCH_DELIVERIES: String(n) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = r.stdout.trim().split("\n").at(-1) ?? "";
    if (r.status !== 0 || !line.startsWith("{")) throw new Error(`replicas: ${run.name} failed (exit ${r.status})`);
    const x = JSON.parse(line) as ReplicasResult;
    const mb = (kb: number) => (kb / 1024).toFixed(0);
    rows.push([
      run.name,
      `${x.acknowledged}/${x.distinct}`,
      x.ackP50.toFixed(1),
      x.ackP99.toFixed(1),
      Math.round(x.deliveries / x.sendSeconds).toString(),
      Number.isNaN(x.drainSeconds) ? "not drained" : x.drainSeconds.toFixed(1),
      String(x.lost),
      String(x.twice),
      String(x.dead),
      run.args[1] === "1" ? mb(x.peakRssKB) : `${mb(x.peakRssKB)} (sum ${mb(x.totalRssKB)})`,
    ]);
  }
  const head = [
    "queue",
    "acked/distinct",
    "ack p50 ms",
    "ack p99 ms",
    "sent/s",
    "drain s",
    "lost",
    "twice",
    "dead",
    "peak RSS MB",
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(line(head));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
  console.log(
    "\ndrain s: from the first delivery sent to the last acknowledged one processed; lost: acknowledged, never processed;" +
      "\ntwice: a delivery id processed more than once; peak RSS: the largest replica (VmHWM), with the sum over replicas",
  );
}
