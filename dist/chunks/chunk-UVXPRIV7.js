import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/adapters/providers/azure-storage.ts
import { createHmac } from "node:crypto";
var STORAGE_API_VERSION = "2023-05-01";
var RESOURCE_GRAPH_API_VERSION = "2022-10-01";
var BLOB_VERSION = "2021-08-06";
var ROLE = "Storage Account Key Operator Service Role";
function createAzureStorageRotator(options) {
  const arm = (options.armUrl ?? "https://management.azure.com").replace(/\/+$/, "");
  const http = options.fetch ?? fetch;
  async function call(method, path, body, op) {
    const token = await options.getToken(`${arm}/.default`, op);
    const res = await http(`${arm}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
      ...body !== void 0 ? { body: JSON.stringify(body) } : {},
      ...op?.abortSignal ? { signal: op.abortSignal } : {}
    });
    const text = await res.text();
    if (!res.ok) {
      const message = safeMessage(text);
      const hint = res.status === 403 ? ` (grant the identity '${ROLE}' on the account, and 'Reader' for Resource Graph)` : "";
      throw new Error(
        `Azure Resource Manager answered ${res.status} to ${method} ${path.split("?")[0]}${hint}: ${message}`
      );
    }
    return text ? JSON.parse(text) : {};
  }
  const keysPath = (id, verb) => `${id}/${verb}?api-version=${STORAGE_API_VERSION}`;
  async function listKeys(id, op) {
    return (await call("POST", keysPath(id, "listKeys"), void 0, op)).keys ?? [];
  }
  async function regenerate(id, keyName, op) {
    const out = await call("POST", keysPath(id, "regenerateKey"), { keyName }, op);
    return out.keys ?? await listKeys(id, op);
  }
  const which = (keys, value) => value === void 0 ? void 0 : keys.find((k) => k.value === value)?.keyName.toLowerCase();
  const otherOf = (k) => k === "key1" ? "key2" : "key1";
  const keyValue = (keys, k) => keys.find((x) => x.keyName.toLowerCase() === k)?.value;
  return {
    kind: "azure-storage",
    name: "Azure Storage account key",
    applies: (c) => c.ruleIds.includes("azure-storage-account-key"),
    async locate(c, op) {
      const tags = c.tags ?? {};
      const holderTags = c.holders.find((h) => h.tags.ProviderAddress)?.tags;
      const address = (holderTags?.ProviderAddress ?? tags.ProviderAddress)?.trim();
      let id;
      let source = "value";
      if (address && /\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+$/i.test(address)) {
        id = address;
        source = "tags";
      } else {
        const name = accountNameOf(c);
        if (!name) return void 0;
        const query = `resources | where type =~ 'microsoft.storage/storageaccounts' and name =~ '${name}' | project id`;
        const out = await call(
          "POST",
          `/providers/Microsoft.ResourceGraph/resources?api-version=${RESOURCE_GRAPH_API_VERSION}`,
          { query },
          op
        );
        const ids = (out.data ?? []).flatMap((r) => r.id ? [r.id] : []);
        if (ids.length !== 1) {
          if (ids.length > 1)
            throw new Error(`${ids.length} storage accounts are named '${name}'; tag the secret with ProviderAddress`);
          return void 0;
        }
        id = ids[0];
      }
      const account = await call("GET", `${id}?api-version=${STORAGE_API_VERSION}`, void 0, op);
      const blob = account.properties?.primaryEndpoints?.blob;
      const accountName = account.name ?? id.split("/").pop() ?? "";
      const tagged = (holderTags?.CredentialId ?? tags.CredentialId)?.trim().toLowerCase();
      const credentialId = source === "tags" && (tagged === "key1" || tagged === "key2") ? tagged : which(await listKeys(id, op), c.value);
      return {
        kind: "azure-storage",
        resource: id,
        ...credentialId ? { credentialId } : {},
        source,
        details: { account: accountName, ...blob ? { blobEndpoint: blob } : {} }
      };
    },
    plan(location) {
      const leaked = location.credentialId ?? "key1";
      const other = otherOf(leaked);
      const on = `on ${location.resource}`;
      return {
        location,
        mode: "rotate",
        steps: [
          {
            description: `regenerate ${other} (the key that did not leak) of ${location.resource}`,
            permission: `${ROLE} ${on}`
          },
          {
            description: `regenerate ${leaked} (the leaked key; SAS tokens signed with it die too), after the vault holds ${other}`,
            permission: `${ROLE} ${on}`
          },
          {
            description: "probe: a SharedKey-signed List Containers (maxresults=1) must get 403 with the leaked key, 200 with the new",
            permission: "none (signed with the keys themselves)"
          }
        ]
      };
    },
    async rotate(plan, c, op) {
      const id = plan.location.resource;
      const keys = await listKeys(id, op);
      const leaked = which(keys, c.value);
      if (!leaked) {
        const inUse = which(keys, c.stored);
        if (!inUse) {
          throw new Error(
            "the leaked key is no longer one of the account's keys, and the vault holds neither current key; store a current key by hand"
          );
        }
        return { value: keyValue(keys, inUse), tags: { CredentialId: inUse } };
      }
      const other = otherOf(leaked);
      if (c.stored !== void 0 && which(keys, c.stored) === other) {
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
    async prove(plan, c, replacement, op) {
      if (options.probe === false) return { leaked: "unknown", evidence: "the probe is turned off" };
      const account = plan.location.details?.account;
      const blob = plan.location.details?.blobEndpoint;
      if (!account || !blob) return { leaked: "unknown", evidence: "the account's blob endpoint is unknown" };
      const old = await listContainers(http, blob, account, c.value, op);
      const fresh = replacement ? await listContainers(http, blob, account, replacement, op) : void 0;
      const verdict = (s) => s === void 0 ? void 0 : s === 403 ? "rejected" : s >= 200 && s < 300 ? "accepted" : "unknown";
      return {
        leaked: verdict(old),
        ...fresh !== void 0 ? { replacement: verdict(fresh) } : {},
        evidence: `SharedKey List Containers with the leaked key: ${old}${fresh !== void 0 ? `, with the new key: ${fresh}` : ""}`
      };
    }
  };
}
function accountNameOf(c) {
  for (const text of [c.context, ...c.holders.map((h) => h.value)]) {
    const name = text ? /(?:^|;)\s*AccountName\s*=\s*([a-z0-9]{3,24})\s*(?:;|$)/i.exec(text)?.[1] : void 0;
    if (name) return name.toLowerCase();
  }
  return void 0;
}
async function listContainers(http, blobEndpoint, account, key, op) {
  const url = new URL(blobEndpoint.endsWith("/") ? blobEndpoint : `${blobEndpoint}/`);
  url.search = "comp=list&maxresults=1";
  const date = (/* @__PURE__ */ new Date()).toUTCString();
  const stringToSign = [
    "GET",
    ...Array(11).fill(""),
    `x-ms-date:${date}`,
    `x-ms-version:${BLOB_VERSION}`,
    `/${account}${url.pathname}
comp:list
maxresults:1`
  ].join("\n");
  const signature = createHmac("sha256", Buffer.from(key, "base64")).update(stringToSign, "utf8").digest("base64");
  const res = await http(url, {
    headers: { "x-ms-date": date, "x-ms-version": BLOB_VERSION, authorization: `SharedKey ${account}:${signature}` },
    ...op?.abortSignal ? { signal: op.abortSignal } : {}
  });
  await res.body?.cancel();
  return res.status;
}
function safeMessage(text) {
  try {
    const body = JSON.parse(text);
    return `${body.error?.code ?? ""} ${body.error?.message ?? ""}`.trim().slice(0, 300);
  } catch {
    return text.slice(0, 200);
  }
}

export {
  createAzureStorageRotator
};
