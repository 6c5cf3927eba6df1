/**
 * Scores a scanner against a labeled corpus.
 *
 *   node eval/evaluate.ts --corpus DIR [--labels FILE] [--decoys FILE]
 *                         [--sarif FILE | --cmd "COMMAND"] [--tool leakstop|secretlint]
 *                         [--secretlint-json FILE] [--show N] [--json FILE]
 *                         [--min-precision X] [--min-recall X]
 *
 * Default scanner: `node /work/main/dist/cli.js scan DIR --root DIR --format sarif` (stdout is the SARIF;
 * `--root` keeps paths relative to the corpus even when it lies inside a repository).
 * `--cmd` replaces it; `{corpus}` in the command is replaced by the corpus directory (appended when
 * absent). `--tool secretlint` runs secretlint on the same corpus instead (or reads its JSON).
 * Output names files, lines, rule ids and types; secrets appear only as a 4-character prefix.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  type DecoyRecord,
  formatReport,
  type LabelRecord,
  parseSarif,
  parseSecretlint,
  type ScanResult,
  score,
} from "./score.ts";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_CMD = `node ${join(REPO_ROOT, "dist", "cli.js")} scan {corpus} --root {corpus} --format sarif`;

interface Options {
  corpus: string;
  labels: string;
  decoys: string | undefined;
  sarif: string | undefined;
  cmd: string;
  tool: "leakstop" | "secretlint";
  secretlintJson: string | undefined;
  show: number;
  json: string | undefined;
  minPrecision: number;
  minRecall: number;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: "string" },
      labels: { type: "string" },
      decoys: { type: "string" },
      sarif: { type: "string" },
      cmd: { type: "string" },
      tool: { type: "string", default: "leakstop" },
      "secretlint-json": { type: "string" },
      show: { type: "string", default: "50" },
      json: { type: "string" },
      "min-precision": { type: "string", default: "0" },
      "min-recall": { type: "string", default: "0" },
    },
  });
  if (!values.corpus) throw new TypeError("missing --corpus DIR (the directory the labels describe)");
  const corpus = resolve(values.corpus);
  if (!existsSync(corpus))
    throw new Error(
      `corpus directory '${corpus}' does not exist; create it with: node eval/generate.ts --out ${values.corpus}`,
    );
  const tool = values.tool;
  if (tool !== "leakstop" && tool !== "secretlint")
    throw new RangeError(`--tool '${tool}' must be leakstop or secretlint`);
  const labels = resolve(values.labels ?? `${corpus}.labels.json`);
  const decoys = values.decoys
    ? resolve(values.decoys)
    : existsSync(`${corpus}.decoys.json`)
      ? `${corpus}.decoys.json`
      : undefined;
  const num = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new RangeError(`--${name} '${v}' must be a number`);
    return n;
  };
  return {
    corpus,
    labels,
    decoys,
    sarif: values.sarif ? resolve(values.sarif) : undefined,
    cmd: values.cmd ?? DEFAULT_CMD,
    tool,
    secretlintJson: values["secretlint-json"] ? resolve(values["secretlint-json"]) : undefined,
    show: num("show", values.show),
    json: values.json,
    minPrecision: num("min-precision", values["min-precision"]),
    minRecall: num("min-recall", values["min-recall"]),
  };
}

function run(command: string, cwd: string): string {
  const res = spawnSync(command, { shell: true, cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (res.error) throw new Error(`could not run '${command}': ${res.error.message}`);
  // Scanners exit 1 when they find something; anything else is a failure.
  if (res.status !== 0 && res.status !== 1)
    throw new Error(
      `'${command}' exited with ${res.status}: ${(res.stderr ?? "").trim().split("\n").slice(-3).join(" | ")}`,
    );
  return res.stdout;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function results(o: Options): ScanResult[] {
  if (o.tool === "secretlint") {
    const text = o.secretlintJson
      ? readFileSync(o.secretlintJson, "utf8")
      : run(
          `npx secretlint ${quote(`${o.corpus}/**/*`)} --format json --no-gitignore --no-color --secretlintrcJSON ${quote(JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }))}`,
          REPO_ROOT,
        );
    return parseSecretlint(text, o.corpus);
  }
  const text = o.sarif
    ? readFileSync(o.sarif, "utf8")
    : run(
        o.cmd.includes("{corpus}") ? o.cmd.replaceAll("{corpus}", quote(o.corpus)) : `${o.cmd} ${quote(o.corpus)}`,
        REPO_ROOT,
      );
  return parseSarif(text, o.corpus);
}

export function main(argv: string[]): number {
  const o = options(argv);
  if (!existsSync(o.labels)) throw new Error(`labels file '${o.labels}' does not exist; pass --labels FILE`);
  const labels = JSON.parse(readFileSync(o.labels, "utf8")) as LabelRecord[];
  const decoys = o.decoys ? (JSON.parse(readFileSync(o.decoys, "utf8")) as DecoyRecord[]) : [];
  // Label files kept inside the corpus would be scanned too: ignore results there.
  const metaFiles = [o.labels, o.decoys]
    .filter((p): p is string => !!p && p.startsWith(`${o.corpus}/`))
    .map((p) => p.slice(o.corpus.length + 1));
  const found = results(o).filter((r) => !metaFiles.includes(r.path));
  const s = score(found, labels, decoys);
  process.stdout.write(
    `${formatReport(s, o.tool === "secretlint" ? "secretlint (preset-recommend)" : o.sarif ? `SARIF ${o.sarif}` : o.cmd, o.show)}\n`,
  );
  if (o.json) {
    const summary = {
      precision: s.precision,
      recall: s.recall,
      f1: s.f1,
      results: s.results,
      labels: s.labels,
      truePositives: s.truePositives,
      falsePositives: s.falsePositives.length,
      falseNegatives: s.falseNegatives.length,
      byType: s.byType,
    };
    writeFileSync(o.json, `${JSON.stringify(summary, null, 2)}\n`);
  }
  const ok = s.precision >= o.minPrecision && s.recall >= o.minRecall;
  if (!ok)
    process.stderr.write(
      `below target: precision ${s.precision.toFixed(3)} (min ${o.minPrecision}), recall ${s.recall.toFixed(3)} (min ${o.minRecall})\n`,
    );
  return ok ? 0 : 1;
}

if (import.meta.main) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`evaluate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}
