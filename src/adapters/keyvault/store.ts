/**
 * The `SecretStore` port over `@azure/keyvault-secrets`. The SDK pages listings, answers Key
 * Vault's 401 challenge, and retries 429 (honouring `Retry-After`) and 5xx through its
 * pipeline's retry policy, configured here; this adapter maps what is left to errors that say
 * what to do (which role to grant, which name is unknown) and enforces Key Vault's tag limits.
 *
 * Writing a version is not idempotent: an answer lost after Key Vault wrote it (a connection
 * reset, a timeout, an unparsable body) made the SDK's retry write a second, orphan enabled
 * version the audit did not mention. So `setSecret` tags each write with a random id, is not
 * retried by the SDK, and after a failure looks for its own version before writing again: a
 * version found is the answer (the record is true), otherwise it retries with backoff.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { TokenCredential } from "@azure/identity";
import { isRestError, SecretClient, type SecretClientOptions, type SecretProperties } from "@azure/keyvault-secrets";
import { fitTags, MAX_TAGS } from "../../remediation/plan.js";
import {
  type GetSecretOptions,
  type OperationOptions,
  type SecretStore,
  SecretStoreError,
  type SecretVersionInfo,
  type SetSecretOptions,
  type UpdateVersionOptions,
} from "../../remediation/ports.js";
import { checkVaultUrl } from "./credential.js";

/** Retry settings handed to the SDK's pipeline (429 with `Retry-After`, 408, 5xx, network errors). */
export interface KeyVaultRetryOptions {
  /** Default 4. */
  readonly maxRetries?: number;
  /** First back-off for 5xx; doubles each retry. Default 1000. */
  readonly retryDelayInMs?: number;
  /** Default 30000. */
  readonly maxRetryDelayInMs?: number;
}

/** Options for {@link createKeyVaultStore}. */
export interface KeyVaultStoreOptions {
  readonly credential: TokenCredential;
  readonly retryOptions?: KeyVaultRetryOptions;
  /**
   * Each HTTP request (each try) is given up after this long. Default 30000: a vault that
   * never answers must not hold a worker (or a shutdown) for minutes.
   */
  readonly requestTimeoutInMs?: number;
  /**
   * Accept a 401 challenge whose resource is not the vault's own domain. Only for a local test
   * double (its host is `localhost`, not `*.vault.azure.net`). Never set it against a real
   * vault: the check stops a look-alike host from obtaining a Key Vault token.
   */
  readonly disableChallengeResourceVerification?: boolean;
  /** More SDK client options, e.g. `tlsOptions: { ca }` to trust a test double's certificate. */
  readonly clientOptions?: Omit<SecretClientOptions, "retryOptions" | "disableChallengeResourceVerification">;
}

const DEFAULT_RETRY = { maxRetries: 4, retryDelayInMs: 1000, maxRetryDelayInMs: 30_000 } as const;

/** The tag that names one write, so a write whose answer was lost can be recognised. */
export const WRITE_TAG = "leakstop-write";

