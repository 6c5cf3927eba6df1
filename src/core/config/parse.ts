/**
 * `.leakstop.yml` parsing and validation. Errors name the file, line and key, and say what
 * is expected, because a config that silently does nothing is worse than none.
 */
import { Ajv, type ErrorObject } from "ajv";
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { assertLinearPattern } from "../rules/redos.js";
import { type Config, ConfigError, defaultConfig } from "./config.js";
import { CONFIG_SCHEMA } from "./schema.js";

let validator: ReturnType<Ajv["compile"]> | undefined;

/** Parse and validate config text. `fileName` is used in messages only. */
export function parseConfig(text: string, fileName: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const where = (offset: number | undefined) => {
    if (offset === undefined) return fileName;
    const { line, col } = lineCounter.linePos(offset);
    return `${fileName}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(`${where(e?.pos[0])}: invalid YAML: ${e?.message.split("\n")[0]}`);
  }
  const data: unknown = doc.toJS() ?? {};
  validator ??= new Ajv({ allErrors: false, strict: false, verbose: true }).compile(CONFIG_SCHEMA);
  if (!validator(data)) {
    const err = validator.errors?.[0] as ErrorObject;
    const path = err.instancePath.split("/").slice(1).map(decodePointer);
    if (err.keyword === "additionalProperties") {
      const extra = (err.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const node = nodeAt(doc.contents as Node | null, [...path, extra], true);
      throw new ConfigError(
        `${where(node?.range?.[0])}: unknown key '${[...path, extra].join(".")}'; known keys here: ${known.join(", ")}`,
      );
    }
    const node = nodeAt(doc.contents as Node | null, path);
    throw new ConfigError(`${where(node?.range?.[0])}: key '${describePath(path)}' ${explain(err)}`);
  }
  const config = { ...defaultConfig(), ...(data as Partial<Config>) };
  config.allowlist = { ...defaultConfig().allowlist, ...(config.allowlist ?? {}) };
  // Regexes are checked here so that a typo fails the run with its location, not a stack trace.
  const checkRegex = (source: string, path: Array<string | number>) => {
    try {
      new RegExp(source);
    } catch (e) {
      const node = nodeAt(doc.contents as Node | null, path);
      throw new ConfigError(
        `${where(node?.range?.[0])}: ${path.join(".")}: invalid regular expression: ${(e as Error).message}`,
      );
    }
  };
  for (const [i, r] of config.rules.entries()) {
    checkRegex(r.pattern, ["rules", i, "pattern"]);
    try {
      assertLinearPattern(r.id, r.pattern);
    } catch (e) {
      const node = nodeAt(doc.contents as Node | null, ["rules", i, "pattern"]);
      throw new ConfigError(`${where(node?.range?.[0])}: ${(e as Error).message}`);
    }
  }
  for (const [i, v] of config.allowlist.values.entries()) checkRegex(v, ["allowlist", "values", i]);
  for (const [i, v] of config.vaults.entries())
    if (v.namePattern) checkRegex(v.namePattern, ["vaults", i, "namePattern"]);
  return config;
}

function decodePointer(part: string): string | number {
  const s = part.replace(/~1/g, "/").replace(/~0/g, "~");
  return /^\d+$/.test(s) ? Number(s) : s;
}

function nodeAt(root: Node | null, path: Array<string | number>, keyNode = false): Node | undefined {
  let node: Node | null | undefined = root;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair: { key: unknown; value: unknown } | undefined = node.items.find(
        (p) => (p.key as { value?: unknown } | null)?.value === key,
      );
      const last = i === path.length - 1;
      node =
        keyNode && last ? (pair?.key as Node | null) : ((pair?.value as Node | null) ?? (pair?.key as Node | null));
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key] as Node | null;
    } else {
      break;
    }
  }
  return node ?? undefined;
}

function describePath(path: Array<string | number>): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`))
    .join("")
    .replace(/^\./, "");
}

function explain(err: ErrorObject): string {
  switch (err.keyword) {
    case "required":
      return `is missing required key '${(err.params as { missingProperty: string }).missingProperty}'`;
    case "type":
      return `must be ${(err.params as { type: string }).type}`;
    case "pattern":
      return `must match ${(err.params as { pattern: string }).pattern}`;
    case "const":
      return `must be ${JSON.stringify((err.params as { allowedValue: unknown }).allowedValue)}`;
    default:
      return err.message ?? "is invalid";
  }
}
