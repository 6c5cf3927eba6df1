import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  createAzureStorageRotator
} from "./chunk-OZZYI67M.js";

// src/adapters/providers/arm-client.ts
var RESOURCE_GRAPH_API_VERSION = "2022-10-01";
var MAX_POLLS = 60;
function createArmClient(options) {
  const arm = (options.armUrl ?? "https://management.azure.com").replace(/\/+$/, "");
  const origin = new URL(arm).origin;
  const http = options.fetch ?? fetch;
  const interval = options.pollIntervalInMs ?? 1e3;
  async function send(method, url, body, op) {
    const token = await options.getToken(`${arm}/.default`, op);
    return await http(url, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
      ...body !== void 0 ? { body: JSON.stringify(body) } : {},
      ...op?.abortSignal ? { signal: op.abortSignal } : {}
    });
  }
  async function call(method, path, body, op, hint = "") {
    let res = await send(method, `${arm}${path}`, body, op);
    let text = await res.text();
    const where = `${method} ${path.split("?")[0]}`;
    if (!res.ok) throw armError(res.status, where, text, hint);
    if (res.status === 202) {
      const monitor = res.headers.get("azure-asyncoperation") ?? res.headers.get("location");
      if (!monitor || new URL(monitor, arm).origin !== origin) return {};
      for (let i = 0; i < MAX_POLLS; i++) {
        await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? 0) * 1e3 || interval));
        res = await send("GET", new URL(monitor, arm).href, void 0, op);
        text = await res.text();
        if (!res.ok) throw armError(res.status, where, text, hint);
        const status = parse(text).status;
        if (res.status === 202 || status === "InProgress" || status === "Running") continue;
        if (status && status !== "Succeeded") throw new Error(`${where} ended '${status}': ${safeMessage(text)}`);
        return {};
      }
      throw new Error(`${where} did not finish after ${MAX_POLLS} polls`);
    }
    return text ? parse(text) : {};
  }
  return {
    url: arm,
    call,
    async findByName(types, name, op) {
      if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(name)) return [];
      const list = types.map((t) => `'${t.toLowerCase()}'`).join(", ");
      const query = `resources | where type in~ (${list}) and name =~ '${name}' | project id, type`;
      const out = await call(
        "POST",
        `/providers/Microsoft.ResourceGraph/resources?api-version=${RESOURCE_GRAPH_API_VERSION}`,
        { query },
        op,
        " (grant the identity 'Reader' where the resource lives, or tag the secret with ProviderAddress)"
      );
      return (out.data ?? []).flatMap((r) => r.id ? [{ id: r.id, type: r.type ?? "" }] : []);
    }
  };
}
function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
function armError(status, where, text, hint) {
  return new Error(
    `Azure Resource Manager answered ${status} to ${where}${status === 403 ? hint : ""}: ${safeMessage(text)}`
  );
}
function safeMessage(text) {
  const body = parse(text);
  if (body.error) return `${body.error.code ?? ""} ${body.error.message ?? ""}`.trim().slice(0, 300);
  return text.slice(0, 200);
}

