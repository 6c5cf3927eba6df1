import { describe, expect, it } from "vitest";
import { builtinRules } from "../../src/core/rules/index.js";
import { GENERIC_REVOCATION, MANUAL_REVOCATIONS, manualRevocationFor } from "../../src/remediation/revocation.js";

/** Rules that name no provider: the generic advice applies. */
const GENERIC = new Set([
  "generic-password",
  "generic-secret",
  "generic-credential-pair",
  "password-flag",
  "bearer-token",
  "jwt",
  "url-basic-auth",
]);

describe("manual revocation table", () => {
  // Rules that name no documentation page yet get the generic advice (listed in the note).
  it("names the provider's own page for every rule that has a provider and a reference", () => {
    const missing = builtinRules
      .filter((r) => r.reference || !r.id.includes("-"))
      .map((r) => r.id)
      .filter((id) => !GENERIC.has(id) && !MANUAL_REVOCATIONS[id]);
    expect(missing).toEqual([]);
    for (const r of Object.values(MANUAL_REVOCATIONS)) {
      expect(r.url).toMatch(/^https:\/\//);
      expect(r.how.length).toBeGreaterThan(20);
    }
  });

  it("keys only rules that exist", () => {
    const ids = new Set(builtinRules.map((r) => r.id));
    expect(Object.keys(MANUAL_REVOCATIONS).filter((id) => !ids.has(id))).toEqual([]);
  });

  it("falls back to the generic advice", () => {
    expect(manualRevocationFor(["generic-password"])).toBe(GENERIC_REVOCATION);
    expect(manualRevocationFor(["generic-password", "stripe-secret-key"]).provider).toBe("Stripe");
  });
});
