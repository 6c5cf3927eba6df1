import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entropyBits, generateValue, secretComponents, shapeOf } from "../../src/remediation/generate.js";
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
        if (shape.kind === "unsupported" || shape.kind === "composite" || shape.kind === "percent-encoded") return;
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

/**
 * Upper bound of a value's entropy in bits, from the smallest usual alphabet holding it: hex
 * (4 bits a character), base64 of N bytes (8N), else its length times log2 of its classes.
 */
function bits(value: string): number {
  if ((/^[0-9a-f]+$/.test(value) || /^[0-9A-F]+$/.test(value)) && /[a-f]/i.test(value)) return value.length * 4;
  const shape = shapeOf(value);
  if (shape.kind === "base64") return shape.bytes * 8;
  const classes = [/[a-z]/, /[A-Z]/, /\d/];
  let alphabet = classes.reduce((n, re, i) => n + (re.test(value) ? ([26, 26, 10][i] ?? 0) : 0), 0);
  alphabet += new Set(value.replace(/[a-zA-Z0-9]/g, "")).size;
  return [...value].length * Math.log2(Math.max(alphabet, 1));
}

const safeText = fc
  .string({ unit: "grapheme-ascii", minLength: 1, maxLength: 40 })
  .filter((s) => !/[\r\n;?"'%]/.test(s) && !/^\s*[[{]/.test(s) && !s.includes("://") && !s.includes("="));

describe("the generator keeps the format of vault-only secrets and is never weaker", () => {
  it("property: a percent-encoded value gets a percent-encoded successor that decodes to the same shape", () => {
    fc.assert(
      fc.property(safeText, (raw) => {
        const old = encodeURIComponent(`${raw}@/`);
        const shape = shapeOf(old);
        expect(shape.kind).toBe("percent-encoded");
        const next = generateValue(shape, random);
        const decoded = decodeURIComponent(next);
        expect(encodeURIComponent(decoded)).toBe(next);
        expect(decoded).toHaveLength(decodeURIComponent(old).length);
        expect(entropyBits(shape)).toBeGreaterThanOrEqual(bits(decodeURIComponent(old)) - 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it("property: a quoted value keeps its quotes, and the quoted part its shape and strength", () => {
    fc.assert(
      fc.property(safeText, fc.constantFrom('"', "'"), (raw, q) => {
        fc.pre(raw.length >= 2);
        const shape = shapeOf(`${q}${raw}${q}`);
        const next = generateValue(shape, random);
        expect(next.startsWith(q) && next.endsWith(q)).toBe(true);
        expect(next).toHaveLength(raw.length + 2);
        expect(entropyBits(shape)).toBeGreaterThanOrEqual(bits(raw) - 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it("property: a UUID gets a random version-4 UUID in the same case", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.boolean(), (uuid, upper) => {
        const old = upper ? uuid.toUpperCase() : uuid.toLowerCase();
        const next = generateValue(shapeOf(old), random);
        expect(next).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
        // A UUID of digits only has no case to keep (fast-check found 00000000-0000-1000-8000-…).
        if (/[a-f]/i.test(old)) expect(next === next.toUpperCase()).toBe(upper || !/[a-f]/i.test(next));
        expect(next).not.toBe(old);
      }),
      { numRuns: 100 },
    );
  });

  it("property: never a weaker successor (length, alphabet, entropy at least the old value's)", () => {
    fc.assert(
      fc.property(safeText, (old) => {
        const shape = shapeOf(old);
        if (shape.kind === "unsupported") return;
        const next = generateValue(shape, random);
        expect([...next].length).toBeGreaterThanOrEqual([...old].length);
        if (shape.kind === "chars") {
          const alphabet = new Set(shape.classes.join(""));
          for (const c of old) expect(alphabet.has(c)).toBe(true);
        }
        if (shape.kind === "base64") expect(Buffer.from(next, "base64").length).toBe(shape.bytes);
        expect(entropyBits(shape)).toBeGreaterThanOrEqual(bits(old) - 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it("regenerates only the password of a JSON {username, password} secret, keeping it valid JSON", () => {
    const pw = `Aa1!${randomBytes(10).toString("hex")}`;
    const old = JSON.stringify({ username: "app", password: pw, host: "db.internal" }, null, 2);
    const shape = shapeOf(old);
    expect(shape.kind).toBe("composite");
    const next = JSON.parse(generateValue(shape, random)) as Record<string, string>;
    expect(next.username).toBe("app");
    expect(next.host).toBe("db.internal");
    expect(next.password).toHaveLength(pw.length);
    expect(next.password).not.toBe(pw);
    expect(shapeOf(JSON.stringify({ password: "a\\b" })).kind).toBe("unsupported");
  });

  it("keeps a trailing LF or CRLF", () => {
    for (const eol of ["\n", "\r\n"]) {
      const next = generateValue(shapeOf(`${b64(32)}${eol}`), random);
      expect(next.endsWith(eol) && !next.slice(0, -eol.length).includes("\n")).toBe(true);
      expect(Buffer.from(next.trim(), "base64")).toHaveLength(32);
    }
  });

  it("keeps a percent-encoded password inside a database URL well-formed", () => {
    const old = `postgres://app:${encodeURIComponent("p@ss/w:rd!x")}@db.internal:5432/app`;
    const next = generateValue(shapeOf(old), random);
    const [span] = secretComponents(next);
    const pw = next.slice(span?.start, span?.end);
    expect(encodeURIComponent(decodeURIComponent(pw))).toBe(pw);
    expect(new URL(next).host).toBe("db.internal:5432");
  });
});
