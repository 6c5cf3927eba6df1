/**
 * Every Azure key-pair kind (Cosmos DB, Service Bus / Event Hubs / Relay rules, Redis, Azure
 * OpenAI, AI Search, Container Registry, SignalR, Web PubSub, App Configuration) through one
 * contract, against the stateful ARM double (each kind answering its own REST shape): located by
 * rotation tags and by Resource Graph from the leaked text, the other key regenerated first, the
 * leaked one afterwards, the leaked key gone from the provider, a repeat harmless.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARM_KEY_KINDS } from "../../../src/adapters/providers/azure-key-kinds.js";
import { createArmKeyRotator } from "../../../src/adapters/providers/azure-keys.js";
import type { LeakedCredential } from "../../../src/remediation/provider.js";
import { ARM_TOKEN, ArmDouble, trustingFetch } from "../../helpers/arm-double.js";
import { type KeyedKind, type KeyedResource, startKeyHeaderDouble } from "../../helpers/arm-keys.js";

interface KindCase {
  readonly double: KeyedKind;
  readonly rotator: string;
  readonly ruleId: string;
  /** The double's slot that leaks, and its partner. */
  readonly leaked: string;
  readonly other: string;
  /** The tag's `CredentialId` for the leaked key. */
  readonly credentialId: string;
  /** A holder's value around the key, naming the resource. */
  text(name: string, key: string): string;
  readonly rule?: { rule: string; entity?: string };
}

const KIND_CASES: readonly KindCase[] = [
  {
    double: "cosmos",
    rotator: "azure-cosmosdb",
    ruleId: "azure-cosmosdb-connection-string",
    leaked: "primaryMasterKey",
    other: "secondaryMasterKey",
    credentialId: "primary",
    text: (n, k) => `AccountEndpoint=https://${n}.documents.azure.com:443/;AccountKey=${k};`,
  },
  {
    double: "cosmos",
    rotator: "azure-cosmosdb",
    ruleId: "azure-cosmosdb-key",
    leaked: "secondaryReadonlyMasterKey",
    other: "primaryReadonlyMasterKey",
    credentialId: "secondaryReadonly",
    text: (n, k) => `AccountEndpoint=https://${n}.documents.azure.com:443/;AccountKey=${k};`,
  },
  {
    double: "servicebus",
    rotator: "azure-sas-rule",
    ruleId: "azure-servicebus-connection-string",
    leaked: "primaryKey",
    other: "secondaryKey",
    credentialId: "PrimaryKey",
    rule: { rule: "app-send" },
    text: (n, k) => `Endpoint=sb://${n}.servicebus.windows.net/;SharedAccessKeyName=app-send;SharedAccessKey=${k}`,
  },
  {
    double: "servicebus",
    rotator: "azure-sas-rule",
    ruleId: "azure-servicebus-connection-string",
    leaked: "secondaryKey",
    other: "primaryKey",
    credentialId: "SecondaryKey",
    rule: { rule: "listen", entity: "orders" },
    text: (n, k) =>
      `Endpoint=sb://${n}.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=${k};EntityPath=orders`,
  },
  {
    double: "eventhubs",
    rotator: "azure-sas-rule",
    ruleId: "azure-servicebus-connection-string",
    leaked: "primaryKey",
    other: "secondaryKey",
    credentialId: "PrimaryKey",
    rule: { rule: "ingest", entity: "telemetry" },
    text: (n, k) =>
      `Endpoint=sb://${n}.servicebus.windows.net/;SharedAccessKeyName=ingest;SharedAccessKey=${k};EntityPath=telemetry`,
  },
  {
    double: "relay",
    rotator: "azure-sas-rule",
    ruleId: "azure-servicebus-connection-string",
    leaked: "primaryKey",
    other: "secondaryKey",
    credentialId: "key1",
    rule: { rule: "RootManageSharedAccessKey" },
    text: (n, k) =>
      `Endpoint=sb://${n}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${k}`,
  },
  {
    double: "redis",
    rotator: "azure-redis",
    ruleId: "azure-cache-for-redis-key",
    leaked: "primaryKey",
    other: "secondaryKey",
    credentialId: "Primary",
    text: (n, k) => `${n}.redis.cache.windows.net:6380,password=${k},ssl=True,abortConnect=False`,
  },
  {
    double: "cognitive",
    rotator: "azure-cognitive-services",
    ruleId: "azure-openai-key",
    leaked: "key2",
    other: "key1",
    credentialId: "Key2",
    text: (n, k) => JSON.stringify({ endpoint: `https://${n}.openai.azure.com/`, apiKey: k }),
  },
  {
    double: "search",
    rotator: "azure-search",
    ruleId: "azure-search-key",
    leaked: "primaryKey",
    other: "secondaryKey",
    credentialId: "primary",
    text: (n, k) => `SEARCH_ENDPOINT=https://${n}.search.windows.net\nSEARCH_ADMIN_KEY=${k}`,
  },
  {
    double: "acr",
    rotator: "azure-container-registry",
    ruleId: "azure-container-registry-password",
    leaked: "password",
    other: "password2",
    credentialId: "password",
    text: (n, k) => `docker login ${n}.azurecr.io -u ${n} -p ${k}`,
  },
  {
    double: "signalr",
    rotator: "azure-signalr",
    ruleId: "azure-access-key-connection-string",
    leaked: "primaryKey",
    other: "secondaryKey",
    credentialId: "Primary",
    text: (n, k) => `Endpoint=https://${n}.service.signalr.net;AccessKey=${k};Version=1.0;`,
  },
  {
    double: "webpubsub",
    rotator: "azure-signalr",
    ruleId: "azure-access-key-connection-string",
    leaked: "secondaryKey",
    other: "primaryKey",
    credentialId: "Secondary",
    text: (n, k) => `Endpoint=https://${n}.webpubsub.azure.com;AccessKey=${k};Version=1.0;`,
  },
  {
    double: "appconfig",
    rotator: "azure-app-configuration",
    ruleId: "azure-app-configuration-connection-string",
    leaked: "Primary Read Only",
    other: "Secondary Read Only",
    credentialId: "Primary Read Only",
    text: (n, k) => `Endpoint=https://${n}.azconfig.io;Id=ro-1;Secret=${k}`,
  },
];

