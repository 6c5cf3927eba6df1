/**
 * Scans a directory in one thread, in process: every file read into memory first, then the
 * engine timed alone (best of three passes after a warm-up). Bundled by `bench/inprocess.ts`
 * (the engine's sources import `.js` paths that Node's type stripping does not resolve).
 * Prints one JSON line of counts and times, never a secret.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createEngine } from "../src/core/scan/engine.js";

const dir = process.argv[2] as string;
const files: Array<{ path: string; text: string }> = [];
const walk = (d: string): void => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile()) files.push({ path: p.slice(dir.length + 1), text: readFileSync(p, "utf8") });
  }
};
walk(dir);
const engine = createEngine();
const pass = (): number => {
  let n = 0;
  for (const f of files) n += engine.scan({ path: f.path, text: f.text, startLine: 1 }).length;
  return n;
};
pass(); // warm-up: regex compilation and JIT
let best = Number.POSITIVE_INFINITY;
let findings = 0;
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  findings = pass();
  best = Math.min(best, performance.now() - t0);
}
const chars = files.reduce((s, f) => s + f.text.length, 0);
console.log(JSON.stringify({ files: files.length, chars, seconds: best / 1000, findings, rules: engine.rules.length }));
