/**
 * One-click GitHub App registration, served by `leakstop serve` with `LEAKSTOP_SETUP=1`
 * (https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest):
 *
 * 1. `GET /setup[?org=ORG]` renders a form that posts the App manifest to GitHub's "new App" page
 *    with a one-time `state`, also set as an HttpOnly cookie.
 * 2. GitHub sends the browser back to `GET /setup/callback?code=…&state=…`; the state must be one
 *    this process issued (unexpired, unused) and match the cookie.
 * 3. The code is exchanged (`POST /app-manifests/{code}/conversions`, no authentication) for the
 *    App's id, private key and webhook secret, which are stored — in Key Vault when the server has
 *    a vault (`LEAKSTOP_VAULT_URL`), else in the data directory (file mode 0600) — never printed,
 *    logged or shown, and the page says what to do next.
 *
 * Once an App (or a token) is configured, every setup route refuses.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AppCredentialStore } from "../../adapters/state/app-store.js";
import type { StoredApp } from "../../adapters/state/stored-app.js";
import type { Logger } from "./log.js";

/** The setup routes. */
export const SETUP_ROUTES = { form: "/setup", callback: "/setup/callback" } as const;

/** How long a form's state stays valid: enough to read GitHub's page, short enough to be useless later. */
const STATE_TTL_IN_MS = 60 * 60 * 1000;
const COOKIE = "leakstop_setup_state";

/**
 * The App leakstop needs: the permissions and events of the README's "Connect GitHub"; the
 * repository's github-app-manifest.json is the same document with example URLs (a test keeps
 * them equal).
 */
export const APP_MANIFEST = {
  name: "leakstop",
  description:
    "Rotates the Azure Key Vault secret behind a leaked credential, opens a redacted issue, and resolves the secret scanning alert as revoked.",
  public: false,
  default_permissions: {
    secret_scanning_alerts: "write",
    contents: "read",
    issues: "write",
    metadata: "read",
  },
  default_events: ["secret_scanning_alert", "push"],
} as const;

/** Options for {@link createSetupRoutes}. */
export interface SetupOptions {
  /** GitHub's web URL (`https://github.com`, or a GHES host): where the form posts. */
  readonly serverUrl: string;
  /** REST API base URL: where the code is exchanged. */
  readonly apiUrl: string;
  /** Where the App's credentials are written: the data directory or Key Vault. */
  readonly store: AppCredentialStore;
  /**
   * This server's public base URL (`LEAKSTOP_PUBLIC_URL`), for the webhook and redirect URLs;
   * default: from the request's `Host` header.
   */
  readonly publicUrl?: string;
  /** True once an App or a token is configured: every route refuses. */
  readonly configured: () => boolean;
  /** Called with the stored App (its secrets included) once setup completes. */
  readonly onRegistered?: (app: StoredApp) => void;
  readonly logger: Logger;
  /** Default: global fetch. */
  readonly fetch?: typeof fetch;
}

/** A route handler: true when it answered the request. */
export type Routes = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** The setup routes, for the server's route table. */
export function createSetupRoutes(options: SetupOptions): Routes {
  const states = new Map<string, number>();
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://setup.invalid");
    const path = url.pathname.replace(/\/+$/, "");
    if (path !== SETUP_ROUTES.form && path !== SETUP_ROUTES.callback) return false;
    if (req.method !== "GET") {
      page(res, 405, "Method not allowed", "<p>Open this page with a plain link.</p>");
      return true;
    }
    if (options.configured()) {
      page(
        res,
        409,
        "Already set up",
        `<p>A GitHub App (or token) is configured, so setup is off. To register another App, ${html(options.store.resetHint)}.</p>`,
      );
      return true;
    }
    if (path === SETUP_ROUTES.form) form(req, res, url, states, options);
    else await callback(req, res, url, states, options);
    return true;
  };
}

