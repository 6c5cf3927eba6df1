import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  issueMarker
} from "./chunk-66727ZHJ.js";
import {
  MASK,
  redact
} from "./chunk-AKAH6ETJ.js";

// src/adapters/providers/database-address.ts
var DEFAULT_PORTS = { postgresql: 5432, mysql: 3306 };
var SCHEMES = {
  postgres: "postgresql",
  postgresql: "postgresql",
  mysql: "mysql",
  mariadb: "mysql"
};
var URL_PATTERN = /\b(?<scheme>postgres(?:ql)?|mysql|mariadb)(?:\+[a-z0-9]+)?:\/\/(?<user>[^:@/\s"'`<>]*)(?::(?<password>[^@\s"'`<>]*))?@(?<host>\[[0-9a-f:.]+\]|[A-Za-z0-9._-]+)(?::(?<port>\d{1,5}))?(?:\/(?<database>[^?\s"'`<>;]*))?(?:\?(?<query>[^\s"'`<>]*))?/gi;
function parseDatabaseUrls(text) {
  const out = [];
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
      ...g.password !== void 0 ? { password: decode(g.password), rawPassword: g.password } : {},
      ...g.database ? { database: decode(g.database) } : {},
      tls: tlsMode(query.get("sslmode") ?? query.get("ssl-mode") ?? query.get("ssl"), host)
    });
  }
  return out;
}
var JDBC_PATTERN = /\bjdbc:(?<scheme>postgresql|mysql|mariadb):\/\/(?<host>\[[0-9a-f:.]+\]|[A-Za-z0-9._-]+)(?::(?<port>\d{1,5}))?(?:\/(?<database>[^?\s"'`<>;]*))?\?(?<query>[^\s"'`<>]*)/gi;
function parseJdbcUrls(text) {
  const out = [];
  for (const m of text.matchAll(JDBC_PATTERN)) {
    const g = m.groups ?? {};
    const engine = SCHEMES[(g.scheme ?? "").toLowerCase()];
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
      ...rawPassword !== void 0 ? { password: decode(rawPassword), rawPassword } : {},
      ...g.database ? { database: decode(g.database) } : {},
      tls: tlsMode(query.get("sslmode") ?? query.get("sslMode") ?? query.get("ssl"), host)
    });
  }
  return out;
}
var HOST_KEYS = ["host", "server", "data source", "address", "addr", "network address"];
var USER_KEYS = ["username", "user id", "userid", "user", "uid", "user name"];
var PASSWORD_KEYS = ["password", "pwd"];
var DATABASE_KEYS = ["database", "initial catalog", "db"];
var TLS_KEYS = ["ssl mode", "sslmode", "ssl-mode"];
function parseConnectionString(text, hint) {
  const pairs = /* @__PURE__ */ new Map();
  for (const m of text.matchAll(
    /([A-Za-z][A-Za-z -]*?)\s*=\s*("(?:[^"]|"")*"|'(?:[^']|'')*'|\{[^}]*\}|[^;"'\r\n]*)\s*(?:;|$)/g
  )) {
    const key = (m[1] ?? "").trim().toLowerCase();
    pairs.set(key, unquote((m[2] ?? "").trim()));
  }
  const get = (keys) => keys.map((k) => pairs.get(k)).find((v) => v !== void 0 && v !== "");
  const rawHost = get(HOST_KEYS);
  const user = get(USER_KEYS);
  if (!rawHost || !user) return void 0;
  const hostMatch = /^(?:tcp:)?([^,:]+)(?:[,:](\d{1,5}))?$/i.exec(rawHost);
  if (!hostMatch?.[1]) return void 0;
  const host = hostMatch[1];
  const portText = get(["port"]) ?? hostMatch[2];
  const port = portText ? Number(portText) : void 0;
  const engine = hint ?? engineOf(host, port) ?? engineOfKeys(pairs);
  if (!engine) return void 0;
  const password = get(PASSWORD_KEYS);
  const database = get(DATABASE_KEYS);
  return {
    engine,
    host,
    port: port ?? DEFAULT_PORTS[engine],
    user,
    ...password !== void 0 ? { password, rawPassword: password } : {},
    ...database ? { database } : {},
    tls: tlsMode(get(TLS_KEYS), host)
  };
}
function engineOfKeys(pairs) {
  const mysqlOnly = ["allowpublickeyretrieval", "allowuservariables", "charset", "guidformat", "treattinyasboolean"];
  if (mysqlOnly.some((k) => pairs.has(k)) || /^none$/i.test(pairs.get("sslmode") ?? "")) return "mysql";
  if (pairs.has("host") && pairs.has("username") || pairs.has("search path")) return "postgresql";
  return void 0;
}
function parseJsonLogin(text, hint) {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return void 0;
  let value;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return void 0;
  }
  if (typeof value !== "object" || value === null) return void 0;
  const o = value;
  const str = (...keys) => keys.map((k) => o[k]).find((v) => typeof v === "string" && v !== "");
  const host = str("host", "hostname", "server");
  const user = str("username", "user");
  const password = str("password");
  if (!host || !user || password === void 0) return void 0;
  const port = typeof o.port === "number" ? o.port : Number(str("port")) || void 0;
  const engine = hint ?? SCHEMES[(str("engine", "dialect", "type") ?? "").toLowerCase()] ?? engineOf(host, port);
  if (!engine) return void 0;
  const database = str("dbname", "database");
  return {
    engine,
    host,
    port: port ?? DEFAULT_PORTS[engine],
    user,
    password,
    rawPassword: password,
    ...database ? { database } : {},
    tls: tlsMode(str("sslmode", "ssl"), host)
  };
}
function engineOf(host, port) {
  const h = host.toLowerCase();
  if (h.endsWith(".postgres.database.azure.com") || h.endsWith(".postgres.cosmos.azure.com")) return "postgresql";
  if (h.endsWith(".mysql.database.azure.com") || h.endsWith(".mariadb.database.azure.com")) return "mysql";
  if (port === 5432) return "postgresql";
  if (port === 3306) return "mysql";
  return void 0;
}
function addressesHolding(text, secret, hint) {
  const found = [...parseDatabaseUrls(text), ...parseJdbcUrls(text)];
  const cs = parseConnectionString(text, hint);
  if (cs) found.push(cs);
  const json = parseJsonLogin(text, hint);
  if (json) found.push(json);
  return found.flatMap((a) => {
    if (hint !== void 0 && a.engine !== hint) return [];
    if (a.password === secret || a.rawPassword === secret) return [a];
    if (a.rawPassword === MASK) return [{ ...a, password: decode(secret), rawPassword: secret }];
    return [];
  });
}
function locateLogin(credential, engine) {
  const tags = [...credential.holders.map((h) => h.tags), ...credential.tags ? [credential.tags] : []];
  const hint = tagHint(tags);
  const texts = [credential.value, credential.context ?? "", ...credential.holders.map(holderText)];
  const fromValue = texts.flatMap((t) => addressesHolding(t, credential.value, hint));
  const best = fromValue.sort((a, b) => completeness(b) - completeness(a))[0];
  const password = best?.password ?? credential.value;
  const tagged = fromTags(tags, engine, best);
  if (tagged) return { address: tagged, password, source: "tags" };
  if (best && best.engine === engine) return { address: best, password, source: "value" };
  return void 0;
}
function tagHint(tagSets) {
  for (const tags of tagSets) {
    const engine = SCHEMES[(tags["leakstop-provider"] ?? "").trim().toLowerCase()];
    if (engine) return engine;
  }
  return void 0;
}
function fromTags(tagSets, engine, fromValue) {
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
      port: server.port ?? (sameServer ? fromValue?.port : void 0) ?? DEFAULT_PORTS[engine],
      user: role,
      ...sameServer && fromValue?.database ? { database: fromValue.database } : {},
      tls: sameServer && fromValue ? fromValue.tls : tlsMode(void 0, server.host)
    };
  }
  return void 0;
}
function serverOf(address) {
  const resource = /\/providers\/Microsoft\.DBfor(PostgreSQL|MySQL|MariaDB)\/(?:flexibleServers|servers)\/([A-Za-z0-9-]+)/i.exec(
    address
  );
  if (resource?.[1] && resource[2]) {
    const kind = resource[1].toLowerCase();
    const suffix = kind === "postgresql" ? "postgres" : kind;
    return {
      host: `${resource[2].toLowerCase()}.${suffix}.database.azure.com`,
      engine: kind === "postgresql" ? "postgresql" : "mysql"
    };
  }
  const url = /^(postgres(?:ql)?|mysql|mariadb):\/\/(?:[^@/]*@)?(\[[0-9a-f:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?/i.exec(
    address
  );
  if (url?.[1] && url[2]) {
    return {
      host: url[2].replace(/^\[|\]$/g, ""),
      ...url[3] ? { port: Number(url[3]) } : {},
      ...SCHEMES[url[1].toLowerCase()] ? { engine: SCHEMES[url[1].toLowerCase()] } : {}
    };
  }
  const hostPort = /^([A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(address);
  if (hostPort?.[1]) return { host: hostPort[1], ...hostPort[2] ? { port: Number(hostPort[2]) } : {} };
  return void 0;
}
function holderText(holder) {
  if (holder.encoding === "base64") {
    try {
      return Buffer.from(holder.value, "base64").toString("utf8");
    } catch {
      return holder.value;
    }
  }
  return holder.value;
}
function completeness(a) {
  return (a.database ? 2 : 0) + (a.port !== DEFAULT_PORTS[a.engine] ? 1 : 0) + (a.tls !== "prefer" ? 1 : 0);
}
function tlsMode(value, host) {
  const v = (value ?? "").toLowerCase().replace(/[\s_-]/g, "");
  if (v === "disable" || v === "disabled" || v === "none" || v === "false" || v === "0") return "disable";
  if (v === "require" || v === "required" || v === "true" || v === "1") return "require";
  if (v.startsWith("verify")) return "verify";
  if (v === "prefer" || v === "preferred" || v === "allow") return "prefer";
  return engineOf(host) !== void 0 && host.toLowerCase().endsWith(".azure.com") ? "verify" : "prefer";
}
function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
function unquote(value) {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
    return value.slice(1, -1).replaceAll('""', '"');
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'"))
    return value.slice(1, -1).replaceAll("''", "'");
  if (value.startsWith("{") && value.endsWith("}")) return value.slice(1, -1);
  return value;
}
function describeServer(a) {
  const host = a.host.includes(":") ? `[${a.host}]` : a.host;
  return `${a.engine}://${host}:${a.port}${a.database ? `/${a.database}` : ""}`;
}

// src/adapters/providers/database-driver.ts
var DatabaseError = class extends Error {
  constructor(message, kind) {
    super(message);
    this.kind = kind;
  }
  kind;
  name = "DatabaseError";
};

// src/adapters/providers/database-secrets.ts
import { createHash, createHmac, pbkdf2Sync, randomBytes, randomInt } from "node:crypto";
var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
var MIN_PASSWORD_LENGTH = 40;
function newDatabasePassword(replacing = "") {
  const length = Math.min(128, Math.max(MIN_PASSWORD_LENGTH, replacing.length));
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
var SCRAM_ITERATIONS = 4096;
function scramSha256Verifier(password, salt = randomBytes(16), iterations = SCRAM_ITERATIONS) {
  const salted = pbkdf2Sync(Buffer.from(password, "utf8"), salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}
function mysqlNativePasswordHash(password) {
  const once = createHash("sha1").update(password, "utf8").digest();
  return `*${createHash("sha1").update(once).digest("hex").toUpperCase()}`;
}

// src/adapters/providers/database-rotator.ts
var ENTRA_DATABASE_SCOPE = "https://ossrdbms-aad.database.windows.net/.default";
var DatabaseRotator = class {
  constructor(driver, options = {}) {
    this.driver = driver;
    this.kind = driver.kind;
    this.name = driver.name;
    this.#admins = (options.adminUrls ?? []).flatMap((u) => parseDatabaseUrls(u)).filter((a) => a.engine === driver.engine && a.password !== void 0);
    this.#entraAdmins = options.entraAdmins ?? [];
    this.#allowedHosts = options.allowedHosts?.map((h) => h.trim().toLowerCase());
    this.#timeout = options.connectTimeoutInMs ?? 1e4;
  }
  driver;
  kind;
  name;
  #admins;
  #entraAdmins;
  #allowedHosts;
  #timeout;
  applies(credential) {
    const found = locateLogin(credential, this.driver.engine);
    return found !== void 0 && this.#allowed(found.address.host);
  }
  async locate(credential, options) {
    options?.abortSignal?.throwIfAborted();
    const found = locateLogin(credential, this.driver.engine);
    if (!found || !this.#allowed(found.address.host)) return void 0;
    const { address } = found;
    const admin = this.#adminFor(address);
    return {
      kind: this.kind,
      resource: describeServer(address),
      credentialId: address.user,
      source: found.source,
      details: {
        host: address.host,
        port: String(address.port),
        ...address.database ? { database: address.database } : {},
        tls: address.tls,
        privilege: admin ? "admin" : "self",
        ...admin ? { admin: admin.user, adminAuth: admin.auth } : {}
      }
    };
  }
  plan(location, _credential) {
    const role = location.credentialId ?? "";
    const admin = location.details?.admin;
    const d = this.driver;
    const signIn = location.details?.adminAuth === "entra" ? [
      {
        description: `Sign in admin "${admin}" with Microsoft Entra ID (a token for ${ENTRA_DATABASE_SCOPE} is the password)`,
        permission: `"${admin}" is a Microsoft Entra admin of the server`
      }
    ] : [];
    const steps = [
      ...signIn,
      {
        description: `${d.changeDescription(role, admin)} on ${location.resource}`,
        permission: d.changePermission(role, admin)
      },
      { description: d.endSessionsDescription(role, admin), permission: d.endSessionsPermission(role, admin) },
      {
        description: `Probe: log in as "${role}" with the leaked password (must be refused) and with the new one (SELECT 1 only, no data read)`,
        permission: `Login as "${role}" (the new password)`
      }
    ];
    return { location, steps, mode: "rotate" };
  }
  async rotate(plan, credential, options) {
    const { target, leaked } = this.#target(plan, credential);
    const planned = plan.location.details?.admin;
    const admin = planned !== void 0 ? this.#adminFor(target) : void 0;
    if (planned !== void 0 && admin?.user !== planned) {
      throw new DatabaseError(
        `The plan for role "${target.user}" at ${describeServer(target)} uses admin "${planned}", which is no longer configured`,
        "other"
      );
    }
    options?.abortSignal?.throwIfAborted();
    const stored = credential.stored;
    const secrets = [leaked, ...stored !== void 0 ? [stored] : []];
    const where = `${describeServer(target)} (role "${target.user}")`;
    let session3;
    try {
      if (admin) await this.#loginAndClose(target, leaked);
      else session3 = await this.#connect(target, leaked);
    } catch (e) {
      if (!(e instanceof DatabaseError && e.kind === "auth")) throw e;
      if (stored !== void 0 && (await this.#probe(target, stored)).verdict === "accepted") return { value: stored };
      throw new DatabaseError(
        `The leaked password of ${where} is already refused: it was rotated before (or changed by someone else)${stored !== void 0 ? ", and the value stored for this leak is refused too" : ""}; nothing was changed`,
        "already-rotated"
      );
    }
    if (admin) {
      const password = await admin.password(options);
      secrets.push(password);
      session3 = await this.#connect(admin.login ?? { ...target, user: admin.user }, password, admin.auth === "entra");
    }
    if (!session3) throw new DatabaseError(`No session to ${where}`, "other");
    const value = stored ?? newDatabasePassword(leaked);
    secrets.push(value);
    try {
      options?.abortSignal?.throwIfAborted();
      if (admin) await session3.setPassword(target.user, value);
      else await session3.setOwnPassword(value);
      await session3.endOtherSessions(target.user);
    } catch (e) {
      const error = scrubbed(e, secrets, `Changing the password of ${where}`);
      if (error.kind !== "privilege") throw error;
      const needed = plan.steps.map((s) => s.permission).join("; ");
      throw new DatabaseError(`${error.message}. Needed: ${needed}`, "privilege");
    } finally {
      await session3.close().catch(() => {
      });
    }
    return { value };
  }
  async prove(plan, credential, replacement, options) {
    const { target, leaked } = this.#target(plan, credential);
    options?.abortSignal?.throwIfAborted();
    const old = await this.#probe(target, leaked);
    const fresh = replacement === void 0 ? void 0 : await this.#probe(target, replacement);
    const where = `${describeServer(target)} as "${target.user}"`;
    const evidence = [`Login to ${where} with the leaked password: ${old.evidence}`];
    if (fresh) evidence.push(`with the new password: ${fresh.evidence}`);
    return {
      leaked: old.verdict === "accepted" ? "accepted" : old.verdict,
      ...fresh ? { replacement: fresh.verdict } : {},
      evidence: redact(evidence.join("; "), [leaked, replacement ?? ""])
    };
  }
  /** The login the plan is about, with the leaked password recovered from the credential. */
  #target(plan, credential) {
    const found = locateLogin(credential, this.driver.engine);
    const d = plan.location.details ?? {};
    if (!d.host || !d.port || plan.location.credentialId === void 0) {
      throw new DatabaseError(`The plan's location ${plan.location.resource} names no host, port or role`, "other");
    }
    const target = {
      engine: this.driver.engine,
      host: d.host,
      port: Number(d.port),
      user: plan.location.credentialId,
      ...d.database ? { database: d.database } : {},
      tls: d.tls ?? "prefer"
    };
    return { target, leaked: found?.password ?? credential.value };
  }
  #allowed(host) {
    if (!this.#allowedHosts) return true;
    const h = host.toLowerCase();
    return this.#allowedHosts.some(
      (pattern) => pattern.startsWith("*.") ? h.endsWith(pattern.slice(1)) : h === pattern
    );
  }
  #adminFor(address) {
    const host = address.host.toLowerCase();
    const login = this.#admins.find(
      (a) => a.host.toLowerCase() === host && a.port === address.port && a.user !== address.user
    );
    if (login) {
      return { user: login.user, auth: "password", login, password: async () => login.password ?? "" };
    }
    const entra = this.#entraAdmins.find(
      (a) => a.user !== address.user && (a.hosts ? a.hosts.some((h) => h.toLowerCase() === host) : /\.(?:postgres|mysql)\.database\.azure\.com$/.test(host))
    );
    if (!entra) return void 0;
    return {
      user: entra.user,
      auth: "entra",
      password: async (options) => {
        const token = await entra.credential.getToken(ENTRA_DATABASE_SCOPE, options?.abortSignal ? { abortSignal: options.abortSignal } : {}).catch((e) => {
          throw new DatabaseError(
            `Signing in Entra admin "${entra.user}" for ${describeServer(address)} failed: ${e instanceof Error ? e.message : String(e)}`,
            "auth"
          );
        });
        if (!token?.token)
          throw new DatabaseError(`No Entra ID token for admin "${entra.user}" (${ENTRA_DATABASE_SCOPE})`, "auth");
        return token.token;
      }
    };
  }
  async #connect(address, password, cleartextPassword = false) {
    try {
      return await this.driver.connect({
        ...cleartextPassword ? { cleartextPassword } : {},
        host: address.host,
        port: address.port,
        user: address.user,
        password,
        ...address.database ? { database: address.database } : {},
        tls: address.tls,
        connectTimeoutInMs: this.#timeout
      });
    } catch (e) {
      throw scrubbed(e, [password], `Login to ${describeServer(address)} as "${address.user}"`);
    }
  }
  async #loginAndClose(address, password) {
    const session3 = await this.#connect(address, password);
    await session3.close().catch(() => {
    });
  }
  /** One read-only login: `SELECT 1`, nothing else. */
  async #probe(address, password) {
    let session3;
    try {
      session3 = await this.#connect(address, password);
    } catch (e) {
      if (e instanceof DatabaseError && e.kind === "auth")
        return { verdict: "rejected", evidence: "refused (authentication failed)" };
      const kind = e instanceof DatabaseError ? e.kind : "other";
      return {
        verdict: "unknown",
        evidence: `could not tell (${kind}: ${e instanceof Error ? e.message : String(e)})`
      };
    }
    try {
      await session3.ping();
      return { verdict: "accepted", evidence: "accepted (SELECT 1)" };
    } catch (e) {
      return {
        verdict: "unknown",
        evidence: `logged in, but SELECT 1 failed (${e instanceof Error ? e.message : String(e)})`
      };
    } finally {
      await session3.close().catch(() => {
      });
    }
  }
};
function scrubbed(e, secrets, doing) {
  const list = [...secrets, ...secrets.map((s) => encodeURIComponent(s))];
  if (e instanceof DatabaseError) return new DatabaseError(redact(e.message, list), e.kind);
  const message = e instanceof Error ? e.message : String(e);
  return new DatabaseError(redact(`${doing} failed: ${message}`, list), "other");
}

// src/adapters/providers/mysql.ts
var mysqlDriver = {
  engine: "mysql",
  kind: "mysql",
  name: "MySQL / MariaDB user password",
  connect,
  changeDescription: (role, admin) => admin ? `Log in as admin "${admin}" and set the password of every account named "${role}" to a mysql_native_password hash computed by leakstop (no cleartext password reaches the server or its logs)` : `Log in as "${role}" with the leaked password and set its own password to a mysql_native_password hash computed by leakstop (SET PASSWORD = '*\u2026' on MariaDB; no cleartext password reaches the server or its logs)`,
  changePermission: (_role, admin) => admin ? `Admin "${admin}": CREATE USER (or UPDATE on the mysql schema) and SELECT on mysql.user` : `None beyond the leaked login: a MariaDB account may change its own password (the privilege comes from the leaked credential itself; on Oracle MySQL 8, ALTER USER CURRENT_USER() IDENTIFIED WITH mysql_native_password AS '*\u2026', which a server may reserve to CREATE USER holders: then an admin login is needed)`,
  endSessionsDescription: (role) => `End "${role}"'s other connections: KILL CONNECTION of its threads other than leakstop's own`,
  endSessionsPermission: (role, admin) => admin ? `Admin "${admin}": PROCESS and CONNECTION ADMIN (or SUPER) to see and kill other users' threads` : `None: an account may kill its own threads ("${role}")`
};
async function connect(login) {
  const { default: mysql } = await import("./promise-QSEAG2OK.js");
  const base = {
    host: login.host,
    port: login.port,
    user: login.user,
    password: login.password,
    connectTimeout: login.connectTimeoutInMs,
    // Azure's Entra authentication takes the token through mysql_clear_password (over TLS).
    ...login.cleartextPassword ? { enableCleartextPlugin: true } : {},
    ...login.database ? { database: login.database } : {}
  };
  const open = async (ssl) => {
    const conn2 = await mysql.createConnection(ssl === void 0 ? base : { ...base, ssl });
    conn2.on("error", () => {
    });
    return conn2;
  };
  let conn;
  try {
    if (login.tls === "disable") conn = await open(void 0);
    else if (login.tls === "verify") conn = await open({ rejectUnauthorized: true });
    else {
      try {
        conn = await open({ rejectUnauthorized: false });
      } catch (e) {
        if (login.tls !== "prefer" || errorCode(e) !== "HANDSHAKE_NO_SSL_SUPPORT") throw e;
        conn = await open(void 0);
      }
    }
  } catch (e) {
    throw loginError(e, login);
  }
  return session(conn, login);
}
function session(conn, login) {
  const where = describeServer({ engine: "mysql", ...login });
  const run = async (sql, params, doing) => {
    try {
      const [rows] = await conn.query(sql, params);
      return rows;
    } catch (e) {
      throw new DatabaseError(`${doing} at ${where} failed: ${errorMessage(e)}`, queryErrorKind(e));
    }
  };
  const isMariadb = async () => {
    const rows = await run("SELECT VERSION() AS v", [], "SELECT VERSION()");
    return /mariadb/i.test(rows[0]?.v ?? "");
  };
  return {
    async setOwnPassword(password) {
      const hash = mysqlNativePasswordHash(password);
      const doing = `User "${login.user}" changing its own password`;
      if (await isMariadb()) {
        await run("SET PASSWORD = ?", [hash], doing);
        return;
      }
      try {
        await run("ALTER USER CURRENT_USER() IDENTIFIED WITH mysql_native_password AS ?", [hash], doing);
      } catch (e) {
        if (e instanceof DatabaseError && e.kind === "privilege") {
          throw new DatabaseError(
            `MySQL at ${where} lets "${login.user}" change its own password only by sending it in cleartext, which leakstop does not do: configure an admin login for this server (${e.message})`,
            "unsupported"
          );
        }
        throw e;
      }
    },
    async setPassword(role, password) {
      const hash = mysqlNativePasswordHash(password);
      const doing = `Admin "${login.user}" changing the password of "${role}"`;
      const accounts = await run(
        "SELECT Host AS host FROM mysql.user WHERE User = ?",
        [role],
        `Admin "${login.user}" listing the accounts of "${role}"`
      );
      if (accounts.length === 0) throw new DatabaseError(`No account "${role}" at ${where}`, "other");
      const mariadb = await isMariadb();
      for (const { host } of accounts) {
        await run(
          mariadb ? "ALTER USER ?@? IDENTIFIED BY PASSWORD ?" : "ALTER USER ?@? IDENTIFIED WITH mysql_native_password AS ?",
          [role, host, hash],
          doing
        );
      }
    },
    async endOtherSessions(role) {
      const threads = await run(
        "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ? AND ID <> CONNECTION_ID()",
        [role],
        `Listing the connections of "${role}"`
      );
      let ended = 0;
      for (const { id } of threads) {
        try {
          await conn.query("KILL CONNECTION ?", [id]);
          ended++;
        } catch (e) {
          if (errorCode(e) !== "ER_NO_SUCH_THREAD") {
            throw new DatabaseError(
              `Ending connection ${id} of "${role}" at ${where} failed: ${errorMessage(e)}`,
              queryErrorKind(e)
            );
          }
        }
      }
      return ended;
    },
    async ping() {
      await run("SELECT 1", [], "SELECT 1");
    },
    async close() {
      await conn.end();
    }
  };
}
var NETWORK_CODES = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNRESET",
  "EPIPE",
  "PROTOCOL_CONNECTION_LOST"
]);
var AUTH_CODES = /* @__PURE__ */ new Set([
  "ER_ACCESS_DENIED_ERROR",
  "ER_DBACCESS_DENIED_ERROR",
  "ER_ACCESS_DENIED_NO_PASSWORD_ERROR",
  "ER_ACCOUNT_HAS_BEEN_LOCKED"
]);
var PRIVILEGE_CODES = /* @__PURE__ */ new Set([
  "ER_SPECIFIC_ACCESS_DENIED_ERROR",
  "ER_TABLEACCESS_DENIED_ERROR",
  "ER_PASSWORD_NOT_ALLOWED",
  "ER_KILL_DENIED_ERROR",
  "ER_CANT_CHANGE_TX_CHARACTERISTICS"
]);
function queryErrorKind(e) {
  const code = errorCode(e);
  if (code && (PRIVILEGE_CODES.has(code) || code === "ER_DBACCESS_DENIED_ERROR" || code === "ER_ACCESS_DENIED_ERROR"))
    return "privilege";
  if (code && NETWORK_CODES.has(code)) return "unreachable";
  return "other";
}
function loginError(e, login) {
  const where = `MySQL at ${describeServer({ engine: "mysql", ...login })}`;
  const message = errorMessage(e);
  const code = errorCode(e) ?? "";
  if (AUTH_CODES.has(code))
    return new DatabaseError(`${where} refused the login of "${login.user}": ${message}`, "auth");
  if (/SSL|TLS|CERT/i.test(code) || /SSL|TLS|certificate/i.test(message)) {
    return new DatabaseError(`TLS to ${where} failed for "${login.user}": ${message}`, "tls");
  }
  if (NETWORK_CODES.has(code) || /timeout|connect/i.test(message)) {
    return new DatabaseError(`${where} is unreachable (login of "${login.user}"): ${message}`, "unreachable");
  }
  return new DatabaseError(`Login of "${login.user}" to ${where} failed: ${message}`, "other");
}
function errorCode(e) {
  const code = e?.code;
  return typeof code === "string" ? code : void 0;
}
function errorMessage(e) {
  if (e instanceof AggregateError && e.errors.length > 0) return errorMessage(e.errors[0]);
  return e instanceof Error ? e.message || errorCode(e) || e.name : String(e);
}

