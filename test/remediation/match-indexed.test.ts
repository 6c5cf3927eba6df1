/**
 * Matching through the vault index (issue 10): the index names the candidate secrets, the vault's
 * own values decide; a vault never indexed is searched as before. The request counts are the
 * before/after of the index for one finding against a 500-secret vault.
 */
import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { matchFindings } from "../../src/remediation/match.js";
import { createVaultIndex, MemoryVaultIndexStore } from "../../src/remediation/vault-index.js";
import { MemoryVault, memoryPorts } from "./fakes.js";
import { configWith, finding, newPassword, VAULT } from "./findings.js";

function indexOf(vault: MemoryVault) {
  const key = randomBytes(32);
  return createVaultIndex({
    store: new MemoryVaultIndexStore(),
    secretStore: () => vault,
    digest: (t) => createHmac("sha256", key).update(t).digest("hex"),
  });
}

describe("matchFindings with the vault index", () => {
  it("reads only the indexed holder instead of the whole vault (500 secrets: before/after)", async () => {
    const vault = new MemoryVault(VAULT);
    for (let i = 0; i < 500; i++) vault.put(`app-${i}`, newPassword());
    const pw = newPassword();
    const leaked = vault.put("svc-login", pw);
    const { ports } = memoryPorts([vault]);
    const index = indexOf(vault);
    await index.refreshVault(VAULT);

    const without = await matchFindings([finding(pw)], ports, { config: configWith(), maxRequestsPerVault: 5000 });
    const withIndex = await matchFindings([finding(pw)], ports, { config: configWith(), index });
    for (const report of [without, withIndex]) {
      expect(report.matches.map((m) => [m.name, m.leakedVersions])).toEqual([["svc-login", [leaked]]]);
    }
    // Without: a listing and a read of (nearly) every current value; with: the holder's versions and value.
    expect(without.requests).toBeGreaterThan(500);
    expect(withIndex.requests).toBe(2);
  });

  it("searches a vault never indexed as before, and applies name patterns and tags to indexed candidates", async () => {
    const vault = new MemoryVault(VAULT);
    const pw = newPassword();
    vault.put("prod-db", pw, { tags: { team: "data" } });
    vault.put("dev-db", pw, { tags: { team: "web" } });
    const { ports } = memoryPorts([vault]);
    const index = indexOf(vault);

    const cold = await matchFindings([finding(pw)], ports, { config: configWith(), index });
    expect(cold.matches.map((m) => m.name).sort()).toEqual(["dev-db", "prod-db"]);

    await index.refreshVault(VAULT);
    const narrowed = await matchFindings([finding(pw)], ports, {
      config: configWith({ vaults: [{ url: VAULT, namePattern: "^prod-" }] }),
      index,
    });
    expect(narrowed.matches.map((m) => m.name)).toEqual(["prod-db"]);
    const tagged = await matchFindings([finding(pw)], ports, {
      config: configWith({ vaults: [{ url: VAULT, tags: { team: "web" } }] }),
      index,
    });
    expect(tagged.matches.map((m) => m.name)).toEqual(["dev-db"]);
  });

  it("a value the index does not know has no holder, and the vault is not listed", async () => {
    const vault = new MemoryVault(VAULT);
    vault.put("known", newPassword());
    const { ports } = memoryPorts([vault]);
    const index = indexOf(vault);
    await index.refreshVault(VAULT);
    const pw = newPassword();
    vault.put("written-since", pw); // no event arrived for it
    vault.calls.length = 0;
    const report = await matchFindings([finding(pw)], ports, { config: configWith(), index });
    expect(report.matches).toEqual([]);
    expect(report.unmatched.map((u) => u.code)).toEqual(["no-holder"]);
    expect(vault.calls).toEqual([]);
  });
});
