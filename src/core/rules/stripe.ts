/** Stripe API keys and webhook signing secrets. Reference: https://docs.stripe.com/keys */
import type { Rule, RuleExamples } from "../types.js";
import { ALNUM, Faker } from "./fake.js";

export const rules: readonly Rule[] = [
  {
    id: "stripe-secret-key",
    title: "Stripe secret or restricted key",
    keywords: ["sk_live_", "rk_live_", "sk_test_", "rk_test_"],
    pattern: /(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])/,
    minEntropy: 3.5,
    reference: "https://docs.stripe.com/keys",
    remediation: "Roll the key in the Stripe dashboard (Developers → API keys).",
  },
  {
    id: "stripe-webhook-secret",
    title: "Stripe webhook signing secret",
    keywords: ["whsec_"],
    pattern: /(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/]{32,64}(?![A-Za-z0-9_])/,
    minEntropy: 3.5,
    reference: "https://docs.stripe.com/webhooks",
    remediation: "Roll the endpoint's signing secret in the Stripe dashboard.",
  },
];

export function examples(): RuleExamples {
  const f = new Faker(19);
  const live = `sk_live_${f.chars(ALNUM, 99)}`;
  const restricted = `rk_live_${f.chars(ALNUM, 24)}`;
  const hook = `whsec_${f.chars(ALNUM, 32)}`;
  return {
    truePositives: [
      { text: `Stripe.api_key = "${live}"`, secret: live, path: "billing.rb" },
      { text: `STRIPE_KEY=${restricted}`, secret: restricted, path: ".env" },
      { text: `endpointSecret = '${hook}';`, secret: hook },
    ],
    falsePositives: [
      { text: 'stripe.api_key = "sk_live_..."' },
      { text: "STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx" },
    ],
  };
}
