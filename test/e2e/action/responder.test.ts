/**
 * The bundled action responding to leaks, as the runner runs it: `node dist/index.js` signs in to
 * Azure by GitHub OIDC (the ID token from a local stand-in of the runner's token service, the
 * Entra exchange and the vault both at the HTTPS Key Vault double, trusted through
 * NODE_EXTRA_CA_CERTS), rotates the vault secret whose password leaked, and opens the issue at
 * the GitHub API double. Then the same push again, on-demand rotation, a dry run, a missing role,
 * and a canary: no leaked or new value in anything that leaves.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ALNUM, Faker } from "../../../src/core/rules/fake.js";
import { INPUTS, OUTPUTS } from "../../../src/entrypoints/action/constants.js";
import { secretComponents } from "../../../src/remediation/generate.js";
import { issueMarker } from "../../../src/remediation/issue.js";
import { ArmDouble, startBlobDouble } from "../../helpers/arm-double.js";
import { GitHubDouble } from "../../helpers/github-double.js";
import { DOUBLE_TENANT, DOUBLE_TOKEN, KeyVaultDouble } from "../../helpers/keyvault-double.js";
import {
  type ActionRun,
  buildAction,
  disposeBuild,
  expectNothingLeaked,
  maskedValues,
  pullPayload,
  pushPayload,
  runAction,
} from "./harness.js";

const REPO = "octo-org/octo-repo";
const CLIENT_ID = "11111111-2222-3333-4444-555555555555";
const OIDC_REQUEST_TOKEN = "runtime-request-token-for-tests";
const sha = (n: number) => `${n.toString(16).padStart(6, "0")}${"d".repeat(34)}`;
const added = (...lines: string[]) => `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`;
/** A fresh password the generic rule always finds (mixed classes, high entropy). */
const password = () => `Pw7!${randomBytes(10).toString("hex")}`;
const connection = (pw: string) => `Server=tcp:db.internal,1433;Database=app;User ID=app;Password=${pw};Encrypt=true`;

let kv: KeyVaultDouble;
let api: GitHubDouble;
let arm: ArmDouble;
let blob: Awaited<ReturnType<typeof startBlobDouble>>;
let oidc: { server: Server; url: string; audiences: string[] };
let dir: string;
let caFile: string;

beforeAll(async () => {
  await buildAction();
  kv = await KeyVaultDouble.start();
  dir = await mkdtemp(join(tmpdir(), "leakstop-responder-"));
  caFile = join(dir, "ca.pem");
  arm = await ArmDouble.start();
  arm.tokens.add(DOUBLE_TOKEN); // the token the Entra double issues for any scope
  blob = await startBlobDouble(arm);
  await writeFile(caFile, `${kv.ca}\n${arm.ca}`);
  oidc = await startOidcDouble();
}, 120_000);
afterAll(async () => {
  await kv?.close();
  await blob?.close();
  await arm?.close();
  await new Promise((resolve) => oidc?.server.close(resolve));
  await rm(dir, { recursive: true, force: true });
  await disposeBuild();
});
beforeEach(async () => {
  await api?.close();
  api = await GitHubDouble.start();
});

/**
 * The runner's OIDC token service, as `core.getIDToken` calls it: GET with the request token as
 * bearer and `&audience=` appended to ACTIONS_ID_TOKEN_REQUEST_URL; answers `{ value }`.
 */
