/**
 * Provider-first orchestration over in-memory fakes: a two-key provider (shaped like a storage
 * account: regenerate the other key, store it, regenerate the leaked one) and a token provider
 * that can only revoke. The provider holds state, so "the leaked value is dead" is its own answer.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Faker } from "../../src/core/rules/fake.js";
import { INCIDENT_TAG } from "../../src/remediation/match.js";
import type {
  LeakedCredential,
  ProviderLocation,
  ProviderPlan,
  ProviderRotator,
} from "../../src/remediation/provider.js";
import { respond, rotateNamed } from "../../src/remediation/respond.js";
import { MemoryVault, memoryPorts } from "./fakes.js";
import { configWith, finding, newAccountKey, VAULT, VAULT2 } from "./findings.js";

const context = { repository: "acme/app", runUrl: "https://github.com/acme/app/actions/runs/7" };
const WRITES = new Set(["setSecret", "updateVersion"]);

/** Two keys; regenerating one makes its old value dead. */
class TwoKeyProvider implements ProviderRotator {
  readonly kind = "two-key";
  readonly name = "Two-key test provider";
  keys: Record<"key1" | "key2", string> = { key1: newAccountKey(), key2: newAccountKey() };
  regenerations: string[] = [];
  failFinishOnce = false;
  /** Pretend the probe cannot tell (e.g. the data plane is unreachable). */
  probeBlind = false;

  applies(c: LeakedCredential) {
    return c.ruleIds.includes("azure-storage-account-key");
  }
  async locate(c: LeakedCredential): Promise<ProviderLocation> {
    const id = c.tags?.CredentialId;
    return {
      kind: this.kind,
      resource: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct",
      ...(id ? { credentialId: id } : {}),
      source: id ? "tags" : "value",
    };
  }
  plan(location: ProviderLocation): ProviderPlan {
    return {
      location,
      mode: "rotate",
      steps: [
        { description: "regenerate the other key", permission: "Storage Account Key Operator Service Role" },
        { description: "regenerate the leaked key", permission: "Storage Account Key Operator Service Role" },
      ],
    };
  }
  private which(value: string) {
    return (Object.keys(this.keys) as Array<"key1" | "key2">).find((k) => this.keys[k] === value);
  }
  regenerate(k: "key1" | "key2") {
    this.keys[k] = newAccountKey();
    this.regenerations.push(k);
  }
  async rotate(_: ProviderPlan, c: LeakedCredential) {
    const leaked = this.which(c.value);
    const other = leaked === "key1" ? "key2" : "key1";
    if (leaked === undefined) {
      // Already finished: the stored key is the one in use.
      const inUse = c.stored ? this.which(c.stored) : undefined;
      if (!inUse) throw new Error("the leaked key is gone and no stored key is current");
      return { value: this.keys[inUse], tags: { CredentialId: inUse } };
    }
    if (c.stored && this.which(c.stored) === other) return { value: this.keys[other], tags: { CredentialId: other } };
    this.regenerate(other);
    return { value: this.keys[other], tags: { CredentialId: other } };
  }
  async finish(_: ProviderPlan, c: LeakedCredential) {
    if (this.failFinishOnce) {
      this.failFinishOnce = false;
      throw new Error("ARM answered 503");
    }
    const leaked = this.which(c.value);
    if (leaked) this.regenerate(leaked);
  }
  async prove(_: ProviderPlan, c: LeakedCredential, replacement: string | undefined) {
    if (this.probeBlind) return { leaked: "unknown" as const, evidence: "probe could not reach the account" };
    const dead = this.which(c.value) === undefined;
    const ok = replacement !== undefined && this.which(replacement) !== undefined;
    return {
      leaked: dead ? ("rejected" as const) : ("accepted" as const),
      replacement: ok ? ("accepted" as const) : ("rejected" as const),
      evidence: `SharedKey request with the old key: ${dead ? 403 : 200}`,
    };
  }
}

