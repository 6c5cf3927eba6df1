/**
 * AI providers: OpenAI and Anthropic API keys, and by their prefixes Hugging Face, Groq,
 * Replicate, Perplexity, xAI, OpenRouter, LangSmith, Pinecone, ElevenLabs, Fireworks,
 * Cerebras; Cohere, Mistral, DeepSeek, Together and Weights & Biases beside their names.
 */
import type { Rule, RuleExamples } from "../types.js";
import { named, type TokenSpec, tokenExamples, tokenRule } from "./define.js";
import { ALNUM, BASE64URL, Faker, HEX } from "./fake.js";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export const specs: readonly TokenSpec[] = [
  {
    id: "huggingface-token",
    title: "Hugging Face access token",
    provider: "Hugging Face",
    keywords: ["hf_", "api_org_"],
    token: "hf_[A-Za-z]{34}|api_org_[A-Za-z]{34}",
    maxLength: 42,
    minEntropy: 3.5,
    reference: "https://huggingface.co/docs/hub/security-tokens",
    fake: (f) => `hf_${f.chars(LETTERS, 34)}`,
  },
  {
    id: "groq-api-key",
    title: "Groq API key",
    provider: "Groq",
    keywords: ["gsk_"],
    token: "gsk_[A-Za-z0-9]{52}",
    maxLength: 56,
    fake: (f) => `gsk_${f.chars(ALNUM, 52)}`,
  },
  {
    id: "replicate-api-token",
    title: "Replicate API token",
    provider: "Replicate",
    keywords: ["r8_"],
    token: "r8_[A-Za-z0-9]{37}",
    maxLength: 40,
    fake: (f) => `r8_${f.chars(ALNUM, 37)}`,
  },
  {
    id: "perplexity-api-key",
    title: "Perplexity API key",
    provider: "Perplexity",
    keywords: ["pplx-"],
    token: "pplx-[A-Za-z0-9]{48}",
    maxLength: 53,
    reference: "https://docs.perplexity.ai/guides/api-key-management",
    fake: (f) => `pplx-${f.chars(ALNUM, 48)}`,
  },
  {
    id: "xai-api-key",
    title: "xAI API key",
    provider: "xAI",
    keywords: ["xai-"],
    token: "xai-[A-Za-z0-9]{80}",
    maxLength: 84,
    fake: (f) => `xai-${f.chars(ALNUM, 80)}`,
  },
  {
    id: "openrouter-api-key",
    title: "OpenRouter API key",
    provider: "OpenRouter",
    keywords: ["sk-or-v1-"],
    token: "sk-or-v1-[a-f0-9]{64}",
    maxLength: 73,
    fake: (f) => `sk-or-v1-${f.chars(HEX, 64)}`,
  },
  {
    id: "langsmith-api-key",
    title: "LangSmith API key",
    provider: "LangChain",
    keywords: ["lsv2_pt_", "lsv2_sk_"],
    token: "lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}",
    maxLength: 51,
    fake: (f) => `lsv2_pt_${f.chars(HEX, 32)}_${f.chars(HEX, 10)}`,
  },
  {
    id: "pinecone-api-key",
    title: "Pinecone API key",
    provider: "Pinecone",
    keywords: ["pcsk_"],
    token: "pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{40,80}",
    maxLength: 94,
    fake: (f) => `pcsk_${f.chars(ALNUM, 6)}_${f.chars(ALNUM, 63)}`,
  },
  {
    id: "elevenlabs-api-key",
    title: "ElevenLabs API key",
    provider: "ElevenLabs",
    keywords: ["sk_"],
    token: "sk_[a-f0-9]{48}",
    maxLength: 51,
    fake: (f) => `sk_${f.chars(HEX, 48)}`,
  },
  {
    id: "fireworks-api-key",
    title: "Fireworks AI API key",
    provider: "Fireworks AI",
    keywords: ["fw_"],
    token: "fw_[A-Za-z0-9]{24}",
    maxLength: 27,
    minEntropy: 3.5,
    fake: (f) => `fw_${f.chars(ALNUM, 24)}`,
  },
  {
    id: "cerebras-api-key",
    title: "Cerebras API key",
    provider: "Cerebras",
    keywords: ["csk-"],
    token: "csk-[a-z0-9]{48}",
    maxLength: 52,
    fake: (f) => `csk-${f.chars("abcdefghijklmnopqrstuvwxyz0123456789", 48)}`,
  },
  named({
    id: "cohere-api-key",
    title: "Cohere API key",
    provider: "Cohere",
    names: ["cohere", "co_api"],
    what: "key|token",
    value: "[A-Za-z0-9]{40}",
    maxValueLength: 40,
    exampleName: "COHERE_API_KEY",
    fake: (f) => f.chars(ALNUM, 40),
  }),
  named({
    id: "mistral-api-key",
    title: "Mistral AI API key",
    provider: "Mistral AI",
    names: ["mistral"],
    what: "key|token",
    value: "[A-Za-z0-9]{32}",
    maxValueLength: 32,
    exampleName: "MISTRAL_API_KEY",
    fake: (f) => f.chars(ALNUM, 32),
  }),
  named({
    id: "deepseek-api-key",
    title: "DeepSeek API key",
    provider: "DeepSeek",
    names: ["deepseek"],
    what: "key|token",
    value: "sk-[a-f0-9]{32}",
    maxValueLength: 35,
    exampleName: "DEEPSEEK_API_KEY",
    fake: (f) => `sk-${f.chars(HEX, 32)}`,
  }),
  named({
    id: "together-api-key",
    title: "Together AI API key",
    provider: "Together AI",
    names: ["together"],
    what: "key|token",
    value: "(?:tgp_v1_)?[A-Za-z0-9_-]{43,64}",
    maxValueLength: 72,
    exampleName: "TOGETHER_API_KEY",
    reference: "https://docs.together.ai/docs/multiple-api-keys",
    fake: (f) => `tgp_v1_${f.chars(BASE64URL, 43)}`,
  }),
  named({
    id: "wandb-api-key",
    title: "Weights & Biases API key",
    provider: "Weights & Biases",
    names: ["wandb"],
    what: "key|token",
    value: "[a-f0-9]{40}",
    maxValueLength: 40,
    exampleName: "WANDB_API_KEY",
    fake: (f) => f.chars(HEX, 40),
  }),
];

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
  ...specs.map(tokenRule),
];

export function examples(): RuleExamples {
  const tokens = tokenExamples(specs, 97);
  const f = new Faker(43);
  const legacy = `sk-${f.chars(ALNUM, 20)}T3BlbkFJ${f.chars(ALNUM, 20)}`;
  const project = `sk-proj-${f.chars(BASE64URL, 74)}T3BlbkFJ${f.chars(BASE64URL, 74)}`;
  const ant = `sk-ant-api03-${f.chars(BASE64URL, 93)}AA`;
  return {
    truePositives: [
      ...tokens.truePositives,
      { text: `openai.api_key = "${legacy}"`, secret: legacy, path: "app.py" },
      { text: `OPENAI_API_KEY=${project}`, secret: project, path: ".env" },
      { text: `const client = new Anthropic({ apiKey: "${ant}" });`, secret: ant },
    ],
    falsePositives: [
      ...tokens.falsePositives,
      { text: 'OPENAI_API_KEY="sk-..."' },
      { text: "ANTHROPIC_API_KEY=sk-ant-api03-xxxxxxxx", path: ".env" },
    ],
  };
}
