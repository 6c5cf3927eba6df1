/** Each provider's examples, for the parameterized rule test. Never imported at run time. */
import type { RuleExamples } from "../types.js";
import * as ai from "./ai.js";
import * as aws from "./aws.js";
import * as azure from "./azure.js";
import * as azureServices from "./azure-services.js";
import * as cloud from "./cloud.js";
import * as database from "./database.js";
import * as devtools from "./devtools.js";
import * as generic from "./generic.js";
import * as github from "./github.js";
import * as google from "./google.js";
import * as jwt from "./jwt.js";
import * as messaging from "./messaging.js";
import * as observability from "./observability.js";
import * as packages from "./packages.js";
import * as privatekey from "./privatekey.js";
import * as saas from "./saas.js";
import * as slack from "./slack.js";
import * as social from "./social.js";
import * as stripe from "./stripe.js";

const PROVIDERS = {
  azure,
  "azure-services": azureServices,
  github,
  aws,
  slack,
  stripe,
  google,
  privatekey,
  ai,
  packages,
  messaging,
  devtools,
  observability,
  saas,
  social,
  cloud,
  jwt,
  database,
  generic,
};

export function builtinExamples(): Array<{ provider: string; examples: RuleExamples }> {
  return Object.entries(PROVIDERS).map(([provider, p]) => ({ provider, examples: p.examples() }));
}
