/**
 * Retries of GitHub requests with waits that end when the caller's abort signal fires. The
 * waits of `@octokit/plugin-retry` (1 s, 4 s, 9 s after a 5xx) and of
 * `@octokit/plugin-throttling` (a `Retry-After` or a rate-limit reset, often a minute or more)
 * are Bottleneck timers that know nothing of `request.signal`: a shutdown, or a delivery's own
 * time limit, had to sit them out, and the pending timer kept the process alive past the
 * container's stop timeout. This plugin is the outermost request hook: it retries server errors
 * with the same backoff as plugin-retry and rate limits after the time GitHub names, and it
 * sleeps with `timers/promises`, whose timer is cleared the moment the signal aborts.
 * plugin-throttling stays for what it does well (pacing writes and searches); its own retries
 * are declined in {@link createGitHubClient}'s callbacks so that the wait happens here.
 *
 * Rate-limit facts used (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api):
 * a `retry-after` header gives seconds to wait; `x-ratelimit-remaining: 0` waits until
 * `x-ratelimit-reset` (epoch seconds); a secondary limit without either waits at least a minute.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Octokit } from "@octokit/core";

/** The constructor's `retry` option (the names plugin-retry used, so callers did not change). */
export interface RetryOptions {
  /** Default true. */
  readonly enabled?: boolean;
  /** Retries after the first try. Default 3. */
  readonly retries?: number;
  /** Statuses never retried. Default: 400, 401, 403 (unless rate limited), 404, 410, 422, 451. */
  readonly doNotRetry?: readonly number[];
  /** The unit of the server-error backoff ((n + 1)² units). Default 1000 ms. */
  readonly retryAfterBaseValue?: number;
}

const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 451];
/** GitHub's advice for a secondary rate limit that names no time. */
const SECONDARY_FALLBACK_IN_MS = 60_000;

interface ApiError {
  readonly status?: number;
  readonly message?: string;
  readonly request?: unknown;
  readonly response?: { readonly headers?: Readonly<Record<string, string | number | undefined>> };
}

/**
 * How long to wait before trying `error`'s request again, or undefined when a retry cannot help.
 * Only errors of an answered or failed HTTP exchange (`error.request` set by @octokit/request)
 * are retried: an abort or this adapter's own time limit is not.
 */
export function retryWaitInMs(
  error: unknown,
  attempt: number,
  options: Required<Omit<RetryOptions, "enabled">>,
  now = Date.now(),
): number | undefined {
  const e = error as ApiError | undefined;
  if (e?.request === undefined || typeof e.status !== "number") return undefined;
  const limited = rateLimitWaitInMs(e, now);
  if (limited !== undefined) return limited;
  if (e.status < 400 || options.doNotRetry.includes(e.status)) return undefined;
  return (attempt + 1) ** 2 * options.retryAfterBaseValue;
}

function rateLimitWaitInMs(e: ApiError, now: number): number | undefined {
  if (e.status !== 403 && e.status !== 429) return undefined;
  const headers = e.response?.headers ?? {};
  const retryAfter = headers["retry-after"];
  if (retryAfter !== undefined && Number.isFinite(Number(retryAfter))) return Math.max(0, Number(retryAfter)) * 1000;
  if (String(headers["x-ratelimit-remaining"]) === "0") {
    const reset = Number(headers["x-ratelimit-reset"]);
    if (Number.isFinite(reset)) return Math.max(0, reset * 1000 - now) + 1000;
  }
  if (e.status === 429 || /secondary rate limit/i.test(e.message ?? "")) return SECONDARY_FALLBACK_IN_MS;
  // A 403 that is no rate limit: a missing permission, which waiting does not fix.
  return undefined;
}

/** The Octokit plugin. Register it last, so that it wraps every other request hook. */
export function abortableRetry(octokit: Octokit, octokitOptions: object): void {
  const given = (octokitOptions as { retry?: RetryOptions }).retry ?? {};
  if (given.enabled === false) return;
  const options = {
    retries: given.retries ?? 3,
    doNotRetry: given.doNotRetry ?? DO_NOT_RETRY,
    retryAfterBaseValue: given.retryAfterBaseValue ?? 1000,
  };
  octokit.hook.wrap("request", async (request, opts) => {
    // The caller's signal, before an inner hook (the time limit) replaces it for one try.
    const signal = (opts.request as { signal?: AbortSignal } | undefined)?.signal;
    for (let attempt = 0; ; attempt++) {
      try {
        // Inner hooks are bound to `opts` itself: each call is one more try of the same request.
        return await untilAborted(Promise.resolve(request(opts)), signal);
      } catch (error) {
        const wait = attempt < options.retries ? retryWaitInMs(error, attempt, options) : undefined;
        if (wait === undefined || signal?.aborted) throw error;
        octokit.log.warn(
          `GitHub answered ${opts.method} ${opts.url} with ${(error as ApiError).status}; retrying in ${Math.ceil(wait / 1000)}s`,
        );
        // Ends the moment the signal aborts (the timer is cleared), with the caller's own reason.
        await sleep(wait, undefined, signal ? { signal } : {}).catch((e: unknown) => {
          throw signal?.aborted ? signal.reason : e;
        });
      }
    }
  });
}

/**
 * `promise`, or the abort reason as soon as `signal` aborts: a try still queued in
 * plugin-throttling's pacing must not hold the caller either. (The try itself ends at once:
 * its fetch gets the same, aborted, signal.)
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
