import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The generator and evaluator are scripts (Node runs their TypeScript directly); test them as such.
const ROOT = resolve(import.meta.dirname, "../..");
const GENERATE = join(ROOT, "eval", "generate.ts");
const EVALUATE = join(ROOT, "eval", "evaluate.ts");

interface Label {
  path: string;
  line: number;
  type: string;
  secret: string;
}

function generate(out: string, seed: number): string {
  return execFileSync(process.execPath, [GENERATE, "--out", out, "--seed", String(seed), "--repos", "6"], {
    encoding: "utf8",
  });
}

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p).toString("base64"));
    }
  };
  walk(dir);
  return out;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Independent CRC32 + base62 check of a GitHub-style token (prefix_ + 30 + 6). */
function githubChecksumOk(token: string): boolean {
  const body = token.slice(token.indexOf("_") + 1);
  let crc = 0xffffffff;
  for (const ch of body.slice(0, 30)) {
    crc ^= ch.charCodeAt(0);
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  let v = (crc ^ 0xffffffff) >>> 0;
  let enc = "";
  while (v > 0) {
    enc = BASE62[v % 62] + enc;
    v = Math.floor(v / 62);
  }
  return body.slice(30) === enc.padStart(6, "0");
}

describe("eval corpus generator", () => {
  let dir: string;
  let labels: Label[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "leakstop-eval-"));
    generate(join(dir, "a"), 7);
    labels = JSON.parse(readFileSync(join(dir, "a.labels.json"), "utf8")) as Label[];
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is deterministic for a seed and differs across seeds", () => {
    generate(join(dir, "b"), 7);
    generate(join(dir, "c"), 8);
    expect(tree(join(dir, "b"))).toEqual(tree(join(dir, "a")));
    expect(readFileSync(join(dir, "b.labels.json"), "utf8")).toBe(readFileSync(join(dir, "a.labels.json"), "utf8"));
    expect(tree(join(dir, "c"))).not.toEqual(tree(join(dir, "a")));
  });

  it("writes labels outside the corpus, each pointing at the line where its secret starts", () => {
    expect(labels.length).toBeGreaterThan(20);
    expect([...tree(join(dir, "a")).keys()].filter((p) => p.includes("labels") || p.includes("decoys"))).toEqual([]);
    for (const l of labels) {
      const lines = readFileSync(join(dir, "a", l.path), "utf8").split(/\r?\n/);
      expect(lines[l.line - 1], `${l.path}:${l.line}`).toContain(l.secret.split("\n")[0]);
    }
  });

  it("plants tokens with valid checksums and identifiable signatures", () => {
    const gh = labels.filter((l) => /^gh[pousr]_/.test(l.secret));
    for (const l of gh) expect(githubChecksumOk(l.secret), l.secret.slice(0, 4)).toBe(true);
    for (const l of labels.filter(
      (x) => x.type === "azure-storage-account-key" && x.secret.length === 88 && x.secret.slice(76, 80) === "+ASt",
    ))
      expect(l.secret.endsWith("==")).toBe(true);
    for (const l of labels.filter((x) => x.type === "entra-client-secret"))
      expect(l.secret).toMatch(/^.{3}\dQ~[A-Za-z0-9_.~-]{31,34}$/);
  });

  it("scores a SARIF log by (path, line) and never prints a secret", () => {
    const decoys = JSON.parse(readFileSync(join(dir, "a.decoys.json"), "utf8")) as Array<{
      path: string;
      line: number;
    }>;
    const hits = labels.slice(1).map((l) => ({
      ruleId: "x",
      locations: [{ physicalLocation: { artifactLocation: { uri: l.path }, region: { startLine: l.line } } }],
    }));
    const fp = decoys[0] as { path: string; line: number };
    hits.push({
      ruleId: "y",
      locations: [{ physicalLocation: { artifactLocation: { uri: fp.path }, region: { startLine: fp.line } } }],
    });
    const sarif = join(dir, "a.sarif");
    writeFileSync(
      sarif,
      JSON.stringify({ version: "2.1.0", runs: [{ tool: { driver: { name: "t" } }, results: hits }] }),
    );
    const res = spawnSync(
      process.execPath,
      [EVALUATE, "--corpus", join(dir, "a"), "--sarif", sarif, "--show", "1000", "--min-recall", "1"],
      { encoding: "utf8" },
    );
    expect(res.status).toBe(1);
    const n = labels.length;
    expect(res.stdout).toContain(`labels: ${n}  found: ${n - 1}  missed: 1`);
    expect(res.stdout).toContain(`true positives: ${n - 1}  false positives: 1`);
    expect(res.stdout).toContain(`${fp.path}:${fp.line} y`);
    for (const l of labels.filter((x) => !x.secret.startsWith("-----"))) expect(res.stdout).not.toContain(l.secret);
  });
});
