/**
 * Secrets at rest and in error text: a canary planted where a delivery carries it (a commit
 * message; GitHub's error text echoing the leaked value) must be in no byte of the data
 * directory and no log line once the delivery is finished.
 */
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitHubDouble } from "../../helpers/github-double.js";
import { pushPayload } from "../action/harness.js";
import { alertPayload, deliver, FakeResponder, startTestService, type TestService, waitFor } from "./harness.js";

const REPO = "octo-org/octo-repo";
const sha = (n: number) => `${n.toString(16).padStart(6, "0")}${"d".repeat(34)}`;
/** No rule knows this shape: only exact masking can hide it. */
const canary = () => `canary-${randomBytes(12).toString("hex")}`;

let api: GitHubDouble;
let t: TestService | undefined;
beforeEach(async () => {
  api = await GitHubDouble.start();
});
afterEach(async () => {
  await t?.stop();
  t = undefined;
  await api.close();
});

/** Every file of the data directory (database, WAL, anything else), as one buffer. */
async function dataBytes(dir: string): Promise<Buffer> {
  const files = await readdir(dir);
  return Buffer.concat(await Promise.all(files.map((f) => readFile(join(dir, f)))));
}

describe("secrets at rest", () => {
  it("stores references, not the push payload: a secret in a commit message never reaches the disk", async () => {
    const value = canary();
    api.addCommit(
      { sha: sha(1), parents: [], files: [] },
      { sha: sha(2), parents: [sha(1)], files: [{ filename: "a.txt", status: "added", patch: "@@ -0,0 +1 @@\n+hi" }] },
    );
    t = await startTestService({ GITHUB_API_URL: api.url }, { responder: new FakeResponder() });
    const message = `fix deploy\n\npassword=${value}`;
    const payload = {
      ...pushPayload("refs/heads/main", sha(1), sha(2)),
      head_commit: { id: sha(2), message, author: { name: value, email: `${value}@example.com` } },
      commits: [{ id: sha(2), message }],
    };
    const r = await deliver(t.url, "push", payload);
    expect(r.status).toBe(200);
    await waitFor(() => t?.logs.some((l) => l.includes('"processed"') && l.includes(r.id)) ?? false, "processing");
    expect((await dataBytes(t.dataDir)).includes(value)).toBe(false);
    expect(t.logs.join("")).not.toContain(value);
  });

  it("masks GitHub's error text that echoes the leaked value, in logs and in the dead-letter record", async () => {
    const value = canary();
    api.addCommit({ sha: sha(3), parents: [], files: [] });
    api.addAlert(REPO, {
      number: 31,
      secret: value,
      secret_type: "custom_pattern",
      secret_type_display_name: "Custom pattern",
      validity: "unknown",
      locations: [],
    });
    // After the alert (and its value) was read, GitHub answers with an error that repeats it.
    api.failWith(/alerts\/31\/locations$/, 422, `Validation failed: '${value}' is not a valid cursor`);
    t = await startTestService(
      { GITHUB_API_URL: api.url, LEAKSTOP_MAX_ATTEMPTS: "2" },
      { responder: new FakeResponder() },
    );
    const r = await deliver(t.url, "secret_scanning_alert", alertPayload("created", 31));
    await waitFor(() => t?.logs.some((l) => l.includes("dead-lettered") && l.includes(r.id)) ?? false, "dead-letter");
    const line = t.logs.find((l) => l.includes("dead-lettered")) ?? "";
    expect(line).toContain("Validation failed");
    expect(t.logs.join("")).not.toContain(value);
    expect(t.service.pool.inFlight).toBe(0);
    const bytes = await dataBytes(t.dataDir);
    expect(bytes.includes(value)).toBe(false);
    expect(bytes.includes("Validation failed")).toBe(true);
  });
});
