import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateValue, secretComponents, shapeOf } from "../../src/remediation/generate.js";
import { seededRandom } from "./fakes.js";

const random = seededRandom("generate");
const b64 = (n: number) => randomBytes(n).toString("base64");

describe("shapeOf / generateValue", () => {
  it("keeps base64 keys base64 of the same byte length", () => {
    const old = b64(64);
    const shape = shapeOf(old);
    expect(shape).toEqual({ kind: "base64", bytes: 64, padded: true });
    const next = generateValue(shape, random);
    expect(next).not.toBe(old);
    expect(next).toHaveLength(old.length);
    expect(Buffer.from(next, "base64")).toHaveLength(64);
  });

  it("keeps hex as hex of the same length and case", () => {
    const old = randomBytes(16).toString("hex").toUpperCase().replace(/^./, "A");
    const next = generateValue(shapeOf(old), random);
    expect(next).toMatch(/^[0-9A-F]{32}$/);
  });

  it("keeps length and character classes of a password", () => {
    const old = `Ab3!${randomBytes(8).toString("hex")}`;
    const next = generateValue(shapeOf(old), random);
    expect(next).toHaveLength(old.length);
    expect(next).toMatch(/[a-z]/);
    expect(next).toMatch(/[A-Z]/);
    expect(next).toMatch(/\d/);
    expect(next).toMatch(/^[A-Za-z0-9!]+$/);
    expect(next).toContain("!");
  });

  it("changes only the secret component of a connection string", () => {
    const key = b64(64);
    const old = `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${key};EndpointSuffix=core.windows.net`;
    const next = generateValue(shapeOf(old), random);
    const [span] = secretComponents(next);
    expect(span).toBeDefined();
    const newKey = next.slice(span?.start, span?.end);
    expect(newKey).not.toBe(key);
    expect(Buffer.from(newKey, "base64")).toHaveLength(64);
    expect(next.replace(newKey, "K")).toBe(old.replace(key, "K"));
  });

  it("finds URL passwords, query passwords and braced SQL passwords", () => {
    const pw = randomBytes(6).toString("hex");
    const url = `postgres://app:${pw}@db.internal:5432/app?sslmode=require`;
    const jdbc = `jdbc:mysql://db:3306/app?user=app&password=${pw}`;
    const sql = `Server=tcp:x.database.windows.net;User ID=app;Password={${pw};x};Encrypt=true`;
    const part = (v: string) => secretComponents(v).map((s) => v.slice(s.start, s.end));
    expect(part(url)).toEqual([pw]);
    expect(part(jdbc)).toEqual([pw]);
    expect(part(sql)).toEqual([`${pw};x`]);
    expect(part(b64(32))).toEqual([]);
  });

  it("refuses multi-line values (keys, certificates) with a clear error", () => {
    const shape = shapeOf(`-----BEGIN PRIVATE KEY-----\n${b64(48)}\n-----END PRIVATE KEY-----`);
    expect(shape.kind).toBe("unsupported");
    expect(() => generateValue(shape, random)).toThrow(/rotate it by hand/);
  });

  it("property: same length, alphabet, and every character class", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 60 }), (old) => {
        fc.pre(!/[\r\n;?]/.test(old) && !/^\s*[[{]/.test(old) && !old.includes("://"));
        const shape = shapeOf(old);
        if (shape.kind === "unsupported" || shape.kind === "composite") return;
        const next = generateValue(shape, random);
        if (shape.kind === "chars") {
          expect(next).toHaveLength(old.length);
          const alphabet = new Set(shape.classes.join(""));
          expect([...next].every((c) => alphabet.has(c))).toBe(true);
          if (old.length >= shape.classes.length) {
            for (const cls of shape.classes) expect([...next].some((c) => cls.includes(c))).toBe(true);
          }
        } else {
          expect(next).toHaveLength(old.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
