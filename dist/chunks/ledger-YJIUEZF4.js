import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  LEDGER_CHECK_NAME
} from "./chunk-MJN4A4NY.js";
import "./chunk-V43CEDMD.js";

// src/adapters/github/ledger.ts
function createCheckRunLedger(options) {
  const root = `${options.apiUrl.replace(/\/+$/, "")}/repos/${options.repository}`;
  const headers = {
    accept: "application/vnd.github+json",
    authorization: `Bearer ${options.token}`,
    "x-github-api-version": "2022-11-28"
  };
  const call = async (path, init = {}) => {
    const response = await fetch(`${root}${path}`, { ...init, headers: { ...headers, ...init.headers } });
    if (!response.ok) {
      const text = (await response.text()).slice(0, 200);
      throw new Error(`GitHub answered ${response.status} to ${init.method ?? "GET"} ${path}: ${text}`);
    }
    return await response.json();
  };
  const isRecorded = async (sha) => {
    const q = new URLSearchParams({ check_name: LEDGER_CHECK_NAME, status: "completed", filter: "all", per_page: "1" });
    const body = await call(`/commits/${sha}/check-runs?${q}`);
    return (body.total_count ?? 0) > 0;
  };
  return {
    async recorded(shas) {
      const out = /* @__PURE__ */ new Set();
      const queue = [...new Set(shas)];
      const worker = async () => {
        for (let sha = queue.shift(); sha !== void 0; sha = queue.shift()) if (await isRecorded(sha)) out.add(sha);
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
          output: { title: scan.title, summary: scan.summary }
        })
      });
    }
  };
}
export {
  createCheckRunLedger
};
