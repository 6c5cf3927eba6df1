/** AI providers: OpenAI and Anthropic API keys. */
import type { Rule, RuleExamples } from "../types.js";
import { ALNUM, BASE64URL, Faker } from "./fake.js";

export const rules: readonly Rule[] = [
  {
    id: "openai-api-key",
    title: "OpenAI API key",
    keywords: ["t3blbkfj", "sk-proj-", "sk-svcacct-", "sk-admin-"],
    pattern:
      /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200}(?![A-Za-z0-9_-])|(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,250}(?![A-Za-z0-9_-])/,
    minEntropy: 4,
    reference: "https://platform.openai.com/docs/api-reference/authentication",
    remediation: "Revoke the key in the OpenAI platform (API keys) and review usage.",
  },
  {
    id: "anthropic-api-key",
    title: "Anthropic API key",
    keywords: ["sk-ant-"],
    pattern: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_-]{80,120}(?![A-Za-z0-9_-])/,
    minEntropy: 4,
    reference: "https://docs.anthropic.com/en/api/overview",
    remediation: "Disable the key in the Anthropic Console (API keys) and review usage.",
  },
];

export function examples(): RuleExamples {
  const f = new Faker(43);
  const legacy = `sk-${f.chars(ALNUM, 20)}T3BlbkFJ${f.chars(ALNUM, 20)}`;
  const project = `sk-proj-${f.chars(BASE64URL, 74)}T3BlbkFJ${f.chars(BASE64URL, 74)}`;
  const ant = `sk-ant-api03-${f.chars(BASE64URL, 93)}AA`;
  return {
    truePositives: [
      { text: `openai.api_key = "${legacy}"`, secret: legacy, path: "app.py" },
      { text: `OPENAI_API_KEY=${project}`, secret: project, path: ".env" },
      { text: `const client = new Anthropic({ apiKey: "${ant}" });`, secret: ant },
    ],
    falsePositives: [
      { text: 'OPENAI_API_KEY="sk-..."' },
      { text: "ANTHROPIC_API_KEY=sk-ant-api03-xxxxxxxx", path: ".env" },
    ],
  };
}
