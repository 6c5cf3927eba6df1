import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  MAX_FINDINGS_PER_REQUEST
} from "./chunk-6KZZB5MR.js";
import {
  createInspector
} from "./chunk-CPKDVN4F.js";
import "./chunk-L3JTYT5C.js";
import {
  INPUTS
} from "./chunk-6RRFK7CR.js";
import "./chunk-AKAH6ETJ.js";
import "./chunk-V43CEDMD.js";

// src/adapters/responder/client.ts
var sleepDefault = (ms) => new Promise((r) => setTimeout(r, ms));
function base(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`responder-url '${url}' is not a URL.`);
  }
  const loopback = /^(localhost|127\.[\d.]+|\[::1\])$/.test(parsed.hostname);
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && loopback)) {
    throw new TypeError(`responder-url '${url}' must be an https:// URL.`);
  }
  return url.replace(/\/+$/, "");
}
function createResponderClient(options) {
  const root = base(options.url);
  const sleep = options.sleep ?? sleepDefault;
  const timeout = options.requestTimeoutInMs ?? 1e4;
  async function call(method, path, body) {
    const token = await options.token();
    const response = await fetch(`${root}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        ...body === void 0 ? {} : { "content-type": "application/json" }
      },
      ...body === void 0 ? {} : { body: JSON.stringify(body) },
      signal: AbortSignal.timeout(timeout),
      redirect: "error"
    });
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : void 0;
    } catch {
      json = void 0;
    }
    return { status: response.status, json };
  }
  const errorOf = (status, json) => typeof json === "object" && json !== null && typeof json.error === "string" ? `${status}: ${json.error}` : `HTTP ${status}`;
  return {
    async report(request, waitInMs) {
      const deadline = Date.now() + waitInMs;
      let id;
      let last;
      for (let attempt = 0; id === void 0; attempt++) {
        try {
          const { status, json } = await call("POST", "/api/v1/findings", request);
          if (status === 202 || status === 200 || status === 201) {
            last = json;
            id = last?.id;
            if (!id) return { kind: "error", message: "the responder accepted the findings but returned no id" };
            break;
          }
          if (status !== 429 && status < 500)
            return { kind: "error", message: `the responder refused the findings (${errorOf(status, json)})` };
          if (Date.now() >= deadline)
            return { kind: "error", message: `the responder is unavailable (${errorOf(status, json)})` };
        } catch (e) {
          if (Date.now() >= deadline)
            return { kind: "error", message: `the responder at ${root} could not be reached: ${e.message}` };
        }
        await sleep(Math.min(1e3 * 2 ** attempt, 8e3, Math.max(0, deadline - Date.now())));
      }
      while (last?.state !== "done" && last?.state !== "failed") {
        if (Date.now() >= deadline) return { kind: "pending", id, ...last ? { status: last } : {} };
        await sleep(Math.min(options.pollIntervalInMs ?? 2e3, Math.max(0, deadline - Date.now())));
        try {
          const { status, json } = await call("GET", `/api/v1/findings/${encodeURIComponent(id)}`);
          if (status === 200) last = json;
          else if (status !== 429 && status < 500)
            return { kind: "error", id, message: `reading the outcome failed (${errorOf(status, json)})` };
        } catch {
        }
      }
      return { kind: "done", status: last };
    }
  };
}

// src/entrypoints/action/remote-respond.ts
async function idToken(input, audience) {
  const oidc = input.settings.azureEnvironment.oidc;
  if (!oidc) throw new Error("ACTIONS_ID_TOKEN_REQUEST_URL is not set");
  const url = `${oidc.requestUrl}&audience=${encodeURIComponent(audience)}`;
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${oidc.requestToken}`, accept: "application/json" },
    signal: AbortSignal.timeout(1e4)
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || typeof body.value !== "string") {
    throw new Error(`the runner's OIDC token service answered ${response.status}`);
  }
  input.io.setSecret(body.value);
  return body.value;
}
function openRemoteResponder(input) {
  const { settings } = input;
  const url = settings.responderUrl;
  const inspector = createInspector({ engine: input.engine });
  const repository = `${settings.repository.owner}/${settings.repository.repo}`;
  return {
    inspect: (text, where) => inspector.inspect(text, where),
    async respond(findings) {
      const located = findings.filter((f) => f.commit !== void 0);
      const unsent = findings.length - located.length;
      if (located.length === 0) {
        return failed(
          `the responder at ${url} needs each finding's commit, and this scan found ${findings.length} outside any commit; nothing was sent`
        );
      }
      if (!settings.azureEnvironment.oidc) {
        return failed(
          `'${INPUTS.responderUrl}' is set but the job cannot get an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set): add 'permissions: id-token: write' to the job; remediation did not start`
        );
      }
      const client = createResponderClient({ url, token: () => idToken(input, url) });
      const deadline = Date.now() + settings.responderWaitInMs;
      const answers = [];
      for (let i = 0; i < located.length; i += MAX_FINDINGS_PER_REQUEST) {
        const batch = located.slice(i, i + MAX_FINDINGS_PER_REQUEST);
        const request = { repository, findings: batch.map(locationOf) };
        answers.push(await client.report(request, Math.max(0, deadline - Date.now())));
      }
      const result = resultOf(answers, located, url);
      const note = unsent > 0 ? `${unsent} finding(s) outside any commit were not sent` : void 0;
      return {
        ...result,
        done: inspector.inspect(result.done, "log.txt"),
        plan: inspector.inspect(result.plan, "summary.md"),
        ...result.failure || note ? { failure: inspector.inspect([result.failure, note].filter(Boolean).join("; "), "log.txt") } : {}
      };
    },
    async rotateOnDemand() {
      return {
        rotated: [],
        done: "nothing rotated",
        plan: "",
        audit: [],
        auditFile: void 0,
        failure: `on-demand rotation ('${INPUTS.secrets}') runs where the vault rights are; with '${INPUTS.responderUrl}' use 'leakstop rotate' on the service's side`
      };
    }
  };
}
function locationOf(f) {
  return {
    commit: f.commit?.sha ?? "",
    path: f.path,
    line: f.line,
    ruleId: f.ruleId,
    fingerprint: f.fingerprint
  };
}
function failed(failure) {
  return { ...EMPTY, failure };
}
var EMPTY = {
  rotated: [],
  issues: [],
  outcomes: /* @__PURE__ */ new Map(),
  done: "",
  plan: "",
  audit: [],
  auditFile: void 0,
  vaultDone: false
};
function resultOf(answers, sent, url) {
  const statuses = answers.flatMap((a) => a.kind === "done" ? [a.status] : []);
  const unconfirmed = new Set(statuses.flatMap((s) => (s.unconfirmed ?? []).map((u) => u.fingerprint)));
  const problems = [];
  for (const a of answers) {
    if (a.kind === "pending") {
      problems.push(
        `remediation is pending at the responder (call ${a.id} was not finished within the wait; see ${url}/api/v1/findings/${a.id})`
      );
    } else if (a.kind === "error") problems.push(`remediation failed: ${a.message}`);
    else if (a.status.state === "failed")
      problems.push(`remediation failed at the responder: ${a.status.error ?? "no reason given"}`);
  }
  const outcome = (s) => s.outcome ?? s.state;
  const outcomes = /* @__PURE__ */ new Map();
  const byOutcome = statuses.map(outcome);
  for (const f of sent) {
    if (unconfirmed.has(f.fingerprint)) outcomes.set(f.fingerprint, "not confirmed by the responder; not acted on");
    else if (statuses.length > 0) outcomes.set(f.fingerprint, `responder: ${byOutcome.join(", ")}`);
  }
  const issues = [];
  for (const s of statuses) {
    const number = Number(/\/issues\/(\d+)/.exec(s.issueUrl ?? "")?.[1]);
    if (s.issueUrl && Number.isInteger(number) && !issues.some((i) => i.url === s.issueUrl))
      issues.push({ number, url: s.issueUrl });
  }
  const rotated = statuses.flatMap((s) => s.rotated ?? []);
  const lines = [`Responder: ${url}`, ...statuses.flatMap((s) => [`Call ${s.id}:`, ...s.lines ?? []]), ...problems];
  const done = statuses.length === 0 ? "nothing done by the responder" : `the responder ${rotated.length > 0 ? `rotated ${rotated.length} secret version(s)` : `answered ${[...new Set(byOutcome)].join(", ")}`}${issues[0] ? ` and reported issue #${issues[0].number}` : ""}`;
  const vaultDone = problems.length === 0 && statuses.length > 0 && unconfirmed.size === 0 && statuses.every((s) => s.outcome === "rotated" || s.outcome === "already-rotated");
  return {
    rotated,
    issues,
    outcomes,
    done,
    plan: lines.join("\n"),
    audit: [],
    auditFile: void 0,
    vaultDone,
    ...problems.length > 0 ? { failure: problems.join("; ") } : {}
  };
}
export {
  locationOf,
  openRemoteResponder,
  resultOf
};
