/**
 * Bytes → text for scanning. A byte-order mark decides the encoding: UTF-16 files (common for
 * Windows scripts and configs: PowerShell, `.reg`, Visual Studio files) are full of NUL bytes
 * and would otherwise be skipped as binary, hiding every secret in them. Without a BOM, a NUL
 * byte in the first 8,000 bytes means binary (git's own heuristic); anything else is UTF-8.
 */

/** How many leading bytes the binary check looks at (git's `FIRST_FEW_BYTES`). */
export const BINARY_SNIFF_BYTES = 8000;

/** What {@link decodeText} found. */
export interface DecodedText {
  /** The text, without its byte-order mark. */
  readonly text: string;
  readonly encoding: "utf-8" | "utf-16le" | "utf-16be";
}

// The BOM is stripped here, not by the decoder, so a second one stays visible as U+FEFF.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const utf16le = new TextDecoder("utf-16le", { ignoreBOM: true });
const utf16be = new TextDecoder("utf-16be", { ignoreBOM: true });

/** Decode `bytes` as text, or return undefined when they look binary. Invalid sequences become U+FFFD. */
export function decodeText(bytes: Uint8Array): DecodedText | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: utf16le.decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: utf16be.decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return undefined;
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: utf8.decode(bom ? bytes.subarray(3) : bytes), encoding: "utf-8" };
}
