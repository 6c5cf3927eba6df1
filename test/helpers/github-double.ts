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
  /** The request body (POST/PATCH), "" for none. */
  readonly body: string;
}

/** A secret scanning alert as the REST API returns it (the fields leakstop reads). */
export interface DoubleAlert {
  readonly number: number;
  readonly secret: string;
  readonly secret_type: string;
  readonly secret_type_display_name?: string;
  state?: "open" | "resolved";
  resolution?: string | null;
  resolution_comment?: string | null;
  readonly validity?: "active" | "inactive" | "unknown";
  readonly publicly_leaked?: boolean;
  readonly push_protection_bypassed?: boolean;
  readonly push_protection_bypassed_by?: { readonly login: string } | null;
  readonly push_protection_bypassed_at?: string | null;
  readonly push_protection_bypass_request_comment?: string | null;
  /** `{ type, details }` as GitHub lists them. */
  readonly locations: ReadonlyArray<{ readonly type: string; readonly details: Record<string, unknown> }>;
}

/** An issue the double holds. */
export interface DoubleIssue {
  readonly repository: string;
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly labels: string[];
  state: "open" | "closed";
  readonly assignees: string[];
  readonly comments: string[];
}

/** A check run the double holds. */
export interface DoubleCheckRun {
  readonly id: number;
  readonly repository: string;
  readonly name: string;
  readonly head_sha: string;
  readonly status?: string;
  readonly conclusion?: string;
  readonly output?: { readonly title?: string; readonly summary?: string };
}

/** An App registered through the manifest flow. */
export interface DoubleApp {
  readonly id: number;
  readonly slug: string;
  readonly owner: string;
  readonly manifest: Record<string, unknown> & { readonly name?: string; readonly redirect_url?: string };
  readonly webhookSecret: string;
  readonly pem: string;
}

const DEFAULT_AUTHOR = { name: "Test Author", email: "author@example.com", date: "2024-01-01T00:00:00Z" };