function form(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  states: Map<string, number>,
  options: SetupOptions,
): void {
  const now = Date.now();
  for (const [s, expires] of states) if (expires < now) states.delete(s);
  const state = randomBytes(24).toString("hex");
  states.set(state, now + STATE_TTL_IN_MS);
  const base = publicBase(req, options);
  const manifest = {
    ...APP_MANIFEST,
    url: base,
    hook_attributes: { url: `${base}/api/github/webhooks`, active: true },
    redirect_url: `${base}${SETUP_ROUTES.callback}`,
  };
  const org = url.searchParams.get("org")?.trim() ?? "";
  const validOrg = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(org) ? org : "";
  const target = new URL(
    validOrg ? `/organizations/${validOrg}/settings/apps/new` : "/settings/apps/new",
    `${options.serverUrl}/`,
  );
  target.searchParams.set("state", state);
  res.setHeader(
    "set-cookie",
    `${COOKIE}=${state}; HttpOnly; SameSite=Lax; Path=${SETUP_ROUTES.form}; Max-Age=${STATE_TTL_IN_MS / 1000}`,
  );
  const owner = validOrg ? `the organisation <b>${html(validOrg)}</b>` : "your personal account";
  page(
    res,
    200,
    "Register the leakstop GitHub App",
    `<p>This registers a private GitHub App owned by ${owner}, with webhooks to <code>${html(manifest.hook_attributes.url)}</code>:
secret scanning alerts (read and write), contents (read), issues (write); events <code>secret_scanning_alert</code>, <code>push</code>.</p>
<form method="get" action="${SETUP_ROUTES.form}"><label>Owner organisation (empty: your account)
<input name="org" value="${html(validOrg)}" pattern="[A-Za-z0-9][A-Za-z0-9-]*"></label> <button type="submit">Change</button></form>
<form id="create" method="post" action="${html(target.href)}">
<input type="hidden" name="manifest" value="${html(JSON.stringify(manifest))}">
<button type="submit">Create the GitHub App on GitHub</button></form>
<p>GitHub shows the App's name to confirm, then sends you back here.</p>`,
  );
}

