import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VERSION } from "../src/version.js";

describe("runtime", () => {
  it("runs on Node 24 or later (the Actions runtime), not a silent fall-back to the machine's Node", () => {
    const major = Number(process.versions.node.split(".")[0]);
    expect(major, `process.version is ${process.version}`).toBeGreaterThanOrEqual(24);
  });
  it("reports the version in package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
