/**
 * Reading a repository's history without running anything it configures. `git log -p` of a merge
 * (`--diff-merges=remerge`) merges in memory, and diffs read attributes: a repository's
 * `.git/config` plus a committed `.gitattributes` (or `.git/info/attributes`) can then run merge
 * drivers, clean/smudge/process filters, textconv and external diff commands, and can hide files
 * (`-diff`, `binary`) from the scan. So history is read through a sandbox: a throwaway git
 * directory with a minimal config of our own, no refs, hooks, attributes or work tree, that borrows
 * the repository's object store (`GIT_OBJECT_DIRECTORY`, whose `info/alternates` still apply) and
 * its `shallow` file. System and global config are off too, and revisions come as shas on stdin,
 * so no ref (and no `refs/replace/`) is ever read. A missing object is then an error, never a
 * lazy fetch from a promisor remote the repository names.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { type GitProcessOptions, gitMessage, runGit } from "./process.js";

/** Where and how to run git against the sandbox. */
export interface Sandbox {
  /** The working directory for git: the sandbox's git directory. */
  readonly cwd: string;
  /** The repository's common git directory (objects, `lfs/objects`), absolute. */
  readonly commonDir: string;
  /** The environment that points git at the sandbox. */
  readonly env: Readonly<Record<string, string>>;
  /** Delete the sandbox (the repository is never touched). */
  dispose(): Promise<void>;
}

/** Open a sandbox over the repository at `options.cwd`. */
export async function openSandbox(options: GitProcessOptions): Promise<Sandbox> {
  const args = ["rev-parse", "--git-common-dir", "--git-path", "shallow", "--show-object-format"];
  const result = await runGit(args, options);
  if (result.exitCode !== 0) throw new Error(`Cannot read the git repository: ${gitMessage(result.stderr)}`);
  const [common = "", shallow = "", format = "sha1"] = result.stdout.split("\n").map((l) => l.trim());
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(options.cwd, p));
  const dir = await mkdtemp(join(tmpdir(), "leakstop-git-"));
  try {
    await mkdir(join(dir, "refs"));
    await writeFile(join(dir, "HEAD"), "ref: refs/heads/leakstop-none\n");
    const extensions = format === "sha1" ? "" : `[extensions]\n\tobjectFormat = ${format}\n`;
    await writeFile(
      join(dir, "config"),
      `[core]\n\trepositoryFormatVersion = ${extensions ? 1 : 0}\n\tbare = true\n${extensions}`,
    );
    await copyFile(abs(shallow), join(dir, "shallow")).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const env: Record<string, string> = {
    GIT_DIR: dir,
    GIT_OBJECT_DIRECTORY: join(abs(common), "objects"),
    GIT_INDEX_FILE: join(dir, "index"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_CONFIG_COUNT: "0",
    GIT_ATTR_NOSYSTEM: "1",
    GIT_NO_REPLACE_OBJECTS: "1",
    GIT_NO_LAZY_FETCH: "1",
    GIT_PAGER: "cat",
    PAGER: "cat",
  };
  return { cwd: dir, commonDir: abs(common), env, dispose: () => rm(dir, { recursive: true, force: true }) };
}
