/**
 * Azure resources whose keys come in pairs and are regenerated one at a time through their
 * management API, as data (like the rules): where the leak names the resource, the REST paths
 * and api-versions, how to read the key list, how to ask for one key to be regenerated, and the
 * least-privilege role. One rotator (`azure-keys.ts`) runs them all with a two-key swap.
 *
 * The REST facts are Microsoft's public API reference (learn.microsoft.com/rest/api/…):
 * Cosmos DB `databaseAccounts/{a}/listKeys|regenerateKey {keyKind}`; Service Bus, Event Hubs and
 * Relay `…/authorizationRules/{r}/listKeys|regenerateKeys {keyType}`; Cache for Redis
 * `redis/{n}/listKeys|regenerateKey {keyType}`; Cognitive Services (Azure OpenAI, AI services)
 * `accounts/{n}/listKeys|regenerateKey {keyName}`; AI Search `listAdminKeys|regenerateAdminKey/{kind}`;
 * Container Registry `listCredentials|regenerateCredential {name}`; SignalR and Web PubSub
 * `listKeys|regenerateKey {keyType}`; App Configuration `listKeys|regenerateKey {id}`.
 */

/** One key of a resource as its management API lists it. */
export interface ListedKey {
  /** The key's name at the API (`PrimaryKey`, `key1`, `password2`, `Primary Read Only`…). */
  readonly slot: string;
  /** Sensitive: never logged. */
  readonly value: string;
  /** What the regenerate call names it by when that is not the slot (App Configuration's key id). */
  readonly ref?: string;
}

/** One Azure resource type that holds key pairs. */
export interface ArmKeyResourceType {
  /** `Microsoft.ServiceBus/namespaces`. */
  readonly type: string;
  readonly apiVersion: string;
  /** Sub-resources under the resource that hold the keys, e.g. `authorizationRules/{rule}`. */
  readonly keyHolder?: "authorizationRules";
  /** Entity collections with their own authorization rules (`queues`, `eventhubs`, `hybridConnections`…). */
  readonly entities?: readonly string[];
  /** The least-privilege built-in role (or a custom role's actions) for listing and regenerating. */
  readonly role: string;
}

/** A kind of Azure key pair: shared shape, one row per service. */
export interface ArmKeyKind {
  /** Rotator kind, e.g. `azure-cosmosdb`. */
  readonly kind: string;
  /** For issues: "Azure Cosmos DB account key". */
  readonly name: string;
  /** Rules whose findings it rotates. */
  readonly ruleIds: readonly string[];
  /** Resource types it may be (the messaging rule is one of three). */
  readonly types: readonly ArmKeyResourceType[];
  /**
   * From the leaked text or a holder: the resource name (group 1) and, for SAS rules, the rule
   * name and entity (named groups `rule`, `entity`).
   */
  readonly address: RegExp;
  /** Path under the resource id that lists the keys (POST). */
  readonly list: string;
  /** The listed keys. */
  readonly read: (body: unknown) => ListedKey[];
  /** Path under the resource id and body that regenerate one key (POST). */
  readonly regenerate: (key: ListedKey) => { path: string; body?: unknown };
  /** Keys swapped with each other: regenerating one leaves its partner working. */
  readonly pairs: ReadonlyArray<readonly [string, string]>;
  /**
   * A read-only data-plane request signed with one key, at the endpoint Azure Resource Manager
   * reports for the resource (`GET {id}` → `properties.endpoint`; never an endpoint from the leak,
   * which would send the key wherever the leak says). Absent: the proof is the key list.
   */
  readonly probe?: {
    /** For evidence: "GET /openai/models". */
    readonly what: string;
    /** Whether the resource (ARM's `GET {id}` answer) serves the request. */
    applies(resource: unknown): boolean;
    /** The request for `key` at `endpoint`. */
    request(endpoint: string, key: string): { url: string; headers: Record<string, string> };
  };
}

