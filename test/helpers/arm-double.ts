/**
 * An HTTPS Azure Resource Manager double holding storage accounts and their two keys: Resource
 * Graph (`POST /providers/Microsoft.ResourceGraph/resources`, a `name =~ '…'` query), the
 * account (`GET`, with its blob endpoint), `listKeys` and `regenerateKey` (a new key, the old
 * one gone). It checks the `api-version` and the bearer token, records every request, and calls
 * `onKeysChanged` after a regenerate so the data plane (Azurite) can follow.
 *
 * Self-signed certificate made at start: trust it with `double.ca` (in process: {@link trustingFetch})
 * or `NODE_EXTRA_CA_CERTS` (child processes).
 */
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { createServer, request as httpsRequest, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { generate } from "selfsigned";
import { type KeyedKind, type KeyedResource, keyedAnswer, keyedResource } from "./arm-keys.js";

export const ARM_TOKEN = "arm-double-access-token";
const STORAGE_API = "2023-05-01";
const GRAPH_API = "2022-10-01";

export interface ArmAccount {
  readonly id: string;
  readonly name: string;
  readonly blobEndpoint: string;
  keys: { key1: string; key2: string };
}

/** An Azure SQL or flexible server (PostgreSQL, MySQL): its admin login and the password ARM last set. */
export interface ArmServer {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly administratorLogin: string;
  /** Sensitive (a test fake): what the last PATCH set. */
  password: string;
  /** Passwords the server held before, oldest first. */
  readonly previous: string[];
}

const SERVER_APIS: Readonly<Record<string, { api: string; host: string }>> = {
  "microsoft.sql/servers": { api: "2021-11-01", host: "database.windows.net" },
  "microsoft.dbforpostgresql/flexibleservers": { api: "2022-12-01", host: "postgres.database.azure.com" },
  "microsoft.dbformysql/flexibleservers": { api: "2023-12-30", host: "mysql.database.azure.com" },
};

export interface ArmRequest {
  readonly method: string;
  readonly path: string;
  readonly apiVersion: string | null;
  readonly authorized: boolean;
  readonly body: string;
}

export class ArmDouble {
  readonly requests: ArmRequest[] = [];
  readonly accounts = new Map<string, ArmAccount>();
  regenerations: string[] = [];
  /** Key-pair resources of the other kinds (`arm-keys.ts`), by the id their key operations are called on. */
  readonly keyed = new Map<string, KeyedResource>();
  /** Azure SQL and flexible servers, by lower-case id. */
  readonly servers = new Map<string, ArmServer>();
  /** Called after a key changes (awaited before the answer). */
  onKeysChanged: (account: ArmAccount) => Promise<void> | void = () => undefined;
  /** Tokens accepted as bearer. */
  readonly tokens = new Set([ARM_TOKEN]);
  /** Tokens of an identity without the role: signed in, but every call answers 403. */
  readonly forbiddenTokens = new Set<string>();

  private constructor(
    private readonly server: Server,
    readonly ca: string,
    readonly url: string,
  ) {}

  static async start(): Promise<ArmDouble> {
    // Its own subject: two self-signed CAs named alike in one NODE_EXTRA_CA_CERTS file confuse chain building.
    const pems = await generate([{ name: "commonName", value: "leakstop ARM double" }], {
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
    const double = new ArmDouble(server, pems.cert, `https://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on("request", (req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => {
        body += c;
      });
      req.on("end", () => {
        void double.handle(req.method ?? "GET", req.url ?? "/", req.headers.authorization, body).then(([s, p, h]) => {
          res.writeHead(s, { "content-type": "application/json; charset=utf-8", ...h });
          res.end(p === null ? "" : JSON.stringify(p));
        });
      });
    });
    return double;
  }

  /** A storage account with fresh keys (base64 of 64 random bytes, made now). */
  addStorageAccount(name: string, blobEndpoint: string): ArmAccount {
    const id = `/subscriptions/00000000-0000-0000-0000-00000000aaaa/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/${name}`;
    const account: ArmAccount = { id, name, blobEndpoint, keys: { key1: newKey(), key2: newKey() } };
    this.accounts.set(id.toLowerCase(), account);
    return account;
  }

  /** A Cosmos DB account, SAS rule, cache, … with fresh keys (see `arm-keys.ts`). */
  addKeyed(
    kind: KeyedKind,
    name: string,
    options: { rule?: string; entity?: string; endpoint?: string } = {},
  ): KeyedResource {
    const r = keyedResource(kind, name, options);
    this.keyed.set(r.id.toLowerCase(), r);
    return r;
  }

  /** An Azure SQL server or PostgreSQL / MySQL flexible server with admin `login` and `password`. */
  addServer(
    type:
      | "Microsoft.Sql/servers"
      | "Microsoft.DBforPostgreSQL/flexibleServers"
      | "Microsoft.DBforMySQL/flexibleServers",
    name: string,
    login: string,
    password: string,
  ): ArmServer {
    const id = `/subscriptions/00000000-0000-0000-0000-00000000aaaa/resourceGroups/rg-data/providers/${type}/${name}`;
    const server: ArmServer = { id, name, type, administratorLogin: login, password, previous: [] };
    this.servers.set(id.toLowerCase(), server);
    return server;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(
    method: string,
    raw: string,
    auth: string | undefined,
    body: string,
  ): Promise<[number, unknown, Record<string, string>?]> {
    const url = new URL(raw, this.url);
    const authorized = this.tokens.has(/^Bearer (.+)$/.exec(auth ?? "")?.[1] ?? "");
    const apiVersion = url.searchParams.get("api-version");
    this.requests.push({ method, path: url.pathname, apiVersion, authorized, body });
    if (!authorized)
      return [401, { error: { code: "InvalidAuthenticationToken", message: "The access token is invalid." } }];
    if (this.forbiddenTokens.has(/^Bearer (.+)$/.exec(auth ?? "")?.[1] ?? "")) {
      return [
        403,
        {
          error: { code: "AuthorizationFailed", message: "The client does not have authorization to perform action." },
        },
      ];
    }
    const path = url.pathname;
    if (path.toLowerCase() === "/providers/microsoft.resourcegraph/resources" && method === "POST") {
      if (apiVersion !== GRAPH_API) return badVersion(apiVersion);
      const query = (JSON.parse(body || "{}") as { query?: string }).query ?? "";
      const name = /name =~ '([A-Za-z0-9-]{1,63})'/.exec(query)?.[1]?.toLowerCase();
      const one = /type =~ '([^']+)'/.exec(query)?.[1];
      const many = /type in~ \(([^)]*)\)/.exec(query)?.[1];
      const types = (one ? [one] : (many?.split(",").map((t) => t.trim().replace(/^'|'$/g, "")) ?? [])).map((t) =>
        t.toLowerCase(),
      );
      if (types.length === 0 || !name) return [400, { error: { code: "BadRequest", message: "unsupported query" } }];
      const tops = [
        ...[...this.accounts.values()].map((a) => ({
          id: a.id,
          name: a.name,
          type: "microsoft.storage/storageaccounts",
        })),
        ...[...this.servers.values()].map((s) => ({ id: s.id, name: s.name, type: s.type.toLowerCase() })),
        ...[...this.keyed.values()].map((r) => ({
          id: r.topId,
          name: r.name,
          type: r.topId.split("/providers/")[1]?.split("/").slice(0, 2).join("/").toLowerCase() ?? "",
        })),
      ];
      const seen = new Set<string>();
      const data = tops
        .filter((a) => a.name.toLowerCase() === name && types.includes(a.type) && !seen.has(a.id) && seen.add(a.id))
        .map((a) => ({ id: a.id, type: a.type }));
      return [200, { totalRecords: data.length, count: data.length, data, resultTruncated: "false" }];
    }
    if (/^\/subscriptions\/[^/]+\/providers\/Microsoft\.Resources\/operationStatuses\/[^/]+$/i.test(path)) {
      return [200, { status: "Succeeded" }];
    }
    const server = this.servers.get(path.toLowerCase());
    if (server) {
      const spec = SERVER_APIS[server.type.toLowerCase()] as { api: string; host: string };
      if (apiVersion !== spec.api) return badVersion(apiVersion);
      const view = () => ({
        id: server.id,
        name: server.name,
        type: server.type,
        // Like ARM: the password is write-only, never in an answer.
        properties: {
          administratorLogin: server.administratorLogin,
          fullyQualifiedDomainName: `${server.name}.${spec.host}`,
          state: "Ready",
        },
      });
      if (method === "GET") return [200, view()];
      if (method === "PATCH") {
        const pw = (JSON.parse(body || "{}") as { properties?: { administratorLoginPassword?: unknown } }).properties
          ?.administratorLoginPassword;
        if (typeof pw !== "string" || !policyOk(pw, server.administratorLogin)) {
          return [400, { error: { code: "PasswordNotComplex", message: "The password does not meet policy" } }];
        }
        server.previous.push(server.password);
        server.password = pw;
        // Long-running, as the real update is.
        return [
          202,
          null,
          {
            "azure-asyncoperation": `${this.url}/subscriptions/00000000-0000-0000-0000-00000000aaaa/providers/Microsoft.Resources/operationStatuses/${randomBytes(4).toString("hex")}?api-version=2020-01-01`,
            "retry-after": "0",
          },
        ];
      }
      return [405, { error: { code: "MethodNotAllowed", message: method } }];
    }
    const keyed = keyedAnswer(
      this.keyed.values(),
      method,
      path,
      apiVersion,
      body,
      `${this.url}/subscriptions/00000000-0000-0000-0000-00000000aaaa/providers/Microsoft.Resources/operationStatuses/${randomBytes(4).toString("hex")}?api-version=2020-01-01`,
      (r, slot) => this.regenerations.push(`${r.kind}:${slot}`),
    );
    if (keyed) return keyed;
    const m =
      /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+)(\/listKeys|\/regenerateKey)?$/i.exec(
        path,
      );
    const account = m ? this.accounts.get((m[1] as string).toLowerCase()) : undefined;
    if (!m || !account) return [404, { error: { code: "ResourceNotFound", message: "not found" } }];
    if (apiVersion !== STORAGE_API) return badVersion(apiVersion);
    const keys = () => ({
      keys: (["key1", "key2"] as const).map((k) => ({ keyName: k, value: account.keys[k], permissions: "FULL" })),
    });
    if (!m[2] && method === "GET") {
      return [
        200,
        { id: account.id, name: account.name, properties: { primaryEndpoints: { blob: account.blobEndpoint } } },
      ];
    }
    if (m[2]?.toLowerCase() === "/listkeys" && method === "POST") return [200, keys()];
    if (m[2]?.toLowerCase() === "/regeneratekey" && method === "POST") {
      const keyName = (JSON.parse(body || "{}") as { keyName?: string }).keyName;
      if (keyName !== "key1" && keyName !== "key2")
        return [400, { error: { code: "InvalidKeyName", message: "bad key" } }];
      account.keys[keyName] = newKey();
      this.regenerations.push(keyName);
      await this.onKeysChanged(account);
      return [200, keys()];
    }
    return [405, { error: { code: "MethodNotAllowed", message: method } }];
  }
}

function badVersion(v: string | null): [number, unknown] {
  return [400, { error: { code: "InvalidApiVersionParameter", message: `api-version '${v}' is not supported` } }];
}

/** The services' documented policy: 8–128 characters of three of four classes, without the login. */
function policyOk(pw: string, login: string): boolean {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  return pw.length >= 8 && pw.length <= 128 && classes >= 3 && !pw.toLowerCase().includes(login.toLowerCase());
}

function newKey(): string {
  return randomBytes(64).toString("base64");
}

/** A `fetch` for in-process clients that trusts `ca` (HTTPS) and speaks plain HTTP to loopback. */
export function trustingFetch(ca: string): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === "string" ? init.body : undefined;
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return await new Promise<Response>((resolve, reject) => {
      const req = send(
        url,
        { method: init.method ?? "GET", headers, ...(url.protocol === "https:" ? { ca } : {}) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const h = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") h.set(k, v);
            const status = res.statusCode ?? 500;
            resolve(new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers: h }));
          });
        },
      );
      req.on("error", reject);
      if (body) req.write(body);
      req.end();
    });
  }) as typeof fetch;
}

/**
 * A SharedKey-verifying blob data plane over the ARM double's current keys: `GET /NAME/?comp=list`
 * answers 200 when the signature is made with either current key of account NAME, 403 otherwise.
 * Used where Azurite is too slow: Azurite reads its keys only at start (`AZURITE_ACCOUNTS`), and a
 * restart per key change costs seconds; the contract test checks against Azurite that the probe's
 * signing is the real thing.
 */
export async function startBlobDouble(arm: ArmDouble): Promise<{ url: string; close: () => Promise<void> }> {
  const { createServer: createHttp } = await import("node:http");
  const { createHmac } = await import("node:crypto");
  const server = createHttp((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const name = url.pathname.split("/")[1] ?? "";
    const account = [...arm.accounts.values()].find((a) => a.name === name);
    const auth = /^SharedKey ([^:]+):(.+)$/.exec(req.headers.authorization ?? "");
    const params = [...url.searchParams.entries()]
      .map(([k, v]) => [k.toLowerCase(), v] as const)
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([k, v]) => `\n${k}:${v}`)
      .join("");
    const ms = Object.entries(req.headers)
      .filter(([k]) => k.startsWith("x-ms-"))
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([k, v]) => `${k}:${String(v).trim()}`);
    const toSign = ["GET", ...Array(11).fill(""), ...ms, `/${name}${url.pathname}${params}`].join("\n");
    const ok =
      account !== undefined &&
      auth?.[1] === name &&
      Object.values(account.keys).some(
        (k) => createHmac("sha256", Buffer.from(k, "base64")).update(toSign).digest("base64") === auth[2],
      );
    res.writeHead(ok ? 200 : 403, { "content-type": "application/xml" });
    res.end(
      ok
        ? "<EnumerationResults><Containers/></EnumerationResults>"
        : "<Error><Code>AuthenticationFailed</Code></Error>",
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Status of a SharedKey-signed List Containers on `blobUrl/account/`, signed here from the
 * documented scheme (https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key),
 * independently of the rotator's probe: tests use it to see for themselves which key is dead.
 */
export async function sharedKeyStatus(blobUrl: string, account: string, key: string): Promise<number> {
  const { createHmac } = await import("node:crypto");
  const date = new Date().toUTCString();
  const toSign = [
    "GET",
    ...Array(11).fill(""),
    `x-ms-date:${date}`,
    "x-ms-version:2021-08-06",
    `/${account}/${account}/\ncomp:list`,
  ].join("\n");
  const signature = createHmac("sha256", Buffer.from(key, "base64")).update(toSign).digest("base64");
  const res = await fetch(`${blobUrl}/${account}/?comp=list`, {
    headers: { "x-ms-date": date, "x-ms-version": "2021-08-06", authorization: `SharedKey ${account}:${signature}` },
  });
  await res.body?.cancel();
  return res.status;
}
