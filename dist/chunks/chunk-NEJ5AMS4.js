import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  createInspector
} from "./chunk-CPKDVN4F.js";
import {
  PROVIDER_TAG,
  fitTags,
  holderKey,
  incidentsOf,
  isVaultOnly,
  manualRevocationFor,
  matchFindings,
  matchRequested,
  plan,
  renderPlan,
  resolveSecretName
} from "./chunk-DCI62QCM.js";
import {
  base64Text,
  generateValue,
  secretComponents
} from "./chunk-L3JTYT5C.js";
import {
  codeSpan,
  escapeMarkdown,
  profileLink
} from "./chunk-YGYUY6RV.js";
import {
  createEngine
} from "./chunk-MZHTHGEL.js";
import {
  MASK,
  redact
} from "./chunk-AKAH6ETJ.js";
import {
  hmacSha256Hex,
  sha256Hex
} from "./chunk-5ZHEO3AZ.js";

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
  async rotate(plan2, credential, options) {
    const { target, leaked } = this.#target(plan2, credential);
    const planned = plan2.location.details?.admin;
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
    let session4;
    try {
      if (admin) await this.#loginAndClose(target, leaked);
      else session4 = await this.#connect(target, leaked);
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
      session4 = await this.#connect(admin.login ?? { ...target, user: admin.user }, password, admin.auth === "entra");
    }
    if (!session4) throw new DatabaseError(`No session to ${where}`, "other");
    const value = stored ?? newDatabasePassword(leaked);
    secrets.push(value);
    try {
      options?.abortSignal?.throwIfAborted();
      if (admin) await session4.setPassword(target.user, value);
      else await session4.setOwnPassword(value);
      await session4.endOtherSessions(target.user);
    } catch (e) {
      const error = scrubbed(e, secrets, `Changing the password of ${where}`);
      if (error.kind !== "privilege") throw error;
      const needed = plan2.steps.map((s) => s.permission).join("; ");
      throw new DatabaseError(`${error.message}. Needed: ${needed}`, "privilege");
    } finally {
      await session4.close().catch(() => {
      });
    }
    return { value };
  }
  async prove(plan2, credential, replacement, options) {
    const { target, leaked } = this.#target(plan2, credential);
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
  #target(plan2, credential) {
    const found = locateLogin(credential, this.driver.engine);
    const d = plan2.location.details ?? {};
    if (!d.host || !d.port || plan2.location.credentialId === void 0) {
      throw new DatabaseError(`The plan's location ${plan2.location.resource} names no host, port or role`, "other");
    }
    const target = {
      engine: this.driver.engine,
      host: d.host,
      port: Number(d.port),
      user: plan2.location.credentialId,
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
    const session4 = await this.#connect(address, password);
    await session4.close().catch(() => {
    });
  }
  /** One read-only login: `SELECT 1`, nothing else. */
  async #probe(address, password) {
    let session4;
    try {
      session4 = await this.#connect(address, password);
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
      await session4.ping();
      return { verdict: "accepted", evidence: "accepted (SELECT 1)" };
    } catch (e) {
      return {
        verdict: "unknown",
        evidence: `logged in, but SELECT 1 failed (${e instanceof Error ? e.message : String(e)})`
      };
    } finally {
      await session4.close().catch(() => {
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

// src/remediation/locate.ts
async function locateCredentials(findings, report, ports, options = {}) {
  const rotators = ports.providerRotators ?? [];
  const providers = [];
  const problems = {};
  if (rotators.length === 0) return { providers, problems };
  const bySecret = /* @__PURE__ */ new Map();
  for (const f of findings) bySecret.set(f.secret, [...bySecret.get(f.secret) ?? [], f]);
  for (const [secret, group] of bySecret) {
    const fps = [...new Set(group.map((f) => f.fingerprint))];
    const related = report.matches.filter((m) => m.incidents.some((i) => fps.includes(i)));
    if (related.some(isVaultOnly)) continue;
    const matches = related;
    const values = /* @__PURE__ */ new Map();
    const holders = [];
    const tags = {};
    let stored;
    try {
      for (const m of matches) {
        const read = await readHolder(m, secret, fps, ports, options);
        values.set(holderKey(m.vaultUrl, m.name), read.values);
        if (read.holder) holders.push(read.holder);
        Object.assign(tags, (m.versions.find((v) => v.enabled) ?? m.versions[0])?.tags ?? {});
        stored ??= read.storedCredential;
      }
    } catch (e) {
      options.abortSignal?.throwIfAborted();
      for (const fp of fps) problems[fp] = `a holder could not be read: ${e.message}`;
      continue;
    }
    const credential = {
      ruleIds: [...new Set(group.map((f) => f.ruleId))].sort(),
      value: secret,
      // The matched text with the secret masked (a database URL's host and user): safe to hold.
      ...group[0]?.redacted ? { context: group[0].redacted } : {},
      holders,
      ...stored ? { stored } : {},
      tags
    };
    const rotator = rotators.find((r) => r.applies(credential));
    if (!rotator) continue;
    try {
      const location = await rotator.locate(credential, options);
      if (!location) {
        for (const fp of fps) problems[fp] = `${rotator.name}: the resource holding it could not be found`;
        continue;
      }
      providers.push({
        fingerprints: fps,
        rotator: { kind: rotator.kind, name: rotator.name },
        plan: rotator.plan(location, credential),
        credential,
        values
      });
    } catch (e) {
      options.abortSignal?.throwIfAborted();
      for (const fp of fps) problems[fp] = `${rotator.name} could not locate it: ${e.message}`;
    }
  }
  return { providers, problems };
}
async function readHolder(m, secret, fps, ports, options) {
  const store = ports.secretStore(m.vaultUrl);
  const leaked = new Set(m.leakedVersions);
  const sourceInfo = m.versions.find((v) => v.enabled && leaked.has(v.version));
  const storedInfo = m.versions.find(
    (v) => v.enabled && !leaked.has(v.version) && incidentsOf(v).some((i) => fps.includes(i))
  );
  let values = {};
  let holder;
  let storedCredential;
  if (sourceInfo) {
    const { value } = await store.getSecret(m.name, { version: sourceInfo.version, ...abort(options) });
    ports.registerSensitive?.(value);
    const encoding = encodingOf(value, secret);
    values = { source: { version: sourceInfo.version, value, encoding } };
    holder = {
      vaultUrl: m.vaultUrl,
      secretName: m.name,
      version: sourceInfo.version,
      ...sourceInfo.contentType !== void 0 ? { contentType: sourceInfo.contentType } : {},
      tags: sourceInfo.tags,
      value,
      encoding
    };
  }
  if (storedInfo) {
    const { value } = await store.getSecret(m.name, { version: storedInfo.version, ...abort(options) });
    ports.registerSensitive?.(value);
    values = { ...values, stored: { version: storedInfo.version, value } };
    const parts = secretComponents(value);
    const first = parts[0];
    storedCredential = parts.length === 1 && first ? value.slice(first.start, first.end) : value.trim();
  }
  return { values, ...holder ? { holder } : {}, ...storedCredential ? { storedCredential } : {} };
}
function encodingOf(value, secret) {
  if (value.includes(secret)) return "raw";
  if (value.includes(encodeURIComponent(secret))) return "url";
  if (value.includes(JSON.stringify(secret).slice(1, -1))) return "json";
  if (base64Text(value.replace(/\s+/g, ""))?.includes(secret)) return "base64";
  return "raw";
}
function replaceEncoded(value, leaked, fresh, encoding) {
  switch (encoding) {
    case "raw":
      return value.split(leaked).join(fresh);
    case "url":
      return value.split(encodeURIComponent(leaked)).join(encodeURIComponent(fresh));
    case "json":
      return value.split(JSON.stringify(leaked).slice(1, -1)).join(JSON.stringify(fresh).slice(1, -1));
    case "base64": {
      const decoded = Buffer.from(value.trim(), "base64").toString("utf8");
      return Buffer.from(decoded.split(leaked).join(fresh), "utf8").toString("base64");
    }
  }
}
function abort(options) {
  return options.abortSignal ? { abortSignal: options.abortSignal } : {};
}

// src/remediation/rotate-provider.ts
async function executeProviderStep(step, ports, options) {
  const written = [];
  const disabled = [];
  const failed = (reason, unproven = false) => [
    {
      kind: "failed",
      step,
      reason,
      disabled: [...disabled],
      ...written.length ? { version: written.join(", ") } : {},
      ...unproven ? { unproven } : {}
    }
  ];
  const rotator = ports.providerRotators?.find((r) => r.kind === step.rotator);
  if (!rotator) return failed(`no ${step.provider} rotator is configured here; nothing was changed`);
  const cred = step.credential;
  const verb = step.plan.mode === "rotate" ? "rotate" : "revoke";
  let outcome;
  try {
    outcome = await rotator.rotate(step.plan, cred, options);
  } catch (e) {
    return failed(`${step.provider} could not ${verb} the credential; nothing was changed: ${msg(e)}`);
  }
  const fresh = outcome.value;
  const versions = /* @__PURE__ */ new Map();
  if (step.plan.mode === "rotate") {
    if (!fresh) return failed(`${step.provider} returned no new credential; nothing was written to the vault`);
    ports.registerSensitive?.(fresh);
    for (const h of step.holders) {
      try {
        const v = await writeHolder(h, cred.value, fresh, outcome.tags ?? {}, ports, options);
        versions.set(h, v);
        if (v.written) written.push(v.version);
      } catch (e) {
        return failed(
          `${step.provider} issued a new credential, but storing it in '${h.name}' failed: ${msg(e)}. The leaked credential is still valid; a re-run finishes the job.`
        );
      }
    }
    try {
      await rotator.finish?.(step.plan, cred, options);
    } catch (e) {
      return failed(
        `the vault holds the new credential, but retiring the leaked one at ${step.provider} failed: ${msg(e)}. A re-run finishes the job.`
      );
    }
    for (const h of step.holders) {
      const store = ports.secretStore(h.vaultUrl);
      for (const change of h.disable) {
        try {
          await store.updateVersion(h.name, change.version, { enabled: false, tags: change.tags, ...abort2(options) });
          disabled.push(change.version);
        } catch (e) {
          return failed(`disabling leaked version ${change.version} of '${h.name}' failed: ${msg(e)}`);
        }
      }
    }
  }
  let proof;
  try {
    proof = await rotator.prove(step.plan, cred, fresh, options);
  } catch (e) {
    return failed(
      `the ${verb} was done, but the probe failed, so the leaked value is not proven dead: ${msg(e)}`,
      true
    );
  }
  if (proof.leaked !== "rejected") {
    return failed(
      `the probe does not show the leaked value dead (${proof.evidence}; leaked value ${verdict(proof.leaked)}). A re-run probes again.`,
      true
    );
  }
  if (step.plan.mode === "rotate" && proof.replacement === "rejected") {
    return failed(`the leaked value is dead, but ${step.provider} refuses the new one (${proof.evidence})`);
  }
  if (step.plan.mode === "revoke") {
    return [
      {
        kind: "revoked",
        step,
        provider: step.provider,
        resource: step.plan.location.resource,
        evidence: proof.evidence
      }
    ];
  }
  return step.holders.map((h) => {
    const v = versions.get(h) ?? { version: "", written: false };
    return {
      kind: "rotated",
      step,
      vaultUrl: h.vaultUrl,
      name: h.name,
      version: v.version,
      written: v.written,
      disabled: h.disable.map((d) => d.version).filter((d) => disabled.includes(d)),
      downstream: "rotated",
      provider: step.provider,
      evidence: proof.evidence,
      ...h.expiresOn && v.written ? { expiresOn: h.expiresOn } : {}
    };
  });
}
async function writeHolder(h, leaked, fresh, rotationTags, ports, options) {
  const stored = h.values.stored;
  if (stored?.value.includes(fresh)) return { version: stored.version, written: false };
  const source = h.values.source;
  if (!source) {
    throw new Error(
      `version ${stored?.version ?? "?"} does not hold the provider's current credential and no leaked version is left to derive one from; store it by hand`
    );
  }
  const value = replaceEncoded(source.value, leaked, fresh, source.encoding);
  ports.registerSensitive?.(value);
  const current = Object.fromEntries(Object.entries(rotationTags).filter(([k]) => k in h.tags));
  const info = await ports.secretStore(h.vaultUrl).setSecret(h.name, value, {
    tags: fitTags({ ...h.tags, ...current }),
    ...h.basis.contentType !== void 0 ? { contentType: h.basis.contentType } : {},
    ...h.expiresOn ? { expiresOn: h.expiresOn } : {},
    ...abort2(options)
  });
  return { version: info.version, written: true };
}
var verdict = (v) => v === "accepted" ? "still accepted" : "unknown";
var msg = (e) => e.message;
function abort2(options) {
  return options.abortSignal ? { abortSignal: options.abortSignal } : {};
}

// src/remediation/execute.ts
async function execute(p, ports, options = {}) {
  const results = [];
  for (const step of p.steps) {
    options.abortSignal?.throwIfAborted();
    if (step.kind === "provider") results.push(...await executeProviderStep(step, ports, options));
    else results.push(await executeStep(step, ports, options));
  }
  return results;
}
async function executeStep(step, ports, options) {
  switch (step.kind) {
    case "skip":
    case "manual":
      return { kind: "skipped", step, reason: step.why };
    case "blocked":
      return { kind: "failed", step, reason: step.why, disabled: [] };
    case "disable":
      return disableOnly(step, ports, options);
    case "rotate":
      return rotate(step, ports, options);
  }
}
function downstreamOf(tags) {
  return tags[PROVIDER_TAG]?.toLowerCase() === "none" ? "none" : "needed";
}
async function rotate(step, ports, options) {
  const store = ports.secretStore(step.vaultUrl);
  let value;
  try {
    value = generateValue(step.shape, ports.random);
  } catch (e) {
    return { kind: "failed", step, reason: `no new value could be generated: ${e.message}`, disabled: [] };
  }
  ports.registerSensitive?.(value);
  for (const s of secretComponents(value)) ports.registerSensitive?.(value.slice(s.start, s.end));
  let version;
  try {
    const info = await store.setSecret(step.name, value, {
      tags: step.tags,
      ...step.basis.contentType !== void 0 ? { contentType: step.basis.contentType } : {},
      ...step.expiresOn ? { expiresOn: step.expiresOn } : {},
      ...options.abortSignal ? { abortSignal: options.abortSignal } : {}
    });
    version = info.version;
  } catch (e) {
    return {
      kind: "failed",
      step,
      reason: `writing a new version failed; nothing was changed: ${e.message}`,
      disabled: []
    };
  }
  const { disabled, failure } = await disableVersions(store, step.name, step.disable, options);
  if (failure) {
    return {
      kind: "failed",
      step,
      version,
      disabled,
      reason: `new version ${version} was written, but disabling leaked version ${failure.version} failed: ${failure.message}. A re-run finishes the job (the new version carries the incident tag).`
    };
  }
  return {
    kind: "rotated",
    step,
    vaultUrl: step.vaultUrl,
    name: step.name,
    version,
    written: true,
    disabled,
    downstream: downstreamOf(step.basis.tags),
    ...step.expiresOn ? { expiresOn: step.expiresOn } : {}
  };
}
async function disableOnly(step, ports, options) {
  const { disabled, failure } = await disableVersions(
    ports.secretStore(step.vaultUrl),
    step.name,
    step.disable,
    options
  );
  if (failure) {
    return {
      kind: "failed",
      step,
      disabled,
      reason: `disabling leaked version ${failure.version} failed: ${failure.message}`
    };
  }
  return {
    kind: "rotated",
    step,
    vaultUrl: step.vaultUrl,
    name: step.name,
    version: step.current,
    written: false,
    disabled,
    downstream: downstreamOf(step.disable[0]?.tags ?? {})
  };
}
async function disableVersions(store, name, changes, options) {
  const disabled = [];
  for (const change of changes) {
    try {
      await store.updateVersion(name, change.version, { enabled: false, tags: change.tags, ...abort3(options) });
      disabled.push(change.version);
    } catch (e) {
      return { disabled, failure: { version: change.version, message: e.message } };
    }
  }
  return { disabled };
}
function abort3(options) {
  return options.abortSignal ? { abortSignal: options.abortSignal } : {};
}
function rotatedOf(results) {
  return results.flatMap(
    (r) => r.kind === "rotated" && r.written ? [{ vault: r.vaultUrl, secret: r.name, version: r.version }] : []
  );
}
function describeResult(r) {
  switch (r.kind) {
    case "rotated": {
      const disabled = r.disabled.length ? `; disabled ${r.disabled.join(", ")}` : "";
      const what = r.written ? `new version ${r.version}` : `finished rotation to ${r.version}`;
      const at = r.provider ? ` at ${r.provider} (proven: ${r.evidence ?? "probe passed"})` : "";
      return `leakstop: rotated '${r.name}' in ${r.vaultUrl}${at}: ${what}${disabled}`;
    }
    case "revoked":
      return `leakstop: revoked at ${r.provider} (${r.resource}) and proven dead: ${r.evidence}`;
    case "skipped":
      return `leakstop: skipped${"name" in r.step ? ` '${r.step.name}' in ${r.step.vaultUrl}` : ""}: ${r.reason}`;
    case "failed":
      return `leakstop: FAILED${"name" in r.step ? ` '${r.step.name}'` : ""} in ${r.step.vaultUrl}: ${r.reason}`;
  }
}

// src/remediation/audit.ts
function origin(ctx) {
  return { ...ctx.run ? { run: ctx.run } : {}, ...ctx.delivery ? { delivery: ctx.delivery } : {} };
}
function planRecords(p, time, ctx) {
  return p.steps.map((s) => ({
    time: time.toISOString(),
    action: s.kind === "rotate" ? "rotate" : s.kind === "disable" ? "disable" : s.kind === "provider" ? s.plan.mode : "plan",
    outcome: "dry-run",
    ..."name" in s ? { vault: s.vaultUrl, secret: s.name } : "vaultUrl" in s ? { vault: s.vaultUrl } : {},
    ..."disable" in s && s.disable.length ? { versions: s.disable.map((d) => d.version) } : {},
    incidents: [...s.incidents],
    reason: s.why,
    ...origin(ctx)
  }));
}
function resultRecords(results, time, ctx) {
  return results.map((r) => resultRecord(r, time.toISOString(), ctx));
}
function resultRecord(r, at, ctx) {
  const incidents = [...r.step.incidents];
  switch (r.kind) {
    case "rotated":
      return {
        time: at,
        action: r.written ? "rotate" : "disable",
        outcome: "ok",
        vault: r.vaultUrl,
        secret: r.name,
        version: r.version,
        versions: [...r.disabled],
        incidents,
        reason: r.evidence ? `${r.step.why}; proven: ${r.evidence}` : r.step.why,
        ...origin(ctx)
      };
    case "revoked":
      return {
        time: at,
        action: "revoke",
        outcome: "ok",
        incidents,
        reason: `revoked at ${r.provider} (${r.resource}); proven: ${r.evidence}`,
        ...origin(ctx)
      };
    case "skipped":
      return {
        time: at,
        action: "skip",
        outcome: "skipped",
        ..."name" in r.step ? { vault: r.step.vaultUrl, secret: r.step.name } : {},
        incidents,
        reason: r.reason,
        ...origin(ctx)
      };
    case "failed":
      return {
        time: at,
        action: r.step.kind === "disable" ? "disable" : "rotate",
        outcome: "failed",
        vault: r.step.vaultUrl,
        ..."name" in r.step ? { secret: r.step.name } : {},
        ...r.version ? { version: r.version } : {},
        versions: [...r.disabled],
        incidents,
        reason: r.reason,
        ...origin(ctx)
      };
  }
}
function toJsonLines(records) {
  return records.map((r) => `${JSON.stringify(r)}
`).join("");
}
function createMemoryAuditLog() {
  const records = [];
  return {
    records,
    record(r) {
      records.push(r);
    }
  };
}

// src/remediation/session.ts
function session3(ports, inspector, auditCtx) {
  const audit = [];
  const startHits = inspector.hits;
  return {
    audit,
    auditCtx,
    registerSensitive(value) {
      inspector.addSensitive(value);
      ports.registerSensitive?.(value);
    },
    log(line) {
      ports.log?.(inspector.inspect(line, "log.txt"));
    },
    async record(r) {
      const safe = { ...r, reason: inspector.inspect(r.reason, "audit.txt") };
      audit.push(safe);
      await ports.audit.record(safe);
    },
    redactions: () => inspector.hits - startHits
  };
}

// src/remediation/rotate-named.ts
async function rotateNamed(names, ports, options) {
  const engine = options.engine ?? createEngine();
  const inspector = options.inspector ?? createInspector({ engine });
  const s = session3(ports, inspector, options.runUrl ? { run: options.runUrl } : {});
  const now = ports.clock.now();
  const key = options.requestId ?? now.toISOString().replace(/[^0-9]/g, "").slice(0, 14);
  const incident = `manual-${key}`;
  const abort4 = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const reason = inspector.inspect(options.reason?.trim() || "on-demand rotation", "reason.txt");
  const planOptions = {
    now,
    ...options.validityDays !== void 0 ? { validityDays: options.validityDays } : {},
    incident: {
      reason,
      ...options.repository ? { repository: options.repository } : {},
      ...options.runUrl ? { run: options.runUrl } : {}
    }
  };
  const steps = [];
  for (const raw of names) {
    try {
      const { vaultUrl, name } = await resolveSecretName(raw, options.vaultUrls, ports, abort4);
      let current = "";
      const m = await matchRequested(
        ports.secretStore(vaultUrl),
        name,
        incident,
        (value) => {
          s.registerSensitive(value);
          current = value;
        },
        abort4
      );
      if (isVaultOnly(m)) steps.push(...plan(reportOf(m), [], planOptions).steps);
      else {
        const portsHere = { ...ports, registerSensitive: s.registerSensitive };
        steps.push(...await providerSteps(m, current, incident, engine, portsHere, planOptions, abort4));
      }
    } catch (e) {
      options.abortSignal?.throwIfAborted();
      const vaultUrl = /^(https:\/\/[^/]+)\/secrets\//i.exec(raw.trim())?.[1] ?? options.vaultUrls.join(", ");
      steps.push({ kind: "blocked", vaultUrl, incidents: [incident], why: e.message });
    }
  }
  const p = { steps };
  const planText = inspector.inspect(renderPlan(p, { dryRun: options.dryRun === true }), "plan.txt");
  s.log(planText.trimEnd());
  const results = options.dryRun ? [] : await execute(p, { ...ports, registerSensitive: s.registerSensitive }, abort4);
  const records = options.dryRun ? planRecords(p, now, s.auditCtx) : resultRecords(results, ports.clock.now(), s.auditCtx);
  for (const r of records) await s.record(r);
  for (const r of results) s.log(describeResult(r));
  const blocked = steps.filter((step) => step.kind === "blocked").length;
  return {
    plan: p,
    planText,
    results,
    rotated: rotatedOf(results),
    failures: results.filter((r) => r.kind === "failed").length + (options.dryRun ? blocked : 0),
    audit: s.audit,
    redactions: s.redactions()
  };
}
var reportOf = (m) => ({ matches: [m], unmatched: [], errors: [], reads: 1 });
async function providerSteps(m, currentValue, incident, engine, ports, planOptions, abort4) {
  const current = m.versions.find((v) => v.enabled);
  const mine = current && incidentsOf(current).includes(incident) ? current : void 0;
  const old = mine ? m.versions.find((v) => v.enabled && !incidentsOf(v).includes(incident)) : current;
  const base = { vaultUrl: m.vaultUrl, name: m.name, incidents: [incident], ruleIds: [] };
  if (mine && !old) {
    return [{ ...base, kind: "skip", done: true, why: `already rotated for this request (version ${mine.version})` }];
  }
  if (!old)
    return [
      { kind: "blocked", vaultUrl: m.vaultUrl, incidents: [incident], why: `'${m.name}' has no enabled version` }
    ];
  let value = currentValue;
  if (old !== current) {
    value = (await ports.secretStore(m.vaultUrl).getSecret(m.name, { version: old.version, ...abort4 })).value;
    ports.registerSensitive?.(value);
  }
  const findings = credentialFindings(engine, m.name, value, current?.tags ?? {}, incident);
  const refuse = (why) => [{ kind: "blocked", vaultUrl: m.vaultUrl, incidents: [incident], why }];
  if (findings.length === 0) {
    return refuse(
      `leakstop cannot tell where '${m.name}' is checked (its value matches no rule and no rotation tag names its resource), so it writes no made-up value: one would break every app that reads the secret while the old credential stays valid. If the vault is its only home, tag the secret '${PROVIDER_TAG}: none' and run again; otherwise rotate it at its provider and store the new value.`
    );
  }
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const report = reportOf({ ...m, ruleIds, leakedVersions: [old.version] });
  const located = await locateCredentials(findings, report, ports, abort4);
  const steps = plan(report, findings, { ...planOptions, providers: located.providers }).steps;
  if (steps.some((step) => step.kind === "provider")) return [...steps];
  const revocation = manualRevocationFor(ruleIds);
  const problem = located.problems[incident];
  return refuse(
    `'${m.name}' holds a credential its provider checks (${findings[0]?.title}: ${ruleIds.join(", ")}) and no rotator here can rotate it there${problem ? ` (${problem})` : ""}, so leakstop writes no made-up value for it. Rotate it at ${revocation.url} and store the new value in the vault; if the vault really is its only home, tag the secret '${PROVIDER_TAG}: none' and run again.`
  );
}
function credentialFindings(engine, name, value, tags, incident) {
  const account = /\/providers\/Microsoft\.Storage\/storageAccounts\/([^/\s]+)$/i.exec(
    tags.ProviderAddress?.trim() ?? ""
  )?.[1];
  const texts = account && !/AccountKey=/i.test(value) ? [`AccountName=${account};AccountKey=${value.trim()}`, value] : [value];
  for (const text of texts) {
    const found = engine.scan({ path: name, text, startLine: 1 });
    if (found.length > 0) return found.map((f) => ({ ...f, fingerprint: incident }));
  }
  return [];
}

// src/core/findings/incident.ts
function incidentKey(secret, options) {
  const message = `leakstop/incident/v1\0${secret}`;
  if (options.secretKey) return `k${hmacSha256Hex(options.secretKey, message).slice(0, 31)}`;
  return `s${sha256Hex(`${options.repository.toLowerCase()}\0${message}`).slice(0, 31)}`;
}

// src/remediation/issue.ts
function issueMarker(fingerprint) {
  return `<!-- leakstop:fingerprint=${fingerprint} -->`;
}
function incidentMarker(incident) {
  return `<!-- leakstop:incident=${incident} -->`;
}
function encodePath(path) {
  return path.split("/").map(encodeURIComponent).join("/");
}
function issueTitle(leak) {
  const f = leak.finding;
  const title = `leakstop: ${f.title} leaked in ${f.path}`;
  return title.length > 200 ? `${title.slice(0, 199)}\u2026` : title;
}
function whatLeaked(leak, ctx) {
  const f = leak.finding;
  const base = `${ctx.serverUrl.replace(/\/+$/, "")}/${ctx.repository}`;
  const lines = [`- **Rule:** ${codeSpan(f.ruleId)} (${escapeMarkdown(f.title)})`, `- **Value (redacted):** ${codeSpan(f.redacted)}`];
  const range = f.endLine > f.line ? `#L${f.line}-L${f.endLine}` : `#L${f.line}`;
  if (f.commit) {
    const sha = f.commit.sha;
    lines.push(`- **File:** [${codeSpan(f.path)} line ${f.line}](${base}/blob/${sha}/${encodePath(f.path)}${range})`);
    lines.push(`- **Commit:** [${codeSpan(sha.slice(0, 12))}](${base}/commit/${sha}) (${f.commit.date})`);
    const login = ctx.authorLogin ? ` (${profileLink(ctx.authorLogin, ctx.serverUrl)})` : "";
    lines.push(`- **Author:** ${escapeMarkdown(f.commit.authorName)}${login}`);
  } else {
    lines.push(`- **File:** ${codeSpan(f.path)} line ${f.line}`);
  }
  if (ctx.pusher) lines.push(`- **Pushed by:** ${profileLink(ctx.pusher, ctx.serverUrl)}`);
  lines.push(`- **Fingerprint:** ${codeSpan(f.fingerprint)}`);
  for (const other of leak.alsoAt ?? []) {
    const at = other.commit ? ` in ${codeSpan(other.commit.sha.slice(0, 12))}` : "";
    lines.push(`- **Same value also in:** ${codeSpan(other.path)} line ${other.line}${at} (${codeSpan(other.fingerprint)})`);
  }
  return lines;
}
function markers(leak) {
  return [...leak.incident ? [incidentMarker(leak.incident)] : [], issueMarker(leak.finding.fingerprint)];
}
function whatWasDone(leak) {
  if (leak.results.length === 0) return ["- Nothing yet: rotation was not attempted (no vault configured)."];
  return leak.results.map(resultLine);
}
function resultLine(r) {
  switch (r.kind) {
    case "rotated": {
      const where = `Key Vault secret ${codeSpan(r.name)} in ${codeSpan(r.vaultUrl)}`;
      const disabled = r.disabled.length ? `; leaked version(s) ${r.disabled.map((v) => codeSpan(v)).join(", ")} disabled` : "; no enabled version holding the leaked value was left";
      const expiry = r.expiresOn ? ` (expires ${r.expiresOn.toISOString().slice(0, 10)})` : "";
      if (r.provider) {
        const proof = ` The leaked credential is dead: ${escapeMarkdown(r.evidence ?? "the probe passed")}.`;
        return r.written ? `- \u2705 Rotated at ${escapeMarkdown(r.provider)}; ${where} holds the new credential in version ${codeSpan(r.version)}${expiry}${disabled}.${proof}` : `- \u2705 Rotated at ${escapeMarkdown(r.provider)}; ${where} already holds the new credential (version ${codeSpan(r.version)})${disabled}.${proof}`;
      }
      return r.written ? `- \u2705 Rotated ${where} (the vault is its only home): new version ${codeSpan(r.version)} written${expiry}${disabled}.` : `- \u2705 ${where}: version ${codeSpan(r.version)} already holds a new value${disabled}.`;
    }
    case "revoked":
      return `- \u2705 Revoked at ${escapeMarkdown(r.provider)} (${codeSpan(r.resource)}) and proven dead: ${escapeMarkdown(r.evidence)}. Create a replacement and store it where the old one was used; leakstop made up no value.`;
    case "skipped":
      if (r.step.kind === "manual") return `- \u26A0\uFE0F **No match: rotate by hand.** ${escapeMarkdown(r.reason)}`;
      if (r.step.revocation) {
        return `- \u26A0\uFE0F ${codeSpan(r.step.name)} in ${codeSpan(r.step.vaultUrl)} was left alone: leakstop cannot revoke this credential at ${escapeMarkdown(r.step.revocation.provider)}, and a new vault value would not revoke it.`;
      }
      return `- ${codeSpan(r.step.name)} in ${codeSpan(r.step.vaultUrl)}: ${escapeMarkdown(r.reason)}.`;
    case "failed": {
      const name = r.step.kind === "blocked" ? "" : ` of ${codeSpan(r.step.name)}`;
      const reason = escapeMarkdown(r.reason.charAt(0).toUpperCase() + r.reason.slice(1));
      return `- \u274C **Rotation${name} in ${codeSpan(r.step.vaultUrl)} failed; the leaked value may still be valid.** ${reason}`;
    }
  }
}
function leftValid(r) {
  if (r.kind === "failed") return true;
  if (r.kind === "skipped") return r.step.kind === "manual" || !r.step.done;
  return false;
}
function revocationOf(leak) {
  for (const r of leak.results) {
    if (r.kind === "skipped" && r.step.revocation) return r.step.revocation;
  }
  return leak.finding.ruleId ? manualRevocationFor([leak.finding.ruleId]) : void 0;
}
function downstreamWarning(leak) {
  const advice = leak.remediation ? ` ${leak.remediation}` : "";
  if (leak.results.length === 0 || leak.results.some(leftValid)) {
    const how = revocationOf(leak);
    return [
      "> [!CAUTION]",
      `> **The leaked credential is still valid.** Revoke or change it where it was issued, then store the new value in your vault.${advice}`,
      ...how ? [">", `> **What to do at ${escapeMarkdown(how.provider)}:** ${how.how}`, `> Revocation page: ${how.url}`] : []
    ];
  }
  const needsProvider = leak.results.some(
    (r) => r.kind === "rotated" && r.downstream === "needed" || r.kind === "skipped"
  );
  if (!needsProvider) return [];
  return [
    "> [!WARNING]",
    "> **The downstream credential still needs rotating.** Key Vault now holds a new value, but the leaked",
    "> credential is still accepted wherever it is checked (the storage account, the database, the third-party",
    `> service) until it is changed there.${advice} Set the new vault value at the provider, or regenerate it`,
    "> there and store the result as a new version of the secret."
  ];
}
function checklist(leak) {
  const date = leak.finding.commit?.date ? ` since ${leak.finding.commit.date.slice(0, 10)}` : "";
  return [
    "### Remediation checklist",
    "",
    "- [ ] Make sure the credential is dead at its provider (see above), not only replaced in the vault.",
    `- [ ] Check the provider's audit logs for use of the leaked credential${date}.`,
    "- [ ] Confirm every consumer picked up the new version (app settings, pipelines, Key Vault references).",
    "- [ ] Restart apps that cache Key Vault references (App Service and Functions may keep the old value for up to 24 hours).",
    "- [ ] Remove the value from git history with `git filter-repo --replace-text`, force-push, and have clones re-fetched; the value must be treated as public either way."
  ];
}
function renderIssue(leak, ctx) {
  const f = leak.finding;
  const footer = ctx.runUrl ? `Opened by [leakstop](${ctx.runUrl}).` : "Opened by leakstop.";
  const body = [
    ...markers(leak),
    `leakstop found a **${escapeMarkdown(f.title)}** pushed to ${codeSpan(ctx.repository)}.`,
    "",
    "### What leaked",
    "",
    ...whatLeaked(leak, ctx),
    "",
    "### What leakstop did",
    "",
    ...whatWasDone(leak),
    "",
    ...withBlank(downstreamWarning(leak)),
    ...checklist(leak),
    "",
    `<sub>${footer} One issue per leaked value; the same value found again (here or in another file) adds a comment here.</sub>`,
    ""
  ];
  return { title: issueTitle(leak), body: body.join("\n") };
}
function renderComment(leak, ctx, options = {}) {
  const reopened = options.closed ? " This issue is closed, but the leak was seen again." : "";
  const lines = [
    ...markers(leak),
    `leakstop found this leaked value again (already reported here).${reopened}`,
    "",
    ...whatLeaked(leak, ctx),
    "",
    "### What leakstop did this time",
    "",
    ...whatWasDone(leak),
    "",
    ...withBlank(downstreamWarning(leak))
  ];
  if (ctx.runUrl) lines.push(`<sub>Run: ${ctx.runUrl}</sub>`, "");
  return lines.join("\n");
}
function withBlank(lines) {
  return lines.length ? [...lines, ""] : [];
}

// src/remediation/lease.ts
var DEFAULT_LEASE_DURATION_IN_MS = 15 * 6e4;
var DEFAULT_LEASE_WAIT_IN_MS = 10 * 6e4;
async function holdLeases(store, keys, options) {
  const clock = options.clock ?? { now: () => /* @__PURE__ */ new Date() };
  const deadline = clock.now().getTime() + (options.waitInMs ?? DEFAULT_LEASE_WAIT_IN_MS);
  const poll = options.pollInMs ?? 3e3;
  const leases = [];
  const releaseAll = async () => {
    for (const l of leases.splice(0).reverse()) await store.release(l, options).catch(() => void 0);
  };
  try {
    for (const key of [...new Set(keys)].sort()) {
      let told = false;
      for (; ; ) {
        options.abortSignal?.throwIfAborted();
        const got = await store.acquire(key, {
          holder: options.holder,
          durationInMs: options.durationInMs ?? DEFAULT_LEASE_DURATION_IN_MS,
          ...options.abortSignal ? { abortSignal: options.abortSignal } : {}
        });
        if ("handle" in got) {
          leases.push(got);
          break;
        }
        if (!told) options.onWait?.(key, got);
        told = true;
        if (clock.now().getTime() + poll > deadline) {
          await releaseAll();
          return { ok: false, key, held: got };
        }
        await sleep(poll, options.abortSignal);
      }
    }
  } catch (e) {
    await releaseAll();
    throw e;
  }
  return { ok: true, leases: [...leases], release: releaseAll };
}
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true }
    );
  });
}
async function holdIncidentLeases(ports, findings, holder, options = {}) {
  const none = { release: async () => {
  } };
  if (!ports.leases) return none;
  const fingerprints = [...new Set(findings.map((f) => f.fingerprint))];
  let held;
  try {
    held = await holdLeases(ports.leases, fingerprints, {
      ...options,
      holder,
      clock: ports.clock,
      onWait: (key, h) => ports.log?.(
        `leakstop: waiting for ${h.holder}, which is responding to incident ${key} (lease until ${h.expiresOn.toISOString()})`
      )
    });
  } catch (e) {
    options.abortSignal?.throwIfAborted();
    ports.log?.(`leakstop: no lease could be taken, responding without one: ${e.message}`);
    return none;
  }
  if (held.ok) return { release: held.release };
  const message = `Another run (${held.held.holder}) is responding to incident ${held.key} and holds its lease until ${held.held.expiresOn.toISOString()}; nothing was changed here. Re-run this job after that run has finished.`;
  return {
    blocked: {
      matches: [],
      unmatched: fingerprints.map((fingerprint) => ({ fingerprint, reason: message })),
      errors: [{ vaultUrl: "lease", message }],
      reads: 0
    },
    release: async () => {
    }
  };
}

