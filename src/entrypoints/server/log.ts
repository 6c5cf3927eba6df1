/**
 * Structured logs: one JSON object per line, with the delivery id on every line about a
 * delivery (so one `grep` follows it from receipt to resolution). Every string goes through
 * response inspection first: exact values the job knows (the leaked secret, a new version) and
 * the engine's rules, as a safety net behind code that never logs a secret on purpose.
 */
import type { Engine } from "../../core/scan/engine.js";
import { createInspector, type Inspector } from "../../remediation/inspect.js";

export type LogLevel = "info" | "warn" | "error";
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line and masks its own sensitive values too. */
  child(fields: LogFields): Logger;
  /** A value this logger, its children and its ancestors other than the root must never print. */
  addSensitive(value: string): void;
  /** `text` as this logger would print it: every value it knows masked. */
  redact(text: string): string;
}

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** The engine whose rules inspect every line. */
  readonly engine: Engine;
  /** Where lines go (one string with its `\n`). Default: stdout. */
  readonly write?: (line: string) => void;
  /** Milliseconds since the epoch. */
  readonly now?: () => number;
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? Date.now;
  return make({}, [createInspector({ engine: options.engine })], write, now, options.engine);
}

function make(
  base: LogFields,
  inspectors: readonly Inspector[],
  write: (line: string) => void,
  now: () => number,
  engine: Engine,
): Logger {
  const clean = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") {
      // The engine pass runs once (in the first inspector); the others add exact values only.
      let out = value;
      for (const i of inspectors) out = i.inspect(out, "log.txt");
      return out;
    }
    if (value instanceof Error) return clean(value.message, depth);
    if (Array.isArray(value)) return depth > 3 ? "[…]" : value.map((v) => clean(v, depth + 1));
    if (value !== null && typeof value === "object") {
      if (depth > 3) return "{…}";
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v, depth + 1)]));
    }
    return value;
  };
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    const record = { time: new Date(now()).toISOString(), level, msg, ...base, ...fields };
    write(`${JSON.stringify(clean(record, 0))}\n`);
  };
  return {
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
    child: (fields) => make({ ...base, ...fields }, [...inspectors, exactOnly(engine)], write, now, engine),
    // A value learned anywhere in a delivery is masked on every line of that delivery: the
    // ancestors below the root learn it too (the delivery's logger, which its errors reach).
    // The root does not, so values do not pile up across deliveries.
    addSensitive: (value) => {
      for (const i of inspectors.length > 1 ? inspectors.slice(1) : inspectors) i.addSensitive(value);
    },
    redact: (text) => clean(text, 0) as string,
  };
}

/** An inspector whose engine finds nothing: a child adds exact values without scanning twice. */
function exactOnly(engine: Engine): Inspector {
  return createInspector({ engine: { ...engine, scan: () => [] } });
}
