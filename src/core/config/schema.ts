/**
 * JSON Schema of `.leakstop.yml` / `.github/leakstop.yml`. Published as
 * `schema/leakstop.schema.json` so editors can validate and complete it.
 */
export const CONFIG_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://leakstop.dev/schema/leakstop.schema.json",
  title: "leakstop configuration",
  type: "object",
  additionalProperties: false,
  properties: {
    version: { const: 1, description: "Configuration format version." },
    rules: {
      type: "array",
      description: "Custom rules, checked after the built-in ones.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "pattern", "keywords"],
        properties: {
          id: { type: "string", pattern: "^[a-z0-9][a-z0-9-]*$", description: "Rule id (kebab-case)." },
          title: { type: "string" },
          pattern: {
            type: "string",
            minLength: 1,
            description: "Regular expression; a group named `secret` marks the value.",
          },
          keywords: {
            type: "array",
            minItems: 1,
            items: { type: "string", minLength: 2 },
            description: "Literals of which one must occur near a match (checked before the pattern runs).",
          },
          caseInsensitive: { type: "boolean" },
          minEntropy: { type: "number", minimum: 0, maximum: 8 },
          reference: { type: "string" },
        },
      },
    },
    disabledRules: { type: "array", items: { type: "string" }, description: "Built-in rule ids to turn off." },
    allowlist: {
      type: "object",
      additionalProperties: false,
      properties: {
        paths: { type: "array", items: { type: "string" }, description: "Glob patterns of paths never reported." },
        values: {
          type: "array",
          items: { type: "string" },
          description: "Regular expressions; a secret matching one is not reported.",
        },
        stopwords: {
          type: "array",
          items: { type: "string" },
          description: "Words; a secret containing one (case-insensitively) is not reported.",
        },
        rules: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["rule", "paths"],
            properties: { rule: { type: "string" }, paths: { type: "array", items: { type: "string" } } },
          },
          description: "Paths where one rule is off.",
        },
      },
    },
    ignoreFile: { type: "string", description: "File of ignored fingerprints (default .leakstopignore)." },
    maxFileSizeInMB: { type: "number", exclusiveMinimum: 0, description: "Larger files are skipped with a notice." },
    vaults: {
      type: "array",
      description: "Key Vaults searched for the leaked value (used by the responder).",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["url"],
        properties: {
          url: { type: "string", pattern: "^https://" },
          namePattern: { type: "string" },
          tags: { type: "object", additionalProperties: { type: "string" } },
          maxRequests: {
            type: "integer",
            minimum: 1,
            description: "Key Vault requests per run when searching this vault for a leak's holder (default 600).",
          },
        },
      },
    },
    mappings: {
      type: "array",
      description:
        "Where to look for a leak's vault secret (outside the searched vaults or names); acts only when that secret holds the leaked value.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["secret"],
        properties: {
          rule: { type: "string" },
          path: { type: "string" },
          vault: { type: "string", pattern: "^https://" },
          secret: { type: "string" },
        },
      },
    },
    rotation: {
      type: "object",
      additionalProperties: false,
      properties: {
        validityDays: { type: "integer", minimum: 1, description: "Expiry set on new versions." },
      },
    },
  },
} as const;
