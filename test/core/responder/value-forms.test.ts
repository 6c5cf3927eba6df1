/**
 * The decoding primitives that both the vault index (valueForms) and holder matching and
 * rewriting (remediation/holders.ts) read values through: one definition of "base64 text",
 * "percent-encoded" and "JSON-escaped" for both.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  base64Text,
  envAssignments,
  jsonStringFields,
  jsonUnescaped,
  percentDecoded,
  valueForms,
} from "../../../src/core/responder/value-forms.js";
import { secretComponents, shapeOf } from "../../../src/remediation/generate.js";
import { holderViews } from "../../../src/remediation/holders.js";

describe("value forms", () => {
  it("base64Text: canonical base64 of UTF-8 text only; random key bytes are not a wrapping", () => {
    const text = `password=${randomBytes(9).toString("hex")}\n`;
    expect(base64Text(Buffer.from(text).toString("base64"))).toBe(text);
    expect(base64Text(Buffer.from("pässwört-123").toString("base64"))).toBe("pässwört-123");
    expect(base64Text(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x90]).toString("base64"))).toBeUndefined();
    expect(base64Text("QUJDREVGR0g=x")).toBeUndefined();
    // Non-canonical padding bits spell the same bytes a second way: refused.
    expect(base64Text("QUJDREVGR0h=")).toBeUndefined();
  });

  it("percentDecoded and jsonUnescaped only answer for values that carry escapes", () => {
    expect(percentDecoded("p%40ss%2Fw0rd")).toBe("p@ss/w0rd");
    expect(percentDecoded("plain-value")).toBeUndefined();
    expect(percentDecoded("bad%E0%A4%A")).toBeUndefined();
    expect(jsonUnescaped("line1\\nline2 \\u0041")).toBe("line1\nline2 A");
    expect(jsonUnescaped("no escapes")).toBeUndefined();
  });

  it("jsonStringFields walks nested fields by RFC 6901 pointer, bounded", () => {
    const json = JSON.stringify({ a: "x", "b/c": { "d~e": ["y", "z"] } });
    expect(jsonStringFields(json)).toEqual([
      ["/a", "x"],
      ["/b~1c/d~0e/0", "y"],
      ["/b~1c/d~0e/1", "z"],
    ]);
    expect(jsonStringFields(json, 1)).toHaveLength(1);
    expect(jsonStringFields("not json")).toEqual([]);
  });

  it("the vault index and holder matching read a base64-wrapped JSON secret the same way", () => {
    const password = `Pw-${randomBytes(12).toString("hex")}`;
    const stored = Buffer.from(JSON.stringify({ username: "app", password })).toString("base64");
    expect(valueForms(stored)).toContain(password);
    const views = holderViews(stored)
      .filter((v) => v.text === password)
      .map((v) => v.location);
    expect(views).toContainEqual(expect.objectContaining({ encoding: "base64", jsonPointer: "/password" }));
  });

  it("Redis configuration strings and env files: the vault index finds the credential in them", () => {
    const key = randomBytes(32).toString("base64");
    const pw = `Pw${randomBytes(9).toString("hex")}`;
    expect(valueForms(`cache1.redis.cache.windows.net:6380,password=${key},ssl=True,abortConnect=False`)).toContain(
      key,
    );
    const env = `# comment\nexport DB_PASSWORD='${pw}'\nDATABASE_URL=mysql://app:${pw}@db:3306/app\nHOSTNAME=web-frontend-01\n`;
    const forms = valueForms(env);
    expect(forms).toContain(pw);
    // Non-credential lines are not indexed as forms (they would only fill the bound).
    expect(forms).not.toContain("web-frontend-01");
  });

  it("envAssignments: every line KEY=value, quotes are syntax, comments end unquoted values", () => {
    const env = 'A_TOKEN="x y"\n\n# c\nexport B_KEY=abc # note\r\nC=\n';
    expect(envAssignments(env)?.map((a) => [a.key, env.slice(a.start, a.end)])).toEqual([
      ["A_TOKEN", "x y"],
      ["B_KEY", "abc"],
    ]);
    // Other forms are not env files: a connection string, a query string, free text, a base64 key.
    expect(envAssignments("Server=x;Password=y")).toBeUndefined();
    expect(envAssignments("sv=2022-11-02&sig=abc")).toBeUndefined();
    expect(envAssignments("just a secret value")).toBeUndefined();
    expect(envAssignments("line one\nKEY=v")).toBeUndefined();
  });

  it("a vault-only successor of an env file redraws only its credentials, keeping every other line", () => {
    const env = `DB_HOST=db.internal\nDB_PASSWORD=${randomBytes(12).toString("hex")}\nDATABASE_URL=postgres://app:${randomBytes(12).toString("hex")}@db:5432/app\n`;
    const spans = secretComponents(env).map((s) => env.slice(s.start, s.end));
    expect(spans).toHaveLength(2);
    expect(spans.every((s) => /^[0-9a-f]{24}$/.test(s))).toBe(true);
    expect(shapeOf(env).kind).toBe("composite");
  });
});
