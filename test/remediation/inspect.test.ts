import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MASK } from "../../src/core/findings/redact.js";
import { Faker } from "../../src/core/rules/fake.js";
import { createEngine } from "../../src/core/scan/engine.js";
import { fromJsonLines, toJsonLines } from "../../src/remediation/audit.js";
import { createInspector } from "../../src/remediation/inspect.js";
import type { AuditRecord } from "../../src/remediation/ports.js";

const engine = createEngine();

describe("response inspection", () => {
  it("masks known sensitive values (and their connection-string components) and counts hits", () => {
    const key = randomBytes(64).toString("base64");
    const cs = `DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${key}`;
    const inspector = createInspector({ engine, sensitive: [cs] });
    const out = inspector.inspect(`the key ${key} and again ${key}`);
    expect(out).toBe(`the key ${MASK} and again ${MASK}`);
    expect(inspector.hits).toBe(2);
  });

  it("catches a secret nobody registered, through the engine", () => {
    const token = new Faker(7).githubToken("ghp_");
    const inspector = createInspector({ engine });
    const out = inspector.inspect(`comment: use ${token} for now`, "comment.md");
    expect(out).not.toContain(token);
    expect(out).toContain(MASK);
    expect(inspector.hits).toBe(1);
  });

  it("leaves ordinary responder text alone (fingerprints, version ids, URLs)", () => {
    const inspector = createInspector({ engine });
    const text = [
      "leakstop: rotated 'db-password' in https://contoso.vault.azure.net: new version 0a1b2c3d4e5f60718293a4b5c6d7e8f9",
      "- **Fingerprint:** `81745ac23c0e10d36f742c7a93dd59a5`",
      "<!-- leakstop:fingerprint=81745ac23c0e10d36f742c7a93dd59a5 -->",
      "leakstop-reason: leaked: generic-password in config/app.env",
    ].join("\n");
    expect(inspector.inspect(text)).toBe(text);
    expect(inspector.hits).toBe(0);
  });
});

describe("audit records", () => {
  it("round-trip as JSON lines", () => {
    const records: AuditRecord[] = [
      {
        time: "2024-06-01T00:00:00.000Z",
        action: "rotate",
        outcome: "ok",
        vault: "https://v",
        secret: "s",
        reason: "x",
      },
      { time: "2024-06-01T00:00:01.000Z", action: "skip", outcome: "skipped", reason: "y", delivery: "d-1" },
    ];
    const text = toJsonLines(records);
    expect(text.split("\n")).toHaveLength(3);
    expect(fromJsonLines(text)).toEqual(records);
  });
});
