/**
 * The ARM double's key-pair resources beyond storage: Cosmos DB, Service Bus / Event Hubs /
 * Relay authorization rules, Cache for Redis, Cognitive Services, AI Search, Container Registry,
 * SignalR / Web PubSub and App Configuration. Written from Microsoft's REST reference on its own
 * (not from the rotator's table), so a wrong path, body or api-version in `src/` fails here: each
 * kind answers its own list shape, takes its own regenerate body, and the long-running ones
 * (Cosmos DB, SignalR) answer 202 with a status URL, as the real services do.
 */
import { randomBytes } from "node:crypto";

export type KeyedKind =
  | "cosmos"
  | "servicebus"
  | "eventhubs"
  | "relay"
  | "redis"
  | "cognitive"
  | "search"
  | "acr"
  | "signalr"
  | "webpubsub"
  | "appconfig";

export interface KeyedResource {
  readonly kind: KeyedKind;
  /** The resource whose key operations are called (a SAS rule for the messaging kinds). */
  readonly id: string;
  /** The top-level resource Resource Graph finds (the namespace for a SAS rule). */
  readonly topId: string;
  readonly name: string;
  /** Current keys by the double's own slot names. */
  keys: Record<string, string>;
  /** `properties.endpoint` of the resource (Cognitive Services: where its data plane answers). */
  endpoint?: string;
}

interface Shape {
  readonly type: string;
  readonly api: string;
  readonly slots: readonly string[];
  readonly list: string;
  readonly newKey: () => string;
  listAnswer(r: KeyedResource): unknown;
  /** The slot a regenerate call names, or undefined when the call is not one. */
  regenerate(op: string, body: Record<string, unknown>, r: KeyedResource): string | undefined;
  /** The regenerate answer; `lro`: 202 and a status URL. */
  readonly regenerateAnswer: ((r: KeyedResource, slot: string) => unknown) | "lro";
}

const b64 = (n: number) => () => randomBytes(n).toString("base64");
const alnum = (n: number) => () =>
  randomBytes(n * 2)
    .toString("base64")
    .replace(/[+/=]/g, "")
    .slice(0, n);
const pair = (r: KeyedResource) => ({ primaryKey: r.keys.primaryKey, secondaryKey: r.keys.secondaryKey });
const sas = (type: string, api: string): Shape => ({
  type,
  api,
  slots: ["primaryKey", "secondaryKey"],
  list: "listKeys",
  newKey: b64(32),
  listAnswer: (r) => ({ ...pair(r), keyName: r.id.split("/").pop() }),
  regenerate: (op, b) =>
    op === "regeneratekeys"
      ? ({ PrimaryKey: "primaryKey", SecondaryKey: "secondaryKey" } as Record<string, string>)[String(b.keyType)]
      : undefined,
  regenerateAnswer: (r) => ({ ...pair(r), keyName: r.id.split("/").pop() }),
});

