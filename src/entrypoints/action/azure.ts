/**
 * Key Vault for the action: the credential (GitHub OIDC federation with `azure-client-id` and
 * `azure-tenant-id`, else the default chain) and one store per vault. Imported by respond.ts
 * only when a vault is configured, so a run without one never loads the Azure SDK.
 */
import type { TokenCredential } from "@azure/core-auth";
import { createKeyVaultCredential, tokenGetter } from "../../adapters/keyvault/credential.js";
import { createKeyVaultStores } from "../../adapters/keyvault/store.js";
import { createAzureRotators } from "../../adapters/providers/azure-rotators.js";
import { type SecretStore, SecretStoreError } from "../../remediation/ports.js";
import type { ProviderRotator } from "../../remediation/provider.js";
import { INPUTS, TEST_INSECURE_CHALLENGE_ENV } from "./constants.js";
import type { ActionSettings } from "./settings.js";

/** What the stores need from the runner: a log line, and masking for the OIDC tokens. */
export interface KeyVaultIO {
  readonly log: (line: string) => void;
  readonly setSecret: (value: string) => void;
}

/** The Azure side of the responder: Key Vault stores and the Azure provider rotators, one sign-in. */
export function azureResponder(
  settings: ActionSettings,
  io: KeyVaultIO,
): { secretStore: (url: string) => SecretStore; rotators: ProviderRotator[] } {
  const credential = azureCredential(settings, io);
  if (typeof credential === "string") return { secretStore: (url) => unavailableStore(url, credential), rotators: [] };
  return { secretStore: keyVaultStores(settings, io, credential), rotators: azureRotators(settings, credential) };
}

/** The Azure provider rotators (storage, the other ARM key pairs, Entra app secrets), signed in with the same identity. */
function azureRotators(settings: ActionSettings, credential: TokenCredential): ProviderRotator[] {
  const env = settings.azureEnvironment;
  return createAzureRotators({
    armUrl: env.armUrl,
    graphUrl: env.graphUrl,
    ...(env.authorityHost ? { authorityHost: env.authorityHost } : {}),
    ...(settings.azure ? { tenantId: settings.azure.tenantId } : {}),
    getToken: tokenGetter(credential),
  });
}

/** The identity (GitHub OIDC federation or the default chain), or why there is none. */
function azureCredential(settings: ActionSettings, io: KeyVaultIO): TokenCredential | string {
  const env = settings.azureEnvironment;
  const oidc = env.oidc;
  if (settings.azure && !oidc) {
    // Without `id-token: write` the runner offers no OIDC token; say so before any vault call,
    // as a store error, so the leaks are still reported (and issues opened) as "not rotated".
    return `Cannot sign in to Azure: '${INPUTS.azureClientId}' asks for GitHub OIDC federation, but the job cannot request an OIDC token; grant the job 'permissions: id-token: write'.`;
  }
  return createKeyVaultCredential({
    ...(settings.azure
      ? {
          clientId: settings.azure.clientId,
          tenantId: settings.azure.tenantId,
          getIdToken: (audience: string) => requestIdToken(oidc as NonNullable<typeof oidc>, audience, io.setSecret),
        }
      : {}),
    ...(env.authorityHost ? { authorityHost: env.authorityHost } : {}),
  });
}

/** Store factory for the responder's `secretStore` port. */
export function keyVaultStores(
  settings: ActionSettings,
  io: KeyVaultIO,
  signedIn?: TokenCredential,
): (url: string) => SecretStore {
  const credential = signedIn ?? azureCredential(settings, io);
  if (typeof credential === "string") return (url) => unavailableStore(url, credential);
  const env = settings.azureEnvironment;
  const stores = createKeyVaultStores({ credential });
  if (!env.testInsecureChallenge) return stores;
  io.log(`leakstop: ${TEST_INSECURE_CHALLENGE_ENV} is set (test only): loopback vaults skip the challenge check.`);
  const loopback = createKeyVaultStores({ credential, disableChallengeResourceVerification: true });
  return (url) => (isLoopback(url) ? loopback : stores)(url);
}

/** Attempts at the runner's OIDC service for a 5xx or a network error. */
const OIDC_ATTEMPTS = 3;

/**
 * A GitHub OIDC ID token for `audience`, asked of the runner's token service exactly as
 * `core.getIDToken` asks (GET the request URL plus `&audience=`, the request token as bearer,
 * `{ value }` back), and masked like it. Done here with Node's `fetch` because using
 * `core.getIDToken` anywhere would bundle `@actions/http-client` and undici (~800 KB) into the
 * path every clean run loads.
 */
export async function requestIdToken(
  oidc: { readonly requestUrl: string; readonly requestToken: string },
  audience: string,
  setSecret: (value: string) => void,
): Promise<string> {
  const url = `${oidc.requestUrl}&audience=${encodeURIComponent(audience)}`;
  let problem = "";
  for (let attempt = 1; attempt <= OIDC_ATTEMPTS; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 2)));
    let res: Response;
    try {
      res = await fetch(url, { headers: { authorization: `Bearer ${oidc.requestToken}`, accept: "application/json" } });
    } catch (error) {
      problem = (error as Error).message;
      continue;
    }
    if (res.ok) {
      const value = ((await res.json().catch(() => ({}))) as { value?: unknown }).value;
      if (typeof value !== "string" || value === "")
        throw new Error("The runner's OIDC service answered without a token.");
      setSecret(value);
      return value;
    }
    problem = `HTTP ${res.status}`;
    if (res.status < 500 && res.status !== 429) break;
  }
  throw new Error(`Could not get a GitHub OIDC token (${problem}); check the job's 'permissions: id-token: write'.`);
}

/** `localhost`, `127.x.x.x` or `[::1]`: the only hosts the test-only switch applies to. */
function isLoopback(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A store whose every operation fails with `message` (kind `unauthenticated`). */
function unavailableStore(url: string, message: string): SecretStore {
  const fail = (): never => {
    throw new SecretStoreError(message, "unauthenticated");
  };
  return {
    vaultUrl: url.replace(/\/+$/, ""),
    // biome-ignore lint/correctness/useYield: it fails before yielding anything, by design.
    async *listSecrets() {
      fail();
    },
    // biome-ignore lint/correctness/useYield: as above.
    async *listVersions() {
      fail();
    },
    getSecret: async () => fail(),
    setSecret: async () => fail(),
    updateVersion: async () => fail(),
  };
}
