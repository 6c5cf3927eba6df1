/**
 * The scan ledger over GitHub check runs (core/events/ledger.ts): a completed check run named
 * `leakstop scan` on a commit records that leakstop scanned it. Plain `fetch`, not Octokit: the
 * Action's no-findings path loads no Octokit, and the ledger runs on every push.
 */
import { LEDGER_CHECK_NAME } from "../../core/events/ledger.js";

/** Options for {@link createCheckRunLedger}. */
export interface CheckRunLedgerOptions {
  /** `GITHUB_API_URL`, e.g. `https://api.github.com`. */
  readonly apiUrl: string;
  /** `owner/name`. */
  readonly repository: string;
  /** Needs `checks: read` to read records and `checks: write` to add them. */
  readonly token: string;
  /** Requests at once while reading records. Default 8. */
  readonly concurrency?: number;
}

/** What a scan records on its head. */
export interface ScanRecord {
  readonly conclusion: "success" | "failure" | "neutral";
  /** One line: what was scanned. */
  readonly title: string;
  /** Markdown: the scope and the ledger rule. Never a value. */
  readonly summary: string;
}

export interface CheckRunLedger {
  /** The commits of `shas` that carry a completed record. */
  recorded(shas: readonly string[]): Promise<Set<string>>;
  /** Record that `sha` was scanned. */
  record(sha: string, scan: ScanRecord): Promise<void>;
}

export function createCheckRunLedger(options: CheckRunLedgerOptions): CheckRunLedger {
  const root = `${options.apiUrl.replace(/\/+$/, "")}/repos/${options.repository}`;
  const headers = {
    accept: "application/vnd.github+json",
    authorization: `Bearer ${options.token}`,
    "x-github-api-version": "2022-11-28",
  };
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${root}${path}`, { ...init, headers: { ...headers, ...init.headers } });
    if (!response.ok) {
      const text = (await response.text()).slice(0, 200);
      throw new Error(`GitHub answered ${response.status} to ${init.method ?? "GET"} ${path}: ${text}`);
    }
    return (await response.json()) as unknown;
  };
  const isRecorded = async (sha: string) => {
    const q = new URLSearchParams({ check_name: LEDGER_CHECK_NAME, status: "completed", filter: "all", per_page: "1" });
    const body = (await call(`/commits/${sha}/check-runs?${q}`)) as { total_count?: number };
    return (body.total_count ?? 0) > 0;
  };
  return {
    async recorded(shas) {
      const out = new Set<string>();
      const queue = [...new Set(shas)];
      const worker = async () => {
        for (let sha = queue.shift(); sha !== undefined; sha = queue.shift()) if (await isRecorded(sha)) out.add(sha);
      };
      await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, queue.length) }, worker));
      return out;
    },
    async record(sha, scan) {
      await call("/check-runs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name: LEDGER_CHECK_NAME,
          head_sha: sha,
          status: "completed",
          conclusion: scan.conclusion,
          output: { title: scan.title, summary: scan.summary },
        }),
      });
    },
  };
}
