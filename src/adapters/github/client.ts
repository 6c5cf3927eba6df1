/**
 * One Octokit for every entry point: REST methods, pagination, retries with backoff for
 * 5xx/network errors, and throttling that honours primary and secondary rate limits
 * (`Retry-After`, `x-ratelimit-reset`). Octokit's own plugins do this better than hand-written
 * loops, and they are what GitHub maintains.
 */
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { requestTimeout } from "./timeout.js";

export const LeakstopOctokit = Octokit.plugin(retry, throttling, requestTimeout);
export type GitHubClient = InstanceType<typeof LeakstopOctokit>;

/** Options for {@link createGitHubClient}. */
export interface GitHubClientOptions {
  /** A token, or an auth strategy's options via `authStrategy`/`auth` (GitHub App). */
  readonly token?: string;
  readonly authStrategy?: unknown;
  readonly auth?: unknown;
  /** API base URL, e.g. `https://api.github.com` or `https://ghes.example.com/api/v3`. */
  readonly baseUrl: string;
  /** Retries for rate limits and server errors. Default 3. */
  readonly maxRetries?: number;
  /** Called with one redacted line per retry/limit event. */
  readonly log?: (line: string) => void;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const maxRetries = options.maxRetries ?? 3;
  const log = options.log ?? (() => {});
  return new LeakstopOctokit({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    userAgent: "leakstop",
    ...(options.token ? { auth: options.token } : {}),
    ...(options.authStrategy ? { authStrategy: options.authStrategy, auth: options.auth } : {}),
    // Octokit's default logger prints request details to the console; route through ours.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log(m), error: (m: string) => log(m) },
    retry: { retries: maxRetries },
    throttle: {
      onRateLimit: (retryAfter: number, opts: { method: string; url: string }, _o: unknown, retryCount: number) => {
        log(`GitHub rate limit on ${opts.method} ${opts.url}; retrying in ${retryAfter}s`);
        return retryCount < maxRetries;
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        opts: { method: string; url: string },
        _o: unknown,
        retryCount: number,
      ) => {
        log(`GitHub secondary rate limit on ${opts.method} ${opts.url}; retrying in ${retryAfter}s`);
        return retryCount < maxRetries;
      },
    },
  } as ConstructorParameters<typeof LeakstopOctokit>[0]);
}
