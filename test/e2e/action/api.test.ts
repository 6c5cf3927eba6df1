/**
 * The bundled action without a clone (the GitHub API fallback, against a local API double), its
 * misconfiguration messages, rotation mode, and what a clean run loads.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Faker } from "../../../src/core/rules/fake.js";
import { type DoubleCommit, GitHubDouble } from "../../helpers/github-double.js";
import {
  buildAction,
  disposeBuild,
  expectNothingLeaked,
  maskedValues,
  pullPayload,
  pushPayload,
  runAction,
} from "./harness.js";

const f = new Faker(2718);
const TOKEN = f.githubToken("ghp_");
const PASSWORD = f.password(20);
const SECRETS = [TOKEN, PASSWORD];

/** Distinct, never all zeros, and the first 7 characters tell the number. */
const sha = (n: number) => `${n.toString(16).padStart(6, "0")}${"e".repeat(34)}`;
const added = (...lines: string[]) => `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`;

let api: GitHubDouble;
let empty: string;
beforeAll(async () => {
  await buildAction();
}, 120_000);
afterAll(disposeBuild);
beforeEach(async () => {
  api = await GitHubDouble.start();
  empty = await mkdtemp(join(tmpdir(), "leakstop-noclone-"));
});
afterEach(async () => {
  await api.close();
  await rm(empty, { recursive: true, force: true });
});

/** A linear history: sha(0) … sha(n); `files(i)` gives commit i's files. */
function linear(n: number, files: (i: number) => DoubleCommit["files"]): void {
  for (let i = 0; i <= n; i++) api.addCommit({ sha: sha(i), parents: i === 0 ? [] : [sha(i - 1)], files: files(i) });
}

const paths = (prefix: string) => api.requests.filter((r) => r.path.includes(prefix));

