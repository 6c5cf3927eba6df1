import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  createInspector
} from "./chunk-NIZ2PN2K.js";
import {
  PROVIDER_TAG,
  fitTags,
  holderKey,
  incidentsOf,
  isVaultOnly,
  manualRevocationFor,
  matchFindings,
  matchRequested,
  plan,
  renderPlan,
  resolveSecretName
} from "./chunk-X3KWTAEG.js";
import {
  generateValue,
  secretComponents
} from "./chunk-TAPCOHX6.js";
import {
  codeSpan,
  escapeMarkdown,
  profileLink
} from "./chunk-YGYUY6RV.js";
import {
  createEngine
} from "./chunk-MFQ2N6OX.js";

// src/remediation/locate.ts
async function locateCredentials(findings, report, ports, options = {}) {
  const rotators = ports.providerRotators ?? [];
  const providers = [];
  const problems = {};
  if (rotators.length === 0) return { providers, problems };
  const bySecret = /* @__PURE__ */ new Map();
  for (const f of findings) bySecret.set(f.secret, [...bySecret.get(f.secret) ?? [], f]);
  for (const [secret, group] of bySecret) {
    const fps = [...new Set(group.map((f) => f.fingerprint))];
    const related = report.matches.filter((m) => m.incidents.some((i) => fps.includes(i)));
    if (related.some(isVaultOnly)) continue;
    const matches = related;
    const values = /* @__PURE__ */ new Map();
    const holders = [];
    const tags = {};
    let stored;
    try {
      for (const m of matches) {
        const read = await readHolder(m, secret, fps, ports, options);
        values.set(holderKey(m.vaultUrl, m.name), read.values);
        if (read.holder) holders.push(read.holder);
        Object.assign(tags, (m.versions.find((v) => v.enabled) ?? m.versions[0])?.tags ?? {});
        stored ??= read.storedCredential;
      }
    } catch (e) {
      options.abortSignal?.throwIfAborted();
      for (const fp of fps) problems[fp] = `a holder could not be read: ${e.message}`;
      continue;
    }
    const credential = {
      ruleIds: [...new Set(group.map((f) => f.ruleId))].sort(),
      value: secret,
      // The matched text with the secret masked (a database URL's host and user): safe to hold.
      ...group[0]?.redacted ? { context: group[0].redacted } : {},
      holders,
      ...stored ? { stored } : {},
      tags
    };
    const rotator = rotators.find((r) => r.applies(credential));
    if (!rotator) continue;
    try {
      const location = await rotator.locate(credential, options);
      if (!location) {
        for (const fp of fps) problems[fp] = `${rotator.name}: the resource holding it could not be found`;
        continue;
      }
      providers.push({
        fingerprints: fps,
        rotator: { kind: rotator.kind, name: rotator.name },
        plan: rotator.plan(location, credential),
        credential,
        values
      });
    } catch (e) {
      options.abortSignal?.throwIfAborted();
      for (const fp of fps) problems[fp] = `${rotator.name} could not locate it: ${e.message}`;
    }
  }
  return { providers, problems };
}
async function readHolder(m, secret, fps, ports, options) {
  const store = ports.secretStore(m.vaultUrl);
  const leaked = new Set(m.leakedVersions);
  const sourceInfo = m.versions.find((v) => v.enabled && leaked.has(v.version));
  const storedInfo = m.versions.find(
    (v) => v.enabled && !leaked.has(v.version) && incidentsOf(v).some((i) => fps.includes(i))
  );
  let values = {};
  let holder;
  let storedCredential;
  if (sourceInfo) {
    const { value } = await store.getSecret(m.name, { version: sourceInfo.version, ...abort(options) });
    ports.registerSensitive?.(value);
    const encoding = encodingOf(value, secret);
    values = { source: { version: sourceInfo.version, value, encoding } };
    holder = {
      vaultUrl: m.vaultUrl,
      secretName: m.name,
      version: sourceInfo.version,
      ...sourceInfo.contentType !== void 0 ? { contentType: sourceInfo.contentType } : {},
      tags: sourceInfo.tags,
      value,
      encoding
    };
  }
  if (storedInfo) {
    const { value } = await store.getSecret(m.name, { version: storedInfo.version, ...abort(options) });
    ports.registerSensitive?.(value);
    values = { ...values, stored: { version: storedInfo.version, value } };
    const parts = secretComponents(value);
    const first = parts[0];
    storedCredential = parts.length === 1 && first ? value.slice(first.start, first.end) : value.trim();
  }
  return { values, ...holder ? { holder } : {}, ...storedCredential ? { storedCredential } : {} };
}
function encodingOf(value, secret) {
  if (value.includes(secret)) return "raw";
  if (value.includes(encodeURIComponent(secret))) return "url";
  if (value.includes(JSON.stringify(secret).slice(1, -1))) return "json";
  if (/^[A-Za-z0-9+/=\s]+$/.test(value) && Buffer.from(value, "base64").toString("utf8").includes(secret)) {
    return "base64";
  }
  return "raw";
}
function replaceEncoded(value, leaked, fresh, encoding) {
  switch (encoding) {
    case "raw":
      return value.split(leaked).join(fresh);
    case "url":
      return value.split(encodeURIComponent(leaked)).join(encodeURIComponent(fresh));
    case "json":
      return value.split(JSON.stringify(leaked).slice(1, -1)).join(JSON.stringify(fresh).slice(1, -1));
    case "base64": {
      const decoded = Buffer.from(value.trim(), "base64").toString("utf8");
      return Buffer.from(decoded.split(leaked).join(fresh), "utf8").toString("base64");
    }
  }
}
function abort(options) {
  return options.abortSignal ? { abortSignal: options.abortSignal } : {};
}