async function callback(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  states: Map<string, number>,
  options: SetupOptions,
): Promise<void> {
  const code = url.searchParams.get("code") ?? "";
  const state = url.searchParams.get("state") ?? "";
  const cookie = cookieValue(req, COOKIE);
  const expires = states.get(state);
  if (!state || expires === undefined || expires < Date.now() || !sameText(cookie ?? "", state)) {
    options.logger.warn("app setup: callback refused", { reason: "unknown, expired or mismatched state" });
    page(
      res,
      400,
      "Setup link expired",
      `<p>This link was not issued by this server, was used already, or has expired. <a href="${SETUP_ROUTES.form}">Start again</a>.</p>`,
    );
    return;
  }
  states.delete(state);
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(code)) {
    page(res, 400, "No code", `<p>GitHub sent no usable code. <a href="${SETUP_ROUTES.form}">Start again</a>.</p>`);
    return;
  }
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(`${options.apiUrl}/app-manifests/${code}/conversions`, {
    method: "POST",
    headers: { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" },
    signal: AbortSignal.timeout(30_000),
  }).catch((e: unknown) => e as Error);
  if (response instanceof Error || !response.ok) {
    const why = response instanceof Error ? response.message : `HTTP ${response.status}`;
    options.logger.error("app setup: the code exchange failed", { error: why });
    page(
      res,
      502,
      "GitHub did not complete the setup",
      `<p>Exchanging the code failed (${html(why)}); codes expire after an hour and work once. <a href="${SETUP_ROUTES.form}">Start again</a>.</p>`,
    );
    return;
  }
  const body = (await response.json()) as Record<string, unknown>;
  const app: StoredApp = {
    appId: String(body.id ?? ""),
    slug: String(body.slug ?? ""),
    htmlUrl: String(body.html_url ?? ""),
    owner: String((body.owner as { login?: string } | undefined)?.login ?? ""),
    privateKey: String(body.pem ?? ""),
    webhookSecret: String(body.webhook_secret ?? ""),
  };
  if (!/^\d+$/.test(app.appId) || !app.privateKey.includes("-----BEGIN") || app.webhookSecret === "") {
    options.logger.error("app setup: GitHub's answer lacks the App's id, key or webhook secret", {});
    page(res, 502, "GitHub did not complete the setup", "<p>GitHub's answer was incomplete; start again.</p>");
    return;
  }
  const stored = await options.store.save(app).catch((e: unknown) => e as Error);
  if (stored instanceof Error) {
    // The store's message names the vault or file and what to grant; it never holds a value.
    options.logger.error("app setup: storing the App failed", { error: stored.message, at: options.store.location });
    page(
      res,
      502,
      "The App could not be stored",
      `<p>GitHub registered App <b>${html(app.slug)}</b> (id ${html(app.appId)}), but storing its credentials in ${html(options.store.location)} failed: ${html(stored.message)}</p>
<p>Delete the App on its settings page (${html(app.htmlUrl)}), fix the cause, and <a href="${SETUP_ROUTES.form}">start again</a>.</p>`,
    );
    return;
  }
  const where = options.store.location;
  options.onRegistered?.(app);
  options.logger.info("app setup: GitHub App registered and stored", { appId: app.appId, slug: app.slug, at: where });
  const install = app.htmlUrl ? `${app.htmlUrl}/installations/new` : "";
  page(
    res,
    200,
    "The leakstop App is registered",
    `<p>App <b>${html(app.slug)}</b> (id ${html(app.appId)}) is registered; its private key and webhook secret are stored in
<code id="stored">${html(where)}</code> and are not shown anywhere.</p>
<ol>
<li>${install ? `<a id="install" href="${html(install)}">Install the App</a>` : "Install the App"} on the repositories to protect (or all of them).</li>
<li>Restart <code>leakstop serve</code> without <code>LEAKSTOP_SETUP</code>: it reads the App from there.</li>
${
  options.store.kind === "key-vault"
    ? "<li>Keep the same <code>LEAKSTOP_VAULT_URL</code> and identity: the server reads the App with it at every start.</li>"
    : "<li>Keep the data directory on a volume, and back the file up like any private key (or set <code>LEAKSTOP_VAULT_URL</code> before setup, and the App goes to Key Vault).</li>"
}
</ol>`,
  );
}

/** A setup-only server (no App yet, so no webhooks to verify): the setup routes and `/healthz`. */
export async function startSetupServer(
  options: SetupOptions & { readonly port: number; readonly host?: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const routes = createSetupRoutes(options);
  const server = createServer((req, res) => {
    void (async () => {
      if (await routes(req, res)) return;
      const path = (req.url ?? "/").split("?")[0];
      if (req.method === "GET" && path === "/healthz") {
        res.writeHead(200, { "content-type": "application/json" }).end('{"status":"setup"}');
        return;
      }
      if (req.method === "GET" && path === "/") {
        res.writeHead(302, { location: SETUP_ROUTES.form }).end();
        return;
      }
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found; open /setup"}');
    })().catch((e: unknown) => {
      options.logger.error("request failed", { error: e });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`;
  options.logger.info("setup mode: open /setup in a browser to register the GitHub App", { port });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function publicBase(req: IncomingMessage, options: SetupOptions): string {
  if (options.publicUrl) return options.publicUrl.replace(/\/+$/, "");
  const proto = req.headers["x-forwarded-proto"] === "https" ? "https" : "http";
  return `${proto}://${req.headers.host ?? "localhost"}`;
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  const text = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(title)} · leakstop</title>
<meta name="viewport" content="width=device-width"><meta name="referrer" content="no-referrer"></head>
<body style="font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;line-height:1.5"><h1>${html(title)}</h1>
${body}</body></html>\n`;
  res
    .writeHead(status, {
      "content-type": "text/html; charset=utf-8",
      "content-length": Buffer.byteLength(text),
      "cache-control": "no-store",
      "x-frame-options": "DENY",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action *; frame-ancestors 'none'",
    })
    .end(text);
}