const obj = (body: unknown): Record<string, unknown> => (body && typeof body === "object" ? body : {}) as never;

/** Keys held as named string fields of the list answer. */
function fields(map: Record<string, string>): (body: unknown) => ListedKey[] {
  return (body) => {
    const b = obj(body);
    return Object.entries(map).flatMap(([field, slot]) =>
      typeof b[field] === "string" && b[field] !== "" ? [{ slot, value: b[field] as string }] : [],
    );
  };
}

/** The data-plane "Data Owner" roles cannot list or regenerate SAS keys: a management role can. */
const sasRole = (provider: string) =>
  `Contributor, or a custom role with ${provider}/namespaces/authorizationRules/listKeys/action and …/regenerateKeys/action (an entity's rule: the same actions under the entity type)`;

export const ARM_KEY_KINDS: readonly ArmKeyKind[] = [
  {
    kind: "azure-cosmosdb",
    name: "Azure Cosmos DB account key",
    ruleIds: ["azure-cosmosdb-connection-string", "azure-cosmosdb-key"],
    types: [
      {
        type: "Microsoft.DocumentDB/databaseAccounts",
        apiVersion: "2023-11-15",
        role: "DocumentDB Account Contributor (listKeys and regenerateKey actions)",
      },
    ],
    address: /AccountEndpoint\s*=\s*https:\/\/([a-z0-9-]{3,44})\.documents\.azure\.(?:com|us|cn)/i,
    list: "/listKeys",
    read: fields({
      primaryMasterKey: "primary",
      secondaryMasterKey: "secondary",
      primaryReadonlyMasterKey: "primaryReadonly",
      secondaryReadonlyMasterKey: "secondaryReadonly",
    }),
    regenerate: (k) => ({ path: "/regenerateKey", body: { keyKind: k.slot } }),
    pairs: [
      ["primary", "secondary"],
      ["primaryReadonly", "secondaryReadonly"],
    ],
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
        role: sasRole("Microsoft.ServiceBus"),
      },
      {
        type: "Microsoft.EventHub/namespaces",
        apiVersion: "2024-01-01",
        keyHolder: "authorizationRules",
        entities: ["eventhubs"],
        role: sasRole("Microsoft.EventHub"),
      },
      {
        type: "Microsoft.Relay/namespaces",
        apiVersion: "2021-11-01",
        keyHolder: "authorizationRules",
        entities: ["hybridConnections", "wcfRelays"],
        role: sasRole("Microsoft.Relay"),
      },
    ],
    address:
      /Endpoint\s*=\s*sb:\/\/([a-z0-9-]{6,50})\.servicebus\.(?:windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)\/?\s*;(?:[^;]*;)*?\s*SharedAccessKeyName\s*=\s*(?<rule>[A-Za-z0-9._-]{1,256})(?:;(?:[^;]*;)*?\s*EntityPath\s*=\s*(?<entity>[A-Za-z0-9._/-]{1,260}))?/i,
    list: "/listKeys",
    read: fields({ primaryKey: "PrimaryKey", secondaryKey: "SecondaryKey" }),
    regenerate: (k) => ({ path: "/regenerateKeys", body: { keyType: k.slot } }),
    pairs: [["PrimaryKey", "SecondaryKey"]],
  },
  {
    kind: "azure-redis",
    name: "Azure Cache for Redis access key",
    ruleIds: ["azure-cache-for-redis-key"],
    types: [
      {
        type: "Microsoft.Cache/redis",
        apiVersion: "2023-08-01",
        role: "Redis Cache Contributor (listKeys and regenerateKey actions)",
      },
    ],
    address: /([a-z0-9-]{1,63})\.redis\.cache\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)/i,
    list: "/listKeys",
    read: fields({ primaryKey: "Primary", secondaryKey: "Secondary" }),
    regenerate: (k) => ({ path: "/regenerateKey", body: { keyType: k.slot } }),
    pairs: [["Primary", "Secondary"]],
  },
  {
    kind: "azure-cognitive-services",
    name: "Azure OpenAI / AI services key",
    ruleIds: ["azure-openai-key", "azure-ai-services-key", "azure-cognitive-services-legacy-key"],
    types: [
      {
        type: "Microsoft.CognitiveServices/accounts",
        apiVersion: "2023-05-01",
        role: "Cognitive Services Contributor (listKeys and regenerateKey actions)",
      },
    ],
    address:
      /https:\/\/([a-z0-9-]{2,64})\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)/i,
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
        headers: { "api-key": key },
      }),
    },
  },
  {
    kind: "azure-search",
    name: "Azure AI Search admin key",
    ruleIds: ["azure-search-key"],
    types: [
      {
        type: "Microsoft.Search/searchServices",
        apiVersion: "2023-11-01",
        role: "Search Service Contributor (listAdminKeys and regenerateAdminKey actions)",
      },
    ],
    address: /https:\/\/([a-z0-9-]{2,60})\.search\.(?:windows\.net|azure\.us|azure\.cn)/i,
    list: "/listAdminKeys",
    read: fields({ primaryKey: "primary", secondaryKey: "secondary" }),
    regenerate: (k) => ({ path: `/regenerateAdminKey/${k.slot}` }),
    pairs: [["primary", "secondary"]],
  },
  {
    kind: "azure-container-registry",
    name: "Azure Container Registry admin password",
    ruleIds: ["azure-container-registry-password"],
    types: [
      {
        type: "Microsoft.ContainerRegistry/registries",
        apiVersion: "2023-07-01",
        role: "Contributor, or a custom role with registries/listCredentials/action and registries/regenerateCredential/action",
      },
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
    pairs: [["password", "password2"]],
  },
  {
    kind: "azure-signalr",
    name: "Azure SignalR / Web PubSub access key",
    ruleIds: ["azure-access-key-connection-string"],
    types: [
      {
        type: "Microsoft.SignalRService/signalR",
        apiVersion: "2023-02-01",
        role: "SignalR/Web PubSub Contributor (listKeys and regenerateKey actions)",
      },
      {
        type: "Microsoft.SignalRService/webPubSub",
        apiVersion: "2023-02-01",
        role: "SignalR/Web PubSub Contributor (listKeys and regenerateKey actions)",
      },
    ],
    address: /Endpoint\s*=\s*https?:\/\/([a-z0-9-]{3,63})\.(?:service\.signalr\.net|webpubsub\.azure\.com)/i,
    list: "/listKeys",
    read: fields({ primaryKey: "Primary", secondaryKey: "Secondary" }),
    regenerate: (k) => ({ path: "/regenerateKey", body: { keyType: k.slot } }),
    pairs: [["Primary", "Secondary"]],
  },
  {
    kind: "azure-app-configuration",
    name: "Azure App Configuration access key",
    ruleIds: ["azure-app-configuration-connection-string", "azure-app-configuration-key"],
    types: [
      {
        type: "Microsoft.AppConfiguration/configurationStores",
        apiVersion: "2023-03-01",
        role: "App Configuration Contributor (listKeys and regenerateKey actions)",
      },
    ],
    address: /Endpoint\s*=\s*https:\/\/([a-z0-9-]{5,50})\.azconfig\.io/i,
    list: "/listKeys",
    read: (body) => {
      const value = obj(body).value;
      return (Array.isArray(value) ? value : []).flatMap((k) => {
        const { id, name, value: v } = obj(k);
        return typeof name === "string" && typeof v === "string" && typeof id === "string"
          ? [{ slot: name, value: v, ref: id }]
          : [];
      });
    },
    regenerate: (k) => ({ path: "/regenerateKey", body: { id: k.ref ?? k.slot } }),
    pairs: [
      ["Primary", "Secondary"],
      ["Primary Read Only", "Secondary Read Only"],
    ],
  },
];
