/**
 * Writes a labeled evaluation corpus.
 *
 *   node eval/generate.ts --out DIR [--seed N] [--repos 40] [--labels FILE] [--decoys FILE] [--force]
 *
 * Labels (true secrets) and decoys are written OUTSIDE the scanned tree: by default next to DIR
 * as `<DIR>.labels.json` and `<DIR>.decoys.json`. After writing, every label is re-read from
 * disk and checked to start on the labeled line.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildCorpus, type Corpus } from "./corpus.ts";

interface Options {
  out: string;
  seed: number;
  repos: number;
  labels: string;
  decoys: string;
  force: boolean;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string" },
      seed: { type: "string", default: "1" },
      repos: { type: "string", default: "40" },
      labels: { type: "string" },
      decoys: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  if (!values.out) throw new TypeError("missing --out DIR (the directory to write the corpus into)");
  const out = resolve(values.out);
  const seed = Number(values.seed);
  const repos = Number(values.repos);
  if (!Number.isInteger(seed) || seed < 0)
    throw new RangeError(`--seed '${values.seed}' must be a non-negative integer`);
  if (!Number.isInteger(repos) || repos < 1)
    throw new RangeError(`--repos '${values.repos}' must be a positive integer`);
  return {
    out,
    seed,
    repos,
    labels: resolve(values.labels ?? `${out}.labels.json`),
    decoys: resolve(values.decoys ?? `${out}.decoys.json`),
    force: values.force ?? false,
  };
}

function write(corpus: Corpus, o: Options): void {
  if (existsSync(o.out) && readdirSync(o.out).length > 0) {
    if (!o.force) throw new Error(`'${o.out}' exists and is not empty; pass --force to replace it`);
    rmSync(o.out, { recursive: true, force: true });
  }
  for (const f of corpus.files) {
    const p = join(o.out, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.content);
  }
  for (const p of [o.labels, o.decoys])
    if (resolve(p).startsWith(`${o.out}/`))
      throw new Error(`'${p}' is inside the corpus; write it outside so it is not scanned`);
  writeFileSync(o.labels, `${JSON.stringify(corpus.labels, null, 1)}\n`);
  writeFileSync(
    o.decoys,
    `${JSON.stringify(
      corpus.decoys.map(({ path, line, kind }) => ({ path, line, kind })),
      null,
      1,
    )}\n`,
  );
}

/** Re-reads every labeled file and checks the secret starts on the labeled line. */
function selfCheck(corpus: Corpus, out: string): string[] {
  const problems: string[] = [];
  const cache = new Map<string, string[]>();
  for (const l of corpus.labels) {
    let lines = cache.get(l.path);
    if (!lines) {
      lines = readFileSync(join(out, l.path), "utf8")
        .replace(/^\uFEFF/, "")
        .split(/\r?\n/);
      cache.set(l.path, lines);
    }
    const at = lines[l.line - 1] ?? "";
    const secretLines = l.secret.split("\n");
    const probe = secretLines[0] ?? "";
    if (!at.includes(probe)) {
      problems.push(`${l.path}:${l.line} does not hold its ${l.type}`);
      continue;
    }
    if (secretLines.length > 1) {
      // A block: its second line follows on the same line (escaped) or on the next one.
      const second = secretLines[1] ?? "";
      if (!at.includes(second) && !(lines[l.line] ?? "").includes(second))
        problems.push(`${l.path}:${l.line} ${l.type} block does not continue after its first line`);
    } else if (lines.findIndex((t) => t.includes(probe)) !== l.line - 1) {
      problems.push(`${l.path}:${l.line} ${l.type} also appears on an earlier line`);
    }
  }
  const keys = new Set(corpus.labels.map((l) => `${l.path}\0${l.line}\0${l.secret}`));
  if (keys.size !== corpus.labels.length) problems.push("duplicate labels");
  return problems;
}

function table(counts: Map<string, number>): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `  ${k.padEnd(36)} ${String(n).padStart(5)}`)
    .join("\n");
}

function stats(corpus: Corpus): string {
  const count = (xs: readonly string[]) =>
    xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const ext = (p: string) => {
    const base = p.slice(p.lastIndexOf("/") + 1);
    return base.startsWith(".") && !base.slice(1).includes(".")
      ? base
      : base.includes(".")
        ? base.slice(base.lastIndexOf("."))
        : base;
  };
  const labeledFiles = new Set(corpus.labels.map((l) => l.path));
  const valueDecoys = corpus.decoys.filter(
    (d) => !["identifier", "lockfile-hash", "sri-integrity"].includes(d.kind),
  ).length;
  return [
    `repos: ${corpus.repos.length}  files: ${corpus.files.length}  files with secrets: ${labeledFiles.size}`,
    `true secrets: ${corpus.labels.length}  decoys: ${corpus.decoys.length}, of which planted values: ${valueDecoys} (${(valueDecoys / Math.max(1, corpus.labels.length)).toFixed(2)}x the secrets; the rest are code lines and lock-file hashes)`,
    "stacks:",
    table(count(corpus.repos.map((r) => r.stack))),
    "true secrets by type:",
    table(count(corpus.labels.map((l) => l.type))),
    "true secrets by file type:",
    table(count(corpus.labels.map((l) => ext(l.path)))),
    "decoys by kind:",
    table(count(corpus.decoys.map((d) => d.kind))),
  ].join("\n");
}

export function main(argv: string[]): number {
  const o = options(argv);
  const corpus = buildCorpus(o.seed, o.repos);
  write(corpus, o);
  const problems = selfCheck(corpus, o.out);
  process.stdout.write(`corpus: ${o.out}\nlabels: ${o.labels}\ndecoys: ${o.decoys}\n${stats(corpus)}\n`);
  if (problems.length > 0) {
    process.stderr.write(`self-check failed (${problems.length}):\n${problems.slice(0, 20).join("\n")}\n`);
    return 1;
  }
  process.stdout.write(`self-check: all ${corpus.labels.length} labels start on their line\n`);
  return 0;
}

if (import.meta.main) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`generate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}
