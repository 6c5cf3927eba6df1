import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/core/responder/findings-api.ts
var MAX_FINDINGS_PER_REQUEST = 200;
var SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;
var FINGERPRINT = /^[0-9a-f]{16,64}$/;
var RULE = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
var REPOSITORY = /^[\w.-]+\/[\w.-]+$/;
function parseFindingsRequest(body) {
  const fail = (error) => ({ ok: false, error });
  if (typeof body !== "object" || body === null || Array.isArray(body)) return fail("the body must be a JSON object");
  const b = body;
  const extra = Object.keys(b).filter((k) => k !== "repository" && k !== "findings");
  if (extra.length) return fail(`unknown field(s): ${extra.slice(0, 5).join(", ")}`);
  if (typeof b.repository !== "string" || !REPOSITORY.test(b.repository))
    return fail("'repository' must be 'owner/name'");
  if (!Array.isArray(b.findings) || b.findings.length === 0) return fail("'findings' must be a non-empty array");
  if (b.findings.length > MAX_FINDINGS_PER_REQUEST) {
    return fail(`at most ${MAX_FINDINGS_PER_REQUEST} findings per request (got ${b.findings.length})`);
  }
  const findings = [];
  for (const [i, f] of b.findings.entries()) {
    if (typeof f !== "object" || f === null || Array.isArray(f)) return fail(`findings[${i}] must be an object`);
    const g = f;
    const unknown = Object.keys(g).filter((k) => !["commit", "path", "line", "ruleId", "fingerprint"].includes(k));
    if (unknown.length)
      return fail(
        `findings[${i}]: unknown field(s): ${unknown.slice(0, 5).join(", ")} (locations only, never a value)`
      );
    if (typeof g.commit !== "string" || !SHA.test(g.commit))
      return fail(`findings[${i}].commit must be a full commit SHA`);
    if (typeof g.path !== "string" || !g.path || g.path.length > 4096 || g.path.startsWith("/") || g.path.includes("\0")) {
      return fail(`findings[${i}].path must be a repository-relative path`);
    }
    if (!Number.isInteger(g.line) || g.line < 1)
      return fail(`findings[${i}].line must be a positive integer`);
    if (typeof g.ruleId !== "string" || !RULE.test(g.ruleId)) return fail(`findings[${i}].ruleId is not a rule id`);
    if (typeof g.fingerprint !== "string" || !FINGERPRINT.test(g.fingerprint))
      return fail(`findings[${i}].fingerprint is not a fingerprint`);
    findings.push({
      commit: g.commit,
      path: g.path,
      line: g.line,
      ruleId: g.ruleId,
      fingerprint: g.fingerprint
    });
  }
  return { ok: true, request: { repository: b.repository, findings } };
}
function confirmFindings(claimed, detected) {
  const confirmed = [];
  const unconfirmed = [];
  const taken = /* @__PURE__ */ new Set();
  for (const c of claimed) {
    const hit = detected.find(
      (d) => !taken.has(d) && d.fingerprint === c.fingerprint && d.ruleId === c.ruleId && d.path === c.path && (d.commit === void 0 || d.commit.sha === c.commit)
    );
    if (hit) {
      taken.add(hit);
      confirmed.push(hit);
    } else unconfirmed.push(c);
  }
  return { confirmed, unconfirmed };
}

export {
  MAX_FINDINGS_PER_REQUEST,
  parseFindingsRequest,
  confirmFindings
};
