/**
 * One contract for every rotator, each against its stateful double: locate → plan → rotate →
 * (finish) → prove; afterwards the leaked credential is refused by the double itself, a repeat
 * is harmless, and the plan names a permission for every step.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubTokenRotator } from "../../../src/adapters/providers/github-token.js";
import type { LeakedCredential, ProviderRotator } from "../../../src/remediation/provider.js";
import { GitHubDouble } from "../../helpers/github-double.js";

interface Case {
  readonly name: string;
  setup(): Promise<{
    rotator: ProviderRotator;
    credential: LeakedCredential;
    isLive: () => boolean;
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

const CASES: Case[] = [githubCase("ghp_", "github-pat"), githubCase("ghs_", "github-app-installation-token")];

describe.each(CASES)("provider rotator contract: $name", (c) => {
  let world: Awaited<ReturnType<Case["setup"]>>;
  beforeAll(async () => {
    world = await c.setup();
  });
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
    expect(before.leaked).toBe("accepted");

    const out = await rotator.rotate(plan, credential);
    await rotator.finish?.(plan, credential);
    expect(world.isLive()).toBe(false);
    const proof = await rotator.prove(plan, credential, out.value);
    expect(proof.leaked).toBe("rejected");
    if (plan.mode === "rotate") expect(proof.replacement).toBe("accepted");
    expect(proof.evidence).not.toContain(credential.value);

    // Safe to repeat: a second run after a crash converges.
    await rotator.rotate(plan, { ...credential, ...(out.value ? { stored: out.value } : {}) });
    expect((await rotator.prove(plan, credential, out.value)).leaked).toBe("rejected");
  });
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
