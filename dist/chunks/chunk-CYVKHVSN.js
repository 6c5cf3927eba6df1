import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/core/events/plan.ts
function isZeroSha(sha) {
  return /^(?:0{40}|0{64})$/.test(sha);
}
var SUPPORTED_EVENTS = [
  "push",
  "pull_request",
  "pull_request_target",
  "merge_group",
  "schedule",
  "workflow_dispatch"
];
var SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
function planScan(event) {
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
      if (number === void 0) throw payload.missing("pull_request.number");
      return {
        kind: "range",
        base,
        head,
        pullRequest: { number, commits },
        label: `pull request #${number} (${short(base)}..${short(head)})`
      };
    }
    case "merge_group": {
      const base = payload.sha(["merge_group", "base_sha"]);
      const head = payload.sha(["merge_group", "head_sha"]);
      return { kind: "range", base, head, label: `merge queue group (${short(base)}..${short(head)})` };
    }
    case "schedule":
    case "workflow_dispatch": {
      const head = event.sha !== void 0 && SHA.test(event.sha) ? event.sha : void 0;
      return { kind: "history", head, label: `full history of ${head ? short(head) : "HEAD"} (${event.name})` };
    }
    default:
      throw new TypeError(`Event '${event.name}' is not supported; run leakstop on: ${SUPPORTED_EVENTS.join(", ")}.`);
  }
}
function planPush(payload) {
  const ref = payload.string(["ref"]);
  if (ref === void 0 || !ref.startsWith("refs/")) throw payload.missing("ref");
  const after = payload.sha(["after"], true);
  const before = payload.sha(["before"], true);
  if (isZeroSha(after)) return { kind: "skip", reason: `${ref} was deleted: nothing to scan.` };
  const created = isZeroSha(before);
  const what = created ? `new ${ref.startsWith("refs/tags/") ? "tag" : "branch"} ${ref}` : `push to ${ref}`;
  return {
    kind: "push",
    ref,
    before: created ? void 0 : before,
    after,
    forced: payload.value(["forced"]) === true,
    defaultBranch: payload.string(["repository", "default_branch"]),
    label: created ? `${what} (${short(after)})` : `${what} (${short(before)}..${short(after)})`
  };
}
function short(sha) {
  return sha.slice(0, 7);
}
var Payload = class {
  constructor(event, root) {
    this.event = event;
    this.root = root;
    if (typeof root !== "object" || root === null) {
      throw new TypeError(`The '${event}' event payload is not a JSON object; is GITHUB_EVENT_PATH the runner's file?`);
    }
  }
  event;
  root;
  value(path) {
    let node = this.root;
    for (const key of path) {
      if (typeof node !== "object" || node === null) return void 0;
      node = node[key];
    }
    return node;
  }
  string(path) {
    const v = this.value(path);
    return typeof v === "string" && v !== "" ? v : void 0;
  }
  number(path) {
    const v = this.value(path);
    return typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : void 0;
  }
  /** A commit sha; `zeroAllowed` accepts the all-zero sha (push `before`/`after`). */
  sha(path, zeroAllowed = false) {
    const v = this.string(path);
    if (v === void 0 || !SHA.test(v) || !zeroAllowed && isZeroSha(v)) throw this.missing(path.join("."));
    return v;
  }
  missing(field) {
    return new TypeError(
      `The '${this.event}' event payload has no valid '${field}'; leakstop reads the runner's event file (GITHUB_EVENT_PATH).`
    );
  }
};

export {
  planScan
};
