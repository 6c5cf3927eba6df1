import { describe, expect, it } from "vitest";
import {
  authorize,
  parseAllowedRepositories,
  parseClaimRules,
  repositoryAllowed,
} from "../../../src/core/auth/claims.js";

describe("who may trigger the responder", () => {
  it("parses the allow list and refuses malformed entries", () => {
    expect(parseAllowedRepositories("octo-org/app, octo-org/*\nother/lib")).toEqual([
      "octo-org/app",
      "octo-org/*",
      "other/lib",
    ]);
    expect(() => parseAllowedRepositories("octo-org")).toThrow(/'octo-org' is not 'owner\/name'/);
    expect(() => parseAllowedRepositories("*/*")).toThrow(/not 'owner\/name'/);
  });

  it("matches owner/name and owner/* case-insensitively, nothing else", () => {
    expect(repositoryAllowed("Octo-Org/App", ["octo-org/app"])).toBe(true);
    expect(repositoryAllowed("octo-org/other", ["octo-org/*"])).toBe(true);
    expect(repositoryAllowed("octo-org-evil/app", ["octo-org/*"])).toBe(false);
    expect(repositoryAllowed("octo-org/app2", ["octo-org/app"])).toBe(false);
    expect(repositoryAllowed("octo-org", ["octo-org/*"])).toBe(false);
  });

  it("applies claim rules: every claim must match one of its patterns", () => {
    const rules = parseClaimRules("ref=refs/heads/main, ref=refs/heads/release/*, environment=prod*");
    const allowed = ["octo-org/*"];
    expect(
      authorize({ repository: "octo-org/app", ref: "refs/heads/main", environment: "production" }, allowed, rules),
    ).toEqual({ allowed: true });
    expect(
      authorize({ repository: "octo-org/app", ref: "refs/heads/release/1.2", environment: "prod" }, allowed, rules)
        .allowed,
    ).toBe(true);
    const feature = authorize(
      { repository: "octo-org/app", ref: "refs/heads/feature/x", environment: "prod" },
      allowed,
      rules,
    );
    expect(feature).toMatchObject({ allowed: false, reason: expect.stringContaining("claim 'ref'") });
    expect(authorize({ repository: "octo-org/app", ref: "refs/heads/main" }, allowed, rules)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("absent"),
    });
    expect(authorize({ repository: "evil/app", ref: "refs/heads/main" }, allowed)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("LEAKSTOP_ALLOWED_REPOSITORIES"),
    });
    expect(() => parseClaimRules("branch=main")).toThrow(/claim=pattern/);
  });

  it("does not let a single * cross a slash", () => {
    const rules = parseClaimRules("ref=refs/heads/*");
    expect(authorize({ repository: "o/r", ref: "refs/heads/a/b" }, ["o/r"], rules).allowed).toBe(false);
    expect(
      authorize({ repository: "o/r", ref: "refs/heads/a/b" }, ["o/r"], parseClaimRules("ref=refs/heads/**")).allowed,
    ).toBe(true);
  });
});
