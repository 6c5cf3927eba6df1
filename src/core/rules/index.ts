/**
 * The built-in rules, most specific first: when two rules claim the same characters, the
 * earlier one wins, so provider rules come before URL credentials and generic assignments.
 * Only `rules` is imported here so that bundles leave the examples out.
 */
import type { Rule } from "../types.js";
import { rules as ai } from "./ai.js";
import { rules as aws } from "./aws.js";
import { rules as azure } from "./azure.js";
import { rules as azureServices } from "./azure-services.js";
import { rules as cloud } from "./cloud.js";
import { rules as database } from "./database.js";
import { rules as devtools } from "./devtools.js";
import { rules as generic } from "./generic.js";
import { rules as github } from "./github.js";
import { rules as google } from "./google.js";
import { rules as jwt } from "./jwt.js";
import { rules as messaging } from "./messaging.js";
import { rules as observability } from "./observability.js";
import { rules as packages } from "./packages.js";
import { rules as privatekey } from "./privatekey.js";
import { rules as saas } from "./saas.js";
import { rules as slack } from "./slack.js";
import { rules as social } from "./social.js";
import { rules as stripe } from "./stripe.js";

/** Every built-in rule, in precedence order. */
export const builtinRules: readonly Rule[] = [
  ...azure,
  ...azureServices,
  ...github,
  ...aws,
  ...slack,
  ...stripe,
  ...google,
  ...privatekey,
  ...ai,
  ...packages,
  ...messaging,
  ...devtools,
  ...observability,
  ...saas,
  ...social,
  ...cloud,
  ...jwt,
  ...database,
  ...generic,
];
