/**
 * The `IssueTracker` port over GitHub issues. A leak's issue is found by its hidden incident
 * marker (the value's key), else by its fingerprint marker (issues opened before incident keys),
 * among the issues labelled `leakstop`, open or closed, reading every page: the list
 * endpoint rather than the search API, whose index lags by seconds to minutes, so a redelivered
 * event right after the first would otherwise open a duplicate.
 */
import { incidentMarker, issueMarker } from "../../remediation/issue.js";
import type {
  CommentOptions,
  CreateIssueOptions,
  IssueRef,
  IssueTracker,
  OperationOptions,
} from "../../remediation/ports.js";
import type { GitHubClient } from "./client.js";

/** Options for {@link createGitHubIssueTracker}. */
export interface GitHubIssueTrackerOptions {
  /** `owner/repo` where issues go (the `issue-repository` input). */
  readonly repository: string;
  /** The label every leakstop issue carries, and the one searched. Default `leakstop`. */
  readonly label?: string;
  /** One line per non-fatal problem (an assignee that could not be set). */
  readonly log?: (line: string) => void;
}

export function createGitHubIssueTracker(client: GitHubClient, options: GitHubIssueTrackerOptions): IssueTracker {
  const [owner, repo, ...rest] = options.repository.split("/");
  if (!owner || !repo || rest.length > 0) {
    throw new TypeError(`Issue repository '${options.repository}' is not 'owner/repo'.`);
  }
  const label = options.label ?? "leakstop";
  const log = options.log ?? (() => {});
  const request = (o?: OperationOptions) => (o?.abortSignal ? { request: { signal: o.abortSignal } } : {});

  return {
    async findIssue(keys, o) {
      const incident = keys.incident ? incidentMarker(keys.incident) : undefined;
      const marker = issueMarker(keys.fingerprint);
      let byFingerprint: IssueRef | undefined;
      const pages = client.paginate.iterator(client.rest.issues.listForRepo, {
        owner,
        repo,
        labels: label,
        state: "all",
        per_page: 100,
        ...request(o),
      });
      for await (const page of pages) {
        for (const issue of page.data) {
          if (issue.pull_request || !issue.body) continue;
          const ref: IssueRef = {
            number: issue.number,
            url: issue.html_url,
            state: issue.state === "closed" ? "closed" : "open",
          };
          if (incident && issue.body.includes(incident)) return ref;
          if (!byFingerprint && issue.body.includes(marker)) byFingerprint = ref;
        }
      }
      return byFingerprint;
    },

    async create(title, body, o: CreateIssueOptions = {}): Promise<IssueRef> {
      const labels = [...new Set([label, ...(o.labels ?? [])])];
      const { data } = await client.rest.issues.create({ owner, repo, title, body, labels, ...request(o) });
      const assignees = [...(o.assignees ?? [])];
      if (assignees.length > 0) {
        // Assigning is a courtesy: an author who is not a collaborator cannot be assigned,
        // and that must not lose the issue.
        try {
          await client.rest.issues.addAssignees({ owner, repo, issue_number: data.number, assignees, ...request(o) });
        } catch (e) {
          log(`leakstop: could not assign issue #${data.number} to ${assignees.join(", ")}: ${(e as Error).message}`);
        }
      }
      return { number: data.number, url: data.html_url, state: "open" };
    },

    async comment(issueNumber, body, o: CommentOptions = {}) {
      if (o.key === undefined) {
        const { data } = await client.rest.issues.createComment({
          owner,
          repo,
          issue_number: issueNumber,
          body,
          ...request(o),
        });
        return { url: data.html_url };
      }
      const marker = commentMarker(o.key);
      const text = `${marker}\n${body}`;
      const pages = client.paginate.iterator(client.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issueNumber,
        per_page: 100,
        ...request(o),
      });
      for await (const page of pages) {
        const mine = page.data.find((c) => c.body?.startsWith(marker));
        if (mine) {
          const { data } = await client.rest.issues.updateComment({
            owner,
            repo,
            comment_id: mine.id,
            body: text,
            ...request(o),
          });
          return { url: data.html_url };
        }
      }
      const { data } = await client.rest.issues.createComment({
        owner,
        repo,
        issue_number: issueNumber,
        body: text,
        ...request(o),
      });
      return { url: data.html_url };
    },
  };
}

/**
 * The hidden first line of a keyed comment. The key is a delivery id or a run URL: only
 * characters that cannot end an HTML comment are kept.
 */
function commentMarker(key: string): string {
  return `<!-- leakstop:comment=${key.replace(/[^\w.:/#-]/g, "_").slice(0, 200)} -->`;
}
