/**
 * The GitHub API fallback for a run without a clone: list the commits to scan, then read each
 * commit's own diff (`GET /repos/{o}/{r}/commits/{sha}`) and turn its `patch` fields into
 * fragments. Reading commit by commit, rather than the compare endpoint's combined diff, finds a
 * secret added and removed inside the range, attributes each line to the commit that added it,
 * and never meets compare's cap of 300 files. Every list is paginated: compare returns every
 * commit when paged; a pull request's commit list stops at 250, so a longer one is compared
 * instead; a commit's files come 300 a page up to GitHub's limit of 3000.
 */
import { parsePatch } from "../../core/diff/parse.js";
import type { ApiTarget } from "../../core/events/push.js";
import type { CommitInfo, Finding, Fragment } from "../../core/types.js";
import type { GitHubClient } from "./client.js";

/** A repository on GitHub. */
export interface RepoId {
  readonly owner: string;
  readonly repo: string;
}

/** A commit to scan. */
export interface ApiCommit {
  readonly sha: string;
  /** Number of parents: more than one for a merge. */
  readonly parents: number;
  readonly info: CommitInfo;
}

/** Options for {@link commitFragments}. */
export interface CommitFragmentsOptions {
  /** Called for each file that cannot be scanned (no patch: binary or too large). */
  readonly onNotice?: (notice: string) => void;
  /** Commits read at once. Default 4. */
  readonly concurrency?: number;
}

/** The pull request commits endpoint lists at most this many. */
const PULL_COMMITS_LIMIT = 250;
/** GitHub lists at most this many files of one commit. */
const COMMIT_FILES_LIMIT = 3000;
const PER_PAGE = 100;

interface RawCommit {
  sha: string;
  parents?: ReadonlyArray<unknown>;
  commit?: { author?: { name?: string; email?: string; date?: string } | null };
}

interface RawFile {
  filename: string;
  status?: string;
  patch?: string;
  changes?: number;
}

/** The commits `target` names, oldest first. */
export async function listCommits(client: GitHubClient, repo: RepoId, target: ApiTarget): Promise<ApiCommit[]> {
  if (target.kind === "compare") return compare(client, repo, target.base, target.head);
  if (target.kind === "history") {
    const route = "GET /repos/{owner}/{repo}/commits";
    const raw = await collect(client, route, { ...repo, sha: target.head, per_page: PER_PAGE }, "list the commits of");
    return raw.reverse().map(toCommit);
  }
  const route = "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits";
  const params = { ...repo, pull_number: target.number, per_page: PER_PAGE };
  const raw = await collect(client, route, params, `list the commits of pull request #${target.number} in`);
  if (raw.length < PULL_COMMITS_LIMIT && (target.commits === undefined || raw.length >= target.commits)) {
    return raw.map(toCommit);
  }
  return compare(client, repo, target.base, target.head);
}

/**
 * `ref` and its first-parent ancestors, nearest first, at most `reach` of them: one page of the
 * commits list (`GET /repos/{o}/{r}/commits?sha=ref`, newest first), followed along first
 * parents. Bounded on purpose (the scan ledger looks only this far back); the chain stops early
 * where a first parent falls outside the page (a merge of much older history).
 */
export async function firstParentChain(
  client: GitHubClient,
  repo: RepoId,
  ref: string,
  reach: number,
): Promise<string[]> {
  let raw: RawCommit[];
  try {
    const response = await client.request("GET /repos/{owner}/{repo}/commits", {
      ...repo,
      sha: ref,
      per_page: Math.min(reach + 1, PER_PAGE),
    });
    raw = response.data as unknown as RawCommit[];
  } catch (error) {
    throw apiError(error, `list the commits of ${ref.slice(0, 12)} in ${repo.owner}/${repo.repo}`);
  }
  const parentOf = new Map<string, string | undefined>();
  for (const c of raw) parentOf.set(c.sha, (c.parents?.[0] as { sha?: string } | undefined)?.sha);
  const chain: string[] = [];
  for (
    let sha = raw[0]?.sha;
    sha !== undefined && parentOf.has(sha) && chain.length <= reach;
    sha = parentOf.get(sha)
  ) {
    chain.push(sha);
  }
  return chain;
}

