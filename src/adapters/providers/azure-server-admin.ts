/**
 * The administrator login password of an Azure SQL logical server, an Azure Database for
 * PostgreSQL flexible server or an Azure Database for MySQL flexible server, changed through
 * the management API: `PATCH {server id}?api-version=…` with `properties.administratorLoginPassword`
 * (Microsoft's public REST reference: `Microsoft.Sql/servers` Update, `Microsoft.DBforPostgreSQL/
 * flexibleServers` Update, `Microsoft.DBforMySQL/flexibleServers` Update; all may answer 202).
 *
 * Located by Azure's rotation tags first (`ProviderAddress` = the server's resource id), else by
 * the host in the leaked text or a holder (`NAME.database.windows.net`, `NAME.postgres.database.azure.com`,
 * `NAME.mysql.database.azure.com`) through Azure Resource Graph. It acts only when the leaked
 * login is the server's `administratorLogin` (read with `GET` first): the management API has no
 * say over other logins, whose passwords live in the server itself (`ALTER LOGIN`/`ALTER ROLE`/
 * `ALTER USER`, a person's step or the SQL rotators' with an admin identity).
 *
 * The proof is the management API's only, and the evidence says so: it never returns a password,
 * but a login has exactly one, so once the server reports the update complete (`state: Ready`,
 * the same administrator) the leaked password is refused for that login. No login is tried from
 * here: the server's data plane is usually behind a firewall the runner is not inside.
 */
import { randomInt } from "node:crypto";
import type { OperationOptions } from "../../remediation/ports.js";
import type {
  LeakedCredential,
  Proof,
  ProviderLocation,
  ProviderPlan,
  ProviderRotator,
} from "../../remediation/provider.js";
import { type ArmClientOptions, createArmClient } from "./arm-client.js";

/** One kind of Azure database server whose admin password the management API sets. */
export interface AdminServerType {
  readonly type: string;
  readonly apiVersion: string;
  /** For issues: "Azure SQL server". */
  readonly name: string;
  /** The server name (group 1) from its host name, in any Azure cloud. */
  readonly host: RegExp;
  /** Least-privilege built-in role for reading the server and setting the password. */
  readonly role: string;
}

export const ADMIN_SERVER_TYPES: readonly AdminServerType[] = [
  {
    type: "Microsoft.Sql/servers",
    apiVersion: "2021-11-01",
    name: "Azure SQL server",
    host: /\b([a-z0-9][a-z0-9-]{0,62})\.database\.(?:windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)\b/i,
    role: "SQL Server Contributor (Microsoft.Sql/servers/read and /write)",
  },
  {
    type: "Microsoft.DBforPostgreSQL/flexibleServers",
    apiVersion: "2022-12-01",
    name: "Azure Database for PostgreSQL flexible server",
    host: /\b([a-z0-9][a-z0-9-]{2,62})\.postgres\.database\.(?:azure\.com|usgovcloudapi\.net|chinacloudapi\.cn)\b/i,
    role: "Contributor, or a custom role with Microsoft.DBforPostgreSQL/flexibleServers/read and /write",
  },
  {
    type: "Microsoft.DBforMySQL/flexibleServers",
    apiVersion: "2023-12-30",
    name: "Azure Database for MySQL flexible server",
    host: /\b([a-z0-9][a-z0-9-]{2,62})\.mysql\.database\.(?:azure\.com|usgovcloudapi\.net|chinacloudapi\.cn)\b/i,
    role: "Contributor, or a custom role with Microsoft.DBforMySQL/flexibleServers/read and /write",
  },
];

export const AZURE_SERVER_ADMIN_KIND = "azure-server-admin";

/** Options for {@link createAzureServerAdminRotator}. */
export interface AzureServerAdminOptions extends ArmClientOptions {
  /** Turn the (management API) proof off. */
  readonly probe?: boolean;
}

/**
 * All three services' password policy: 8–128 characters from at least three of upper case, lower
 * case, digits and non-alphanumerics, not containing the login name. Drawn here with all four,
 * the symbols limited to URL-unreserved ones (`-`, `_`, `.`) so URLs, ADO.NET strings, JSON and
 * shell variables take it as it is; never shorter than the leaked password (32 at least).
 */
