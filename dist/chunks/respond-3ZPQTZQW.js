import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  createGitHubIssueTracker
} from "./chunk-OYOSYKAV.js";
import {
  createMemoryAuditLog,
  createProviderRotators,
  respond,
  rotateNamed,
  toJsonLines
} from "./chunk-NEJ5AMS4.js";
import {
  createInspector
} from "./chunk-CPKDVN4F.js";
import "./chunk-DCI62QCM.js";
import "./chunk-L3JTYT5C.js";
import {
  createGitHubClient
} from "./chunk-DIUZZWZT.js";
import "./chunk-YGYUY6RV.js";
import {
  INPUTS
} from "./chunk-6RRFK7CR.js";
import "./chunk-7NS3LZMV.js";
import "./chunk-MZHTHGEL.js";
import "./chunk-AKAH6ETJ.js";
import "./chunk-5ZHEO3AZ.js";
import "./chunk-ZOEPK7DV.js";
import "./chunk-V43CEDMD.js";

// src/entrypoints/action/respond.ts
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

// src/adapters/github/lease.ts
import { createHash } from "node:crypto";
var PREFIX = "leakstop-lease-";
var MAX_GENERATIONS = 20;
var DESCRIPTION_MAX = 100;
function createGitHubLeaseStore(client, options) {
  const [owner = "", repo = "", ...rest] = options.repository.split("/");
  if (!owner || !repo || rest.length > 0)
    throw new TypeError(`Lease repository '${options.repository}' is not 'owner/repo'.`);
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const req = (o) => o?.abortSignal ? { request: { signal: o.abortSignal } } : {};
  const nameOf = (key, gen) => `${PREFIX}${createHash("sha256").update(key).digest("hex").slice(0, 24)}-${gen}`;
  const read = async (name, o) => {
    try {
      const { data } = await client.rest.issues.getLabel({ owner, repo, name, ...req(o) });
      return parse(data.description ?? "");
    } catch (e) {
      if (status(e) === 404) return "gone";
      throw describe(e, "read", name);
    }
  };
  const remove = async (name, o) => {
    try {
      await client.rest.issues.deleteLabel({ owner, repo, name, ...req(o) });
    } catch (e) {
      if (status(e) !== 404) throw describe(e, "delete", name);
    }
  };
  return {
    async acquire(key, o) {
      let gen = 1;
      for (let attempts = 0; gen <= MAX_GENERATIONS && attempts < MAX_GENERATIONS * 3; attempts++) {
        const name = nameOf(key, gen);
        const expiresOn = new Date(now().getTime() + o.durationInMs);
        try {
          await client.rest.issues.createLabel({
            owner,
            repo,
            name,
            color: "ededed",
            description: format(expiresOn, o.holder),
            ...req(o)
          });
          if (await read(nameOf(key, gen + 1), o) !== "gone") {
            await remove(name, o);
            gen++;
            continue;
          }
          return { key, holder: o.holder, expiresOn, handle: `${gen}` };
        } catch (e) {
          if (status(e) !== 422) throw describe(e, "create", name);
        }
        const held = await read(name, o);
        if (held === "gone") continue;
        if (held && held.expiresOn.getTime() > now().getTime()) return held;
        gen++;
      }
      throw new Error(`Could not take the lease for ${key} in ${options.repository}: too many stale generations.`);
    },
    async release(lease, o) {
      const gen = Number(lease.handle);
      for (let g = 1; g < gen; g++) await remove(nameOf(lease.key, g), o);
      await remove(nameOf(lease.key, gen), o);
    }
  };
}
function format(expiresOn, holder) {
  const head = `until ${expiresOn.toISOString()} by `;
  return `${head}${holder.replace(/\s+/g, " ").slice(0, DESCRIPTION_MAX - head.length)}`;
}
function parse(description) {
  const m = /^until (\S+) by (.*)$/.exec(description);
  const expiresOn = m ? new Date(m[1]) : void 0;
  if (!m || !expiresOn || Number.isNaN(expiresOn.getTime())) return void 0;
  return { holder: m[2], expiresOn };
}
function status(e) {
  return e.status;
}
function describe(e, op, name) {
  const s = status(e);
  if (s === 403 || s === 401) {
    return new Error(
      `GitHub refused to ${op} the lease label '${name}' (${s}): the token needs 'issues: write' on the issue repository.`
    );
  }
  return new Error(`Could not ${op} the lease label '${name}': ${e.message}`);
}

