/**
 * Secret scanning alerts through the REST API. A `secret_scanning_alert` webhook carries no
 * secret, so the alert is read (`GET …/secret-scanning/alerts/{n}` returns `secret`), with every
 * page of its locations; after a successful rotation the alert is resolved as `revoked`. Needs
 * the GitHub App permission "Secret scanning alerts: read and write" (or a token with
 * `security_events` / `repo`).
 */
import type { CommitInfo } from "../../core/types.js";
import type { GitHubClient } from "./client.js";
import type { RepoId } from "./commits.js";

/** A secret scanning alert, with its secret. Never log it whole. */
export interface SecretScanningAlert {
  readonly number: number;
  readonly state: "open" | "resolved";
  readonly resolution: string | undefined;
  /** e.g. `github_personal_access_token`. */
  readonly secretType: string;
  /** e.g. "GitHub Personal Access Token". */
  readonly secretTypeDisplayName: string;
  /** The leaked value. */
  readonly secret: string;
  readonly htmlUrl: string | undefined;
  readonly validity: "active" | "inactive" | "unknown" | undefined;
  readonly publiclyLeaked: boolean;
  /** Set when the secret was pushed through push protection. */
  readonly bypass: PushProtectionBypass | undefined;
}

/** Who pushed a secret past push protection, when, and what they said. */
export interface PushProtectionBypass {
  /** Login of the person who bypassed. */
  readonly by: string | undefined;
  readonly at: string | undefined;
  /** The reason they gave (free text: treat as untrusted and inspect it before it is shown). */
  readonly comment: string | undefined;
  readonly reviewer: string | undefined;
  readonly requestUrl: string | undefined;
}

/** Where the secret was found. `commit` locations carry a path and lines. */
export interface AlertLocation {
  readonly type: string;
  readonly path?: string;
  readonly startLine?: number;
  readonly endLine?: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
  readonly commitSha?: string;
  /** For issues, pull requests, discussions: the page it is on. */
  readonly htmlUrl?: string;
}

/** Options of the calls here. */
export interface AlertRequestOptions {
  readonly abortSignal?: AbortSignal;
}

const PER_PAGE = 100;

/** Read alert `number` of `repo`, with its secret. */
export async function getAlert(
  client: GitHubClient,
  repo: RepoId,
  number: number,
  options: AlertRequestOptions = {},
): Promise<SecretScanningAlert> {
  try {
    const { data } = await client.rest.secretScanning.getAlert({
      ...repo,
      alert_number: number,
      ...request(options),
    });
    const a = data as typeof data & { secret_type_display_name?: string; validity?: string };
    if (typeof a.secret !== "string" || a.secret === "") {
      throw new Error("the response has no 'secret' (the token may lack secret scanning access, or hide_secret is on)");
    }
    const bypassed = a.push_protection_bypassed === true;
    return {
      number,
      state: a.state === "resolved" ? "resolved" : "open",
      resolution: a.resolution ?? undefined,
      secretType: a.secret_type ?? "unknown",
      secretTypeDisplayName: a.secret_type_display_name ?? a.secret_type ?? "secret",
      secret: a.secret,
      htmlUrl: a.html_url,
      validity:
        a.validity === "active" || a.validity === "inactive" || a.validity === "unknown" ? a.validity : undefined,
      publiclyLeaked: a.publicly_leaked === true,
      bypass: bypassed
        ? {
            by: a.push_protection_bypassed_by?.login,
            at: a.push_protection_bypassed_at ?? undefined,
            comment: a.push_protection_bypass_request_comment ?? undefined,
            reviewer: a.push_protection_bypass_request_reviewer?.login,
            requestUrl: a.push_protection_bypass_request_html_url ?? undefined,
          }
        : undefined,
    };
  } catch (e) {
    throw alertError(e, `read secret scanning alert #${number} of ${repo.owner}/${repo.repo}`);
  }
}