describe("action without a clone (GitHub API)", () => {
  it("scans every commit of a pull request with more than 250 commits, every file of a large commit", async () => {
    const count = 260;
    linear(count, (i) => {
      if (i === 255) return [{ filename: "src/app.js", status: "added", patch: added(`auth: "${TOKEN}"`) }];
      if (i === 100) {
        // More files than one page (300): the secret is on the second page.
        return Array.from({ length: 340 }, (_, k) => ({
          filename: `gen/f${k}.env`,
          status: "added" as const,
          patch: added(k === 333 ? `DB_PASSWORD=${PASSWORD}` : `VALUE_${k}=plain`),
        }));
      }
      if (i === 7)
        return [
          { filename: "logo.png", status: "added", changes: 0 },
          { filename: "big.bin", status: "added", changes: 12 },
        ];
      return [{ filename: `n/${i}.txt`, status: "added", patch: added(`line ${i}`) }];
    });
    api.addPull(
      9,
      Array.from({ length: count }, (_, i) => sha(i + 1)),
    );
    const run = await runAction({
      eventName: "pull_request",
      payload: pullPayload(9, sha(0), sha(count), count),
      workspace: empty,
      apiUrl: api.url,
      inputs: { "github-token": "test-token" },
    });

    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.outputs.findings, run.stdout.replace(/::add-mask::.*/g, "")).toBe("2");
    const results = run.sarif?.runs[0]?.results ?? [];
    expect(
      results.map((r) => `${r.locations[0]?.physicalLocation.artifactLocation.uri}@${r.properties?.commit}`).sort(),
    ).toEqual([`gen/f333.env@${sha(100)}`, `src/app.js@${sha(255)}`]);
    // The PR list stops at 250, so the commits came from a paginated compare; every commit was read.
    expect(paths("/pulls/9/commits").length).toBeGreaterThanOrEqual(3);
    expect(paths("/compare/").map((r) => r.query.get("page") ?? "1")).toEqual(["1", "2", "3"]);
    expect(new Set(paths("/commits/").map((r) => r.path)).size).toBe(count);
    expect(paths(`/commits/${sha(100)}`).length).toBe(4);
    expect(api.requests.every((r) => r.authorization === "token test-token")).toBe(true);
    // A file without a patch is a notice, not silence.
    expect(run.stdout).toMatch(/^::notice::leakstop: big\.bin in commit 000007e: the GitHub API gives no diff/m);
    expect(run.stdout).not.toContain("logo.png");
    expect(run.summary).toContain("big.bin in commit 000007e");
    expect(maskedValues(run.stdout)).toEqual(expect.arrayContaining([TOKEN, PASSWORD]));
    expectNothingLeaked(run, SECRETS);
  });

  it("scans a push through compare and commit reads, reporting a merged secret once", async () => {
    api.addCommit(
      { sha: sha(1), parents: [], files: [{ filename: "README.md", patch: added("# hi") }] },
      { sha: sha(2), parents: [sha(1)], files: [{ filename: "a.txt", patch: added("a") }] },
      { sha: sha(3), parents: [sha(1)], files: [{ filename: "app.js", patch: added(`auth: "${TOKEN}"`) }] },
      // The API gives a merge's diff against its first parent: it repeats the merged line.
      { sha: sha(4), parents: [sha(2), sha(3)], files: [{ filename: "app.js", patch: added(`auth: "${TOKEN}"`) }] },
    );
    const run = await runAction({
      eventName: "push",
      payload: pushPayload("refs/heads/main", sha(2), sha(4)),
      workspace: empty,
      apiUrl: api.url,
      inputs: { "github-token": "test-token" },
    });
    expect(run.code).toBe(1);
    expect(run.sarif?.runs[0]?.results.map((r) => r.properties?.commit)).toEqual([sha(3)]);
    expect(run.annotations).toHaveLength(1);
    expect(paths("/compare/")[0]?.path).toContain(`${sha(2)}...${sha(4)}`);
    expectNothingLeaked(run, SECRETS);
  });

  it("one leaked value is one issue: two files in one push, a third file in the next push is 'already reported'", async () => {
    const key = f.chars("abcdef0123456789", 32);
    const inputs = { "github-token": "test-token", "incident-key": key };
    api.addCommit(
      { sha: sha(1), parents: [], files: [{ filename: "README.md", patch: added("# hi") }] },
      {
        sha: sha(2),
        parents: [sha(1)],
        files: [
          { filename: "deploy/.env", patch: added(`DB_PASSWORD=${PASSWORD}`) },
          { filename: "compose.yaml", patch: added(`      DB_PASSWORD: \${DB_PASSWORD:-${PASSWORD}}`) },
        ],
      },
      {
        sha: sha(3),
        parents: [sha(2)],
        files: [{ filename: "tools/seed.sh", patch: added(`export DB_PASSWORD='${PASSWORD}'`) }],
      },
    );
    const first = await runAction({
      eventName: "push",
      payload: pushPayload("refs/heads/main", sha(1), sha(2)),
      workspace: empty,
      apiUrl: api.url,
      inputs,
    });
    expect(first.code).toBe(1);
    expect(first.annotations).toHaveLength(2);
    expect(api.issues).toHaveLength(1);
    const issue = api.issues[0];
    expect(issue?.body).toMatch(/<!-- leakstop:incident=k[0-9a-f]{31} -->/);
    expect(issue?.body).toContain("**Same value also in:**");

    const second = await runAction({
      eventName: "push",
      payload: pushPayload("refs/heads/main", sha(2), sha(3)),
      workspace: empty,
      apiUrl: api.url,
      inputs,
    });
    expect(second.code).toBe(1);
    expect(api.issues).toHaveLength(1);
    expect(issue?.comments).toHaveLength(1);
    expect(issue?.comments[0]).toContain("tools/seed.sh");
    expect(second.summary).toContain(`already reported in #${issue?.number}`);
    expect(second.annotations.map((a) => a.message).join("\n")).toContain(`already reported in #${issue?.number}`);
    for (const run of [first, second]) expectNothingLeaked(run, [...SECRETS, key]);
    expect([issue?.body, ...(issue?.comments ?? [])].join("\n")).not.toContain(PASSWORD);
  });

  it("names the permission to grant when the API refuses", async () => {
    api.failWith(/\/compare\//, 403, "Resource not accessible by integration");
    const run = await runAction({
      eventName: "push",
      payload: pushPayload("refs/heads/main", sha(1), sha(2)),
      workspace: empty,
      apiUrl: api.url,
      inputs: { "github-token": "test-token" },
    });
    expect(run.code).toBe(1);
    expect(run.failure).toMatch(/HTTP 403/);
    expect(run.failure).toContain("permissions: contents: read");
    expect(run.stdout.match(/^::error/gm)).toHaveLength(1);
  });

  it("needs a token or a clone, and a clone for a full-history audit", async () => {
    const noToken = await runAction({
      eventName: "push",
      payload: pushPayload("refs/heads/main", sha(1), sha(2)),
      workspace: empty,
      apiUrl: api.url,
      inputs: { "github-token": "" },
    });
    expect(noToken.code).toBe(1);
    expect(noToken.failure).toContain("Input 'github-token' is empty");
    const audit = await runAction({
      eventName: "schedule",
      payload: {},
      workspace: empty,
      apiUrl: api.url,
      inputs: { "github-token": "t" },
    });
    expect(audit.failure).toContain("add actions/checkout with 'fetch-depth: 0'");
    expect(api.requests).toEqual([]);
  });
});

