import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fingerprint } from "../../../src/core/findings/fingerprint.js";
import { incidentKey } from "../../../src/core/findings/incident.js";
import { Faker } from "../../../src/core/rules/fake.js";
import { hmacSha256Hex, sha256Hex } from "../../../src/core/util/hash.js";

const f = new Faker(311);

describe("incident keys", () => {
  it("computes HMAC-SHA-256 and SHA-256 as node:crypto does (short, 64-byte and long keys, UTF-8)", () => {
    for (const key of ["", "k", "k".repeat(64), "ключ".repeat(40)]) {
      for (const text of ["", "hunter2secret", "ü€𝄞".repeat(50)]) {
        expect(hmacSha256Hex(key, text)).toBe(createHmac("sha256", key).update(text, "utf8").digest("hex"));
      }
    }
    expect(sha256Hex("abc")).toBe(createHash("sha256").update("abc").digest("hex"));
  });

  it("is one key per value: the same value in two files has two fingerprints and one incident", () => {
    const pw = f.password(16);
    const one = { repository: "acme/app" };
    expect(fingerprint("generic-password", "a.env", pw)).not.toBe(fingerprint("generic-password", "b.sh", pw));
    expect(incidentKey(pw, one)).toBe(incidentKey(pw, { repository: "ACME/app" }));
    expect(incidentKey(pw, one)).not.toBe(incidentKey(f.password(16), one));
    expect(incidentKey(pw, one)).not.toBe(incidentKey(pw, { repository: "acme/other" }));
  });

  it("with a key, is an HMAC a guess cannot be checked against without the key", () => {
    const pw = "hunter2secret"; // leakstop:allow (a dictionary password, the case the key protects)
    const keyed = incidentKey(pw, { repository: "acme/app", secretKey: "per-repo-key" });
    expect(keyed).toMatch(/^k[0-9a-f]{31}$/);
    expect(keyed.slice(1)).toBe(
      createHmac("sha256", "per-repo-key").update(`leakstop/incident/v1\u0000${pw}`).digest("hex").slice(0, 31),
    );
    expect(keyed).not.toBe(incidentKey(pw, { repository: "acme/app", secretKey: "another-key" }));
    // Without the key it is a salted hash (prefix `s`): documented as testable by guessing.
    const salted = incidentKey(pw, { repository: "acme/app" });
    expect(salted).toMatch(/^s[0-9a-f]{31}$/);
    expect(salted.slice(1)).toBe(sha256Hex(`acme/app\u0000leakstop/incident/v1\u0000${pw}`).slice(0, 31));
  });
});