export function newAdminPassword(login: string, replacing = ""): string {
  const classes = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "-_."];
  const all = classes.join("");
  const length = Math.min(128, Math.max(32, replacing.length));
  for (;;) {
    const chars = classes.map((c) => c[randomInt(c.length)] as string);
    while (chars.length < length) chars.push(all[randomInt(all.length)] as string);
    // Shuffle so the class draws are not always first.
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
    }
    const out = chars.join("");
    if (!login || !out.toLowerCase().includes(login.toLowerCase())) return out;
  }
}

export function createAzureServerAdminRotator(options: AzureServerAdminOptions): ProviderRotator {
  const arm = createArmClient(options);
  const hint = (t: AdminServerType | undefined, id: string) =>
    ` (grant the identity ${t?.role ?? "a role that may read and write the server"} on ${id})`;

  async function server(id: string, t: AdminServerType, op?: OperationOptions) {
    const body = (await arm.call("GET", `${id}?api-version=${t.apiVersion}`, undefined, op, hint(t, id))) as {
      properties?: { administratorLogin?: unknown; fullyQualifiedDomainName?: unknown; state?: unknown };
    };
    const p = body.properties ?? {};
    return {
      admin: typeof p.administratorLogin === "string" ? p.administratorLogin : undefined,
      fqdn: typeof p.fullyQualifiedDomainName === "string" ? p.fullyQualifiedDomainName : undefined,
      state: typeof p.state === "string" ? p.state : undefined,
    };
  }

  return {
    kind: AZURE_SERVER_ADMIN_KIND,
    name: "Azure SQL / flexible server administrator password",
    applies: (c) => typeOfId(tagOf(c, "ProviderAddress") ?? "") !== undefined || addressOf(c) !== undefined,

    async locate(c, op): Promise<ProviderLocation | undefined> {
      const tagged = tagOf(c, "ProviderAddress");
      const parsed = addressOf(c);
      let id: string | undefined;
      let source: ProviderLocation["source"];
      if (tagged && typeOfId(tagged)) {
        id = tagged;
        source = "tags";
      } else {
        if (!parsed) return undefined;
        const found = await arm.findByName([parsed.type.type], parsed.name, op);
        if (found.length > 1) {
          throw new Error(`${found.length} servers are named '${parsed.name}'; tag the secret with ProviderAddress`);
        }
        id = found[0]?.id;
        source = "value";
      }
      const t = id ? typeOfId(id) : undefined;
      if (!id || !t) return undefined;
      const { admin, fqdn } = await server(id, t, op);
      const user = parsed?.user ?? tagOf(c, "CredentialId");
      if (!admin) throw new Error(`${t.name} ${id} reports no administrator login`);
      if (!user) {
        throw new Error(
          `the leak names no login, so it cannot be told to be the administrator '${admin}'; tag the secret with CredentialId (the login)`,
        );
      }
      if (user.toLowerCase() !== admin.toLowerCase()) {
        throw new Error(
          `the leaked login '${user}' is not the server's administrator login ('${admin}'): the management API sets only the administrator's password. ` +
            `A person changes '${user}''s password on the server itself (${t.type === "Microsoft.Sql/servers" ? "ALTER LOGIN / ALTER USER … WITH PASSWORD" : "ALTER ROLE / ALTER USER"}), or configures an administrator identity for leakstop's database rotators`,
        );
      }
      return {
        kind: AZURE_SERVER_ADMIN_KIND,
        resource: id,
        credentialId: admin,
        source,
        details: { type: t.type, apiVersion: t.apiVersion, ...(fqdn ? { host: fqdn } : {}) },
      };
    },

    plan(loc: ProviderLocation): ProviderPlan {
      const t = typeOfId(loc.resource);
      const role = `${t?.role ?? "a role that may read and write the server"} on ${loc.resource}`;
      return {
        location: loc,
        mode: "rotate",
        steps: [
          {
            description: `read ${loc.resource} (GET): the leaked login must be its administratorLogin '${loc.credentialId ?? "?"}'`,
            permission: role,
          },
          {
            description: `set a new administrator password (PATCH properties.administratorLoginPassword, api-version ${t?.apiVersion ?? "?"}), generated per the server's password policy; every vault holder gets it`,
            permission: role,
          },
          {
            description:
              "proof: management API only (the server must report it took the change); no login is tried with the leaked password",
            permission: role,
          },
        ],
      };
    },

    async rotate(plan, c, op) {
      // A repeat after the vault stored the new password: the server already has it.
      if (c.stored !== undefined) return { value: c.stored, tags: { CredentialId: plan.location.credentialId ?? "" } };
      const id = plan.location.resource;
      const t = typeOfId(id);
      if (!t) throw new Error(`not an Azure SQL or flexible server: ${id}`);
      const login = plan.location.credentialId ?? "";
      const value = newAdminPassword(login, c.value);
      await arm.call(
        "PATCH",
        `${id}?api-version=${t.apiVersion}`,
        { properties: { administratorLoginPassword: value } },
        op,
        hint(t, id),
      );
      return { value, tags: { CredentialId: login } };
    },

    async prove(plan, _c, _replacement, op): Promise<Proof> {
      if (options.probe === false) return { leaked: "unknown", evidence: "the probe is turned off" };
      const id = plan.location.resource;
      const t = typeOfId(id);
      const { admin, state } = t ? await server(id, t, op) : { admin: undefined, state: undefined };
      const login = plan.location.credentialId ?? "";
      // A login has one password: once the server has finished taking the new one, the leaked
      // one is refused for it. Said to rest on the management API, not on a login.
      const done = admin?.toLowerCase() === login.toLowerCase() && (state === undefined || /^ready$/i.test(state));
      return {
        leaked: done ? "rejected" : "unknown",
        replacement: "unknown",
        evidence: done
          ? `management API only: the update of administrator '${login}' to the new password completed (state ${state ?? "not reported"}); a login has one password, so the leaked one is refused; no login was tried (the server's data plane is usually firewalled from here)`
          : `management API only: the server reports state ${state ?? "?"} and administrator '${admin ?? "?"}'; the change is not shown complete`,
      };
    },
  };
}