// src/adapters/providers/postgres.ts
var postgresDriver = {
  engine: "postgresql",
  kind: "postgresql",
  name: "PostgreSQL role password",
  connect: connect2,
  changeDescription: (role, admin) => admin ? `Log in as admin role "${admin}" and run ALTER ROLE "${role}" PASSWORD with a SCRAM-SHA-256 verifier computed by leakstop (no cleartext password reaches the server or its statement log)` : `Log in as "${role}" with the leaked password and run ALTER ROLE CURRENT_USER PASSWORD with a SCRAM-SHA-256 verifier computed by leakstop (no cleartext password reaches the server or its statement log)`,
  changePermission: (role, admin) => admin ? `Admin role "${admin}": CREATEROLE with ADMIN OPTION on "${role}" (PostgreSQL 16+) or CREATEROLE (15 and older), or superuser` : `None beyond the leaked login: a PostgreSQL role may change its own password (the privilege comes from the leaked credential itself)`,
  endSessionsDescription: (role) => `End "${role}"'s other sessions: pg_terminate_backend on its pg_stat_activity rows other than leakstop's own`,
  endSessionsPermission: (role, admin) => admin ? `Admin role "${admin}": member of pg_signal_backend (or superuser)` : `None: a role may signal its own backends ("${role}")`
};
async function connect2(login) {
  const { default: pg } = await import("./esm-RC34H3EA.js");
  const base = {
    host: login.host,
    port: login.port,
    user: login.user,
    password: login.password,
    database: login.database ?? "postgres",
    connectionTimeoutMillis: login.connectTimeoutInMs,
    application_name: "leakstop"
  };
  const open = async (ssl) => {
    const client2 = new pg.Client({ ...base, ssl });
    client2.on("error", () => {
    });
    try {
      await client2.connect();
      return client2;
    } catch (e) {
      await client2.end().catch(() => {
      });
      throw e;
    }
  };
  let client;
  try {
    if (login.tls === "disable") client = await open(false);
    else if (login.tls === "verify") client = await open({ rejectUnauthorized: true, servername: login.host });
    else {
      try {
        client = await open({ rejectUnauthorized: false });
      } catch (e) {
        if (login.tls !== "prefer" || !/does not support SSL/i.test(errorMessage2(e))) throw e;
        client = await open(false);
      }
    }
  } catch (e) {
    throw loginError2(e, login);
  }
  return session2(client, login);
}
function session2(client, login) {
  const where = `${describeServer({ engine: "postgresql", ...login })}`;
  const run = async (sql, params, doing) => {
    try {
      return await client.query(sql, params);
    } catch (e) {
      const kind = sqlState(e) === "42501" ? "privilege" : "other";
      throw new DatabaseError(`${doing} at ${where} failed: ${errorMessage2(e)}`, kind);
    }
  };
  return {
    async setOwnPassword(password) {
      const verifier = client.escapeLiteral(scramSha256Verifier(password));
      await run(`ALTER ROLE CURRENT_USER PASSWORD ${verifier}`, [], `Role "${login.user}" changing its own password`);
    },
    async setPassword(role, password) {
      const verifier = client.escapeLiteral(scramSha256Verifier(password));
      await run(
        `ALTER ROLE ${client.escapeIdentifier(role)} PASSWORD ${verifier}`,
        [],
        `Admin "${login.user}" changing the password of role "${role}"`
      );
    },
    async endOtherSessions(role) {
      const version = await run("SHOW server_version_num", [], "SHOW server_version_num");
      const wait = Number(version.rows[0]?.server_version_num ?? 0) >= 14e4 ? ", 5000" : "";
      const result = await run(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid${wait}))::int AS ended FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()`,
        [role],
        `Ending the other sessions of role "${role}"`
      );
      return Number(result.rows[0]?.ended ?? 0);
    },
    async ping() {
      await run("SELECT 1", [], "SELECT 1");
    },
    async close() {
      await client.end();
    }
  };
}
var NETWORK_CODES2 = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNRESET",
  "EPIPE"
]);
function loginError2(e, login) {
  const where = `PostgreSQL at ${describeServer({ engine: "postgresql", ...login })}`;
  const message = errorMessage2(e);
  const code = e.code;
  const state = sqlState(e);
  if (state === "28P01" || state === "28000") {
    return new DatabaseError(`${where} refused the login of role "${login.user}": ${message}`, "auth");
  }
  if (state === "42501")
    return new DatabaseError(`${where}: role "${login.user}" may not log in: ${message}`, "privilege");
  if (/SSL|TLS|certificate/i.test(message) || typeof code === "string" && /CERT|TLS|SSL/.test(code)) {
    return new DatabaseError(`TLS to ${where} failed for role "${login.user}": ${message}`, "tls");
  }
  if (typeof code === "string" && NETWORK_CODES2.has(code) || /timeout|terminated unexpectedly/i.test(message)) {
    return new DatabaseError(`${where} is unreachable (login of role "${login.user}"): ${message}`, "unreachable");
  }
  return new DatabaseError(`Login of role "${login.user}" to ${where} failed: ${message}`, "other");
}
function sqlState(e) {
  const code = e?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : void 0;
}
function errorMessage2(e) {
  if (e instanceof AggregateError && e.errors.length > 0) return errorMessage2(e.errors[0]);
  return e instanceof Error ? e.message || e.code || e.name : String(e);
}

// src/adapters/providers/databases.ts
function databaseRotators(options = {}) {
  return [new DatabaseRotator(postgresDriver, options), new DatabaseRotator(mysqlDriver, options)];
}

// src/adapters/providers/github-token.ts
var RULES = /* @__PURE__ */ new Set([
  "github-pat",
  "github-fine-grained-pat",
  "github-oauth-token",
  "github-user-to-server-token",
  "github-refresh-token",
  "github-app-installation-token"
]);
var PREFIX = /^(ghp_|gho_|ghu_|ghs_|ghr_|github_pat_)/;
function createGitHubTokenRotator(options) {
  const api = options.apiUrl.replace(/\/+$/, "");
  const attempts = Math.max(1, options.probeAttempts ?? 5);
  const interval = options.probeIntervalInMs ?? 2e3;
  const headers = { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" };
  return {
    kind: "github-token",
    name: "GitHub",
    applies: (c) => c.ruleIds.some((r) => RULES.has(r)) && PREFIX.test(c.value),
    async locate(c) {
      return {
        kind: "github-token",
        resource: api,
        credentialId: `${PREFIX.exec(c.value)?.[1] ?? "token"} token`,
        source: "value"
      };
    },
    plan(location, c) {
      const installation = c.value.startsWith("ghs_");
      return {
        location,
        mode: "revoke",
        steps: [
          installation ? {
            description: `DELETE ${api}/installation/token with the leaked installation token`,
            permission: "none: the token authorizes its own revocation"
          } : {
            description: `POST ${api}/credentials/revoke (unauthenticated, GitHub notifies the token's owner)`,
            permission: "none: unauthenticated; 60 requests an hour, up to 1000 tokens each"
          },
          {
            description: `probe: GET ${api}/user with the leaked token must answer 401`,
            permission: "none"
          }
        ]
      };
    },
    async rotate(_plan, c, op) {
      const signal = op?.abortSignal;
      if (c.value.startsWith("ghs_")) {
        const res2 = await fetch(`${api}/installation/token`, {
          method: "DELETE",
          headers: { ...headers, authorization: `Bearer ${c.value}` },
          ...signal ? { signal } : {}
        });
        if (res2.status !== 204 && res2.status !== 401) throw new Error(`GitHub answered ${res2.status}`);
        return {};
      }
      const res = await fetch(`${api}/credentials/revoke`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ credentials: [c.value] }),
        ...signal ? { signal } : {}
      });
      if (res.status === 202 || res.status === 200 || res.status === 204) return {};
      if (res.status === 422) {
        throw new Error("GitHub refused the revocation (422: validation failed, or the endpoint is rate limited)");
      }
      if ((res.status === 403 || res.status === 429) && res.headers.get("x-ratelimit-remaining") === "0") {
        const reset = Number(res.headers.get("x-ratelimit-reset") ?? 0);
        const at = reset ? ` until ${new Date(reset * 1e3).toISOString()}` : "";
        throw new Error(`GitHub's revocation API is rate limited (60 requests an hour)${at}; a re-run retries`);
      }
      throw new Error(`GitHub answered ${res.status} to POST /credentials/revoke`);
    },
    async prove(_plan, c, _replacement, op) {
      if (options.probe === false) return { leaked: "unknown", evidence: "the probe is turned off" };
      if (c.value.startsWith("ghr_")) {
        return { leaked: "unknown", evidence: "a refresh token cannot be probed read-only" };
      }
      let last = 0;
      for (let i = 0; i < attempts; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, interval));
        op?.abortSignal?.throwIfAborted();
        const res = await fetch(`${api}/user`, {
          headers: { ...headers, authorization: `Bearer ${c.value}` },
          ...op?.abortSignal ? { signal: op.abortSignal } : {}
        });
        await res.body?.cancel();
        last = res.status;
        if (res.status === 401) return { leaked: "rejected", evidence: "GET /user with the leaked token: 401" };
      }
      return {
        leaked: last === 200 ? "accepted" : "unknown",
        evidence: `GET /user with the leaked token: ${last} after ${attempts} attempt(s)`
      };
    }
  };
}

