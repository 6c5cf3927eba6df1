/**
 * Where a leaked database password works: the server, port, role and database, read from a
 * database URL (`postgres://user:pass@host:port/db`), an ADO.NET-style connection string
 * (`Host=…;Username=…;Password=…`, Npgsql and MySqlConnector keys) or Azure's rotation tags
 * (`ProviderAddress` = the server, `CredentialId` = the role). Pure string work, no I/O.
 */
import { MASK } from "../../core/findings/redact.js";
import type { LeakedCredential } from "../../remediation/provider.js";

/**
 * What a rotator may also be told about a leak (fields the orchestration adds as it grows):
 * the tags of the holders' current versions, where Azure's rotation tags stay once the leaked
 * versions are disabled, and the new value an earlier run already stored for this leak.
 */
export type LeakedDatabaseCredential = LeakedCredential & {
  readonly tags?: Readonly<Record<string, string>>;
  /** Sensitive. */
  readonly stored?: string;
};

type Tags = Readonly<Record<string, string>>;

export type DatabaseEngine = "postgresql" | "mysql";

/**
 * How to use TLS, libpq's `sslmode` reduced to what a rotator needs. `prefer` (libpq's and
 * MySQL clients' default): TLS when the server offers it, without checking the certificate;
 * `require`: TLS, certificate unchecked; `verify`: TLS with the certificate and host name checked.
 */
export type DatabaseTls = "disable" | "prefer" | "require" | "verify";

/** A database login. `password` is the decoded password: sensitive, never logged. */
export interface DatabaseAddress {
  readonly engine: DatabaseEngine;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password?: string;
  /** The password as written in the text (percent-encoded in a URL). */
  readonly rawPassword?: string;
  readonly database?: string;
  readonly tls: DatabaseTls;
}

export const DEFAULT_PORTS: Readonly<Record<DatabaseEngine, number>> = { postgresql: 5432, mysql: 3306 };

const SCHEMES: Readonly<Record<string, DatabaseEngine>> = {
  postgres: "postgresql",
  postgresql: "postgresql",
  mysql: "mysql",
  mariadb: "mysql",
};

// The userinfo is split by hand: a leaked password is often not percent-encoded and may hold `#`, `?` or `/`.
const URL_PATTERN =
  /\b(?<scheme>postgres(?:ql)?|mysql|mariadb)(?:\+[a-z0-9]+)?:\/\/(?<user>[^:@/\s"'`<>]*)(?::(?<password>[^@\s"'`<>]*))?@(?<host>\[[0-9a-f:.]+\]|[A-Za-z0-9._-]+)(?::(?<port>\d{1,5}))?(?:\/(?<database>[^?\s"'`<>;]*))?(?:\?(?<query>[^\s"'`<>]*))?/gi;

/** Every PostgreSQL or MySQL URL with a user in `text`. */
export function parseDatabaseUrls(text: string): DatabaseAddress[] {
  const out: DatabaseAddress[] = [];
  for (const m of text.matchAll(URL_PATTERN)) {
    const g = m.groups ?? {};
    const engine = SCHEMES[(g.scheme ?? "").toLowerCase()];
    if (!engine || !g.user || !g.host) continue;
    const query = new URLSearchParams(g.query ?? "");
    const host = g.host.replace(/^\[|\]$/g, "");
    out.push({
      engine,
      host,
      port: g.port ? Number(g.port) : DEFAULT_PORTS[engine],
      user: decode(g.user),
      ...(g.password !== undefined ? { password: decode(g.password), rawPassword: g.password } : {}),
      ...(g.database ? { database: decode(g.database) } : {}),
      tls: tlsMode(query.get("sslmode") ?? query.get("ssl-mode") ?? query.get("ssl"), host),
    });
  }
  return out;
}

