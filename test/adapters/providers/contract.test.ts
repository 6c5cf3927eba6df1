/**
 * One contract for every rotator, each against its stateful double: locate → plan → rotate →
 * (finish) → prove; afterwards the leaked credential is refused by the double itself, a repeat
 * is harmless, and the plan names a permission for every step.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARM_KEY_KINDS } from "../../../src/adapters/providers/azure-key-kinds.js";
import { createArmKeyRotator } from "../../../src/adapters/providers/azure-keys.js";
import { createAzureStorageRotator } from "../../../src/adapters/providers/azure-storage.js";
import { createEntraAppSecretRotator } from "../../../src/adapters/providers/entra-app-secret.js";
import { createGitHubTokenRotator } from "../../../src/adapters/providers/github-token.js";
import type { LeakedCredential, ProviderRotator } from "../../../src/remediation/provider.js";
import { ARM_TOKEN, ArmDouble, startBlobDouble, trustingFetch } from "../../helpers/arm-double.js";
import { Azurite } from "../../helpers/azurite-blob.js";
import { GitHubDouble } from "../../helpers/github-double.js";
import { GRAPH_TOKEN, GraphDouble } from "../../helpers/graph-double.js";

interface Case {
  readonly name: string;
  setup(): Promise<{
    rotator: ProviderRotator;
    credential: LeakedCredential;
    isLive: () => boolean;
    /** Let the data plane catch up with the provider's state (Azurite restarts with the new keys). */
    sync?: () => Promise<void>;
    close: () => Promise<void>;
  }>;
}

const token = (prefix: string) =>
  `${prefix}${randomBytes(27).toString("base64url").replace(/[-_]/g, "x").slice(0, 36)}`;

function githubCase(prefix: string, ruleId: string): Case {
  return {
    name: `github-token (${prefix})`,
    async setup() {
      const api = await GitHubDouble.start();
      const value = token(prefix);
      api.addToken(value);
      const rotator = createGitHubTokenRotator({ apiUrl: api.url, probeIntervalInMs: 10 });
      return {
        rotator,
        credential: { ruleIds: [ruleId], value, holders: [] },
        isLive: () => api.tokenIsLive(value),
        close: () => api.close(),
      };
    },
  };
}

/**
 * Azure Storage: the ARM double (state, api-version, bearer) with a real data plane. `azurite`:
 * Azurite itself, restarted once with the final keys before the probe (it reads keys only at
 * start, ~6 s per start on a loaded CI box); otherwise the SharedKey-verifying blob double.
 */
function storageCase(tagged: boolean, dataPlane: "azurite" | "double"): Case {
  return {
    name: `azure-storage (${tagged ? "tags" : "Resource Graph"}, ${dataPlane})`,
    async setup() {
      const arm = await ArmDouble.start();
      const name = `acct${randomBytes(4).toString("hex")}`;
      let azurite: Azurite | undefined;
      let blob: Awaited<ReturnType<typeof startBlobDouble>> | undefined;
      let endpoint: string;
      if (dataPlane === "azurite") {
        azurite = new Azurite(await Azurite.freePort());
        endpoint = azurite.blobEndpoint(name);
      } else {
        blob = await startBlobDouble(arm);
        endpoint = `${blob.url}/${name}/`;
      }
      const account = arm.addStorageAccount(name, endpoint);
      await azurite?.setAccounts([account]);
      const leaked = account.keys.key1;
      const conn = `DefaultEndpointsProtocol=http;AccountName=${name};AccountKey=${leaked};BlobEndpoint=${endpoint}`;
      const tags: Record<string, string> = tagged ? { ProviderAddress: account.id, CredentialId: "key1" } : {};
      const rotator = createAzureStorageRotator({
        armUrl: arm.url,
        getToken: async (scope) => {
          expect(scope).toBe(`${arm.url}/.default`);
          return ARM_TOKEN;
        },
        fetch: trustingFetch(arm.ca),
      });
      return {
        rotator,
        credential: {
          ruleIds: ["azure-storage-account-key"],
          value: leaked,
          holders: [
            {
              vaultUrl: "https://kv.test",
              secretName: "conn",
              version: "v1",
              tags,
              value: conn,
              encoding: "raw" as const,
            },
          ],
          tags,
        },
        isLive: () => Object.values(account.keys).includes(leaked),
        sync: async () => azurite?.setAccounts([account]),
        close: async () => {
          await azurite?.stop();
          await blob?.close();
          await arm.close();
          // Every ARM call was authorized and versioned; Resource Graph only without tags.
          expect(arm.requests.every((r) => r.authorized && r.apiVersion !== null)).toBe(true);
          expect(arm.requests.some((r) => r.path.includes("ResourceGraph"))).toBe(!tagged);
        },
      };
    },
  };
}

/** One of the other ARM key kinds (all of them: azure-keys.test.ts), found by Resource Graph. */
function serviceBusCase(): Case {
  return {
    name: "azure-sas-rule (Service Bus, Resource Graph)",
    async setup() {
      const arm = await ArmDouble.start();
      const ns = `sb${randomBytes(4).toString("hex")}`;
      const rule = arm.addKeyed("servicebus", ns, { rule: "send" });
      const value = rule.keys.primaryKey as string;
      const conn = `Endpoint=sb://${ns}.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${value}`;
      const kind = ARM_KEY_KINDS.find((k) => k.kind === "azure-sas-rule");
      if (!kind) throw new Error("no azure-sas-rule kind");
      const rotator = createArmKeyRotator(kind, {
        armUrl: arm.url,
        getToken: async () => ARM_TOKEN,
        fetch: trustingFetch(arm.ca),
        pollIntervalInMs: 1,
      });
      const holder = {
        vaultUrl: "https://kv.test",
        secretName: "sb",
        version: "v1",
        tags: {},
        value: conn,
        encoding: "raw" as const,
      };
      return {
        rotator,
        credential: { ruleIds: ["azure-servicebus-connection-string"], value, holders: [holder], tags: {} },
        isLive: () => Object.values(rule.keys).includes(value),
        close: () => arm.close(),
      };
    },
  };
}

