/**
 * The replicas run, bundled and started by bench/replicas.ts: N signed `secret_scanning_alert`
 * deliveries (10 % redelivered with the same delivery id, to another replica when there is one)
 * at concurrency 50 to `leakstop serve` processes (test/e2e/server/child.ts: production wiring)
 * against the GitHub and Key Vault doubles. Mode `sqlite`: one process on the embedded queue.
 * Mode `azure`: R replicas sharing one Azurite (started here on free loopback ports) through
 * LEAKSTOP_STORAGE_CONNECTION_STRING and LEAKSTOP_INDEX_KEY. The work per delivery is cheap: the
 * alert and its location are read from the GitHub double, the value is not in the (empty) vault,
 * so nothing is rotated. Prints one JSON line of figures (never a value).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Faker } from "../src/core/rules/fake.js";
import { startAzurite } from "../test/helpers/azurite.js";
import { GitHubDouble } from "../test/helpers/github-double.js";
import { DOUBLE_TOKEN, KeyVaultDouble } from "../test/helpers/keyvault-double.js";

const [CHILD = "", MODE = "sqlite", REPLICAS_ARG = "1"] = process.argv.slice(2);
const REPLICAS = Number(REPLICAS_ARG);
const TOTAL = Number(process.env.BENCH_DELIVERIES ?? 1000);
const DUPLICATE_SHARE = 0.1;
const CONCURRENCY = 50;
const REPO = "octo-org/octo-repo";
const SECRET = `whsec-${randomUUID()}`;
const SHA = "c".repeat(40);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Running {
  readonly child: ChildProcess;
  readonly port: number;
  readonly lines: string[];
  readonly exit: Promise<unknown>;
}

async function startService(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [CHILD], { env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  let buffer = "";
  child.stdout?.setEncoding("utf8").on("data", (c: string) => {
    buffer += c;
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts.filter(Boolean));
  });
  child.stderr?.resume();
  const exit = new Promise((resolve) => child.on("exit", resolve));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const listening = lines.find((l) => l.includes('"listening"'));
    if (listening) return { child, port: (JSON.parse(listening) as { port: number }).port, lines, exit };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("the service did not start");
    await wait(20);
  }
}

function alertBody(n: number): string {
  // Bundled into a temporary directory: resolve packages from the repository (the cwd).
  const require = createRequire(join(process.cwd(), "package.json"));
  const all = require("@octokit/webhooks-examples/ghes-35/index.json") as Array<{
    name: string;
    examples: Array<Record<string, unknown>>;
  }>;
  const base = all.find((e) => e.name === "secret_scanning_alert")?.examples[0] ?? {};
  const repository = base.repository as Record<string, unknown>;
  return JSON.stringify({
    ...base,
    action: "created",
    alert: { ...(base.alert as object), number: n },
    repository: { ...repository, name: "octo-repo", owner: { ...(repository.owner as object), login: "octo-org" } },
  });
}

/** Peak RSS of a process in KB (VmHWM), read before it stops. */
function peakRssKB(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const kv = await KeyVaultDouble.start();
  const api = await GitHubDouble.start();
  // Bundled into a temporary directory: Azurite is found from the repository (the cwd).
  const azurite = MODE === "azure" ? await startAzurite({ root: process.cwd() }) : undefined;
  const temp = await mkdtemp(join(tmpdir(), "leakstop-replicas-"));
  const f = new Faker(1010);
  api.addCommit({ sha: SHA, parents: [], files: [] });
  const fresh = TOTAL - Math.round(TOTAL * DUPLICATE_SHARE);
  for (let n = 1; n <= fresh; n++) {
    api.addAlert(REPO, {
      number: n,
      secret: f.password(28),
      secret_type: "generic_password",
      locations: [{ type: "commit", details: { path: `svc${n}/.env`, start_line: 1, end_line: 1, commit_sha: SHA } }],
    });
  }
  const common: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    LEAKSTOP_WEBHOOK_SECRET: SECRET,
    GITHUB_TOKEN: "test-token",
    GITHUB_API_URL: api.url,
    LEAKSTOP_VAULT_URL: kv.url,
    PORT: "0",
    TEST_KV_CA: kv.ca,
    TEST_KV_TOKEN: DOUBLE_TOKEN,
    ...(azurite
      ? {
          LEAKSTOP_STORAGE_CONNECTION_STRING: azurite.connectionString,
          LEAKSTOP_INDEX_KEY: randomBytes(32).toString("hex"),
        }
      : {}),
  };
  const replicas: Running[] = [];
  for (let i = 0; i < REPLICAS; i++) {
    replicas.push(await startService({ ...common, LEAKSTOP_DATA_DIR: await mkdtemp(join(temp, `data${i}-`)) }));
  }

  // Fresh deliveries in order; each redelivery (same id and body) after its original.
  const list: Array<{ id: string; body: string }> = [];
  for (let n = 1; n <= fresh; n++) list.push({ id: randomUUID(), body: alertBody(n) });
  let seed = 11;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let added = 0; added < TOTAL - fresh; added++) {
    const at = 1 + Math.floor(rand() * list.length);
    const original = list[Math.floor(rand() * at)] as { id: string; body: string };
    list.splice(at, 0, { ...original });
  }

  const acknowledged = new Set<string>();
  const latencies: number[] = [];
  let refused = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < list.length) {
        const i = next++;
        const d = list[i] as { id: string; body: string };
        const replica = replicas[i % replicas.length] as Running;
        const t0 = performance.now();
        const res = await fetch(`http://127.0.0.1:${replica.port}/api/github/webhooks`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-github-event": "secret_scanning_alert",
            "x-github-delivery": d.id,
            "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(d.body).digest("hex")}`,
          },
          body: d.body,
        }).catch(() => undefined);
        await res?.text();
        latencies.push(performance.now() - t0);
        if (res?.status === 200) acknowledged.add(d.id);
        else refused++;
      }
    }),
  );
  const sendSeconds = (performance.now() - started) / 1000;

  // Drained: every acknowledged id has a "processed" (or dead-letter) line in some replica's log.
  const counts = () => {
    const done = new Map<string, number>();
    let dead = 0;
    for (const r of replicas) {
      for (const l of r.lines) {
        const processed = l.includes('"processed"');
        if (!processed && !l.includes("dead-lettered")) continue;
        const id = (JSON.parse(l) as { delivery?: string }).delivery;
        if (!id) continue;
        if (processed) done.set(id, (done.get(id) ?? 0) + 1);
        else dead++;
      }
    }
    return { done, dead };
  };
  let drainSeconds = Number.NaN;
  for (const until = Date.now() + 300_000; Date.now() < until; await wait(50)) {
    const { done } = counts();
    if ([...acknowledged].every((id) => done.has(id))) {
      drainSeconds = (performance.now() - started) / 1000;
      break;
    }
  }
  await wait(500); // let a late second run of the same delivery show up
  const { done, dead } = counts();
  const rss = replicas.map((r) => peakRssKB(r.child.pid));
  for (const r of replicas) r.child.kill("SIGTERM");
  await Promise.all(replicas.map((r) => r.exit));
  await azurite?.stop();
  console.log(
    JSON.stringify({
      mode: MODE,
      replicas: REPLICAS,
      deliveries: list.length,
      distinct: fresh,
      acknowledged: acknowledged.size,
      refused,
      ackP50: percentile(latencies, 50),
      ackP99: percentile(latencies, 99),
      sendSeconds,
      drainSeconds,
      lost: [...acknowledged].filter((id) => !done.has(id)).length,
      twice: [...done.values()].filter((c) => c > 1).length,
      dead,
      peakRssKB: Math.max(...rss),
      totalRssKB: rss.reduce((a, b) => a + b, 0),
      githubRequests: api.requests.length,
      kvRequests: kv.requests.length,
    }),
  );
  await kv.close();
  await api.close();
  await rm(temp, { recursive: true, force: true });
}

await main();
