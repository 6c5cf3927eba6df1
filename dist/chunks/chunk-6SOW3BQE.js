import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/core/util/decode.ts
var BINARY_SNIFF_BYTES = 8e3;
var utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
var utf16le = new TextDecoder("utf-16le", { ignoreBOM: true });
var utf16be = new TextDecoder("utf-16be", { ignoreBOM: true });
function decodeText(bytes) {
  if (bytes.length >= 2 && bytes[0] === 255 && bytes[1] === 254) {
    return { text: utf16le.decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes.length >= 2 && bytes[0] === 254 && bytes[1] === 255) {
    return { text: utf16be.decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return void 0;
  const bom = bytes.length >= 3 && bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191;
  return { text: utf8.decode(bom ? bytes.subarray(3) : bytes), encoding: "utf-8" };
}

export {
  decodeText
};