// src/remediation/rotate-provider.ts
async function executeProviderStep(step, ports, options) {
  const written = [];
  const disabled = [];
  const failed = (reason) => [
    {
      kind: "failed",
      step,
      reason,
      disabled: [...disabled],
      ...written.length ? { version: written.join(", ") } : {}
    }
  ];
  const rotator = ports.providerRotators?.find((r) => r.kind === step.rotator);
  if (!rotator) return failed(`no ${step.provider} rotator is configured here; nothing was changed`);
  const cred = step.credential;
  const verb = step.plan.mode === "rotate" ? "rotate" : "revoke";
  let outcome;
  try {
    outcome = await rotator.rotate(step.plan, cred, options);
  } catch (e) {
    return failed(`${step.provider} could not ${verb} the credential; nothing was changed: ${msg(e)}`);
  }
  const fresh = outcome.value;
  const versions = /* @__PURE__ */ new Map();
  if (step.plan.mode === "rotate") {
    if (!fresh) return failed(`${step.provider} returned no new credential; nothing was written to the vault`);
    ports.registerSensitive?.(fresh);
    for (const h of step.holders) {
      try {
        const v = await writeHolder(h, cred.value, fresh, outcome.tags ?? {}, ports, options);
        versions.set(h, v);
        if (v.written) written.push(v.version);
      } catch (e) {
        return failed(
          `${step.provider} issued a new credential, but storing it in '${h.name}' failed: ${msg(e)}. The leaked credential is still valid; a re-run finishes the job.`
        );
      }
    }
    try {
      await rotator.finish?.(step.plan, cred, options);
    } catch (e) {
      return failed(
        `the vault holds the new credential, but retiring the leaked one at ${step.provider} failed: ${msg(e)}. A re-run finishes the job.`
      );
    }
    for (const h of step.holders) {
      const store = ports.secretStore(h.vaultUrl);
      for (const change of h.disable) {
        try {
          await store.updateVersion(h.name, change.version, { enabled: false, tags: change.tags, ...abort2(options) });
          disabled.push(change.version);
        } catch (e) {
          return failed(`disabling leaked version ${change.version} of '${h.name}' failed: ${msg(e)}`);
        }
      }
    }
  }
  let proof;
  try {
    proof = await rotator.prove(step.plan, cred, fresh, options);
  } catch (e) {
    return failed(`the ${verb} was done, but the probe failed, so the leaked value is not proven dead: ${msg(e)}`);
  }
  if (proof.leaked !== "rejected") {
    return failed(
      `the probe does not show the leaked value dead (${proof.evidence}; leaked value ${verdict(proof.leaked)}). A re-run probes again.`
    );
  }
  if (step.plan.mode === "rotate" && proof.replacement === "rejected") {
    return failed(`the leaked value is dead, but ${step.provider} refuses the new one (${proof.evidence})`);
  }
  if (step.plan.mode === "revoke") {
    return [
      {
        kind: "revoked",
        step,
        provider: step.provider,
        resource: step.plan.location.resource,
        evidence: proof.evidence
      }
    ];
  }
  return step.holders.map((h) => {
    const v = versions.get(h) ?? { version: "", written: false };
    return {
      kind: "rotated",
      step,
      vaultUrl: h.vaultUrl,
      name: h.name,
      version: v.version,
      written: v.written,
      disabled: h.disable.map((d) => d.version).filter((d) => disabled.includes(d)),
      downstream: "rotated",
      provider: step.provider,
      evidence: proof.evidence,
      ...h.expiresOn && v.written ? { expiresOn: h.expiresOn } : {}
    };
  });
}
async function writeHolder(h, leaked, fresh, rotationTags, ports, options) {
  const stored = h.values.stored;
  if (stored?.value.includes(fresh)) return { version: stored.version, written: false };
  const source = h.values.source;
  if (!source) {
    throw new Error(
      `version ${stored?.version ?? "?"} does not hold the provider's current credential and no leaked version is left to derive one from; store it by hand`
    );
  }
  const value = replaceEncoded(source.value, leaked, fresh, source.encoding);
  ports.registerSensitive?.(value);
  const current = Object.fromEntries(Object.entries(rotationTags).filter(([k]) => k in h.tags));
  const info = await ports.secretStore(h.vaultUrl).setSecret(h.name, value, {
    tags: fitTags({ ...h.tags, ...current }),
    ...h.basis.contentType !== void 0 ? { contentType: h.basis.contentType } : {},
    ...h.expiresOn ? { expiresOn: h.expiresOn } : {},
    ...abort2(options)
  });
  return { version: info.version, written: true };
}
var verdict = (v) => v === "accepted" ? "still accepted" : "unknown";
var msg = (e) => e.message;
function abort2(options) {
  return options.abortSignal ? { abortSignal: options.abortSignal } : {};
}

