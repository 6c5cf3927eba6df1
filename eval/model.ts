/**
 * The corpus model: entries (a named value that is a true secret, a decoy or neither), groups of
 * entries rendered together, and the line emitter that records where each planted value landed.
 */

/** How a value may be used in text: decides which contexts a renderer may put it in. */
export type Shape =
  | "token" // one opaque word: key, token, password
  | "connstr" // key=value;key=value
  | "url" // a URL (may carry the secret)
  | "pem" // a multi-line block
  | "expr" // a code expression (env lookups, format strings); never quoted
  | "plain"; // benign value: host, port, id

export interface Label {
  readonly type: string;
  /** The credential itself (for multi-line values, its first line starts on the labeled line). */
  readonly secret: string;
}

export interface Entry {
  /** Words of the setting's name, rendered in each language's naming style. */
  readonly words: readonly string[];
  readonly value: string;
  readonly shape: Shape;
  /** Set when the value is (or contains) a true secret. */
  readonly label?: Label;
  /** Set when the value is a look-alike that must not be reported; names the decoy kind. */
  readonly decoy?: string;
  /** HTTP header that naturally carries the value (e.g. `Ocp-Apim-Subscription-Key`). */
  readonly header?: string;
  /** Authorization scheme when sent as `Authorization: <scheme> <value>`. */
  readonly scheme?: string;
  /** Per-language expressions for `expr` values (keys: language ids; `*` for any). */
  readonly exprs?: Readonly<Record<string, string>>;
  /** Renderers (`yaml`, `yaml:workflow`, `md`...) where this value is plausible; any when unset. */
  readonly fits?: readonly string[];
}

/** Entries that belong together (a key id and its secret, a client id and its secret). */
export type Group = readonly Entry[];

export interface PlacedLabel extends Label {
  readonly path: string;
  readonly line: number;
}

export interface PlacedDecoy {
  readonly path: string;
  readonly line: number;
  readonly kind: string;
  readonly value: string;
}

export interface Line {
  text: string;
  labels: Label[];
  decoys: { kind: string; value: string }[];
}

/** Collects lines and pins each planted value to the line where it starts. */
export class Emitter {
  readonly lines: Line[] = [];

  push(...texts: string[]): void {
    for (const t of texts) for (const part of t.split("\n")) this.lines.push({ text: part, labels: [], decoys: [] });
  }

  /** Emits `texts` (each may hold `\n`) and tags, for each entry, the first line holding its probe. */
  entries(entries: readonly Entry[], texts: readonly string[]): void {
    const start = this.lines.length;
    this.push(...texts);
    for (const e of entries) this.tag(e, start);
  }

  entry(e: Entry, ...texts: string[]): void {
    this.entries([e], texts);
  }

  /** A line that is itself a decoy (an identifier, a type annotation). */
  decoyLine(kind: string, text: string): void {
    this.lines.push({ text, labels: [], decoys: [{ kind, value: text.trim() }] });
  }

  private tag(e: Entry, start: number): void {
    const probe = e.label ? firstLine(e.label.secret) : firstLine(e.value);
    for (let i = start; i < this.lines.length; i++) {
      const line = this.lines[i] as Line;
      if (probe !== "" && line.text.includes(probe)) {
        if (e.label) line.labels.push(e.label);
        else if (e.decoy) line.decoys.push({ kind: e.decoy, value: e.value });
        return;
      }
    }
    if (e.label) throw new Error(`renderer lost a secret of type ${e.label.type}: ${texts(this.lines.slice(start))}`);
    // A decoy rendered as an expression (env lookup) may not contain its raw value: tag the first line.
    const first = this.lines[start];
    if (e.decoy && first) first.decoys.push({ kind: e.decoy, value: e.value });
  }
}

function texts(lines: readonly Line[]): string {
  return lines
    .map((l) => l.text)
    .join(" | ")
    .slice(0, 300);
}

export function firstLine(s: string): string {
  const i = s.indexOf("\n");
  return (i < 0 ? s : s.slice(0, i)).replace(/\r$/, "");
}

export type NameStyle = "screaming" | "snake" | "camel" | "pascal" | "kebab" | "dot";

export function nameOf(words: readonly string[], style: NameStyle): string {
  const w = words.map((x) => x.toLowerCase());
  const cap = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);
  switch (style) {
    case "screaming":
      return w.join("_").toUpperCase();
    case "snake":
      return w.join("_");
    case "camel":
      return w.map((x, i) => (i === 0 ? x : cap(x))).join("");
    case "pascal":
      return w.map(cap).join("");
    case "kebab":
      return w.join("-");
    case "dot":
      return w.join(".");
  }
}

/** Escapes a value for a double-quoted JSON-like string (also C-family and YAML double quotes). */
export function jsonEscape(v: string): string {
  return JSON.stringify(v).slice(1, -1);
}

export function xmlEscape(v: string): string {
  return v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The language-specific expression of an `expr` entry. */
export function exprFor(e: Entry, lang: string): string {
  return e.exprs?.[lang] ?? e.exprs?.["*"] ?? e.value;
}

/** Setting names written as space-separated words: `names("client id", "app id")`. */
export function names(...list: string[]): string[][] {
  return list.map((n) => n.split(" "));
}
