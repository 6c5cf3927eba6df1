/**
 * The built-in rules, most specific first: when two rules claim the same characters, the
 * earlier one wins, so provider rules come before URL credentials and generic assignments.
 */
import type { Rule, RuleExamples } from "../types.js";
import * as ai from "./ai.js";
import * as aws from "./aws.js";
import * as azure from "./azure.js";
import * as database from "./database.js";
import * as generic from "./generic.js";
import * as github from "./github.js";
import * as google from "./google.js";
import * as jwt from "./jwt.js";
import * as messaging from "./messaging.js";
import * as packages from "./packages.js";
import * as privatekey from "./privatekey.js";
import * as slack from "./slack.js";
import * as stripe from "./stripe.js";

const PROVIDERS = [azure, github, aws, slack, stripe, google, privatekey, ai, packages, messaging, jwt, database, generic];

/** Every built-in rule, in precedence order. */
export const builtinRules: readonly Rule[] = PROVIDERS.flatMap((p) => p.rules);

/** Each provider's examples, for the parameterized rule test. Not used at run time. */
export function builtinExamples(): Array<{ provider: string; examples: RuleExamples }> {
  const names = ["azure", "github", "aws", "slack", "stripe", "google", "privatekey", "ai", "packages", "messaging", "jwt", "database", "generic"];
  return PROVIDERS.map((p, i) => ({ provider: names[i] ?? String(i), examples: p.examples() }));
}
