/**
 * Driving the webhook responder as GitHub does: signed deliveries (HMAC-SHA256 of the raw body,
 * `X-Hub-Signature-256`) over real HTTP to a server on a free port, payloads from
 * `@octokit/webhooks-examples`, and an in-memory fake of the `Responder` port that counts.
 */
import { createHmac, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GitHubClients } from "../../../src/adapters/github/app-auth.js";
import { type GitHubClient, LeakstopOctokit } from "../../../src/adapters/github/client.js";
import type { LeakReport, LeakResponse, Responder } from "../../../src/entrypoints/server/responder.js";
import { type Service, type ServiceOverrides, startService } from "../../../src/entrypoints/server/run.js";
import { parseServerSettings } from "../../../src/entrypoints/server/settings.js";

export const WEBHOOK_SECRET = `whsec-${randomUUID()}`;

/** `sha256=<hex>` of `body` under `secret`, as GitHub signs. */
export function sign(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Options for {@link deliver}. */
export interface DeliverOptions {
  readonly id?: string;
  /** Default: signed with {@link WEBHOOK_SECRET}; `null`: no signature header. */
  readonly signature?: string | null;
  readonly body?: string;
}

/** POST one delivery; resolves to the status and body. */
export async function deliver(
  url: string,
  event: string,
  payload: unknown,
  options: DeliverOptions = {},
): Promise<{ status: number; text: string; id: string }> {
  const body = options.body ?? JSON.stringify(payload);
  const id = options.id ?? randomUUID();
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": id,
    "user-agent": "GitHub-Hookshot/test",
  };
  const signature = options.signature === undefined ? sign(body) : options.signature;
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  const res = await fetch(`${url}/api/github/webhooks`, { method: "POST", headers, body });
  return { status: res.status, text: await res.text(), id };
}

interface WebhookExample {
  readonly name: string;
  readonly examples: ReadonlyArray<Record<string, unknown>>;
}

/** A real payload (deep copy) from @octokit/webhooks-examples: api.github.com first, then GHES. */
export function example(event: string, match: (p: Record<string, unknown>) => boolean = () => true) {
  const require = createRequire(import.meta.url);
  for (const set of ["@octokit/webhooks-examples", "@octokit/webhooks-examples/ghes-35/index.json"]) {
    const all = require(set) as WebhookExample[];
    const found = all.find((e) => e.name === event)?.examples.find(match);
    if (found) return structuredClone(found) as Record<string, unknown>;
  }
  throw new Error(`No '${event}' example in @octokit/webhooks-examples.`);
}

/**
 * A `secret_scanning_alert` payload from the real example (GHES 3.5 `reopened`), made into
 * `action` for alert `number` of `owner/repo` with an App installation.
 */
export function alertPayload(
  action: string,
  number: number,
  extra: { repository?: string; installation?: number; validity?: string } = {},
): Record<string, unknown> {
  const p = example("secret_scanning_alert");
  const [owner = "", name = ""] = (extra.repository ?? "octo-org/octo-repo").split("/");
  const repository = p.repository as Record<string, unknown>;
  return {
    ...p,
    action,
    alert: {
      ...(p.alert as object),
      number,
      ...(extra.validity ? { validity: extra.validity } : {}),
    },
    repository: {
      ...repository,
      name,
      full_name: `${owner}/${name}`,
      owner: { ...(repository.owner as object), login: owner },
    },
    ...(extra.installation !== undefined ? { installation: { id: extra.installation } } : {}),
  };
}

/** An in-memory responder that records every call and answers `answer`. */
export class FakeResponder implements Responder {
  readonly calls: LeakReport[] = [];
  answer: LeakResponse = { outcome: "rotated", revoked: true, rotated: 1, failures: 0, issueUrl: "https://x/issues/1" };
  /** Milliseconds each call takes. */
  delayInMs = 0;
  /** Calls under way now, and the most that were ever under way at once. */
  inFlight = 0;
  maxInFlight = 0;

  async respondToLeak(report: LeakReport): Promise<LeakResponse> {
    this.calls.push(report);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.delayInMs > 0) await new Promise((r) => setTimeout(r, this.delayInMs));
      return this.answer;
    } finally {
      this.inFlight--;
    }
  }
}

/** A started service with its temp data dir and captured log lines. */
export interface TestService {
  readonly service: Service;
  readonly url: string;
  readonly logs: string[];
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Start the service on a free port with `env` on top of test defaults. */
export async function startTestService(
  env: Record<string, string>,
  overrides: ServiceOverrides = {},
  dataDir?: string,
): Promise<TestService> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), "leakstop-serve-")));
  const settings = parseServerSettings({
    LEAKSTOP_WEBHOOK_SECRET: WEBHOOK_SECRET,
    GITHUB_TOKEN: "test-token",
    LEAKSTOP_DATA_DIR: dir,
    PORT: "0",
    ...env,
  });
  const logs: string[] = [];
  const clients = testClients(settings.apiUrl);
  const service = await startService(settings, {
    clients,
    host: "127.0.0.1",
    write: (line) => logs.push(line),
    queue: { retryDelayInMs: 20, maxRetryDelayInMs: 50 },
    shutdownGraceInMs: 2000,
    ...overrides,
  });
  return {
    service,
    url: service.url,
    logs,
    dataDir: dir,
    async stop() {
      await service.close();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * GitHub clients for tests: the production Octokit class without its request pacing (the
 * throttling plugin spaces issue and comment creation 3 s apart across the process, as GitHub
 * asks) and without its own retries (1 s, 4 s, 9 s): the queue's retries are what tests exercise.
 */
export function testClients(baseUrl: string, requestTimeoutInMs?: number): GitHubClients {
  const client = new LeakstopOctokit({
    baseUrl,
    ...(requestTimeoutInMs !== undefined ? { requestTimeoutInMs } : {}),
    auth: "test-token",
    throttle: { enabled: false },
    retry: { enabled: false },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  } as ConstructorParameters<typeof LeakstopOctokit>[0]) as GitHubClient;
  return { forDelivery: async () => client };
}

/** Poll `check` until it returns true (every 10 ms, up to `timeoutInMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutInMs = 10_000) {
  const deadline = Date.now() + timeoutInMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Parsed JSON log lines. */
export function parseLogs(lines: readonly string[]): Array<Record<string, unknown>> {
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}
