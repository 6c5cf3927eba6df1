/**
 * Making the commits a scan needs available in the clone `actions/checkout` left, which by
 * default holds one commit (`fetch-depth: 1`). Commits are fetched by sha from the existing
 * remote, then history is deepened (32, 256, 2048 commits, then all of it) until the range is
 * complete: no commit of it is a shallow boundary (git would diff such a commit against nothing
 * and report its whole tree as added), and it does not run into a root commit while some history
 * is still cut off (the root could belong to a baseline whose history is not here yet).
 *
 * Credentials: `actions/checkout` persists an auth header in the clone, which these fetches use.
 * Only when a fetch fails without it, and a token was given, is it retried with the token as an
 * `http.<server>/.extraheader`, passed through git's environment (`GIT_CONFIG_*`), never argv,
 * so no process listing or log line can show it.
 */
import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { type GitResult, gitMessage, runGit } from "./process.js";
import type { GitRef } from "./revisions.js";

/** Where and how to fetch. */
export interface RemoteOptions {
  /** A directory inside the clone. */
  readonly cwd: string;
  /**
   * Remote name or URL. Default: `origin` when the clone has it (actions/checkout adds it, with
   * its credentials), else `fallbackUrl`; looked up only when something must be fetched.
   */
  readonly remote?: string;
  /** The repository's URL, for a clone without `origin`. */
  readonly fallbackUrl?: string;
  /** Path of the clone's `shallow` file, when {@link findClone} already found it. */
  readonly shallowFile?: string;
  /** Token for an HTTPS remote on `serverUrl`, used only when a fetch without it fails. */
  readonly auth?: { readonly token: string; readonly serverUrl: string };
  /** The git executable. Default `git`. */
  readonly gitPath?: string;
  readonly abortSignal?: AbortSignal;
  /** One line per network step, for the log. */
  readonly log?: (line: string) => void;
}

/** What {@link prepareHistory} made available. */
export interface PreparedHistory {
  /** The head, peeled to a commit. */
  readonly head: string;
  /** The baselines that exist here (peeled); pass them as `exclude` to the scan. */
  readonly exclude: readonly string[];
  /** Baselines the remote could not provide (e.g. a `before` that a force push left unreachable). */
  readonly unavailable: readonly string[];
  /** Commits in `head` but not in `exclude`. */
  readonly commits: number;
}

/** History is deepened by these steps, then fetched whole. */
const DEEPEN_STEPS = [32, 256, 2048] as const;

/** A remote of a clone: runs network commands, adding the token only once it is needed. */
export class GitRemote {
  #useAuth = false;
  #remote: Promise<string> | undefined;
  #shallowFile: Promise<string> | undefined;

  constructor(readonly options: RemoteOptions) {}

  /** Path of the clone's `shallow` file (which lists the commits whose parents are cut off). */
  shallowFile(): Promise<string> {
    this.#shallowFile ??= this.options.shallowFile
      ? Promise.resolve(this.options.shallowFile)
      : findClone(this.options.cwd, this.options).then((clone) => {
          if (clone === undefined) throw new TypeError(`'${this.options.cwd}' is not a git work tree.`);
          return clone.shallowFile;
        });
    return this.#shallowFile;
  }

  /** Branches and tags of the remote (`git ls-remote`), annotated tags peeled to their commit. */
  async listRefs(): Promise<GitRef[]> {
    const result = await this.#network(["ls-remote", "--heads", "--tags", await this.#remoteName()]);
    if (result.exitCode !== 0) throw await this.#error("list the branches of", result);
    const bySha = new Map<string, string>();
    for (const line of result.stdout.split("\n")) {
      const [sha, name] = line.split("\t");
      if (!sha || !name) continue;
      // `refs/tags/v1^{}` is the commit an annotated tag points to: it wins over the tag object.
      if (name.endsWith("^{}")) bySha.set(name.slice(0, -3), sha);
      else if (!bySha.has(name)) bySha.set(name, sha);
    }
    return [...bySha].map(([name, sha]) => ({ name, sha }));
  }

