/**
 * Microsoft Entra ID application client secrets, through Microsoft Graph: add a new password
 * credential, let the responder store it in every holder, then remove the leaked one; prove with
 * a client-credentials token request (the leaked secret must be refused, the new one accepted:
 * a token is issued, nothing is read with it).
 *
 * Found without reading any secret: Graph lists an app's password credentials with their `hint`
 * (the first three characters of the secret) and `keyId`, never the secret itself. The app comes
 * from Azure's rotation tags (`ProviderAddress` = the app's client id or object id, `CredentialId`
 * = the key id), else from a client id next to the secret in a holder (`AZURE_CLIENT_ID=…`,
 * `"clientId": …`), else from the apps whose secrets share the hint (one page walk, bounded),
 * told apart by a token request when several do. The tenant comes from a `tenant id` next to the
 * secret, or from {@link EntraAppSecretRotatorOptions.tenantId}.
 *
 * Plain `fetch`: `@microsoft/microsoft-graph-client` adds middleware and polyfills for four calls.
 * Endpoints: `LEAKSTOP_GRAPH_URL` (default `https://graph.microsoft.com`) and `AZURE_AUTHORITY_HOST`
 * (default `https://login.microsoftonline.com`), for sovereign clouds and local doubles.
 */
import type { OperationOptions } from "../../remediation/ports.js";
import type {
  LeakedCredential,
  ProbeVerdict,
  Proof,
  ProviderLocation,
  ProviderPlan,
  ProviderRotator,
} from "../../remediation/provider.js";

/** Options for {@link createEntraAppSecretRotator}. */
export interface EntraAppSecretRotatorOptions {
  /** `LEAKSTOP_GRAPH_URL`, default `https://graph.microsoft.com`. */
  readonly graphUrl?: string;
  /** `AZURE_AUTHORITY_HOST`, default `https://login.microsoftonline.com`. */
  readonly authorityHost?: string;
  /** A bearer token for `scope` (managed identity, GitHub OIDC federation). */
  readonly getToken: (scope: string, options?: OperationOptions) => Promise<string>;
  /** The directory of the apps when no holder names one (the responder's own tenant). */
  readonly tenantId?: string;
  /** The transport; default the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Turn the probe off: the step then stays unproven. */
  readonly probe?: boolean;
  /** Entra takes a moment to honour a removed or added secret: probe attempts. Default 6. */
  readonly probeAttempts?: number;
  /** Wait between probe attempts. Default 5000. */
  readonly probeIntervalInMs?: number;
  /** Pages of `GET /applications` walked when no app id is known. Default 20 (of 999 apps). */
  readonly maxPages?: number;
}

interface PasswordCredential {
  readonly keyId: string;
  readonly hint?: string | null;
  readonly displayName?: string | null;
  readonly endDateTime?: string | null;
}
interface Application {
  readonly id: string;
  readonly appId: string;
  readonly passwordCredentials?: readonly PasswordCredential[];
}

const RULE = "azure-entra-client-secret";
const GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const GUID_RE = new RegExp(`^${GUID}$`);
const CLIENT_ID = new RegExp(`(?:client|app(?:lication)?)[ _.-]?id["']?\\s*[:=]\\s*["']?(${GUID})`, "i");
const TENANT_ID = new RegExp(`(?:tenant|directory)[ _.-]?id["']?\\s*[:=]\\s*["']?(${GUID})`, "i");
const SELECT = "$select=id,appId,passwordCredentials";
const WRITE =
  "Application.ReadWrite.OwnedBy (the identity owns the app) or Application.ReadWrite.All (Graph application permission)";
const READ = "Application.Read.All, or Application.ReadWrite.OwnedBy for apps the identity owns";