export const SHAPES: Record<KeyedKind, Shape> = {
  cosmos: {
    type: "Microsoft.DocumentDB/databaseAccounts",
    api: "2023-11-15",
    slots: ["primaryMasterKey", "secondaryMasterKey", "primaryReadonlyMasterKey", "secondaryReadonlyMasterKey"],
    list: "listKeys",
    newKey: b64(64),
    listAnswer: (r) => ({ ...r.keys }),
    regenerate: (op, b) =>
      op === "regeneratekey" &&
      ["primary", "secondary", "primaryReadonly", "secondaryReadonly"].includes(String(b.keyKind))
        ? `${String(b.keyKind)}MasterKey`
        : undefined,
    regenerateAnswer: "lro",
  },
  servicebus: sas("Microsoft.ServiceBus/namespaces", "2021-11-01"),
  eventhubs: sas("Microsoft.EventHub/namespaces", "2024-01-01"),
  relay: sas("Microsoft.Relay/namespaces", "2021-11-01"),
  redis: {
    type: "Microsoft.Cache/redis",
    api: "2023-08-01",
    slots: ["primaryKey", "secondaryKey"],
    list: "listKeys",
    newKey: b64(32),
    listAnswer: pair,
    regenerate: (op, b) =>
      op === "regeneratekey"
        ? ({ Primary: "primaryKey", Secondary: "secondaryKey" } as Record<string, string>)[String(b.keyType)]
        : undefined,
    regenerateAnswer: pair,
  },
  cognitive: {
    type: "Microsoft.CognitiveServices/accounts",
    api: "2023-05-01",
    slots: ["key1", "key2"],
    list: "listKeys",
    newKey: () => randomBytes(16).toString("hex"),
    listAnswer: (r) => ({ key1: r.keys.key1, key2: r.keys.key2 }),
    regenerate: (op, b) =>
      op === "regeneratekey"
        ? ({ Key1: "key1", Key2: "key2" } as Record<string, string>)[String(b.keyName)]
        : undefined,
    regenerateAnswer: (r) => ({ key1: r.keys.key1, key2: r.keys.key2 }),
  },
  search: {
    type: "Microsoft.Search/searchServices",
    api: "2023-11-01",
    slots: ["primaryKey", "secondaryKey"],
    list: "listadminkeys",
    newKey: alnum(52),
    listAnswer: pair,
    regenerate: (op) =>
      ({ "regenerateadminkey/primary": "primaryKey", "regenerateadminkey/secondary": "secondaryKey" })[op],
    regenerateAnswer: pair,
  },
  acr: {
    type: "Microsoft.ContainerRegistry/registries",
    api: "2023-07-01",
    slots: ["password", "password2"],
    list: "listcredentials",
    newKey: alnum(52),
    listAnswer: (r) => ({
      username: r.name,
      passwords: [
        { name: "password", value: r.keys.password },
        { name: "password2", value: r.keys.password2 },
      ],
    }),
    regenerate: (op, b) =>
      op === "regeneratecredential" && (b.name === "password" || b.name === "password2") ? b.name : undefined,
    regenerateAnswer: (r) => SHAPES.acr.listAnswer(r),
  },
  signalr: {
    type: "Microsoft.SignalRService/signalR",
    api: "2023-02-01",
    slots: ["primaryKey", "secondaryKey"],
    list: "listKeys",
    newKey: b64(32),
    listAnswer: pair,
    regenerate: (op, b) =>
      op === "regeneratekey"
        ? ({ Primary: "primaryKey", Secondary: "secondaryKey" } as Record<string, string>)[String(b.keyType)]
        : undefined,
    regenerateAnswer: "lro",
  },
  webpubsub: {
    type: "Microsoft.SignalRService/webPubSub",
    api: "2023-02-01",
    slots: ["primaryKey", "secondaryKey"],
    list: "listKeys",
    newKey: b64(32),
    listAnswer: pair,
    regenerate: (op, b) =>
      op === "regeneratekey"
        ? ({ Primary: "primaryKey", Secondary: "secondaryKey" } as Record<string, string>)[String(b.keyType)]
        : undefined,
    regenerateAnswer: "lro",
  },
  appconfig: {
    type: "Microsoft.AppConfiguration/configurationStores",
    api: "2023-03-01",
    slots: ["Primary", "Secondary", "Primary Read Only", "Secondary Read Only"],
    list: "listKeys",
    newKey: b64(40),
    listAnswer: (r) => ({
      value: Object.entries(r.keys).map(([name, value], i) => ({
        id: `${r.name}-key-${i}`,
        name,
        value,
        connectionString: `Endpoint=https://${r.name}.azconfig.io;Id=${i};Secret=${value}`,
        readOnly: name.includes("Read Only"),
      })),
    }),
    regenerate: (op, b, r) => {
      if (op !== "regeneratekey") return undefined;
      const listed = (SHAPES.appconfig.listAnswer(r) as { value: Array<{ id: string; name: string }> }).value;
      return listed.find((k) => k.id === b.id)?.name;
    },
    regenerateAnswer: (r, slot) => ({ name: slot, value: r.keys[slot] }),
  },
};

