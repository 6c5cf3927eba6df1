/**
 * Issue 13: "A pushed config can rotate any vault secret: a mapping plus a made-up value in
 * `docs/` rotated `prod-critical`." The whole responder, over in-memory ports: nothing is
 * written, nothing disabled, and the issue says why.
 */
import { describe, expect, it } from "vitest";
import { respond } from "../../src/remediation/respond.js";
import { MemoryVault, memoryPorts } from "./fakes.js";
import { configWith, finding, newPassword, VAULT } from "./findings.js";

const context = { repository: "octo-org/octo-repo", runUrl: "https://github.com/octo-org/octo-repo/actions/runs/1" };

describe("a mapping may only act on a value that is actually in the named secret", () => {
  it("a made-up value in docs/ with a pushed mapping to prod-critical rotates nothing", async () => {
    const vault = new MemoryVault(VAULT);
    const real = newPassword();
    vault.put("prod-critical", real);
    const { ports, issues } = memoryPorts([vault]);
    const config = configWith({ mappings: [{ path: "docs/**", secret: "prod-critical" }] });
    const result = await respond([finding(newPassword(), { path: "docs/setup.md" })], ports, { config, context });
    expect(vault.calls.filter((c) => c.op === "setSecret" || c.op === "updateVersion")).toEqual([]);
    expect(vault.latest("prod-critical")).toMatchObject({ value: real, enabled: true });
    expect(result.rotated).toEqual([]);
    expect(result.plan.steps).toEqual([
      expect.objectContaining({
        kind: "manual",
        why: expect.stringMatching(/the mapping does not hold the leaked value/),
      }),
    ]);
    expect(issues.issues).toHaveLength(1);
  });

  it("the same mapping does act when the leaked value is in an enabled version of that secret", async () => {
    const vault = new MemoryVault(VAULT);
    const leaked = newPassword();
    // The vault is this password's only home (provider-first: otherwise leakstop leaves it alone).
    const tags = { "leakstop-provider": "none" };
    vault.put("prod-critical", `${leaked}\n`, { tags });
    vault.put("prod-critical", newPassword(), { enabled: false, tags });
    const { ports } = memoryPorts([vault]);
    // Not in the searched vault's names: only the mapping leads there.
    const config = configWith({
      vaults: [{ url: VAULT, namePattern: "^app-" }],
      mappings: [{ path: "docs/**", secret: "prod-critical" }],
    });
    const result = await respond([finding(leaked, { path: "docs/setup.md" })], ports, { config, context });
    expect(result.plan.steps.map((s) => s.kind)).toEqual(["rotate"]);
  });
});
