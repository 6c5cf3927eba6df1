/**
 * Bytes → text for scanning (minimal version; the file-scanning work brings the full one with
 * the same signature). A byte-order mark decides UTF-16; without one, a NUL byte in the first
 * 8,000 bytes means binary (git's heuristic); anything else is UTF-8.
 */

const BINARY_SNIFF_BYTES = 8000;

/** Decode `bytes` as text, or return undefined when they look binary. */
export function decodeText(
  bytes: Uint8Array,
): { text: string; encoding: "utf-8" | "utf-16le" | "utf-16be" } | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return undefined;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { text: new TextDecoder("utf-8").decode(bytes.subarray(bom)), encoding: "utf-8" };
}
