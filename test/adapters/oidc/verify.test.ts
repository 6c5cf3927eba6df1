import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOidcVerifier, ReplayGuard, TokenRejectedError } from "../../../src/adapters/oidc/verify.js";
import { type OidcIssuerDouble, startOidcIssuer } from "../../helpers/oidc-issuer.js";

const AUD = "https://leakstop.example.com";
const claims = { aud: AUD, repository: "octo-org/app", ref: "refs/heads/main", sha: "a".repeat(40), run_id: "7" };

describe("GitHub OIDC token verification", () => {
  let issuer: OidcIssuerDouble;
  beforeAll(async () => {
    issuer = await startOidcIssuer();
  });
  afterAll(() => issuer.close());

  const verifier = () => createOidcVerifier({ issuer: issuer.issuer, audience: AUD, clockToleranceInMs: 5_000 });

  it("accepts a token signed by the issuer for this audience, and returns its claims", async () => {
    const job = await verifier().verify(await issuer.token(claims));
    expect(job).toMatchObject({ repository: "octo-org/app", ref: "refs/heads/main", runId: "7" });
    expect(job.jti).toBeTruthy();
    expect(job.expiresAtMs).toBeGreaterThan(Date.now());
  });

  it.each([
    [
      "signed by a key the issuer never published",
      async (i: OidcIssuerDouble) => i.token(claims, { key: await i.foreignKey() }),
      /not signed by a key|signature/,
    ],
    [
      "for another audience",
      (i: OidcIssuerDouble) => i.token({ ...claims, aud: "https://other.example.com" }),
      /'aud'/,
    ],
    [
      "from another issuer",
      (i: OidcIssuerDouble) => i.token({ ...claims, iss: "https://token.evil.example" }),
      /'iss'/,
    ],
    ["expired", (i: OidcIssuerDouble) => i.token(claims, { expiresInSec: -120 }), /expired/],
    ["not valid yet", (i: OidcIssuerDouble) => i.token(claims, { notBeforeSec: 600 }), /'nbf'/],
    ["without a repository claim", (i: OidcIssuerDouble) => i.token({ aud: AUD }), /repository/],
  ])("refuses a token %s", async (_what, make, message) => {
    const token = await make(issuer);
    const error = await verifier()
      .verify(token)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(token);
  });

  it("refuses alg none and an HMAC token keyed with the public key (algorithm pinned)", async () => {
    const good = await issuer.token(claims);
    const [, body] = good.split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", kid: "k1" })).toString("base64url")}.${body}.`;
    await expect(verifier().verify(none)).rejects.toThrow(TokenRejectedError);
    const jwks = (await (await fetch(`${issuer.issuer}/.well-known/jwks`)).json()) as { keys: Array<{ n: string }> };
    const { createHmac } = await import("node:crypto");
    const header = Buffer.from(JSON.stringify({ alg: "HS256", kid: "k1" })).toString("base64url");
    const mac = createHmac("sha256", jwks.keys[0]?.n ?? "")
      .update(`${header}.${body}`)
      .digest("base64url");
    await expect(verifier().verify(`${header}.${body}.${mac}`)).rejects.toThrow(/RS256|not signed|signature|malformed/);
    await expect(verifier().verify("not a token")).rejects.toThrow(/malformed/);
  });

  it("caches the key set and fetches it again when the issuer rotates its key", async () => {
    const v = createOidcVerifier({ issuer: issuer.issuer, audience: AUD, jwksCooldownInMs: 0 });
    const before = issuer.jwksFetches();
    await v.verify(await issuer.token(claims));
    await v.verify(await issuer.token(claims));
    expect(issuer.jwksFetches()).toBe(before + 1);
    await issuer.rotate({ drop: true });
    await expect(v.verify(await issuer.token(claims))).resolves.toMatchObject({ repository: "octo-org/app" });
    expect(issuer.jwksFetches()).toBe(before + 2);
  });

  it("refuses a non-https issuer outside loopback, and an empty audience", () => {
    expect(() => createOidcVerifier({ issuer: "http://token.example.com", audience: AUD })).toThrow(/https/);
    expect(() => createOidcVerifier({ issuer: issuer.issuer, audience: "" })).toThrow(/audience/);
  });

  it("says so when discovery fails, and tries again on the next token", async () => {
    const v = createOidcVerifier({ issuer: "http://127.0.0.1:9", audience: AUD, timeoutInMs: 500 });
    await expect(v.verify("x.y.z")).rejects.toThrow(/OIDC discovery at http:\/\/127\.0\.0\.1:9/);
    await expect(v.verify("x.y.z")).rejects.toThrow(/OIDC discovery/);
  });
});

describe("ReplayGuard", () => {
  it("accepts a token id once until it expires past the grace (the verifier's skew)", () => {
    let now = 1_000;
    const guard = new ReplayGuard(() => now, 500);
    expect(guard.firstUse("a", 2_000)).toBe(true);
    expect(guard.firstUse("a", 2_000)).toBe(false);
    expect(guard.firstUse("b", 2_000)).toBe(true);
    now = 2_400; // expired, but a verifier allowing skew still accepts it: still refused
    expect(guard.firstUse("a", 4_000)).toBe(false);
    now = 3_000;
    expect(guard.firstUse("a", 4_000)).toBe(true);
  });
});
