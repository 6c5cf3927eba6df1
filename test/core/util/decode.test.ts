import { describe, expect, it } from "vitest";
import { decodeText } from "../../../src/core/util/decode.js";

const le = (s: string) => new Uint8Array([0xff, 0xfe, ...Buffer.from(s, "utf16le")]);
const be = (s: string) => {
  const b = Buffer.from(s, "utf16le");
  b.swap16();
  return new Uint8Array([0xfe, 0xff, ...b]);
};

describe("decodeText", () => {
  it("decodes UTF-16 LE and BE with a BOM, dropping the BOM", () => {
    const text = "$token = 'x'\r\nnaïve ✓ 𝄞\n";
    expect(decodeText(le(text))).toEqual({ text, encoding: "utf-16le" });
    expect(decodeText(be(text))).toEqual({ text, encoding: "utf-16be" });
  });

  it("decodes UTF-8 with or without a BOM", () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: "a", encoding: "utf-8" });
    expect(decodeText(Buffer.from("naïve\n"))).toEqual({ text: "naïve\n", encoding: "utf-8" });
    expect(decodeText(new Uint8Array())).toEqual({ text: "", encoding: "utf-8" });
  });

  it("says binary (undefined) for a NUL byte in the first 8,000 bytes without a BOM", () => {
    expect(decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]))).toBeUndefined();
    expect(decodeText(Buffer.from("x", "utf16le"))).toBeUndefined(); // UTF-16 without a BOM
    const late = new Uint8Array(8001).fill(0x61);
    late[8000] = 0;
    expect(decodeText(late)?.encoding).toBe("utf-8");
  });
});
