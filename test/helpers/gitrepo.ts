/**
 * Real, throw-away git repositories for tests. Every commit gets a fixed author and a date one
 * minute after the previous one, so shas and history order are the same on every run; the
 * caller's git configuration and environment are kept out.
 *
 * ```ts
 * const repo = await GitRepo.create();
 * const base = await repo.commit("init", { "a.txt": "value-1\n" });
 * await repo.branch("topic");
 * await repo.commit("topic", { "b.txt": "value-2\n" });
 * await repo.checkout("main");
 * const merge = await repo.merge("topic");
 * await repo.dispose();
 * ```
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The author of every commit. */
export const TEST_AUTHOR = { name: "Test Author", email: "author@example.com" } as const;
/** The date of the first commit; each later commit is one minute later. */
export const FIRST_COMMIT_DATE = "2024-01-01T00:00:00Z";

/** File contents by path (`/`-separated, relative to the repository). `null` deletes the file. */
export type Files = Readonly<Record<string, string | Uint8Array | null>>;

/** Options for {@link GitRepo.merge}. */
export interface MergeOptions {
  readonly message?: string;
  /** Files to write when the merge stops on conflicts (the resolution), or to change in the merge ("evil merge"). */
  readonly files?: Files;
}

export class GitRepo {
  #ticks = 0;

  private constructor(
    /** Absolute path of the work tree. */
    readonly dir: string,
  ) {}

  /** A new repository with branch `main` and no commits, in a fresh temporary directory. */
  static async create(): Promise<GitRepo> {
    const repo = new GitRepo(await mkdtemp(join(tmpdir(), "leakstop-git-")));
    await repo.git("init", "--quiet", "--initial-branch=main");
    return repo;
  }

  /** Run git in the repository; resolves with its stdout without the final newline. */
  async git(...args: string[]): Promise<string> {
    const date = new Date(Date.parse(FIRST_COMMIT_DATE) + this.#ticks * 60_000).toISOString();
    // Keep the caller's git setup out: no global/system config, no GIT_DIR from a hook.
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("GIT_")) env[key] = value;
    Object.assign(env, {
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: TEST_AUTHOR.name,
      GIT_AUTHOR_EMAIL: TEST_AUTHOR.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: TEST_AUTHOR.name,
      GIT_COMMITTER_EMAIL: TEST_AUTHOR.email,
      GIT_COMMITTER_DATE: date,
      LC_ALL: "C",
    });
    const { stdout } = await run("git", args, { cwd: this.dir, env, maxBuffer: 64 * 1024 * 1024 });
    return stdout.replace(/\n$/, "");
  }

  /** Write (or with `null`, delete) files in the work tree, creating directories as needed. */
  async write(files: Files): Promise<void> {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) await rm(full, { force: true });
      else {
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, content);
      }
    }
  }

  /** Write `files`, stage everything and commit. Resolves with the new commit's sha. */
  async commit(message: string, files: Files = {}): Promise<string> {
    await this.write(files);
    await this.git("add", "--all");
    this.#ticks++;
    await this.git("commit", "--quiet", "--allow-empty", "--no-verify", "-m", message);
    return this.head();
  }

  /** `git mv from to` (staged, not committed). */
  async move(from: string, to: string): Promise<void> {
    await mkdir(dirname(join(this.dir, to)), { recursive: true });
    await this.git("mv", "--", from, to);
  }

  /** Create branch `name` at `from` (default HEAD) and switch to it. */
  async branch(name: string, from = "HEAD"): Promise<void> {
    await this.git("checkout", "--quiet", "-b", name, from);
  }

  /** Switch to an existing branch or commit. */
  async checkout(rev: string): Promise<void> {
    await this.git("checkout", "--quiet", rev);
  }

  /**
   * Merge `branches` into the current branch with a merge commit (`--no-ff`; several branches make
   * an octopus). On conflicts, or when `options.files` is given, writes those files and commits the
   * result. Resolves with the merge commit's sha.
   */
  async merge(branches: string | readonly string[], options: MergeOptions = {}): Promise<string> {
    const names = typeof branches === "string" ? [branches] : [...branches];
    const message = options.message ?? `Merge ${names.join(", ")}`;
    this.#ticks++;
    const stopped = await this.git("merge", "--quiet", "--no-ff", "--no-commit", "--", ...names).then(
      () => false,
      () => true,
    );
    if (stopped && options.files === undefined) {
      throw new Error(`Merging ${names.join(", ")} stopped on conflicts; pass the resolution in options.files.`);
    }
    await this.write(options.files ?? {});
    await this.git("add", "--all");
    await this.git("commit", "--quiet", "--no-verify", "-m", message);
    return this.head();
  }

  /** The sha of HEAD. */
  async head(): Promise<string> {
    return this.git("rev-parse", "HEAD");
  }

  /**
   * A bare repository in a fresh temporary directory, to act as a "remote" (its `url` is
   * `file://…`). Fetching any commit by sha works, as it does on GitHub.
   */
  static async createBare(): Promise<GitRepo> {
    const repo = new GitRepo(await mkdtemp(join(tmpdir(), "leakstop-remote-")));
    await repo.git("init", "--quiet", "--bare", "--initial-branch=main");
    await repo.git("config", "uploadpack.allowAnySHA1InWant", "true");
    return repo;
  }

  /**
   * A clone made the way `actions/checkout` makes one with `fetch-depth: 1`: `git init`, remote
   * `origin`, one commit fetched by sha into `refs/remotes/origin/<branch>` (`refs/remotes/pull/N/merge`
   * for a pull request, `refs/tags/<tag>` for a tag), checked out.
   */
  static async checkoutLike(url: string, sha: string, ref: string): Promise<GitRepo> {
    const repo = new GitRepo(await mkdtemp(join(tmpdir(), "leakstop-checkout-")));
    await repo.git("init", "--quiet", "--initial-branch=main");
    await repo.git("remote", "add", "origin", url);
    // As checkout does: branches under refs/remotes/origin/, pull refs under refs/remotes/pull/, tags as tags.
    const local = ref.startsWith("refs/pull/")
      ? `refs/remotes/pull/${ref.slice("refs/pull/".length)}`
      : ref.startsWith("refs/heads/")
        ? `refs/remotes/origin/${ref.slice("refs/heads/".length)}`
        : ref;
    await repo.git("fetch", "--quiet", "--no-tags", "--prune", "--depth=1", "origin", `+${sha}:${local}`);
    await repo.git("checkout", "--quiet", "--force", sha);
    return repo;
  }

  /** The `file://` URL of this repository. */
  get url(): string {
    return `file://${this.dir}`;
  }

  /** `git push` to `remote` (a URL); `force` for a non-fast-forward. */
  async push(remote: string, refspecs: readonly string[], options: { force?: boolean } = {}): Promise<void> {
    await this.git("push", "--quiet", ...(options.force ? ["--force"] : []), remote, ...refspecs);
  }

  /** Delete the repository. */
  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
