/**
 * One Octokit for every entry point: REST methods, pagination, the pacing of writes and searches
 * GitHub asks for (`@octokit/plugin-throttling`), a time limit per try (timeout.ts), and retries
 * with backoff for 5xx/network errors and after primary and secondary rate limits
 * (`Retry-After`, `x-ratelimit-reset`) whose waits end when the caller's abort signal fires
 * (retry.ts: the plugins' own waits cannot be interrupted, so a shutdown had to sit them out).
 */
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { abortableRetry } from "./retry.js";
import { requestTimeout } from "./timeout.js";

/** Hooks run outermost last: the retries wrap the per-try time limit, which wraps the pacing. */
export const LeakstopOctokit = Octokit.plugin(throttling, requestTimeout, abortableRetry);
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
    // Declined here, retried by abortableRetry: its wait ends on abort, the plugin's does not.
    throttle: { onRateLimit: () => false, onSecondaryRateLimit: () => false },
  } as ConstructorParameters<typeof LeakstopOctokit>[0]);
}