async function startOidcDouble() {
  const audiences: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const ok = req.headers.authorization === `Bearer ${OIDC_REQUEST_TOKEN}`;
    if (ok) audiences.push(url.searchParams.get("audience") ?? "");
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const jwt = `${part({ alg: "RS256" })}.${part({ aud: url.searchParams.get("audience"), n: audiences.length })}.c2ln`;
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(JSON.stringify(ok ? { value: jwt } : { message: "bad token" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token?api-version=2.0`, audiences };
}

/** One push from sha(n-1) to sha(n) whose commit adds `lines` to `.env`. */
function leakingPush(n: number, ...lines: string[]) {
  api.addCommit({ sha: sha(n - 1), parents: [], files: [{ filename: "README.md", patch: added("# app") }] });
  api.addCommit({ sha: sha(n), parents: [sha(n - 1)], files: [{ filename: ".env", patch: added(...lines) }] });
  return pushPayload("refs/heads/main", sha(n - 1), sha(n));
}

interface Run extends ActionRun {
  /** The audit file's text ("" when none was written). */
  readonly audit: string;
  readonly sarifText: string;
}

/** Run the action with the vault, OIDC and the API doubles wired as a runner would. */
async function run(
  eventName: string,
  payload: unknown,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<Run> {
  const temp = await mkdtemp(join(dir, "runner-"));
  const workspace = await mkdtemp(join(dir, "workspace-"));
  const sarif = join(temp, "leakstop.sarif");
  const result = await runAction({
    eventName,
    payload,
    workspace,
    apiUrl: api.url,
    repository: REPO,
    inputs: {
      [INPUTS.githubToken]: "test-token",
      [INPUTS.vaultUrl]: kv.url,
      [INPUTS.azureClientId]: CLIENT_ID,
      [INPUTS.azureTenantId]: DOUBLE_TENANT,
      [INPUTS.sarifFile]: sarif,
      ...inputs,
    },
    env: {
      RUNNER_TEMP: temp,
      GITHUB_RUN_ID: "4242",
      NODE_EXTRA_CA_CERTS: caFile,
      AZURE_AUTHORITY_HOST: kv.url,
      LEAKSTOP_ARM_URL: arm.url,
      LEAKSTOP_TEST_KEYVAULT_INSECURE_CHALLENGE: "1",
      ACTIONS_ID_TOKEN_REQUEST_URL: oidc.url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_REQUEST_TOKEN,
      ...env,
    },
  });
  const audit = await readFile(join(temp, "leakstop-audit.jsonl"), "utf8").catch(() => "");
  const sarifText = await readFile(sarif, "utf8").catch(() => "");
  return { ...result, audit, sarifText };
}

/** The one `::error::` line without properties: the closing line. */
const closing = (r: ActionRun) => r.stdout.match(/^::error::.*$/gm) ?? [];
const writes = () => kv.requests.filter((r) => r.method === "PUT" || r.method === "PATCH");

/**
 * Every text that left the action — GitHub request bodies, Key Vault bodies but the one PUT
 * that stores a new value, SARIF, summary, outputs, audit file, stdout (but the runner's
 * `::add-mask::` lines) and stderr — holds none of `values`.
 */
function expectCanary(runs: readonly Run[], values: readonly string[]): void {
  const texts = [
    ...api.requests.map((r) => r.body),
    ...kv.requests.filter((r) => r.method !== "PUT").map((r) => r.body),
    ...runs.flatMap((r) => [
      r.sarifText,
      r.summary,
      JSON.stringify(r.outputs),
      r.audit,
      r.stdout
        .split("\n")
        .filter((l) => !l.startsWith("::add-mask::"))
        .join("\n"),
      r.stderr,
    ]),
  ];
  for (const value of values) for (const text of texts) expect(text.includes(value), value).toBe(false);
  for (const r of runs)
    expectNothingLeaked(
      r,
      values.filter((v) => !v.includes(";")),
    );
}

describe("the action's responder, end to end", () => {
  it("rotates a leaked database password, opens one issue, and a repeat only comments", async () => {
    const leaked = password();
    const stored = connection(leaked);
    const v1 = kv.put("app-db-connection", stored, {
      contentType: "text/plain",
      tags: { owner: "payments", "leakstop-provider": "none" },
    });
    kv.put("unrelated-key", randomBytes(32).toString("base64"));
    // Other leakstop issues, so finding this leak's issue takes more than one page.
    for (let i = 0; i < 120; i++) {
      api.issues.push({
        repository: REPO,
        number: api.issues.length + 1,
        title: `old leak ${i}`,
        body: issueMarker(`other-${i}`),
        labels: ["leakstop"],
        state: i % 2 ? "closed" : "open",
        assignees: [],
        comments: [],
      });
    }
    const payload = leakingPush(2, "APP_ENV=prod", `DB_PASSWORD=${leaked}`);
    const kvBefore = kv.requests.length;

    const first = await run("push", payload);

    expect(first.code, first.stdout + first.stderr).toBe(1);
    // The vault: one new version in the same shape, the leaked one disabled, nothing deleted.
    const versions = kv.secrets.get("app-db-connection") ?? [];
    expect(versions).toHaveLength(2);
    const latest = versions[1];
    expect(kv.version("app-db-connection", v1)?.enabled).toBe(false);
    expect(latest?.enabled).toBe(true);
    expect(latest?.contentType).toBe("text/plain");
    expect(latest?.tags).toMatchObject({ owner: "payments", "leakstop-repository": REPO });
    const newValue = latest?.value ?? "";
    const span = secretComponents(newValue)[0];
    const newPassword = newValue.slice(span?.start, span?.end);
    expect(newPassword).toHaveLength(leaked.length);
    expect(newPassword).not.toBe(leaked);
    expect(newValue.replace(newPassword, "*")).toBe(stored.replace(leaked, "*"));
    expect(kv.requests.slice(kvBefore).some((r) => r.method === "DELETE")).toBe(false);
    // Signed in by OIDC federation: a GitHub ID token for Entra's audience, exchanged at the authority; no secret.
    expect(oidc.audiences.length).toBeGreaterThan(0);
    expect(oidc.audiences.every((a) => a === "api://AzureADTokenExchange")).toBe(true);
    expect(kv.tokenRequests.at(-1)).toMatchObject({ clientId: CLIENT_ID, clientSecret: null, tenant: DOUBLE_TENANT });
    expect(kv.tokenRequests.at(-1)?.assertion.split(".")).toHaveLength(3);

    // One issue, labelled, with the marker and what was done, and no value.
    const mine = api.issues.filter((i) => i.body.includes("app-db-connection"));
    expect(mine).toHaveLength(1);
    const issue = mine[0];
    expect(issue?.labels).toContain("leakstop");
    expect(issue?.body).toContain(latest?.version);
    expect(issue?.body).toContain(v1);
    expect(api.requests.filter((r) => r.method === "GET" && r.path.endsWith("/issues")).length).toBeGreaterThanOrEqual(
      2,
    );

    // Outputs.
    expect(first.outputs[OUTPUTS.findings]).toBe("1");
    expect(JSON.parse(first.outputs[OUTPUTS.rotated] ?? "")).toEqual([
      { vault: kv.url, secret: "app-db-connection", version: latest?.version },
    ]);
    expect(first.outputs[OUTPUTS.issueNumber]).toBe(String(issue?.number));
    expect(first.outputs[OUTPUTS.issueUrl]).toBe(`https://github.com/${REPO}/issues/${issue?.number}`);
    expect(first.outputs[OUTPUTS.auditFile]).toMatch(/leakstop-audit\.jsonl$/);

    // One closing line: found, done, and what is left.
    expect(closing(first)).toHaveLength(1);
    expect(closing(first)[0]).toMatch(/^::error::leakstop: found 1 secret \(generic-password\) in 1 commit of push/);
    expect(closing(first)[0]).toContain(`Done: rotated 'app-db-connection' in ${new URL(kv.url).host}`);
    expect(closing(first)[0]).toContain(`opened issue #${issue?.number}`);
    expect(first.stdout).toMatch(/^Plan:\n\s+rotate\s+https:\/\/localhost:\d+ secret 'app-db-connection'/m);
    // The summary: what happened to the finding, the plan, the audit records.
    expect(first.summary).toMatch(
      /\| rotated 'app-db-connection' in localhost:\d+: new version \w{8}, leaked version disabled; issue #\d+ \|/,
    );
    expect(first.summary).toContain("### Response");
    expect(first.summary).toMatch(/\| [^|]+ \| rotate \| ok \| app-db-connection in localhost:\d+ \|/);
    const records = first.audit
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => `${r.action}:${r.outcome}`)).toEqual(["rotate:ok", "issue-create:ok"]);
    expect(records[0]).toMatchObject({ secret: "app-db-connection", version: latest?.version, versions: [v1] });
    expect(records[0]?.run).toBe(`https://github.com/${REPO}/actions/runs/4242`);
    // The new value is masked by the runner too.
    expect(maskedValues(first.stdout)).toEqual(expect.arrayContaining([leaked, newPassword]));
    expect(maskedValues(first.stdout).filter((v) => v === leaked)).toHaveLength(1);
    // The canary below reads real bodies: the issue was sent with one.
    expect(api.requests.some((r) => r.method === "POST" && r.body.includes("app-db-connection"))).toBe(true);

    // The same push again: no second rotation, a comment on the same issue.
    const putsBefore = writes().filter((r) => r.method === "PUT").length;
    const second = await run("push", payload);
    expect(second.code).toBe(1);
    expect(kv.secrets.get("app-db-connection")).toHaveLength(2);
    expect(writes().filter((r) => r.method === "PUT").length).toBe(putsBefore);
    expect(api.issues.filter((i) => i.body.includes("app-db-connection"))).toHaveLength(1);
    expect(issue?.comments).toHaveLength(1);
    expect(second.outputs[OUTPUTS.rotated]).toBe("[]");
    expect(second.outputs[OUTPUTS.issueUrl]).toBe(first.outputs[OUTPUTS.issueUrl]);
    expect(closing(second)).toHaveLength(1);
    expect(closing(second)[0]).toContain("'app-db-connection' in");
    expect(closing(second)[0]).toContain("already rotated");
    expect(closing(second)[0]).toContain(`already reported in #${issue?.number} (commented)`);

    expectCanary([first, second], [leaked, stored, newValue, newPassword]);
  });

  it("rotates named secrets on workflow_dispatch, and a re-run of the same run does not rotate twice", async () => {
    const old = password();
    const v1 = kv.put("api-password", old, { tags: { "leakstop-provider": "none" } });
    const dispatch = { inputs: { secrets: "api-password", reason: "quarterly drill" } };
    const inputs = { [INPUTS.secrets]: "api-password", [INPUTS.reason]: "quarterly drill" };

    const first = await run("workflow_dispatch", dispatch, inputs, { GITHUB_RUN_ID: "5151" });

    expect(first.code, first.stdout + first.stderr).toBe(0);
    const latest = kv.latest("api-password");
    expect(latest?.version).not.toBe(v1);
    expect(latest?.value).toHaveLength(old.length);
    expect(latest?.tags).toMatchObject({ "leakstop-reason": "quarterly drill" });
    expect(kv.version("api-password", v1)?.enabled).toBe(false);
    expect(JSON.parse(first.outputs[OUTPUTS.rotated] ?? "")).toEqual([
      { vault: kv.url, secret: "api-password", version: latest?.version },
    ]);
    expect(first.outputs[OUTPUTS.findings]).toBe("0");
    expect(first.stdout).not.toContain("Scanning");
    expect(first.stdout).toMatch(/^leakstop: on-demand rotation of 'api-password': rotated 'api-password' in/m);
    expect(first.summary).toContain("## leakstop: on-demand rotation");
    expect(first.summary).toContain("quarterly drill");
    expect(api.requests.filter((r) => r.method !== "GET")).toEqual([]);

    const again = await run("workflow_dispatch", dispatch, inputs, { GITHUB_RUN_ID: "5151" });
    expect(again.code, again.stdout).toBe(0);
    expect(kv.secrets.get("api-password")).toHaveLength(2);
    expect(again.outputs[OUTPUTS.rotated]).toBe("[]");
    expect(again.stdout).toContain("already rotated");

    expectCanary([first, again], [old, latest?.value ?? ""]);
  });

  for (const tagged of [true, false]) {
    it(`rotates a leaked storage key at the account (${tagged ? "rotation tags" : "found by Resource Graph"}), proves it dead, and a re-run converges`, async () => {
      const name = `st${randomBytes(5).toString("hex")}`;
      const account = arm.addStorageAccount(name, `${blob.url}/${name}/`);
      const leaked = account.keys.key1;
      const conn = `DefaultEndpointsProtocol=https;AccountName=${name};AccountKey=${leaked};EndpointSuffix=core.windows.net`;
      const tags: Record<string, string> = tagged
        ? { ProviderAddress: account.id, CredentialId: "key1", ValidityPeriodDays: "60" }
        : {};
      const secret = `storage-${tagged ? "tagged" : "untagged"}`;
      const v1 = kv.put(secret, conn, { tags });
      const regenerationsBefore = arm.regenerations.length;
      const armBefore = arm.requests.length;
      const payload = leakingPush(tagged ? 30 : 32, `AZURE_STORAGE_CONNECTION_STRING=${conn}`);

      const first = await run("push", payload);

      expect(first.code, first.stdout + first.stderr).toBe(1);
      // At the provider: the other key regenerated and stored, then the leaked one regenerated.
      expect(arm.regenerations.slice(regenerationsBefore)).toEqual(["key2", "key1"]);
      expect(Object.values(account.keys)).not.toContain(leaked);
      const graph = arm.requests.slice(armBefore).filter((r) => r.path.includes("ResourceGraph"));
      expect(graph.length > 0).toBe(!tagged);
      expect(arm.requests.slice(armBefore).every((r) => r.authorized && r.apiVersion !== null)).toBe(true);
      // In the vault: the connection string with the key the account now accepts; the leaked version disabled.
      const versions = kv.secrets.get(secret) ?? [];
      expect(versions).toHaveLength(2);
      expect(versions[1]?.value).toBe(conn.replace(leaked, account.keys.key2));
      expect(kv.version(secret, v1)?.enabled).toBe(false);
      if (tagged) expect(versions[1]?.tags).toMatchObject({ CredentialId: "key2", ProviderAddress: account.id });
      const issue = api.issues.find((i) => i.body.includes(secret));
      expect(issue?.body).toContain("Rotated at Azure Storage account key");
      expect(issue?.body).toContain("SharedKey List Containers with the leaked key: 403, with the new key: 200");
      expect(first.audit).toContain("proven: SharedKey List Containers with the leaked key: 403");
      expect(JSON.parse(first.outputs[OUTPUTS.rotated] ?? "[]")).toEqual([
        { vault: kv.url, secret, version: versions[1]?.version },
      ]);

      const again = await run("push", payload);
      expect(arm.regenerations.slice(regenerationsBefore)).toEqual(["key2", "key1"]);
      expect(kv.secrets.get(secret)).toHaveLength(2);
      expect(again.outputs[OUTPUTS.rotated]).toBe("[]");
      expect(api.issues.filter((i) => i.body.includes(secret))).toHaveLength(1);
      expect(issue?.comments).toHaveLength(1);
      expectCanary([first, again], [leaked, account.keys.key2, conn, versions[1]?.value ?? ""]);
    });
  }

  it("revokes a leaked GitHub token at GitHub and proves it dead; no vault value is made up", async () => {
    const token = new Faker(Date.now() % 100_000).githubToken("ghp_");
    api.addToken(token);
    const payload = leakingPush(20, `GH_TOKEN=${token}`);
    const writesBefore = writes().length;

    const r = await run("push", payload);

    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(api.tokenIsLive(token)).toBe(false);
    const revoke = api.requests.filter((q) => q.path === "/credentials/revoke");
    expect(revoke).toHaveLength(1);
    expect(revoke[0]?.authorization).toBeUndefined();
    expect(api.requests.some((q) => q.path === "/user")).toBe(true);
    expect(writes().length).toBe(writesBefore);
    expect(r.outputs[OUTPUTS.rotated]).toBe("[]");
    const issue = api.issues.find((i) => i.title.includes("GitHub personal access token"));
    expect(issue?.body).toContain("Revoked at GitHub");
    expect(issue?.body).toContain("GET /user with the leaked token: 401");
    expect(r.audit).toContain('"action":"revoke","outcome":"ok"');
    // The token goes to GitHub's revocation API (that is the point) and nowhere else.
    const elsewhere = api.requests.filter((q) => q.path !== "/credentials/revoke").map((q) => q.body);
    for (const text of [...elsewhere, r.summary, r.audit, r.sarifText, JSON.stringify(r.outputs), r.stderr]) {
      expect(text.includes(token)).toBe(false);
    }
    expect(r.stdout.split("\n").filter((l) => !l.startsWith("::add-mask::") && l.includes(token))).toEqual([]);
  });

  it("leaves the vault alone for a leaked Stripe key and says how to revoke it at Stripe", async () => {
    const key = `sk_live_${new Faker(Date.now() % 100_000).chars(ALNUM, 40)}`;
    const v1 = kv.put("stripe-api-key", key);
    const payload = leakingPush(22, `STRIPE_KEY=${key}`);
    const writesBefore = writes().length;

    const r = await run("push", payload);

    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(writes().length).toBe(writesBefore);
    expect(kv.secrets.get("stripe-api-key")).toHaveLength(1);
    expect(kv.version("stripe-api-key", v1)?.enabled).toBe(true);
    const issue = api.issues.find((i) => i.body.includes("stripe-api-key"));
    expect(issue?.body).toContain("The leaked credential is still valid");
    expect(issue?.body).toContain("What to do at Stripe");
    expect(issue?.body).toContain("https://dashboard.stripe.com/apikeys");
    expect(r.stdout).toContain("by hand at Stripe");
    expectCanary([r], [key]);
  });

  it("prints the plan on a dry run and changes nothing: no new version, no issue", async () => {
    const leaked = password();
    kv.put("queue-password", leaked, { tags: { "leakstop-provider": "none" } });
    const payload = leakingPush(4, `QUEUE_PASSWORD=${leaked}`);
    const writesBefore = writes().length;

    const dry = await run("push", payload, { [INPUTS.dryRun]: "true" });

    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/^Plan \(dry run: nothing was changed\):\n\s+rotate\s+\S+ secret 'queue-password'/m);
    expect(writes().length).toBe(writesBefore);
    expect(kv.secrets.get("queue-password")).toHaveLength(1);
    expect(api.requests.filter((r) => r.method !== "GET" || r.path.includes("/issues"))).toEqual([]);
    expect(dry.outputs).toMatchObject({ [OUTPUTS.rotated]: "[]", [OUTPUTS.issueUrl]: "" });
    expect(closing(dry)[0]).toContain("Done: nothing (dry run); the plan: rotate 'queue-password' in");
    expect(dry.summary).toContain("dry run: would rotate 'queue-password'");
    expect(dry.audit).toContain('"outcome":"dry-run"');
    expectCanary([dry], [leaked]);
  });

  it("fails with the role to grant when the vault refuses, and with the permission when OIDC is missing", async () => {
    const leaked = password();
    kv.put("cache-password", leaked, { tags: { "leakstop-provider": "none" } });
    const payload = leakingPush(6, `REDIS_PASSWORD=${leaked}`);
    kv.fail({ method: "GET", path: "/secrets", status: 403, code: "Forbidden", message: "Caller is not authorized" });

    const denied = await run("push", payload, { [INPUTS.openIssue]: "false", [INPUTS.failOnFindings]: "false" });

    // fail-on-findings: false, but the response failed: the job fails, with one line.
    expect(denied.code).toBe(1);
    expect(closing(denied)).toHaveLength(1);
    expect(closing(denied)[0]).toContain("'Key Vault Secrets Officer' role on the vault");
    expect(kv.latest("cache-password")?.value).toBe(leaked);
    expect(api.requests.filter((r) => r.path.includes("/issues"))).toEqual([]);

    const noOidc = await run(
      "push",
      payload,
      { [INPUTS.openIssue]: "false" },
      { ACTIONS_ID_TOKEN_REQUEST_URL: "", ACTIONS_ID_TOKEN_REQUEST_TOKEN: "" },
    );
    expect(noOidc.code).toBe(1);
    expect(closing(noOidc)).toHaveLength(1);
    expect(closing(noOidc)[0]).toContain("grant the job 'permissions: id-token: write'");
    expectCanary([denied, noOidc], [leaked]);
  });

  it("opens the issue in issue-repository, and none with open-issue: false", async () => {
    const leaked = password();
    const payload = leakingPush(8, `SMTP_PASSWORD=${leaked}`);
    const audiencesBefore = oidc.audiences.length;
    const noVault = { [INPUTS.vaultUrl]: "", [INPUTS.azureClientId]: "", [INPUTS.azureTenantId]: "" };

    const elsewhere = await run("push", payload, { ...noVault, [INPUTS.issueRepository]: "octo-org/security" });

    expect(elsewhere.code).toBe(1);
    expect(api.issues.map((i) => i.repository)).toEqual(["octo-org/security"]);
    expect(elsewhere.outputs[OUTPUTS.issueUrl]).toBe(
      `https://github.com/octo-org/security/issues/${api.issues[0]?.number}`,
    );
    expect(closing(elsewhere)[0]).toContain("Done: nothing rotated (no vault configured); opened issue #");
    expect(elsewhere.summary).toMatch(/\| reported \(no vault configured\); issue #\d+ \|/);
    // No vault: the Azure SDK is never asked for a token.
    expect(oidc.audiences.length).toBe(audiencesBefore);

    const off = await run("push", payload, { ...noVault, [INPUTS.openIssue]: "false" });
    expect(off.code).toBe(1);
    expect(api.issues).toHaveLength(1);
    expect(off.outputs[OUTPUTS.issueUrl]).toBe("");
    expectCanary([elsewhere, off], [leaked]);
  });

  it("two runs for the same leak at once (push and pull_request) make one rotation and one issue", async () => {
    const leaked = password();
    kv.put("orders-db-connection", connection(leaked), { tags: { "leakstop-provider": "none" } });
    const payload = leakingPush(40, `DB_PASSWORD=${leaked}`);
    api.addPull(77, [sha(40)]);
    // Writes answer late, so both runs have matched before either has rotated: without a lease,
    // both would write a version (verified by turning the lease off).
    kv.delays.push({ method: "PUT", ms: 2500 });
    const [push, pr] = await Promise.all([
      run("push", payload, {}, { GITHUB_RUN_ID: "5001" }),
      run("pull_request", pullPayload(77, sha(39), sha(40), 1), {}, { GITHUB_RUN_ID: "5002" }),
    ]);
    expect(push.code, push.stdout + push.stderr).toBe(1);
    expect(pr.code, pr.stdout + pr.stderr).toBe(1);
    // One new version, written by one of the runs; the other found it done.
    expect(kv.secrets.get("orders-db-connection")).toHaveLength(2);
    const rotated = [push, pr].map((r) => JSON.parse(r.outputs[OUTPUTS.rotated] ?? "[]") as unknown[]);
    expect(rotated.map((r) => r.length).sort()).toEqual([0, 1]);
    const mine = api.issues.filter((i) => i.body.includes("orders-db-connection"));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.comments).toHaveLength(1);
    // The waiting run said whom it waited for; the lease label is gone afterwards.
    expect(`${push.stdout}${pr.stdout}`).toMatch(/waiting for https:\/\/github\.com\/[^ ]+\/actions\/runs\/500[12]/);
    expect([...(api.labels.get(REPO) ?? new Map()).keys()]).toEqual([]);
    kv.delays.length = 0;
    expectCanary([push, pr], [leaked]);
  });

  it("declares every input and output in action.yml", async () => {
    const yml = await readFile(new URL("../../../action.yml", import.meta.url), "utf8");
    for (const name of [...Object.values(INPUTS), ...Object.values(OUTPUTS)]) {
      expect(yml).toMatch(new RegExp(`^  ${name}:$`, "m"));
    }
  });
});
