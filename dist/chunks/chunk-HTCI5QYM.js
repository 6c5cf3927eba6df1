import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  generateValue,
  matchFindings,
  matchRequested,
  plan,
  renderPlan,
  resolveSecretName,
  secretComponents
} from "./chunk-IT6TUND4.js";
import {
  MASK,
  createEngine,
  redact
} from "./chunk-XBU2CQR5.js";

// src/remediation/inspect.ts
var MIN_EXACT_LENGTH = 6;
function createInspector(options) {
  const values = /* @__PURE__ */ new Set();
  let hits = 0;
  const add = (value) => {
    if (value.length >= MIN_EXACT_LENGTH) values.add(value);
    for (const s of secretComponents(value)) {
      const part = value.slice(s.start, s.end);
      if (part.length >= MIN_EXACT_LENGTH) values.add(part);
    }
  };
  for (const v of options.sensitive ?? []) add(v);
  return {
    addSensitive: add,
    get hits() {
      return hits;
    },
    inspect(text, where = "outgoing.txt") {
      let out = text;
      const known = [...values].filter((v) => out.includes(v));
      if (known.length > 0) {
        for (const v of known) hits += out.split(v).length - 1;
        out = redact(out, known);
      }
      const found = options.engine.scan({ path: where, text: out, startLine: 1 });
      const secrets = [...new Set(found.map((f) => f.secret))].filter((s) => s.length > 0 && s !== MASK);
      if (secrets.length > 0) {
        hits += secrets.length;
        out = redact(out, secrets);
      }
      return out;
    }
  };
}

