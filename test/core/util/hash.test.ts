import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { crc32, sha256Hex } from "../../../src/core/util/hash.js";

describe("sha256Hex", () => {
  it("agrees with node:crypto across block boundaries and non-ASCII text", () => {
    // Lengths around 55/56/64 bytes exercise the padding into a second block.
    for (let n = 0; n < 200; n++) {
      const text = "aé€😀b".repeat(n).slice(0, n);
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text).digest("hex"));
    }
  });

  it("gives the same digest when called repeatedly (its buffers are reused)", () => {
    const first = sha256Hex("leakstop");
    sha256Hex("x".repeat(1000));
    expect(sha256Hex("leakstop")).toBe(first);
  });
});

describe("crc32", () => {
  it("is zlib's CRC-32", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
  });
});
