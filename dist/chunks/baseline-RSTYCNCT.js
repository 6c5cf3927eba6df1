import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  collectFindings
} from "./chunk-23QX2IFR.js";
import "./chunk-RL6JF4VU.js";
import "./chunk-3AR7HCUI.js";
import "./chunk-JO2HMOSA.js";
import "./chunk-EHTSLXLF.js";
import {
  compareFindings
} from "./chunk-7NS3LZMV.js";
import "./chunk-NBJZRDWZ.js";
import "./chunk-ONEERH7X.js";
import "./chunk-6SOW3BQE.js";
import "./chunk-F6CROFDB.js";
import "./chunk-MZHTHGEL.js";
import "./chunk-AKAH6ETJ.js";
import "./chunk-5ZHEO3AZ.js";
import "./chunk-ZOEPK7DV.js";
import "./chunk-V43CEDMD.js";

// src/entrypoints/cli/baseline.ts
import { appendFile, readFile } from "node:fs/promises";
import { relative } from "node:path";

// src/core/findings/baseline.ts
function oneLine(text) {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
}
function baselineLines(findings, reason, ignored) {
  const why = oneLine(reason);
  const seen = new Set(ignored);
  const out = [];
  for (const f of [...findings].sort(compareFindings)) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    out.push(`${f.fingerprint}  # ${why}: ${oneLine(f.ruleId)} at ${oneLine(f.path)}:${f.line}`);
  }
  return out;
}

// src/entrypoints/cli/baseline.ts
async function runBaseline(settings, reason, io, workerScript) {
  if (reason.trim() === "") throw new TypeError("--reason is empty; say why these findings are accepted.");
  if (settings.path === "-") throw new TypeError("baseline needs a directory or repository, not standard input.");
  const { findings, notices, loaded, target } = await collectFindings(settings, io, workerScript);
  for (const n of notices) io.stderr(`leakstop: note: ${n}
`);
  const lines = baselineLines(findings, reason, loaded.ignoredFingerprints);
  const name = relative(target.root, loaded.ignoreFile) || loaded.ignoreFile;
  if (lines.length === 0) {
    io.stderr(`leakstop: nothing to add; every finding is already in '${name}'.
`);
    return 0;
  }
  const existing = await readFile(loaded.ignoreFile, "utf8").catch(() => "");
  const separator = existing === "" || existing.endsWith("\n") ? "" : "\n";
  await appendFile(loaded.ignoreFile, `${separator}${lines.join("\n")}
`).catch((e) => {
    throw new TypeError(
      `Cannot write the ignore file '${loaded.ignoreFile}' (${e.code ?? e.message}); check its permissions.`
    );
  });
  io.stderr(`leakstop: added ${lines.length} fingerprint(s) to '${name}'; commit it so everyone skips them.
`);
  return 0;
}
export {
  runBaseline
};
