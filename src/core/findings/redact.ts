/** The mask every sink shows in place of a secret. */
export const MASK = "********";

const MAX_SNIPPET = 160;

/**
 * Replace every occurrence of every secret in `text` with {@link MASK}. Longest secrets go
 * first, so a secret that contains another is masked whole.
 */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  const list = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  for (const secret of list) out = out.split(secret).join(MASK);
  return out;
}

/**
 * A short, printable form of a match: its text with all secrets of the fragment masked,
 * whitespace folded and the length capped. Multi-line matches (PEM blocks) keep only their
 * first line, since the masked body carries no information.
 */
export function redactSnippet(context: string, secrets: readonly string[]): string {
  let out = redact(context, secrets);
  const nl = out.indexOf("\n");
  if (nl >= 0) out = `${out.slice(0, nl).trimEnd()} …`;
  out = out.replace(/\s+/g, " ").trim();
  if (out.length > MAX_SNIPPET) out = `${out.slice(0, MAX_SNIPPET - 1)}…`;
  return out;
}