  /** Fetch commits by sha; `depth` for a shallow clone, `deepen`/`unshallow` to extend its history. */
  async fetch(
    shas: readonly string[],
    how: { depth?: number; deepen?: number; unshallow?: boolean },
  ): Promise<GitResult> {
    const args = ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--recurse-submodules=no", "--stdin"];
    if (how.depth !== undefined) args.push(`--depth=${how.depth}`);
    if (how.deepen !== undefined) args.push(`--deepen=${how.deepen}`);
    if (how.unshallow) args.push("--unshallow");
    args.push(await this.#remoteName());
    const what = how.unshallow ? " --unshallow" : how.deepen ? ` --deepen=${how.deepen}` : "";
    this.options.log?.(`git fetch${what} (${shas.length} commit(s))`);
    return this.#network(args, shas.map((s) => `${s}\n`).join(""));
  }

  /** An Error for a failed network command, naming the fix; never carries a credential. */
  async #error(what: string, result: GitResult): Promise<Error> {
    const hint = this.options.auth
      ? "check that the 'github-token' input can read the repository (permissions: contents: read)"
      : "run actions/checkout before leakstop (it stores the credentials git needs)";
    return new Error(
      `Could not ${what} remote '${scrub(await this.#remoteName())}': ${scrub(gitMessage(result.stderr))}; ${hint}.`,
    );
  }

  /** Thrown by {@link prepareHistory} when the head itself cannot be fetched. */
  headError(sha: string, result: GitResult): Promise<Error> {
    return this.#error(`fetch commit ${sha.slice(0, 12)} from`, result);
  }

  #remoteName(): Promise<string> {
    this.#remote ??=
      this.options.remote !== undefined
        ? Promise.resolve(this.options.remote)
        : remoteFor(this.options.cwd, this.options.fallbackUrl ?? "origin", this.options);
    return this.#remote;
  }

  async #network(args: readonly string[], input?: string): Promise<GitResult> {
    const first = await networkGit(args, this.options, input, this.#useAuth);
    if (first.exitCode === 0 || this.#useAuth || !this.options.auth) return first;
    const second = await networkGit(args, this.options, input, true);
    if (second.exitCode === 0) this.#useAuth = true;
    return second.exitCode === 0 ? second : first;
  }
}

/**
 * Make `head`'s commits that are not in `exclude` available, with their parents, fetching and
 * deepening as needed. Baselines the remote cannot provide are reported, not fatal.
 */
export async function prepareHistory(
  remote: GitRemote,
  request: { readonly head: string; readonly exclude: readonly string[] },
): Promise<PreparedHistory> {
  const shallowFile = await remote.shallowFile();
  const shallow = (await shallowCommits(shallowFile)).size > 0;
  let local = await peel([request.head, ...request.exclude], remote.options);
  const missingHead = !local.has(request.head);
  if (missingHead) {
    const result = await remote.fetch([request.head], shallow ? { depth: 1 } : {});
    if (result.exitCode !== 0) throw await remote.headError(request.head, result);
  }
  // Missing baselines come in the same round trip as the first deepening of the history.
  const missing = request.exclude.filter((sha) => !local.has(sha));
  const steps: Array<number | undefined> = [...DEEPEN_STEPS, undefined];
  if (missing.length > 0) {
    const batch = await remote.fetch(missing, shallow ? { deepen: steps[0] } : {});
    if (batch.exitCode === 0 && shallow) steps.shift();
    // One unknown sha fails the whole batch: then fetch one by one to learn which.
    if (batch.exitCode !== 0) for (const sha of missing) await remote.fetch([sha], shallow ? { depth: 1 } : {});
  }
  if (missingHead || missing.length > 0) local = await peel([request.head, ...request.exclude], remote.options);
  const head = local.get(request.head);
  if (head === undefined) throw new Error(`Commit ${request.head} is not in the clone after fetching it.`);
  const unavailable = request.exclude.filter((sha) => !local.has(sha));
  const exclude = [...new Set(request.exclude.flatMap((sha) => local.get(sha) ?? []))];
  const wanted = [head, ...exclude];

  for (const step of steps) {
    const state = await inspect(head, exclude, shallowFile, remote.options);
    if (state.complete) return { head, exclude, unavailable, commits: state.commits };
    const result = await remote.fetch(wanted, step === undefined ? { unshallow: true } : { deepen: step });
    if (result.exitCode !== 0) throw await remote.headError(head, result);
  }
  const state = await inspect(head, exclude, shallowFile, remote.options);
  return { head, exclude, unavailable, commits: state.commits };
}

/** A git work tree found by {@link findClone}. */
export interface Clone {
  /** Absolute path of its `shallow` file (absent or empty: the history is complete). */
  readonly shallowFile: string;
}

/** The clone `cwd` is in, or undefined when it is not in a git work tree. One git process. */
export async function findClone(cwd: string, options: { gitPath?: string } = {}): Promise<Clone | undefined> {
  const args = ["rev-parse", "--is-inside-work-tree", "--git-path", "shallow"];
  const result = await runGit(args, { cwd, gitPath: options.gitPath }).catch(() => undefined);
  const [inside, path] = (result?.stdout ?? "").split("\n").map((l) => l.trim());
  if (result?.exitCode !== 0 || inside !== "true" || !path) return undefined;
  return { shallowFile: isAbsolute(path) ? path : join(cwd, path) };
}

