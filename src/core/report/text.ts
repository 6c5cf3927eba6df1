/**
 * Text reporter for people at a terminal. Every field that comes from the scanned repository
 * (paths, snippets, author names) is passed through {@link printable}: a committed file could
 * otherwise carry escape sequences that rewrite the terminal or hide a finding.
 */
import type { Finding } from "../types.js";
import { type ReportOptions, sortFindings } from "./common.js";

const SGR = {
  bold: "\u001b[1m",
  dim: "\u001b[2m",
  red: "\u001b[31m",
  green: "\u001b[32m",
  yellow: "\u001b[33m",
  reset: "\u001b[0m",
} as const;

type Style = Exclude<keyof typeof SGR, "reset">;

/** C0 and C1 controls, DEL, and the bidirectional controls used in "Trojan Source" tricks. */
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Show control and bidi characters as `\u{…}` escapes, leaving everything else as is. */
export function printable(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += isUnsafe(code) ? `\\u{${code.toString(16)}}` : ch;
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The date part of an ISO 8601 date, or the value as given when it is not one. */
function day(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}

function block(f: Finding, paint: (style: Style, text: string) => string): string[] {
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

/**
 * Render findings for people: one block per finding (location, rule, title; the redacted
 * snippet; fingerprint and commit), then notices, then a one-line summary. ANSI colour only
 * when `options.color` is true. Never reads `finding.secret`.
 */
export function renderText(findings: readonly Finding[], options: ReportOptions): string {
  const paint = (style: Style, text: string): string => (options.color ? `${SGR[style]}${text}${SGR.reset}` : text);
  const sorted = sortFindings(findings);
  const out: string[] = [];
  for (const f of sorted) out.push(...block(f, paint), "");
  for (const notice of options.notices ?? []) out.push(paint("yellow", `note: ${printable(notice)}`));
  if (sorted.length === 0) {
    out.push(paint("green", "No secrets found."));
  } else {
    const files = new Set(sorted.map((f) => f.path)).size;
    out.push(paint("bold", `${plural(sorted.length, "finding")} in ${plural(files, "file")}`));
  }
  return `${out.join("\n")}\n`;
}
