import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/core/findings/redact.ts
var MASK = "********";
var MAX_SNIPPET = 160;
function redact(text, secrets) {
  let out = text;
  const list = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  for (const secret of list) out = out.split(secret).join(MASK);
  return out;
}
function redactSnippet(context, secrets) {
  let out = redact(context, secrets);
  const nl = out.indexOf("\n");
  if (nl >= 0) out = `${out.slice(0, nl).trimEnd()} \u2026`;
  out = out.replace(/\s+/g, " ").trim();
  if (out.length > MAX_SNIPPET) out = `${out.slice(0, MAX_SNIPPET - 1)}\u2026`;
  return out;
}

export {
  MASK,
  redact,
  redactSnippet
};
