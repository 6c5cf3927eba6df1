/**
 * Every GitHub request ends: an Octokit plugin that gives each request (each try, under the
 * retry plugin) a time limit on top of the caller's abort signal. A GitHub API that never
 * answers must not hold a worker for minutes, nor a shutdown past the container's stop timeout.
 */
import type { Octokit } from "@octokit/core";

/** Default time limit of one request. */
export const GITHUB_REQUEST_TIMEOUT_IN_MS = 30_000;

/** Constructor option of the plugin. */
export interface RequestTimeoutOptions {
  /** Default {@link GITHUB_REQUEST_TIMEOUT_IN_MS}. */
  readonly requestTimeoutInMs?: number;
}

export function requestTimeout(octokit: Octokit, options: object): void {
  const ms = (options as RequestTimeoutOptions).requestTimeoutInMs ?? GITHUB_REQUEST_TIMEOUT_IN_MS;
  // The caller's signal per request: a retry (retry.ts) runs this hook again on the same options,
  // whose signal is by then the previous try's, perhaps timed out.
  const callerSignals = new WeakMap<object, AbortSignal | undefined>();
  octokit.hook.wrap("request", async (request, opts) => {
    if (!callerSignals.has(opts))
      callerSignals.set(opts, (opts.request as { signal?: AbortSignal } | undefined)?.signal);
    const own = callerSignals.get(opts);
    const timeout = AbortSignal.timeout(ms);
    const signal = own ? AbortSignal.any([own, timeout]) : timeout;
    // In place: the hooks inside this one were bound to this very options object.
    opts.request = { ...opts.request, signal };
    try {
      return await request(opts);
    } catch (e) {
      if (timeout.aborted && !own?.aborted) {
        throw Object.assign(new Error(`GitHub did not answer ${opts.method} ${opts.url} within ${ms} ms.`), {
          cause: e,
          status: 504,
        });
      }
      throw e;
    }
  });
}