/** Tokens that can only be revoked. */
class TokenProvider implements ProviderRotator {
  readonly kind = "token";
  readonly name = "Token test provider";
  live = new Set<string>();
  applies(c: LeakedCredential) {
    return c.ruleIds.includes("github-pat");
  }
  async locate(): Promise<ProviderLocation> {
    return { kind: this.kind, resource: "https://api.github.test", source: "value" };
  }
  plan(location: ProviderLocation): ProviderPlan {
    return { location, mode: "revoke", steps: [{ description: "POST /credentials/revoke", permission: "none" }] };
  }
  async rotate(_: ProviderPlan, c: LeakedCredential) {
    this.live.delete(c.value);
    return {};
  }
  async prove(_: ProviderPlan, c: LeakedCredential) {
    const dead = !this.live.has(c.value);
    return { leaked: dead ? ("rejected" as const) : ("accepted" as const), evidence: `GET /user: ${dead ? 401 : 200}` };
  }
}

function storageWorld(tagged: boolean) {
  const provider = new TwoKeyProvider();
  const a = new MemoryVault(VAULT);
  const b = new MemoryVault(VAULT2);
  const key = provider.keys.key1;
  const conn = `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${key};EndpointSuffix=core.windows.net`;
  const tags: Record<string, string> = tagged
    ? { CredentialId: "key1", ProviderAddress: "/subscriptions/s/…/acct", ValidityPeriodDays: "30" }
    : {};
  const connV = a.put("storage-conn", conn, { tags });
  const keyV = b.put("storage-key", key, { tags });
  const f = finding(key, { ruleId: "azure-storage-account-key", title: "Azure Storage account key" });
  const w = memoryPorts([a, b]);
  const ports = { ...w.ports, providerRotators: [provider] };
  const config = configWith({ vaults: [{ url: VAULT }, { url: VAULT2 }] });
  return { provider, a, b, key, conn, connV, keyV, f, ...w, ports, config };
}

