/**
 * Response inspection, the last control before text leaves: every outgoing text (issue body,
 * comment, summary, annotation, log line, audit reason, tag) is scanned by the engine once more
 * and checked for every sensitive value the run knows (leaked and newly generated). A hit is
 * masked and counted. It backs up redaction; it does not replace it.
 */
import { MASK, redact } from "../core/findings/redact.js";
import type { Engine } from "../core/scan/engine.js";
import { secretComponents } from "./generate.js";

/** Shortest value checked by exact match: shorter ones would mask ordinary words. */
const MIN_EXACT_LENGTH = 6;

export interface Inspector {
  /** Add a value that must never leave (its connection-string components too). */
  addSensitive(value: string): void;
  /** `text` with every hit masked. `where` names the sink for the engine (e.g. `issue.md`). */
  inspect(text: string, where?: string): string;
  /** Hits masked so far. */
  readonly hits: number;
}

/** Options for {@link createInspector}. */
export interface InspectorOptions {
  /** The engine of the run (same rules and allowlists as the scan). */
  readonly engine: Engine;
  readonly sensitive?: Iterable<string>;
}

export function createInspector(options: InspectorOptions): Inspector {
  const values = new Set<string>();
  let hits = 0;
  const add = (value: string) => {
    if (value.length >= MIN_EXACT_LENGTH) values.add(value);
    for (const s of secretComponents(value)) {
      const part = value.slice(s.start, s.end);
      if (part.length >= MIN_EXACT_LENGTH) values.add(part);
    }
  };
  for (const v of options.sensitive ?? []) add(v);
  return {
    addSensitive: add,
    get hits() {
      return hits;
    },
    inspect(text, where = "outgoing.txt") {
      let out = text;
      const known = [...values].filter((v) => out.includes(v));
      if (known.length > 0) {
        for (const v of known) hits += out.split(v).length - 1;
        out = redact(out, known);
      }
      const found = options.engine.scan({ path: where, text: out, startLine: 1 });
      const secrets = [...new Set(found.map((f) => f.secret))].filter((s) => s.length > 0 && s !== MASK);
      if (secrets.length > 0) {
        hits += secrets.length;
        out = redact(out, secrets);
      }
      return out;
    },
  };
}