describe("the scan ledger without a clone (check runs through the API)", () => {
  const inputs = { "github-token": "test-token", "scan-ledger": "check-runs" };
  const record = (at: string) =>
    api.checkRuns.push({
      id: api.checkRuns.length + 1,
      repository: "octo-org/octo-repo",
      name: "leakstop scan",
      head_sha: at,
      status: "completed",
      conclusion: "success",
    });

  it("a push whose job never ran is scanned by the next run; a recorded push is not scanned twice", async () => {
    linear(4, (i) =>
      i === 2
        ? [{ filename: ".env", status: "added", patch: added(`DB_PASSWORD=${PASSWORD}`) }]
        : [{ filename: `src/${i}.txt`, status: "added", patch: added(`line ${i}`) }],
    );
    record(sha(1)); // scanned by an earlier run; the push of sha(2) never ran

    // Without the ledger, "new" is "after `before`": the leak is lost for good.
    const stateless = await runAction({
      eventName: "push",
      payload: pushPayload("refs/heads/main", sha(2), sha(3)),
      workspace: empty,
      apiUrl: api.url,
      inputs: { "github-token": "test-token" },
    });
    expect(stateless.code, stateless.stdout).toBe(0);
    expect(paths("/compare/").map((r) => r.path.split("/").pop())).toEqual([`${sha(2)}...${sha(3)}`]);
    expect(api.checkRuns).toHaveLength(1);

    api.requests.length = 0;
    const run = await runAction({
      eventName: "push",
      payload: pushPayload("refs/heads/main", sha(2), sha(3)),
      workspace: empty,
      apiUrl: api.url,
      inputs,
    });
    expect(run.code, run.stdout).toBe(1);
    expect(run.sarif?.runs[0]?.results.map((r) => r.properties?.commit)).toEqual([sha(2)]);
    expect(run.stdout).toContain("Scanning 2 commit(s) through the API");
    expect(run.stdout).toContain("1 commit(s) an earlier run did not scan included");
    // The baseline's ancestry is one bounded page of the commits list; compare starts at the record.
    const listed = api.requests.filter((r) => r.path.endsWith("/commits") && r.query.get("sha") === sha(2));
    expect(listed.map((r) => r.query.get("per_page"))).toEqual(["21"]);
    expect(paths("/compare/").map((r) => r.path.split("/").pop())).toEqual([`${sha(1)}...${sha(3)}`]);
    expect(api.checkRuns.map((r) => [r.head_sha, r.conclusion])).toEqual([
      [sha(1), "success"],
      [sha(3), "failure"],
    ]);
    expectNothingLeaked(run, SECRETS);

    // The next push measures from the recorded head: one commit, nothing found twice.
    api.requests.length = 0;
    const again = await runAction({
      eventName: "push",
      payload: pushPayload("refs/heads/main", sha(3), sha(4)),
      workspace: empty,
      apiUrl: api.url,
      inputs,
    });
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain("Scanning 1 commit(s) through the API");
    expect(again.stdout).toContain("baselines from the scan ledger");
    expect(paths("/compare/").map((r) => r.path.split("/").pop())).toEqual([`${sha(3)}...${sha(4)}`]);
    expect(api.checkRuns.map((r) => r.head_sha)).toEqual([sha(1), sha(3), sha(4)]);
  });

  it("a new branch compared with the default branch: an unscanned default-branch tip is scanned too", async () => {
    linear(3, (i) =>
      i === 2
        ? [{ filename: "deploy/.env", status: "added", patch: added(`DB_PASSWORD=${PASSWORD}`) }]
        : [{ filename: `src/${i}.txt`, status: "added", patch: added(`line ${i}`) }],
    );
    api.setBranch("main", sha(2)); // main's push of sha(2) never ran; sha(3) starts a branch on it
    record(sha(1));
    const run = await runAction({
      eventName: "push",
      payload: pushPayload("refs/heads/feat", "0".repeat(40), sha(3)),
      workspace: empty,
      apiUrl: api.url,
      inputs,
    });
    expect(run.code, run.stdout).toBe(1);
    expect(run.sarif?.runs[0]?.results.map((r) => r.properties?.commit)).toEqual([sha(2)]);
    expect(api.requests.some((r) => r.path.endsWith("/commits") && r.query.get("sha") === "main")).toBe(true);
    expect(paths("/compare/").map((r) => r.path.split("/").pop())).toEqual([`${sha(1)}...${sha(3)}`]);
    expect(api.checkRuns.map((r) => r.head_sha)).toEqual([sha(1), sha(3)]);
    expectNothingLeaked(run, SECRETS);
  });

  it("with no record at all, keeps the push's own baseline and says so", async () => {
    linear(2, (i) => [{ filename: `src/${i}.txt`, status: "added", patch: added(`line ${i}`) }]);
    const run = await runAction({
      eventName: "push",
      payload: pushPayload("refs/heads/main", sha(1), sha(2)),
      workspace: empty,
      apiUrl: api.url,
      inputs,
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("Scanning 1 commit(s) through the API");
    expect(run.stdout).toContain("no scan record in the ledger");
    expect(api.checkRuns.map((r) => r.head_sha)).toEqual([sha(2)]);
  });
});

describe("misconfiguration fails with the input to fix", () => {
  const push = () => pushPayload("refs/heads/main", sha(1), sha(2));

  it.each([
    [{ "fail-on-findings": "maybe" }, "Input 'fail-on-findings' is 'maybe'; use true or false."],
    [
      { "vault-url": "http://vault.example" },
      "Input 'vault-url' has 'http://vault.example', which is not an https:// URL",
    ],
    [{ "issue-repository": "not a repo" }, "Input 'issue-repository' is 'not a repo', not owner/name"],
    [{ "azure-client-id": "00000000-0000-0000-0000-000000000000" }, "Input 'azure-tenant-id' is empty"],
    [{ config: "missing.yml" }, "Input 'config' names 'missing.yml', which is not a file in the workspace"],
  ])("%o", async (inputs, message) => {
    const run = await runAction({ eventName: "push", payload: push(), workspace: empty, inputs });
    expect(run.code).toBe(1);
    expect(run.failure).toContain(message);
    expect(run.stdout.match(/^::error/gm)).toHaveLength(1);
  });

  it("quotes the place of a mistake in the config file", async () => {
    await mkdir(join(empty, ".github"));
    await writeFile(join(empty, ".github", "leakstop.yml"), "version: 1\nallowlist:\n  pathz: []\n");
    const run = await runAction({
      eventName: "push",
      payload: push(),
      workspace: empty,
      inputs: { "github-token": "t" },
    });
    expect(run.code).toBe(1);
    expect(run.failure).toMatch(/leakstop\.yml:3:\d+: unknown key 'allowlist\.pathz'/);
  });

  it("rejects an event it cannot scan, listing the ones it can", async () => {
    const run = await runAction({ eventName: "issues", payload: {}, workspace: empty });
    expect(run.failure).toContain("Event 'issues' is not supported; run leakstop on: push, pull_request");
  });
});

describe("rotation mode and packaging", () => {
  it("with the secrets input, rotates instead of scanning, and needs a vault to find them in", async () => {
    const run = await runAction({
      eventName: "workflow_dispatch",
      payload: { inputs: {} },
      workspace: empty,
      apiUrl: api.url,
      inputs: { secrets: "db-password, api-key", reason: "drill", "github-token": "t" },
    });
    expect(run.code).toBe(1);
    expect(run.failure).toContain(
      "Input 'vault-url' is empty, so there is no vault to find 'db-password', 'api-key' in",
    );
    expect(run.stdout.match(/^::error/gm)).toHaveLength(1);
    expect(run.outputs).toMatchObject({ findings: "0", rotated: "[]" });
    expect(api.requests).toEqual([]);
    expect(run.stdout).not.toContain("Scanning");
  });

  it("loads no Azure SDK, Octokit, undici or responder code on the no-findings path", async () => {
    const { meta } = await buildAction();
    const entry = Object.keys(meta.outputs).find((k) => k.endsWith("/index.js"));
    expect(entry).toBeDefined();
    // Follow static imports only: what `node dist/index.js` loads before any `import()`.
    const seen = new Set<string>();
    const queue = [entry as string];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const i of meta.outputs[file]?.imports ?? [])
        if (i.kind === "import-statement" && meta.outputs[i.path]) queue.push(i.path);
    }
    const inputs = [...seen].flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {}));
    expect(inputs.filter((i) => /node_modules\/(@azure|@octokit|undici|@actions\/http-client)\//.test(i))).toEqual([]);
    expect(inputs.filter((i) => /src\/(remediation|entrypoints\/action\/respond|adapters\/github)/.test(i))).toEqual(
      [],
    );
  });
});