let arm: ArmDouble;
let openai: Awaited<ReturnType<typeof startKeyHeaderDouble>>;
let serial = 0;
beforeAll(async () => {
  arm = await ArmDouble.start();
  openai = await startKeyHeaderDouble(() => arm.keyed.values());
});
afterAll(async () => Promise.all([arm.close(), openai.close()]));

function rotatorFor(c: KindCase) {
  const kind = ARM_KEY_KINDS.find((k) => k.kind === c.rotator);
  if (!kind) throw new Error(`no kind ${c.rotator}`);
  return createArmKeyRotator(kind, {
    armUrl: arm.url,
    getToken: async (scope) => {
      expect(scope).toBe(`${arm.url}/.default`);
      return ARM_TOKEN;
    },
    fetch: trustingFetch(arm.ca),
    pollIntervalInMs: 1,
  });
}

function world(c: KindCase, tagged: boolean): { resource: KeyedResource; credential: LeakedCredential } {
  const name = `lk${c.double}${++serial}${Date.now().toString(36)}`.slice(0, 24);
  const endpoint = c.double === "cognitive" ? { endpoint: `${openai.url}/${name}/` } : {};
  const resource = arm.addKeyed(c.double, name, { ...c.rule, ...endpoint });
  const value = resource.keys[c.leaked] as string;
  const tags: Record<string, string> = tagged ? { ProviderAddress: resource.id, CredentialId: c.credentialId } : {};
  return {
    resource,
    credential: {
      ruleIds: [c.ruleId],
      value,
      holders: [
        {
          vaultUrl: "https://kv.test",
          secretName: "conn",
          version: "v1",
          tags,
          value: c.text(name, value),
          encoding: "raw",
        },
      ],
      tags,
    },
  };
}

