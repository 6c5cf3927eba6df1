import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/core/config/config.js";
import { parseConfig } from "../../../src/core/config/parse.js";

const parse = (text: string) => parseConfig(text, ".leakstop.yml");

describe("config validation", () => {
  it("accepts an empty file and fills defaults", () => {
    const c = parse("");
    expect(c.ignoreFile).toBe(".leakstopignore");
    expect(c.allowlist.paths).toEqual([]);
  });
  it("names file, line and key for an unknown key", () => {
    expect(() => parse("version: 1\nallowlist:\n  pathz: [a]\n")).toThrow(
      /^\.leakstop\.yml:3:3: unknown key 'allowlist.pathz'; known keys here: paths, values, stopwords, rules$/,
    );
  });
  it("names file, line and key for a wrong type", () => {
    expect(() => parse("allowlist:\n  paths: docs/**\n")).toThrow(
      /^\.leakstop\.yml:2:10: key 'allowlist\.paths' must be array/,
    );
  });
  it("names the missing key of a custom rule", () => {
    expect(() => parse("rules:\n  - id: x\n    pattern: abc\n")).toThrow(
      /:2:5: key 'rules\[0\]' is missing required key 'keywords'/,
    );
  });
  it("reports an invalid regular expression at its line", () => {
    expect(() => parse("rules:\n  - id: x\n    keywords: [ab]\n    pattern: 'a(b'\n")).toThrow(
      /:4:14: rules\.0\.pattern: invalid regular expression/,
    );
  });
  it("reports broken YAML with its position", () => {
    const err = (() => {
      try {
        parse("allowlist:\n  paths: [a\n");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/^\.leakstop\.yml:\d+:\d+: invalid YAML/);
  });
});
