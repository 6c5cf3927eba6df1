/**
 * The one rotator behind every database kind: locate the server and role of a leaked password,
 * change the password there (with the leaked credential itself — a role may change its own
 * password — or a configured admin login), end the role's other sessions, then prove with two
 * logins that the old password is refused and the new one accepted. What differs per engine
 * (the client library, the statements, the hash format) is a {@link DatabaseDriver}.
 */
import { redact } from "../../core/findings/redact.js";
import type { OperationOptions } from "../../remediation/ports.js";
import type {
  LeakedCredential,
  ProbeVerdict,
  Proof,
  ProviderLocation,
  ProviderPlan,
  ProviderRotator,
  ProviderStep,
} from "../../remediation/provider.js";
import {
  type DatabaseAddress,
  type DatabaseTls,
  describeServer,
  type LeakedDatabaseCredential,
  type LocatedLogin,
  locateLogin,
  parseDatabaseUrls,
} from "./database-address.js";
import { type DatabaseDriver, DatabaseError, type DatabaseSession } from "./database-driver.js";
import { newDatabasePassword } from "./database-secrets.js";

/** Options of {@link DatabaseRotator}. */
export interface DatabaseRotatorOptions {
  /**
   * Admin logins as database URLs (`postgres://admin:…@host:5432/postgres`), for roles that may
   * not change their own password. Used for a leaked role on the same engine, host and port.
   * Sensitive: never logged.
   */
  readonly adminUrls?: readonly string[];
  /**
   * Entra ID admins (Azure Database for PostgreSQL / MySQL flexible servers with Microsoft Entra
   * authentication): the login's password is an access token for {@link ENTRA_DATABASE_SCOPE},
   * so no admin password is stored anywhere. Used where no `adminUrls` entry matches.
   */
  readonly entraAdmins?: readonly DatabaseEntraAdmin[];
  /**
   * Server host names leakstop may connect to (`db.internal`, `*.postgres.database.azure.com`);
   * default: any. A leak names its own server, so a service that sees pushes from many
   * repositories may want to bound where those logins go.
   */
  readonly allowedHosts?: readonly string[];
  /** How long a login may take before the server counts as unreachable. Default 10 s. */
  readonly connectTimeoutInMs?: number;
}

/** The scope of Entra ID tokens that Azure's PostgreSQL and MySQL servers accept as a password. */
export const ENTRA_DATABASE_SCOPE = "https://ossrdbms-aad.database.windows.net/.default";

/** The part of `@azure/identity`'s `TokenCredential` a rotator uses. */
export interface DatabaseTokenCredential {
  getToken(scopes: string | string[], options?: { abortSignal?: AbortSignal }): Promise<{ token: string } | null>;
}

/** An Entra ID identity that is an admin on some servers. */
export interface DatabaseEntraAdmin {
  /** Its database user name: the Entra admin's, group's or managed identity's name as the server knows it. */
  readonly user: string;
  /** Signs it in (a managed identity, workload identity federation). */
  readonly credential: DatabaseTokenCredential;
  /** Server host names it administers; default: every `*.postgres.database.azure.com` and `*.mysql.database.azure.com`. */
  readonly hosts?: readonly string[];
}

/** An admin identity for one server, chosen at locate time; the password (or token) is fetched only to rotate. */
interface AdminIdentity {
  readonly user: string;
  readonly auth: "password" | "entra";
  /** The admin URL's own login settings (database, TLS), for a password admin. */
  readonly login?: DatabaseAddress;
  password(options?: OperationOptions): Promise<string>;
}

export class DatabaseRotator implements ProviderRotator {
  readonly kind: string;
  readonly name: string;
  readonly #admins: DatabaseAddress[];
  readonly #entraAdmins: readonly DatabaseEntraAdmin[];
  readonly #allowedHosts: readonly string[] | undefined;
  readonly #timeout: number;

  constructor(
    private readonly driver: DatabaseDriver,
    options: DatabaseRotatorOptions = {},
  ) {
    this.kind = driver.kind;
    this.name = driver.name;
    this.#admins = (options.adminUrls ?? [])
      .flatMap((u) => parseDatabaseUrls(u))
      .filter((a) => a.engine === driver.engine && a.password !== undefined);
    this.#entraAdmins = options.entraAdmins ?? [];
    this.#allowedHosts = options.allowedHosts?.map((h) => h.trim().toLowerCase());
    this.#timeout = options.connectTimeoutInMs ?? 10_000;
  }

  applies(credential: LeakedCredential): boolean {
    const found = locateLogin(credential, this.driver.engine);
    return found !== undefined && this.#allowed(found.address.host);
  }