/** One vault's store. Throws a TypeError for a URL that is not `https://`. */
export function createKeyVaultStore(vaultUrl: string, options: KeyVaultStoreOptions): SecretStore {
  const url = checkVaultUrl(vaultUrl);
  const client = new SecretClient(url, options.credential, {
    ...options.clientOptions,
    retryOptions: { ...DEFAULT_RETRY, ...options.retryOptions },
    ...(options.disableChallengeResourceVerification ? { disableChallengeResourceVerification: true } : {}),
  });
  // Writes of new versions: no SDK retry (it cannot tell a lost answer from no write); see setSecret.
  const writer = new SecretClient(url, options.credential, {
    ...options.clientOptions,
    retryOptions: { maxRetries: 0 },
    ...(options.disableChallengeResourceVerification ? { disableChallengeResourceVerification: true } : {}),
  });
  const retry = { ...DEFAULT_RETRY, ...options.retryOptions };
  const fail = (op: string, e: unknown, name?: string, version?: string, o?: OperationOptions): never => {
    // An abort nobody asked for is the request timeout.
    if (e instanceof Error && e.name === "AbortError" && !o?.abortSignal?.aborted) {
      const what = `${op}${name !== undefined ? ` secret '${name}'` : " secrets"}`;
      throw new SecretStoreError(`Key Vault ${url} did not answer ${what} within ${timeout} ms.`, "unavailable");
    }
    throw describeError(url, op, e, name, version, retry.maxRetries);
  };
  const timeout = options.requestTimeoutInMs ?? 30_000;
  const abort = (o?: OperationOptions) => ({
    ...(o?.abortSignal ? { abortSignal: o.abortSignal } : {}),
    requestOptions: { timeout },
  });

  return {
    vaultUrl: url,
    async *listSecrets(o) {
      try {
        for await (const p of client.listPropertiesOfSecrets(abort(o))) yield toInfo(p);
      } catch (e) {
        fail("list", e, undefined, undefined, o);
      }
    },
    async *listVersions(name, o) {
      try {
        for await (const p of client.listPropertiesOfSecretVersions(name, abort(o))) yield toInfo(p);
      } catch (e) {
        fail("list versions of", e, name, undefined, o);
      }
    },
    async getSecret(name, o: GetSecretOptions = {}) {
      try {
        const s = await client.getSecret(name, { ...abort(o), ...(o.version ? { version: o.version } : {}) });
        return { info: toInfo(s.properties), value: s.value ?? "" };
      } catch (e) {
        return fail("get", e, name, o.version, o);
      }
    },
    async setSecret(name, value, o: SetSecretOptions = {}) {
      const writeId = randomUUID();
      const tags = {
        ...Object.fromEntries(Object.entries(fitTags(o.tags ?? {})).slice(0, MAX_TAGS - 1)),
        [WRITE_TAG]: writeId,
      };
      const request = {
        ...abort(o),
        ...(o.contentType !== undefined ? { contentType: o.contentType } : {}),
        tags,
        ...(o.expiresOn ? { expiresOn: o.expiresOn } : {}),
      };
      for (let attempt = 0; ; attempt++) {
        try {
          return toInfo((await writer.setSecret(name, value, request)).properties);
        } catch (e) {
          if (o.abortSignal?.aborted || !mayRetryWrite(e)) return fail("set", e, name, undefined, o);
          // Look before writing again: the write may have happened and only its answer been lost.
          const written = await findWrite(name, writeId, o).catch(() => undefined);
          if (written) return written;
          if (attempt >= retry.maxRetries) return fail("set", e, name, undefined, o);
          const backoff = Math.min(retry.maxRetryDelayInMs, retry.retryDelayInMs * 2 ** attempt);
          await sleep(
            Math.max(backoff, retryAfterInMs(e)),
            undefined,
            abort(o).abortSignal ? { signal: o.abortSignal } : {},
          );
        }
      }
    },
    async updateVersion(name, version, o: UpdateVersionOptions = {}) {
      try {
        const p = await client.updateSecretProperties(name, version, {
          ...abort(o),
          ...(o.enabled !== undefined ? { enabled: o.enabled } : {}),
          ...(o.tags ? { tags: fitTags(o.tags) } : {}),
        });
        return toInfo(p);
      } catch (e) {
        return fail("update", e, name, version, o);
      }
    },
  };

  /** The version this write made, if Key Vault has it. */
  async function findWrite(name: string, writeId: string, o: OperationOptions): Promise<SecretVersionInfo | undefined> {
    for await (const p of client.listPropertiesOfSecretVersions(name, abort(o))) {
      if (p.tags?.[WRITE_TAG] === writeId) return toInfo(p);
    }
    return undefined;
  }
}

/**
 * Whether a failed write may be tried again: no answer or an unreadable one (the write may
 * have happened: the caller looks first), 408, 429, and 5xx but 501 and 505.
 */
