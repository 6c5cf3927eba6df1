import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  printable
} from "./chunk-7NS3LZMV.js";

// src/core/report/escape.ts
var ZWSP = "\u200B";
function escapeMarkdown(text) {
  return printable(text).replace(/[\\`*_[\]<>|~&]/g, "\\$&").replace(/@/g, `@${ZWSP}`);
}
function codeSpan(text, options = {}) {
  let t = printable(text);
  if (options.tableCell) t = t.replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  if (/^ *$/.test(t)) return `\`${t || " "}\``;
  const pad = /^[` ]|[` ]$/.test(t) ? " " : "";
  return `${fence}${pad}${t}${pad}${fence}`;
}
function linkTarget(url) {
  return url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
function profileLink(login, serverUrl) {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(login)) return escapeMarkdown(login);
  const name = login.replace(/\[bot\]$/, "");
  return `[${escapeMarkdown(login)}](${serverUrl.replace(/\/+$/, "")}/${encodeURIComponent(name)})`;
}

export {
  escapeMarkdown,
  codeSpan,
  linkTarget,
  profileLink
};