describe("provider-first remediation", () => {
  for (const tagged of [true, false]) {
    it(`rotates at the provider, writes one new key to every holder, disables, proves (${tagged ? "tagged" : "untagged"})`, async () => {
      const w = storageWorld(tagged);
      const result = await respond([w.f], w.ports, { config: w.config, context });
      expect(result.failures).toBe(0);
      expect(w.provider.regenerations).toEqual(["key2", "key1"]);
      const fresh = w.provider.keys.key2;
      expect(w.b.latest("storage-key").value).toBe(fresh);
      expect(w.a.latest("storage-conn").value).toBe(w.conn.replace(w.key, fresh));
      expect(w.a.version("storage-conn", w.connV).enabled).toBe(false);
      expect(w.b.version("storage-key", w.keyV).enabled).toBe(false);
      expect(result.results.map((r) => r.kind)).toEqual(["rotated", "rotated"]);
      expect(result.rotated.map((r) => r.secret).sort()).toEqual(["storage-conn", "storage-key"]);
      if (tagged) {
        // Azure's rotation tags stay current, so existing rotation Functions keep working.
        expect(w.b.latest("storage-key").tags).toMatchObject({ CredentialId: "key2", ValidityPeriodDays: "30" });
        const expires = w.b.latest("storage-key").expiresOn?.getTime() ?? 0;
        expect(Math.round((expires - Date.parse("2024-06-01T12:00:00Z")) / 86_400_000)).toBeGreaterThanOrEqual(29);
      }
      const body = w.issues.issues[0]?.body ?? "";
      expect(w.issues.issues).toHaveLength(1);
      expect(body).toMatch(/Rotated at Two\\?-key test provider/);
      expect(body).toContain("SharedKey request with the old key: 403");
      expect(body).not.toContain("still valid");
      expect(w.audit.records.filter((r) => r.action === "rotate").map((r) => r.outcome)).toEqual(["ok", "ok"]);

      // A re-run converges: nothing regenerated, nothing written, proven again, one issue.
      const writes =
        w.a.calls.filter((c) => WRITES.has(c.op)).length + w.b.calls.filter((c) => WRITES.has(c.op)).length;
      const again = await respond([w.f], w.ports, { config: w.config, context });
      expect(again.failures).toBe(0);
      expect(w.provider.regenerations).toEqual(["key2", "key1"]);
      expect(w.a.calls.filter((c) => WRITES.has(c.op)).length + w.b.calls.filter((c) => WRITES.has(c.op)).length).toBe(
        writes,
      );
      expect(again.results.map((r) => r.kind)).toEqual(["rotated", "rotated"]);
      expect(again.rotated).toEqual([]);
      expect(w.issues.issues).toHaveLength(1);
      expect(w.issues.comments).toHaveLength(1);

      const out = [...w.issues.issues.map((i) => i.body), ...w.logs, JSON.stringify(w.audit.records), again.planText];
      for (const v of [w.key, fresh, w.conn]) expect(out.join("\n")).not.toContain(v);
    });
  }

  it("a crash after storing the new key converges on the next run without a second regenerate", async () => {
    const w = storageWorld(true);
    w.provider.failFinishOnce = true;
    const first = await respond([w.f], w.ports, { config: w.config, context });
    expect(first.results.map((r) => r.kind)).toEqual(["failed"]);
    expect(first.results[0]?.kind === "failed" && first.results[0].reason).toContain("retiring the leaked one");
    expect(w.provider.regenerations).toEqual(["key2"]);
    // The leaked versions stay enabled until the leaked key is dead.
    expect(w.a.version("storage-conn", w.connV).enabled).toBe(true);
    const second = await respond([w.f], w.ports, { config: w.config, context });
    expect(second.failures).toBe(0);
    expect(w.provider.regenerations).toEqual(["key2", "key1"]);
    expect(w.b.secrets.get("storage-key")).toHaveLength(2);
    expect(w.b.latest("storage-key").value).toBe(w.provider.keys.key2);
    expect(w.a.version("storage-conn", w.connV).enabled).toBe(false);
  });

  it("without a proof the step is failed, not rotated, and says what is left", async () => {
    const w = storageWorld(false);
    w.provider.probeBlind = true;
    const result = await respond([w.f], w.ports, { config: w.config, context });
    expect(result.results.map((r) => r.kind)).toEqual(["failed"]);
    expect(result.rotated).toEqual([]);
    const r = result.results[0];
    expect(r?.kind === "failed" && r.reason).toContain("does not show the leaked value dead");
    expect(w.issues.issues[0]?.body).toContain("still valid");
  });

  it("leaves the vault alone for a credential no rotator can act on, and says how to revoke it", async () => {
    const vault = new MemoryVault(VAULT);
    const stripe = `sk_live_${randomBytes(18).toString("hex")}`;
    const v1 = vault.put("stripe-key", stripe);
    const f = finding(stripe, { ruleId: "stripe-secret-key", title: "Stripe secret key" });
    const w = memoryPorts([vault]);
    const ports = { ...w.ports, providerRotators: [new TwoKeyProvider()] };
    const dry = await respond([f], ports, { config: configWith(), context, dryRun: true });
    expect(dry.planText).toContain("https://dashboard.stripe.com/apikeys");
    const result = await respond([f], ports, { config: configWith(), context });
    expect(vault.calls.some((c) => WRITES.has(c.op))).toBe(false);
    expect(vault.version("stripe-key", v1).enabled).toBe(true);
    expect(result.results.map((r) => r.kind)).toEqual(["skipped"]);
    const body = w.issues.issues[0]?.body ?? "";
    expect(body).toContain("The leaked credential is still valid");
    expect(body).toContain("What to do at Stripe");
    expect(body).toContain("https://dashboard.stripe.com/apikeys");
    expect(body).not.toContain(stripe);
  });

  it("revokes a token no vault holds and proves it dead; no vault value is made up", async () => {
    const tokens = new TokenProvider();
    const token = `ghp_${randomBytes(18).toString("hex")}`;
    tokens.live.add(token);
    const vault = new MemoryVault(VAULT);
    const f = finding(token, { ruleId: "github-pat", title: "GitHub personal access token (classic)" });
    const w = memoryPorts([vault]);
    const result = await respond([f], { ...w.ports, providerRotators: [tokens] }, { config: configWith(), context });
    expect(tokens.live.has(token)).toBe(false);
    expect(result.results.map((r) => r.kind)).toEqual(["revoked"]);
    expect(vault.calls.some((c) => WRITES.has(c.op))).toBe(false);
    expect(w.issues.issues[0]?.body).toContain("Revoked at Token test provider");
    expect(w.audit.records.map((r) => `${r.action}:${r.outcome}`)).toContain("revoke:ok");
  });

  it("the dry run prints the provider steps with the permission each needs, and changes nothing", async () => {
    const w = storageWorld(true);
    const result = await respond([w.f], w.ports, { config: w.config, context, dryRun: true });
    expect(w.provider.regenerations).toEqual([]);
    expect(result.planText).toContain("regenerate the other key [needs: Storage Account Key Operator Service Role]");
    expect(result.planText).toContain("secret 'storage-conn'");
    expect(result.planText).toContain("[needs: Key Vault Secrets Officer on the vault]");
    expect(result.planText).toContain("located by Azure rotation tags");
    expect(result.planText).not.toContain(w.key);
    expect(w.a.latest("storage-conn").tags[INCIDENT_TAG]).toBeUndefined();
  });
});

