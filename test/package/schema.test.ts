/**
 * schema/leakstop.schema.json is what editors validate `.leakstop.yml` with: it must be the schema
 * the code validates with, and the README's configuration examples must pass it.
 */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CONFIG_SCHEMA } from "../../src/core/config/schema.js";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

describe("schema/leakstop.schema.json", () => {
  const published = JSON.parse(read("schema/leakstop.schema.json"));

  it("is the configuration schema of src/core/config/schema.ts (npm run schema)", () => {
    expect(published).toEqual(CONFIG_SCHEMA);
  });

  it("accepts every configuration example in the README, and each names the schema", () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(published);
    const blocks = [...read("README.md").matchAll(/```yaml\n(# yaml-language-server: \$schema=[^\n]+\n[\s\S]*?)```/g)];
    expect(blocks.length).toBeGreaterThan(0);
    for (const [, text] of blocks) {
      expect(text).toMatch(/^# yaml-language-server: \$schema=\S*leakstop\.schema\.json\n/);
      expect(validate(parse(text ?? "")), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});
