/**
 * The Action's side of the findings API: send the findings' locations to the trusted
 * responder with the job's OIDC token, then wait a bounded time for the outcome. Failures are
 * answers, not exceptions the job dies of: the job still fails on the leak and says whether
 * remediation is pending or failed.
 */
import type { FindingsRequest, FindingsStatus } from "../../core/responder/findings-api.js";

/** Options for {@link createResponderClient}. */
export interface ResponderClientOptions {
  /** The responder's base URL (the `responder-url` input); also the token's audience. */
  readonly url: string;
  /** The job's OIDC token for that audience (`core.getIDToken`); called again when one expires. */
  readonly token: () => Promise<string>;
  /** One request's timeout. Default 10 s. */
  readonly requestTimeoutInMs?: number;
  /** Time between two status reads. Default 2 s. */
  readonly pollIntervalInMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** How a call ended from the job's point of view. */
export type ResponderAnswer =
  | { readonly kind: "done"; readonly status: FindingsStatus }
  /** Accepted, but not finished within the wait: remediation is pending at the service. */
  | { readonly kind: "pending"; readonly id: string; readonly status?: FindingsStatus }
  /** Refused or unreachable: nothing was done by the service (as far as the job can tell). */
  | { readonly kind: "error"; readonly message: string; readonly id?: string };

export interface ResponderClient {
  /** Submit and wait up to `waitInMs` for the outcome. Never throws for a network or HTTP failure. */
  report(request: FindingsRequest, waitInMs: number): Promise<ResponderAnswer>;
}

const sleepDefault = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function base(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`responder-url '${url}' is not a URL.`);
  }
  const loopback = /^(localhost|127\.[\d.]+|\[::1\])$/.test(parsed.hostname);
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && loopback)) {
    throw new TypeError(`responder-url '${url}' must be an https:// URL.`);
  }
  return url.replace(/\/+$/, "");
}

export function createResponderClient(options: ResponderClientOptions): ResponderClient {
  const root = base(options.url);
  const sleep = options.sleep ?? sleepDefault;
  const timeout = options.requestTimeoutInMs ?? 10_000;

  async function call(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    const token = await options.token();
    const response = await fetch(`${root}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeout),
      redirect: "error",
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json };
  }

  const errorOf = (status: number, json: unknown) =>
    typeof json === "object" && json !== null && typeof (json as { error?: unknown }).error === "string"
      ? `${status}: ${(json as { error: string }).error}`
      : `HTTP ${status}`;

  return {
    async report(request, waitInMs) {
      const deadline = Date.now() + waitInMs;
      let id: string | undefined;
      let last: FindingsStatus | undefined;
      // Submit: retried on 429/5xx and network errors until the deadline (the service answers fast).
      for (let attempt = 0; id === undefined; attempt++) {
        try {
          const { status, json } = await call("POST", "/api/v1/findings", request);
          if (status === 202 || status === 200 || status === 201) {
            last = json as FindingsStatus;
            id = last?.id;
            if (!id) return { kind: "error", message: "the responder accepted the findings but returned no id" };
            break;
          }
          if (status !== 429 && status < 500)
            return { kind: "error", message: `the responder refused the findings (${errorOf(status, json)})` };
          if (Date.now() >= deadline)
            return { kind: "error", message: `the responder is unavailable (${errorOf(status, json)})` };
        } catch (e) {
          if (Date.now() >= deadline)
            return { kind: "error", message: `the responder at ${root} could not be reached: ${(e as Error).message}` };
        }
        await sleep(Math.min(1000 * 2 ** attempt, 8000, Math.max(0, deadline - Date.now())));
      }
      while (last?.state !== "done" && last?.state !== "failed") {
        if (Date.now() >= deadline) return { kind: "pending", id, ...(last ? { status: last } : {}) };
        await sleep(Math.min(options.pollIntervalInMs ?? 2000, Math.max(0, deadline - Date.now())));
        try {
          const { status, json } = await call("GET", `/api/v1/findings/${encodeURIComponent(id)}`);
          if (status === 200) last = json as FindingsStatus;
          else if (status !== 429 && status < 500)
            return { kind: "error", id, message: `reading the outcome failed (${errorOf(status, json)})` };
        } catch {
          // A lost status read is tried again until the deadline.
        }
      }
      return { kind: "done", status: last };
    },
  };
}
