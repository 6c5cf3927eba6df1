/**
 * Encodings and checksums used by public credential formats. Written from the formats'
 * public descriptions; only the generator uses them (to make fakes that validate).
 */
import { Buffer } from "node:buffer";

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3), as used by GitHub/npm token checksums and legacy Azure DevOps PATs. */
export function crc32(data: Uint8Array | string): number {
  const bytes = typeof data === "string" ? Buffer.from(data, "latin1") : data;
  let crc = 0xffffffff;
  for (const b of bytes) crc = (CRC_TABLE[(crc ^ b) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Digits 0-9, A-Z, a-z: the base62 alphabet of GitHub-style checksums. */
export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Big-endian positional encoding of an unsigned 32-bit value in `alphabet`, left-padded to `width`. */
export function encodeUint(value: number, alphabet: string, width = 0): string {
  let v = value >>> 0;
  let s = "";
  while (v > 0) {
    s = alphabet[v % alphabet.length] + s;
    v = Math.floor(v / alphabet.length);
  }
  return s.padStart(width, alphabet[0]);
}

/** GitHub / npm token: prefix + 30 random base62 chars + 6-char base62 CRC32 of those 30 chars. */
export function checksummedToken(prefix: string, random30: string): string {
  return `${prefix}${random30}${encodeUint(crc32(random30), BASE62, 6)}`;
}

function rotl(v: number, n: number): number {
  return ((v << n) | (v >>> (32 - n))) >>> 0;
}

/** Marvin32 hash collapsed to 32 bits (the checksum of Azure identifiable keys). */
export function marvin32(data: Uint8Array, seed: bigint): number {
  let p0 = Number(seed & 0xffffffffn) >>> 0;
  let p1 = Number((seed >> 32n) & 0xffffffffn) >>> 0;
  const block = () => {
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 20);
    p0 = (p0 + p1) >>> 0;
    p1 = rotl(p1, 9);
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 27);
    p0 = (p0 + p1) >>> 0;
    p1 = rotl(p1, 19);
  };
  let i = 0;
  for (; i + 4 <= data.length; i += 4) {
    const w =
      ((data[i] as number) |
        ((data[i + 1] as number) << 8) |
        ((data[i + 2] as number) << 16) |
        ((data[i + 3] as number) << 24)) >>>
      0;
    p0 = (p0 + w) >>> 0;
    block();
  }
  const rest = data.length - i;
  let tail = 0x80;
  if (rest === 1) tail = 0x8000 | (data[i] as number);
  else if (rest === 2) tail = 0x800000 | (data[i] as number) | ((data[i + 1] as number) << 8);
  else if (rest === 3)
    tail = (0x80000000 | (data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16)) >>> 0;
  p0 = (p0 + tail) >>> 0;
  block();
  block();
  return (p0 ^ p1) >>> 0;
}

/** An 8-character ASCII name read as a big-endian 64-bit seed ("Default0" → 0x44656661756c7430). */
export function asciiSeed(name: string): bigint {
  let v = 0n;
  for (const ch of name) v = (v << 8n) | BigInt(ch.charCodeAt(0));
  return v;
}

function le32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

/**
 * An Azure "identifiable" key of `byteLength` bytes: random bits, then the 4-char base64
 * signature so that it renders verbatim right before the checksum, then the Marvin32 checksum
 * (little-endian) of everything before it in the last 4 bytes.
 */
export function identifiableKey(
  random: Uint8Array,
  byteLength: number,
  signature: string,
  seed: bigint,
  urlSafe = false,
): string {
  const totalChars = Math.ceil((byteLength * 8) / 6);
  // Characters before the checksum: the signature ends on or before the checksum's first bit.
  const sigEndChar = Math.floor(((byteLength - 4) * 8) / 6);
  const sigStartChar = sigEndChar - 4;
  const randomChars = Buffer.from(random).toString("base64").replace(/=+$/, "").slice(0, sigStartChar);
  const std = signature.replace(/-/g, "+").replace(/_/g, "/");
  const head = `${randomChars}${std}${"A".repeat(totalChars - sigEndChar)}`;
  const padded = head + "=".repeat((4 - (head.length % 4)) % 4);
  const bytes = new Uint8Array(Buffer.from(padded, "base64")).slice(0, byteLength);
  const sum = marvin32(bytes.slice(0, byteLength - 4), seed);
  bytes.set(le32(sum), byteLength - 4);
  const out = Buffer.from(bytes).toString("base64");
  return urlSafe ? out.replace(/\+/g, "-").replace(/\//g, "_") : out;
}

/**
 * A Common Annotated Security Key (84 chars, base62 only): 52 random chars, `JQQJ99`, a date
 * (year since 2024, month), 16 reserved chars, the 4-char provider signature at offset 76 and
 * the first 3 bytes of the Marvin32 checksum (seed "Default0") of the first 60 bytes.
 */
export function commonAnnotatedKey(
  nextChars: (n: number) => string,
  signature: string,
  year: number,
  month: number,
): string {
  for (;;) {
    const date = `${String.fromCharCode(65 + (year - 2024))}${String.fromCharCode(65 + month - 1)}`;
    const body = `${nextChars(52)}JQQJ99${date}${nextChars(16)}${signature}`;
    const bytes = new Uint8Array(Buffer.from(body, "base64"));
    const sum = marvin32(bytes, asciiSeed("Default0"));
    const tail = Buffer.from(le32(sum).slice(0, 3)).toString("base64");
    if (/^[A-Za-z0-9]{4}$/.test(tail)) return body + tail;
  }
}

/** Legacy Azure DevOps PAT: 32 bytes, lower-case base32 (52 chars), CRC32 ^ seed spread over bytes 2, 7, 8, 22. */
export function legacyAdoPat(random: Uint8Array, seed: number): string {
  const b = random.slice(0, 32);
  const token = new Uint8Array(28);
  token.set(b.slice(0, 2), 0);
  token.set(b.slice(3, 7), 2);
  token.set(b.slice(9, 22), 6);
  token.set(b.slice(23, 32), 19);
  const sum = (crc32(token) ^ seed) >>> 0;
  b[22] = sum & 0xff;
  b[8] = (sum >>> 8) & 0xff;
  b[7] = (sum >>> 16) & 0xff;
  b[2] = (sum >>> 24) & 0xff;
  return base32Lower(b);
}

export function base32Lower(bytes: Uint8Array): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** Entra ID (AAD) client secret charset; the `8Q~` generation ends in 3 checksum chars. */
export const ENTRA_CHARSET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890.-_~";

/** Completes a 37-char `xxx8Q~...` prefix with the first 3 chars of its encoded Marvin32 checksum, or null. */
export function entraChecksum(prefix37: string): string | null {
  const sum = marvin32(new Uint8Array(Buffer.from(prefix37, "latin1")), asciiSeed("AadPwd00"));
  const enc = encodeUint(sum, ENTRA_CHARSET);
  return enc.length >= 3 ? enc.slice(0, 3) : null;
}

export function b64(bytes: Uint8Array | string): string {
  return Buffer.from(typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes).toString("base64");
}

export function b64url(bytes: Uint8Array | string): string {
  return Buffer.from(typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes).toString("base64url");
}
