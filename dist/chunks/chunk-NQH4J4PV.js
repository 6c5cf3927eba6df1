import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/core/events/push.ts
var HEADS = "refs/heads/";
var TAGS = "refs/tags/";
function isDefaultBranch(plan) {
  return plan.defaultBranch !== void 0 && plan.ref === `${HEADS}${plan.defaultBranch}`;
}
function pushBaseline(plan, facts) {
  const tag = plan.ref.startsWith(TAGS);
  const defaultBranch = plan.defaultBranch !== void 0 && !isDefaultBranch(plan);
  if (plan.before === void 0) return { before: void 0, defaultBranch, reason: tag ? "new tag" : "new branch" };
  if (!facts.beforeAvailable) return { before: void 0, defaultBranch, reason: "previous commit unavailable" };
  return { before: plan.before, defaultBranch, reason: facts.forced ? "force push" : "fast-forward" };
}
function needsRemoteRefs(baseline) {
  return baseline.defaultBranch;
}
function pushExclusions(plan, baseline, refs) {
  const out = /* @__PURE__ */ new Set();
  if (baseline.before !== void 0) out.add(baseline.before);
  if (baseline.defaultBranch && plan.defaultBranch !== void 0) {
    const tip = refs.find((r) => r.name === `${HEADS}${plan.defaultBranch}`);
    if (tip) out.add(tip.sha);
  }
  return [...out];
}
function pushApiTarget(plan) {
  const onDefault = isDefaultBranch(plan);
  const viaDefault = plan.defaultBranch !== void 0 && !onDefault;
  if (plan.before !== void 0 && !(plan.forced && viaDefault)) {
    return { kind: "compare", base: plan.before, head: plan.after };
  }
  if (viaDefault && plan.defaultBranch !== void 0) {
    return { kind: "compare", base: plan.defaultBranch, head: plan.after };
  }
  return { kind: "history", head: plan.after };
}

export {
  pushBaseline,
  needsRemoteRefs,
  pushExclusions,
  pushApiTarget
};