// src/entrypoints/action/response-report.ts
function vaultLabel(url) {
  try {
    const u = new URL(url);
    return /\.vault(core)?\./i.test(u.hostname) ? u.hostname.split(".")[0] ?? u.host : u.host;
  } catch {
    return url;
  }
}
var short = (version) => version.slice(0, 8);
var where = (s) => `'${s.name}' in ${vaultLabel(s.vaultUrl)}`;
var plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
var old = (n) => n === 1 ? "old version" : `${n} old versions`;
var disabled = (n) => n === 1 ? "leaked version disabled" : `${n} leaked versions disabled`;
var manualText = (mode) => mode.vaults ? "not rotated: no vault secret holds it (rotate it by hand)" : "reported (no vault configured)";
function resultText(r, mode) {
  switch (r.kind) {
    case "revoked":
      return `revoked at ${r.provider}, proven dead (create a replacement by hand)`;
    case "rotated":
      if (r.provider) {
        const vault = r.written ? `new version ${short(r.version)} in ${where(r)}` : `${where(r)} already holds it`;
        return `rotated at ${r.provider}, proven dead; ${vault}${r.disabled.length ? `, ${disabled(r.disabled.length)}` : ""}`;
      }
      return r.written ? `rotated ${where(r)}: new version ${short(r.version)}${r.disabled.length ? `, ${disabled(r.disabled.length)}` : ""}` : `finished rotating ${where(r)}: ${disabled(r.disabled.length)}`;
    case "skipped":
      if (r.step.kind === "manual") return manualText(mode);
      return r.step.done ? `${where(r.step)} already rotated` : `${where(r.step)} not rotated: ${r.reason}`;
    case "failed":
      return r.step.kind === "blocked" ? `not rotated: ${vaultLabel(r.step.vaultUrl)} could not be searched` : `rotating ${where(r.step)} FAILED`;
  }
}
function planText(s, mode) {
  switch (s.kind) {
    case "rotate":
      return `dry run: would rotate ${where(s)}`;
    case "disable":
      return `dry run: would disable the leaked ${plural(s.disable.length, "version")} of ${where(s)}`;
    case "skip":
      return s.done ? `${where(s)} already rotated` : `${where(s)} not rotated: ${s.why}`;
    case "manual":
      return manualText(mode);
    case "blocked":
      return `not rotated: ${vaultLabel(s.vaultUrl)} could not be searched`;
    case "provider":
      return `dry run: would ${s.plan.mode} at ${s.provider}${s.holders.length ? ` and store it in ${where(s)}` : ""}`;
  }
}
function outcomesOf(r, mode) {
  const out = /* @__PURE__ */ new Map();
  const add = (fps, text) => {
    for (const fp of fps) {
      const list = out.get(fp) ?? [];
      if (!list.includes(text)) list.push(text);
      out.set(fp, list);
    }
  };
  if (mode.dryRun) for (const s of r.plan.steps) add(s.incidents, planText(s, mode));
  else for (const x of r.results) add(x.step.incidents, resultText(x, mode));
  for (const i of r.issues ?? [])
    add(i.fingerprints, i.action === "created" ? `issue #${i.number}` : `already reported in #${i.number}`);
  return new Map([...out].map(([fp, texts]) => [fp, texts.join("; ")]));
}
function vaultDone(r) {
  return r.results.length > 0 && r.results.every(
    (x) => x.kind === "rotated" || x.kind === "revoked" || x.kind === "skipped" && x.step.kind === "skip" && x.step.done
  );
}
function provenDead(r) {
  return r.results.length > 0 && r.results.every((x) => x.kind === "revoked" || x.kind === "rotated" && x.downstream === "rotated");
}
function doneClause(r, mode) {
  const parts = [];
  const list = (items) => items.join(", ");
  if (mode.dryRun) {
    const would = r.plan.steps.flatMap(
      (s) => s.kind === "rotate" || s.kind === "disable" || s.kind === "provider" ? [planText(s, mode)] : []
    );
    const plan = would.map((w) => w.replace(/^dry run: would /, ""));
    parts.push(`nothing (dry run)${plan.length ? `; the plan: ${list(plan)}` : ", and the plan changes nothing"}`);
  } else {
    const rotated = r.results.flatMap(
      (x) => x.kind === "rotated" && x.written ? [
        `${where(x)} (new version ${short(x.version)}${x.disabled.length ? `, ${old(x.disabled.length)} disabled` : ""})`
      ] : []
    );
    const revoked = r.results.flatMap((x) => x.kind === "revoked" ? [`${x.resource} at ${x.provider}`] : []);
    const finished = r.results.flatMap((x) => x.kind === "rotated" && !x.written ? [where(x)] : []);
    const already = r.results.flatMap(
      (x) => x.kind === "skipped" && x.step.kind === "skip" && x.step.done ? [where(x.step)] : []
    );
    const manual = r.results.filter((x) => x.kind === "skipped" && x.step.kind === "manual").length;
    const failed = r.results.filter((x) => x.kind === "failed").length;
    if (rotated.length) parts.push(`rotated ${list(rotated)}`);
    if (revoked.length) parts.push(`revoked ${list(revoked)} (proven dead)`);
    if (finished.length) parts.push(`disabled the old versions of ${list(finished)}`);
    if (already.length) parts.push(`${list(already)} already rotated`);
    if (manual) {
      parts.push(
        mode.vaults ? `${plural(manual, "leak")} matched no vault secret: rotate by hand` : "nothing rotated (no vault configured)"
      );
    }
    if (failed) parts.push(`${plural(failed, "rotation step")} FAILED`);
    if (parts.length === 0) parts.push("nothing rotated");
  }
  const created = (r.issues ?? []).filter((i) => i.action === "created").map((i) => `#${i.number}`);
  const commented = (r.issues ?? []).filter((i) => i.action === "commented").map((i) => `#${i.number}`);
  if (created.length) parts.push(`opened issue ${list(created)}`);
  if (commented.length) parts.push(`already reported in ${list(commented)} (commented)`);
  return parts.join("; ");
}
function firstFailure(r, issueRepository) {
  const step = r.results.find((x) => x.kind === "failed");
  if (step) {
    const what = "name" in step.step ? `rotating ${where(step.step)}` : `searching ${vaultLabel(step.step.vaultUrl)}`;
    return `${what} failed: ${step.reason}`;
  }
  const issue = r.audit.find((a) => a.action.startsWith("issue-") && a.outcome === "failed");
  if (issue) {
    return `${issue.reason} (the token needs 'permissions: issues: write' on ${issueRepository}; or set 'open-issue: false')`;
  }
  return void 0;
}
function auditRows(audit) {
  return audit.map((a) => {
    const verb = a.outcome === "dry-run" ? "to disable" : "disabled";
    return {
      time: a.time,
      action: a.action,
      outcome: a.outcome,
      secret: a.secret ? `${a.secret} in ${vaultLabel(a.vault ?? "")}` : a.vault ? vaultLabel(a.vault) : "",
      versions: [a.version, ...(a.versions ?? []).map((v) => `${verb} ${v}`)].filter(Boolean).join(", "),
      why: a.issue ? `${a.reason} (${a.issue})` : a.reason
    };
  });
}