// JDBC puts the login in the query (`jdbc:postgresql://host:5432/db?user=app&password=…`).
const JDBC_PATTERN =
  /\bjdbc:(?<scheme>postgresql|mysql|mariadb):\/\/(?<host>\[[0-9a-f:.]+\]|[A-Za-z0-9._-]+)(?::(?<port>\d{1,5}))?(?:\/(?<database>[^?\s"'`<>;]*))?\?(?<query>[^\s"'`<>]*)/gi;

/** Every JDBC URL of PostgreSQL, MySQL or MariaDB in `text` that names a user. */
export function parseJdbcUrls(text: string): DatabaseAddress[] {
  const out: DatabaseAddress[] = [];
  for (const m of text.matchAll(JDBC_PATTERN)) {
    const g = m.groups ?? {};
    const engine = SCHEMES[(g.scheme ?? "").toLowerCase()];
    // `&` separates parameters; MySQL Connector/J also takes `;`.
    const query = new URLSearchParams((g.query ?? "").replaceAll(";", "&"));
    const user = query.get("user");
    if (!engine || !g.host || !user) continue;
    const rawPassword = /(?:^|[&;])password=([^&;]*)/i.exec(g.query ?? "")?.[1];
    const host = g.host.replace(/^\[|\]$/g, "");
    out.push({
      engine,
      host,
      port: g.port ? Number(g.port) : DEFAULT_PORTS[engine],
      user,
      ...(rawPassword !== undefined ? { password: decode(rawPassword), rawPassword } : {}),
      ...(g.database ? { database: decode(g.database) } : {}),
      tls: tlsMode(query.get("sslmode") ?? query.get("sslMode") ?? query.get("ssl"), host),
    });
  }
  return out;
}

const HOST_KEYS = ["host", "server", "data source", "address", "addr", "network address"];
const USER_KEYS = ["username", "user id", "userid", "user", "uid", "user name"];
const PASSWORD_KEYS = ["password", "pwd"];
const DATABASE_KEYS = ["database", "initial catalog", "db"];
const TLS_KEYS = ["ssl mode", "sslmode", "ssl-mode"];

/**
 * An ADO.NET-style connection string (`Key=Value;…`, values optionally quoted) of PostgreSQL or
 * MySQL, or undefined. The engine comes from `hint`, the host name (Azure's
 * `*.postgres.database.azure.com`), the port, or Npgsql's own keys (`Host` with `Username`);
 * a string that could as well be SQL Server's is not guessed at.
 */
export function parseConnectionString(text: string, hint?: DatabaseEngine): DatabaseAddress | undefined {
  const pairs = new Map<string, string>();
  for (const m of text.matchAll(
    /([A-Za-z][A-Za-z -]*?)\s*=\s*("(?:[^"]|"")*"|'(?:[^']|'')*'|\{[^}]*\}|[^;"'\r\n]*)\s*(?:;|$)/g,
  )) {
    const key = (m[1] ?? "").trim().toLowerCase();
    pairs.set(key, unquote((m[2] ?? "").trim()));
  }
  const get = (keys: readonly string[]) => keys.map((k) => pairs.get(k)).find((v) => v !== undefined && v !== "");
  const rawHost = get(HOST_KEYS);
  const user = get(USER_KEYS);
  if (!rawHost || !user) return undefined;
  // `tcp:name,1433` (SQL Server style) and `name:port` both occur.
  const hostMatch = /^(?:tcp:)?([^,:]+)(?:[,:](\d{1,5}))?$/i.exec(rawHost);
  if (!hostMatch?.[1]) return undefined;
  const host = hostMatch[1];
  const portText = get(["port"]) ?? hostMatch[2];
  const port = portText ? Number(portText) : undefined;
  const engine = hint ?? engineOf(host, port) ?? engineOfKeys(pairs);
  if (!engine) return undefined;
  const password = get(PASSWORD_KEYS);
  const database = get(DATABASE_KEYS);
  return {
    engine,
    host,
    port: port ?? DEFAULT_PORTS[engine],
    user,
    ...(password !== undefined ? { password, rawPassword: password } : {}),
    ...(database ? { database } : {}),
    tls: tlsMode(get(TLS_KEYS), host),
  };
}

/** Keys (and values) only one engine's connectors know: MySqlConnector's and Npgsql's. */
function engineOfKeys(pairs: ReadonlyMap<string, string>): DatabaseEngine | undefined {
  const mysqlOnly = ["allowpublickeyretrieval", "allowuservariables", "charset", "guidformat", "treattinyasboolean"];
  if (mysqlOnly.some((k) => pairs.has(k)) || /^none$/i.test(pairs.get("sslmode") ?? "")) return "mysql";
  if ((pairs.has("host") && pairs.has("username")) || pairs.has("search path")) return "postgresql";
  return undefined;
}

/**
 * A JSON secret holding a login (`{"engine":"postgres","host":…,"port":…,"username":…,"password":…,"dbname":…}`,
 * the shape AWS Secrets Manager's database secrets and many apps use), or undefined.
 */
export function parseJsonLogin(text: string, hint?: DatabaseEngine): DatabaseAddress | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const o = value as Record<string, unknown>;
  const str = (...keys: string[]) => keys.map((k) => o[k]).find((v): v is string => typeof v === "string" && v !== "");
  const host = str("host", "hostname", "server");
  const user = str("username", "user");
  const password = str("password");
  if (!host || !user || password === undefined) return undefined;
  const port = typeof o.port === "number" ? o.port : Number(str("port")) || undefined;
  const engine = hint ?? SCHEMES[(str("engine", "dialect", "type") ?? "").toLowerCase()] ?? engineOf(host, port);
  if (!engine) return undefined;
  const database = str("dbname", "database");
  return {
    engine,
    host,
    port: port ?? DEFAULT_PORTS[engine],
    user,
    password,
    rawPassword: password,
    ...(database ? { database } : {}),
    tls: tlsMode(str("sslmode", "ssl"), host),
  };
}

/** The engine a host name or port tells, if any. */
export function engineOf(host: string, port?: number): DatabaseEngine | undefined {
  const h = host.toLowerCase();
  if (h.endsWith(".postgres.database.azure.com") || h.endsWith(".postgres.cosmos.azure.com")) return "postgresql";
  if (h.endsWith(".mysql.database.azure.com") || h.endsWith(".mariadb.database.azure.com")) return "mysql";
  if (port === 5432) return "postgresql";
  if (port === 3306) return "mysql";
  return undefined;
}

/**
 * Every database login in `text` whose password is `secret` (as written, or decoded): URLs
 * first, then a connection string.
 */
export function addressesHolding(text: string, secret: string, hint?: DatabaseEngine): DatabaseAddress[] {
  const found = [...parseDatabaseUrls(text), ...parseJdbcUrls(text)];
  const cs = parseConnectionString(text, hint);
  if (cs) found.push(cs);
  const json = parseJsonLogin(text, hint);
  if (json) found.push(json);
  return found.flatMap((a) => {
    if (hint !== undefined && a.engine !== hint) return [];
    if (a.password === secret || a.rawPassword === secret) return [a];
    // A finding's redacted context (`postgres://app:********@db`) still says where the secret works.
    if (a.rawPassword === MASK) return [{ ...a, password: decode(secret), rawPassword: secret }];
    return [];
  });
}

/** Where a rotator found the credential, with the leaked password in clear. */
export interface LocatedLogin {
  readonly address: DatabaseAddress;
  /** The leaked password, decoded. Sensitive. */
  readonly password: string;
  readonly source: "tags" | "value";
}

/**
 * Finds the server and role of a leaked database password: Azure's rotation tags on a holder
 * first, then the leaked text itself (the finding's match), then the holders' values (which
 * usually carry the port and database the match left out). Undefined when nothing says where
 * it works, or it is another engine's.
 */
export function locateLogin(credential: LeakedDatabaseCredential, engine: DatabaseEngine): LocatedLogin | undefined {
  const tags: Tags[] = [...credential.holders.map((h) => h.tags), ...(credential.tags ? [credential.tags] : [])];
  const hint = tagHint(tags);
  const texts = [credential.value, credential.context ?? "", ...credential.holders.map(holderText)];
  const fromValue = texts.flatMap((t) => addressesHolding(t, credential.value, hint));
  // The most complete description wins: one with a database and an explicit port over a bare match.
  const best = fromValue.sort((a, b) => completeness(b) - completeness(a))[0];
  const password = best?.password ?? credential.value;
  const tagged = fromTags(tags, engine, best);
  if (tagged) return { address: tagged, password, source: "tags" };
  if (best && best.engine === engine) return { address: best, password, source: "value" };
  return undefined;
}

/** leakstop's own tag `leakstop-provider: postgresql|mysql` names the engine where nothing else does. */
function tagHint(tagSets: readonly Tags[]): DatabaseEngine | undefined {
  for (const tags of tagSets) {
    const engine = SCHEMES[(tags["leakstop-provider"] ?? "").trim().toLowerCase()];
    if (engine) return engine;
  }
  return undefined;
}

function fromTags(
  tagSets: readonly Tags[],
  engine: DatabaseEngine,
  fromValue: DatabaseAddress | undefined,
): DatabaseAddress | undefined {
  for (const tags of tagSets) {
    const address = tags.ProviderAddress?.trim();
    const role = tags.CredentialId?.trim();
    if (!address || !role) continue;
    const server = serverOf(address);
    if (!server) continue;
    const serverEngine = server.engine ?? engineOf(server.host, server.port) ?? fromValue?.engine;
    if (serverEngine !== engine) continue;
    const sameServer = fromValue?.host.toLowerCase() === server.host.toLowerCase();
    return {
      engine,
      host: server.host,
      port: server.port ?? (sameServer ? fromValue?.port : undefined) ?? DEFAULT_PORTS[engine],
      user: role,
      ...(sameServer && fromValue?.database ? { database: fromValue.database } : {}),
      tls: sameServer && fromValue ? fromValue.tls : tlsMode(undefined, server.host),
    };
  }
  return undefined;
}

/**
 * A `ProviderAddress` tag's server: a host (`host` or `host:port`), a database URL, or an Azure
 * resource id of a PostgreSQL or MySQL (flexible) server, whose host name Azure derives from its name.
 */
export function serverOf(address: string): { host: string; port?: number; engine?: DatabaseEngine } | undefined {
  const resource =
    /\/providers\/Microsoft\.DBfor(PostgreSQL|MySQL|MariaDB)\/(?:flexibleServers|servers)\/([A-Za-z0-9-]+)/i.exec(
      address,
    );
  if (resource?.[1] && resource[2]) {
    const kind = resource[1].toLowerCase();
    const suffix = kind === "postgresql" ? "postgres" : kind;
    return {
      host: `${resource[2].toLowerCase()}.${suffix}.database.azure.com`,
      engine: kind === "postgresql" ? "postgresql" : "mysql",
    };
  }
  const url = /^(postgres(?:ql)?|mysql|mariadb):\/\/(?:[^@/]*@)?(\[[0-9a-f:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?/i.exec(
    address,
  );
  if (url?.[1] && url[2]) {
    return {
      host: url[2].replace(/^\[|\]$/g, ""),
      ...(url[3] ? { port: Number(url[3]) } : {}),
      ...(SCHEMES[url[1].toLowerCase()] ? { engine: SCHEMES[url[1].toLowerCase()] } : {}),
    };
  }
  const hostPort = /^([A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(address);
  if (hostPort?.[1]) return { host: hostPort[1], ...(hostPort[2] ? { port: Number(hostPort[2]) } : {}) };
  return undefined;
}

/** A holder's value as text to search (base64 and URL-encoded holders decoded). */
function holderText(holder: LeakedCredential["holders"][number]): string {
  if (holder.encoding === "base64") {
    try {
      return Buffer.from(holder.value, "base64").toString("utf8");
    } catch {
      return holder.value;
    }
  }
  return holder.value;
}

function completeness(a: DatabaseAddress): number {
  return (a.database ? 2 : 0) + (a.port !== DEFAULT_PORTS[a.engine] ? 1 : 0) + (a.tls !== "prefer" ? 1 : 0);
}

function tlsMode(value: string | null | undefined, host: string): DatabaseTls {
  const v = (value ?? "").toLowerCase().replace(/[\s_-]/g, "");
  if (v === "disable" || v === "disabled" || v === "none" || v === "false" || v === "0") return "disable";
  if (v === "require" || v === "required" || v === "true" || v === "1") return "require";
  if (v.startsWith("verify")) return "verify";
  if (v === "prefer" || v === "preferred" || v === "allow") return "prefer";
  // Azure's managed servers require TLS with a public certificate.
  return engineOf(host) !== undefined && host.toLowerCase().endsWith(".azure.com") ? "verify" : "prefer";
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
    return value.slice(1, -1).replaceAll('""', '"');
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'"))
    return value.slice(1, -1).replaceAll("''", "'");
  if (value.startsWith("{") && value.endsWith("}")) return value.slice(1, -1);
  return value;
}

/** For people: `postgresql://host:port/db` (never a user or password). */
export function describeServer(a: Pick<DatabaseAddress, "engine" | "host" | "port" | "database">): string {
  const host = a.host.includes(":") ? `[${a.host}]` : a.host;
  return `${a.engine}://${host}:${a.port}${a.database ? `/${a.database}` : ""}`;
}
