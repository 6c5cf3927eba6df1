/**
 * Azure Storage account keys: a two-key swap through Azure Resource Manager. Regenerate the key
 * the leak is not (so apps on the leaked key keep working), store it in every holder, then
 * regenerate the leaked key (which also kills every SAS signed with it), then prove: a
 * SharedKey-signed List Containers (`maxresults=1`, metadata only, no data read) must get 403
 * with the leaked key and 200 with the new one.
 *
 * Located by Azure's rotation tags first (`ProviderAddress` = the account's resource id,
 * `CredentialId` = `key1`/`key2`), else by the account name in the holder's connection string
 * through Azure Resource Graph. Four REST calls with `fetch` instead of `@azure/arm-storage` and
 * `@azure/arm-resourcegraph`: those bring core-client, core-lro and their models (hundreds of
 * KB in the respond chunk) for calls this file makes in ~30 lines.
 *
 * Least privilege: "Storage Account Key Operator Service Role" on the account (listkeys and
 * regeneratekey actions) and "Reader" where Resource Graph must find the account by name.
 */
import { createHmac } from "node:crypto";
import type { OperationOptions } from "../../remediation/ports.js";
import type {
  LeakedCredential,
  Proof,
  ProviderLocation,
  ProviderPlan,
  ProviderRotator,
} from "../../remediation/provider.js";

export const STORAGE_API_VERSION = "2023-05-01";
export const RESOURCE_GRAPH_API_VERSION = "2022-10-01";
/** Blob service version the probe signs with. */
const BLOB_VERSION = "2021-08-06";
const ROLE = "Storage Account Key Operator Service Role";

type KeyName = "key1" | "key2";

/** Options for {@link createAzureStorageRotator}. */
export interface AzureStorageRotatorOptions {
  /** `LEAKSTOP_ARM_URL`, default `https://management.azure.com`. */
  readonly armUrl?: string;
  /** A bearer token for `scope` (managed identity, GitHub OIDC federation: `@azure/identity`). */
  readonly getToken: (scope: string, options?: OperationOptions) => Promise<string>;
  /** The transport; default the global `fetch` (tests pass one that trusts their CA). */
  readonly fetch?: typeof fetch;
  /** Turn the probe off: the step then stays unproven. */
  readonly probe?: boolean;
}

interface StorageKey {
  readonly keyName: string;
  readonly value: string;
}

