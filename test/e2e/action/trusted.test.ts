/**
 * The trusted responder end to end (issue 10's first "must show"): the bundled action with
 * `responder-url` and no Azure setting at all → the real service (`startService`, with the OIDC
 * issuer double, the GitHub API double and the HTTPS Key Vault double) rotates; the job fails
 * with the service's report, and every vault request came from the service. The runner's token
 * service is a local double issuing tokens from the issuer double, so forged tokens (another
 * key, wrong audience, expired, repository not allowed, body naming another repository, a
 * replay) can be handed to the real action: they change nothing.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createKeyVaultStore } from "../../../src/adapters/keyvault/store.js";
import { Faker } from "../../../src/core/rules/fake.js";
import { INPUTS, OUTPUTS } from "../../../src/entrypoints/action/constants.js";
import { GitHubDouble } from "../../helpers/github-double.js";
import { KeyVaultDouble, staticCredential } from "../../helpers/keyvault-double.js";
import { type OidcIssuerDouble, startOidcIssuer } from "../../helpers/oidc-issuer.js";
import { startTestService, type TestService } from "../server/harness.js";
import { type ActionRun, buildAction, disposeBuild, expectNothingLeaked, pushPayload, runAction } from "./harness.js";

const f = new Faker(4711);
const REPO = "octo-org/octo-repo";
const REQUEST_TOKEN = "runtime-request-token-for-tests";
const sha = (n: number) => `${n.toString(16).padStart(6, "0")}${"f".repeat(34)}`;
const added = (...lines: string[]) => `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`;

/** How the runner's token service double signs the next tokens. */
type Forgery = "none" | "foreign-key" | "wrong-audience" | "expired" | "repository" | "other-repository" | "replay";

let issuer: OidcIssuerDouble;
let kv: KeyVaultDouble;
let api: GitHubDouble;
let service: TestService;
let runner: { server: Server; url: string; forgery: Forgery; issued: number; first?: string | undefined };
let responderUrl: string;
let dir: string;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** The runner's OIDC token service as `core.getIDToken` calls it, issuing tokens from the issuer double. */
async function startRunnerTokens() {
  // `first`: the first token handed out since the test began (a run's first token is its POST's).
  const state = { forgery: "none" as Forgery, issued: 0, first: undefined as string | undefined };
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (req.headers.authorization !== `Bearer ${REQUEST_TOKEN}`) {
        res.writeHead(401).end();
        return;
      }
      const audience = url.searchParams.get("audience") ?? "";
      const forgery = state.forgery;
      const repository =
        forgery === "repository" ? "evil-org/evil-repo" : forgery === "other-repository" ? "octo-org/other" : REPO;
      const claims = {
        aud: forgery === "wrong-audience" ? "api://AzureADTokenExchange" : audience,
        repository,
        repository_owner: repository.split("/")[0],
        ref: "refs/heads/feature/x",
        actor: "mona",
        event_name: "push",
      };
      let value: string;
      if (forgery === "replay" && state.first) value = state.first;
      else {
        value = await issuer.token(claims, {
          ...(forgery === "foreign-key" ? { key: await issuer.foreignKey() } : {}),
          ...(forgery === "expired" ? { expiresInSec: -600 } : {}),
        });
      }
      state.first ??= value;
      state.issued++;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ value }));
    })();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return Object.assign(state, {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token?api-version=2.0`,
  });
}

beforeAll(async () => {
  await buildAction();
  dir = await mkdtemp(join(tmpdir(), "leakstop-trusted-"));
  [issuer, kv, api] = await Promise.all([startOidcIssuer(), KeyVaultDouble.start(), GitHubDouble.start()]);
  runner = await startRunnerTokens();
  const port = await freePort();
  responderUrl = `http://127.0.0.1:${port}`;
  service = await startTestService(
    {
      PORT: String(port),
      GITHUB_API_URL: api.url,
      LEAKSTOP_VAULT_URL: kv.url,
      LEAKSTOP_OIDC_ISSUER: issuer.issuer,
      LEAKSTOP_OIDC_AUDIENCE: responderUrl,
      LEAKSTOP_ALLOWED_REPOSITORIES: "octo-org/*",
    },
    {
      secretStore: (url) =>
        createKeyVaultStore(url, {
          credential: staticCredential,
          disableChallengeResourceVerification: true,
          clientOptions: { tlsOptions: { ca: kv.ca } },
          retryOptions: { maxRetries: 0 },
        }),
    },
  );
}, 120_000);
afterAll(async () => {
  await service?.stop();
  await new Promise((r) => runner?.server.close(r));
  await Promise.all([issuer?.close(), kv?.close(), api?.close()]);
  await rm(dir, { recursive: true, force: true });
  await disposeBuild();
});
beforeEach(() => {
  runner.forgery = "none";
  runner.first = undefined;
});

