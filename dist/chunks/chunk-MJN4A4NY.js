import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/core/events/ledger.ts
var LEDGER_CHECK_NAME = "leakstop scan";
var LEDGER_REACH = 20;
function chooseByLedger(candidates, recorded) {
  if (recorded.size === 0) {
    return { exclude: candidates.map((c) => c.sha), rule: "stateless", missed: [], unrecorded: [] };
  }
  const exclude = /* @__PURE__ */ new Set();
  const missed = [];
  const unrecorded = [];
  for (const c of candidates) {
    const chain = [c.sha, ...c.ancestors];
    const at = chain.findIndex((sha) => recorded.has(sha));
    if (at < 0) {
      exclude.add(c.sha);
      unrecorded.push(c.sha);
      continue;
    }
    exclude.add(chain[at]);
    for (const sha of chain.slice(0, at)) if (!missed.includes(sha)) missed.push(sha);
  }
  return { exclude: [...exclude], rule: "ledger", missed, unrecorded };
}
function describeLedger(choice) {
  if (choice.rule === "stateless") return "no scan record in the ledger: baselines from the push alone";
  const parts = ["baselines from the scan ledger"];
  if (choice.missed.length > 0) parts.push(`${choice.missed.length} commit(s) an earlier run did not scan included`);
  if (choice.unrecorded.length > 0) parts.push(`${choice.unrecorded.length} baseline(s) with no record kept`);
  return parts.join("; ");
}

export {
  LEDGER_CHECK_NAME,
  LEDGER_REACH,
  chooseByLedger,
  describeLedger
};