/** The added lines of each commit, oldest commit first, as fragments. */
export async function* commitFragments(
  client: GitHubClient,
  repo: RepoId,
  commits: readonly ApiCommit[],
  options: CommitFragmentsOptions = {},
): AsyncGenerator<Fragment> {
  const concurrency = options.concurrency ?? 4;
  const pending: Array<Promise<RawFile[]>> = [];
  let next = 0;
  const fill = () => {
    while (next < commits.length && pending.length < concurrency) {
      const commit = commits[next++] as ApiCommit;
      const files = commitFiles(client, repo, commit.sha);
      files.catch(() => {}); // awaited below, in order; this only stops an early rejection counting as unhandled
      pending.push(files);
    }
  };
  for (const commit of commits) {
    fill();
    const files = await (pending.shift() as Promise<RawFile[]>);
    if (files.length >= COMMIT_FILES_LIMIT) {
      options.onNotice?.(
        `commit ${commit.sha.slice(0, 7)} changes ${COMMIT_FILES_LIMIT} files or more; the GitHub API lists only ${COMMIT_FILES_LIMIT}: check out the repository to scan all of them`,
      );
    }
    for (const file of files) {
      if (file.patch !== undefined) {
        yield* parsePatch(file.patch, file.filename, commit.info, { context: true });
      } else if (file.status !== "removed" && (file.changes ?? 1) > 0) {
        options.onNotice?.(
          `${file.filename} in commit ${commit.sha.slice(0, 7)}: the GitHub API gives no diff (binary or too large), not scanned`,
        );
      }
    }
  }
}

/**
 * A merge commit's diff from the API is against its first parent, so it repeats lines of the
 * merged commits, which are scanned themselves. Drop a merge's finding when another commit of
 * the scan has the same fingerprint; keep the ones only the merge has (hand-made lines).
 */
export function dropMergeRepeats(findings: readonly Finding[], commits: readonly ApiCommit[]): Finding[] {
  const merges = new Set(commits.filter((c) => c.parents > 1).map((c) => c.sha));
  const elsewhere = new Set(findings.filter((f) => !merges.has(f.commit?.sha ?? "")).map((f) => f.fingerprint));
  return findings.filter((f) => !merges.has(f.commit?.sha ?? "") || !elsewhere.has(f.fingerprint));
}

async function compare(client: GitHubClient, repo: RepoId, base: string, head: string): Promise<ApiCommit[]> {
  const route = "GET /repos/{owner}/{repo}/compare/{basehead}";
  const params = { ...repo, basehead: `${base}...${head}`, per_page: PER_PAGE };
  const raw = await collect(client, route, params, `compare ${base.slice(0, 12)}...${head.slice(0, 12)} in`, "commits");
  return raw.map(toCommit);
}

async function commitFiles(client: GitHubClient, repo: RepoId, sha: string): Promise<RawFile[]> {
  const route = "GET /repos/{owner}/{repo}/commits/{ref}";
  const params = { ...repo, ref: sha, per_page: PER_PAGE };
  return collect<RawFile>(client, route, params, `read commit ${sha.slice(0, 12)} of`, "files");
}

/** Every item of every page; `key` names the list inside an object response (compare, commit). */
async function collect<T = RawCommit>(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  what: string,
  key?: string,
): Promise<T[]> {
  const out: T[] = [];
  try {
    for await (const page of client.paginate.iterator(route, params)) {
      const data = page.data as unknown;
      const items = Array.isArray(data) ? data : key ? (data as Record<string, unknown>)[key] : undefined;
      if (Array.isArray(items)) for (const item of items) out.push(item as T);
    }
  } catch (error) {
    throw apiError(error, `${what} ${repo(params)}`);
  }
  return out;
}

function repo(params: Record<string, unknown>): string {
  return `${String(params.owner)}/${String(params.repo)}`;
}

function toCommit(raw: RawCommit): ApiCommit {
  const author = raw.commit?.author ?? {};
  return {
    sha: raw.sha,
    parents: raw.parents?.length ?? 1,
    info: { sha: raw.sha, authorName: author.name ?? "", authorEmail: author.email ?? "", date: author.date ?? "" },
  };
}

/** An API failure as one line that names the permission or input to fix. */
export function apiError(error: unknown, what: string): Error {
  const status = (error as { status?: unknown }).status;
  const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const fix =
    status === 401
      ? "the 'github-token' input is invalid or expired"
      : status === 403 || status === 404
        ? "grant the job 'permissions: contents: read' (and 'pull-requests: read' for pull requests), or pass a 'github-token' that can read the repository"
        : undefined;
  const message = `Could not ${what} through the GitHub API (${typeof status === "number" ? `HTTP ${status}: ` : ""}${reason})`;
  return new Error(fix ? `${message}: ${fix}.` : `${message}.`, { cause: error });
}
