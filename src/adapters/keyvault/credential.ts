/**
 * Azure sign-in, identity first. With a client id and tenant id, GitHub's OIDC token is
 * exchanged directly (workload identity federation: `ClientAssertionCredential`), asking for
 * a fresh ID token on every token request so long jobs never present an expired assertion.
 * Otherwise the default chain (after `azure/login`, managed identity on self-hosted runners
 * and Azure hosts, `az login` for a person). No option takes a client secret, on purpose.
 */
import type { TokenCredential } from "@azure/core-auth";
import { ClientAssertionCredential, DefaultAzureCredential } from "@azure/identity";

/** The audience Entra ID expects in a GitHub OIDC token for a federated credential. */
export const OIDC_AUDIENCE = "api://AzureADTokenExchange";

/** Options for {@link createKeyVaultCredential}. */
export interface KeyVaultCredentialOptions {
  /** Application (client) id of the app registration or user-assigned identity. */
  readonly clientId?: string;
  /** Directory (tenant) id. */
  readonly tenantId?: string;
  /**
   * Returns an OIDC ID token for `audience`; the Action passes `core.getIDToken`. Required
   * with `clientId` + `tenantId`. Called once per token request, never cached here.
   */
  readonly getIdToken?: (audience: string) => Promise<string>;
  /**
   * Entra ID authority, e.g. `https://login.microsoftonline.us` (sovereign clouds), or a local
   * token endpoint in tests. A host outside Microsoft's login domains skips instance discovery
   * (which only knows Microsoft's hosts).
   */
  readonly authorityHost?: string;
}

/** A credential for Key Vault; see the module comment for the order of preference. */
export function createKeyVaultCredential(options: KeyVaultCredentialOptions = {}): TokenCredential {
  const { clientId, tenantId, getIdToken } = options;
  const authority = options.authorityHost
    ? {
        authorityHost: options.authorityHost,
        ...(isMicrosoftLogin(options.authorityHost) ? {} : { disableInstanceDiscovery: true }),
      }
    : {};
  if (clientId || tenantId) {
    if (!clientId) throw new TypeError("azure-tenant-id is set but azure-client-id is empty; set both or neither.");
    if (!tenantId) throw new TypeError("azure-client-id is set but azure-tenant-id is empty; set both or neither.");
    if (!getIdToken) {
      throw new TypeError(
        "Federated sign-in needs an OIDC token source; in a workflow, grant 'permissions: id-token: write'.",
      );
    }
    return new ClientAssertionCredential(tenantId, clientId, () => getIdToken(OIDC_AUDIENCE), authority);
  }
  return new DefaultAzureCredential(authority);
}

const MICROSOFT_LOGIN = /^login\.(microsoftonline\.(com|us|de)|chinacloudapi\.cn|partner\.microsoftonline\.cn)$/i;

function isMicrosoftLogin(url: string): boolean {
  try {
    return MICROSOFT_LOGIN.test(new URL(url).hostname);
  } catch {
    throw new TypeError(`Azure authority host '${url}' is not a URL; e.g. https://login.microsoftonline.com.`);
  }
}

/**
 * A vault URL, checked: `https://` only (a token must never travel in clear), no path beyond
 * `/`. Returns it without a trailing slash. Throws a TypeError naming the value otherwise.
 */
export function checkVaultUrl(url: string): string {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new TypeError(`Vault URL '${url}' is not a URL; use https://<vault-name>.vault.azure.net.`);
  }
  if (parsed.protocol !== "https:") {
    throw new TypeError(`Vault URL '${url}' must use https:// (tokens are never sent in clear).`);
  }
  if (parsed.pathname !== "/" || parsed.search || parsed.hash) {
    throw new TypeError(`Vault URL '${url}' must be the vault's root, e.g. https://${parsed.host}.`);
  }
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * A bearer-token getter over an Azure credential, the shape the provider rotators take
 * (`getToken(scope, options)`), so they need no `@azure/identity` of their own. `credential`
 * may be lazy: the sign-in is only set up when a rotator first asks.
 */
export function tokenGetter(
  credential: TokenCredential | (() => TokenCredential),
): (scope: string, options?: { abortSignal?: AbortSignal }) => Promise<string> {
  return async (scope, op) => {
    const c = typeof credential === "function" ? credential() : credential;
    const token = await c.getToken(scope, op?.abortSignal ? { abortSignal: op.abortSignal } : {});
    if (!token) throw new Error(`Azure sign-in returned no token for ${scope}`);
    return token.token;
  };
}