/** The server type of a resource id `/subscriptions/…/resourceGroups/…/providers/<type>/<name>`. */
function typeOfId(id: string): AdminServerType | undefined {
  return ADMIN_SERVER_TYPES.find((t) =>
    new RegExp(
      `^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/${t.type.replace(/[./]/g, "\\$&")}/[A-Za-z0-9-]+$`,
      "i",
    ).test(id),
  );
}

function tagOf(c: LeakedCredential, name: string): string | undefined {
  const v = c.holders.find((h) => h.tags[name])?.tags[name] ?? c.tags?.[name];
  return v?.trim() || undefined;
}

/** The login as a URL's user or a connection string's key; `user@server` (the old form) names `user`. */
const URL_USER = /\b[a-z][a-z0-9+.-]*:\/\/([^:@/\s"'`]+)(?::[^@\s]*)?@/i;
const KEY_USER = /(?:^|[;\s"'{])(?:User\s*ID|UID|User(?:name)?)\s*=\s*("?)([^;"\r\n]+)\1/i;

/** The server (type, name) and the leaked login, from the leaked text or a holder's value. */
function addressOf(c: LeakedCredential): { type: AdminServerType; name: string; user?: string } | undefined {
  for (const text of [c.context, ...c.holders.map((h) => h.value)]) {
    if (!text) continue;
    for (const type of ADMIN_SERVER_TYPES) {
      const m = type.host.exec(text);
      if (!m?.[1]) continue;
      const raw = URL_USER.exec(text)?.[1] ?? KEY_USER.exec(text)?.[2]?.trim();
      const user = raw ? safeDecode(raw).replace(/@[^@]*$/, "") : undefined;
      return { type, name: m[1].toLowerCase(), ...(user ? { user } : {}) };
    }
  }
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
