/**
 * Scale-out (issue 10): three `leakstop serve` processes share one Azurite (queue, deliveries
 * seen, credential locks, vault index) through LEAKSTOP_STORAGE_CONNECTION_STRING. Signed alert
 * deliveries go to every replica in turn, 10% of them redelivered (same delivery id) to another
 * replica, some alerts about a credential another alert holds too; one replica is SIGKILLed while
 * it has work. Every acknowledged delivery is processed, each credential is rotated once, no issue
 * is opened twice, and no value reaches a log.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Faker } from "../../../src/core/rules/fake.js";
import { type Azurite, startAzurite } from "../../helpers/azurite.js";
import { GitHubDouble } from "../../helpers/github-double.js";
import { DOUBLE_TOKEN, KeyVaultDouble } from "../../helpers/keyvault-double.js";
import { alertPayload, deliver, WEBHOOK_SECRET, waitFor } from "./harness.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const REPO = "octo-org/octo-repo";
const f = new Faker(7171);
const sha = `${"b".repeat(40)}`;

let temp: string;
let childScript: string;
let azurite: Azurite;
const children: ChildProcess[] = [];

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), "leakstop-replicas-"));
  childScript = join(temp, "child.mjs");
  [azurite] = await Promise.all([
    startAzurite(),
    build({
      entryPoints: [join(ROOT, "test/e2e/server/child.ts")],
      outfile: childScript,
      bundle: true,
      platform: "node",
      target: "node24",
      format: "esm",
      logLevel: "error",
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    }),
  ]);
}, 60_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await azurite?.stop();
  await rm(temp, { recursive: true, force: true });
});

interface Replica {
  readonly child: ChildProcess;
  readonly url: string;
  readonly lines: string[];
  readonly exit: Promise<number | null>;
}

async function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, [childScript], {
    cwd: temp,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const lines: string[] = [];
  const stderr: string[] = [];
  let buffer = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts.filter(Boolean));
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await waitFor(
    () => lines.some((l) => l.includes('"listening"')) || child.exitCode !== null,
    `a replica to listen (stderr: ${stderr.join("")})`,
    20_000,
  );
  const listening = lines.find((l) => l.includes('"listening"'));
  if (!listening) throw new Error(`A replica exited: ${stderr.join("")}`);
  const { port } = JSON.parse(listening) as { port: number };
  return { child, url: `http://127.0.0.1:${port}`, lines, exit };
}

describe("three replicas on one Azurite", () => {
  it("process every acknowledged delivery once in effect, one rotation per credential, with a replica SIGKILLed", async () => {
    const api = await GitHubDouble.start();
    const kv = await KeyVaultDouble.start();
    try {
      const credentials = 9;
      api.addCommit({ sha, parents: [], files: [] });
      const secrets = Array.from({ length: credentials }, () => f.password(28));
      const leaked = secrets.map((s, i) => kv.put(`app-secret-${i}`, s, { tags: { "leakstop-provider": "none" } }));
      // Alerts 1–9, one per credential; alerts 10–12 about credentials 1–3 again (another location).
      const alerts = [
        ...secrets.map((s, i) => ({ n: i + 1, s, path: `svc${i}/.env` })),
        ...secrets.slice(0, 3).map((s, i) => ({ n: credentials + i + 1, s, path: `copy${i}/.env` })),
      ];
      for (const a of alerts) {
        api.addAlert(REPO, {
          number: a.n,
          secret: a.s,
          secret_type: "generic_password",
          locations: [{ type: "commit", details: { path: a.path, start_line: 1, end_line: 1, commit_sha: sha } }],
        });
      }
      // Slow issue lookups keep rotations in progress when a replica dies.
      api.delay(/\/issues$/, 300);
      const common = {
        LEAKSTOP_WEBHOOK_SECRET: WEBHOOK_SECRET,
        GITHUB_TOKEN: "test-token",
        GITHUB_API_URL: api.url,
        LEAKSTOP_VAULT_URL: kv.url,
        LEAKSTOP_CONCURRENCY: "2",
        LEAKSTOP_STORAGE_CONNECTION_STRING: azurite.connectionString,
        LEAKSTOP_INDEX_KEY: randomBytes(32).toString("hex"),
        PORT: "0",
        TEST_KV_CA: kv.ca,
        TEST_KV_TOKEN: DOUBLE_TOKEN,
        TEST_QUEUE_VISIBILITY_MS: "3000",
      };
      const replicas: Replica[] = [];
      for (let i = 0; i < 3; i++) {
        replicas.push(await startReplica({ ...common, LEAKSTOP_DATA_DIR: await mkdtemp(join(temp, `data${i}-`)) }));
      }
      const rotations = () => kv.requests.filter((r) => r.method === "PUT" && r.status === 200).length;

      const acknowledged = new Set<string>();
      const outcomes: string[] = [];
      for (const [i, a] of alerts.entries()) {
        const r = await deliver(
          (replicas[i % 3] as Replica).url,
          "secret_scanning_alert",
          alertPayload("created", a.n),
        );
        expect(r.status).toBe(200);
        acknowledged.add(r.id);
        outcomes.push((JSON.parse(r.text) as { outcome: string }).outcome);
        if (i % 10 === 0) {
          // GitHub redelivers to whichever replica answers.
          const again = await deliver(
            (replicas[(i + 1) % 3] as Replica).url,
            "secret_scanning_alert",
            alertPayload("created", a.n),
            { id: r.id },
          );
          expect(again.status).toBe(200);
          outcomes.push((JSON.parse(again.text) as { outcome: string }).outcome);
        }
      }
      expect(outcomes.filter((o) => o === "queued")).toHaveLength(alerts.length);
      expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(Math.ceil(alerts.length / 10));

      await waitFor(() => rotations() >= 1, "the first rotation", 20_000);
      (replicas[0] as Replica).child.kill("SIGKILL");
      await (replicas[0] as Replica).exit;

      await waitFor(
        () => alerts.every((a) => api.alert(REPO, a.n)?.state === "resolved"),
        "every alert to be resolved",
        60_000,
      );
      // The killed replica's deliveries came back after the visibility timeout and ran again elsewhere.
      expect(replicas.slice(1).some((r) => r.lines.some((l) => l.includes('"attempt":2')))).toBe(true);
      // One rotation per credential: two versions each, the leaked one disabled.
      for (const [i, version] of leaked.entries()) {
        const versions = kv.secrets.get(`app-secret-${i}`) ?? [];
        expect(versions, `app-secret-${i}`).toHaveLength(2);
        expect(versions.find((v) => v.version === version)?.enabled).toBe(false);
      }
      expect(rotations()).toBe(credentials);
      for (const a of alerts) expect(api.alert(REPO, a.n)?.resolution).toBe("revoked");
      // No issue opened twice.
      expect(new Set(api.issues.map((x) => x.title)).size).toBe(api.issues.length);
      const logs = replicas.flatMap((r) => r.lines).join("\n");
      for (const s of secrets) expect(logs).not.toContain(s);
      for (const r of replicas.slice(1)) {
        r.child.kill("SIGTERM");
        expect(await r.exit).toBe(0);
      }
    } finally {
      await kv.close();
      await api.close();
    }
  }, 120_000);
});