/** A push whose commit adds a token to `.env`. */
function leakingPush(n: number, secret: string) {
  api.addCommit({ sha: sha(n - 1), parents: [], files: [{ filename: "README.md", patch: added("# app") }] });
  api.addCommit({ sha: sha(n), parents: [sha(n - 1)], files: [{ filename: ".env", patch: added(`TOKEN=${secret}`) }] });
  return pushPayload("refs/heads/feature/x", sha(n - 1), sha(n));
}

/** The action with `responder-url` only: no vault-url, no Azure input or variable. */
async function run(payload: unknown, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const workspace = await mkdtemp(join(dir, "workspace-"));
  return runAction({
    eventName: "push",
    payload,
    workspace,
    apiUrl: api.url,
    repository: REPO,
    inputs: {
      // Not the service's token ("test-token"): the double's records tell who read what.
      [INPUTS.githubToken]: "job-token",
      [INPUTS.responderUrl]: responderUrl,
      [INPUTS.responderWait]: "30",
      ...inputs,
    },
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: runner.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN },
  });
}

/** GitHub requests the service made (with its own token) since `from`. */
const serviceRequests = (from: number) =>
  api.requests.slice(from).filter((r) => r.authorization?.includes("test-token"));
const vaultWrites = () => kv.requests.filter((r) => (r.method === "PUT" || r.method === "PATCH") && r.status === 200);

