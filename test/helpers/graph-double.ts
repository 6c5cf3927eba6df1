/**
 * An HTTPS Microsoft Graph + Entra ID token endpoint double holding applications and their
 * client secrets. Graph (`/v1.0/applications`: `$filter=appId eq '…'`, `$select`, paging with
 * `@odata.nextLink`; `addPassword`; `removePassword`) checks the bearer token and never returns a
 * secret except `secretText` from `addPassword`, as Graph does. The token endpoint
 * (`POST /{tenant}/oauth2/v2.0/token`, client-credentials grant) issues a token for a current
 * secret and answers `401 invalid_client` (AADSTS7000215) otherwise.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { generate } from "selfsigned";

export const GRAPH_TOKEN = "graph-double-access-token";
const SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-";

export interface GraphPassword {
  readonly keyId: string;
  readonly hint: string;
  readonly secret: string;
  readonly displayName: string;
  readonly endDateTime: string | null;
}
export interface GraphApp {
  readonly id: string;
  readonly appId: string;
  readonly tenantId: string;
  passwords: GraphPassword[];
}
export interface GraphRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly authorized: boolean;
  readonly body: string;
}

/** A secret of Entra's shape: three characters, a digit, `Q~`, 34 more. Fresh per call. */
export function entraSecret(): string {
  const pick = (n: number) => [...randomBytes(n)].map((b) => SECRET_CHARS[b % SECRET_CHARS.length]).join("");
  return `${pick(3)}${(randomBytes(1)[0] ?? 0) % 10}Q~${pick(34)}`;
}

export class GraphDouble {
  readonly requests: GraphRequest[] = [];
  readonly apps = new Map<string, GraphApp>();
  /** Page size of `GET /applications` (small, so paging is exercised). */
  pageSize = 2;

  private constructor(
    private readonly server: Server,
    readonly ca: string,
    readonly url: string,
  ) {}

  static async start(): Promise<GraphDouble> {
    const pems = await generate([{ name: "commonName", value: "leakstop Graph double" }], {
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
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const double = new GraphDouble(server, pems.cert, `https://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on("request", (req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => {
        body += c;
      });
      req.on("end", () => {
        const [status, payload] = double.handle(req.method ?? "GET", req.url ?? "/", req.headers.authorization, body);
        res.writeHead(status, payload === undefined ? {} : { "content-type": "application/json" });
        res.end(payload === undefined ? "" : JSON.stringify(payload));
      });
    });
    return double;
  }

  /** An app with `secrets` client secrets (fresh values); extra secrets can share the first one's hint. */
  addApp(tenantId: string, secrets = 1, sameHint = false): GraphApp {
    const app: GraphApp = { id: randomUUID(), appId: randomUUID(), tenantId, passwords: [] };
    for (let i = 0; i < secrets; i++) {
      const first = app.passwords[0]?.secret;
      const s = sameHint && first ? `${first.slice(0, 3)}${entraSecret().slice(3)}` : entraSecret();
      app.passwords.push(this.password(s, `secret ${i + 1}`, null));
    }
    this.apps.set(app.id, app);
    return app;
  }

  /** Whether Entra would issue a token to `secret` for the app now. */
  accepts(app: GraphApp, secret: string): boolean {
    return app.passwords.some((p) => p.secret === secret);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private password(secret: string, displayName: string, endDateTime: string | null): GraphPassword {
    return { keyId: randomUUID(), hint: secret.slice(0, 3), secret, displayName, endDateTime };
  }

  private handle(method: string, raw: string, auth: string | undefined, body: string): [number, unknown?] {
    const url = new URL(raw, this.url);
    const path = decodeURIComponent(url.pathname);
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    const authorized = auth === `Bearer ${GRAPH_TOKEN}`;
    this.requests.push({ method, path, query: url.search, authorized, body });
    if (token && method === "POST") return this.tokenAnswer(token[1] as string, new URLSearchParams(body));
    if (!authorized) return [401, { error: { code: "InvalidAuthenticationToken", message: "Access token is empty." } }];
    const visible = (a: GraphApp) => ({
      id: a.id,
      appId: a.appId,
      passwordCredentials: a.passwords.map(({ keyId, hint, displayName, endDateTime }) => ({
        keyId,
        hint,
        displayName,
        endDateTime,
        secretText: null,
      })),
    });
    if (path === "/v1.0/applications" && method === "GET") {
      if (url.searchParams.get("$select") !== "id,appId,passwordCredentials") {
        return [400, { error: { code: "BadRequest", message: "select only what is needed" } }];
      }
      const filter = url.searchParams.get("$filter");
      let apps = [...this.apps.values()];
      if (filter) {
        const appId = /^appId eq '([0-9a-f-]{36})'$/.exec(filter)?.[1];
        if (!appId) return [400, { error: { code: "BadRequest", message: `unsupported filter ${filter}` } }];
        apps = apps.filter((a) => a.appId === appId);
      }
      const skip = Number(url.searchParams.get("$skiptoken") ?? 0);
      const page = apps.slice(skip, skip + this.pageSize);
      const next = skip + this.pageSize < apps.length;
      const nextUrl = new URL(url.href);
      nextUrl.searchParams.set("$skiptoken", String(skip + this.pageSize));
      return [200, { value: page.map(visible), ...(next ? { "@odata.nextLink": nextUrl.href } : {}) }];
    }
    const m = /^\/v1\.0\/applications\/([0-9a-f-]{36})(\/addPassword|\/removePassword)?$/.exec(path);
    const app = m ? this.apps.get(m[1] as string) : undefined;
    if (!m || !app) return [404, { error: { code: "Request_ResourceNotFound", message: "not found" } }];
    if (!m[2] && method === "GET") return [200, visible(app)];
    const input = JSON.parse(body || "{}") as {
      passwordCredential?: { displayName?: string; endDateTime?: string };
      keyId?: string;
    };
    if (m[2] === "/addPassword" && method === "POST") {
      const p = this.password(
        entraSecret(),
        input.passwordCredential?.displayName ?? "",
        input.passwordCredential?.endDateTime ?? null,
      );
      app.passwords.push(p);
      return [
        200,
        { keyId: p.keyId, hint: p.hint, displayName: p.displayName, endDateTime: p.endDateTime, secretText: p.secret },
      ];
    }
    if (m[2] === "/removePassword" && method === "POST") {
      if (!app.passwords.some((p) => p.keyId === input.keyId)) {
        return [400, { error: { code: "CannotDeleteNonexistentCredential", message: "No such key." } }];
      }
      app.passwords = app.passwords.filter((p) => p.keyId !== input.keyId);
      return [204];
    }
    return [405, { error: { code: "MethodNotAllowed", message: method } }];
  }

  private tokenAnswer(tenant: string, form: URLSearchParams): [number, unknown] {
    if (form.get("grant_type") !== "client_credentials" || !form.get("scope")?.endsWith("/.default")) {
      return [400, { error: "invalid_request", error_description: "AADSTS900144: bad request", error_codes: [900144] }];
    }
    const app = [...this.apps.values()].find((a) => a.appId === form.get("client_id") && a.tenantId === tenant);
    if (!app) {
      return [
        400,
        { error: "unauthorized_client", error_description: "AADSTS700016: app not found", error_codes: [700016] },
      ];
    }
    if (!this.accepts(app, form.get("client_secret") ?? "")) {
      return [
        401,
        {
          error: "invalid_client",
          error_description: "AADSTS7000215: Invalid client secret provided.",
          error_codes: [7000215],
        },
      ];
    }
    return [200, { token_type: "Bearer", expires_in: 3599, access_token: randomBytes(24).toString("base64url") }];
  }
}
