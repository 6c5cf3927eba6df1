/**
 * The history bench's repository: the scan corpus committed as a 400-commit history (each commit
 * adds the next slice of files and edits a few earlier ones), built once with `git fast-import`
 * into `.bench/history` and reused while the corpus is unchanged. Tag `half` marks commit 200,
 * so memory can be compared between half and all of the history.
 */
import { spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Corpus } from "./corpus.ts";

export const HISTORY_COMMITS = 400;
const VERSION = 1;

/** A bench history repository. */
export interface History {
  readonly dir: string;
  readonly commits: number;
  /** Bytes of text the history adds (the corpus, plus the edits). */
  readonly addedBytes: number;
}

/** The history of `corpus` in `dir`: reused when its manifest matches. */
export async function ensureHistory(corpus: Corpus, dir: string): Promise<History> {
  const manifestPath = `${dir}.json`;
  const key = { version: VERSION, corpusBytes: corpus.bytes, corpusFiles: corpus.files, commits: HISTORY_COMMITS };
  const cached = await readFile(manifestPath, "utf8").then(
    (t) => JSON.parse(t) as typeof key & History,
    () => undefined,
  );
  const same =
    cached !== undefined &&
    Object.entries(key).every(([k, v]) => (cached as unknown as Record<string, unknown>)[k] === v);
  if (cached !== undefined && same) return cached;
  await rm(dir, { recursive: true, force: true });
  await git(["init", "--quiet", "--bare", "--initial-branch=main", dir]);
  const paths = await listFiles(corpus);
  const perCommit = Math.ceil(paths.length / HISTORY_COMMITS);
  const child = spawn("git", ["-C", dir, "fast-import", "--quiet"], { stdio: ["pipe", "ignore", "inherit"] });
  const done = new Promise<number | null>((ok, fail) => {
    child.on("error", fail);
    child.on("close", ok);
  });
  const write = (chunk: string | Buffer) =>
    child.stdin.write(chunk) ? Promise.resolve() : new Promise<void>((ok) => child.stdin.once("drain", () => ok()));
  let addedBytes = 0;
  for (let i = 0; i < HISTORY_COMMITS; i++) {
    const message = `commit ${i + 1}\n`;
    let header = `commit refs/heads/main\nmark :${i + 1}\ncommitter Bench <bench@example.com> ${1_700_000_000 + i * 60} +0000\n`;
    header += `data ${Buffer.byteLength(message)}\n${message}${i > 0 ? `from :${i}\n` : ""}`;
    await write(header);
    for (const path of paths.slice(i * perCommit, (i + 1) * perCommit)) {
      const bytes = await readFile(join(corpus.dir, path));
      addedBytes += bytes.length;
      await write(`M 100644 inline ${path}\ndata ${bytes.length}\n`);
      await write(bytes);
      await write("\n");
    }
    // A small edit to a file of an earlier commit: diffs with context, not only new files.
    const earlier = paths[(i * 7919) % Math.max(1, Math.min(paths.length, i * perCommit))];
    if (i > 0 && earlier !== undefined) {
      const bytes = Buffer.concat([await readFile(join(corpus.dir, earlier)), Buffer.from(`\n// edit ${i}\n`)]);
      addedBytes += 12;
      await write(`M 100644 inline ${earlier}\ndata ${bytes.length}\n`);
      await write(bytes);
      await write("\n");
    }
    await write("\n");
    if (i + 1 === HISTORY_COMMITS / 2) await write(`reset refs/tags/half\nfrom :${i + 1}\n\n`);
  }
  child.stdin.end();
  if ((await done) !== 0) throw new Error("git fast-import failed while building the history bench repository.");
  const history: History = { dir, commits: HISTORY_COMMITS, addedBytes };
  await writeFile(manifestPath, `${JSON.stringify({ ...key, ...history })}\n`);
  return history;
}

/** The corpus's files (corpus-relative, sorted), from its directory listing. */
async function listFiles(corpus: Corpus): Promise<string[]> {
  const { readdir } = await import("node:fs/promises");
  const entries = await readdir(corpus.dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(corpus.dir.length + 1))
    .sort();
}

function git(args: readonly string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn("git", args, { stdio: "ignore" });
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? ok() : fail(new Error(`git ${args[0]} failed (${code})`))));
  });
}