describe("on-demand rotation (rotateNamed) is provider first", () => {
  it("rotates a named connection string at its provider; a crash before retiring the old key is finished by a re-run", async () => {
    const w = storageWorld(false);
    w.provider.failFinishOnce = true;
    const options = { vaultUrls: [VAULT], requestId: "run-9", reason: "drill" };

    const first = await rotateNamed(["storage-conn"], w.ports, options);

    // The new key is stored, the old one still works at the provider: failed, and says a re-run finishes.
    expect(first.failures).toBe(1);
    expect(first.results[0]).toMatchObject({ kind: "failed" });
    expect(w.provider.regenerations).toEqual(["key2"]);
    expect(w.a.latest("storage-conn").value).toBe(w.conn.replace(w.key, w.provider.keys.key2));
    expect(w.a.version("storage-conn", w.connV).enabled).toBe(true);

    const again = await rotateNamed(["storage-conn"], w.ports, options);

    expect(again.failures).toBe(0);
    expect(again.results.map((r) => r.kind)).toEqual(["rotated"]);
    expect(w.provider.regenerations).toEqual(["key2", "key1"]);
    expect(w.a.secrets.get("storage-conn")).toHaveLength(2);
    expect(w.a.version("storage-conn", w.connV).enabled).toBe(false);
    expect(w.a.latest("storage-conn").tags).toMatchObject({
      [INCIDENT_TAG]: "manual-run-9",
      "leakstop-reason": "drill",
    });

    const third = await rotateNamed(["storage-conn"], w.ports, options);
    expect(third.results).toMatchObject([{ kind: "skipped", reason: expect.stringContaining("already rotated") }]);
    expect(w.provider.regenerations).toEqual(["key2", "key1"]);
  });

  it("revokes a named token at its provider and writes no value; refuses a secret no rotator can act on", async () => {
    const tokens = new TokenProvider();
    const vault = new MemoryVault(VAULT);
    const token = new Faker(9).githubToken("ghp_");
    tokens.live.add(token);
    vault.put("ci-token", token);
    vault.put("legacy-secret", randomBytes(16).toString("hex"));
    const w = memoryPorts([vault]);
    const ports = { ...w.ports, providerRotators: [tokens] };

    const revoked = await rotateNamed(["ci-token"], ports, { vaultUrls: [VAULT], requestId: "1" });
    expect(revoked.results).toMatchObject([{ kind: "revoked", evidence: "GET /user: 401" }]);
    expect(tokens.live.has(token)).toBe(false);

    const result = await rotateNamed(["legacy-secret"], ports, { vaultUrls: [VAULT], requestId: "1" });
    expect(result.results).toMatchObject([
      { kind: "failed", reason: expect.stringContaining("leakstop-provider: none") },
    ]);
    expect(vault.calls.filter((c) => WRITES.has(c.op))).toEqual([]);
    expect(vault.secrets.get("legacy-secret")).toHaveLength(1);
    expect(result.planText).toContain("blocked");
  });
});
