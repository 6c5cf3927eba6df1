import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  createAzureRotators
} from "./chunk-X5H35I3F.js";
import {
  createKeyVaultCredential,
  createKeyVaultStores,
  tokenGetter
} from "./chunk-OZZYI67M.js";
import {
  SecretStoreError
} from "./chunk-DCI62QCM.js";
import "./chunk-L3JTYT5C.js";
import {
  INPUTS,
  TEST_INSECURE_CHALLENGE_ENV
} from "./chunk-6RRFK7CR.js";
import "./chunk-5ZHEO3AZ.js";
import "./chunk-V43CEDMD.js";

// src/entrypoints/action/azure.ts
function azureResponder(settings, io) {
  const credential = azureCredential(settings, io);
  if (typeof credential === "string") return { secretStore: (url) => unavailableStore(url, credential), rotators: [] };
  return { secretStore: keyVaultStores(settings, io, credential), rotators: azureRotators(settings, credential) };
}
function azureRotators(settings, credential) {
  const env = settings.azureEnvironment;
  return createAzureRotators({
    armUrl: env.armUrl,
    graphUrl: env.graphUrl,
    ...env.authorityHost ? { authorityHost: env.authorityHost } : {},
    ...settings.azure ? { tenantId: settings.azure.tenantId } : {},
    getToken: tokenGetter(credential)
  });
}
function azureCredential(settings, io) {
  const env = settings.azureEnvironment;
  const oidc = env.oidc;
  if (settings.azure && !oidc) {
    return `Cannot sign in to Azure: '${INPUTS.azureClientId}' asks for GitHub OIDC federation, but the job cannot request an OIDC token; grant the job 'permissions: id-token: write'.`;
  }
  return createKeyVaultCredential({
    ...settings.azure ? {
      clientId: settings.azure.clientId,
      tenantId: settings.azure.tenantId,
      getIdToken: (audience) => requestIdToken(oidc, audience, io.setSecret)
    } : {},
    ...env.authorityHost ? { authorityHost: env.authorityHost } : {}
  });
}
function keyVaultStores(settings, io, signedIn) {
  const credential = signedIn ?? azureCredential(settings, io);
  if (typeof credential === "string") return (url) => unavailableStore(url, credential);
  const env = settings.azureEnvironment;
  const stores = createKeyVaultStores({ credential });
  if (!env.testInsecureChallenge) return stores;
  io.log(`leakstop: ${TEST_INSECURE_CHALLENGE_ENV} is set (test only): loopback vaults skip the challenge check.`);
  const loopback = createKeyVaultStores({ credential, disableChallengeResourceVerification: true });
  return (url) => (isLoopback(url) ? loopback : stores)(url);
}
var OIDC_ATTEMPTS = 3;
async function requestIdToken(oidc, audience, setSecret) {
  const url = `${oidc.requestUrl}&audience=${encodeURIComponent(audience)}`;
  let problem = "";
  for (let attempt = 1; attempt <= OIDC_ATTEMPTS; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 2)));
    let res;
    try {
      res = await fetch(url, { headers: { authorization: `Bearer ${oidc.requestToken}`, accept: "application/json" } });
    } catch (error) {
      problem = error.message;
      continue;
    }
    if (res.ok) {
      const value = (await res.json().catch(() => ({}))).value;
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
function isLoopback(url) {
  let host;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}
function unavailableStore(url, message) {
  const fail = () => {
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
    updateVersion: async () => fail()
  };
}
export {
  azureResponder,
  keyVaultStores,
  requestIdToken
};
