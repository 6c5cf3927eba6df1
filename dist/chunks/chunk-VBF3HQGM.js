import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/core/events/push.ts
var HEADS = "refs/heads/";
var TAGS = "refs/tags/";
function isDefaultBranch(plan) {
  return plan.defaultBranch !== void 0 && plan.ref === `${HEADS}${plan.defaultBranch}`;
}
function pushBaseline(plan, facts) {
  const tag = plan.ref.startsWith(TAGS);
  const none = { before: void 0, defaultBranch: false, otherRefs: true };
  if (plan.before === void 0) return { ...none, reason: tag ? "new tag" : "new branch" };
  if (!facts.beforeAvailable) return { ...none, reason: "previous commit unavailable" };
  if (!facts.forced) return { before: plan.before, defaultBranch: false, otherRefs: false, reason: "fast-forward" };
  const onDefault = isDefaultBranch(plan) || plan.defaultBranch === void 0 || tag;
  return { before: plan.before, defaultBranch: !onDefault, otherRefs: false, reason: "force push" };
}
function needsRemoteRefs(baseline) {
  return baseline.defaultBranch || baseline.otherRefs;
}
function pushExclusions(plan, baseline, head, refs) {
  const out = /* @__PURE__ */ new Set();
  if (baseline.before !== void 0) out.add(baseline.before);
  if (baseline.defaultBranch && plan.defaultBranch !== void 0) {
    const tip = refs.find((r) => r.name === `${HEADS}${plan.defaultBranch}`);
    if (tip) out.add(tip.sha);
  }
  if (baseline.otherRefs) {
    const tag = plan.ref.startsWith(TAGS);
    const self = rank(plan.ref, plan.defaultBranch);
    for (const r of refs) {
      if (r.name === plan.ref) continue;
      if (!(r.name.startsWith(HEADS) || tag && r.name.startsWith(TAGS))) continue;
      if (r.sha !== head || compareRanks(rank(r.name, plan.defaultBranch), self) < 0) out.add(r.sha);
    }
  }
  return [...out];
}
function rank(name, defaultBranch) {
  if (defaultBranch !== void 0 && name === `${HEADS}${defaultBranch}`) return [0, name];
  return [name.startsWith(HEADS) ? 1 : 2, name];
}
function compareRanks(a, b) {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
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
