/**
 * Entra ID application client secrets over the Graph + token endpoint double: found by the
 * secret's hint (tags, a client id beside it, or a bounded walk of the apps), a new password
 * added, the leaked key id removed, and the proof a token request the double itself answers.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEntraAppSecretRotator } from "../../../src/adapters/providers/entra-app-secret.js";
import type { CredentialHolder, LeakedCredential } from "../../../src/remediation/provider.js";
import { trustingFetch } from "../../helpers/arm-double.js";
import { GRAPH_TOKEN, type GraphApp, GraphDouble } from "../../helpers/graph-double.js";

let graph: GraphDouble;
const tenant = randomUUID();
beforeAll(async () => {
  graph = await GraphDouble.start();
  // Other apps in the directory, so the hint walk has pages to go through.
  for (let i = 0; i < 5; i++) graph.addApp(tenant, 2);
});
afterAll(async () => graph.close());

function rotator(extra: { tenantId?: string } = {}) {
  return createEntraAppSecretRotator({
    graphUrl: graph.url,
    authorityHost: graph.url,
    getToken: async (scope) => {
      expect(scope).toBe(`${graph.url}/.default`);
      return GRAPH_TOKEN;
    },
    fetch: trustingFetch(graph.ca),
    probeAttempts: 2,
    probeIntervalInMs: 1,
    ...extra,
  });
}

function holder(value: string, tags: Record<string, string> = {}): CredentialHolder {
  return { vaultUrl: "https://kv.test", secretName: "app-secret", version: "v1", tags, value, encoding: "raw" };
}

function credential(app: GraphApp, how: "tags" | "client id" | "hint"): LeakedCredential {
  const value = app.passwords[0]?.secret as string;
  const tags: Record<string, string> =
    how === "tags"
      ? { ProviderAddress: app.appId, CredentialId: app.passwords[0]?.keyId as string, ValidityPeriodDays: "90" }
      : {};
  const text =
    how === "client id"
      ? `AZURE_TENANT_ID=${tenant}\nAZURE_CLIENT_ID=${app.appId}\nAZURE_CLIENT_SECRET=${value}\n`
      : how === "tags"
        ? JSON.stringify({ tenantId: tenant, clientSecret: value })
        : value;
  return { ruleIds: ["azure-entra-client-secret"], value, holders: [holder(text, tags)], tags };
}

describe.each(["tags", "client id", "hint"] as const)("Entra app client secret (found by %s)", (how) => {
  it("adds a new secret, removes the leaked key id afterwards, proves by token requests, and repeats harmlessly", async () => {
    const app = graph.addApp(tenant, 2);
    const leakedKey = app.passwords[0]?.keyId;
    const c = credential(app, how);
    const before = graph.requests.length;
    const r = rotator(how === "hint" ? { tenantId: tenant } : {});
    expect(r.applies(c)).toBe(true);

    const location = await r.locate(c);
    expect(location).toMatchObject({
      kind: "entra-app-secret",
      credentialId: leakedKey,
      source: how === "tags" ? "tags" : "value",
    });
    expect(location?.details).toMatchObject({ objectId: app.id, appId: app.appId, tenantId: tenant });
    const plan = r.plan(location as NonNullable<typeof location>, c);
    expect(plan.steps.map((s) => s.permission).join("\n")).toMatch(/Application\.ReadWrite\.OwnedBy/);
    expect((await r.prove(plan, c, undefined)).leaked).toBe("accepted");

    const out = await r.rotate(plan, c);
    const added = app.passwords.at(-1);
    expect(out).toEqual({ value: added?.secret, tags: { CredentialId: added?.keyId } });
    if (how === "tags") expect(Date.parse(added?.endDateTime ?? "") - Date.now()).toBeGreaterThan(89 * 86_400_000);
    // The leaked secret keeps working until the vault holds the new one.
    expect(graph.accepts(app, c.value)).toBe(true);
    await r.finish?.(plan, c);
    expect(graph.accepts(app, c.value)).toBe(false);
    expect(app.passwords.map((p) => p.keyId)).not.toContain(leakedKey);
    expect(app.passwords).toHaveLength(2);

    const proof = await r.prove(plan, c, out.value);
    expect(proof).toMatchObject({ leaked: "rejected", replacement: "accepted" });
    expect(proof.evidence).toContain("401 invalid_client (AADSTS7000215)");
    expect(proof.evidence).toContain("with the new secret: 200");

    // A re-run converges: the stored secret still works, nothing added or removed.
    const again = await r.rotate(plan, { ...c, stored: out.value as string });
    expect(again.value).toBe(out.value);
    await r.finish?.(plan, c);
    expect(app.passwords).toHaveLength(2);

    const mine = graph.requests.slice(before);
    const toGraph = mine.filter((q) => q.path.startsWith("/v1.0/"));
    expect(toGraph.every((q) => q.authorized)).toBe(true);
    const selects = toGraph.filter((q) => q.method === "GET").map((q) => new URLSearchParams(q.query).get("$select"));
    expect(new Set(selects)).toEqual(new Set(["id,appId,passwordCredentials"]));
    // The secret only ever goes to the token endpoint, never to Graph.
    expect(toGraph.map((q) => q.body + q.query).join("\n")).not.toContain(c.value);
    expect(toGraph.some((q) => q.query.includes("filter"))).toBe(how !== "hint");
  });
});

describe("Entra app client secret: a re-run after the rotation", () => {
  it("never takes the new key (now in the CredentialId tag) for the leaked one, and removes nothing", async () => {
    const app = graph.addApp(tenant, 1);
    const c = credential(app, "tags");
    // The responder's tenant (azure-tenant-id / AZURE_TENANT_ID): a re-run has no holder naming it.
    const r = rotator({ tenantId: tenant });
    const plan = r.plan((await r.locate(c)) as NonNullable<Awaited<ReturnType<typeof r.locate>>>, c);
    const out = await r.rotate(plan, c);
    await r.finish?.(plan, c);
    expect(graph.accepts(app, c.value)).toBe(false);

    // The next run sees what the vault now has: the new version's tags, the leaked version disabled (no holder).
    const rerun: LeakedCredential = {
      ruleIds: c.ruleIds,
      value: c.value,
      holders: [],
      tags: { ...c.tags, ...out.tags },
      stored: out.value as string,
    };
    const removals = () => graph.requests.filter((q) => q.path.endsWith("/removePassword")).length;
    const before = removals();
    const loc = await r.locate(rerun);
    expect(loc?.details?.objectId).toBe(app.id);
    expect(loc?.credentialId).toBeUndefined();
    const replan = r.plan(loc as NonNullable<typeof loc>, rerun);
    expect((await r.rotate(replan, rerun)).value).toBe(out.value);
    await r.finish?.(replan, rerun);
    // Even a plan naming the new key's id removes nothing: its hint is not the leaked secret's.
    await r.finish?.(
      { ...replan, location: { ...replan.location, credentialId: out.tags?.CredentialId as string } },
      rerun,
    );
    expect(removals()).toBe(before);
    expect(graph.accepts(app, out.value as string)).toBe(true);
    expect(await r.prove(replan, rerun, out.value)).toMatchObject({ leaked: "rejected", replacement: "accepted" });
  });
});

describe("Entra app client secret: ambiguity", () => {
  it("tells apps whose secrets share a hint apart by a token request", async () => {
    const a = graph.addApp(tenant, 1);
    const b = graph.addApp(tenant, 1);
    const shared = `${a.passwords[0]?.secret.slice(0, 3)}${b.passwords[0]?.secret.slice(3)}`;
    b.passwords = [{ ...(b.passwords[0] as GraphApp["passwords"][number]), secret: shared, hint: shared.slice(0, 3) }];
    const c: LeakedCredential = {
      ruleIds: ["azure-entra-client-secret"],
      value: shared,
      holders: [holder(shared)],
      tags: {},
    };
    const location = await rotator({ tenantId: tenant }).locate(c);
    expect(location?.details?.appId).toBe(b.appId);
  });

  it("will not guess between two secrets of one app with the same hint", async () => {
    const app = graph.addApp(tenant, 2, true);
    const c = credential(app, "client id");
    await expect(rotator().locate(c)).rejects.toThrow(
      /2 secrets with the leaked one's hint; tag the secret with CredentialId/,
    );
  });

  it("finds nothing for a secret no app has", async () => {
    const c: LeakedCredential = {
      ruleIds: ["azure-entra-client-secret"],
      value: "zz~9Q~notasecretofanyapp0000000000000000",
      holders: [],
      tags: {},
    };
    expect(await rotator({ tenantId: tenant }).locate(c)).toBeUndefined();
  });
});