// src/entrypoints/action/respond.ts
function openResponder(input) {
  const { settings, config, io } = input;
  const inspector = createInspector({ engine: input.engine });
  const log = (line) => io.info(inspector.inspect(line, "log.txt"));
  const vaultUrls = unique([...settings.vaultUrls, ...config.vaults.map((v) => v.url)]);
  const issueRepository = `${settings.issueRepository.owner}/${settings.issueRepository.repo}`;
  const needsVault = vaultUrls.length > 0 || config.mappings.some((m) => m.vault !== void 0);
  const mode = { dryRun: settings.dryRun, vaults: needsVault };
  return {
    inspect: (text, where2) => inspector.inspect(text, where2),
    async respond(findings) {
      const tracker = settings.openIssue && !settings.dryRun ? issueTracker(settings, issueRepository, log) : void 0;
      if (settings.incidentKey) io.setSecret(settings.incidentKey);
      const masked = new Set(findings.map((f) => f.secret));
      const ports = await remediationPorts(input, inspector, needsVault, log, tracker?.tracker, masked);
      const leases = tracker?.leases;
      const result = await respond(findings, leases ? { ...ports, leases } : ports, {
        config: { ...config, vaults: mergeVaults(config.vaults, settings.vaultUrls) },
        inspector,
        rules: input.engine.rules,
        dryRun: settings.dryRun,
        context: respondContext(settings),
        ...settings.incidentKey ? { incidentKey: settings.incidentKey } : {}
      });
      const outcome = await finish(result, input, inspector, issueRepository, mode);
      return {
        ...outcome,
        failure: outcome.failure ?? tracker?.problem,
        issues: result.issues.map((i) => ({ number: i.number, url: i.url })),
        outcomes: outcomesOf(result, mode),
        vaultDone: vaultDone(result),
        provenDead: provenDead(result)
      };
    },
    async rotateOnDemand() {
      const unnamed = settings.secrets.filter((s) => !/^https:\/\//i.test(s));
      if (vaultUrls.length === 0 && unnamed.length > 0) {
        return {
          rotated: [],
          done: "nothing rotated",
          plan: "",
          audit: [],
          auditFile: void 0,
          failure: `Input '${INPUTS.vaultUrl}' is empty, so there is no vault to find ${unnamed.map((n) => `'${n}'`).join(", ")} in; set it to the vault's URL (https://NAME.vault.azure.net), or give each secret as its URL.`
        };
      }
      const ports = await remediationPorts(input, inspector, true, log, void 0, /* @__PURE__ */ new Set());
      const result = await rotateNamed(settings.secrets, ports, {
        vaultUrls,
        dryRun: settings.dryRun,
        inspector,
        engine: input.engine,
        repository: `${settings.repository.owner}/${settings.repository.repo}`,
        ...settings.reason ? { reason: settings.reason } : {},
        // The run id: a re-run of this run converges instead of rotating again.
        ...settings.runId ? { requestId: settings.runId } : {},
        ...settings.runUrl ? { runUrl: settings.runUrl } : {},
        ...config.rotation.validityDays !== void 0 ? { validityDays: config.rotation.validityDays } : {}
      });
      const outcome = await finish(result, input, inspector, issueRepository, mode);
      const incomplete = settings.dryRun ? result.plan.steps.find((s) => s.kind === "blocked")?.why : result.results.length === 0 ? "nothing was rotated" : vaultDone(result) ? void 0 : result.results.find((r) => r.kind === "skipped")?.reason;
      const failure = outcome.failure ?? (incomplete ? inspector.inspect(incomplete, "log.txt") : void 0);
      return { ...outcome, ...failure ? { failure } : {} };
    }
  };
}
async function finish(result, { settings, io }, inspector, issueRepository, mode) {
  const auditFile = await writeAudit(settings.auditFile, result.audit, inspector, io);
  const failure = firstFailure(result, issueRepository);
  return {
    rotated: result.rotated.map((r) => ({ vault: r.vault, secret: r.secret, version: r.version })),
    done: inspector.inspect(doneClause(result, mode), "log.txt"),
    plan: result.planText,
    audit: auditRows(result.audit),
    auditFile,
    ...failure ? { failure: inspector.inspect(failure, "log.txt") } : {}
  };
}
async function writeAudit(path, records, inspector, io) {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, inspector.inspect(toJsonLines(records), "audit.jsonl"));
    return path;
  } catch (error) {
    io.warning(`leakstop: could not write the audit file '${path}': ${error.message}`);
    return void 0;
  }
}
async function remediationPorts({ settings, io }, inspector, needsVault, log, issues, masked) {
  const azure = needsVault ? (await import("./azure-6H6UNV6F.js")).azureResponder(settings, { log, setSecret: io.setSecret }) : void 0;
  const secretStore = azure?.secretStore ?? ((url) => {
    throw new TypeError(`No vault is configured, yet '${url}' was asked for; set the '${INPUTS.vaultUrl}' input.`);
  });
  return {
    secretStore,
    ...issues ? { issues } : {},
    audit: createMemoryAuditLog(),
    clock: { now: () => /* @__PURE__ */ new Date() },
    random: { bytes: (n) => new Uint8Array(randomBytes(n)) },
    // Remediation is opted into with a vault (`vault-url`, or vaults in the config); without one
    // the Action reports and opens issues but revokes nothing at any provider.
    providerRotators: azure ? [...createProviderRotators({ githubApiUrl: settings.apiUrl }), ...azure.rotators] : [],
    // New values are masked by the runner too, before anything could print them.
    registerSensitive: (value) => {
      inspector.addSensitive(value);
      if (!masked.has(value)) io.setSecret(value);
      masked.add(value);
    },
    log
  };
}
function issueTracker(settings, repository, log) {
  if (settings.githubToken === "") {
    return {
      tracker: void 0,
      problem: `Input '${INPUTS.githubToken}' is empty, so no issue was opened; pass a token with 'issues: write' on ${repository}, or set '${INPUTS.openIssue}: false'.`
    };
  }
  const client = createGitHubClient({ token: settings.githubToken, baseUrl: settings.apiUrl, log });
  return {
    tracker: createGitHubIssueTracker(client, { repository, log }),
    // The push and pull_request runs of one leak share the issue repository: the lease lives there.
    leases: createGitHubLeaseStore(client, { repository }),
    problem: void 0
  };
}
function respondContext(settings) {
  const payload = settings.event.payload ?? {};
  const pusher = str(payload.pusher?.name) ?? str(payload.sender?.login);
  const authorLogins = {};
  for (const c of Array.isArray(payload.commits) ? payload.commits : []) {
    const id = str(c?.id);
    const login = str(c?.author?.username);
    if (id && login) authorLogins[id] = login;
  }
  return {
    repository: `${settings.repository.owner}/${settings.repository.repo}`,
    serverUrl: settings.serverUrl,
    ...settings.runUrl ? { runUrl: settings.runUrl } : {},
    ...pusher ? { pusher } : {},
    authorLogins
  };
}
function str(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function unique(urls) {
  const seen = /* @__PURE__ */ new Map();
  for (const u of urls) {
    const key = u.trim().replace(/\/+$/, "").toLowerCase();
    if (!seen.has(key)) seen.set(key, u.trim().replace(/\/+$/, ""));
  }
  return [...seen.values()];
}
function mergeVaults(vaults, inputs) {
  const known = new Set(vaults.map((v) => v.url.trim().replace(/\/+$/, "").toLowerCase()));
  const added = unique(inputs).filter((u) => !known.has(u.toLowerCase()));
  return [...vaults, ...added.map((url) => ({ url }))];
}
export {
  openResponder
};
