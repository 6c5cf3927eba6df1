/**
 * The files of a commit's tree, read from git objects (a real repository made by the test): text
 * files whole, in path order, across pipe-chunk boundaries; symbolic links, binary blobs, files over
 * the limit (with a notice) and ignored paths skipped; the work tree's own changes never read.
 */
import { symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveCommit, treeFragments } from "../../../src/adapters/git/tree.js";
import type { Fragment } from "../../../src/core/types.js";
import { GitRepo } from "../../helpers/gitrepo.js";

let repo: GitRepo;
const big = `${"x".repeat(99)}\n`.repeat(3000); // 300 KB: several pipe chunks
const utf8 = "naïve ✓ café\n".repeat(5000);

beforeAll(async () => {
  repo = await GitRepo.create();
  await repo.write({ "link-target.txt": "target\n" });
  await symlink("link-target.txt", join(repo.dir, "link.txt"));
  await repo.commit("tree", {
    "a.txt": "alpha\n",
    "dir/b.txt": big,
    "dir/c.txt": utf8,
    "empty.txt": "",
    "image.bin": new Uint8Array([0x89, 0x50, 0x00, 0x01, 0x02]),
    "huge.txt": "y".repeat(2 * 1024 * 1024),
    "skip/me.txt": "ignored\n",
  });
  // Uncommitted changes are not the commit's.
  await writeFile(join(repo.dir, "a.txt"), "changed in the work tree\n");
  await writeFile(join(repo.dir, "untracked.txt"), "not committed\n");
});
afterAll(async () => {
  await repo.dispose();
});

async function collect(maxFileSizeInBytes: number, notices: string[]): Promise<Fragment[]> {
  const out: Fragment[] = [];
  for await (const f of treeFragments({
    cwd: repo.dir,
    revision: "HEAD",
    maxFileSizeInBytes,
    isPathIgnored: (p) => p.startsWith("skip/"),
    onNotice: (n) => notices.push(n),
  })) {
    out.push(f);
  }
  return out;
}

describe("treeFragments", () => {
  it("yields each committed text file whole, in path order, and skips what is not text or too big", async () => {
    const notices: string[] = [];
    const fragments = await collect(1024 * 1024, notices);
    expect(fragments.map((f) => f.path)).toEqual(["a.txt", "dir/b.txt", "dir/c.txt", "empty.txt", "link-target.txt"]);
    expect(fragments.find((f) => f.path === "a.txt")?.text).toBe("alpha\n");
    expect(fragments.find((f) => f.path === "dir/b.txt")?.text).toBe(big);
    expect(fragments.find((f) => f.path === "dir/c.txt")?.text).toBe(utf8);
    expect(fragments.every((f) => f.startLine === 1 && f.commit === undefined)).toBe(true);
    expect(notices).toEqual([
      expect.stringMatching(/^Skipped 'huge\.txt' \(2\.0 MB, over the 1 MB limit/),
      "Skipped 'image.bin' (binary; not scanned).",
    ]);
  });

  it("resolves HEAD to its commit, and nothing in a repository without commits", async () => {
    expect(await resolveCommit(repo.dir, "HEAD")).toBe(await repo.head());
    const empty = await GitRepo.create();
    try {
      expect(await resolveCommit(empty.dir, "HEAD")).toBeUndefined();
    } finally {
      await empty.dispose();
    }
  });
});
