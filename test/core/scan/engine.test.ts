import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/core/config/config.js";
import { createEngine } from "../../../src/core/scan/engine.js";

describe("createEngine: a custom rule with a built-in rule's id", () => {
  it("replaces the built-in rule (one rule per id) and says so in a notice", () => {
    const config = {
      ...defaultConfig(),
      rules: [{ id: "github-pat", keywords: ["acme_"], pattern: "acme_[a-z]{8}" }],
    };
    const engine = createEngine({ config });
    expect(engine.rules.filter((r) => r.id === "github-pat")).toHaveLength(1);
    expect(engine.rules.find((r) => r.id === "github-pat")?.keywords).toEqual(["acme_"]);
    expect(engine.notices).toEqual([
      "Custom rule 'github-pat' replaces the built-in rule with that id; give it another id to keep both.",
    ]);
    expect(createEngine().notices).toEqual([]);
  });
});