/**
 * The remote to fetch from: `origin` when the clone has it (actions/checkout adds it, with its
 * credentials), else `fallbackUrl` (the repository's URL on the server).
 */
export async function remoteFor(cwd: string, fallbackUrl: string, options: { gitPath?: string } = {}): Promise<string> {
  const result = await runGit(["remote"], { cwd, gitPath: options.gitPath });
  const names = result.exitCode === 0 ? result.stdout.split("\n").map((l) => l.trim()) : [];
  return names.includes("origin") ? "origin" : fallbackUrl;
}

/** True when `ancestor` is an ancestor of (or equal to) `descendant` in the local history. */
export async function isAncestor(ancestor: string, descendant: string, options: RemoteOptions): Promise<boolean> {
  const result = await runGit(["merge-base", "--is-ancestor", ancestor, descendant], local(options));
  return result.exitCode === 0;
}

/** Whether the history `head ^exclude…` is complete here, and how many commits it has. */
async function inspect(
  head: string,
  exclude: readonly string[],
  shallowFile: string,
  options: RemoteOptions,
): Promise<{ complete: boolean; commits: number }> {
  const boundary = await shallowCommits(shallowFile);
  const input = [head, ...exclude.map((sha) => `^${sha}`)].map((r) => `${r}\n`).join("");
  if (boundary.size === 0) {
    const count = await runGit(["rev-list", "--count", "--stdin"], { ...local(options), input });
    if (count.exitCode !== 0) throw new Error(`'git rev-list' failed: ${gitMessage(count.stderr)}`);
    return { complete: true, commits: Number(count.stdout.trim()) };
  }
  const result = await runGit(["rev-list", "--parents", "--stdin"], { ...local(options), input });
  if (result.exitCode !== 0) throw new Error(`'git rev-list' failed: ${gitMessage(result.stderr)}`);
  let commits = 0;
  let complete = true;
  for (const line of result.stdout.split("\n")) {
    if (line === "") continue;
    commits++;
    const [sha = "", ...parents] = line.split(" ");
    // A shallow commit shows no parents; a real root may still belong to a cut-off baseline.
    if (boundary.has(sha) || parents.length === 0) complete = false;
  }
  return { complete, commits };
}

/** The commits listed in the clone's `shallow` file (empty for a complete clone). */
async function shallowCommits(shallowFile: string): Promise<Set<string>> {
  const text = await readFile(shallowFile, "utf8").catch(() => "");
  return new Set(text.split("\n").filter((l) => l !== ""));
}

/** Which of `revs` are here, each mapped to the commit it peels to. */
async function peel(revs: readonly string[], options: RemoteOptions): Promise<Map<string, string>> {
  const input = revs.map((r) => `${r}^{commit}\n`).join("");
  const result = await runGit(["cat-file", "--batch-check=%(objectname)"], { ...local(options), input });
  if (result.exitCode !== 0) throw new Error(`'git cat-file' failed: ${gitMessage(result.stderr)}`);
  const lines = result.stdout.split("\n");
  const out = new Map<string, string>();
  revs.forEach((rev, i) => {
    const line = lines[i] ?? "";
    if (/^[0-9a-f]{40,64}$/.test(line)) out.set(rev, line);
  });
  return out;
}

function local(options: RemoteOptions) {
  return { cwd: options.cwd, gitPath: options.gitPath, abortSignal: options.abortSignal };
}

/** Credentials in URLs (`https://user:token@host`) never reach a message. */
function scrub(text: string): string {
  return text.replace(/(\/\/)[^/@\s]+@/g, "$1***@");
}

/** The token for a network command, as `http.<server>/.extraheader` through git's environment. */
function authEnv(options: RemoteOptions): Record<string, string> {
  if (!options.auth) return {};
  const basic = Buffer.from(`x-access-token:${options.auth.token}`, "utf8").toString("base64");
  return {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: `http.${options.auth.serverUrl.replace(/\/+$/, "")}/.extraheader`,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`,
  };
}

/** Run a (network) git command, with the token on request; a non-zero exit resolves. */
function networkGit(
  args: readonly string[],
  options: RemoteOptions,
  input: string | undefined,
  withAuth: boolean,
): Promise<GitResult> {
  return runGit(args, {
    ...local(options),
    input: input ?? "",
    ...(withAuth ? { env: authEnv(options) } : {}),
  });
}