export function createAzureStorageRotator(options: AzureStorageRotatorOptions): ProviderRotator {
  const arm = (options.armUrl ?? "https://management.azure.com").replace(/\/+$/, "");
  const http = options.fetch ?? fetch;

  async function call(method: string, path: string, body: unknown, op?: OperationOptions): Promise<unknown> {
    const token = await options.getToken(`${arm}/.default`, op);
    const res = await http(`${arm}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(op?.abortSignal ? { signal: op.abortSignal } : {}),
    });
    const text = await res.text();
    if (!res.ok) {
      const message = safeMessage(text);
      const hint =
        res.status === 403 ? ` (grant the identity '${ROLE}' on the account, and 'Reader' for Resource Graph)` : "";
      throw new Error(
        `Azure Resource Manager answered ${res.status} to ${method} ${path.split("?")[0]}${hint}: ${message}`,
      );
    }
    return text ? JSON.parse(text) : {};
  }

  const keysPath = (id: string, verb: string) => `${id}/${verb}?api-version=${STORAGE_API_VERSION}`;
  async function listKeys(id: string, op?: OperationOptions): Promise<StorageKey[]> {
    return ((await call("POST", keysPath(id, "listKeys"), undefined, op)) as { keys?: StorageKey[] }).keys ?? [];
  }
  async function regenerate(id: string, keyName: KeyName, op?: OperationOptions): Promise<StorageKey[]> {
    const out = (await call("POST", keysPath(id, "regenerateKey"), { keyName }, op)) as { keys?: StorageKey[] };
    return out.keys ?? (await listKeys(id, op));
  }
  const which = (keys: readonly StorageKey[], value: string | undefined): KeyName | undefined =>
    value === undefined
      ? undefined
      : (keys.find((k) => k.value === value)?.keyName.toLowerCase() as KeyName | undefined);
  const otherOf = (k: KeyName): KeyName => (k === "key1" ? "key2" : "key1");
  const keyValue = (keys: readonly StorageKey[], k: KeyName) => keys.find((x) => x.keyName.toLowerCase() === k)?.value;

  return {
    kind: "azure-storage",
    name: "Azure Storage account key",
    applies: (c) => c.ruleIds.includes("azure-storage-account-key"),

    async locate(c, op) {
      const tags = c.tags ?? {};
      const holderTags = c.holders.find((h) => h.tags.ProviderAddress)?.tags;
      const address = (holderTags?.ProviderAddress ?? tags.ProviderAddress)?.trim();
      let id: string | undefined;
      let source: ProviderLocation["source"] = "value";
      if (address && /\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+$/i.test(address)) {
        id = address;
        source = "tags";
      } else {
        const name = accountNameOf(c);
        if (!name) return undefined;
        const query = `resources | where type =~ 'microsoft.storage/storageaccounts' and name =~ '${name}' | project id`;
        const out = (await call(
          "POST",
          `/providers/Microsoft.ResourceGraph/resources?api-version=${RESOURCE_GRAPH_API_VERSION}`,
          { query },
          op,
        )) as { data?: Array<{ id?: string }> };
        const ids = (out.data ?? []).flatMap((r) => (r.id ? [r.id] : []));
        if (ids.length !== 1) {
          if (ids.length > 1)
            throw new Error(`${ids.length} storage accounts are named '${name}'; tag the secret with ProviderAddress`);
          return undefined;
        }
        id = ids[0] as string;
      }
      const account = (await call("GET", `${id}?api-version=${STORAGE_API_VERSION}`, undefined, op)) as {
        name?: string;
        properties?: { primaryEndpoints?: { blob?: string } };
      };
      const blob = account.properties?.primaryEndpoints?.blob;
      const accountName = account.name ?? id.split("/").pop() ?? "";
      const tagged = (holderTags?.CredentialId ?? tags.CredentialId)?.trim().toLowerCase();
      const credentialId =
        source === "tags" && (tagged === "key1" || tagged === "key2") ? tagged : which(await listKeys(id, op), c.value);
      return {
        kind: "azure-storage",
        resource: id,
        ...(credentialId ? { credentialId } : {}),
        source,
        details: { account: accountName, ...(blob ? { blobEndpoint: blob } : {}) },
      };
    },

    plan(location: ProviderLocation): ProviderPlan {
      const leaked = (location.credentialId as KeyName | undefined) ?? "key1";
      const other = otherOf(leaked);
      const on = `on ${location.resource}`;
      return {
        location,
        mode: "rotate",
        steps: [
          {
            description: `regenerate ${other} (the key that did not leak) of ${location.resource}`,
            permission: `${ROLE} ${on}`,
          },
          {
            description: `regenerate ${leaked} (the leaked key; SAS tokens signed with it die too), after the vault holds ${other}`,
            permission: `${ROLE} ${on}`,
          },
          {
            description:
              "probe: a SharedKey-signed List Containers (maxresults=1) must get 403 with the leaked key, 200 with the new",
            permission: "none (signed with the keys themselves)",
          },
        ],
      };
    },

    async rotate(plan, c, op) {
      const id = plan.location.resource;
      const keys = await listKeys(id, op);
      const leaked = which(keys, c.value);
      if (!leaked) {
        // Already retired: the key an earlier run stored is the one in use.
        const inUse = which(keys, c.stored);
        if (!inUse) {
          throw new Error(
            "the leaked key is no longer one of the account's keys, and the vault holds neither current key; store a current key by hand",
          );
        }
        return { value: keyValue(keys, inUse) as string, tags: { CredentialId: inUse } };
      }
      const other = otherOf(leaked);
      // A crash after storing: the other key is already the vault's; do not regenerate it again.
      if (c.stored !== undefined && which(keys, c.stored) === other) {
        return { value: c.stored, tags: { CredentialId: other } };
      }
      const fresh = keyValue(await regenerate(id, other, op), other);
      if (!fresh) throw new Error(`regenerating ${other} returned no key`);
      return { value: fresh, tags: { CredentialId: other } };
    },

    async finish(plan, c, op) {
      const id = plan.location.resource;
      const leaked = which(await listKeys(id, op), c.value);
      if (leaked) await regenerate(id, leaked, op);
    },

    async prove(plan, c, replacement, op): Promise<Proof> {
      if (options.probe === false) return { leaked: "unknown", evidence: "the probe is turned off" };
      const account = plan.location.details?.account;
      const blob = plan.location.details?.blobEndpoint;
      if (!account || !blob) return { leaked: "unknown", evidence: "the account's blob endpoint is unknown" };
      const old = await listContainers(http, blob, account, c.value, op);
      const fresh = replacement ? await listContainers(http, blob, account, replacement, op) : undefined;
      const verdict = (s: number | undefined) =>
        s === undefined ? undefined : s === 403 ? "rejected" : s >= 200 && s < 300 ? "accepted" : "unknown";
      return {
        leaked: verdict(old) as Proof["leaked"],
        ...(fresh !== undefined ? { replacement: verdict(fresh) as Proof["leaked"] } : {}),
        evidence: `SharedKey List Containers with the leaked key: ${old}${fresh !== undefined ? `, with the new key: ${fresh}` : ""}`,
      };
    },
  };
}

/** `AccountName=` of a holder's connection string (or of the leaked text itself). */
function accountNameOf(c: LeakedCredential): string | undefined {
  for (const text of [c.context, ...c.holders.map((h) => h.value)]) {
    const name = text ? /(?:^|;)\s*AccountName\s*=\s*([a-z0-9]{3,24})\s*(?:;|$)/i.exec(text)?.[1] : undefined;
    if (name) return name.toLowerCase();
  }
  return undefined;
}

/** A SharedKey-signed List Containers, `maxresults=1`: metadata only. Returns the status. */
async function listContainers(
  http: typeof fetch,
  blobEndpoint: string,
  account: string,
  key: string,
  op?: OperationOptions,
): Promise<number> {
  const url = new URL(blobEndpoint.endsWith("/") ? blobEndpoint : `${blobEndpoint}/`);
  url.search = "comp=list&maxresults=1";
  const date = new Date().toUTCString();
  const stringToSign = [
    "GET",
    ...Array(11).fill(""),
    `x-ms-date:${date}`,
    `x-ms-version:${BLOB_VERSION}`,
    `/${account}${url.pathname}\ncomp:list\nmaxresults:1`,
  ].join("\n");
  const signature = createHmac("sha256", Buffer.from(key, "base64")).update(stringToSign, "utf8").digest("base64");
  const res = await http(url, {
    headers: { "x-ms-date": date, "x-ms-version": BLOB_VERSION, authorization: `SharedKey ${account}:${signature}` },
    ...(op?.abortSignal ? { signal: op.abortSignal } : {}),
  });
  await res.body?.cancel();
  return res.status;
}

/** An error body's message, cut short: ARM messages never carry a key. */
function safeMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    return `${body.error?.code ?? ""} ${body.error?.message ?? ""}`.trim().slice(0, 300);
  } catch {
    return text.slice(0, 200);
  }
}