// src/remediation/execute.ts
var PROVIDER_TAG = "leakstop-provider";
async function execute(p, ports, options = {}) {
  const results = [];
  for (const step of p.steps) {
    options.abortSignal?.throwIfAborted();
    results.push(await executeStep(step, ports, options));
  }
  return results;
}
async function executeStep(step, ports, options) {
  switch (step.kind) {
    case "skip":
    case "manual":
      return { kind: "skipped", step, reason: step.why };
    case "blocked":
      return { kind: "failed", step, reason: step.why, disabled: [] };
    case "disable":
      return disableOnly(step, ports, options);
    case "rotate":
      return rotate(step, ports, options);
  }
}
function downstreamOf(tags) {
  return tags[PROVIDER_TAG]?.toLowerCase() === "none" ? "none" : "needed";
}
async function rotate(step, ports, options) {
  const store = ports.secretStore(step.vaultUrl);
  const target = {
    vaultUrl: step.vaultUrl,
    secretName: step.name,
    tags: step.basis.tags,
    ruleIds: step.ruleIds,
    ...step.basis.contentType !== void 0 ? { contentType: step.basis.contentType } : {}
  };
  const rotator = ports.providerRotators?.find((r) => r.canRotate(target));
  let value;
  try {
    value = rotator ? (await rotator.rotate(target, options)).value : generateValue(step.shape, ports.random);
  } catch (e) {
    const where = rotator ? `${rotator.name} could not regenerate the credential` : "no new value could be generated";
    return { kind: "failed", step, reason: `${where}: ${e.message}`, disabled: [] };
  }
  ports.registerSensitive?.(value);
  for (const s of secretComponents(value)) ports.registerSensitive?.(value.slice(s.start, s.end));
  let version;
  try {
    const info = await store.setSecret(step.name, value, {
      tags: step.tags,
      ...step.basis.contentType !== void 0 ? { contentType: step.basis.contentType } : {},
      ...step.expiresOn ? { expiresOn: step.expiresOn } : {},
      ...options.abortSignal ? { abortSignal: options.abortSignal } : {}
    });
    version = info.version;
  } catch (e) {
    return {
      kind: "failed",
      step,
      reason: `writing a new version failed; nothing was changed: ${e.message}`,
      disabled: []
    };
  }
  const { disabled, failure } = await disableVersions(store, step.name, step.disable, options);
  if (failure) {
    return {
      kind: "failed",
      step,
      version,
      disabled,
      reason: `new version ${version} was written, but disabling leaked version ${failure.version} failed: ${failure.message}. A re-run finishes the job (the new version carries the incident tag).`
    };
  }
  return {
    kind: "rotated",
    step,
    vaultUrl: step.vaultUrl,
    name: step.name,
    version,
    written: true,
    disabled,
    downstream: rotator ? "rotated" : downstreamOf(step.basis.tags),
    ...rotator ? { provider: rotator.name } : {},
    ...step.expiresOn ? { expiresOn: step.expiresOn } : {}
  };
}
async function disableOnly(step, ports, options) {
  const { disabled, failure } = await disableVersions(
    ports.secretStore(step.vaultUrl),
    step.name,
    step.disable,
    options
  );
  if (failure) {
    return {
      kind: "failed",
      step,
      disabled,
      reason: `disabling leaked version ${failure.version} failed: ${failure.message}`
    };
  }
  return {
    kind: "rotated",
    step,
    vaultUrl: step.vaultUrl,
    name: step.name,
    version: step.current,
    written: false,
    disabled,
    downstream: downstreamOf(step.disable[0]?.tags ?? {})
  };
}
async function disableVersions(store, name, changes, options) {
  const disabled = [];
  for (const change of changes) {
    try {
      await store.updateVersion(name, change.version, { enabled: false, tags: change.tags, ...abort(options) });
      disabled.push(change.version);
    } catch (e) {
      return { disabled, failure: { version: change.version, message: e.message } };
    }
  }
  return { disabled };
}
function abort(options) {
  return options.abortSignal ? { abortSignal: options.abortSignal } : {};
}
function rotatedOf(results) {
  return results.flatMap(
    (r) => r.kind === "rotated" && r.written ? [{ vault: r.vaultUrl, secret: r.name, version: r.version }] : []
  );
}
function describeResult(r) {
  switch (r.kind) {
    case "rotated": {
      const disabled = r.disabled.length ? `; disabled ${r.disabled.join(", ")}` : "";
      const what = r.written ? `new version ${r.version}` : `finished rotation to ${r.version}`;
      return `leakstop: rotated '${r.name}' in ${r.vaultUrl}: ${what}${disabled}`;
    }
    case "skipped":
      return `leakstop: skipped${"name" in r.step ? ` '${r.step.name}' in ${r.step.vaultUrl}` : ""}: ${r.reason}`;
    case "failed":
      return `leakstop: FAILED${"name" in r.step ? ` '${r.step.name}'` : ""} in ${r.step.vaultUrl}: ${r.reason}`;
  }
}

// src/remediation/audit.ts
function origin(ctx) {
  return { ...ctx.run ? { run: ctx.run } : {}, ...ctx.delivery ? { delivery: ctx.delivery } : {} };
}
function planRecords(p, time, ctx) {
  return p.steps.map((s) => ({
    time: time.toISOString(),
    action: s.kind === "rotate" ? "rotate" : s.kind === "disable" ? "disable" : "plan",
    outcome: "dry-run",
    ..."name" in s ? { vault: s.vaultUrl, secret: s.name } : "vaultUrl" in s ? { vault: s.vaultUrl } : {},
    ..."disable" in s && s.disable.length ? { versions: s.disable.map((d) => d.version) } : {},
    incidents: [...s.incidents],
    reason: s.why,
    ...origin(ctx)
  }));
}
function resultRecords(results, time, ctx) {
  return results.map((r) => resultRecord(r, time.toISOString(), ctx));
}
function resultRecord(r, at, ctx) {
  const incidents = [...r.step.incidents];
  switch (r.kind) {
    case "rotated":
      return {
        time: at,
        action: r.written ? "rotate" : "disable",
        outcome: "ok",
        vault: r.vaultUrl,
        secret: r.name,
        version: r.version,
        versions: [...r.disabled],
        incidents,
        reason: r.step.why,
        ...origin(ctx)
      };
    case "skipped":
      return {
        time: at,
        action: "skip",
        outcome: "skipped",
        ..."name" in r.step ? { vault: r.step.vaultUrl, secret: r.step.name } : {},
        incidents,
        reason: r.reason,
        ...origin(ctx)
      };
    case "failed":
      return {
        time: at,
        action: r.step.kind === "disable" ? "disable" : "rotate",
        outcome: "failed",
        vault: r.step.vaultUrl,
        ..."name" in r.step ? { secret: r.step.name } : {},
        ...r.version ? { version: r.version } : {},
        versions: [...r.disabled],
        incidents,
        reason: r.reason,
        ...origin(ctx)
      };
  }
}
function toJsonLines(records) {
  return records.map((r) => `${JSON.stringify(r)}
`).join("");
}
function createMemoryAuditLog() {
  const records = [];
  return {
    records,
    record(r) {
      records.push(r);
    }
  };
}

