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
  it("names the provider's own page for every built-in rule but the generic ones", () => {
    const missing = builtinRules.map((r) => r.id).filter((id) => !GENERIC.has(id) && !MANUAL_REVOCATIONS[id]);
    expect(missing).toEqual([]);
    for (const r of Object.values(MANUAL_REVOCATIONS)) {
      expect(r.url).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/|$)/);
      expect(r.how.length).toBeGreaterThan(20);
    }
  });

  it("exempts only rules that exist, and gives those without a reference the generic advice", () => {
    const byId = new Map(builtinRules.map((r) => [r.id, r]));
    for (const id of GENERIC) {
      expect(byId.has(id)).toBe(true);
      // jwt has a written entry: how to find its issuer and revoke there.
      if (id === "jwt") {
        expect(MANUAL_REVOCATIONS.jwt?.provider).toMatch(/issuer/);
        continue;
      }
      if (byId.get(id)?.reference) continue;
      expect(MANUAL_REVOCATIONS[id]).toBeUndefined();
      expect(manualRevocationFor([id])).toBe(GENERIC_REVOCATION);
    }
  });

  it("says, for every written entry, that the leaked credential itself is revoked", () => {
    // A new key alone leaves the leaked one valid: each `how` names revoking, deleting, rolling,
    // regenerating or resetting, not only creating.
    const weak = Object.entries(MANUAL_REVOCATIONS)
      .filter(
        ([, r]) =>
          !/revok|delet|roll|regenerat|reset|rotat|renew|disabl|deactivat|remov|change|reissu|refresh|invalidat|deauthoriz|new secret/i.test(
            r.how,
          ),
      )
      .map(([id]) => id);
    expect(weak).toEqual([]);
  });

  it("names the provider, not the rule title, for rules written by hand", () => {
    expect(MANUAL_REVOCATIONS["groq-api-key"]).toMatchObject({
      provider: "Groq",
      url: "https://console.groq.com/keys",
    });
    expect(MANUAL_REVOCATIONS["discord-bot-token"]?.how).toMatch(/Reset Token/);
    expect(manualRevocationFor(["generic-secret", "hetzner-token"]).provider).toBe("Hetzner Cloud");
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