// src/adapters/providers/azure-key-kinds.ts
var obj = (body) => body && typeof body === "object" ? body : {};
function fields(map) {
  return (body) => {
    const b = obj(body);
    return Object.entries(map).flatMap(
      ([field, slot]) => typeof b[field] === "string" && b[field] !== "" ? [{ slot, value: b[field] }] : []
    );
  };
}
var sasRole = (provider) => `Contributor, or a custom role with ${provider}/namespaces/authorizationRules/listKeys/action and \u2026/regenerateKeys/action (an entity's rule: the same actions under the entity type)`;
var ARM_KEY_KINDS = [
  {
    kind: "azure-cosmosdb",
    name: "Azure Cosmos DB account key",
    ruleIds: ["azure-cosmosdb-connection-string", "azure-cosmosdb-key"],
    types: [
      {
        type: "Microsoft.DocumentDB/databaseAccounts",
        apiVersion: "2023-11-15",
        role: "DocumentDB Account Contributor (listKeys and regenerateKey actions)"
      }
    ],
    address: /AccountEndpoint\s*=\s*https:\/\/([a-z0-9-]{3,44})\.documents\.azure\.(?:com|us|cn)/i,
    list: "/listKeys",
    read: fields({
      primaryMasterKey: "primary",
      secondaryMasterKey: "secondary",
      primaryReadonlyMasterKey: "primaryReadonly",
      secondaryReadonlyMasterKey: "secondaryReadonly"
    }),
    regenerate: (k) => ({ path: "/regenerateKey", body: { keyKind: k.slot } }),
    pairs: [
      ["primary", "secondary"],
      ["primaryReadonly", "secondaryReadonly"]
    ]
  },
  {
    kind: "azure-sas-rule",
    name: "Azure Service Bus / Event Hubs / Relay shared access key",
    ruleIds: ["azure-servicebus-connection-string", "azure-servicebus-key", "azure-eventhubs-key", "azure-relay-key"],
    types: [
      {
        type: "Microsoft.ServiceBus/namespaces",
        apiVersion: "2021-11-01",
        keyHolder: "authorizationRules",
        entities: ["queues", "topics"],
        role: sasRole("Microsoft.ServiceBus")
      },
      {
        type: "Microsoft.EventHub/namespaces",
        apiVersion: "2024-01-01",
        keyHolder: "authorizationRules",
        entities: ["eventhubs"],
        role: sasRole("Microsoft.EventHub")
      },
      {
        type: "Microsoft.Relay/namespaces",
        apiVersion: "2021-11-01",
        keyHolder: "authorizationRules",
        entities: ["hybridConnections", "wcfRelays"],
        role: sasRole("Microsoft.Relay")
      }
    ],
    address: /Endpoint\s*=\s*sb:\/\/([a-z0-9-]{6,50})\.servicebus\.(?:windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)\/?\s*;(?:[^;]*;)*?\s*SharedAccessKeyName\s*=\s*(?<rule>[A-Za-z0-9._-]{1,256})(?:;(?:[^;]*;)*?\s*EntityPath\s*=\s*(?<entity>[A-Za-z0-9._/-]{1,260}))?/i,
    list: "/listKeys",
    read: fields({ primaryKey: "PrimaryKey", secondaryKey: "SecondaryKey" }),
    regenerate: (k) => ({ path: "/regenerateKeys", body: { keyType: k.slot } }),
    pairs: [["PrimaryKey", "SecondaryKey"]]
  },
  {
    kind: "azure-redis",
    name: "Azure Cache for Redis access key",
    ruleIds: ["azure-cache-for-redis-key"],
    types: [
      {
        type: "Microsoft.Cache/redis",
        apiVersion: "2023-08-01",
        role: "Redis Cache Contributor (listKeys and regenerateKey actions)"
      }
    ],
    address: /([a-z0-9-]{1,63})\.redis\.cache\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)/i,
    list: "/listKeys",
    read: fields({ primaryKey: "Primary", secondaryKey: "Secondary" }),
    regenerate: (k) => ({ path: "/regenerateKey", body: { keyType: k.slot } }),
    pairs: [["Primary", "Secondary"]]
  },
  {
    kind: "azure-cognitive-services",
    name: "Azure OpenAI / AI services key",
    ruleIds: ["azure-openai-key", "azure-ai-services-key", "azure-cognitive-services-legacy-key"],
    types: [
      {
        type: "Microsoft.CognitiveServices/accounts",
        apiVersion: "2023-05-01",
        role: "Cognitive Services Contributor (listKeys and regenerateKey actions)"
      }
    ],
    address: /https:\/\/([a-z0-9-]{2,64})\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)/i,
    list: "/listKeys",
    read: fields({ key1: "Key1", key2: "Key2" }),
    regenerate: (k) => ({ path: "/regenerateKey", body: { keyName: k.slot } }),
    pairs: [["Key1", "Key2"]],
    // Azure OpenAI's model list: metadata of the models the resource offers, read with `api-key`.
    probe: {
      what: "GET /openai/models",
      applies: (resource) => obj(resource).kind === "OpenAI" || obj(resource).kind === "AIServices",
      request: (endpoint, key) => ({
        url: `${endpoint.replace(/\/+$/, "")}/openai/models?api-version=2024-10-21`,
        headers: { "api-key": key }
      })
    }
  },
  {
    kind: "azure-search",
    name: "Azure AI Search admin key",
    ruleIds: ["azure-search-key"],
    types: [
      {
        type: "Microsoft.Search/searchServices",
        apiVersion: "2023-11-01",
        role: "Search Service Contributor (listAdminKeys and regenerateAdminKey actions)"
      }
    ],
    address: /https:\/\/([a-z0-9-]{2,60})\.search\.(?:windows\.net|azure\.us|azure\.cn)/i,
    list: "/listAdminKeys",
    read: fields({ primaryKey: "primary", secondaryKey: "secondary" }),
    regenerate: (k) => ({ path: `/regenerateAdminKey/${k.slot}` }),
    pairs: [["primary", "secondary"]]
  },
  {
    kind: "azure-container-registry",
    name: "Azure Container Registry admin password",
    ruleIds: ["azure-container-registry-password"],
    types: [
      {
        type: "Microsoft.ContainerRegistry/registries",
        apiVersion: "2023-07-01",
        role: "Contributor, or a custom role with registries/listCredentials/action and registries/regenerateCredential/action"
      }
    ],
    address: /([a-z0-9]{5,50})\.azurecr\.(?:io|us|cn)/i,
    list: "/listCredentials",
    read: (body) => {
      const passwords = obj(body).passwords;
      return (Array.isArray(passwords) ? passwords : []).flatMap((p) => {
        const { name, value } = obj(p);
        return typeof name === "string" && typeof value === "string" ? [{ slot: name, value }] : [];
      });
    },
    regenerate: (k) => ({ path: "/regenerateCredential", body: { name: k.slot } }),
    pairs: [["password", "password2"]]
  },
  {
    kind: "azure-signalr",
    name: "Azure SignalR / Web PubSub access key",
    ruleIds: ["azure-access-key-connection-string"],
    types: [
      {
        type: "Microsoft.SignalRService/signalR",
        apiVersion: "2023-02-01",
        role: "SignalR/Web PubSub Contributor (listKeys and regenerateKey actions)"
      },
      {
        type: "Microsoft.SignalRService/webPubSub",
        apiVersion: "2023-02-01",
        role: "SignalR/Web PubSub Contributor (listKeys and regenerateKey actions)"
      }
    ],
    address: /Endpoint\s*=\s*https?:\/\/([a-z0-9-]{3,63})\.(?:service\.signalr\.net|webpubsub\.azure\.com)/i,
    list: "/listKeys",
    read: fields({ primaryKey: "Primary", secondaryKey: "Secondary" }),
    regenerate: (k) => ({ path: "/regenerateKey", body: { keyType: k.slot } }),
    pairs: [["Primary", "Secondary"]]
  },
  {
    kind: "azure-app-configuration",
    name: "Azure App Configuration access key",
    ruleIds: ["azure-app-configuration-connection-string", "azure-app-configuration-key"],
    types: [
      {
        type: "Microsoft.AppConfiguration/configurationStores",
        apiVersion: "2023-03-01",
        role: "App Configuration Contributor (listKeys and regenerateKey actions)"
      }
    ],
    address: /Endpoint\s*=\s*https:\/\/([a-z0-9-]{5,50})\.azconfig\.io/i,
    list: "/listKeys",
    read: (body) => {
      const value = obj(body).value;
      return (Array.isArray(value) ? value : []).flatMap((k) => {
        const { id, name, value: v } = obj(k);
        return typeof name === "string" && typeof v === "string" && typeof id === "string" ? [{ slot: name, value: v, ref: id }] : [];
      });
    },
    regenerate: (k) => ({ path: "/regenerateKey", body: { id: k.ref ?? k.slot } }),
    pairs: [
      ["Primary", "Secondary"],
      ["Primary Read Only", "Secondary Read Only"]
    ]
  }
];

