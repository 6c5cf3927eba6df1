/**
 * `npm run bench [-- SECTION...] [-- --no-build]`: benchmark sections, each printing its own
 * table. Every tool runs as its own child process under `/usr/bin/time`, so wall time and
 * peak RSS are the whole process's, start-up included. Nothing here reaches the network, and
 * no secret is printed: only counts.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
// Node runs .ts imports as written; tsconfig lacks allowImportingTsExtensions (TS5097).
import { actionColdStartSection } from "./coldstart.ts";
import { type Corpus, ensureCorpus, PLANTED_KINDS, type Planted, warmPageCache } from "./corpus.ts";
import { faultsSection } from "./faults.ts";
import { ensureHistory } from "./history.ts";
import { inProcessSection } from "./inprocess.ts";
import { replicasSection } from "./replicas.ts";
import { vaultSection } from "./vault.ts";
import { webhookSection } from "./webhook.ts";

const ROOT = resolve(import.meta.dirname, "..");
const BENCH_DIR = join(ROOT, ".bench");
const MB = 1024 * 1024;
/** No single child may run longer than this: the whole bench must stay within minutes. */
const CHILD_TIMEOUT_IN_MS = 120_000;

/** What every section gets. */
interface Context {
  /** A temporary directory, removed after the run. */
  readonly tmp: string;
}

/** A benchmark section: prints its own heading and tables. */
interface Section {
  readonly name: string;
  run(ctx: Context): Promise<void>;
}

/** Sections in the order they run; `npm run bench -- scan` runs only the named ones. */
const SECTIONS: readonly Section[] = [
  { name: "scan", run: scanSection },
  { name: "inprocess", run: inProcessSection },
  { name: "history", run: historySection },
  { name: "action", run: actionColdStartSection },
  { name: "webhook", run: webhookSection },
  { name: "faults", run: faultsSection },
  { name: "replicas", run: replicasSection },
  { name: "vault", run: (ctx) => vaultSection(ctx, printTable) },
];

// ---------------------------------------------------------------- measuring

interface Measured {
  readonly wallSeconds: number;
  /** Peak resident set size in KB, undefined when /usr/bin/time is missing. */
  readonly peakRssKB: number | undefined;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** Last lines of stderr, for error messages (the tools print no secret there). */
  readonly stderrTail: string;
}

const HAS_TIME = existsSync("/usr/bin/time");

/** Run a command in its own process group (so a timeout can end all of it), measured. */
async function measure(tmp: string, command: string, args: readonly string[]): Promise<Measured> {
  const timeFile = join(tmp, "time.txt");
  await rm(timeFile, { force: true });
  const argv = HAS_TIME ? ["/usr/bin/time", "-f", "%e %M", "-o", timeFile, command, ...args] : [command, ...args];
  const started = performance.now();
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  }, CHILD_TIMEOUT_IN_MS);
  const exitCode = await new Promise<number | null>((done, fail) => {
    child.on("error", fail);
    child.on("close", (code) => done(code));
  });
  clearTimeout(timer);
  let wallSeconds = (performance.now() - started) / 1000;
  let peakRssKB: number | undefined;
  if (HAS_TIME && !timedOut) {
    // GNU time prints "Command exited with non-zero status N" before the format line.
    const last = (await readFile(timeFile, "utf8")).trim().split("\n").pop() ?? "";
    const [e, m] = last.split(" ").map(Number);
    if (Number.isFinite(e) && Number.isFinite(m)) [wallSeconds, peakRssKB] = [e as number, m as number];
  }
  return { wallSeconds, peakRssKB, exitCode, timedOut, stderrTail: stderr.trim().split("\n").slice(-3).join("\n") };
}

/** A tool run: a Node script, its arguments, and the report file it must write. */
interface ToolRun {
  readonly name: string;
  readonly args: readonly string[];
  readonly report: string;
}

/** Timing of a tool over several runs. */
interface Timing {
  /** Best (lowest) wall time. */
  readonly wallSeconds: number;
  /** Highest peak RSS seen, in KB. */
  readonly peakRssKB: number | undefined;
}

/**
 * Run every tool `runs` times, round-robin so a noisy neighbour slows all of them alike. Exit
 * status 1 means "findings" for both tools, but also "crashed" for Node, so a run counts only
 * if it wrote its report.
 */