export class GitHubDouble {
  readonly requests: RecordedRequest[] = [];
  readonly #commits = new Map<string, DoubleCommit>();
  /** Insertion order, the chronological order of the graph. */
  readonly #order: string[] = [];
  readonly #branches = new Map<string, string>();
  readonly #pulls = new Map<number, readonly string[]>();
  readonly #failures: Array<{
    pattern: RegExp;
    status: number;
    message: string;
    times: number;
    method?: string;
    headers?: Readonly<Record<string, string>>;
  }> = [];
  readonly #alerts = new Map<string, DoubleAlert>();
  readonly #delays: Array<{ pattern: RegExp; ms: number; times: number }> = [];
  /** Check runs created through the API, in order (the scan ledger). */
  readonly checkRuns: DoubleCheckRun[] = [];
  /** Refuse to create check runs, as a token without `checks: write` is refused. */
  checksForbidden = false;
  /** Issues created through the API, in order. */
  readonly issues: DoubleIssue[] = [];
  /** Comments edited in place (PATCH), e.g. a retried delivery keeping its one comment current. */
  commentEdits = 0;
  /** Apps registered through the manifest flow, with what the conversion handed out. */
  readonly apps: DoubleApp[] = [];
  /** Manifest codes not yet converted (one use each, as on GitHub). */
  readonly #manifestCodes = new Map<string, DoubleApp>();
  /** Labels by `owner/repo`, then name: created atomically (422 when the name exists, any case). */
  readonly labels = new Map<string, Map<string, { name: string; description: string; color: string }>>();
  /** Live tokens and their user's login: `GET /user` accepts them until revoked. */
  readonly #tokens = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    /** Base URL, e.g. `http://127.0.0.1:41234`: use as `GITHUB_API_URL`. */
    readonly url: string,
  ) {}

  static async start(): Promise<GitHubDouble> {
    let double: GitHubDouble | undefined;
    const server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => {
        body += chunk;
      });
      req.on("end", () => {
        const path = new URL(req.url ?? "/", "http://localhost").pathname;
        const ms = double?.delayFor(path) ?? 0;
        if (ms > 0) setTimeout(() => double?.handle(req, res, body), ms);
        else double?.handle(req, res, body);
      });
    });
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

  /**
   * Answer requests whose path matches `pattern` with an error, e.g. 403 for a missing permission,
   * or 429 with `headers: { "retry-after": "600" }` for a rate limit.
   */
  failWith(
    pattern: RegExp,
    status: number,
    message: string,
    options: { times?: number; method?: string; headers?: Readonly<Record<string, string>> } = {},
  ): void {
    this.#failures.push({
      pattern,
      status,
      message,
      times: options.times ?? Number.POSITIVE_INFINITY,
      ...(options.method ? { method: options.method } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    });
  }

  /** Forget every {@link failWith}: the API answers normally again. */
  clearFailures(): void {
    this.#failures.splice(0);
  }

  /** Serve alert `alert.number` of `repository` (`owner/repo`). */
  addAlert(repository: string, alert: DoubleAlert): void {
    this.#alerts.set(`${repository.toLowerCase()}#${alert.number}`, { state: "open", resolution: null, ...alert });
  }

  alert(repository: string, number: number): DoubleAlert | undefined {
    return this.#alerts.get(`${repository.toLowerCase()}#${number}`);
  }

  /** A token `GET /user` accepts (as `login`) until `POST /credentials/revoke` or `DELETE /installation/token`. */
  addToken(token: string, login = "octo-user"): void {
    this.#tokens.set(token, login);
  }

  tokenIsLive(token: string): boolean {
    return this.#tokens.has(token);
  }

  /**
   * GitHub's revocation is asynchronous (it answers 202 Accepted): after this, a revoked token
   * still passes `GET /user` for the next `probes` probes, then is refused.
   */
  revocationLag = 0;
  readonly #revoking = new Map<string, number>();

  /** Answer requests whose path matches `pattern` after `ms` milliseconds. */
  delay(pattern: RegExp, ms: number, times = Number.POSITIVE_INFINITY): void {
    this.#delays.push({ pattern, ms, times });
  }

  /** @internal */
  delayFor(path: string): number {
    const d = this.#delays.find((x) => x.pattern.test(path));
    if (!d) return 0;
    if (--d.times <= 0) this.#delays.splice(this.#delays.indexOf(d), 1);
    return d.ms;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** @internal */
  handle(req: IncomingMessage, res: ServerResponse, body = "") {
    const url = new URL(req.url ?? "/", this.url);
    this.requests.push({
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body,
    });
    const failure = this.#failures.find(
      (f) => f.pattern.test(url.pathname) && (f.method === undefined || f.method === req.method),
    );
    if (failure) {
      if (--failure.times <= 0) this.#failures.splice(this.#failures.indexOf(failure), 1);
      for (const [name, value] of Object.entries(failure.headers ?? {})) res.setHeader(name, value);
      return send(res, failure.status, { message: failure.message });
    }
    const parts = url.pathname
      .split("/")
      .filter((p) => p !== "")
      .map(decodeURIComponent);
    if (this.appManifestRoute(req.method ?? "GET", url, parts, body, res)) return;
    if (this.tokenRoute(req.method ?? "GET", url.pathname, req.headers.authorization, body, res)) return;
    if (parts[0] === "repos" && parts.length >= 4 && this.responderRoute(req.method ?? "GET", url, parts, body, res)) {
      return;
    }
    if (req.method !== "GET" || parts[0] !== "repos" || parts.length < 4) return notFound(res);
    const [, , , kind, ...rest] = parts;
    if (kind === "compare" && rest.length === 1) return this.compare(url, res, rest[0] ?? "");
    if (kind === "commits" && rest.length === 1) return this.commit(url, res, rest[0] ?? "");
    if (kind === "commits" && rest.length === 0) return this.history(url, res);
    if (kind === "pulls" && rest.length === 2 && rest[1] === "commits")
      return this.pullCommits(url, res, Number(rest[0]));
    notFound(res);
  }

  /**
   * The GitHub App manifest flow: github.com's "create app" page (`POST /settings/apps/new` or
   * `/organizations/ORG/settings/apps/new` with a `manifest` form field and `?state=`), whose
   * button redirects to the manifest's `redirect_url` with a one-time `code` and the `state`; and
   * the API's `POST /app-manifests/{code}/conversions`, which returns the App's credentials.
   */
  private appManifestRoute(method: string, url: URL, parts: string[], body: string, res: ServerResponse): boolean {
    if (method !== "POST") return false;
    const newPage =
      (parts.length === 3 && parts.join("/") === "settings/apps/new") ||
      (parts.length === 5 && parts[0] === "organizations" && parts.slice(2).join("/") === "settings/apps/new");
    if (newPage) {
      const manifest = JSON.parse(new URLSearchParams(body).get("manifest") ?? "{}") as Record<string, unknown>;
      const owner = parts[0] === "organizations" ? (parts[1] ?? "") : "octocat";
      const state = url.searchParams.get("state") ?? "";
      const html = `<!doctype html><title>Create GitHub App</title><h1>Create GitHub App for ${escapeHtml(owner)}</h1>
<p>Name: <span id="name">${escapeHtml(String(manifest.name ?? ""))}</span></p>
<form method="post" action="/settings/apps/new/confirm">
<input type="hidden" name="manifest" value="${escapeHtml(JSON.stringify(manifest))}">
<input type="hidden" name="owner" value="${escapeHtml(owner)}"><input type="hidden" name="state" value="${escapeHtml(state)}">
<button type="submit">Create GitHub App for ${escapeHtml(owner)}</button></form>`;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
      return true;
    }
    if (parts.join("/") === "settings/apps/new/confirm") {
      const form = new URLSearchParams(body);
      const manifest = JSON.parse(form.get("manifest") ?? "{}") as DoubleApp["manifest"];
      const id = 1000 + this.apps.length + 1;
      const app: DoubleApp = {
        id,
        slug: `${String(manifest.name ?? "app").toLowerCase()}-${id}`,
        owner: form.get("owner") ?? "",
        manifest,
        webhookSecret: `whsec-${id}-${Math.random().toString(36).slice(2)}`,
        // Armour built at run time: not a key, and nothing in this file looks like one.
        pem: [
          `-----BEGIN ${"RSA PRIVATE"} KEY-----`,
          `fake-${id}-${Math.random()}`,
          `-----END ${"RSA PRIVATE"} KEY-----`,
          "",
        ].join("\n"),
      };
      this.apps.push(app);
      const code = `code-${id}-${Math.random().toString(36).slice(2)}`;
      this.#manifestCodes.set(code, app);
      const to = new URL(String(manifest.redirect_url ?? ""));
      to.searchParams.set("code", code);
      to.searchParams.set("state", form.get("state") ?? "");
      res.writeHead(302, { location: to.href }).end();
      return true;
    }
    if (parts.length === 3 && parts[0] === "app-manifests" && parts[2] === "conversions") {
      const app = this.#manifestCodes.get(parts[1] ?? "");
      if (!app) return notFound(res);
      this.#manifestCodes.delete(parts[1] ?? "");
      return send(res, 201, {
        id: app.id,
        slug: app.slug,
        node_id: `A_${app.id}`,
        owner: { login: app.owner, type: "Organization" },
        name: app.manifest.name,
        html_url: `https://github.com/apps/${app.slug}`,
        client_id: `Iv1.${app.id}`,
        client_secret: `client-secret-${app.id}`,
        webhook_secret: app.webhookSecret,
        pem: app.pem,
        permissions: app.manifest.default_permissions,
        events: app.manifest.default_events,
      });
    }
    return false;
  }

  /**
   * Credential revocation as GitHub documents it: `POST /credentials/revoke` is unauthenticated
   * (an authenticated call gets 403), takes at most 1000 credentials and answers 202;
   * `DELETE /installation/token` revokes the token it is called with; `GET /user` is the probe.
   */
  private tokenRoute(method: string, path: string, auth: string | undefined, body: string, res: ServerResponse) {
    const bearer = /^(?:bearer|token)\s+(.+)$/i.exec(auth ?? "")?.[1];
    if (path === "/credentials/revoke" && method === "POST") {
      if (auth) return send(res, 403, { message: "Authenticated requests are not allowed" });
      const credentials = (JSON.parse(body || "{}") as { credentials?: unknown }).credentials;
      if (!Array.isArray(credentials) || credentials.length === 0 || credentials.length > 1000) {
        return send(res, 422, { message: "Validation Failed" });
      }
      for (const c of credentials) {
        if (typeof c !== "string" || !this.#tokens.has(c)) continue;
        if (this.revocationLag > 0 && !this.#revoking.has(c)) this.#revoking.set(c, this.revocationLag);
        else if (this.revocationLag === 0) this.#tokens.delete(c);
      }
      return send(res, 202, {});
    }
    if (path === "/installation/token" && method === "DELETE") {
      if (!bearer || !this.#tokens.delete(bearer)) return send(res, 401, { message: "Bad credentials" });
      res.writeHead(204).end();
      return true;
    }
    if (path === "/user" && method === "GET") {
      const left = bearer ? this.#revoking.get(bearer) : undefined;
      if (bearer && left !== undefined) {
        if (left <= 0) {
          this.#tokens.delete(bearer);
          this.#revoking.delete(bearer);
        } else this.#revoking.set(bearer, left - 1);
      }
      const login = bearer ? this.#tokens.get(bearer) : undefined;
      return login ? send(res, 200, { login }) : send(res, 401, { message: "Bad credentials" });
    }
    return false;
  }

  /** Alerts, git commits and issues; false when the route is not one of them. */
  private responderRoute(method: string, url: URL, parts: string[], body: string, res: ServerResponse): boolean {
    const [, owner = "", name = "", kind, ...rest] = parts;
    const repository = `${owner}/${name}`;
    if (kind === "secret-scanning" && rest[0] === "alerts" && rest.length >= 2) {
      const alert = this.alert(repository, Number(rest[1]));
      if (!alert) return notFound(res);
      if (rest.length === 3 && rest[2] === "locations" && method === "GET") {
        const { items, link } = page(url, alert.locations, 30, 100);
        return send(res, 200, items, link);
      }
      if (rest.length !== 2) return notFound(res);
      if (method === "PATCH") {
        const p = JSON.parse(body || "{}") as {
          state?: "open" | "resolved";
          resolution?: string;
          resolution_comment?: string;
        };
        if (p.state === "resolved" && !p.resolution) return send(res, 422, { message: "resolution is required" });
        if (p.state) alert.state = p.state;
        alert.resolution = p.state === "resolved" ? (p.resolution ?? null) : null;
        alert.resolution_comment = p.resolution_comment ?? null;
      } else if (method !== "GET") return notFound(res);
      const { locations: _, ...rest2 } = alert;
      const html = `https://github.com/${repository}/security/secret-scanning/${alert.number}`;
      return send(res, 200, { ...rest2, html_url: html, url: `${this.url}${url.pathname}` });
    }
    if (kind === "git" && rest[0] === "commits" && rest.length === 2 && method === "GET") {
      const c = this.#commits.get(rest[1] ?? "");
      if (!c) return notFound(res);
      const author = c.author ?? DEFAULT_AUTHOR;
      return send(res, 200, { sha: c.sha, author, committer: author, message: c.message ?? "" });
    }
    if (kind === "issues") return this.issueRoute(method, url, repository, rest, body, res);
    if (kind === "check-runs" && rest.length === 0 && method === "POST") {
      if (this.checksForbidden) return send(res, 403, { message: "Resource not accessible by integration" });
      const p = JSON.parse(body || "{}") as Omit<DoubleCheckRun, "id" | "repository">;
      if (!p.name || !p.head_sha) return send(res, 422, { message: "name and head_sha are required" });
      const run: DoubleCheckRun = { ...p, id: this.checkRuns.length + 1, repository };
      this.checkRuns.push(run);
      return send(res, 201, { id: run.id, name: run.name, head_sha: run.head_sha, status: run.status });
    }
    if (kind === "commits" && rest.length === 2 && rest[1] === "check-runs" && method === "GET") {
      const name = url.searchParams.get("check_name");
      const status = url.searchParams.get("status");
      const runs = this.checkRuns.filter(
        (r) =>
          r.repository.toLowerCase() === repository.toLowerCase() &&
          r.head_sha === rest[0] &&
          (!name || r.name === name) &&
          (!status || r.status === status),
      );
      return send(res, 200, { total_count: runs.length, check_runs: runs.slice(0, 1) });
    }
    if (kind === "labels") return this.labelRoute(method, repository.toLowerCase(), rest, body, res);
    return false;
  }

  private labelRoute(method: string, repository: string, rest: string[], body: string, res: ServerResponse): boolean {
    const labels = this.labels.get(repository) ?? new Map();
    this.labels.set(repository, labels);
    if (rest.length === 0 && method === "POST") {
      const p = JSON.parse(body || "{}") as { name?: string; description?: string; color?: string };
      if (!p.name) return send(res, 422, { message: "name is required" });
      if (labels.has(p.name.toLowerCase())) {
        return send(res, 422, {
          message: "Validation Failed",
          errors: [{ resource: "Label", code: "already_exists" }],
        });
      }
      const label = { name: p.name, description: p.description ?? "", color: p.color ?? "ededed" };
      labels.set(p.name.toLowerCase(), label);
      return send(res, 201, label);
    }
    const label = rest.length === 1 ? labels.get((rest[0] ?? "").toLowerCase()) : undefined;
    if (!label) return notFound(res);
    if (method === "GET") return send(res, 200, label);
    if (method === "DELETE") {
      labels.delete(label.name.toLowerCase());
      res.writeHead(204).end();
      return true;
    }
    return notFound(res);
  }

  private issueRoute(
    method: string,
    url: URL,
    repository: string,
    rest: string[],
    body: string,
    res: ServerResponse,
  ): boolean {
    const html = (n: number) => `https://github.com/${repository}/issues/${n}`;
    const view = (i: DoubleIssue) => ({
      number: i.number,
      html_url: html(i.number),
      title: i.title,
      body: i.body,
      state: i.state,
      labels: i.labels.map((name) => ({ name })),
    });
    const mine = this.issues.filter((i) => i.repository.toLowerCase() === repository.toLowerCase());
    if (rest.length === 0 && method === "GET") {
      const label = url.searchParams.get("labels");
      const state = url.searchParams.get("state") ?? "open";
      const listed = mine
        .filter((i) => (label ? label.split(",").every((l) => i.labels.includes(l)) : true))
        .filter((i) => state === "all" || i.state === state)
        .reverse(); // newest first, as GitHub lists them
      const { items, link } = page(url, listed, 30, 100);
      return send(res, 200, items.map(view), link);
    }
    if (rest.length === 0 && method === "POST") {
      const p = JSON.parse(body || "{}") as { title?: string; body?: string; labels?: string[] };
      if (!p.title) return send(res, 422, { message: "title is required" });
      const issue: DoubleIssue = {
        repository,
        number: this.issues.length + 1,
        title: p.title,
        body: p.body ?? "",
        labels: [...(p.labels ?? [])],
        state: "open",
        assignees: [],
        comments: [],
      };
      this.issues.push(issue);
      return send(res, 201, view(issue));
    }
    // Comment ids are unique in the repository: the issue's number and the comment's place in it.
    const commentId = (n: number, index: number) => n * 100_000 + index + 1;
    const commentView = (n: number, index: number, text: string) => ({
      id: commentId(n, index),
      body: text,
      html_url: `${html(n)}#issuecomment-${commentId(n, index)}`,
    });
    if (rest[0] === "comments" && rest.length === 2 && method === "PATCH") {
      const id = Number(rest[1]);
      const target = mine.find((i) => i.number === Math.floor((id - 1) / 100_000));
      const index = (id - 1) % 100_000;
      if (!target || index >= target.comments.length) return notFound(res);
      target.comments[index] = (JSON.parse(body || "{}") as { body?: string }).body ?? "";
      this.commentEdits++;
      return send(res, 200, commentView(target.number, index, target.comments[index] ?? ""));
    }
    const issue = mine.find((i) => i.number === Number(rest[0]));
    if (!issue) return notFound(res);
    if (rest[1] === "comments" && method === "GET") {
      const all = issue.comments.map((text, index) => commentView(issue.number, index, text));
      const { items, link } = page(url, all, 30, 100);
      return send(res, 200, items, link);
    }
    if (rest[1] === "comments" && method === "POST") {
      issue.comments.push((JSON.parse(body || "{}") as { body?: string }).body ?? "");
      const index = issue.comments.length - 1;
      return send(res, 201, commentView(issue.number, index, issue.comments[index] ?? ""));
    }
    if (rest[1] === "assignees" && method === "POST") {
      issue.assignees.push(...((JSON.parse(body || "{}") as { assignees?: string[] }).assignees ?? []));
      return send(res, 201, view(issue));
    }
    return notFound(res);
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

/** Answers; returns true so a route can `return send(…)` to say it handled the request. */
function send(res: ServerResponse, status: number, body: unknown, link?: string): true {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (link) headers.link = link;
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
  return true;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function notFound(res: ServerResponse): true {
  return send(res, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
}
