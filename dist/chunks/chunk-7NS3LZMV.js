import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/core/report/common.ts
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function compareFindings(a, b) {
  return cmp(a.path, b.path) || a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId) || a.endLine - b.endLine || a.endColumn - b.endColumn || cmp(a.commit?.sha ?? "", b.commit?.sha ?? "") || cmp(a.fingerprint, b.fingerprint);
}
function sortFindings(findings) {
  return [...findings].sort(compareFindings);
}

// src/core/report/text.ts
var SGR = {
  bold: "\x1B[1m",
  dim: "\x1B[2m",
  red: "\x1B[31m",
  green: "\x1B[32m",
  yellow: "\x1B[33m",
  reset: "\x1B[0m"
};
function isUnsafe(code) {
  return code < 32 || code >= 127 && code <= 159 || code === 1564 || code === 8206 || code === 8207 || code >= 8234 && code <= 8238 || code >= 8294 && code <= 8297;
}
function printable(text) {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += isUnsafe(code) ? `\\u{${code.toString(16)}}` : ch;
  }
  return out;
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function day(iso) {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}
function block(f, paint) {
  const location = `${printable(f.path)}:${f.line}:${f.column}`;
  const lines = [`${paint("bold", location)}  ${paint("red", printable(f.ruleId))}  ${printable(f.title)}`];
  if (f.redacted.length > 0) lines.push(`    ${printable(f.redacted)}`);
  let detail = `fingerprint ${f.fingerprint}`;
  if (f.commit) {
    const c = f.commit;
    detail += `  commit ${c.sha.slice(0, 7)} by ${printable(c.authorName)} <${printable(c.authorEmail)}>, ${printable(day(c.date))}`;
  }
  lines.push(`    ${paint("dim", detail)}`);
  return lines;
}
function renderText(findings, options) {
  const paint = (style, text) => options.color ? `${SGR[style]}${text}${SGR.reset}` : text;
  const sorted = sortFindings(findings);
  const out = [];
  for (const f of sorted) out.push(...block(f, paint), "");
  for (const notice of options.notices ?? []) out.push(paint("yellow", `note: ${printable(notice)}`));
  if (sorted.length === 0) {
    out.push(paint("green", "No secrets found."));
  } else {
    const files = new Set(sorted.map((f) => f.path)).size;
    out.push(paint("bold", `${plural(sorted.length, "finding")} in ${plural(files, "file")}`));
  }
  return `${out.join("\n")}
`;
}

export {
  compareFindings,
  sortFindings,
  printable,
  renderText
};
