/**
 * Untrusted text (file names, author names, rule titles from a config, a person's bypass
 * reason) made inert for the Markdown context it lands in, as GitHub renders it (GFM):
 *
 * - {@link codeSpan}: verbatim inside a code span whose backtick fence is longer than any run
 *   in the text, so no backtick can end it early (CommonMark 6.1); in a table cell `|` is
 *   escaped even there, because GFM splits cells before it parses code spans.
 * - {@link escapeMarkdown}: plain text inside a line (a paragraph, a list item, a table cell,
 *   link text): the punctuation that could start inline markup, a link or HTML is
 *   backslash-escaped (`#` is left alone: text never starts a line, and `#12` should still
 *   link the issue), and `@` gets a
 *   zero-width space after it, so neither a person nor a team is mentioned (GitHub finds
 *   mentions in the rendered text, where a backslash escape is already gone).
 * - {@link profileLink}: a GitHub login shown as a link to its profile, never a mention.
 *
 * Control and bidi characters are shown as `\u{…}` escapes in every context.
 */
import { printable } from "./text.js";

/** Zero-width space: breaks `@name` so GitHub does not link or notify it. */
const ZWSP = "\u200b";

/** Where a string lands. */
export interface EscapeOptions {
  /** Inside a GFM table cell. */
  readonly tableCell?: boolean;
}

/** Plain text with Markdown, HTML and mentions defused. */
export function escapeMarkdown(text: string): string {
  return printable(text)
    .replace(/[\\`*_[\]<>|~&]/g, "\\$&")
    .replace(/@/g, `@${ZWSP}`);
}

/** `text` verbatim in a code span that nothing in it can end. */
export function codeSpan(text: string, options: EscapeOptions = {}): string {
  let t = printable(text);
  if (options.tableCell) t = t.replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  // One space each side is stripped by the renderer; add it where the text would lose its own
  // or where a backtick at an edge would join the fence.
  // All spaces (or nothing) is kept as is by the renderer; an empty span shows one space.
  if (/^ *$/.test(t)) return `\`${t || " "}\``;
  const pad = /^[` ]|[` ]$/.test(t) ? " " : "";
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** A URL safe inside `(…)` of a Markdown link: parentheses, spaces and angle brackets encoded. */
export function linkTarget(url: string): string {
  return url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** A GitHub login as `[login](server/login)`; anything that is not a login as escaped text. */
export function profileLink(login: string, serverUrl: string): string {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(login)) return escapeMarkdown(login);
  const name = login.replace(/\[bot\]$/, "");
  return `[${escapeMarkdown(login)}](${serverUrl.replace(/\/+$/, "")}/${encodeURIComponent(name)})`;
}
