/**
 * Which commits an Actions run scans, decided from the event that started it. Pure: the event
 * payload (the JSON at `GITHUB_EVENT_PATH`) comes in as data, a plan goes out, and an adapter
 * resolves the plan against a git clone or the GitHub API.
 *
 * A push payload's `commits[]` is never used: GitHub caps its length, leaves it out of some
 * pushes, and it says nothing about the commits that a merge or a new branch brings along.
 * Only `before`, `after`, `ref` and the default branch's name are read.
 */

/** The all-zero sha git uses for "no commit": a created (`before`) or deleted (`after`) ref. */
export function isZeroSha(sha: string): boolean {
  return /^(?:0{40}|0{64})$/.test(sha);
}

/** Nothing to scan, e.g. a deleted branch. */
export interface SkipPlan {
  readonly kind: "skip";
  /** Why, for the log. */
  readonly reason: string;
}

/** A `push`: what is new in `after`, measured against `before` or other refs (see `pushBaseline`). */
export interface PushPlan {
  readonly kind: "push";
  /** Full ref name: `refs/heads/main`, `refs/tags/v1`. */
  readonly ref: string;
  /** The ref's previous commit; undefined when the push created the ref. */
  readonly before: string | undefined;
  /** The ref's new object (a commit, or an annotated tag that points to one). */
  readonly after: string;
  /** GitHub's own verdict that the push rewrote history; checked again against git when possible. */
  readonly forced: boolean;
  /** Name of the repository's default branch (`main`), when the payload has it. */
  readonly defaultBranch: string | undefined;
  /** What is scanned, for logs and the summary. */
  readonly label: string;
}

/** `pull_request`, `pull_request_target`, `merge_group`: the commits of `head` that `base` lacks. */
export interface RangePlan {
  readonly kind: "range";
  readonly base: string;
  readonly head: string;
  /** For pull requests: the number and the commit count GitHub reported. */
  readonly pullRequest?: { readonly number: number; readonly commits: number | undefined };
  readonly label: string;
}

/** `schedule`, `workflow_dispatch`: the whole history of the checked-out commit, for audits. */
export interface HistoryPlan {
  readonly kind: "history";
  /** The commit whose history is scanned (`GITHUB_SHA`); undefined: the checkout's HEAD. */
  readonly head: string | undefined;
  readonly label: string;
}

export type ScanPlan = SkipPlan | PushPlan | RangePlan | HistoryPlan;

/** The event, as the runner describes it. */
export interface ActionEvent {
  /** `GITHUB_EVENT_NAME`. */
  readonly name: string;
  /** The parsed JSON of `GITHUB_EVENT_PATH`. */
  readonly payload: unknown;
  /** `GITHUB_SHA`, if set. */
  readonly sha?: string | undefined;
}

/** The events the action knows how to scan. */
export const SUPPORTED_EVENTS = [
  "push",
  "pull_request",
  "pull_request_target",
  "merge_group",
  "schedule",
  "workflow_dispatch",
] as const;

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** Decide what to scan for `event`. Throws a TypeError naming what is wrong with the event. */
export function planScan(event: ActionEvent): ScanPlan {
  const payload = new Payload(event.name, event.payload);
  switch (event.name) {
    case "push":
      return planPush(payload);
    case "pull_request":
    case "pull_request_target": {
      const number = payload.number(["pull_request", "number"]) ?? payload.number(["number"]);
      const base = payload.sha(["pull_request", "base", "sha"]);
      const head = payload.sha(["pull_request", "head", "sha"]);
      const commits = payload.number(["pull_request", "commits"]);
      if (number === undefined) throw payload.missing("pull_request.number");
      return {
        kind: "range",
        base,
        head,
        pullRequest: { number, commits },
        label: `pull request #${number} (${short(base)}..${short(head)})`,
      };
    }
    case "merge_group": {
      const base = payload.sha(["merge_group", "base_sha"]);
      const head = payload.sha(["merge_group", "head_sha"]);
      return { kind: "range", base, head, label: `merge queue group (${short(base)}..${short(head)})` };
    }
    case "schedule":
    case "workflow_dispatch": {
      const head = event.sha !== undefined && SHA.test(event.sha) ? event.sha : undefined;
      return { kind: "history", head, label: `full history of ${head ? short(head) : "HEAD"} (${event.name})` };
    }
    default:
      throw new TypeError(`Event '${event.name}' is not supported; run leakstop on: ${SUPPORTED_EVENTS.join(", ")}.`);
  }
}

function planPush(payload: Payload): ScanPlan {
  const ref = payload.string(["ref"]);
  if (ref === undefined || !ref.startsWith("refs/")) throw payload.missing("ref");
  const after = payload.sha(["after"], true);
  const before = payload.sha(["before"], true);
  if (isZeroSha(after)) return { kind: "skip", reason: `${ref} was deleted: nothing to scan.` };
  const created = isZeroSha(before);
  const what = created ? `new ${ref.startsWith("refs/tags/") ? "tag" : "branch"} ${ref}` : `push to ${ref}`;
  return {
    kind: "push",
    ref,
    before: created ? undefined : before,
    after,
    forced: payload.value(["forced"]) === true,
    defaultBranch: payload.string(["repository", "default_branch"]),
    label: created ? `${what} (${short(after)})` : `${what} (${short(before)}..${short(after)})`,
  };
}

/** A short sha for messages. */
export function short(sha: string): string {
  return sha.slice(0, 7);
}

/** Typed reads from the untyped payload, with errors that say which field is wrong. */
class Payload {
  constructor(
    private readonly event: string,
    private readonly root: unknown,
  ) {
    if (typeof root !== "object" || root === null) {
      throw new TypeError(`The '${event}' event payload is not a JSON object; is GITHUB_EVENT_PATH the runner's file?`);
    }
  }

  value(path: readonly string[]): unknown {
    let node: unknown = this.root;
    for (const key of path) {
      if (typeof node !== "object" || node === null) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  }

  string(path: readonly string[]): string | undefined {
    const v = this.value(path);
    return typeof v === "string" && v !== "" ? v : undefined;
  }

  number(path: readonly string[]): number | undefined {
    const v = this.value(path);
    return typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
  }

  /** A commit sha; `zeroAllowed` accepts the all-zero sha (push `before`/`after`). */
  sha(path: readonly string[], zeroAllowed = false): string {
    const v = this.string(path);
    if (v === undefined || !SHA.test(v) || (!zeroAllowed && isZeroSha(v))) throw this.missing(path.join("."));
    return v;
  }

  missing(field: string): TypeError {
    return new TypeError(
      `The '${this.event}' event payload has no valid '${field}'; leakstop reads the runner's event file (GITHUB_EVENT_PATH).`,
    );
  }
}
