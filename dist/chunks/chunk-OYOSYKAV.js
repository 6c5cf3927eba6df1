import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  incidentMarker,
  issueMarker
} from "./chunk-NEJ5AMS4.js";

// src/adapters/github/issues.ts
function createGitHubIssueTracker(client, options) {
  const [owner, repo, ...rest] = options.repository.split("/");
  if (!owner || !repo || rest.length > 0) {
    throw new TypeError(`Issue repository '${options.repository}' is not 'owner/repo'.`);
  }
  const label = options.label ?? "leakstop";
  const log = options.log ?? (() => {
  });
  const request = (o) => o?.abortSignal ? { request: { signal: o.abortSignal } } : {};
  return {
    async findIssue(keys, o) {
      const incident = keys.incident ? incidentMarker(keys.incident) : void 0;
      const marker = issueMarker(keys.fingerprint);
      let byFingerprint;
      const pages = client.paginate.iterator(client.rest.issues.listForRepo, {
        owner,
        repo,
        labels: label,
        state: "all",
        per_page: 100,
        ...request(o)
      });
      for await (const page of pages) {
        for (const issue of page.data) {
          if (issue.pull_request || !issue.body) continue;
          const ref = {
            number: issue.number,
            url: issue.html_url,
            state: issue.state === "closed" ? "closed" : "open"
          };
          if (incident && issue.body.includes(incident)) return ref;
          if (!byFingerprint && issue.body.includes(marker)) byFingerprint = ref;
        }
      }
      return byFingerprint;
    },
    async create(title, body, o = {}) {
      const labels = [.../* @__PURE__ */ new Set([label, ...o.labels ?? []])];
      const { data } = await client.rest.issues.create({ owner, repo, title, body, labels, ...request(o) });
      const assignees = [...o.assignees ?? []];
      if (assignees.length > 0) {
        try {
          await client.rest.issues.addAssignees({ owner, repo, issue_number: data.number, assignees, ...request(o) });
        } catch (e) {
          log(`leakstop: could not assign issue #${data.number} to ${assignees.join(", ")}: ${e.message}`);
        }
      }
      return { number: data.number, url: data.html_url, state: "open" };
    },
    async comment(issueNumber, body, o = {}) {
      if (o.key === void 0) {
        const { data: data2 } = await client.rest.issues.createComment({
          owner,
          repo,
          issue_number: issueNumber,
          body,
          ...request(o)
        });
        return { url: data2.html_url };
      }
      const marker = commentMarker(o.key);
      const text = `${marker}
${body}`;
      const pages = client.paginate.iterator(client.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issueNumber,
        per_page: 100,
        ...request(o)
      });
      for await (const page of pages) {
        const mine = page.data.find((c) => c.body?.startsWith(marker));
        if (mine) {
          const { data: data2 } = await client.rest.issues.updateComment({
            owner,
            repo,
            comment_id: mine.id,
            body: text,
            ...request(o)
          });
          return { url: data2.html_url };
        }
      }
      const { data } = await client.rest.issues.createComment({
        owner,
        repo,
        issue_number: issueNumber,
        body: text,
        ...request(o)
      });
      return { url: data.html_url };
    }
  };
}
function commentMarker(key) {
  return `<!-- leakstop:comment=${key.replace(/[^\w.:/#-]/g, "_").slice(0, 200)} -->`;
}

export {
  createGitHubIssueTracker
};
