/**
 * Rules for tokens recognised by their own shape (a documented prefix and body), written as one
 * line of data each. A token rule's keyword is the start of the token, so the scanner tries one
 * position per keyword occurrence (see `Rule.startsBeforeKeyword`): even a common prefix costs
 * little. Each spec carries a fake builder, and its examples are derived from it.
 */
import type { Rule, RuleExamples } from "../types.js";
import { Faker } from "./fake.js";

/** One token format. */
export interface TokenSpec {
  readonly id: string;
  readonly title: string;
  /** Who issues it, for the README's provider list and the default remediation. */
  readonly provider: string;
  /** Lower-case literals at the start of the token (or within `keywordOffset` characters of it). */
  readonly keywords: readonly string[];
  /** The token, as a regex source without boundaries; a `(?<secret>…)` group narrows it. */
  readonly token: string;
  /** Characters that may not touch the token on either side (a regex class body; empty: none). */
  readonly edge?: string;
  /** The longest token, for the scanner's window. */
  readonly maxLength: number;
  /** How far into the token its keyword may start (default 0: the token starts with it). */
  readonly keywordOffset?: number;
  readonly flags?: "i";
  readonly minEntropy?: number;
  readonly validate?: Rule["validate"];
  readonly reference?: string;
  readonly remediation?: string;
  /** A cheap check at each keyword occurrence before the regex runs (see `Rule.atKeyword`). */
  readonly atKeyword?: Rule["atKeyword"];
  /** A fake that matches, built at test time. */
  readonly fake: (f: Faker) => string;
}

const DEFAULT_EDGE = "A-Za-z0-9_-";

/** The rule for a spec. */
export function tokenRule(spec: TokenSpec): Rule {
  const edge = spec.edge ?? DEFAULT_EDGE;
  return {
    id: spec.id,
    title: spec.title,
    keywords: spec.keywords,
    pattern: new RegExp(edge ? `(?<![${edge}])(?:${spec.token})(?![${edge}])` : spec.token, spec.flags ?? ""),
    window: { before: spec.keywordOffset ?? 0, after: spec.maxLength + 2 },
    startsBeforeKeyword: true,
    minEntropy: spec.minEntropy ?? 3,
    ...(spec.validate ? { validate: spec.validate } : {}),
    ...(spec.atKeyword ? { atKeyword: spec.atKeyword } : {}),
    ...(spec.reference ? { reference: spec.reference } : {}),
    remediation:
      spec.remediation ?? `Revoke the token in ${spec.provider} and issue a new one; check its audit log for use.`,
  };
}

/** Where a token sits in the examples: neutral names, so the format alone must find it. */
const CONTEXTS: ReadonlyArray<(t: string) => { text: string; path: string }> = [
  (t) => ({ text: `const value = "${t}";`, path: "src/client.js" }),
  (t) => ({ text: `  setting: ${t}`, path: "config/app.yml" }),
  (t) => ({ text: `"x": "${t}",`, path: "fixtures/data.json" }),
  (t) => ({ text: `curl -H "X-Auth: ${t}" https://api.example.net`, path: "scripts/call.sh" }),
];

/**
 * Examples for a family of specs: each fake in a neutral context (true positive) and the same
 * token with its body masked (false positive), plus any extra examples.
 */
export function tokenExamples(
  specs: readonly TokenSpec[],
  seed: number,
  extra: Partial<RuleExamples> = {},
): RuleExamples {
  const f = new Faker(seed);
  const truePositives: Array<RuleExamples["truePositives"][number]> = [];
  const falsePositives: Array<RuleExamples["falsePositives"][number]> = [];
  specs.forEach((spec, i) => {
    const token = spec.fake(f);
    const secret = secretOf(spec, token);
    // A named key is a whole assignment already; a bare token goes into a neutral context.
    const named = /\s/.test(token);
    const place = named
      ? { text: token, path: "config/settings.py" }
      : (CONTEXTS[i % CONTEXTS.length] as (t: string) => { text: string; path: string })(token);
    truePositives.push({ ...place, secret });
    // The same shape with a masked body is a placeholder.
    const keep = Math.max(4, Math.min(12, Math.floor(secret.length / 4)));
    const masked = token.replace(secret, `${secret.slice(0, keep)}${"x".repeat(secret.length - keep)}`);
    falsePositives.push({ text: named ? masked : `const value = "${masked}";` });
  });
  return {
    truePositives: [...truePositives, ...(extra.truePositives ?? [])],
    falsePositives: [...falsePositives, ...(extra.falsePositives ?? [])],
  };
}

/** The part of `token` a spec reports (its `secret` group, or all of it). */
function secretOf(spec: TokenSpec, token: string): string {
  const m = new RegExp(spec.token, spec.flags ?? "").exec(token);
  return m?.groups?.secret ?? token;
}

/**
 * A key with no shape of its own, recognised beside its provider's name: `DATADOG_API_KEY=…`,
 * `"algoliaAdminKey": "…"`. The name starts with a keyword, so this is a token rule too.
 */
export interface NamedSpec {
  readonly id: string;
  readonly title: string;
  readonly provider: string;
  /** Lower-case name starts: `datadog`, `dd_api`; each is a keyword. */
  readonly names: readonly string[];
  /** What the rest of the name says (a regex source), e.g. `api[_.-]?key|app[_.-]?key`. */
  readonly what: string;
  /** The value (a regex source). */
  readonly value: string;
  readonly maxValueLength: number;
  /** The name the examples use, e.g. `DATADOG_API_KEY`. */
  readonly exampleName: string;
  readonly minEntropy?: number;
  readonly reference?: string;
  readonly remediation?: string;
  readonly fake: (f: Faker) => string;
}

/** A token spec for a named key: `<name>…<what>… = "<value>"`, the value being the secret. */
export function named(spec: NamedSpec): TokenSpec {
  const names = spec.names.map((n) => n.replace(/[.]/g, "\\.")).join("|");
  return {
    id: spec.id,
    title: spec.title,
    provider: spec.provider,
    keywords: spec.names,
    token: `(?:${names})[A-Za-z0-9_.-]{0,30}?(?:${spec.what})[A-Za-z0-9_]{0,12}["'\\]]{0,2}\\s*(?::=|=>|[:=,])\\s*["']?(?<secret>${spec.value})(?![A-Za-z0-9])`,
    // A name may sit inside a longer one (`MY_DATADOG_API_KEY`, `prodAlgoliaKey`).
    edge: "",
    flags: "i",
    maxLength: 60 + spec.maxValueLength,
    minEntropy: spec.minEntropy ?? 3,
    ...(spec.reference ? { reference: spec.reference } : {}),
    ...(spec.remediation ? { remediation: spec.remediation } : {}),
    fake: (f) => `${spec.exampleName} = "${spec.fake(f)}"`,
  };
}
