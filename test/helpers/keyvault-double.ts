/**
 * An HTTPS Key Vault double for tests: the real `@azure/keyvault-secrets` client talks to it.
 * It implements the REST calls the SDK makes (with the `api-version` query parameter): list
 * secrets and versions (paged with `nextLink`), get a version or the latest, set (PUT), update
 * properties (PATCH), and the 401 challenge that Key Vault answers an unauthenticated request
 * with. It records every request and can inject faults (429 with `Retry-After`, 403, 500).
 *
 * Its certificate is self-signed and made at start. Trust it:
 * - in process: `clientOptions: { tlsOptions: { ca: double.ca } }` on the store (the SDK's
 *   pipeline builds its https agent from `tlsOptions`; verified by the tests);
 * - in a child process: `NODE_EXTRA_CA_CERTS=<file with double.ca>` in its environment.
 * It also answers as an Entra ID authority (`/<tenant>/v2.0/.well-known/openid-configuration`
 * and `/<tenant>/oauth2/v2.0/token`), so a federated credential created with
 * `authorityHost: double.url` exchanges its OIDC assertion here for {@link DOUBLE_TOKEN}.
 *
 * The SDK checks that the challenge's resource (`https://vault.azure.net`) matches the vault's
 * domain; `localhost` does not, so clients of the double set
 * `disableChallengeResourceVerification: true` (never done against a real vault).
 *
 * ```ts
 * const kv = await KeyVaultDouble.start();
 * kv.put("db-password", value);
 * kv.fail({ method: "PUT", status: 429, headers: { "retry-after": "1" } });
 * await kv.close();
 * ```
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { generate } from "selfsigned";

/** The token the double accepts (tests use a static fake credential that returns it). */
export const DOUBLE_TOKEN = "double-access-token";
export const DOUBLE_TENANT = "00000000-0000-0000-0000-000000000001";

export interface StoredVersion {
  version: string;
  value: string;
  enabled: boolean;
  contentType?: string;
  tags?: Record<string, string>;
  created: number;
  updated: number;
  exp?: number;
  nbf?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorized: boolean;
  body: string;
  status: number;
  /** `performance.now()` when the request arrived. */
  at: number;
}

/** A client-assertion token request the double's authority answered. */
export interface TokenRequest {
  tenant: string;
  clientId: string;
  assertion: string;
  assertionType: string;
  scope: string;
  /** Anything that looks like a client secret: must stay empty. */
  clientSecret: string | null;
}

export interface Fault {
  method?: string;
  /** Substring of the path, e.g. `/versions`. */
  path?: string;
  status: number;
  headers?: Record<string, string>;
  code?: string;
  message?: string;
  /** How many requests it answers; default 1. */
  times?: number;
}

