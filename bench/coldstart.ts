/**
 * The "action" bench section: the Action's cold start on a clean push, side by side with bare
 * `node -e 0` in the same run. The push is real: a bare remote and a clone made here, two
 * commits with no secret, and `dist/index.js` run as the Actions runner runs it.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const RUNS = 15;

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "bench",
      GIT_AUTHOR_EMAIL: "bench@example.com",
      GIT_COMMITTER_NAME: "bench",
      GIT_COMMITTER_EMAIL: "bench@example.com",
    },
  });
  if (r.status !== 0) throw new Error(`git ${args[0]} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** Wall-clock milliseconds of one run of a command (spawn to exit). */
function timeOnce(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): number {
  const started = performance.now();
  const r = spawnSync(command, args, { env, cwd, encoding: "utf8" });
  const ms = performance.now() - started;
  if (r.status !== 0)
    throw new Error(
      `${command} ${args.join(" ")} exited with ${r.status}: ${r.stdout.slice(-400)}${r.stderr.slice(-400)}`,
    );
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

/** Print the Action's cold start on a clean push against bare Node. */
export async function actionColdStartSection(): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), "leakstop-bench-action-"));
  try {
    const remote = join(tmp, "remote.git");
    const work = join(tmp, "work");
    git(tmp, "init", "-q", "--bare", "-b", "main", remote);
    git(tmp, "clone", "-q", remote, work);
    await writeFile(join(work, "README.md"), "# service\n");
    git(work, "add", ".");
    git(work, "commit", "-q", "-m", "base");
    const before = git(work, "rev-parse", "HEAD");
    await writeFile(join(work, "app.js"), "export const answer = 42;\n");
    git(work, "add", ".");
    git(work, "commit", "-q", "-m", "feature");
    const after = git(work, "rev-parse", "HEAD");
    git(work, "push", "-q", "origin", "main");
    const event = join(tmp, "event.json");
    await writeFile(
      event,
      JSON.stringify({
        ref: "refs/heads/main",
        before,
        after,
        created: false,
        deleted: false,
        forced: false,
        repository: { full_name: "octo-org/octo-repo", default_branch: "main" },
        commits: [],
      }),
    );
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: tmp,
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: "push",
      GITHUB_EVENT_PATH: event,
      GITHUB_OUTPUT: join(tmp, "output.txt"),
      GITHUB_STEP_SUMMARY: join(tmp, "summary.md"),
      GITHUB_WORKSPACE: work,
      GITHUB_REPOSITORY: "octo-org/octo-repo",
      GITHUB_SHA: after,
      GITHUB_REF: "refs/heads/main",
      GITHUB_API_URL: "http://127.0.0.1:9",
      RUNNER_TEMP: tmp,
      "INPUT_GITHUB-TOKEN": "",
      "INPUT_FAIL-ON-FINDINGS": "true",
    };
    // The runner creates these files before a step starts.
    await writeFile(join(tmp, "output.txt"), "");
    await writeFile(join(tmp, "summary.md"), "");
    const index = join(ROOT, "dist", "index.js");
    // Warm the page cache and the OS's process machinery once for each.
    timeOnce(process.execPath, ["-e", "0"], env, work);
    timeOnce(process.execPath, [index], env, work);
    const bare: number[] = [];
    const action: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(timeOnce(process.execPath, ["-e", "0"], env, work));
      action.push(timeOnce(process.execPath, [index], env, work));
    }
    const b = median(bare);
    const a = median(action);
    console.log(`cold start on a clean push (2 commits, history present), median of ${RUNS} runs, interleaved\n`);
    console.log(`${"run".padEnd(34)}${"median ms".padStart(10)}${"min ms".padStart(9)}`);
    console.log(
      `${"node -e 0".padEnd(34)}${b.toFixed(0).padStart(10)}${Math.min(...bare)
        .toFixed(0)
        .padStart(9)}`,
    );
    console.log(
      `${"node dist/index.js (clean push)".padEnd(34)}${a.toFixed(0).padStart(10)}${Math.min(...action)
        .toFixed(0)
        .padStart(9)}`,
    );
    console.log(`\nabove bare Node: ${(a - b).toFixed(0)} ms (target: ≤ 100 ms)`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
