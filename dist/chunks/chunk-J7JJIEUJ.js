import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/core/auth/claims.ts
function parseAllowedRepositories(text) {
  const entries = text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  for (const e of entries) {
    if (!/^[\w.-]+\/(\*|[\w.-]+)$/.test(e)) {
      throw new RangeError(`Allowed repository '${e}' is not 'owner/name' or 'owner/*'.`);
    }
  }
  return entries;
}
function parseClaimRules(text) {
  const claims = ["ref", "environment", "eventName", "workflowRef", "actor"];
  return text.split(",").map((s) => s.trim()).filter(Boolean).map((pair) => {
    const eq = pair.indexOf("=");
    const claim = pair.slice(0, eq).trim();
    const pattern = pair.slice(eq + 1).trim();
    if (eq <= 0 || !claims.includes(claim) || !pattern) {
      throw new RangeError(`Claim rule '${pair}' is not 'claim=pattern' with a claim among ${claims.join(", ")}.`);
    }
    return { claim, pattern };
  });
}
function repositoryAllowed(repository, allowed) {
  const [owner, name] = repository.toLowerCase().split("/");
  if (!owner || !name) return false;
  return allowed.some((entry) => {
    const [o, n] = entry.toLowerCase().split("/");
    return o === owner && (n === "*" || n === name);
  });
}
function globToRegExp(pattern) {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        re += ".*";
        i++;
      } else re += "[^/]*";
    } else re += c.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
function authorize(claims, allowed, rules = []) {
  if (!repositoryAllowed(claims.repository, allowed)) {
    return { allowed: false, reason: `repository '${claims.repository}' is not in LEAKSTOP_ALLOWED_REPOSITORIES` };
  }
  const byClaim = /* @__PURE__ */ new Map();
  for (const r of rules) byClaim.set(r.claim, [...byClaim.get(r.claim) ?? [], r.pattern]);
  for (const [claim, patterns] of byClaim) {
    const value = claims[claim];
    if (value === void 0 || !patterns.some((p) => globToRegExp(p).test(value))) {
      return {
        allowed: false,
        reason: `claim '${claim}' (${value === void 0 ? "absent" : `'${value}'`}) matches none of ${patterns.map((p) => `'${p}'`).join(", ")}`
      };
    }
  }
  return { allowed: true };
}

export {
  parseAllowedRepositories,
  parseClaimRules,
  authorize
};
