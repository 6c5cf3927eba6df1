import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/core/config/config.js";
import { parseConfig } from "../../../src/core/config/parse.js";
import { assertLinearPattern } from "../../../src/core/rules/redos.js";

const config = (pattern: string) =>
  `version: 1\nrules:\n  - id: acme-token\n    keywords: [acme_]\n    pattern: '${pattern}'\n`;

describe("custom rules' ReDoS guard", () => {
  // `acme_(a+)+$` took 12 s on 35 characters, doubling with each one more.
  it.each(["acme_(a+)+$", "acme_(\\w+\\s?)*$", "acme_([a-z]*)*x", "(?<![a-z])acme_(?:[0-9]+)+z"])(
    "refuses %s at load, naming the rule and the place",
    (pattern) => {
      const started = performance.now();
      const err = (() => {
        try {
          parseConfig(config(pattern), ".leakstop.yml");
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(
        /^\.leakstop\.yml:5:\d+: Custom rule 'acme-token': pattern .* can backtrack catastrophically/,
      );
      expect(performance.now() - started).toBeLessThan(1000);
    },
  );

  it.each([
    "acme_(?<secret>[a-z0-9]{32})",
    "(?<![A-Za-z0-9_])acme_[A-Za-z0-9]{20,40}(?![A-Za-z0-9_])",
    "acme-(?:live|test)-[0-9a-f]{8}-[0-9a-f]{4}",
    "token=(?<secret>[^&\\s]{8,200})",
  ])("accepts %s", (pattern) => {
    expect(() => parseConfig(config(pattern), ".leakstop.yml")).not.toThrow();
    expect(() => assertLinearPattern("x", pattern)).not.toThrow();
  });
});
