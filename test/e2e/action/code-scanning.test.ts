/**
 * What the bundled Action uploads to code scanning tells the truth: GitHub treats a result missing
 * from the latest analysis of a category as fixed, so the SARIF file holds the whole tree of the
 * checked-out commit — a clean push keeps the alert of a secret still in the branch open; removing
 * or suppressing the secret closes it — while the pushed commits alone decide the verdict.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Faker } from "../../../src/core/rules/fake.js";
import { createEngine } from "../../../src/core/scan/engine.js";
import type { Finding } from "../../../src/core/types.js";
import { AUTOMATION_IDS, codeScanningReport } from "../../../src/entrypoints/action/code-scanning.js";
import { GitRepo } from "../../helpers/gitrepo.js";
import { buildAction, disposeBuild, expectNothingLeaked, pushPayload, runAction } from "./harness.js";

const f = new Faker(2718);
const OLD = f.githubToken("ghp_");
const NEW = f.githubToken("ghp_");
const line = (token: string) => `const octo = new Octokit({ auth: "${token}" });\n`;

// biome-ignore lint/suspicious/noExplicitAny: the test walks the SARIF log freely
type Log = any;

let dev: GitRepo;
let remote: GitRepo;
const clones: GitRepo[] = [];

beforeAll(async () => {
  await buildAction();
  dev = await GitRepo.create();
  remote = await GitRepo.createBare();
}, 120_000);
afterAll(async () => {
  for (const r of [dev, remote, ...clones]) await r?.dispose();
  await disposeBuild();
});

/** Push main as a developer does, then run the Action on the push as GitHub would. */
async function pushAndRun(before: string) {
  const after = await dev.head();
  await dev.push(remote.url, ["main"]);
  const clone = await GitRepo.checkoutLike(remote.url, after, "refs/heads/main");
  clones.push(clone);
  const run = await runAction({
    eventName: "push",
    payload: pushPayload("refs/heads/main", before, after),
    workspace: clone.dir,
    sha: after,
    inputs: { "github-token": "test-token", "open-issue": "false" },
  });
  expectNothingLeaked(run, [OLD, NEW]);
  return { run, log: run.sarif as Log, after };
}

const uris = (log: Log) => log.runs[0].results.map((r: Log) => r.locations[0].physicalLocation.artifactLocation.uri);

describe("the SARIF the Action uploads", () => {
  let fingerprintOfOld = "";
  let head = "";

  it("keeps a secret already in the branch in the report of a clean push (the alert stays open)", async () => {
    await dev.commit("init", { "README.md": "# demo\n" });
    const base = await dev.commit("old leak", { "src/old.js": line(OLD) });
    await dev.push(remote.url, ["main"]);
    await dev.commit("docs", { "docs/guide.md": "# guide\n" });
    const { run, log, after } = await pushAndRun(base);
    head = after;

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.annotations).toEqual([]); // the verdict comes from the pushed commits: nothing new
    expect(run.outputs.findings).toBe("0");
    expect(run.stdout).toContain(`code scanning report (SARIF): 1 finding(s) in the tree of ${after.slice(0, 7)}`);
    const runLog = log.runs[0];
    expect(runLog.automationDetails).toEqual({ id: AUTOMATION_IDS.tree });
    expect(uris(log)).toEqual(["src/old.js"]);
    const [result] = runLog.results;
    expect(result.properties).toBeUndefined(); // a tree finding belongs to no one commit
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 1, endLine: 1 });
    fingerprintOfOld = result.partialFingerprints["leakstop/v1"];
    expect(result.partialFingerprints.primaryLocationLineHash).toBe(`${fingerprintOfOld}:1`);
    const rule = runLog.tool.driver.rules[result.ruleIndex];
    expect(rule.id).toBe("github-pat");
    expect(rule.fullDescription.text).not.toBe("");
    expect(rule.help.text).not.toBe("");
  });

  it("follows the secret when lines move above it (same line hash), and drops it once suppressed", async () => {
    await dev.commit("header", { "src/old.js": `// a header\n// another\n${line(OLD)}` });
    const moved = await pushAndRun(head);
    expect(moved.run.code).toBe(0);
    const [result] = moved.log.runs[0].results;
    expect(result.locations[0].physicalLocation.region.startLine).toBe(3);
    expect(result.partialFingerprints.primaryLocationLineHash).toBe(`${fingerprintOfOld}:1`);

    await dev.commit("suppress", { ".leakstopignore": `${fingerprintOfOld}  # test fixture, revoked\n` });
    const suppressed = await pushAndRun(moved.after);
    expect(suppressed.run.code).toBe(0);
    expect(uris(suppressed.log)).toEqual([]);
    head = suppressed.after;
  });

  it("reports a secret added then removed within a push in the verdict, and says why code scanning lacks it", async () => {
    await dev.commit("add", { "src/new.js": line(NEW) });
    await dev.commit("remove", { "src/new.js": null });
    const { run, log } = await pushAndRun(head);
    expect(run.code).toBe(1);
    expect(run.annotations.map((a) => a.properties.file)).toEqual(["src/new.js"]);
    expect(uris(log)).toEqual([]);
    const notes = log.runs[0].invocations[0].toolExecutionNotifications.map((n: Log) => n.message.text);
    expect(notes).toContainEqual(
      expect.stringMatching(/^1 secret\(s\) of the scanned commits are no longer in the tree/),
    );
  });
});

describe("codeScanningReport without a clone", () => {
  it("falls back to the scanned commits' findings, in a category of their own, and says what that means", async () => {
    const empty = await mkdtemp(join(tmpdir(), "leakstop-noclone-"));
    try {
      const scanned = [{ fingerprint: "f1" } as Finding];
      const report = await codeScanningReport(
        { workspace: empty, engine: createEngine(), maxFileSizeInMB: 1 },
        scanned,
      );
      expect(report.findings).toBe(scanned);
      expect(report.automationId).toBe(AUTOMATION_IDS.commits);
      expect(report.notices[0]).toMatch(/^No checked-out commit in the workspace: .*actions\/checkout/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