async function timeTools(tmp: string, runs: number, tools: readonly ToolRun[]): Promise<Map<string, Timing>> {
  const timings = new Map<string, Timing>();
  for (let i = 0; i < runs; i++) {
    for (const tool of tools) {
      await rm(tool.report, { force: true });
      const m = await measure(tmp, process.execPath, tool.args);
      if (m.timedOut) throw new Error(`${tool.name} took over ${CHILD_TIMEOUT_IN_MS / 1000} s`);
      if ((m.exitCode !== 0 && m.exitCode !== 1) || !existsSync(tool.report)) {
        throw new Error(`${tool.name} exited with ${m.exitCode} and wrote no report: ${m.stderrTail}`);
      }
      const before = timings.get(tool.name);
      timings.set(tool.name, {
        wallSeconds: Math.min(before?.wallSeconds ?? Number.POSITIVE_INFINITY, m.wallSeconds),
        peakRssKB: m.peakRssKB === undefined ? before?.peakRssKB : Math.max(before?.peakRssKB ?? 0, m.peakRssKB),
      });
    }
  }
  return timings;
}

// ---------------------------------------------------------------- printing

/** Print rows as aligned columns; numbers right-aligned. */
function printTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (/^[\d.,/×%() ]+$/.test(c) && i > 0 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);
const rssMB = (kb: number | undefined) => (kb === undefined ? "n/a" : fixed(kb / 1024, 0));
const share = (found: number, total: number) => `${found}/${total} (${total ? fixed((100 * found) / total) : "0.0"}%)`;

// ---------------------------------------------------------------- scan section

/** Finding locations by tool: path relative to the corpus, `/`-separated, and line. */
interface Hit {
  readonly path: string;
  readonly line: number;
  readonly ruleId: string;
}

async function leakstopHits(report: string): Promise<Hit[]> {
  const json = JSON.parse(await readFile(report, "utf8")) as { findings: Hit[] };
  return json.findings.map((f) => ({ path: f.path, line: f.line, ruleId: f.ruleId }));
}

async function secretlintHits(report: string, corpusDir: string): Promise<Hit[]> {
  const json = JSON.parse(await readFile(report, "utf8")) as Array<{
    filePath: string;
    messages: Array<{ ruleId: string; loc: { start: { line: number } } }>;
  }>;
  return json.flatMap((file) =>
    file.messages.map((m) => ({
      path: relative(corpusDir, file.filePath).split(sep).join("/"),
      line: m.loc.start.line,
      ruleId: m.ruleId.replace("@secretlint/secretlint-rule-", ""),
    })),
  );
}

/** Which planted secrets a tool found (a hit on any of their lines), and how many hits were elsewhere. */
function score(planted: readonly Planted[], hits: readonly Hit[]) {
  const byPath = new Map<string, number[]>();
  for (const h of hits) byPath.set(h.path, [...(byPath.get(h.path) ?? []), h.line]);
  const found = new Set<Planted>();
  for (const p of planted)
    if ((byPath.get(p.path) ?? []).some((line) => line >= p.line && line <= p.endLine)) found.add(p);
  const onPlanted = (h: Hit) => planted.some((p) => p.path === h.path && h.line >= p.line && h.line <= p.endLine);
  return { found, other: hits.filter((h) => !onPlanted(h)) };
}