// src/adapters/providers/index.ts
function createProviderRotators(options) {
  return [createGitHubTokenRotator({ apiUrl: options.githubApiUrl }), ...databaseRotators(options.databases)];
}

// src/adapters/github/issues.ts
function createGitHubIssueTracker(client, options) {
  const [owner, repo, ...rest] = options.repository.split("/");
  if (!owner || !repo || rest.length > 0) {
    throw new TypeError(`Issue repository '${options.repository}' is not 'owner/repo'.`);
  }
  const label = options.label ?? "leakstop";
  const log = options.log ?? (() => {
  });
  const request = (o) => o?.abortSignal ? { request: { signal: o.abortSignal } } : {};
  return {
    async findByFingerprint(fingerprint, o) {
      const marker = issueMarker(fingerprint);
      const pages = client.paginate.iterator(client.rest.issues.listForRepo, {
        owner,
        repo,
        labels: label,
        state: "all",
        per_page: 100,
        ...request(o)
      });
      for await (const page of pages) {
        for (const issue of page.data) {
          if (issue.pull_request) continue;
          if (issue.body?.includes(marker)) {
            return { number: issue.number, url: issue.html_url, state: issue.state === "closed" ? "closed" : "open" };
          }
        }
      }
      return void 0;
    },
    async create(title, body, o = {}) {
      const labels = [.../* @__PURE__ */ new Set([label, ...o.labels ?? []])];
      const { data } = await client.rest.issues.create({ owner, repo, title, body, labels, ...request(o) });
      const assignees = [...o.assignees ?? []];
      if (assignees.length > 0) {
        try {
          await client.rest.issues.addAssignees({ owner, repo, issue_number: data.number, assignees, ...request(o) });
        } catch (e) {
          log(`leakstop: could not assign issue #${data.number} to ${assignees.join(", ")}: ${e.message}`);
        }
      }
      return { number: data.number, url: data.html_url, state: "open" };
    },
    async comment(issueNumber, body, o) {
      const { data } = await client.rest.issues.createComment({
        owner,
        repo,
        issue_number: issueNumber,
        body,
        ...request(o)
      });
      return { url: data.html_url };
    }
  };
}

export {
  createProviderRotators,
  createGitHubIssueTracker
};