function mayRetryWrite(e: unknown): boolean {
  if (!isRestError(e)) return true; // a network error, or the request timeout (the caller's abort is checked first)
  const status = e.statusCode;
  if (status === undefined || e.code === "PARSE_ERROR") return true;
  if (status >= 200 && status < 300) return true; // an answer that could not be read
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

function retryAfterInMs(e: unknown): number {
  const header = isRestError(e) ? e.response?.headers.get("retry-after") : undefined;
  const seconds = header === undefined ? Number.NaN : Number(header);
  return Number.isFinite(seconds) ? Math.min(seconds * 1000, 60_000) : 0;
}

/** A store factory for several vaults, one SDK client per vault. */
export function createKeyVaultStores(options: KeyVaultStoreOptions): (vaultUrl: string) => SecretStore {
  const stores = new Map<string, SecretStore>();
  return (vaultUrl) => {
    const key = checkVaultUrl(vaultUrl).toLowerCase();
    let store = stores.get(key);
    if (!store) {
      store = createKeyVaultStore(vaultUrl, options);
      stores.set(key, store);
    }
    return store;
  };
}

function toInfo(p: SecretProperties): SecretVersionInfo {
  return {
    name: p.name,
    version: p.version ?? "",
    enabled: p.enabled !== false,
    tags: { ...(p.tags ?? {}) },
    ...(p.contentType !== undefined ? { contentType: p.contentType } : {}),
    ...(p.createdOn ? { createdOn: p.createdOn } : {}),
    ...(p.notBefore ? { notBefore: p.notBefore } : {}),
    ...(p.expiresOn ? { expiresOn: p.expiresOn } : {}),
    ...(p.managed ? { managed: true } : {}),
  };
}

const ROLE_HINT =
  "grant this identity the 'Key Vault Secrets Officer' role on the vault (Azure RBAC), or, for a vault using access policies, the secret permissions get, list and set";

/** A store error whose message names the vault, the operation and the fix. Exported for tests. */
export function describeError(
  vaultUrl: string,
  op: string,
  e: unknown,
  name?: string,
  version?: string,
  maxRetries: number = DEFAULT_RETRY.maxRetries,
): Error {
  if (e instanceof Error && e.name === "AbortError") return e;
  const what = `${op}${name !== undefined ? ` secret '${name}'` : " secrets"}${version ? ` version '${version}'` : ""}`;
  if (isRestError(e)) {
    const status = e.statusCode ?? 0;
    const code = e.code ? `, ${e.code}` : "";
    const detail = (e.message || "").split("\n")[0] ?? "";
    if (status === 401) {
      return new SecretStoreError(
        `Key Vault ${vaultUrl} rejected the sign-in for ${what} (401${code}): check azure-client-id, azure-tenant-id and the federated credential's subject, or sign in first (azure/login, managed identity).`,
        "unauthenticated",
        status,
      );
    }
    if (status === 403) {
      if (/disabled/i.test(detail)) {
        return new SecretStoreError(
          `Key Vault ${vaultUrl} refused ${what}: it is disabled (403).`,
          "forbidden",
          status,
        );
      }
      // The firewall's 403 says "Client address is not authorized and caller is not a trusted service".
      const network = /firewall|client address|trusted service|private endpoint/i.test(`${e.code} ${detail}`)
        ? " If the vault's firewall blocked this runner, allow its network or use a self-hosted runner / private networking."
        : "";
      return new SecretStoreError(
        `Key Vault ${vaultUrl} denied ${what} (403${code}): ${ROLE_HINT}.${network}`,
        "forbidden",
        status,
      );
    }
    if (status === 404) {
      const thing = version
        ? `version '${version}' of secret '${name}'`
        : name !== undefined
          ? `secret '${name}'`
          : "such resource";
      return new SecretStoreError(
        `Key Vault ${vaultUrl} has no ${thing} (404); check the name (names are letters, digits and dashes).`,
        "not-found",
        status,
      );
    }
    if (status === 429) {
      return new SecretStoreError(
        `Key Vault ${vaultUrl} kept throttling ${what} (429) after ${maxRetries} retries; try again later or lower the concurrency.`,
        "throttled",
        status,
      );
    }
    if (status >= 500) {
      // 501 and 505 are not retried by the SDK: they will not get better.
      const retried = status === 501 || status === 505 ? "" : ` after ${maxRetries} retries`;
      return new SecretStoreError(
        `Key Vault ${vaultUrl} failed ${what} (${status}${code})${retried}: ${detail}`,
        "unavailable",
        status,
      );
    }
    if (status === 0) {
      return new SecretStoreError(
        `Could not reach Key Vault ${vaultUrl} for ${what}: ${detail}. A vault behind a private endpoint needs a self-hosted runner or private networking.`,
        "unavailable",
      );
    }
    return new SecretStoreError(`Key Vault ${vaultUrl} refused ${what} (${status}${code}): ${detail}`, "other", status);
  }
  const err = e as Error;
  if (
    err?.name === "CredentialUnavailableError" ||
    err?.name === "AuthenticationError" ||
    err?.name === "AggregateAuthenticationError"
  ) {
    return new SecretStoreError(
      `Could not sign in to Azure for Key Vault ${vaultUrl}: ${String(err.message).split("\n")[0]}`,
      "unauthenticated",
    );
  }
  return new SecretStoreError(`Key Vault ${vaultUrl}: ${what} failed: ${String(err?.message ?? e)}`, "other");
}
