/**
 * The service's own keys (webhook secrets, the incident key, the vault index key, Event Grid
 * keys) are masked on every log line, as a safety net behind code that never logs them.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../../src/core/scan/engine.js";
import { createLogger } from "../../../src/entrypoints/server/log.js";
import { serviceSecrets } from "../../../src/entrypoints/server/run.js";
import { parseServerSettings } from "../../../src/entrypoints/server/settings.js";

// Plain hex (no rule would find it): only the exact-value masking can hide it.
const key = () => randomBytes(24).toString("hex");

describe("the service's own keys", () => {
  it("never reach a log line, on the root logger or a delivery's", () => {
    const env = {
      GITHUB_TOKEN: "t",
      LEAKSTOP_WEBHOOK_SECRET: key(),
      LEAKSTOP_WEBHOOK_SECRET_PREVIOUS: key(),
      LEAKSTOP_INCIDENT_KEY: key(),
      LEAKSTOP_INDEX_KEY: key(),
      LEAKSTOP_EVENTGRID_KEY: key(),
    };
    const settings = parseServerSettings(env);
    const secrets = serviceSecrets(settings);
    const values = Object.entries(env)
      .filter(([k]) => k !== "GITHUB_TOKEN")
      .map(([, v]) => v);
    expect([...secrets].sort()).toEqual([...values].sort());

    const lines: string[] = [];
    const logger = createLogger({ engine: createEngine(), write: (l) => lines.push(l) });
    for (const v of secrets) logger.addSensitive(v);
    logger.info(`oops: ${values.join(" ")}`, { error: new Error(values.join(",")) });
    logger.child({ delivery: "d1" }).warn("delivery", { detail: values });
    const out = lines.join("");
    expect(out).toContain("oops");
    for (const v of values) expect(out).not.toContain(v);
  });
});