// src/remediation/issue.ts
function issueMarker(fingerprint) {
  return `<!-- leakstop:fingerprint=${fingerprint} -->`;
}
function code(text) {
  const t = text.replace(/\r?\n/g, " ");
  const fence = t.includes("`") ? "``" : "`";
  return `${fence}${fence.length > 1 ? " " : ""}${t}${fence.length > 1 ? " " : ""}${fence}`;
}
function plain(text) {
  return text.replace(/[\\`*_{}[\]()<>#+!|~-]/g, (c) => `\\${c}`);
}
function encodePath(path) {
  return path.split("/").map(encodeURIComponent).join("/");
}
function issueTitle(leak) {
  const f = leak.finding;
  const title = `leakstop: ${f.title} leaked in ${f.path}`;
  return title.length > 200 ? `${title.slice(0, 199)}\u2026` : title;
}
function whatLeaked(leak, ctx) {
  const f = leak.finding;
  const base = `${ctx.serverUrl.replace(/\/+$/, "")}/${ctx.repository}`;
  const lines = [`- **Rule:** ${code(f.ruleId)} (${plain(f.title)})`, `- **Value (redacted):** ${code(f.redacted)}`];
  const range = f.endLine > f.line ? `#L${f.line}-L${f.endLine}` : `#L${f.line}`;
  if (f.commit) {
    const sha = f.commit.sha;
    lines.push(`- **File:** [${code(f.path)} line ${f.line}](${base}/blob/${sha}/${encodePath(f.path)}${range})`);
    lines.push(`- **Commit:** [${code(sha.slice(0, 12))}](${base}/commit/${sha}) (${f.commit.date})`);
    const login = ctx.authorLogin ? ` (@${ctx.authorLogin})` : "";
    lines.push(`- **Author:** ${plain(f.commit.authorName)}${login}`);
  } else {
    lines.push(`- **File:** ${code(f.path)} line ${f.line}`);
  }
  if (ctx.pusher) lines.push(`- **Pushed by:** @${ctx.pusher}`);
  lines.push(`- **Fingerprint:** ${code(f.fingerprint)}`);
  return lines;
}
function whatWasDone(leak) {
  if (leak.results.length === 0) return ["- Nothing yet: rotation was not attempted (no vault configured)."];
  return leak.results.map(resultLine);
}
function resultLine(r) {
  switch (r.kind) {
    case "rotated": {
      const where = `Key Vault secret ${code(r.name)} in ${code(r.vaultUrl)}`;
      const disabled = r.disabled.length ? `; leaked version(s) ${r.disabled.map(code).join(", ")} disabled` : "; no enabled version holding the leaked value was left";
      const expiry = r.expiresOn ? ` (expires ${r.expiresOn.toISOString().slice(0, 10)})` : "";
      const provider = r.provider ? ` by ${plain(r.provider)}` : "";
      return r.written ? `- \u2705 Rotated ${where}${provider}: new version ${code(r.version)} written${expiry}${disabled}.` : `- \u2705 ${where}: version ${code(r.version)} already holds a new value${disabled}.`;
    }
    case "skipped":
      if (r.step.kind === "manual") return `- \u26A0\uFE0F **No match: rotate by hand.** ${r.reason}`;
      return `- ${code(r.step.name)} in ${code(r.step.vaultUrl)}: ${r.reason}.`;
    case "failed": {
      const name = r.step.kind === "blocked" ? "" : ` of ${code(r.step.name)}`;
      const reason = r.reason.charAt(0).toUpperCase() + r.reason.slice(1);
      return `- \u274C **Rotation${name} in ${code(r.step.vaultUrl)} failed; the leaked value may still be valid.** ${reason}`;
    }
  }
}
function leftValid(r) {
  if (r.kind === "failed") return true;
  if (r.kind === "skipped") return r.step.kind === "manual" || !r.step.done;
  return false;
}
function downstreamWarning(leak) {
  const advice = leak.remediation ? ` ${leak.remediation}` : "";
  if (leak.results.length === 0 || leak.results.some(leftValid)) {
    return [
      "> [!CAUTION]",
      `> **The leaked credential is still valid.** Revoke or change it where it was issued, then store the new value in your vault.${advice}`
    ];
  }
  const needsProvider = leak.results.some(
    (r) => r.kind === "rotated" && r.downstream === "needed" || r.kind === "skipped"
  );
  if (!needsProvider) return [];
  return [
    "> [!WARNING]",
    "> **The downstream credential still needs rotating.** Key Vault now holds a new value, but the leaked",
    "> credential is still accepted wherever it is checked (the storage account, the database, the third-party",
    `> service) until it is changed there.${advice} Set the new vault value at the provider, or regenerate it`,
    "> there and store the result as a new version of the secret."
  ];
}
function checklist(leak) {
  const date = leak.finding.commit?.date ? ` since ${leak.finding.commit.date.slice(0, 10)}` : "";
  return [
    "### Remediation checklist",
    "",
    "- [ ] Make sure the credential is dead at its provider (see above), not only replaced in the vault.",
    `- [ ] Check the provider's audit logs for use of the leaked credential${date}.`,
    "- [ ] Confirm every consumer picked up the new version (app settings, pipelines, Key Vault references).",
    "- [ ] Restart apps that cache Key Vault references (App Service and Functions may keep the old value for up to 24 hours).",
    "- [ ] Remove the value from git history with `git filter-repo --replace-text`, force-push, and have clones re-fetched; the value must be treated as public either way."
  ];
}
function renderIssue(leak, ctx) {
  const f = leak.finding;
  const footer = ctx.runUrl ? `Opened by [leakstop](${ctx.runUrl}).` : "Opened by leakstop.";
  const body = [
    issueMarker(f.fingerprint),
    `leakstop found a **${plain(f.title)}** pushed to ${code(ctx.repository)}.`,
    "",
    "### What leaked",
    "",
    ...whatLeaked(leak, ctx),
    "",
    "### What leakstop did",
    "",
    ...whatWasDone(leak),
    "",
    ...withBlank(downstreamWarning(leak)),
    ...checklist(leak),
    "",
    `<sub>${footer} One issue per leak; a repeat of this leak adds a comment here.</sub>`,
    ""
  ];
  return { title: issueTitle(leak), body: body.join("\n") };
}
function renderComment(leak, ctx, options = {}) {
  const f = leak.finding;
  const reopened = options.closed ? " This issue is closed, but the leak was seen again." : "";
  const lines = [
    issueMarker(f.fingerprint),
    `leakstop saw this leak again.${reopened}`,
    "",
    ...whatLeaked(leak, ctx),
    "",
    "### What leakstop did this time",
    "",
    ...whatWasDone(leak),
    "",
    ...withBlank(downstreamWarning(leak))
  ];
  if (ctx.runUrl) lines.push(`<sub>Run: ${ctx.runUrl}</sub>`, "");
  return lines.join("\n");
}
function withBlank(lines) {
  return lines.length ? [...lines, ""] : [];
}

// src/remediation/respond.ts
function session(ports, inspector, auditCtx) {
  const audit = [];
  const startHits = inspector.hits;
  return {
    audit,
    auditCtx,
    registerSensitive(value) {
      inspector.addSensitive(value);
      ports.registerSensitive?.(value);
    },
    log(line) {
      ports.log?.(inspector.inspect(line, "log.txt"));
    },
    async record(r) {
      const safe = { ...r, reason: inspector.inspect(r.reason, "audit.txt") };
      audit.push(safe);
      await ports.audit.record(safe);
    },
    redactions: () => inspector.hits - startHits
  };
}
async function respond(findings, ports, options) {
  const engine = options.inspector && options.rules ? void 0 : createEngine({ config: options.config });
  const inspector = options.inspector ?? createInspector({ engine });
  const rules = options.rules ?? engine?.rules ?? [];
  const ctx = options.context;
  const s = session(ports, inspector, {
    ...ctx.runUrl ? { run: ctx.runUrl } : {},
    ...ctx.deliveryId ? { delivery: ctx.deliveryId } : {}
  });
  for (const f of findings) s.registerSensitive(f.secret);
  const abort2 = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const report = await matchFindings(findings, ports, {
    config: options.config,
    ...abort2,
    ...options.concurrency ? { concurrency: options.concurrency } : {},
    ...options.maxVersionsPerSecret ? { maxVersionsPerSecret: options.maxVersionsPerSecret } : {}
  });
  const p = plan(report, findings, {
    now: ports.clock.now(),
    ...options.config.rotation.validityDays !== void 0 ? { validityDays: options.config.rotation.validityDays } : {},
    incident: {
      repository: ctx.repository,
      ...ctx.runUrl || ctx.deliveryId ? { run: ctx.runUrl ?? `delivery ${ctx.deliveryId}` } : {}
    }
  });
  const planText = inspector.inspect(renderPlan(p, { dryRun: options.dryRun === true }), "plan.txt");
  s.log(planText.trimEnd());
  const done = (results2, issues2, issueFailures2) => ({
    plan: p,
    planText,
    results: results2,
    rotated: rotatedOf(results2),
    issues: issues2,
    failures: results2.filter((r) => r.kind === "failed").length + issueFailures2,
    audit: s.audit,
    redactions: s.redactions()
  });
  if (options.dryRun) {
    for (const r of planRecords(p, ports.clock.now(), s.auditCtx)) await s.record(r);
    return done([], [], 0);
  }
  const results = await execute(p, { ...ports, registerSensitive: s.registerSensitive }, abort2);
  for (const r of resultRecords(results, ports.clock.now(), s.auditCtx)) await s.record(r);
  for (const r of results) s.log(describeResult(r));
  const issues = [];
  let issueFailures = 0;
  const seen = /* @__PURE__ */ new Set();
  for (const f of ports.issues ? findings : []) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    const time = () => ports.clock.now().toISOString();
    try {
      const outcome = await openOrComment(f, results, ports, options, rules, inspector);
      issues.push(outcome);
      const created = outcome.action === "created";
      await s.record({
        time: time(),
        action: created ? "issue-create" : "issue-comment",
        outcome: "ok",
        incidents: [f.fingerprint],
        issue: outcome.url,
        reason: created ? "new leak" : "repeat of a known leak",
        ...s.auditCtx
      });
    } catch (e) {
      issueFailures++;
      const reason = `could not open or update the issue: ${e.message}`;
      await s.record({
        time: time(),
        action: "issue-create",
        outcome: "failed",
        incidents: [f.fingerprint],
        reason,
        ...s.auditCtx
      });
      s.log(`leakstop: ${reason} (${f.fingerprint})`);
    }
  }
  if (s.redactions() > 0) {
    await s.record({
      time: ports.clock.now().toISOString(),
      action: "inspect",
      outcome: "ok",
      reason: `response inspection masked ${s.redactions()} value(s) that redaction had missed`,
      ...s.auditCtx
    });
  }
  return done(results, issues, issueFailures);
}
async function openOrComment(finding, results, ports, options, rules, inspector) {
  const tracker = ports.issues;
  const ctx = options.context;
  const login = finding.commit ? ctx.authorLogins?.[finding.commit.sha] : void 0;
  const issueCtx = {
    repository: ctx.repository,
    serverUrl: ctx.serverUrl ?? "https://github.com",
    ...ctx.pusher ? { pusher: ctx.pusher } : {},
    ...login ? { authorLogin: login } : {},
    ...ctx.runUrl ? { runUrl: ctx.runUrl } : {}
  };
  const remediation = rules.find((r) => r.id === finding.ruleId)?.remediation;
  const leak = {
    finding,
    results: results.filter((r) => r.step.incidents.includes(finding.fingerprint)),
    ...remediation ? { remediation } : {}
  };
  const abort2 = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const existing = await tracker.findByFingerprint(finding.fingerprint, abort2);
  if (existing) {
    const body2 = inspector.inspect(
      renderComment(leak, issueCtx, { closed: existing.state === "closed" }),
      "comment.md"
    );
    await tracker.comment(existing.number, body2, abort2);
    return { fingerprint: finding.fingerprint, number: existing.number, url: existing.url, action: "commented" };
  }
  const { title, body } = renderIssue(leak, issueCtx);
  const created = await tracker.create(inspector.inspect(title, "title.txt"), inspector.inspect(body, "issue.md"), {
    labels: options.labels ?? ["leakstop"],
    ...login ? { assignees: [login] } : {},
    ...abort2
  });
  return { fingerprint: finding.fingerprint, number: created.number, url: created.url, action: "created" };
}
async function rotateNamed(names, ports, options) {
  const inspector = options.inspector ?? createInspector({ engine: createEngine() });
  const s = session(ports, inspector, options.runUrl ? { run: options.runUrl } : {});
  const now = ports.clock.now();
  const key = options.requestId ?? now.toISOString().replace(/[^0-9]/g, "").slice(0, 14);
  const incident = `manual-${key}`;
  const abort2 = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const reason = inspector.inspect(options.reason?.trim() || "on-demand rotation", "reason.txt");
  const matches = [];
  const blocked = [];
  for (const raw of names) {
    try {
      const { vaultUrl, name } = await resolveSecretName(raw, options.vaultUrls, ports, abort2);
      matches.push(await matchRequested(ports.secretStore(vaultUrl), name, incident, s.registerSensitive, abort2));
    } catch (e) {
      const vaultUrl = /^(https:\/\/[^/]+)\/secrets\//i.exec(raw.trim())?.[1] ?? options.vaultUrls.join(", ");
      blocked.push({ kind: "blocked", vaultUrl, incidents: [incident], why: e.message });
    }
  }
  const planned = plan({ matches, unmatched: [], errors: [], reads: matches.length }, [], {
    now,
    ...options.validityDays !== void 0 ? { validityDays: options.validityDays } : {},
    incident: {
      reason,
      ...options.repository ? { repository: options.repository } : {},
      ...options.runUrl ? { run: options.runUrl } : {}
    }
  });
  const p = { steps: [...planned.steps, ...blocked] };
  const planText = inspector.inspect(renderPlan(p, { dryRun: options.dryRun === true }), "plan.txt");
  s.log(planText.trimEnd());
  const results = options.dryRun ? [] : await execute(p, { ...ports, registerSensitive: s.registerSensitive }, abort2);
  const records = options.dryRun ? planRecords(p, now, s.auditCtx) : resultRecords(results, ports.clock.now(), s.auditCtx);
  for (const r of records) await s.record(r);
  for (const r of results) s.log(describeResult(r));
  return {
    plan: p,
    planText,
    results,
    rotated: rotatedOf(results),
    failures: results.filter((r) => r.kind === "failed").length + (options.dryRun ? blocked.length : 0),
    audit: s.audit,
    redactions: s.redactions()
  };
}

export {
  createInspector,
  issueMarker,
  PROVIDER_TAG,
  describeResult,
  toJsonLines,
  createMemoryAuditLog,
  respond,
  rotateNamed
};
