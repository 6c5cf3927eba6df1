/**
 * The bundled action responding to leaks, as the runner runs it: `node dist/index.js` signs in to
 * Azure by GitHub OIDC (the ID token from a local stand-in of the runner's token service, the
 * Entra exchange and the vault both at the HTTPS Key Vault double, trusted through
 * NODE_EXTRA_CA_CERTS), rotates the vault secret whose password leaked, and opens the issue at
 * the GitHub API double. Then the same push again, on-demand rotation, a dry run, a missing role,
 * and a canary: no leaked or new value in anything that leaves. Rotation at the provider (storage
 * keys, PostgreSQL, GitHub tokens, Stripe left alone) is in provider-first.test.ts; the doubles
 * and `run()` are shared through responder-env.ts.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { INPUTS, OUTPUTS } from "../../../src/entrypoints/action/constants.js";
import { secretComponents } from "../../../src/remediation/generate.js";
import { issueMarker } from "../../../src/remediation/issue.js";
import { DOUBLE_TENANT } from "../../helpers/keyvault-double.js";
import { expectNoInjectedCommands, hostile, hostileYaml, maskedValues, pullPayload, pushPayload } from "./harness.js";

import {
  added,
  api,
  CLIENT_ID,
  closing,
  connection,
  expectCanary,
  kv,
  leakingPush,
  oidc,
  password,
  REPO,
  run,
  sha,
  writes,
} from "./responder-env.js";

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

  it("prints no workflow command from a hostile config: mapping secrets, rule titles and ids stay inert", async () => {
    const leaked = password();
    kv.put("app-db-password", leaked, { tags: { "leakstop-provider": "none" } });
    const acme = `acme_${randomBytes(16).toString("hex")}`;
    // Every string the config can carry to the log, each with line breaks and commands.
    const config = hostileYaml({
      rules: [
        {
          id: "acme-token",
          title: hostile("title"),
          pattern: "acme_(?<secret>[0-9a-f]{32})",
          keywords: ["acme_"],
          reference: hostile("reference"),
        },
      ],
      allowlist: { paths: [hostile("allowpath")], stopwords: [hostile("stopword")] },
      vaults: [{ url: kv.url, namePattern: hostile("pattern"), tags: { owner: hostile("tag") } }],
      mappings: [
        { rule: "generic-password", secret: hostile("mapping"), vault: kv.url },
        { rule: "acme-token", secret: hostile("other") },
        { rule: hostile("rule"), path: hostile("path"), secret: "never-used" },
      ],
    });
    // A pushed file name and a commit author with line breaks and commands too.
    api.addCommit({ sha: sha(69), parents: [], files: [{ filename: "README.md", patch: added("# app") }] });
    api.addCommit({
      sha: sha(70),
      parents: [sha(69)],
      author: { name: hostile("author"), email: "dev@example.com", date: "2024-05-01T10:00:00Z" },
      files: [
        { filename: `${hostile("file")}.env`, patch: added(`DB_PASSWORD=${leaked}`) },
        { filename: ".env", patch: added(`ACME=${acme}`) },
      ],
    });
    const payload = pushPayload("refs/heads/main", sha(69), sha(70));
    const r = await run("push", payload, {}, {}, { ".leakstop.yml": config });
    expect(r.stdout + r.stderr).toContain("Acme"); // the hostile config was read and used
    expectNoInjectedCommands(r);
    expect(r.outputs.findings).toBe("2");
    expectCanary([r], [leaked, acme]);
  });

  it("declares every input and output in action.yml", async () => {
    const yml = await readFile(new URL("../../../action.yml", import.meta.url), "utf8");
    for (const name of [...Object.values(INPUTS), ...Object.values(OUTPUTS)]) {
      expect(yml).toMatch(new RegExp(`^  ${name}:$`, "m"));
    }
  });
});