/** Entra ID app secrets over the Graph + token endpoint double. */
function entraCase(): Case {
  return {
    name: "entra-app-secret (client id beside the secret)",
    async setup() {
      const graph = await GraphDouble.start();
      const tenant = "11111111-2222-4333-8444-555555555555";
      const app = graph.addApp(tenant, 2);
      const value = app.passwords[0]?.secret as string;
      const text = `AZURE_TENANT_ID=${tenant}\nAZURE_CLIENT_ID=${app.appId}\nAZURE_CLIENT_SECRET=${value}`;
      const rotator = createEntraAppSecretRotator({
        graphUrl: graph.url,
        authorityHost: graph.url,
        getToken: async () => GRAPH_TOKEN,
        fetch: trustingFetch(graph.ca),
        probeAttempts: 1,
      });
      const holder = {
        vaultUrl: "https://kv.test",
        secretName: "app",
        version: "v1",
        tags: {},
        value: text,
        encoding: "raw" as const,
      };
      return {
        rotator,
        credential: { ruleIds: ["azure-entra-client-secret"], value, holders: [holder], tags: {} },
        isLive: () => graph.accepts(app, value),
        close: () => graph.close(),
      };
    },
  };
}

const CASES: Case[] = [
  githubCase("ghp_", "github-pat"),
  githubCase("ghs_", "github-app-installation-token"),
  // Azurite starts take ~6 s each on a loaded 2-core box and timed out (120 s) once in a full
  // run: opt in with LEAKSTOP_TEST_AZURITE=1 until its start is made reliable under load.
  ...(process.env.LEAKSTOP_TEST_AZURITE === "1" ? [storageCase(true, "azurite")] : [storageCase(true, "double")]),
  storageCase(false, "double"),
  serviceBusCase(),
  entraCase(),
];

describe.each(CASES)("provider rotator contract: $name", (c) => {
  let world: Awaited<ReturnType<Case["setup"]>>;
  beforeAll(async () => {
    world = await c.setup();
  }, 120_000);
  afterAll(async () => world.close());

  it("locates, plans with a permission per step, rotates, and proves the leaked credential dead", async () => {
    const { rotator, credential } = world;
    expect(rotator.applies(credential)).toBe(true);
    const location = await rotator.locate(credential);
    expect(location).toBeDefined();
    if (!location) return;
    const plan = rotator.plan(location, credential);
    expect(plan.steps.length).toBeGreaterThan(0);
    for (const s of plan.steps) expect(s.permission).not.toBe("");
    const before = await rotator.prove(plan, credential, undefined);
    expect(before.leaked, before.evidence).toBe("accepted");

    const out = await rotator.rotate(plan, credential);
    await rotator.finish?.(plan, credential);
    expect(world.isLive()).toBe(false);
    await world.sync?.();
    const proof = await rotator.prove(plan, credential, out.value);
    expect(proof.leaked).toBe("rejected");
    if (plan.mode === "rotate") expect(proof.replacement).toBe("accepted");
    expect(proof.evidence).not.toContain(credential.value);

    // Safe to repeat: a second run after a crash converges, to the same new credential.
    const again = await rotator.rotate(plan, { ...credential, ...(out.value ? { stored: out.value } : {}) });
    expect(again.value).toBe(out.value);
    const reproof = await rotator.prove(plan, credential, out.value);
    expect(reproof.leaked).toBe("rejected");
    if (plan.mode === "rotate") expect(reproof.replacement).toBe("accepted");
  }, 120_000);
});

describe("github-token revocation requests", () => {
  it("revokes unauthenticated, in GitHub's documented body, and never sends the token elsewhere", async () => {
    const api = await GitHubDouble.start();
    try {
      const value = token("ghp_");
      api.addToken(value);
      const rotator = createGitHubTokenRotator({ apiUrl: api.url, probeIntervalInMs: 10 });
      const cred = { ruleIds: ["github-pat"], value, holders: [] };
      const plan = rotator.plan(
        (await rotator.locate(cred)) as NonNullable<Awaited<ReturnType<typeof rotator.locate>>>,
        cred,
      );
      await rotator.rotate(plan, cred);
      const revoke = api.requests.find((r) => r.path === "/credentials/revoke");
      expect(revoke?.method).toBe("POST");
      expect(revoke?.authorization).toBeUndefined();
      expect(JSON.parse(revoke?.body ?? "{}")).toEqual({ credentials: [value] });
      expect(api.requests.every((r) => r.path === "/credentials/revoke")).toBe(true);
    } finally {
      await api.close();
    }
  });

  it("says 'not proven' when GitHub still accepts the token", async () => {
    const api = await GitHubDouble.start();
    try {
      const value = token("ghp_");
      api.addToken(value);
      api.failWith(/^\/credentials\/revoke$/, 422, "Validation Failed");
      const rotator = createGitHubTokenRotator({ apiUrl: api.url, probeAttempts: 2, probeIntervalInMs: 5 });
      const cred = { ruleIds: ["github-pat"], value, holders: [] };
      const plan = rotator.plan({ kind: "github-token", resource: api.url, source: "value" }, cred);
      await expect(rotator.rotate(plan, cred)).rejects.toThrow(/422/);
      const proof = await rotator.prove(plan, cred, undefined);
      expect(proof.leaked).toBe("accepted");
    } finally {
      await api.close();
    }
  });
});