describe.each(KIND_CASES.flatMap((c) => [true, false].map((tagged) => ({ ...c, tagged }))))(
  "Azure key kind $double ($ruleId, leaked $leaked, tags: $tagged)",
  (c) => {
    it("locates, swaps the other key first, retires the leaked one, proves it dead, and repeats harmlessly", async () => {
      const rotator = rotatorFor(c);
      const { resource, credential } = world(c, c.tagged);
      const leaked = credential.value;
      const before = arm.requests.length;
      const regenerations = arm.regenerations.length;
      expect(rotator.applies(credential)).toBe(true);

      const location = await rotator.locate(credential);
      expect(location).toMatchObject({ kind: c.rotator, resource: resource.id, source: c.tagged ? "tags" : "value" });
      const plan = rotator.plan(location as NonNullable<typeof location>, credential);
      expect(plan.mode).toBe("rotate");
      for (const s of plan.steps) expect(s.permission).not.toBe("");
      for (const s of plan.steps.slice(0, 2)) expect(s.permission).toMatch(/role|Contributor/i);
      expect((await rotator.prove(plan, credential, undefined)).leaked).toBe("accepted");

      const out = await rotator.rotate(plan, credential);
      expect(out.value).toBe(resource.keys[c.other]);
      // The leaked key still works until the vault holds the new one.
      expect(resource.keys[c.leaked]).toBe(leaked);
      await rotator.finish?.(plan, credential);
      expect(Object.values(resource.keys)).not.toContain(leaked);
      expect(arm.regenerations.slice(regenerations)).toEqual([`${c.double}:${c.other}`, `${c.double}:${c.leaked}`]);

      const proof = await rotator.prove(plan, credential, out.value);
      expect(proof).toMatchObject({ leaked: "rejected", replacement: "accepted" });
      // Azure OpenAI has a read-only data-plane probe (its double checks the api-key header); the rest the key list.
      expect(proof.evidence).toContain(
        c.double === "cognitive"
          ? "GET /openai/models with the leaked key: 401, with the new key: 200"
          : "management API key list",
      );
      expect(proof.evidence).not.toContain(leaked);

      // A re-run after the swap converges to the same key, regenerating nothing.
      const again = await rotator.rotate(plan, { ...credential, stored: out.value as string });
      expect(again.value).toBe(out.value);
      await rotator.finish?.(plan, { ...credential, stored: out.value as string });
      expect(arm.regenerations.length).toBe(regenerations + 2);

      const mine = arm.requests.slice(before);
      expect(mine.every((r) => r.authorized && r.apiVersion !== null)).toBe(true);
      expect(mine.some((r) => r.path.includes("ResourceGraph"))).toBe(!c.tagged);
      expect(mine.map((r) => r.body).join("\n")).not.toContain(leaked);
    });
  },
);

describe("Azure key kinds: locating", () => {
  it("finds nothing (and calls no key operation) when the text names no resource and no tag says where", async () => {
    const rotator = rotatorFor(KIND_CASES[6] as KindCase);
    const before = arm.requests.length;
    const c: LeakedCredential = {
      ruleIds: ["azure-cache-for-redis-key"],
      value: "x".repeat(44),
      holders: [],
      tags: {},
    };
    expect(await rotator.locate(c)).toBeUndefined();
    expect(arm.requests.length).toBe(before);
  });

  it("refuses to guess between two resources of one name", async () => {
    const c = KIND_CASES[2] as KindCase;
    const name = `twice${Date.now().toString(36)}`;
    arm.addKeyed("servicebus", name, { rule: "app-send" });
    arm.addKeyed("eventhubs", name, { rule: "app-send" });
    const r = arm.addKeyed("relay", `${name}x`, { rule: "app-send" });
    const value = r.keys.primaryKey as string;
    const cred: LeakedCredential = { ruleIds: [c.ruleId], value, holders: [], context: c.text(name, value), tags: {} };
    await expect(rotatorFor(c).locate(cred)).rejects.toThrow(/2 resources are named .*ProviderAddress/);
  });

  it("says which role to grant when Azure Resource Manager answers 403", async () => {
    const c = KIND_CASES[6] as KindCase;
    const { credential } = world(c, true);
    arm.forbiddenTokens.add(ARM_TOKEN);
    try {
      await expect(rotatorFor(c).locate(credential)).rejects.toThrow(
        /answered 403 to POST .*\/listKeys \(grant the identity Redis Cache Contributor .* on \/subscriptions\/.*AuthorizationFailed/,
      );
    } finally {
      arm.forbiddenTokens.delete(ARM_TOKEN);
    }
  });
});