// src/remediation/respond.ts
async function respond(findings, ports, options) {
  if (!ports.leases || options.dryRun) return respondNow(findings, ports, options);
  const ctx = options.context;
  const lease = await holdIncidentLeases(ports, findings, ctx.runUrl ?? ctx.deliveryId ?? ctx.repository, options);
  if (lease.blocked) return respondNow(findings, ports, options, lease.blocked);
  try {
    return await respondNow(findings, ports, options);
  } finally {
    await lease.release();
  }
}
async function respondNow(findings, ports, options, blocked) {
  const engine = options.inspector && options.rules ? void 0 : createEngine({ config: options.config });
  const inspector = options.inspector ?? createInspector({ engine });
  const rules = options.rules ?? engine?.rules ?? [];
  const ctx = options.context;
  const s = session3(ports, inspector, {
    ...ctx.runUrl ? { run: ctx.runUrl } : {},
    ...ctx.deliveryId ? { delivery: ctx.deliveryId } : {}
  });
  for (const f of findings) s.registerSensitive(f.secret);
  const abort4 = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const report = blocked ?? await matchFindings(findings, ports, {
    config: options.config,
    ...abort4,
    ...options.concurrency ? { concurrency: options.concurrency } : {},
    ...options.maxVersionsPerSecret ? { maxVersionsPerSecret: options.maxVersionsPerSecret } : {},
    ...options.index ? { index: options.index } : {}
  });
  const located = await locateCredentials(
    findings,
    report,
    { ...ports, registerSensitive: s.registerSensitive },
    abort4
  );
  const p = plan(report, findings, {
    now: ports.clock.now(),
    providers: located.providers,
    locateProblems: located.problems,
    ...options.config.rotation.validityDays !== void 0 ? { validityDays: options.config.rotation.validityDays } : {},
    incident: {
      repository: ctx.repository,
      ...ctx.runUrl || ctx.deliveryId ? { run: ctx.runUrl ?? `delivery ${ctx.deliveryId}` } : {}
    }
  });
  const planText = inspector.inspect(renderPlan(p, { dryRun: options.dryRun === true }), "plan.txt");
  s.log(planText.trimEnd());
  const done = (results2, issues2, issueFailures2) => ({
    plan: p,
    planText,
    results: results2,
    rotated: rotatedOf(results2),
    issues: issues2,
    failures: results2.filter((r) => r.kind === "failed").length + issueFailures2,
    audit: s.audit,
    redactions: s.redactions()
  });
  if (options.dryRun) {
    for (const r of planRecords(p, ports.clock.now(), s.auditCtx)) await s.record(r);
    return done([], [], 0);
  }
  const results = await execute(p, { ...ports, registerSensitive: s.registerSensitive }, abort4);
  for (const r of resultRecords(results, ports.clock.now(), s.auditCtx)) await s.record(r);
  for (const r of results) s.log(describeResult(r));
  const issues = [];
  let issueFailures = 0;
  for (const group of ports.issues ? byIncident(findings, ctx.repository, options.incidentKey) : []) {
    const time = () => ports.clock.now().toISOString();
    const fingerprints = group.findings.map((f) => f.fingerprint);
    try {
      const outcome = await openOrComment(group, results, ports, options, rules, inspector);
      issues.push(outcome);
      const created = outcome.action === "created";
      await s.record({
        time: time(),
        action: created ? "issue-create" : "issue-comment",
        outcome: "ok",
        incidents: fingerprints,
        issue: outcome.url,
        reason: created ? "new leak" : `repeat of a known leak (already reported in #${outcome.number})`,
        ...s.auditCtx
      });
    } catch (e) {
      issueFailures++;
      const reason = `could not open or update the issue: ${e.message}`;
      await s.record({
        time: time(),
        action: "issue-create",
        outcome: "failed",
        incidents: fingerprints,
        reason,
        ...s.auditCtx
      });
      s.log(`leakstop: ${reason} (${fingerprints.join(", ")})`);
    }
  }
  if (s.redactions() > 0) {
    await s.record({
      time: ports.clock.now().toISOString(),
      action: "inspect",
      outcome: "ok",
      reason: `response inspection masked ${s.redactions()} value(s) that redaction had missed`,
      ...s.auditCtx
    });
  }
  return done(results, issues, issueFailures);
}
function byIncident(findings, repository, secretKey) {
  const groups = /* @__PURE__ */ new Map();
  const seen = /* @__PURE__ */ new Set();
  for (const f of findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    const incident = incidentKey(f.secret, { repository, ...secretKey ? { secretKey } : {} });
    const list = groups.get(incident) ?? [];
    list.push(f);
    groups.set(incident, list);
  }
  return [...groups].map(([incident, list]) => ({ incident, findings: list }));
}
async function openOrComment(group, results, ports, options, rules, inspector) {
  const tracker = ports.issues;
  const ctx = options.context;
  const [finding, ...others] = group.findings;
  const fingerprints = group.findings.map((f) => f.fingerprint);
  const login = finding.commit ? ctx.authorLogins?.[finding.commit.sha] : void 0;
  const issueCtx = {
    repository: ctx.repository,
    serverUrl: ctx.serverUrl ?? "https://github.com",
    ...ctx.pusher ? { pusher: ctx.pusher } : {},
    ...login ? { authorLogin: login } : {},
    ...ctx.runUrl ? { runUrl: ctx.runUrl } : {}
  };
  const remediation = rules.find((r) => r.id === finding.ruleId)?.remediation;
  const leak = {
    finding,
    results: results.filter((r) => r.step.incidents.some((i) => fingerprints.includes(i))),
    incident: group.incident,
    alsoAt: others,
    ...remediation ? { remediation } : {}
  };
  const abort4 = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const keys = { incident: group.incident, fingerprint: finding.fingerprint };
  const existing = await tracker.findIssue(keys, abort4);
  const outcome = { fingerprint: finding.fingerprint, fingerprints, incident: group.incident };
  if (existing) {
    const body2 = inspector.inspect(
      renderComment(leak, issueCtx, { closed: existing.state === "closed" }),
      "comment.md"
    );
    const key = ctx.deliveryId ? `delivery-${ctx.deliveryId}` : ctx.runUrl ? `run-${ctx.runUrl}` : void 0;
    await tracker.comment(existing.number, body2, { ...abort4, ...key ? { key } : {} });
    return { ...outcome, number: existing.number, url: existing.url, action: "commented" };
  }
  const { title, body } = renderIssue(leak, issueCtx);
  const created = await tracker.create(inspector.inspect(title, "title.txt"), inspector.inspect(body, "issue.md"), {
    labels: options.labels ?? ["leakstop"],
    ...login ? { assignees: [login] } : {},
    ...abort4
  });
  return { ...outcome, number: created.number, url: created.url, action: "created" };
}

export {
  createProviderRotators,
  issueMarker,
  incidentMarker,
  describeResult,
  toJsonLines,
  createMemoryAuditLog,
  rotateNamed,
  respond
};