// src/adapters/providers/azure-keys.ts
function createArmKeyRotators(options) {
  return ARM_KEY_KINDS.map((k) => createArmKeyRotator(k, options));
}
function createArmKeyRotator(kind, options) {
  const arm = createArmClient(options);
  const http = options.fetch ?? fetch;
  const typeOf = (id) => kind.types.find((t) => providerPart(id, t) !== void 0);
  const versionOf = (id) => typeOf(id)?.apiVersion ?? kind.types[0].apiVersion;
  const hint = (id) => ` (grant the identity ${typeOf(id)?.role ?? "the key operator role"} on ${id})`;
  async function list(id, op) {
    const out = await arm.call("POST", `${id}${kind.list}?api-version=${versionOf(id)}`, void 0, op, hint(id));
    return kind.read(out);
  }
  async function regenerate(id, key, op) {
    const { path, body } = kind.regenerate(key);
    const out = await arm.call("POST", `${id}${path}?api-version=${versionOf(id)}`, body, op, hint(id));
    const keys = kind.read(out);
    return keys.length >= 2 ? keys : await list(id, op);
  }
  const holding = (keys, value) => value === void 0 ? void 0 : keys.find((k) => k.value === value);
  const partnerOf = (slot) => {
    const pair = kind.pairs.find((p) => p.some((s) => same(s, slot)));
    return pair ? same(pair[0], slot) ? pair[1] : pair[0] : void 0;
  };
  async function endpointOf(id, op) {
    if (!id || !kind.probe) return void 0;
    const resource = await arm.call("GET", `${id}?api-version=${versionOf(id)}`, void 0, op, hint(id));
    const endpoint = resource.properties?.endpoint;
    return typeof endpoint === "string" && kind.probe.applies(resource) ? endpoint : void 0;
  }
  async function probeStatus(endpoint, key, op) {
    if (!kind.probe) return void 0;
    const req = kind.probe.request(endpoint, key);
    const res = await http(req.url, {
      headers: { ...req.headers, accept: "application/json" },
      redirect: "manual",
      ...op?.abortSignal ? { signal: op.abortSignal } : {}
    });
    await res.body?.cancel();
    return res.status;
  }
  function keyHolders(resourceId, rule, entity) {
    const type = typeOf(resourceId);
    if (!type?.keyHolder) return [resourceId];
    if (/\/authorizationRules\/[^/]+$/i.test(resourceId)) return [resourceId];
    if (!rule) return [];
    const base = providerPart(resourceId, type);
    const r = encodeURIComponent(rule);
    const entityRules = entity ? (type.entities ?? []).map((c) => `${base}/${c}/${encodeURIComponent(entity)}/authorizationRules/${r}`) : [];
    return [...entityRules, `${base}/authorizationRules/${r}`];
  }
  return {
    kind: kind.kind,
    name: kind.name,
    applies: (c) => c.ruleIds.some((r) => kind.ruleIds.includes(r)) || kind.types.some((t) => providerPart(tagOf(c, "ProviderAddress") ?? "", t) !== void 0),
    async locate(c, op) {
      const address = tagOf(c, "ProviderAddress");
      const parsed = addressOf(kind, c);
      let candidates;
      let source;
      if (address && typeOf(address)) {
        source = "tags";
        candidates = keyHolders(address, parsed?.rule, parsed?.entity);
      } else {
        if (!parsed) return void 0;
        const found = await arm.findByName(
          kind.types.map((t) => t.type),
          parsed.name,
          op
        );
        if (found.length > 1) {
          throw new Error(`${found.length} resources are named '${parsed.name}'; tag the secret with ProviderAddress`);
        }
        const id = found[0]?.id;
        if (!id || !typeOf(id)) return void 0;
        source = "value";
        candidates = keyHolders(id, parsed.rule, parsed.entity);
      }
      const tagged = slotOfTag(kind, tagOf(c, "CredentialId"));
      const endpoint = kind.probe ? await endpointOf(candidates[0], op) : void 0;
      let fallback;
      for (const id of candidates) {
        let keys;
        try {
          keys = await list(id, op);
        } catch (e) {
          if (/answered 404/.test(e.message) && id !== candidates.at(-1)) continue;
          throw e;
        }
        const leaked = holding(keys, c.value);
        if (leaked) return location(kind, id, leaked.slot, source, endpoint);
        if (!fallback && (holding(keys, c.stored) || source === "tags"))
          fallback = { id, ...tagged ? { slot: tagged } : {} };
      }
      return fallback ? location(kind, fallback.id, fallback.slot, source, endpoint) : void 0;
    },
    plan(loc) {
      const leaked = loc.credentialId ?? kind.pairs[0][0];
      const other = partnerOf(leaked) ?? leaked;
      const type = typeOf(loc.resource);
      const scope = (type && providerPart(loc.resource, type)) ?? loc.resource;
      const role = `${type?.role ?? "a role with the list and regenerate key actions"} on ${scope}`;
      return {
        location: loc,
        mode: "rotate",
        steps: [
          { description: `regenerate ${other} (the key that did not leak) of ${loc.resource}`, permission: role },
          {
            description: `regenerate ${leaked} (the leaked key), after the vault holds the new ${other}`,
            permission: role
          },
          kind.probe && loc.details?.endpoint ? {
            description: `probe: ${kind.probe.what} at ${loc.details.endpoint} must answer 401 with the leaked key, 200 with the new (metadata only)`,
            permission: "none (sent with the keys themselves)"
          } : {
            description: `proof: the key list (POST ${kind.list}) must no longer hold the leaked key and must hold the new one (no read-only data-plane probe for this kind)`,
            permission: role
          }
        ]
      };
    },
    async rotate(plan, c, op) {
      const id = plan.location.resource;
      const keys = await list(id, op);
      const leaked = holding(keys, c.value);
      if (!leaked) {
        const inUse = holding(keys, c.stored);
        if (!inUse) {
          throw new Error(
            "the leaked key is no longer one of the resource's keys, and the vault holds neither current key; store a current key by hand"
          );
        }
        return { value: inUse.value, tags: { CredentialId: inUse.slot } };
      }
      const otherSlot = partnerOf(leaked.slot);
      const other = keys.find((k) => otherSlot !== void 0 && same(k.slot, otherSlot));
      if (!other) throw new Error(`${kind.name}: no key pairs with ${leaked.slot}; regenerate it by hand`);
      if (c.stored !== void 0 && other.value === c.stored)
        return { value: c.stored, tags: { CredentialId: other.slot } };
      const fresh = (await regenerate(id, other, op)).find((k) => same(k.slot, other.slot));
      if (!fresh || fresh.value === other.value) throw new Error(`regenerating ${other.slot} returned no new key`);
      return { value: fresh.value, tags: { CredentialId: fresh.slot } };
    },
    async finish(plan, c, op) {
      const id = plan.location.resource;
      const leaked = holding(await list(id, op), c.value);
      if (leaked) await regenerate(id, leaked, op);
    },
    async prove(plan, c, replacement, op) {
      if (options.probe === false) return { leaked: "unknown", evidence: "the probe is turned off" };
      const endpoint = plan.location.details?.endpoint;
      if (kind.probe && endpoint) {
        const old2 = await probeStatus(endpoint, c.value, op);
        const fresh2 = replacement === void 0 ? void 0 : await probeStatus(endpoint, replacement, op);
        const verdict = (s) => s === 401 || s === 403 ? "rejected" : s !== void 0 && s >= 200 && s < 300 ? "accepted" : "unknown";
        return {
          leaked: verdict(old2),
          ...fresh2 !== void 0 ? { replacement: verdict(fresh2) } : {},
          evidence: `${kind.probe.what} with the leaked key: ${old2}${fresh2 !== void 0 ? `, with the new key: ${fresh2}` : ""}`
        };
      }
      const keys = await list(plan.location.resource, op);
      const old = holding(keys, c.value) !== void 0;
      const fresh = replacement === void 0 ? void 0 : holding(keys, replacement) !== void 0;
      return {
        leaked: old ? "accepted" : "rejected",
        ...fresh !== void 0 ? { replacement: fresh ? "accepted" : "rejected" } : {},
        evidence: `management API key list (no data-plane probe for this kind): the leaked key is ${old ? "still" : "no longer"} one of the resource's keys${fresh === void 0 ? "" : fresh ? ", the new key is" : ", the new key is not"}`
      };
    }
  };
}
function location(kind, id, slot, source, endpoint) {
  return {
    kind: kind.kind,
    resource: id,
    ...slot ? { credentialId: slot } : {},
    source,
    ...endpoint ? { details: { endpoint } } : {}
  };
}
function providerPart(id, type) {
  const at = id.toLowerCase().indexOf(`/providers/${type.type.toLowerCase()}/`);
  if (at < 0 || !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i.test(id.slice(0, at))) return void 0;
  const rest = id.slice(at + `/providers/${type.type}/`.length).split("/");
  return rest[0] ? id.slice(0, at + `/providers/${type.type}/`.length + rest[0].length) : void 0;
}
function tagOf(c, name) {
  const v = c.holders.find((h) => h.tags[name])?.tags[name] ?? c.tags?.[name];
  return v?.trim() || void 0;
}
function addressOf(kind, c) {
  for (const text of [c.context, ...c.holders.map((h) => h.value)]) {
    const m = text ? kind.address.exec(text) : null;
    if (m?.[1]) return { name: m[1].toLowerCase(), rule: m.groups?.rule, entity: m.groups?.entity };
  }
  return void 0;
}
var same = (a, b) => a.replace(/\s+/g, "").toLowerCase() === b.replace(/\s+/g, "").toLowerCase();
function slotOfTag(kind, tag) {
  if (!tag) return void 0;
  const slots = kind.pairs.flat();
  const exact = slots.find((s) => same(s, tag));
  if (exact) return exact;
  const [first, second] = kind.pairs[0];
  const t = tag.toLowerCase();
  if (t === "key1" || t === "primary" || t === "primarykey") return first;
  if (t === "key2" || t === "secondary" || t === "secondarykey") return second;
  return void 0;
}