/** Every location of alert `number` (all pages). */
export async function listAlertLocations(
  client: GitHubClient,
  repo: RepoId,
  number: number,
  options: AlertRequestOptions = {},
): Promise<AlertLocation[]> {
  const out: AlertLocation[] = [];
  try {
    const pages = client.paginate.iterator(client.rest.secretScanning.listLocationsForAlert, {
      ...repo,
      alert_number: number,
      per_page: PER_PAGE,
      ...request(options),
    });
    for await (const page of pages) for (const raw of page.data) out.push(toLocation(raw));
  } catch (e) {
    throw alertError(e, `list the locations of secret scanning alert #${number} of ${repo.owner}/${repo.repo}`);
  }
  return out;
}

/** GitHub's limit on `resolution_comment`. */
export const RESOLUTION_COMMENT_LIMIT = 280;

/**
 * Resolve the alert as `revoked`. Call it only after the secret was rotated: the resolution
 * tells everyone the value no longer works.
 */
export async function resolveAlertAsRevoked(
  client: GitHubClient,
  repo: RepoId,
  number: number,
  comment: string,
  options: AlertRequestOptions = {},
): Promise<void> {
  const text =
    comment.length > RESOLUTION_COMMENT_LIMIT ? `${comment.slice(0, RESOLUTION_COMMENT_LIMIT - 1)}…` : comment;
  try {
    await client.rest.secretScanning.updateAlert({
      ...repo,
      alert_number: number,
      state: "resolved",
      resolution: "revoked",
      resolution_comment: text,
      ...request(options),
    });
  } catch (e) {
    throw alertError(e, `resolve secret scanning alert #${number} of ${repo.owner}/${repo.repo}`);
  }
}

/** Author and date of a commit (git database API: no file list), for the issue. */
export async function getCommitInfo(
  client: GitHubClient,
  repo: RepoId,
  sha: string,
  options: AlertRequestOptions = {},
): Promise<CommitInfo> {
  try {
    const { data } = await client.rest.git.getCommit({ ...repo, commit_sha: sha, ...request(options) });
    return { sha, authorName: data.author.name, authorEmail: data.author.email, date: data.author.date };
  } catch (e) {
    throw alertError(e, `read commit ${sha.slice(0, 12)} of ${repo.owner}/${repo.repo}`);
  }
}

function toLocation(raw: { type?: string; details?: unknown }): AlertLocation {
  const d = (raw.details ?? {}) as Record<string, unknown>;
  const num = (k: string) => (typeof d[k] === "number" ? (d[k] as number) : undefined);
  const str = (k: string) => (typeof d[k] === "string" && d[k] !== "" ? (d[k] as string) : undefined);
  const fields = {
    path: str("path"),
    startLine: num("start_line"),
    endLine: num("end_line"),
    startColumn: num("start_column"),
    endColumn: num("end_column"),
    commitSha: str("commit_sha"),
    htmlUrl: str("html_url"),
  };
  return {
    type: raw.type ?? "unknown",
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  };
}

function request(options: AlertRequestOptions): { request?: { signal: AbortSignal } } {
  return options.abortSignal ? { request: { signal: options.abortSignal } } : {};
}

/** An API failure that says which permission to grant; `status` tells whether a retry can help. */
export class GitHubApiError extends Error {
  override readonly name = "GitHubApiError";
  constructor(
    message: string,
    readonly status: number | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** Rate limits, server errors and network failures pass; other 4xx answers do not. */
  get transient(): boolean {
    return this.status === undefined || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

function alertError(error: unknown, what: string): GitHubApiError {
  if (error instanceof GitHubApiError) return error;
  const status = (error as { status?: unknown }).status;
  const code = typeof status === "number" ? status : undefined;
  const reason = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  const fix =
    code === 401
      ? "the GitHub token or App credentials are invalid or expired"
      : code === 403 || code === 404
        ? "grant the GitHub App 'Secret scanning alerts: read and write' and 'Contents: read' (or use a token with the 'security_events' and 'repo' scopes), and check that secret scanning is on for the repository"
        : undefined;
  const message = `Could not ${what} (${code !== undefined ? `HTTP ${code}: ` : ""}${reason})`;
  return new GitHubApiError(fix ? `${message}: ${fix}.` : `${message}.`, code, { cause: error });
}
