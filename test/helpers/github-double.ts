/**
 * A local GitHub REST API double: a real HTTP server on a free port that serves the endpoints
 * leakstop reads, from an in-memory commit graph, with GitHub's pagination (Link headers,
 * `per_page`/`page`) and limits (a pull request lists at most 250 commits; a commit's files come
 * in pages, at most 3000). Every request is recorded for assertions.
 *
 * ```ts
 * const api = await GitHubDouble.start();
 * api.addCommit({ sha, parents: [parent], files: [{ filename: "a.txt", patch: "@@ -0,0 +1 @@\n+x" }] });
 * // GITHUB_API_URL = api.url
 * await api.close();
 * ```
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A file of a commit, as GitHub lists it. No `patch`: binary or too large. */
export interface DoubleFile {
  readonly filename: string;
  readonly status?: "added" | "modified" | "removed" | "renamed";
  readonly patch?: string;
  readonly changes?: number;
}

/** A commit of the graph. */
export interface DoubleCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly author?: { readonly name: string; readonly email: string; readonly date: string };
  readonly message?: string;
  readonly files: readonly DoubleFile[];
}

/** One request the double received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
}

const DEFAULT_AUTHOR = { name: "Test Author", email: "author@example.com", date: "2024-01-01T00:00:00Z" };

export class GitHubDouble {
  readonly requests: RecordedRequest[] = [];
  readonly #commits = new Map<string, DoubleCommit>();
  /** Insertion order, the chronological order of the graph. */
  readonly #order: string[] = [];
  readonly #branches = new Map<string, string>();
  readonly #pulls = new Map<number, readonly string[]>();
  readonly #failures: Array<{ pattern: RegExp; status: number; message: string }> = [];

  private constructor(
    private readonly server: Server,
    /** Base URL, e.g. `http://127.0.0.1:41234`: use as `GITHUB_API_URL`. */
    readonly url: string,
  ) {}

  static async start(): Promise<GitHubDouble> {
    let double: GitHubDouble | undefined;
    const server = createServer((req, res) => double?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    double = new GitHubDouble(server, `http://127.0.0.1:${port}`);
    return double;
  }

  /** Add commits (parents first). */
  addCommit(...commits: DoubleCommit[]): void {
    for (const c of commits) {
      if (!this.#commits.has(c.sha)) this.#order.push(c.sha);
      this.#commits.set(c.sha, c);
    }
  }

  setBranch(name: string, sha: string): void {
    this.#branches.set(name, sha);
  }

  /** A pull request whose commits are `commits` (oldest first). */
  addPull(number: number, commits: readonly string[]): void {
    this.#pulls.set(number, commits);
  }

  /** Answer requests whose path matches `pattern` with an error, e.g. 403 for a missing permission. */
  failWith(pattern: RegExp, status: number, message: string): void {
    this.#failures.push({ pattern, status, message });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", this.url);
    this.requests.push({
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
    });
    const failure = this.#failures.find((f) => f.pattern.test(url.pathname));
    if (failure) return send(res, failure.status, { message: failure.message });
    const parts = url.pathname
      .split("/")
      .filter((p) => p !== "")
      .map(decodeURIComponent);
    if (req.method !== "GET" || parts[0] !== "repos" || parts.length < 4) return notFound(res);
    const [, , , kind, ...rest] = parts;
    if (kind === "compare" && rest.length === 1) return this.compare(url, res, rest[0] ?? "");
    if (kind === "commits" && rest.length === 1) return this.commit(url, res, rest[0] ?? "");
    if (kind === "commits" && rest.length === 0) return this.history(url, res);
    if (kind === "pulls" && rest.length === 2 && rest[1] === "commits")
      return this.pullCommits(url, res, Number(rest[0]));
    notFound(res);
  }

  private compare(url: URL, res: ServerResponse, basehead: string) {
    const [base = "", head = ""] = basehead.split("...");
    const baseSha = this.resolve(base);
    const headSha = this.resolve(head);
    if (!baseSha || !headSha) return notFound(res);
    const excluded = this.ancestors(baseSha);
    const commits = this.chronological(this.ancestors(headSha)).filter((sha) => !excluded.has(sha));
    // Without paging parameters GitHub returns the first 250 commits and no Link header.
    const paged = url.searchParams.has("per_page") || url.searchParams.has("page");
    const { items, link } = paged ? page(url, commits, 30, 100) : { items: commits.slice(0, 250), link: undefined };
    send(
      res,
      200,
      {
        url: url.href,
        status: "ahead",
        ahead_by: commits.length,
        total_commits: commits.length,
        commits: items.map((sha) => this.listed(sha)),
        files: [],
      },
      link,
    );
  }

  private commit(url: URL, res: ServerResponse, ref: string) {
    const sha = this.resolve(ref);
    const c = sha ? this.#commits.get(sha) : undefined;
    if (!c) return send(res, 422, { message: `No commit found for SHA: ${ref}` });
    const files = c.files.slice(0, 3000);
    const { items, link } = page(url, files, 300, 300);
    send(res, 200, { ...this.listed(c.sha), files: items }, link);
  }

  private history(url: URL, res: ServerResponse) {
    const sha = this.resolve(url.searchParams.get("sha") ?? "");
    if (!sha) return notFound(res);
    const commits = this.chronological(this.ancestors(sha)).reverse();
    const { items, link } = page(url, commits, 30, 100);
    send(
      res,
      200,
      items.map((s) => this.listed(s)),
      link,
    );
  }

  private pullCommits(url: URL, res: ServerResponse, number: number) {
    const commits = this.#pulls.get(number);
    if (!commits) return notFound(res);
    // GitHub: "lists a maximum of 250 commits for a pull request".
    const { items, link } = page(url, commits.slice(0, 250), 30, 100);
    send(
      res,
      200,
      items.map((s) => this.listed(s)),
      link,
    );
  }

  private listed(sha: string): Record<string, unknown> {
    const c = this.#commits.get(sha);
    const author = c?.author ?? DEFAULT_AUTHOR;
    return {
      sha,
      url: `${this.url}/commits/${sha}`,
      parents: (c?.parents ?? []).map((p) => ({ sha: p })),
      commit: { author, committer: author, message: c?.message ?? "" },
    };
  }

  private resolve(ref: string): string | undefined {
    if (this.#commits.has(ref)) return ref;
    return this.#branches.get(ref.replace(/^refs\/heads\//, ""));
  }

  private ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const s = stack.pop() as string;
      if (seen.has(s)) continue;
      seen.add(s);
      for (const p of this.#commits.get(s)?.parents ?? []) stack.push(p);
    }
    return seen;
  }

  private chronological(set: ReadonlySet<string>): string[] {
    return this.#order.filter((sha) => set.has(sha));
  }
}

/** One page of `items` per `page`/`per_page`, and the Link header to the next and last pages. */
function page<T>(
  url: URL,
  items: readonly T[],
  defaultPerPage: number,
  maxPerPage: number,
): { items: T[]; link: string | undefined } {
  const perPage = Math.min(Number(url.searchParams.get("per_page") ?? defaultPerPage) || defaultPerPage, maxPerPage);
  const current = Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1);
  const slice = items.slice((current - 1) * perPage, current * perPage);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const at = (n: number) => {
    const u = new URL(url.href);
    u.searchParams.set("per_page", String(perPage));
    u.searchParams.set("page", String(n));
    return u.href;
  };
  const links: string[] = [];
  if (current < last) links.push(`<${at(current + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (current > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(current - 1)}>; rel="prev"`);
  return { items: slice, link: links.length > 0 ? links.join(", ") : undefined };
}

function send(res: ServerResponse, status: number, body: unknown, link?: string): void {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (link) headers.link = link;
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
}

function notFound(res: ServerResponse): void {
  send(res, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
}