  async locate(credential: LeakedCredential, options?: OperationOptions): Promise<ProviderLocation | undefined> {
    options?.abortSignal?.throwIfAborted();
    const found = locateLogin(credential, this.driver.engine);
    if (!found || !this.#allowed(found.address.host)) return undefined;
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
        ...(address.database ? { database: address.database } : {}),
        tls: address.tls,
        privilege: admin ? "admin" : "self",
        ...(admin ? { admin: admin.user, adminAuth: admin.auth } : {}),
      },
    };
  }

  plan(location: ProviderLocation, _credential: LeakedCredential): ProviderPlan {
    const role = location.credentialId ?? "";
    const admin = location.details?.admin;
    const d = this.driver;
    const signIn =
      location.details?.adminAuth === "entra"
        ? [
            {
              description: `Sign in admin "${admin}" with Microsoft Entra ID (a token for ${ENTRA_DATABASE_SCOPE} is the password)`,
              permission: `"${admin}" is a Microsoft Entra admin of the server`,
            },
          ]
        : [];
    const steps: ProviderStep[] = [
      ...signIn,
      {
        description: `${d.changeDescription(role, admin)} on ${location.resource}`,
        permission: d.changePermission(role, admin),
      },
      { description: d.endSessionsDescription(role, admin), permission: d.endSessionsPermission(role, admin) },
      {
        description: `Probe: log in as "${role}" with the leaked password (must be refused) and with the new one (SELECT 1 only, no data read)`,
        permission: `Login as "${role}" (the new password)`,
      },
    ];
    return { location, steps, mode: "rotate" };
  }

  async rotate(
    plan: ProviderPlan,
    credential: LeakedCredential,
    options?: OperationOptions,
  ): Promise<{ value?: string }> {
    const { target, leaked } = this.#target(plan, credential);
    const planned = plan.location.details?.admin;
    const admin = planned !== undefined ? this.#adminFor(target) : undefined;
    if (planned !== undefined && admin?.user !== planned) {
      throw new DatabaseError(
        `The plan for role "${target.user}" at ${describeServer(target)} uses admin "${planned}", which is no longer configured`,
        "other",
      );
    }
    options?.abortSignal?.throwIfAborted();
    const stored = (credential as LeakedDatabaseCredential).stored;
    const secrets = [leaked, ...(stored !== undefined ? [stored] : [])];
    const where = `${describeServer(target)} (role "${target.user}")`;
    // Repeat-safe: when the leaked password is already refused, the rotation happened before and
    // whoever holds its new value keeps it — this call changes nothing.
    let session: DatabaseSession | undefined;
    try {
      if (admin) await this.#loginAndClose(target, leaked);
      else session = await this.#connect(target, leaked);
    } catch (e) {
      if (!(e instanceof DatabaseError && e.kind === "auth")) throw e;
      // The value an earlier run stored for this leak, if the server takes it: that run's rotation stands.
      if (stored !== undefined && (await this.#probe(target, stored)).verdict === "accepted") return { value: stored };
      throw new DatabaseError(
        `The leaked password of ${where} is already refused: it was rotated before (or changed by someone else)${stored !== undefined ? ", and the value stored for this leak is refused too" : ""}; nothing was changed`,
        "already-rotated",
      );
    }
    if (admin) {
      const password = await admin.password(options);
      secrets.push(password);
      session = await this.#connect(admin.login ?? { ...target, user: admin.user }, password, admin.auth === "entra");
    }
    if (!session) throw new DatabaseError(`No session to ${where}`, "other");
    // A value already stored for this leak (a run that stopped after storing it) is the one to set:
    // the vault and the server then agree.
    const value = stored ?? newDatabasePassword(leaked);
    secrets.push(value);
    try {
      options?.abortSignal?.throwIfAborted();
      if (admin) await session.setPassword(target.user, value);
      else await session.setOwnPassword(value);
      await session.endOtherSessions(target.user);
    } catch (e) {
      const error = scrubbed(e, secrets, `Changing the password of ${where}`);
      if (error.kind !== "privilege") throw error;
      const needed = plan.steps.map((s) => s.permission).join("; ");
      throw new DatabaseError(`${error.message}. Needed: ${needed}`, "privilege");
    } finally {
      await session.close().catch(() => {});
    }
    return { value };
  }

  async prove(
    plan: ProviderPlan,
    credential: LeakedCredential,
    replacement: string | undefined,
    options?: OperationOptions,
  ): Promise<Proof> {
    const { target, leaked } = this.#target(plan, credential);
    options?.abortSignal?.throwIfAborted();
    const old = await this.#probe(target, leaked);
    const fresh = replacement === undefined ? undefined : await this.#probe(target, replacement);
    const where = `${describeServer(target)} as "${target.user}"`;
    const evidence = [`Login to ${where} with the leaked password: ${old.evidence}`];
    if (fresh) evidence.push(`with the new password: ${fresh.evidence}`);
    return {
      leaked: old.verdict === "accepted" ? "accepted" : old.verdict,
      ...(fresh ? { replacement: fresh.verdict } : {}),
      evidence: redact(evidence.join("; "), [leaked, replacement ?? ""]),
    };
  }

  /** The login the plan is about, with the leaked password recovered from the credential. */
  #target(plan: ProviderPlan, credential: LeakedCredential): { target: DatabaseAddress; leaked: string } {
    const found: LocatedLogin | undefined = locateLogin(credential, this.driver.engine);
    const d = plan.location.details ?? {};
    if (!d.host || !d.port || plan.location.credentialId === undefined) {
      throw new DatabaseError(`The plan's location ${plan.location.resource} names no host, port or role`, "other");
    }
    const target: DatabaseAddress = {
      engine: this.driver.engine,
      host: d.host,
      port: Number(d.port),
      user: plan.location.credentialId,
      ...(d.database ? { database: d.database } : {}),
      tls: (d.tls as DatabaseTls | undefined) ?? "prefer",
    };
    return { target, leaked: found?.password ?? credential.value };
  }

  #allowed(host: string): boolean {
    if (!this.#allowedHosts) return true;
    const h = host.toLowerCase();
    return this.#allowedHosts.some((pattern) =>
      pattern.startsWith("*.") ? h.endsWith(pattern.slice(1)) : h === pattern,
    );
  }

  #adminFor(address: DatabaseAddress): AdminIdentity | undefined {
    const host = address.host.toLowerCase();
    const login = this.#admins.find(
      (a) => a.host.toLowerCase() === host && a.port === address.port && a.user !== address.user,
    );
    if (login) {
      return { user: login.user, auth: "password", login, password: async () => login.password ?? "" };
    }
    const entra = this.#entraAdmins.find(
      (a) =>
        a.user !== address.user &&
        (a.hosts
          ? a.hosts.some((h) => h.toLowerCase() === host)
          : /\.(?:postgres|mysql)\.database\.azure\.com$/.test(host)),
    );
    if (!entra) return undefined;
    return {
      user: entra.user,
      auth: "entra",
      password: async (options) => {
        const token = await entra.credential
          .getToken(ENTRA_DATABASE_SCOPE, options?.abortSignal ? { abortSignal: options.abortSignal } : {})
          .catch((e: unknown) => {
            throw new DatabaseError(
              `Signing in Entra admin "${entra.user}" for ${describeServer(address)} failed: ${e instanceof Error ? e.message : String(e)}`,
              "auth",
            );
          });
        if (!token?.token)
          throw new DatabaseError(`No Entra ID token for admin "${entra.user}" (${ENTRA_DATABASE_SCOPE})`, "auth");
        return token.token;
      },
    };
  }

  async #connect(address: DatabaseAddress, password: string, cleartextPassword = false): Promise<DatabaseSession> {
    try {
      return await this.driver.connect({
        ...(cleartextPassword ? { cleartextPassword } : {}),
        host: address.host,
        port: address.port,
        user: address.user,
        password,
        ...(address.database ? { database: address.database } : {}),
        tls: address.tls,
        connectTimeoutInMs: this.#timeout,
      });
    } catch (e) {
      throw scrubbed(e, [password], `Login to ${describeServer(address)} as "${address.user}"`);
    }
  }

  async #loginAndClose(address: DatabaseAddress, password: string): Promise<void> {
    const session = await this.#connect(address, password);
    await session.close().catch(() => {});
  }

  /** One read-only login: `SELECT 1`, nothing else. */
  async #probe(address: DatabaseAddress, password: string): Promise<{ verdict: ProbeVerdict; evidence: string }> {
    let session: DatabaseSession;
    try {
      session = await this.#connect(address, password);
    } catch (e) {
      if (e instanceof DatabaseError && e.kind === "auth")
        return { verdict: "rejected", evidence: "refused (authentication failed)" };
      const kind = e instanceof DatabaseError ? e.kind : "other";
      return {
        verdict: "unknown",
        evidence: `could not tell (${kind}: ${e instanceof Error ? e.message : String(e)})`,
      };
    }
    try {
      await session.ping();
      return { verdict: "accepted", evidence: "accepted (SELECT 1)" };
    } catch (e) {
      return {
        verdict: "unknown",
        evidence: `logged in, but SELECT 1 failed (${e instanceof Error ? e.message : String(e)})`,
      };
    } finally {
      await session.close().catch(() => {});
    }
  }
}

/** A {@link DatabaseError} with every given secret masked, prefixed by what was being done. */
function scrubbed(e: unknown, secrets: readonly string[], doing: string): DatabaseError {
  const list = [...secrets, ...secrets.map((s) => encodeURIComponent(s))];
  if (e instanceof DatabaseError) return new DatabaseError(redact(e.message, list), e.kind);
  const message = e instanceof Error ? e.message : String(e);
  return new DatabaseError(redact(`${doing} failed: ${message}`, list), "other");
}