export function createEntraAppSecretRotator(options: EntraAppSecretRotatorOptions): ProviderRotator {
  const graph = (options.graphUrl ?? "https://graph.microsoft.com").replace(/\/+$/, "");
  const authority = (options.authorityHost ?? "https://login.microsoftonline.com").replace(/\/+$/, "");
  const http = options.fetch ?? fetch;
  const attempts = Math.max(1, options.probeAttempts ?? 6);
  const interval = options.probeIntervalInMs ?? 5000;

  async function call(method: string, pathOrUrl: string, body?: unknown, op?: OperationOptions): Promise<unknown> {
    const token = await options.getToken(`${graph}/.default`, op);
    const url = pathOrUrl.startsWith(graph) ? pathOrUrl : `${graph}/v1.0${pathOrUrl}`;
    if (new URL(url).origin !== new URL(graph).origin) throw new Error(`Graph pointed outside ${graph}`);
    const res = await http(url, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(op?.abortSignal ? { signal: op.abortSignal } : {}),
    });
    const text = await res.text();
    if (!res.ok) {
      const err = (parse(text) as { error?: { code?: string; message?: string } }).error;
      const hint = res.status === 403 ? ` (grant the identity ${method === "GET" ? READ : WRITE})` : "";
      throw new Error(
        `Microsoft Graph answered ${res.status} to ${method} ${new URL(url).pathname}${hint}: ${`${err?.code ?? ""} ${err?.message ?? ""}`.trim().slice(0, 300)}`,
      );
    }
    return text ? parse(text) : {};
  }

  const getApp = async (objectId: string, op?: OperationOptions) =>
    (await call("GET", `/applications/${encodeURIComponent(objectId)}?${SELECT}`, undefined, op)) as Application;

  async function appsByClientId(appId: string, op?: OperationOptions): Promise<Application[]> {
    const filter = encodeURIComponent(`appId eq '${appId}'`);
    return (
      ((await call("GET", `/applications?$filter=${filter}&${SELECT}`, undefined, op)) as { value?: Application[] })
        .value ?? []
    );
  }

  async function appsWithHint(hint: string, op?: OperationOptions): Promise<Application[]> {
    const found: Application[] = [];
    let next: string | undefined = `/applications?${SELECT}&$top=999`;
    for (let page = 0; next && page < (options.maxPages ?? 20); page++) {
      const out = (await call("GET", next, undefined, op)) as { value?: Application[]; "@odata.nextLink"?: string };
      found.push(...(out.value ?? []).filter((a) => a.passwordCredentials?.some((p) => p.hint === hint)));
      next = out["@odata.nextLink"];
    }
    if (next)
      throw new Error(
        "too many applications to search by hint; tag the secret with ProviderAddress (the app's client id)",
      );
    return found;
  }

  /** A client-credentials token request: the HTTP status and Entra's error code. */
  async function tokenRequest(tenant: string, clientId: string, secret: string, op?: OperationOptions) {
    const res = await http(`${authority}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: secret,
        scope: `${graph}/.default`,
      }).toString(),
      ...(op?.abortSignal ? { signal: op.abortSignal } : {}),
    });
    const body = parse(await res.text()) as { error?: string; error_codes?: number[]; error_description?: string };
    const code = body.error_codes?.[0] ?? /AADSTS(\d+)/.exec(body.error_description ?? "")?.[1];
    return { status: res.status, error: body.error, code: code ? `AADSTS${code}` : undefined };
  }
  const verdictOf = (t: { status: number; error?: string | undefined }): ProbeVerdict =>
    t.status === 200 ? "accepted" : t.error === "invalid_client" ? "rejected" : "unknown";
  const describe = (t: { status: number; error?: string | undefined; code?: string | undefined }) =>
    `${t.status}${t.error ? ` ${t.error}` : ""}${t.code ? ` (${t.code})` : ""}`;

  return {
    kind: "entra-app-secret",
    name: "Microsoft Entra ID application client secret",
    applies: (c) => c.ruleIds.includes(RULE),

    async locate(c, op): Promise<ProviderLocation | undefined> {
      const hint = c.value.slice(0, 3);
      const address = tagOf(c, "ProviderAddress");
      const taggedKey = tagOf(c, "CredentialId");
      const tenant = textMatch(c, TENANT_ID) ?? options.tenantId;
      const clientId = address && GUID_RE.test(address) ? address : textMatch(c, CLIENT_ID);
      let source: ProviderLocation["source"] = address && GUID_RE.test(address) ? "tags" : "value";
      let apps: Application[];
      if (clientId) {
        apps = await appsByClientId(clientId, op);
        // A tag may hold the object id rather than the client id.
        if (apps.length === 0 && source === "tags") apps = [await getApp(clientId, op)];
      } else {
        apps = await appsWithHint(hint, op);
        source = "value";
      }
      // The leaked secret's credentials: those with its hint, narrowed by a `CredentialId` tag only
      // when the tag names one of them (after a rotation the tag names the *new* key: never that).
      const leakedOf = (a: Application) => {
        const same = (a.passwordCredentials ?? []).filter((p) => p.hint === hint);
        const tagged = same.filter((p) => p.keyId === taggedKey);
        return tagged.length > 0 ? tagged : same;
      };
      let candidates = apps.filter((a) => leakedOf(a).length > 0);
      if (candidates.length > 1 && tenant) {
        // Several apps have a secret starting alike: the one Entra issues a token to is it.
        const accepted: Application[] = [];
        for (const a of candidates.slice(0, 10)) {
          if (verdictOf(await tokenRequest(tenant, a.appId, c.value, op)) === "accepted") accepted.push(a);
        }
        candidates = accepted;
      }
      if (candidates.length === 0 && c.stored !== undefined) {
        // A re-run after the leaked secret was removed: the app holding the stored one, no key to remove.
        const storedHint = c.stored.slice(0, 3);
        const holding = (clientId ? apps : await appsWithHint(storedHint, op)).filter((a) =>
          a.passwordCredentials?.some((p) => p.hint === storedHint),
        );
        if (holding.length === 1) return appLocation(holding[0] as Application, undefined, source, tenant);
      }
      if (candidates.length === 0) return undefined;
      if (candidates.length > 1) {
        throw new Error(
          `${candidates.length} applications have a secret starting '${hint.slice(0, 1)}…'; tag the secret with ProviderAddress (the app's client id)`,
        );
      }
      const app = candidates[0] as Application;
      const keys = leakedOf(app);
      if (keys.length > 1) {
        throw new Error(
          `application ${app.appId} has ${keys.length} secrets with the leaked one's hint; tag the secret with CredentialId (its key id) or remove it by hand`,
        );
      }
      return appLocation(app, (keys[0] as PasswordCredential).keyId, source, tenant);
    },

    plan(loc: ProviderLocation): ProviderPlan {
      const id = loc.details?.objectId ?? "?";
      return {
        location: loc,
        mode: "rotate",
        steps: [
          { description: `read the app's password credentials (key ids and hints only) at ${graph}`, permission: READ },
          { description: `POST /applications/${id}/addPassword: a new client secret`, permission: WRITE },
          {
            description: loc.credentialId
              ? `POST /applications/${id}/removePassword the leaked key ${loc.credentialId}, after the vault holds the new secret`
              : "nothing to remove: the leaked secret is no longer on the app",
            permission: WRITE,
          },
          {
            description: `probe: a client-credentials token request at ${authority} must be refused with the leaked secret, granted with the new`,
            permission: "none (the app's own secrets; no data is read)",
          },
        ],
      };
    },

    async rotate(plan, c, op) {
      const { objectId, appId, tenantId } = plan.location.details ?? {};
      if (!objectId || !appId) throw new Error("the application's object id is unknown");
      const app = await getApp(objectId, op);
      const leakedKey = plan.location.credentialId;
      // A re-run: an earlier run's secret is stored; keep it when Entra still issues tokens to it.
      if (c.stored !== undefined) {
        const holder = app.passwordCredentials?.find((p) => p.hint === c.stored?.slice(0, 3) && p.keyId !== leakedKey);
        const live = tenantId ? verdictOf(await tokenRequest(tenantId, appId, c.stored, op)) === "accepted" : !!holder;
        if (live) return { value: c.stored, ...(holder ? { tags: { CredentialId: holder.keyId } } : {}) };
      }
      if (!app.passwordCredentials?.some((p) => p.keyId === leakedKey)) {
        throw new Error("the leaked secret is already removed, and the vault holds no newer one; add a secret by hand");
      }
      const days = Number(tagOf(c, "ValidityPeriodDays"));
      const end =
        Number.isFinite(days) && days > 0 ? new Date(Date.now() + days * 86_400_000).toISOString() : undefined;
      const out = (await call(
        "POST",
        `/applications/${encodeURIComponent(objectId)}/addPassword`,
        {
          passwordCredential: {
            displayName: `leakstop rotation ${new Date().toISOString().slice(0, 10)}`,
            ...(end ? { endDateTime: end } : {}),
          },
        },
        op,
      )) as { keyId?: string; secretText?: string };
      if (!out.secretText || !out.keyId) throw new Error("addPassword returned no secret");
      return { value: out.secretText, tags: { CredentialId: out.keyId } };
    },

    async finish(plan, c, op) {
      const objectId = plan.location.details?.objectId;
      const keyId = plan.location.credentialId;
      if (!objectId || !keyId) return;
      const app = await getApp(objectId, op);
      // Only ever the leaked secret's key: its hint must be the leaked value's.
      const target = app.passwordCredentials?.find((p) => p.keyId === keyId);
      if (!target || target.hint !== c.value.slice(0, 3)) return;
      await call("POST", `/applications/${encodeURIComponent(objectId)}/removePassword`, { keyId }, op);
    },

    async prove(plan, c, replacement, op): Promise<Proof> {
      if (options.probe === false) return { leaked: "unknown", evidence: "the probe is turned off" };
      const { appId, tenantId } = plan.location.details ?? {};
      if (!appId || !tenantId) {
        return { leaked: "unknown", evidence: "the app's tenant is unknown (set the responder's tenant id)" };
      }
      let old = await tokenRequest(tenantId, appId, c.value, op);
      let fresh = replacement ? await tokenRequest(tenantId, appId, replacement, op) : undefined;
      // A removed secret can work, and an added one fail, for a short while after the change.
      for (
        let i = 1;
        i < attempts && (verdictOf(old) === "accepted" || (fresh && verdictOf(fresh) !== "accepted"));
        i++
      ) {
        await new Promise((r) => setTimeout(r, interval));
        old = await tokenRequest(tenantId, appId, c.value, op);
        if (replacement) fresh = await tokenRequest(tenantId, appId, replacement, op);
      }
      return {
        leaked: verdictOf(old),
        ...(fresh ? { replacement: verdictOf(fresh) } : {}),
        evidence: `client-credentials token request with the leaked secret: ${describe(old)}${fresh ? `, with the new secret: ${describe(fresh)}` : ""}`,
      };
    },
  };
}

function appLocation(
  app: Application,
  keyId: string | undefined,
  source: ProviderLocation["source"],
  tenant: string | undefined,
): ProviderLocation {
  return {
    kind: "entra-app-secret",
    resource: `application ${app.appId} (object ${app.id})`,
    ...(keyId ? { credentialId: keyId } : {}),
    source,
    details: { objectId: app.id, appId: app.appId, ...(tenant ? { tenantId: tenant } : {}) },
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function tagOf(c: LeakedCredential, name: string): string | undefined {
  const v = c.holders.find((h) => h.tags[name])?.tags[name] ?? c.tags?.[name];
  return v?.trim() || undefined;
}

function textMatch(c: LeakedCredential, re: RegExp): string | undefined {
  for (const text of [c.context, ...c.holders.map((h) => h.value)]) {
    const m = text ? re.exec(text)?.[1] : undefined;
    if (m) return m.toLowerCase();
  }
  return undefined;
}
