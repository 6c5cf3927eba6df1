import { describe, expect, it } from "vitest";
import type { MatchReport, SecretMatch } from "../../src/remediation/match.js";
import { fitTags, MAX_TAGS, nextExpiry, plan, renderPlan } from "../../src/remediation/plan.js";
import type { SecretVersionInfo } from "../../src/remediation/ports.js";
import { finding, VAULT } from "./findings.js";

const NOW = new Date("2024-06-01T00:00:00Z");
const DAY = 86_400_000;
const f = finding("fixture-password-value");

function version(id: string, extra: Partial<SecretVersionInfo> = {}): SecretVersionInfo {
  // The vault is these secrets' only home: the vault-only rotation under test.
  const tags = { "leakstop-provider": "none", ...extra.tags };
  return { name: "s", version: id, enabled: true, createdOn: new Date(NOW.getTime() - DAY), ...extra, tags };
}

function report(m: Partial<SecretMatch>): MatchReport {
  const match: SecretMatch = {
    vaultUrl: VAULT,
    name: "s",
    kinds: ["exact"],
    incidents: [f.fingerprint],
    ruleIds: [f.ruleId],
    leakedVersions: [],
    leakedDigests: {},
    versions: [],
    shape: { kind: "chars", length: 20, classes: ["abc"] },
    ...m,
  };
  return { matches: [match], unmatched: [], errors: [], reads: 1 };
}

const opts = { now: NOW, incident: { repository: "acme/app" } };

describe("plan", () => {
  it("rotates when the current version leaked, replacing our old tags but keeping the user's", () => {
    const v1 = version("v1", { tags: { owner: "team", "leakstop-reason": "old incident" } });
    const p = plan(report({ leakedVersions: ["v1"], versions: [v1] }), [f], opts);
    const step = p.steps[0];
    expect(step?.kind).toBe("rotate");
    if (step?.kind !== "rotate") return;
    expect(step.tags).toMatchObject({ owner: "team", "leakstop-incident": f.fingerprint, "leakstop-replaces": "v1" });
    expect(step.tags["leakstop-reason"]).toBe(`leaked: ${f.ruleId} in ${f.path}`);
    expect(step.disable.map((d) => d.version)).toEqual(["v1"]);
  });

  it("keeps leakstop-provider on the new version: it says where the credential lives, not what happened", () => {
    const v1 = version("v1", { tags: { "leakstop-provider": "none", "leakstop-run": "old" } });
    const p = plan(report({ leakedVersions: ["v1"], versions: [v1] }), [f], opts);
    const step = p.steps[0];
    if (step?.kind !== "rotate") throw new Error(`expected a rotation, got ${step?.kind}`);
    expect(step.tags["leakstop-provider"]).toBe("none");
    expect(step.tags["leakstop-run"]).toBeUndefined();
  });

  it("only disables when an earlier run already wrote the incident's version", () => {
    const v2 = version("v2", { tags: { "leakstop-incident": f.fingerprint, "leakstop-replaces": "v1" } });
    const p = plan(report({ leakedVersions: ["v1"], versions: [v2, version("v1")] }), [f], opts);
    expect(p.steps[0]).toMatchObject({ kind: "disable", current: "v2" });
  });

  it("skips when the incident is handled, and says so", () => {
    const v2 = version("v2", { tags: { "leakstop-incident": `other,${f.fingerprint}` } });
    const v1 = version("v1", { enabled: false, tags: { "leakstop-incident": f.fingerprint } });
    const p = plan(report({ kinds: ["incident-tag"], versions: [v2, v1] }), [f], opts);
    expect(p.steps[0]).toMatchObject({
      kind: "skip",
      done: true,
      why: `already rotated for incident ${f.fingerprint}`,
    });
  });

  it("disables leaked old versions when someone else already rotated", () => {
    const p = plan(report({ leakedVersions: ["v1"], versions: [version("v2"), version("v1")] }), [f], opts);
    expect(p.steps[0]).toMatchObject({ kind: "disable", current: "v2" });
  });

  it("turns unmatched findings into manual steps and vault errors into blocked ones", () => {
    const r: MatchReport = {
      matches: [],
      unmatched: [{ fingerprint: f.fingerprint, reason: "no vault" }],
      errors: [],
      reads: 0,
    };
    expect(plan(r, [f], opts).steps).toMatchObject([
      {
        kind: "manual",
        incidents: [f.fingerprint],
        why: "no vault",
        revocation: { provider: "the service that checks it" },
      },
    ]);
    const blocked = plan({ ...r, errors: [{ vaultUrl: VAULT, message: "403" }] }, [f], opts);
    expect(blocked.steps).toEqual([{ kind: "blocked", vaultUrl: VAULT, incidents: [f.fingerprint], why: "403" }]);
  });

  it("renders a plan without values", () => {
    const p = plan(report({ leakedVersions: ["v1"], versions: [version("v1")] }), [f], opts);
    const text = renderPlan(p, { dryRun: true });
    expect(text).toContain("Plan (dry run: nothing was changed):");
    expect(text).toContain("rotate   https://contoso-app.vault.azure.net secret 's'");
    expect(text).not.toContain(f.secret);
  });
});

describe("fitTags", () => {
  it("keeps the converging tags and the user's before our other records, and cuts long values", () => {
    const user = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`t${i}`, "x"]));
    const tags = fitTags({
      ...user,
      "leakstop-incident": "a",
      "leakstop-replaces": "b",
      "leakstop-reason": "r".repeat(400),
    });
    expect(Object.keys(tags)).toHaveLength(MAX_TAGS);
    expect(tags["leakstop-incident"]).toBe("a");
    expect(tags["leakstop-replaces"]).toBe("b");
    expect(tags["leakstop-reason"]).toBeUndefined();
    expect(fitTags({ "leakstop-reason": "r".repeat(400) })["leakstop-reason"]).toHaveLength(256);
  });
});

describe("nextExpiry", () => {
  it("uses validityDays, else the old validity length, else none", () => {
    const old = version("v1", {
      createdOn: new Date(NOW.getTime() - 10 * DAY),
      expiresOn: new Date(NOW.getTime() + 20 * DAY),
    });
    expect(nextExpiry(old, NOW, 7)?.getTime()).toBe(NOW.getTime() + 7 * DAY);
    expect(nextExpiry(old, NOW)?.getTime()).toBe(NOW.getTime() + 30 * DAY);
    expect(nextExpiry(version("v1"), NOW)).toBeUndefined();
  });
});
