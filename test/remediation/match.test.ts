import { describe, expect, it } from "vitest";
import { matchFindings } from "../../src/remediation/match.js";
import { SecretStoreError } from "../../src/remediation/ports.js";
import { MemoryVault, memoryPorts } from "./fakes.js";
import { configWith, finding, newAccountKey, newPassword, VAULT, VAULT2 } from "./findings.js";

function setup(...vaults: MemoryVault[]) {
  return memoryPorts(vaults.length ? vaults : [new MemoryVault(VAULT)]);
}

describe("matchFindings", () => {
  it("matches the exact value in the current and in a recent version", async () => {
    const vault = new MemoryVault(VAULT);
    const pw = newPassword();
    const old = vault.put("db-password", pw);
    vault.put("db-password", newPassword());
    vault.put("other", newPassword());
    const { ports } = setup(vault);
    const report = await matchFindings([finding(pw)], ports, { config: configWith() });
    expect(report.unmatched).toEqual([]);
    expect(report.matches).toHaveLength(1);
    expect(report.matches[0]).toMatchObject({ name: "db-password", kinds: ["exact"], leakedVersions: [old] });
  });

  it("matches a leaked key inside a stored connection string, and the reverse", async () => {
    const vault = new MemoryVault(VAULT);
    const key = newAccountKey();
    const key2 = newAccountKey();
    vault.put(
      "storage-cs",
      `DefaultEndpointsProtocol=https;AccountName=a1;AccountKey=${key};EndpointSuffix=core.windows.net`,
    );
    vault.put("storage-key", key2);
    const { ports } = setup(vault);
    const leakedCs = `DefaultEndpointsProtocol=https;AccountName=a2;AccountKey=${key2}`;
    const report = await matchFindings(
      [finding(key, { ruleId: "azure-storage-account-key" }), finding(leakedCs)],
      ports,
      {
        config: configWith(),
      },
    );
    const byName = Object.fromEntries(report.matches.map((m) => [m.name, m.kinds]));
    expect(byName).toEqual({ "storage-cs": ["component"], "storage-key": ["contains-component"] });
  });

  it("reads each candidate version once however many findings there are, with bounded concurrency", async () => {
    const vault = new MemoryVault(VAULT);
    for (let i = 0; i < 40; i++) vault.put(`s${i}`, newPassword());
    const { ports } = setup(vault);
    const findings = Array.from({ length: 5 }, () => finding(newPassword(), { path: `f${Math.random()}` }));
    const report = await matchFindings(findings, ports, { config: configWith(), concurrency: 4 });
    const reads = vault.calls.filter((c) => c.op === "getSecret");
    expect(reads).toHaveLength(40);
    expect(new Set(reads.map((r) => `${r.name}/${r.version}`)).size).toBe(40);
    expect(vault.maxInFlight).toBeLessThanOrEqual(4);
    expect(report.unmatched).toHaveLength(5);
    expect(report.unmatched[0]?.reason).toMatch(/No secret in the 1 configured vault\(s\) holds this value/);
  });

  it("skips disabled secrets and filters candidates by name pattern and tags", async () => {
    const vault = new MemoryVault(VAULT);
    const pw = newPassword();
    vault.put("app-db", pw, { tags: { team: "payments" } });
    vault.put("app-other", pw, { tags: { team: "search" } });
    vault.put("legacy-db", pw, { tags: { team: "payments" } });
    vault.put("app-disabled", pw, { enabled: false, tags: { team: "payments" } });
    const { ports } = setup(vault);
    const config = configWith({ vaults: [{ url: VAULT, namePattern: "^app-", tags: { team: "payments" } }] });
    const report = await matchFindings([finding(pw)], ports, { config });
    expect(report.matches.map((m) => m.name)).toEqual(["app-db"]);
    expect(vault.calls.filter((c) => c.op === "listVersions").map((c) => c.name)).toEqual(["app-db"]);
  });

  it("uses a mapping (rule and path glob) to reach a secret outside the searched vaults that holds the value", async () => {
    const vault = new MemoryVault(VAULT2);
    const key = newAccountKey();
    const current = vault.put("sas-signing-key", key);
    const { ports } = setup(new MemoryVault(VAULT), vault);
    const config = configWith({
      mappings: [{ rule: "azure-sas-token", path: "deploy/**", vault: VAULT2, secret: "sas-signing-key" }],
    });
    const f = finding(key, { ruleId: "azure-sas-token", path: "deploy/prod/run.sh" });
    const miss = finding(newPassword(), { ruleId: "azure-sas-token", path: "src/x.ts" });
    const report = await matchFindings([f, miss], ports, { config });
    expect(report.matches).toHaveLength(1);
    expect(report.matches[0]).toMatchObject({
      vaultUrl: VAULT2,
      kinds: ["exact", "mapping"],
      leakedVersions: [current],
    });
    expect(report.unmatched.map((u) => u.fingerprint)).toEqual([miss.fingerprint]);
  });

  it("a pushed mapping with a made-up value in docs/ cannot rotate prod-critical (issue 13)", async () => {
    const vault = new MemoryVault(VAULT);
    vault.put("prod-critical", newPassword());
    const { ports } = setup(vault);
    const config = configWith({ mappings: [{ path: "docs/**", secret: "prod-critical" }] });
    const madeUp = finding(newPassword(), { path: "docs/setup.md" });
    const report = await matchFindings([madeUp], ports, { config });
    expect(report.matches).toEqual([]);
    expect(report.unmatched).toEqual([
      expect.objectContaining({ fingerprint: madeUp.fingerprint, code: "mapping-mismatch" }),
    ]);
    expect(report.unmatched[0]?.reason).toMatch(/the mapping does not hold the leaked value.*Nothing was rotated/);
  });

  it("reports a vault it cannot list as an error, and one unreadable secret without hiding the rest", async () => {
    const denied = new MemoryVault(VAULT2);
    denied.fail = (op) =>
      op === "listSecrets" ? new SecretStoreError("denied: grant a role", "forbidden", 403) : undefined;
    const vault = new MemoryVault(VAULT);
    const pw = newPassword();
    vault.put("a-locked", newPassword());
    vault.put("b-app", pw);
    vault.fail = (op, name) => (op === "getSecret" && name === "a-locked" ? new Error("403 on one secret") : undefined);
    const { ports } = setup(vault, denied);
    const config = configWith({ vaults: [{ url: VAULT }, { url: VAULT2 }] });
    const report = await matchFindings([finding(pw)], ports, { config });
    expect(report.matches.map((m) => m.name)).toEqual(["b-app"]);
    expect(report.errors.map((e) => e.vaultUrl)).toEqual([VAULT, VAULT2]);
    expect(report.errors[0]?.message).toMatch(
      /1 of 2 candidate secret\(s\) could not be read; first: 403 on one secret/,
    );
    expect(report.errors[1]?.message).toMatch(/grant a role/);
  });
});