const SUB = "/subscriptions/00000000-0000-0000-0000-00000000aaaa/resourceGroups/rg-app/providers";

/** A resource of `kind` named `name` with fresh keys; the messaging kinds get a SAS rule `rule` (on `entity` when given). */
export function keyedResource(
  kind: KeyedKind,
  name: string,
  options: { rule?: string; entity?: string; endpoint?: string } = {},
): KeyedResource {
  const shape = SHAPES[kind];
  const topId = `${SUB}/${shape.type}/${name}`;
  const messaging = kind === "servicebus" || kind === "eventhubs" || kind === "relay";
  const collection = { servicebus: "queues", eventhubs: "eventhubs", relay: "hybridConnections" } as Record<
    string,
    string
  >;
  const id = messaging
    ? `${topId}${options.entity ? `/${collection[kind]}/${options.entity}` : ""}/authorizationRules/${options.rule ?? "RootManageSharedAccessKey"}`
    : topId;
  return {
    kind,
    id,
    topId,
    name,
    keys: Object.fromEntries(shape.slots.map((s) => [s, shape.newKey()])),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
}

/** A keyed resource's answer to `method path`, or undefined when the path is not one of its operations. */
export function keyedAnswer(
  resources: Iterable<KeyedResource>,
  method: string,
  path: string,
  apiVersion: string | null,
  body: string,
  lroPath: string,
  onRegenerate: (r: KeyedResource, slot: string) => void,
): [number, unknown, Record<string, string>?] | undefined {
  const lower = path.toLowerCase();
  for (const r of resources) {
    const id = r.id.toLowerCase();
    if (lower === id && method === "GET") {
      if (apiVersion !== SHAPES[r.kind].api)
        return [400, { error: { code: "InvalidApiVersionParameter", message: `${apiVersion}` } }];
      return [200, { id: r.id, name: r.name, kind: "OpenAI", properties: r.endpoint ? { endpoint: r.endpoint } : {} }];
    }
    if (!lower.startsWith(`${id}/`)) continue;
    const op = lower.slice(id.length + 1);
    const shape = SHAPES[r.kind];
    if (apiVersion !== shape.api) {
      return [
        400,
        { error: { code: "InvalidApiVersionParameter", message: `api-version '${apiVersion}' is not supported` } },
      ];
    }
    if (method !== "POST") return [405, { error: { code: "MethodNotAllowed", message: method } }];
    if (op === shape.list.toLowerCase()) return [200, shape.listAnswer(r)];
    const slot = shape.regenerate(op, JSON.parse(body || "{}") as Record<string, unknown>, r);
    if (!slot) return [400, { error: { code: "BadRequest", message: `unsupported operation or key '${op}'` } }];
    r.keys[slot] = shape.newKey();
    onRegenerate(r, slot);
    if (shape.regenerateAnswer === "lro") return [202, null, { "azure-asyncoperation": lroPath }];
    return [200, shape.regenerateAnswer(r, slot)];
  }
  return undefined;
}

/**
 * A Cognitive Services / Azure OpenAI data plane over the ARM double's keys: `GET /NAME/openai/models`
 * answers 200 when the `api-key` header is a current key of the account NAME, 401 otherwise.
 */
export async function startKeyHeaderDouble(
  resources: () => Iterable<KeyedResource>,
): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const { createServer } = await import("node:http");
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${req.method} ${url.pathname}`);
    const [, name, ...rest] = url.pathname.split("/");
    const account = [...resources()].find((r) => r.kind === "cognitive" && r.name === name);
    const key = req.headers["api-key"];
    const ok =
      req.method === "GET" &&
      rest.join("/") === "openai/models" &&
      url.searchParams.has("api-version") &&
      account !== undefined &&
      typeof key === "string" &&
      Object.values(account.keys).includes(key);
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(
      JSON.stringify(
        ok ? { data: [] } : { error: { code: "401", message: "Access denied due to invalid subscription key." } },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