/** `rule n, rule n, …`, most frequent first. */
function byRule(hits: readonly Hit[]): string {
  const counts = new Map<string, number>();
  for (const h of hits) counts.set(h.ruleId, (counts.get(h.ruleId) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([rule, n]) => `${rule} ${n}`)
    .join(", ");
}

function leakstopRun(name: string, dir: string, report: string): ToolRun {
  return {
    name,
    report,
    args: [join(ROOT, "dist/cli.js"), "scan", dir, "--root", dir, "--format", "json", "--output", report, "--quiet"],
  };
}

async function scanSection(ctx: Context): Promise<void> {
  const sourceDir = join(ROOT, "node_modules");
  const full = await ensureCorpus({
    sourceDir,
    dir: join(BENCH_DIR, "corpus"),
    targetBytes: 50 * MB,
    seed: 1,
    plantCount: 500,
  });
  // Same seed, smaller target: the first files of the same shuffle, so a subset of the full corpus.
  const half = await ensureCorpus({
    sourceDir,
    dir: join(BENCH_DIR, "corpus-half"),
    targetBytes: 25 * MB,
    seed: 1,
    plantCount: 250,
  });
  await warmPageCache(full.dir);
  await warmPageCache(half.dir);

  const rc = join(ctx.tmp, "secretlintrc.json");
  const ignore = join(ctx.tmp, "secretlintignore");
  await writeFile(rc, JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
  await writeFile(ignore, "");
  const slReport = join(ctx.tmp, "secretlint.json");
  const secretlintRun: ToolRun = {
    name: "secretlint",
    report: slReport,
    // The corpus lives under a gitignored directory, which secretlint ≥ 13 would skip.
    args: [
      join(ROOT, "node_modules/secretlint/bin/secretlint.js"),
      `${full.dir}/**/*`,
      ...["--format", "json", "--output", slReport, "--secretlintrc", rc, "--secretlintignore", ignore],
      ...["--no-color", "--no-gitignore"],
    ],
  };
  const lsFull = join(ctx.tmp, "leakstop.json");
  const lsHalf = join(ctx.tmp, "leakstop-half.json");
  const RUNS = 2;
  const timings = await timeTools(ctx.tmp, RUNS, [
    leakstopRun("leakstop", full.dir, lsFull),
    secretlintRun,
    leakstopRun("leakstop (half corpus)", half.dir, lsHalf),
  ]);
  const leakstop = timings.get("leakstop") as Timing;
  const secretlint = timings.get("secretlint") as Timing;
  const leakstopHalf = timings.get("leakstop (half corpus)") as Timing;

  const lsScore = score(full.planted, await leakstopHits(lsFull));
  const slScore = score(full.planted, await secretlintHits(slReport, full.dir));
  const halfScore = score(half.planted, await leakstopHits(lsHalf));

  const mb = full.bytes / MB;
  console.log(`scan: ${fixed(mb)} MB in ${full.files} files from node_modules, ${full.planted.length} planted secrets`);
  console.log(`best of ${RUNS} runs each, page cache warm; Node ${process.version}, ${availableParallelism()} CPUs\n`);
  const row = (tool: string, m: Timing, s: typeof lsScore): string[] => [
    tool,
    fixed(mb),
    fixed(m.wallSeconds, 2),
    fixed(mb / m.wallSeconds),
    rssMB(m.peakRssKB),
    share(s.found.size, full.planted.length),
    String(s.other.length),
  ];
  printTable(
    ["tool", "MB scanned", "seconds", "MB/s", "peak RSS MB", "planted found", "other findings"],
    [row("leakstop", leakstop, lsScore), row("secretlint", secretlint, slScore)],
  );
  const ratio = secretlint.wallSeconds / leakstop.wallSeconds;
  console.log(`\nspeed leakstop/secretlint: ${fixed(ratio)}×`);
  console.log("target: ≥ 6× secretlint, ≥ 95% planted found\n");
  for (const [tool, s] of [
    ["leakstop", lsScore],
    ["secretlint", slScore],
  ] as const) {
    console.log(`${tool} other findings by rule: ${byRule(s.other) || "none"}`);
  }
  console.log("");

  const countKind = (set: ReadonlySet<Planted>, kind: string) => [...set].filter((p) => p.kind === kind).length;
  printTable(
    ["planted kind", "planted", "leakstop", "secretlint"],
    PLANTED_KINDS.map((kind) => [
      kind,
      String(full.planted.filter((p) => p.kind === kind).length),
      String(countKind(lsScore.found, kind)),
      String(countKind(slScore.found, kind)),
    ]),
  );

  console.log("\nleakstop memory by input size (flat is the goal):");
  const sizeRow = (name: string, c: Corpus, m: Timing, s: typeof lsScore) => [
    name,
    fixed(c.bytes / MB),
    String(c.files),
    fixed(m.wallSeconds, 2),
    rssMB(m.peakRssKB),
    share(s.found.size, c.planted.length),
  ];
  printTable(
    ["corpus", "MB", "files", "seconds", "peak RSS MB", "planted found"],
    [sizeRow("half", half, leakstopHalf, halfScore), sizeRow("full", full, leakstop, lsScore)],
  );
}

// ---------------------------------------------------------------- history section

/**
 * `scan --git` over the corpus committed as a 400-commit history, beside `git log -p` of the same
 * range in the same run (the time git itself needs to produce the patches), and on half of it.
 */
async function historySection(ctx: Context): Promise<void> {
  const corpus = await ensureCorpus({
    sourceDir: join(ROOT, "node_modules"),
    dir: join(BENCH_DIR, "corpus"),
    targetBytes: 50 * MB,
    seed: 1,
    plantCount: 500,
  });
  const history = await ensureHistory(corpus, join(BENCH_DIR, "history"));
  const report = join(ctx.tmp, "history.json");
  const gitLog = ["-C", history.dir, "log", "--patch", "--reverse", "--topo-order", "--root", "--no-color"];
  const leakstop = (range: string) => [
    join(ROOT, "dist/cli.js"),
    ...["scan", "--git", "--range", range, history.dir, "--format", "json", "--output", report, "--quiet"],
  ];
  const RUNS = 2;
  const best = new Map<string, Measured>();
  const keep = (name: string, m: Measured) => {
    if (m.timedOut) throw new Error(`${name} took over ${CHILD_TIMEOUT_IN_MS / 1000} s`);
    const b = best.get(name);
    if (b === undefined || m.wallSeconds < b.wallSeconds) best.set(name, m);
  };
  for (let i = 0; i < RUNS; i++) {
    keep("git log -p", await measure(ctx.tmp, "git", [...gitLog, "main"]));
    await rm(report, { force: true });
    const full = await measure(ctx.tmp, process.execPath, leakstop("main"));
    if ((full.exitCode !== 0 && full.exitCode !== 1) || !existsSync(report)) {
      throw new Error(`leakstop scan --git exited with ${full.exitCode} and wrote no report: ${full.stderrTail}`);
    }
    keep("leakstop scan --git", full);
    keep("leakstop scan --git (half)", await measure(ctx.tmp, process.execPath, leakstop("half")));
  }
  await rm(report, { force: true });
  await measure(ctx.tmp, process.execPath, leakstop("main"));
  const found = score(corpus.planted, await leakstopHits(report));
  const mb = history.addedBytes / MB;
  console.log(
    `history: ${history.commits} commits adding ${fixed(mb)} MB (the scan corpus), ${corpus.planted.length} planted`,
  );
  console.log(`best of ${RUNS} runs each; Node ${process.version}, ${availableParallelism()} CPUs\n`);
  const git = best.get("git log -p") as Measured;
  const row = (name: string, scannedMB: number) => {
    const m = best.get(name) as Measured;
    return [
      name,
      fixed(scannedMB),
      fixed(m.wallSeconds, 2),
      fixed(scannedMB / m.wallSeconds),
      rssMB(m.peakRssKB),
      `${fixed(m.wallSeconds / git.wallSeconds, 2)}×`,
    ];
  };
  printTable(
    ["run", "MB added", "seconds", "MB/s", "peak RSS MB", "× git log -p"],
    [row("git log -p", mb), row("leakstop scan --git", mb), row("leakstop scan --git (half)", mb / 2)],
  );
  console.log(
    `\nplanted found in the history: ${share(found.found.size, corpus.planted.length)}, other findings: ${found.other.length}`,
  );
  console.log("target: within 2× of git log -p; peak RSS flat between half and full history");
}

// ---------------------------------------------------------------- main

/** Build dist/ first, so the bench measures the code in the working tree. */
function build(): void {
  const r = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error("npm run build failed; fix the build (see above) or run with --no-build.");
}

async function main(argv: readonly string[]): Promise<number> {
  const names = argv.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !SECTIONS.some((s) => s.name === n));
  if (unknown.length) {
    console.error(`Unknown section '${unknown[0]}'; known sections: ${SECTIONS.map((s) => s.name).join(", ")}.`);
    return 2;
  }
  if (!argv.includes("--no-build")) build();
  else if (!existsSync(join(ROOT, "dist/cli.js"))) {
    console.error("dist/cli.js is missing; run `npm run build` or drop --no-build.");
    return 2;
  }
  const tmp = await mkdtemp(join(tmpdir(), "leakstop-bench-"));
  try {
    for (const section of SECTIONS.filter((s) => names.length === 0 || names.includes(s.name))) {
      const started = performance.now();
      console.log(`\n=== ${section.name} ===\n`);
      await section.run({ tmp });
      console.log(`\n(${section.name}: ${fixed((performance.now() - started) / 1000)} s)`);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  console.error(`bench: ${(e as Error).message}`);
  process.exitCode = 1;
}