/** A fake TokenCredential: a static token, no secret anywhere. */
export const staticCredential = {
  getToken: async () => ({ token: DOUBLE_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/** An answer lost after the request was carried out. */
export interface LostAnswer {
  method?: string;
  /** Substring of the path. */
  path?: string;
  /** `reset`: the connection is destroyed; `garbage`: 200 with a body that is not JSON; `hang`: no answer. */
  kind: "reset" | "garbage" | "hang";
  /** How many requests it hits; default 1. */
  times?: number;
}

export class KeyVaultDouble {
  readonly secrets = new Map<string, StoredVersion[]>();
  readonly requests: RecordedRequest[] = [];
  readonly tokenRequests: TokenRequest[] = [];
  /** Items per list page (small, so paging is exercised). */
  pageSize = 2;
  private faults: Array<Required<Pick<Fault, "times">> & Fault> = [];
  private lost: Array<Required<Pick<LostAnswer, "times">> & LostAnswer> = [];
  private clock = Math.floor(Date.parse("2024-01-01T00:00:00Z") / 1000);

  private constructor(
    private readonly server: Server,
    /** PEM of the self-signed certificate, to trust. */
    readonly ca: string,
  ) {}

  /** Start on a free port of 127.0.0.1 with a fresh self-signed certificate. */
  static async start(): Promise<KeyVaultDouble> {
    const pems = await generate([{ name: "commonName", value: "localhost" }], {
      keyType: "ec",
      curve: "P-256",
      extensions: [
        { name: "basicConstraints", cA: true },
        {
          name: "subjectAltName",
          altNames: [
            { type: 2, value: "localhost" },
            { type: 7, ip: "127.0.0.1" },
          ],
        },
      ],
    });
    const server = createServer({ key: pems.private, cert: pems.cert });
    const double = new KeyVaultDouble(server, pems.cert);
    server.on("request", (req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => {
        body += c;
      });
      req.on("end", () => {
        const answer = () => {
          const { status, headers, payload } = double.handle(req.method ?? "GET", req.url ?? "/", req.headers, body);
          const lost = double.takeLost(req.method ?? "GET", req.url ?? "/", status);
          if (lost === "reset") return req.socket.destroy();
          if (lost === "hang") return;
          if (lost === "garbage") return res.writeHead(200, { "content-type": "application/json" }).end('{"id": ');
          res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
          res.end(payload === undefined ? "" : JSON.stringify(payload));
        };
        const path = new URL(req.url ?? "/", "https://localhost").pathname;
        const delay = double.delays.find((d) => (!d.method || d.method === req.method) && path.includes(d.path ?? ""));
        if (delay) setTimeout(answer, delay.ms);
        else answer();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return double;
  }

  /** `https://localhost:<port>` */
  get url(): string {
    return `https://localhost:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Add a version (test setup); returns its id. */
  put(name: string, value: string, extra: Partial<Omit<StoredVersion, "version" | "value">> = {}): string {
    const version = randomBytes(16).toString("hex");
    this.clock += 60;
    const list = this.secrets.get(name) ?? [];
    list.push({ version, value, enabled: true, created: this.clock, updated: this.clock, ...extra });
    this.secrets.set(name, list);
    return version;
  }

  latest(name: string): StoredVersion | undefined {
    return this.secrets.get(name)?.at(-1);
  }

  version(name: string, version: string): StoredVersion | undefined {
    return this.secrets.get(name)?.find((v) => v.version === version);
  }

  /** Requests answered late (their effect happens when answered), e.g. to make two clients overlap. */
  readonly delays: Array<{ method?: string; path?: string; ms: number }> = [];

  /** Answer the next matching request(s) with an error. */
  fail(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** Carry out matching requests, then lose the answer (a reset after the write, a hang, garbage). */
  loseAnswer(lost: LostAnswer): void {
    this.lost.push({ times: 1, ...lost });
  }

  /** The lost-answer fault for a request that was carried out (2xx), if any. */
  takeLost(method: string, rawUrl: string, status: number): LostAnswer["kind"] | undefined {
    if (status < 200 || status >= 300) return undefined;
    const path = new URL(rawUrl, "https://localhost").pathname;
    const l = this.lost.find((x) => (!x.method || x.method === method) && (!x.path || path.includes(x.path)));
    if (!l) return undefined;
    l.times--;
    if (l.times <= 0) this.lost.splice(this.lost.indexOf(l), 1);
    return l.kind;
  }

  private bundle(name: string, v: StoredVersion, withValue: boolean) {
    return {
      id: `${this.url}/secrets/${name}/${v.version}`,
      ...(withValue ? { value: v.value } : {}),
      ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
      ...(v.tags ? { tags: v.tags } : {}),
      attributes: {
        enabled: v.enabled,
        created: v.created,
        updated: v.updated,
        recoveryLevel: "Recoverable+Purgeable",
        ...(v.exp !== undefined ? { exp: v.exp } : {}),
        ...(v.nbf !== undefined ? { nbf: v.nbf } : {}),
      },
    };
  }

  private page<T>(items: T[], path: string, query: Record<string, string>) {
    const skip = Number(query.$skiptoken ?? 0);
    const value = items.slice(skip, skip + this.pageSize);
    const next = skip + this.pageSize < items.length;
    const api = encodeURIComponent(query["api-version"] ?? "");
    return {
      value,
      nextLink: next ? `${this.url}${path}?api-version=${api}&$skiptoken=${skip + this.pageSize}` : null,
    };
  }

  private authority(
    tenant: string,
    what: string,
    body: string,
    reply: (status: number, payload?: unknown) => { status: number; headers: Record<string, string>; payload: unknown },
  ) {
    const base = `${this.url}/${tenant}`;
    if (what.startsWith("v2.0")) {
      return reply(200, {
        issuer: `${base}/v2.0`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_types_supported: ["code"],
      });
    }
    const form = new URLSearchParams(body);
    const request: TokenRequest = {
      tenant,
      clientId: form.get("client_id") ?? "",
      assertion: form.get("client_assertion") ?? "",
      assertionType: form.get("client_assertion_type") ?? "",
      scope: form.get("scope") ?? "",
      clientSecret: form.get("client_secret"),
    };
    this.tokenRequests.push(request);
    if (!request.assertion) return reply(400, { error: "invalid_client", error_description: "no client assertion" });
    return reply(200, { token_type: "Bearer", expires_in: 3600, ext_expires_in: 3600, access_token: DOUBLE_TOKEN });
  }

  private handle(method: string, rawUrl: string, headers: Record<string, unknown>, body: string) {
    const u = new URL(rawUrl, "https://localhost");
    const query = Object.fromEntries(u.searchParams);
    const authorized = headers.authorization === `Bearer ${DOUBLE_TOKEN}`;
    const rec: RecordedRequest = {
      method,
      path: u.pathname,
      query,
      authorized,
      body,
      status: 0,
      at: performance.now(),
    };
    this.requests.push(rec);
    const reply = (status: number, payload?: unknown, extra: Record<string, string> = {}) => {
      rec.status = status;
      return { status, headers: extra, payload };
    };
    const error = (status: number, code: string, message: string, extra: Record<string, string> = {}) =>
      reply(status, { error: { code, message } }, extra);

    const authority = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token)$/.exec(u.pathname);
    if (authority) return this.authority(authority[1] as string, authority[2] as string, body, reply);
    if (!authorized) {
      return error(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.", {
        "www-authenticate": `Bearer authorization="https://login.microsoftonline.com/${DOUBLE_TENANT}", resource="https://vault.azure.net"`,
      });
    }
    if (!query["api-version"]) return error(400, "BadParameter", "The 'api-version' query parameter is missing.");
    const fault = this.faults.find(
      (f) => (!f.method || f.method === method) && (!f.path || u.pathname.includes(f.path)),
    );
    if (fault) {
      fault.times--;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      return error(fault.status, fault.code ?? "Fault", fault.message ?? `injected ${fault.status}`, fault.headers);
    }

    const parts = u.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== "secrets") return error(404, "NotFound", "Unknown route.");
    const name = parts[1];
    if (method === "GET" && name === undefined) {
      const items = [...this.secrets].map(([n, list]) => {
        const b = this.bundle(n, list.at(-1) as StoredVersion, false);
        return { ...b, id: `${this.url}/secrets/${n}` };
      });
      return reply(200, this.page(items, u.pathname, query));
    }
    if (name === undefined) return error(405, "MethodNotAllowed", "Not supported.");
    const list = this.secrets.get(name);
    if (method === "PUT" && parts.length === 2) {
      const p = JSON.parse(body || "{}") as {
        value?: string;
        contentType?: string;
        tags?: Record<string, string>;
        attributes?: { enabled?: boolean; exp?: number; nbf?: number };
      };
      if (typeof p.value !== "string") return error(400, "BadParameter", "value is required");
      const version = this.put(name, p.value, {
        enabled: p.attributes?.enabled ?? true,
        ...(p.contentType !== undefined ? { contentType: p.contentType } : {}),
        ...(p.tags ? { tags: p.tags } : {}),
        ...(p.attributes?.exp !== undefined ? { exp: p.attributes.exp } : {}),
        ...(p.attributes?.nbf !== undefined ? { nbf: p.attributes.nbf } : {}),
      });
      return reply(200, this.bundle(name, this.version(name, version) as StoredVersion, true));
    }
    if (!list) return error(404, "SecretNotFound", `A secret with (name/id) ${name} was not found in this key vault.`);
    if (method === "GET" && parts[2] === "versions") {
      return reply(
        200,
        this.page(
          list.map((v) => this.bundle(name, v, false)),
          u.pathname,
          query,
        ),
      );
    }
    const v = parts[2] ? list.find((x) => x.version === parts[2]) : list.at(-1);
    if (!v) return error(404, "SecretNotFound", `A secret with (name/id) ${name}/${parts[2]} was not found.`);
    if (method === "GET") {
      if (!v.enabled) return error(403, "Forbidden", "Operation get is not allowed on a disabled secret.");
      return reply(200, this.bundle(name, v, true));
    }
    if (method === "PATCH") {
      const p = JSON.parse(body || "{}") as {
        contentType?: string;
        tags?: Record<string, string>;
        attributes?: { enabled?: boolean; exp?: number };
      };
      if (p.attributes?.enabled !== undefined) v.enabled = p.attributes.enabled;
      if (p.attributes?.exp !== undefined) v.exp = p.attributes.exp;
      if (p.contentType !== undefined) v.contentType = p.contentType;
      if (p.tags) v.tags = p.tags;
      this.clock += 1;
      v.updated = this.clock;
      return reply(200, this.bundle(name, v, false));
    }
    return error(405, "MethodNotAllowed", `${method} is not supported by the double.`);
  }
}
