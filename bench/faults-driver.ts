/**
 * The fault-and-load run, bundled and started by bench/faults.ts: the real service as a
 * process (test/e2e/server/child.ts: production wiring, the Key Vault store over the SDK,
 * unpaced GitHub clients) against the HTTPS Key Vault double and the GitHub API double, with
 * faults injected into both (429, 5xx, connection resets after a write, an unreadable answer,
 * hangs past the request timeouts, outages), every alert delivered twice (`created` and `validated`, two delivery ids)
 * and some redelivered, and three SIGKILLs while work is in flight, at the default
 * concurrency. Prints one JSON line of counts (never a value).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Faker } from "../src/core/rules/fake.js";
import { GitHubDouble } from "../test/helpers/github-double.js";
import { DOUBLE_TOKEN, KeyVaultDouble } from "../test/helpers/keyvault-double.js";

const CHILD = process.argv[2] ?? "";
const ALERTS = Number(process.env.FAULTS_ALERTS ?? 24);
const REPO = "octo-org/octo-repo";
const SECRET = `whsec-${randomUUID()}`;
const sha = (n: number) => `${n.toString(16).padStart(6, "0")}${"e".repeat(34)}`;

interface Running {
  child: ChildProcess;
  url: string;
  lines: string[];
  exit: Promise<unknown>;
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
  const deadline = Date.now() + 20_000;
  for (;;) {
    const listening = lines.find((l) => l.includes('"listening"'));
    if (listening) return { child, url: `http://127.0.0.1:${JSON.parse(listening).port}`, lines, exit };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("the service did not start");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function alertBody(action: string, n: number): string {
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
    action,
    alert: { ...(base.alert as object), number: n, validity: "active" },
    repository: { ...repository, name: "octo-repo", owner: { ...(repository.owner as object), login: "octo-org" } },
  });
}

/** POST one delivery; the status, or 0 when the connection failed (a killed process). */
async function deliver(url: string, id: string, body: string): Promise<number> {
  try {
    const res = await fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "secret_scanning_alert",
        "x-github-delivery": id,
        "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await res.text();
    return res.status;
  } catch {
    return 0;
  }
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const kv = await KeyVaultDouble.start();
  const api = await GitHubDouble.start();
  const dataDir = await mkdtemp(join(tmpdir(), "leakstop-faults-"));
  const f = new Faker(2026);
  api.addCommit({ sha: sha(1), parents: [], files: [] });
  const leaked: string[] = [];
  for (let i = 1; i <= ALERTS; i++) {
    const secret = f.password(28);
    leaked.push(kv.put(`faults-secret-${i}`, secret, { tags: { "leakstop-provider": "none" } }));
    api.addAlert(REPO, {
      number: i,
      secret,
      secret_type: "generic_password",
      locations: [
        { type: "commit", details: { path: `svc${i}/.env`, start_line: 1, end_line: 1, commit_sha: sha(1) } },
      ],
    });
  }
  // Key Vault: throttling, 5xx, an outage of the version listing, lost answers after writes.
  kv.fail({ method: "PUT", status: 429, headers: { "retry-after": "0" }, times: 3 });
  kv.fail({ method: "PUT", status: 503, times: 4 });
  kv.fail({ method: "PATCH", status: 500, times: 3 });
  kv.fail({ method: "GET", path: "/versions", status: 503, times: 12 });
  kv.loseAnswer({ method: "PUT", kind: "reset", times: 3 });
  kv.loseAnswer({ method: "PUT", kind: "garbage", times: 2 });
  kv.loseAnswer({ method: "PUT", kind: "hang", times: 1 });
  // GitHub: 429, 502 and an outage on alert reads, 5xx on issue creation, slow searches.
  api.failWith(/\/secret-scanning\/alerts\/\d+$/, 429, "API rate limit exceeded", { times: 3, method: "GET" });
  api.failWith(/\/secret-scanning\/alerts\/\d+$/, 502, "Bad Gateway", { times: 6, method: "GET" });
  api.failWith(/\/issues$/, 500, "Server Error", { times: 3, method: "POST" });
  api.failWith(/\/secret-scanning\/alerts\/\d+$/, 503, "Service Unavailable", { times: 2, method: "PATCH" });
  // Hangs past the 1.5 s request timeout (listed first: the first matching delay applies).
  api.delay(/\/locations$/, 4000, 2);
  api.delay(/\/issues$/, 150);
  api.delay(/\/secret-scanning\/alerts\/\d+$/, 60);

  const env = {
    PATH: process.env.PATH ?? "",
    LEAKSTOP_WEBHOOK_SECRET: SECRET,
    GITHUB_TOKEN: "test-token",
    GITHUB_API_URL: api.url,
    LEAKSTOP_VAULT_URL: kv.url,
    LEAKSTOP_DATA_DIR: dataDir,
    PORT: "0",
    TEST_KV_CA: kv.ca,
    TEST_KV_TOKEN: DOUBLE_TOKEN,
    TEST_KV_RETRIES: "2",
    TEST_KV_TIMEOUT_MS: "1500",
    TEST_GITHUB_TIMEOUT_MS: "1500",
    TEST_QUEUE_RETRY_MS: "200",
  };
  const started = performance.now();
  const all: string[] = [];
  let running = await startService(env);
  const acknowledged = new Set<string>();
  const refused: Array<{ id: string; body: string }> = [];
  const send = async (id: string, body: string) => {
    const status = await deliver(running.url, id, body);
    if (status === 200) acknowledged.add(id);
    else refused.push({ id, body });
  };
  // Two deliveries per alert, different ids; one in four redelivered with its id.
  const deliveries = Array.from({ length: ALERTS }, (_, i) => [
    { id: randomUUID(), body: alertBody("created", i + 1) },
    { id: randomUUID(), body: alertBody("validated", i + 1) },
  ]).flat();
  const kvWrites = () => kv.requests.filter((r) => r.method === "PUT" && r.path.startsWith("/secrets/")).length;
  const kills: number[] = [ALERTS / 4, ALERTS / 2, (3 * ALERTS) / 4].map(Math.round);
  let next = 0;
  for (const [i, d] of deliveries.entries()) {
    await send(d.id, d.body);
    if (i % 4 === 0) await send(d.id, d.body);
    // SIGKILL while work is in flight, then start again on the same data directory.
    if (next < kills.length && kvWrites() >= (kills[next] ?? 0)) {
      next++;
      running.child.kill("SIGKILL");
      await running.exit;
      all.push(...running.lines);
      running = await startService(env);
    }
  }
  while (next < kills.length) {
    await wait(100);
    if (kvWrites() < (kills[next] ?? 0) && performance.now() - started < 60_000) continue;
    next++;
    running.child.kill("SIGKILL");
    await running.exit;
    all.push(...running.lines);
    running = await startService(env);
  }
  // What was refused while a process was down is redelivered, as a person does from GitHub.
  for (const d of refused.splice(0)) await send(d.id, d.body);
  const settled = async () => {
    const health = (await (await fetch(`${running.url}/healthz`)).json()) as { queue: Record<string, number> };
    return (health.queue.ready ?? 0) + (health.queue.leased ?? 0) === 0 ? health.queue : undefined;
  };
  let queue = await settled();
  while (!queue && performance.now() - started < 180_000) {
    await wait(200);
    queue = await settled();
  }
  running.child.kill("SIGTERM");
  await running.exit;
  all.push(...running.lines);

  const finished = (id: string) =>
    all.some((l) => (l.includes('"processed"') || l.includes("dead-lettered")) && l.includes(id));
  const lost = [...acknowledged].filter((id) => !finished(id)).length;
  let doubleRotations = 0;
  let leaksLive = 0;
  for (let i = 1; i <= ALERTS; i++) {
    const versions = kv.secrets.get(`faults-secret-${i}`) ?? [];
    if (versions.length > 2) doubleRotations++;
    if (versions.find((v) => v.version === leaked[i - 1])?.enabled !== false) leaksLive++;
  }
  const titles = api.issues.map((x) => x.title);
  const duplicateIssues = titles.length - new Set(titles).size;
  const resolved = Array.from({ length: ALERTS }, (_, i) => api.alert(REPO, i + 1)).filter(
    (a) => a?.state === "resolved",
  ).length;
  const dead = queue?.dead ?? -1;
  console.log(
    JSON.stringify({
      alerts: ALERTS,
      deliveries: deliveries.length,
      redeliveries: Math.ceil(deliveries.length / 4),
      acknowledged: acknowledged.size,
      lost,
      doubleRotations,
      duplicateIssues,
      issues: titles.length,
      leaksLive,
      resolved,
      dead,
      sigkills: kills.length,
      kvRequests: kv.requests.length,
      githubRequests: api.requests.length,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      settled: queue !== undefined,
    }),
  );
  await kv.close();
  await api.close();
  await rm(dataDir, { recursive: true, force: true });
}

await main();