// src/adapters/providers/azure-server-admin.ts
import { randomInt } from "node:crypto";
var ADMIN_SERVER_TYPES = [
  {
    type: "Microsoft.Sql/servers",
    apiVersion: "2021-11-01",
    name: "Azure SQL server",
    host: /\b([a-z0-9][a-z0-9-]{0,62})\.database\.(?:windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)\b/i,
    role: "SQL Server Contributor (Microsoft.Sql/servers/read and /write)"
  },
  {
    type: "Microsoft.DBforPostgreSQL/flexibleServers",
    apiVersion: "2022-12-01",
    name: "Azure Database for PostgreSQL flexible server",
    host: /\b([a-z0-9][a-z0-9-]{2,62})\.postgres\.database\.(?:azure\.com|usgovcloudapi\.net|chinacloudapi\.cn)\b/i,
    role: "Contributor, or a custom role with Microsoft.DBforPostgreSQL/flexibleServers/read and /write"
  },
  {
    type: "Microsoft.DBforMySQL/flexibleServers",
    apiVersion: "2023-12-30",
    name: "Azure Database for MySQL flexible server",
    host: /\b([a-z0-9][a-z0-9-]{2,62})\.mysql\.database\.(?:azure\.com|usgovcloudapi\.net|chinacloudapi\.cn)\b/i,
    role: "Contributor, or a custom role with Microsoft.DBforMySQL/flexibleServers/read and /write"
  }
];
var AZURE_SERVER_ADMIN_KIND = "azure-server-admin";
function newAdminPassword(login, replacing = "") {
  const classes = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "-_."];
  const all = classes.join("");
  const length = Math.min(128, Math.max(32, replacing.length));
  for (; ; ) {
    const chars = classes.map((c) => c[randomInt(c.length)]);
    while (chars.length < length) chars.push(all[randomInt(all.length)]);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const out = chars.join("");
    if (!login || !out.toLowerCase().includes(login.toLowerCase())) return out;
  }
}
function createAzureServerAdminRotator(options) {
  const arm = createArmClient(options);
  const hint = (t, id) => ` (grant the identity ${t?.role ?? "a role that may read and write the server"} on ${id})`;
  async function server(id, t, op) {
    const body = await arm.call("GET", `${id}?api-version=${t.apiVersion}`, void 0, op, hint(t, id));
    const p = body.properties ?? {};
    return {
      admin: typeof p.administratorLogin === "string" ? p.administratorLogin : void 0,
      fqdn: typeof p.fullyQualifiedDomainName === "string" ? p.fullyQualifiedDomainName : void 0,
      state: typeof p.state === "string" ? p.state : void 0
    };
  }
  return {
    kind: AZURE_SERVER_ADMIN_KIND,
    name: "Azure SQL / flexible server administrator password",
    applies: (c) => typeOfId(tagOf2(c, "ProviderAddress") ?? "") !== void 0 || addressOf2(c) !== void 0,
    async locate(c, op) {
      const tagged = tagOf2(c, "ProviderAddress");
      const parsed = addressOf2(c);
      let id;
      let source;
      if (tagged && typeOfId(tagged)) {
        id = tagged;
        source = "tags";
      } else {
        if (!parsed) return void 0;
        const found = await arm.findByName([parsed.type.type], parsed.name, op);
        if (found.length > 1) {
          throw new Error(`${found.length} servers are named '${parsed.name}'; tag the secret with ProviderAddress`);
        }
        id = found[0]?.id;
        source = "value";
      }
      const t = id ? typeOfId(id) : void 0;
      if (!id || !t) return void 0;
      const { admin, fqdn } = await server(id, t, op);
      const user = parsed?.user ?? tagOf2(c, "CredentialId");
      if (!admin) throw new Error(`${t.name} ${id} reports no administrator login`);
      if (!user) {
        throw new Error(
          `the leak names no login, so it cannot be told to be the administrator '${admin}'; tag the secret with CredentialId (the login)`
        );
      }
      if (user.toLowerCase() !== admin.toLowerCase()) {
        throw new Error(
          `the leaked login '${user}' is not the server's administrator login ('${admin}'): the management API sets only the administrator's password. A person changes '${user}''s password on the server itself (${t.type === "Microsoft.Sql/servers" ? "ALTER LOGIN / ALTER USER \u2026 WITH PASSWORD" : "ALTER ROLE / ALTER USER"}), or configures an administrator identity for leakstop's database rotators`
        );
      }
      return {
        kind: AZURE_SERVER_ADMIN_KIND,
        resource: id,
        credentialId: admin,
        source,
        details: { type: t.type, apiVersion: t.apiVersion, ...fqdn ? { host: fqdn } : {} }
      };
    },
    plan(loc) {
      const t = typeOfId(loc.resource);
      const role = `${t?.role ?? "a role that may read and write the server"} on ${loc.resource}`;
      return {
        location: loc,
        mode: "rotate",
        steps: [
          {
            description: `read ${loc.resource} (GET): the leaked login must be its administratorLogin '${loc.credentialId ?? "?"}'`,
            permission: role
          },
          {
            description: `set a new administrator password (PATCH properties.administratorLoginPassword, api-version ${t?.apiVersion ?? "?"}), generated per the server's password policy; every vault holder gets it`,
            permission: role
          },
          {
            description: "proof: management API only (the server must report it took the change); no login is tried with the leaked password",
            permission: role
          }
        ]
      };
    },
    async rotate(plan, c, op) {
      if (c.stored !== void 0) return { value: c.stored, tags: { CredentialId: plan.location.credentialId ?? "" } };
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
        hint(t, id)
      );
      return { value, tags: { CredentialId: login } };
    },
    async prove(plan, _c, _replacement, op) {
      if (options.probe === false) return { leaked: "unknown", evidence: "the probe is turned off" };
      const id = plan.location.resource;
      const t = typeOfId(id);
      const { admin, state } = t ? await server(id, t, op) : { admin: void 0, state: void 0 };
      const login = plan.location.credentialId ?? "";
      const done = admin?.toLowerCase() === login.toLowerCase() && (state === void 0 || /^ready$/i.test(state));
      return {
        leaked: done ? "rejected" : "unknown",
        replacement: "unknown",
        evidence: done ? `management API only: the update of administrator '${login}' to the new password completed (state ${state ?? "not reported"}); a login has one password, so the leaked one is refused; no login was tried (the server's data plane is usually firewalled from here)` : `management API only: the server reports state ${state ?? "?"} and administrator '${admin ?? "?"}'; the change is not shown complete`
      };
    }
  };
}
function typeOfId(id) {
  return ADMIN_SERVER_TYPES.find(
    (t) => new RegExp(
      `^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/${t.type.replace(/[./]/g, "\\$&")}/[A-Za-z0-9-]+$`,
      "i"
    ).test(id)
  );
}
function tagOf2(c, name) {
  const v = c.holders.find((h) => h.tags[name])?.tags[name] ?? c.tags?.[name];
  return v?.trim() || void 0;
}
var URL_USER = /\b[a-z][a-z0-9+.-]*:\/\/([^:@/\s"'`]+)(?::[^@\s]*)?@/i;
var KEY_USER = /(?:^|[;\s"'{])(?:User\s*ID|UID|User(?:name)?)\s*=\s*("?)([^;"\r\n]+)\1/i;
function addressOf2(c) {
  for (const text of [c.context, ...c.holders.map((h) => h.value)]) {
    if (!text) continue;
    for (const type of ADMIN_SERVER_TYPES) {
      const m = type.host.exec(text);
      if (!m?.[1]) continue;
      const raw = URL_USER.exec(text)?.[1] ?? KEY_USER.exec(text)?.[2]?.trim();
      const user = raw ? safeDecode(raw).replace(/@[^@]*$/, "") : void 0;
      return { type, name: m[1].toLowerCase(), ...user ? { user } : {} };
    }
  }
  return void 0;
}
function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// src/adapters/providers/entra-app-secret.ts
var RULE = "azure-entra-client-secret";
var GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
var GUID_RE = new RegExp(`^${GUID}$`);
var CLIENT_ID = new RegExp(`(?:client|app(?:lication)?)[ _.-]?id["']?\\s*[:=]\\s*["']?(${GUID})`, "i");
var TENANT_ID = new RegExp(`(?:tenant|directory)[ _.-]?id["']?\\s*[:=]\\s*["']?(${GUID})`, "i");
var SELECT = "$select=id,appId,passwordCredentials";
var WRITE = "Application.ReadWrite.OwnedBy (the identity owns the app) or Application.ReadWrite.All (Graph application permission)";
var READ = "Application.Read.All, or Application.ReadWrite.OwnedBy for apps the identity owns";
function createEntraAppSecretRotator(options) {
  const graph = (options.graphUrl ?? "https://graph.microsoft.com").replace(/\/+$/, "");
  const authority = (options.authorityHost ?? "https://login.microsoftonline.com").replace(/\/+$/, "");
  const http = options.fetch ?? fetch;
  const attempts = Math.max(1, options.probeAttempts ?? 6);
  const interval = options.probeIntervalInMs ?? 5e3;
  async function call(method, pathOrUrl, body, op) {
    const token = await options.getToken(`${graph}/.default`, op);
    const url = pathOrUrl.startsWith(graph) ? pathOrUrl : `${graph}/v1.0${pathOrUrl}`;
    if (new URL(url).origin !== new URL(graph).origin) throw new Error(`Graph pointed outside ${graph}`);
    const res = await http(url, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
      ...body !== void 0 ? { body: JSON.stringify(body) } : {},
      ...op?.abortSignal ? { signal: op.abortSignal } : {}
    });
    const text = await res.text();
    if (!res.ok) {
      const err = parse2(text).error;
      const hint = res.status === 403 ? ` (grant the identity ${method === "GET" ? READ : WRITE})` : "";
      throw new Error(
        `Microsoft Graph answered ${res.status} to ${method} ${new URL(url).pathname}${hint}: ${`${err?.code ?? ""} ${err?.message ?? ""}`.trim().slice(0, 300)}`
      );
    }
    return text ? parse2(text) : {};
  }
  const getApp = async (objectId, op) => await call("GET", `/applications/${encodeURIComponent(objectId)}?${SELECT}`, void 0, op);
  async function appsByClientId(appId, op) {
    const filter = encodeURIComponent(`appId eq '${appId}'`);
    return (await call("GET", `/applications?$filter=${filter}&${SELECT}`, void 0, op)).value ?? [];
  }
  async function appsWithHint(hint, op) {
    const found = [];
    let next = `/applications?${SELECT}&$top=999`;
    for (let page = 0; next && page < (options.maxPages ?? 20); page++) {
      const out = await call("GET", next, void 0, op);
      found.push(...(out.value ?? []).filter((a) => a.passwordCredentials?.some((p) => p.hint === hint)));
      next = out["@odata.nextLink"];
    }
    if (next)
      throw new Error(
        "too many applications to search by hint; tag the secret with ProviderAddress (the app's client id)"
      );
    return found;
  }
  async function tokenRequest(tenant, clientId, secret, op) {
    const res = await http(`${authority}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: secret,
        scope: `${graph}/.default`
      }).toString(),
      ...op?.abortSignal ? { signal: op.abortSignal } : {}
    });
    const body = parse2(await res.text());
    const code = body.error_codes?.[0] ?? /AADSTS(\d+)/.exec(body.error_description ?? "")?.[1];
    return { status: res.status, error: body.error, code: code ? `AADSTS${code}` : void 0 };
  }
  const verdictOf = (t) => t.status === 200 ? "accepted" : t.error === "invalid_client" ? "rejected" : "unknown";
  const describe = (t) => `${t.status}${t.error ? ` ${t.error}` : ""}${t.code ? ` (${t.code})` : ""}`;
  return {
    kind: "entra-app-secret",
    name: "Microsoft Entra ID application client secret",
    applies: (c) => c.ruleIds.includes(RULE),
    async locate(c, op) {
      const hint = c.value.slice(0, 3);
      const address = tagOf3(c, "ProviderAddress");
      const taggedKey = tagOf3(c, "CredentialId");
      const tenant = textMatch(c, TENANT_ID) ?? options.tenantId;
      const clientId = address && GUID_RE.test(address) ? address : textMatch(c, CLIENT_ID);
      let source = address && GUID_RE.test(address) ? "tags" : "value";
      let apps;
      if (clientId) {
        apps = await appsByClientId(clientId, op);
        if (apps.length === 0 && source === "tags") apps = [await getApp(clientId, op)];
      } else {
        apps = await appsWithHint(hint, op);
        source = "value";
      }
      const leakedOf = (a) => {
        const same2 = (a.passwordCredentials ?? []).filter((p) => p.hint === hint);
        const tagged = same2.filter((p) => p.keyId === taggedKey);
        return tagged.length > 0 ? tagged : same2;
      };
      let candidates = apps.filter((a) => leakedOf(a).length > 0);
      if (candidates.length > 1 && tenant) {
        const accepted = [];
        for (const a of candidates.slice(0, 10)) {
          if (verdictOf(await tokenRequest(tenant, a.appId, c.value, op)) === "accepted") accepted.push(a);
        }
        candidates = accepted;
      }
      if (candidates.length === 0 && c.stored !== void 0) {
        const storedHint = c.stored.slice(0, 3);
        const holding = (clientId ? apps : await appsWithHint(storedHint, op)).filter(
          (a) => a.passwordCredentials?.some((p) => p.hint === storedHint)
        );
        if (holding.length === 1) return appLocation(holding[0], void 0, source, tenant);
      }
      if (candidates.length === 0) return void 0;
      if (candidates.length > 1) {
        throw new Error(
          `${candidates.length} applications have a secret starting '${hint.slice(0, 1)}\u2026'; tag the secret with ProviderAddress (the app's client id)`
        );
      }
      const app = candidates[0];
      const keys = leakedOf(app);
      if (keys.length > 1) {
        throw new Error(
          `application ${app.appId} has ${keys.length} secrets with the leaked one's hint; tag the secret with CredentialId (its key id) or remove it by hand`
        );
      }
      return appLocation(app, keys[0].keyId, source, tenant);
    },
    plan(loc) {
      const id = loc.details?.objectId ?? "?";
      return {
        location: loc,
        mode: "rotate",
        steps: [
          { description: `read the app's password credentials (key ids and hints only) at ${graph}`, permission: READ },
          { description: `POST /applications/${id}/addPassword: a new client secret`, permission: WRITE },
          {
            description: loc.credentialId ? `POST /applications/${id}/removePassword the leaked key ${loc.credentialId}, after the vault holds the new secret` : "nothing to remove: the leaked secret is no longer on the app",
            permission: WRITE
          },
          {
            description: `probe: a client-credentials token request at ${authority} must be refused with the leaked secret, granted with the new`,
            permission: "none (the app's own secrets; no data is read)"
          }
        ]
      };
    },
    async rotate(plan, c, op) {
      const { objectId, appId, tenantId } = plan.location.details ?? {};
      if (!objectId || !appId) throw new Error("the application's object id is unknown");
      const app = await getApp(objectId, op);
      const leakedKey = plan.location.credentialId;
      if (c.stored !== void 0) {
        const holder = app.passwordCredentials?.find((p) => p.hint === c.stored?.slice(0, 3) && p.keyId !== leakedKey);
        const live = tenantId ? verdictOf(await tokenRequest(tenantId, appId, c.stored, op)) === "accepted" : !!holder;
        if (live) return { value: c.stored, ...holder ? { tags: { CredentialId: holder.keyId } } : {} };
      }
      if (!app.passwordCredentials?.some((p) => p.keyId === leakedKey)) {
        throw new Error("the leaked secret is already removed, and the vault holds no newer one; add a secret by hand");
      }
      const days = Number(tagOf3(c, "ValidityPeriodDays"));
      const end = Number.isFinite(days) && days > 0 ? new Date(Date.now() + days * 864e5).toISOString() : void 0;
      const out = await call(
        "POST",
        `/applications/${encodeURIComponent(objectId)}/addPassword`,
        {
          passwordCredential: {
            displayName: `leakstop rotation ${(/* @__PURE__ */ new Date()).toISOString().slice(0, 10)}`,
            ...end ? { endDateTime: end } : {}
          }
        },
        op
      );
      if (!out.secretText || !out.keyId) throw new Error("addPassword returned no secret");
      return { value: out.secretText, tags: { CredentialId: out.keyId } };
    },
    async finish(plan, c, op) {
      const objectId = plan.location.details?.objectId;
      const keyId = plan.location.credentialId;
      if (!objectId || !keyId) return;
      const app = await getApp(objectId, op);
      const target = app.passwordCredentials?.find((p) => p.keyId === keyId);
      if (!target || target.hint !== c.value.slice(0, 3)) return;
      await call("POST", `/applications/${encodeURIComponent(objectId)}/removePassword`, { keyId }, op);
    },
    async prove(plan, c, replacement, op) {
      if (options.probe === false) return { leaked: "unknown", evidence: "the probe is turned off" };
      const { appId, tenantId } = plan.location.details ?? {};
      if (!appId || !tenantId) {
        return { leaked: "unknown", evidence: "the app's tenant is unknown (set the responder's tenant id)" };
      }
      let old = await tokenRequest(tenantId, appId, c.value, op);
      let fresh = replacement ? await tokenRequest(tenantId, appId, replacement, op) : void 0;
      for (let i = 1; i < attempts && (verdictOf(old) === "accepted" || fresh && verdictOf(fresh) !== "accepted"); i++) {
        await new Promise((r) => setTimeout(r, interval));
        old = await tokenRequest(tenantId, appId, c.value, op);
        if (replacement) fresh = await tokenRequest(tenantId, appId, replacement, op);
      }
      return {
        leaked: verdictOf(old),
        ...fresh ? { replacement: verdictOf(fresh) } : {},
        evidence: `client-credentials token request with the leaked secret: ${describe(old)}${fresh ? `, with the new secret: ${describe(fresh)}` : ""}`
      };
    }
  };
}
function appLocation(app, keyId, source, tenant) {
  return {
    kind: "entra-app-secret",
    resource: `application ${app.appId} (object ${app.id})`,
    ...keyId ? { credentialId: keyId } : {},
    source,
    details: { objectId: app.id, appId: app.appId, ...tenant ? { tenantId: tenant } : {} }
  };
}
function parse2(text) {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
function tagOf3(c, name) {
  const v = c.holders.find((h) => h.tags[name])?.tags[name] ?? c.tags?.[name];
  return v?.trim() || void 0;
}
function textMatch(c, re) {
  for (const text of [c.context, ...c.holders.map((h) => h.value)]) {
    const m = text ? re.exec(text)?.[1] : void 0;
    if (m) return m.toLowerCase();
  }
  return void 0;
}

// src/adapters/providers/azure-rotators.ts
function createAzureRotators(options) {
  return [
    createAzureStorageRotator(options),
    ...createArmKeyRotators(options),
    createAzureServerAdminRotator(options),
    createEntraAppSecretRotator({
      getToken: options.getToken,
      ...options.graphUrl ? { graphUrl: options.graphUrl } : {},
      ...options.authorityHost ? { authorityHost: options.authorityHost } : {},
      ...options.tenantId ? { tenantId: options.tenantId } : {},
      ...options.fetch ? { fetch: options.fetch } : {},
      ...options.probe !== void 0 ? { probe: options.probe } : {}
    })
  ];
}

export {
  createAzureRotators
};