// src/remediation/execute.ts
async function execute(p, ports, options = {}) {
  const results = [];
  for (const step of p.steps) {
    options.abortSignal?.throwIfAborted();
    if (step.kind === "provider") results.push(...await executeProviderStep(step, ports, options));
    else results.push(await executeStep(step, ports, options));
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
  let value;
  try {
    value = generateValue(step.shape, ports.random);
  } catch (e) {
    return { kind: "failed", step, reason: `no new value could be generated: ${e.message}`, disabled: [] };
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
    downstream: downstreamOf(step.basis.tags),
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
      await store.updateVersion(name, change.version, { enabled: false, tags: change.tags, ...abort3(options) });
      disabled.push(change.version);
    } catch (e) {
      return { disabled, failure: { version: change.version, message: e.message } };
    }
  }
  return { disabled };
}
function abort3(options) {
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
      const at = r.provider ? ` at ${r.provider} (proven: ${r.evidence ?? "probe passed"})` : "";
      return `leakstop: rotated '${r.name}' in ${r.vaultUrl}${at}: ${what}${disabled}`;
    }
    case "revoked":
      return `leakstop: revoked at ${r.provider} (${r.resource}) and proven dead: ${r.evidence}`;
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
    action: s.kind === "rotate" ? "rotate" : s.kind === "disable" ? "disable" : s.kind === "provider" ? s.plan.mode : "plan",
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
        reason: r.evidence ? `${r.step.why}; proven: ${r.evidence}` : r.step.why,
        ...origin(ctx)
      };
    case "revoked":
      return {
        time: at,
        action: "revoke",
        outcome: "ok",
        incidents,
        reason: `revoked at ${r.provider} (${r.resource}); proven: ${r.evidence}`,
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
  const lines = [`- **Rule:** ${codeSpan(f.ruleId)} (${escapeMarkdown(f.title)})`, `- **Value (redacted):** ${codeSpan(f.redacted)}`];
  const range = f.endLine > f.line ? `#L${f.line}-L${f.endLine}` : `#L${f.line}`;
  if (f.commit) {
    const sha = f.commit.sha;
    lines.push(`- **File:** [${codeSpan(f.path)} line ${f.line}](${base}/blob/${sha}/${encodePath(f.path)}${range})`);
    lines.push(`- **Commit:** [${codeSpan(sha.slice(0, 12))}](${base}/commit/${sha}) (${f.commit.date})`);
    const login = ctx.authorLogin ? ` (${profileLink(ctx.authorLogin, ctx.serverUrl)})` : "";
    lines.push(`- **Author:** ${escapeMarkdown(f.commit.authorName)}${login}`);
  } else {
    lines.push(`- **File:** ${codeSpan(f.path)} line ${f.line}`);
  }
  if (ctx.pusher) lines.push(`- **Pushed by:** ${profileLink(ctx.pusher, ctx.serverUrl)}`);
  lines.push(`- **Fingerprint:** ${codeSpan(f.fingerprint)}`);
  return lines;
}
function whatWasDone(leak) {
  if (leak.results.length === 0) return ["- Nothing yet: rotation was not attempted (no vault configured)."];
  return leak.results.map(resultLine);
}
function resultLine(r) {
  switch (r.kind) {
    case "rotated": {
      const where = `Key Vault secret ${codeSpan(r.name)} in ${codeSpan(r.vaultUrl)}`;
      const disabled = r.disabled.length ? `; leaked version(s) ${r.disabled.map((v) => codeSpan(v)).join(", ")} disabled` : "; no enabled version holding the leaked value was left";
      const expiry = r.expiresOn ? ` (expires ${r.expiresOn.toISOString().slice(0, 10)})` : "";
      if (r.provider) {
        const proof = ` The leaked credential is dead: ${escapeMarkdown(r.evidence ?? "the probe passed")}.`;
        return r.written ? `- \u2705 Rotated at ${escapeMarkdown(r.provider)}; ${where} holds the new credential in version ${codeSpan(r.version)}${expiry}${disabled}.${proof}` : `- \u2705 Rotated at ${escapeMarkdown(r.provider)}; ${where} already holds the new credential (version ${codeSpan(r.version)})${disabled}.${proof}`;
      }
      return r.written ? `- \u2705 Rotated ${where} (the vault is its only home): new version ${codeSpan(r.version)} written${expiry}${disabled}.` : `- \u2705 ${where}: version ${codeSpan(r.version)} already holds a new value${disabled}.`;
    }
    case "revoked":
      return `- \u2705 Revoked at ${escapeMarkdown(r.provider)} (${codeSpan(r.resource)}) and proven dead: ${escapeMarkdown(r.evidence)}. Create a replacement and store it where the old one was used; leakstop made up no value.`;
    case "skipped":
      if (r.step.kind === "manual") return `- \u26A0\uFE0F **No match: rotate by hand.** ${escapeMarkdown(r.reason)}`;
      if (r.step.revocation) {
        return `- \u26A0\uFE0F ${codeSpan(r.step.name)} in ${codeSpan(r.step.vaultUrl)} was left alone: leakstop cannot revoke this credential at ${escapeMarkdown(r.step.revocation.provider)}, and a new vault value would not revoke it.`;
      }
      return `- ${codeSpan(r.step.name)} in ${codeSpan(r.step.vaultUrl)}: ${escapeMarkdown(r.reason)}.`;
    case "failed": {
      const name = r.step.kind === "blocked" ? "" : ` of ${codeSpan(r.step.name)}`;
      const reason = escapeMarkdown(r.reason.charAt(0).toUpperCase() + r.reason.slice(1));
      return `- \u274C **Rotation${name} in ${codeSpan(r.step.vaultUrl)} failed; the leaked value may still be valid.** ${reason}`;
    }
  }
}
function leftValid(r) {
  if (r.kind === "failed") return true;
  if (r.kind === "skipped") return r.step.kind === "manual" || !r.step.done;
  return false;
}
function revocationOf(leak) {
  for (const r of leak.results) {
    if (r.kind === "skipped" && r.step.revocation) return r.step.revocation;
  }
  return leak.finding.ruleId ? manualRevocationFor([leak.finding.ruleId]) : void 0;
}
function downstreamWarning(leak) {
  const advice = leak.remediation ? ` ${leak.remediation}` : "";
  if (leak.results.length === 0 || leak.results.some(leftValid)) {
    const how = revocationOf(leak);
    return [
      "> [!CAUTION]",
      `> **The leaked credential is still valid.** Revoke or change it where it was issued, then store the new value in your vault.${advice}`,
      ...how ? [">", `> **What to do at ${escapeMarkdown(how.provider)}:** ${how.how}`, `> Revocation page: ${how.url}`] : []
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
    `leakstop found a **${escapeMarkdown(f.title)}** pushed to ${codeSpan(ctx.repository)}.`,
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

// src/remediation/lease.ts
var DEFAULT_LEASE_DURATION_IN_MS = 15 * 6e4;
var DEFAULT_LEASE_WAIT_IN_MS = 10 * 6e4;
async function holdLeases(store, keys, options) {
  const clock = options.clock ?? { now: () => /* @__PURE__ */ new Date() };
  const deadline = clock.now().getTime() + (options.waitInMs ?? DEFAULT_LEASE_WAIT_IN_MS);
  const poll = options.pollInMs ?? 3e3;
  const leases = [];
  const releaseAll = async () => {
    for (const l of leases.splice(0).reverse()) await store.release(l, options).catch(() => void 0);
  };
  try {
    for (const key of [...new Set(keys)].sort()) {
      let told = false;
      for (; ; ) {
        options.abortSignal?.throwIfAborted();
        const got = await store.acquire(key, {
          holder: options.holder,
          durationInMs: options.durationInMs ?? DEFAULT_LEASE_DURATION_IN_MS,
          ...options.abortSignal ? { abortSignal: options.abortSignal } : {}
        });
        if ("handle" in got) {
          leases.push(got);
          break;
        }
        if (!told) options.onWait?.(key, got);
        told = true;
        if (clock.now().getTime() + poll > deadline) {
          await releaseAll();
          return { ok: false, key, held: got };
        }
        await sleep(poll, options.abortSignal);
      }
    }
  } catch (e) {
    await releaseAll();
    throw e;
  }
  return { ok: true, leases: [...leases], release: releaseAll };
}
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true }
    );
  });
}
async function holdIncidentLeases(ports, findings, holder, options = {}) {
  const none = { release: async () => {
  } };
  if (!ports.leases) return none;
  const fingerprints = [...new Set(findings.map((f) => f.fingerprint))];
  let held;
  try {
    held = await holdLeases(ports.leases, fingerprints, {
      ...options,
      holder,
      clock: ports.clock,
      onWait: (key, h) => ports.log?.(
        `leakstop: waiting for ${h.holder}, which is responding to incident ${key} (lease until ${h.expiresOn.toISOString()})`
      )
    });
  } catch (e) {
    options.abortSignal?.throwIfAborted();
    ports.log?.(`leakstop: no lease could be taken, responding without one: ${e.message}`);
    return none;
  }
  if (held.ok) return { release: held.release };
  const message = `Another run (${held.held.holder}) is responding to incident ${held.key} and holds its lease until ${held.held.expiresOn.toISOString()}; nothing was changed here. Re-run this job after that run has finished.`;
  return {
    blocked: {
      matches: [],
      unmatched: fingerprints.map((fingerprint) => ({ fingerprint, reason: message })),
      errors: [{ vaultUrl: "lease", message }],
      reads: 0
    },
    release: async () => {
    }
  };
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
  if (!ports.leases || options.dryRun) return respondNow(findings, ports, options);
  const ctx = options.context;
  const lease = await holdIncidentLeases(ports, findings, ctx.runUrl ?? ctx.deliveryId ?? ctx.repository, options);
  if (lease.blocked) return respondNow(findings, ports, options, lease.blocked);
  try {
    return await respondNow(findings, ports, options);
  } finally {
    await lease.release();
  }
}
async function respondNow(findings, ports, options, blocked) {
  const engine = options.inspector && options.rules ? void 0 : createEngine({ config: options.config });
  const inspector = options.inspector ?? createInspector({ engine });
  const rules = options.rules ?? engine?.rules ?? [];
  const ctx = options.context;
  const s = session(ports, inspector, {
    ...ctx.runUrl ? { run: ctx.runUrl } : {},
    ...ctx.deliveryId ? { delivery: ctx.deliveryId } : {}
  });
  for (const f of findings) s.registerSensitive(f.secret);
  const abort4 = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const report = blocked ?? await matchFindings(findings, ports, {
    config: options.config,
    ...abort4,
    ...options.concurrency ? { concurrency: options.concurrency } : {},
    ...options.maxVersionsPerSecret ? { maxVersionsPerSecret: options.maxVersionsPerSecret } : {}
  });
  const located = await locateCredentials(
    findings,
    report,
    { ...ports, registerSensitive: s.registerSensitive },
    abort4
  );
  const p = plan(report, findings, {
    now: ports.clock.now(),
    providers: located.providers,
    locateProblems: located.problems,
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
  const results = await execute(p, { ...ports, registerSensitive: s.registerSensitive }, abort4);
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
  const abort4 = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const existing = await tracker.findByFingerprint(finding.fingerprint, abort4);
  if (existing) {
    const body2 = inspector.inspect(
      renderComment(leak, issueCtx, { closed: existing.state === "closed" }),
      "comment.md"
    );
    await tracker.comment(existing.number, body2, abort4);
    return { fingerprint: finding.fingerprint, number: existing.number, url: existing.url, action: "commented" };
  }
  const { title, body } = renderIssue(leak, issueCtx);
  const created = await tracker.create(inspector.inspect(title, "title.txt"), inspector.inspect(body, "issue.md"), {
    labels: options.labels ?? ["leakstop"],
    ...login ? { assignees: [login] } : {},
    ...abort4
  });
  return { fingerprint: finding.fingerprint, number: created.number, url: created.url, action: "created" };
}
async function rotateNamed(names, ports, options) {
  const inspector = options.inspector ?? createInspector({ engine: createEngine() });
  const s = session(ports, inspector, options.runUrl ? { run: options.runUrl } : {});
  const now = ports.clock.now();
  const key = options.requestId ?? now.toISOString().replace(/[^0-9]/g, "").slice(0, 14);
  const incident = `manual-${key}`;
  const abort4 = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const reason = inspector.inspect(options.reason?.trim() || "on-demand rotation", "reason.txt");
  const matches = [];
  const blocked = [];
  for (const raw of names) {
    try {
      const { vaultUrl, name } = await resolveSecretName(raw, options.vaultUrls, ports, abort4);
      matches.push(await matchRequested(ports.secretStore(vaultUrl), name, incident, s.registerSensitive, abort4));
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
  const results = options.dryRun ? [] : await execute(p, { ...ports, registerSensitive: s.registerSensitive }, abort4);
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
  issueMarker,
  describeResult,
  toJsonLines,
  createMemoryAuditLog,
  respond,
  rotateNamed
};
