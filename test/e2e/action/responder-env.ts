/**
 * What the Action's responder e2e files share: the doubles a runner would reach (HTTPS Key Vault
 * with its Entra token endpoint, the GitHub API, Azure Resource Manager with Resource Graph, a
 * SharedKey-verifying blob data plane, the runner's OIDC token service), started once per file by
 * the hooks this module registers when imported, and `run()`, which runs the bundled action
 * (`node dist/index.js`, built once per file) wired to them. Exported `let`s are live bindings.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { INPUTS } from "../../../src/entrypoints/action/constants.js";
import { ArmDouble, startBlobDouble } from "../../helpers/arm-double.js";
import { GitHubDouble } from "../../helpers/github-double.js";
import { DOUBLE_TENANT, DOUBLE_TOKEN, KeyVaultDouble } from "../../helpers/keyvault-double.js";
import { type ActionRun, buildAction, disposeBuild, expectNothingLeaked, pushPayload, runAction } from "./harness.js";

export const REPO = "octo-org/octo-repo";
export const CLIENT_ID = "11111111-2222-3333-4444-555555555555";
export const OIDC_REQUEST_TOKEN = "runtime-request-token-for-tests";
export const sha = (n: number) => `${n.toString(16).padStart(6, "0")}${"d".repeat(34)}`;
export const added = (...lines: string[]) => `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`;
/** A fresh password the generic rule always finds (mixed classes, high entropy). */
export const password = () => `Pw7!${randomBytes(10).toString("hex")}`;
export const connection = (pw: string) =>
  `Server=tcp:db.internal,1433;Database=app;User ID=app;Password=${pw};Encrypt=true`;

export let kv: KeyVaultDouble;
export let api: GitHubDouble;
export let arm: ArmDouble;
export let blob: Awaited<ReturnType<typeof startBlobDouble>>;
export let oidc: { server: Server; url: string; audiences: string[] };
export let dir: string;
export let caFile: string;

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
export function leakingPush(n: number, ...lines: string[]) {
  api.addCommit({ sha: sha(n - 1), parents: [], files: [{ filename: "README.md", patch: added("# app") }] });
  api.addCommit({ sha: sha(n), parents: [sha(n - 1)], files: [{ filename: ".env", patch: added(...lines) }] });
  return pushPayload("refs/heads/main", sha(n - 1), sha(n));
}

export interface Run extends ActionRun {
  /** The audit file's text ("" when none was written). */
  readonly audit: string;
  readonly sarifText: string;
}

/** Run the action with the vault, OIDC and the API doubles wired as a runner would. */
export async function run(
  eventName: string,
  payload: unknown,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
  files: Record<string, string> = {},
): Promise<Run> {
  const temp = await mkdtemp(join(dir, "runner-"));
  const workspace = await mkdtemp(join(dir, "workspace-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(workspace, name), text);
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
export const closing = (r: ActionRun) => r.stdout.match(/^::error::.*$/gm) ?? [];
export const writes = () => kv.requests.filter((r) => r.method === "PUT" || r.method === "PATCH");

/**
 * Every text that left the action — GitHub request bodies, Key Vault bodies but the one PUT
 * that stores a new value, SARIF, summary, outputs, audit file, stdout (but the runner's
 * `::add-mask::` lines) and stderr — holds none of `values`.
 */
export function expectCanary(runs: readonly Run[], values: readonly string[]): void {
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
