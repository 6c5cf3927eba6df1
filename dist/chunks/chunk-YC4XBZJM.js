import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  parsePatch
} from "./chunk-NBJZRDWZ.js";

// src/adapters/github/commits.ts
var PULL_COMMITS_LIMIT = 250;
var COMMIT_FILES_LIMIT = 3e3;
var PER_PAGE = 100;
async function listCommits(client, repo2, target) {
  if (target.kind === "compare") return compare(client, repo2, target.base, target.head);
  if (target.kind === "history") {
    const route2 = "GET /repos/{owner}/{repo}/commits";
    const raw2 = await collect(client, route2, { ...repo2, sha: target.head, per_page: PER_PAGE }, "list the commits of");
    return raw2.reverse().map(toCommit);
  }
  const route = "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits";
  const params = { ...repo2, pull_number: target.number, per_page: PER_PAGE };
  const raw = await collect(client, route, params, `list the commits of pull request #${target.number} in`);
  if (raw.length < PULL_COMMITS_LIMIT && (target.commits === void 0 || raw.length >= target.commits)) {
    return raw.map(toCommit);
  }
  return compare(client, repo2, target.base, target.head);
}
async function firstParentChain(client, repo2, ref, reach) {
  let raw;
  try {
    const response = await client.request("GET /repos/{owner}/{repo}/commits", {
      ...repo2,
      sha: ref,
      per_page: Math.min(reach + 1, PER_PAGE)
    });
    raw = response.data;
  } catch (error) {
    throw apiError(error, `list the commits of ${ref.slice(0, 12)} in ${repo2.owner}/${repo2.repo}`);
  }
  const parentOf = /* @__PURE__ */ new Map();
  for (const c of raw) parentOf.set(c.sha, c.parents?.[0]?.sha);
  const chain = [];
  for (let sha = raw[0]?.sha; sha !== void 0 && parentOf.has(sha) && chain.length <= reach; sha = parentOf.get(sha)) {
    chain.push(sha);
  }
  return chain;
}
async function* commitFragments(client, repo2, commits, options = {}) {
  const concurrency = options.concurrency ?? 4;
  const pending = [];
  let next = 0;
  const fill = () => {
    while (next < commits.length && pending.length < concurrency) {
      const commit = commits[next++];
      const files = commitFiles(client, repo2, commit.sha);
      files.catch(() => {
      });
      pending.push(files);
    }
  };
  for (const commit of commits) {
    fill();
    const files = await pending.shift();
    if (files.length >= COMMIT_FILES_LIMIT) {
      options.onNotice?.(
        `commit ${commit.sha.slice(0, 7)} changes ${COMMIT_FILES_LIMIT} files or more; the GitHub API lists only ${COMMIT_FILES_LIMIT}: check out the repository to scan all of them`
      );
    }
    for (const file of files) {
      if (file.patch !== void 0) {
        yield* parsePatch(file.patch, file.filename, commit.info, { context: true });
      } else if (file.status !== "removed" && (file.changes ?? 1) > 0) {
        options.onNotice?.(
          `${file.filename} in commit ${commit.sha.slice(0, 7)}: the GitHub API gives no diff (binary or too large), not scanned`
        );
      }
    }
  }
}
function dropMergeRepeats(findings, commits) {
  const merges = new Set(commits.filter((c) => c.parents > 1).map((c) => c.sha));
  const elsewhere = new Set(findings.filter((f) => !merges.has(f.commit?.sha ?? "")).map((f) => f.fingerprint));
  return findings.filter((f) => !merges.has(f.commit?.sha ?? "") || !elsewhere.has(f.fingerprint));
}
async function compare(client, repo2, base, head) {
  const route = "GET /repos/{owner}/{repo}/compare/{basehead}";
  const params = { ...repo2, basehead: `${base}...${head}`, per_page: PER_PAGE };
  const raw = await collect(client, route, params, `compare ${base.slice(0, 12)}...${head.slice(0, 12)} in`, "commits");
  return raw.map(toCommit);
}
async function commitFiles(client, repo2, sha) {
  const route = "GET /repos/{owner}/{repo}/commits/{ref}";
  const params = { ...repo2, ref: sha, per_page: PER_PAGE };
  return collect(client, route, params, `read commit ${sha.slice(0, 12)} of`, "files");
}
async function collect(client, route, params, what, key) {
  const out = [];
  try {
    for await (const page of client.paginate.iterator(route, params)) {
      const data = page.data;
      const items = Array.isArray(data) ? data : key ? data[key] : void 0;
      if (Array.isArray(items)) for (const item of items) out.push(item);
    }
  } catch (error) {
    throw apiError(error, `${what} ${repo(params)}`);
  }
  return out;
}
function repo(params) {
  return `${String(params.owner)}/${String(params.repo)}`;
}
function toCommit(raw) {
  const author = raw.commit?.author ?? {};
  return {
    sha: raw.sha,
    parents: raw.parents?.length ?? 1,
    info: { sha: raw.sha, authorName: author.name ?? "", authorEmail: author.email ?? "", date: author.date ?? "" }
  };
}
function apiError(error, what) {
  const status = error.status;
  const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const fix = status === 401 ? "the 'github-token' input is invalid or expired" : status === 403 || status === 404 ? "grant the job 'permissions: contents: read' (and 'pull-requests: read' for pull requests), or pass a 'github-token' that can read the repository" : void 0;
  const message = `Could not ${what} through the GitHub API (${typeof status === "number" ? `HTTP ${status}: ` : ""}${reason})`;
  return new Error(fix ? `${message}: ${fix}.` : `${message}.`, { cause: error });
}

export {
  listCommits,
  firstParentChain,
  commitFragments,
  dropMergeRepeats
};