describe("the action with responder-url, end to end", () => {
  it("sends locations only; the service rotates, and the job fails with the service's report", async () => {
    const secret = f.githubToken("ghp_");
    const leaked = kv.put("deploy-token", secret, { tags: { "leakstop-provider": "none" } });
    const kvBefore = kv.requests.length;
    const apiBefore = api.requests.length;

    const result = await run(leakingPush(2, secret));

    expect(result.code, result.stdout + result.stderr).toBe(1);
    // The service rotated: a new version, the leaked one disabled.
    expect(kv.latest("deploy-token")?.value).not.toBe(secret);
    expect(kv.version("deploy-token", leaked)?.enabled).toBe(false);
    // Every vault request came from the service: the job had no vault URL, no Azure input, no
    // Azure token; the only credential used at the vault is the service's (no token exchange).
    expect(kv.requests.length).toBeGreaterThan(kvBefore);
    expect(kv.tokenRequests).toHaveLength(0);
    expect(result.stdout + result.stderr).not.toContain(kv.url);
    // The job reports like an in-job response: outputs, summary, the closing line.
    const rotated = JSON.parse(result.outputs[OUTPUTS.rotated] ?? "[]") as Array<{ secret: string }>;
    expect(rotated.map((r) => r.secret)).toEqual(["deploy-token"]);
    expect(result.outputs[OUTPUTS.issueNumber]).toBe("1");
    expect(result.outputs[OUTPUTS.issueUrl]).toContain("/issues/1");
    expect(result.summary).toContain("Responder outcome: rotated.");
    expect(result.failure).toContain("the responder rotated 1 secret version(s)");
    expect(result.annotations.length).toBeGreaterThan(0);
    // The findings call held locations only: the service's own GitHub reads found the value.
    expect(api.issues).toHaveLength(1);
    expect(serviceRequests(apiBefore).some((r) => r.path.endsWith(`/commits/${sha(2)}`))).toBe(true);
    expectNothingLeaked(result, [secret]);
    for (const r of api.requests) expect(r.body.includes(secret)).toBe(false);
  });

  it.each([
    ["foreign-key", "not valid"],
    ["wrong-audience", "not valid"],
    ["expired", "expired"],
    ["repository", "not in LEAKSTOP_ALLOWED_REPOSITORIES"],
    ["other-repository", "can only report its own repository"],
  ] as const)(
    "a forged token (%s) is refused and changes nothing; the job fails and says so",
    async (forgery, says) => {
      const n =
        10 + ["foreign-key", "wrong-audience", "expired", "repository", "other-repository"].indexOf(forgery) * 2;
      const secret = f.githubToken("ghp_");
      const stored = kv.put(`token-${forgery}`, secret, { tags: { "leakstop-provider": "none" } });
      const payload = leakingPush(n, secret);
      const writes = vaultWrites().length;
      const issues = api.issues.length;
      const apiBefore = api.requests.length;
      runner.forgery = forgery;

      const result = await run(payload);

      expect(result.code).toBe(1);
      expect(result.failure).toContain("remediation failed: the responder refused the findings");
      expect(result.failure).toContain(says);
      expect(vaultWrites()).toHaveLength(writes);
      expect(kv.latest(`token-${forgery}`)?.version).toBe(stored);
      expect(api.issues).toHaveLength(issues);
      // The service made no GitHub request for it (the action's own reads are all there is).
      expect(serviceRequests(apiBefore)).toHaveLength(0);
      expectNothingLeaked(result, [secret]);
    },
  );

  it("a replayed token is refused; the job fails and says remediation failed", async () => {
    const secret = f.githubToken("ghp_");
    kv.put("token-replay", secret, { tags: { "leakstop-provider": "none" } });
    const payload = leakingPush(40, secret);
    // The first run uses a fresh token (and rotates); its token is then handed out again.
    const first = await run(payload);
    expect(first.code).toBe(1);
    const writes = vaultWrites().length;
    runner.forgery = "replay";
    const second = await run(payload);
    expect(second.code).toBe(1);
    expect(second.failure).toContain("used before");
    expect(vaultWrites()).toHaveLength(writes);
  });

  it("an unreachable responder: the job still fails on the leak and says remediation failed", async () => {
    const secret = f.githubToken("ghp_");
    const port = await freePort();
    const result = await run(leakingPush(50, secret), {
      [INPUTS.responderUrl]: `http://127.0.0.1:${port}`,
      [INPUTS.responderWait]: "1",
    });
    expect(result.code).toBe(1);
    expect(result.failure).toContain("could not be reached");
    expectNothingLeaked(result, [secret]);
  });

  it("without id-token: write the job says what to add", async () => {
    const secret = f.githubToken("ghp_");
    const workspace = await mkdtemp(join(dir, "workspace-"));
    const result = await runAction({
      eventName: "push",
      payload: leakingPush(60, secret),
      workspace,
      apiUrl: api.url,
      repository: REPO,
      inputs: { [INPUTS.githubToken]: "job-token", [INPUTS.responderUrl]: responderUrl },
    });
    expect(result.code).toBe(1);
    expect(result.failure).toContain("permissions: id-token: write");
  });

  // Last: the delay stays on the double.
  it("a slow responder: the job fails on the leak and says remediation is pending", async () => {
    const secret = f.githubToken("ghp_");
    kv.put("token-slow", secret, { tags: { "leakstop-provider": "none" } });
    // Only the service opens issues (the job has no issue to open with responder-url).
    api.delay(/\/issues/, 4000);
    const result = await run(leakingPush(70, secret), { [INPUTS.responderWait]: "1" });
    expect(result.code).toBe(1);
    expect(result.failure).toContain("remediation is pending at the responder");
    expect(result.failure).toMatch(/\/api\/v1\/findings\/[0-9a-f-]{36}/);
    expectNothingLeaked(result, [secret]);
  });
});
