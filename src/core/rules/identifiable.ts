/**
 * Microsoft's identifiable keys and common annotated security keys (CASK): their checksums, so
 * a made-up or mistyped value is not reported, and builders of fakes that pass them. Written
 * from the formats' public description (microsoft/security-utilities, "IdentifiableSecrets"):
 *
 * - An identifiable key is N random bytes in base64 with a 4-character signature placed right
 *   before the last 4 bytes, which are the Marvin32 checksum (little-endian) of the bytes before
 *   them, seeded with an 8-character ASCII name that depends on the key kind.
 * - A CASK key is 84 (or 88) base62 characters: 52 random, `JQQJ99` (`JQQJ9D`/`JQQJ9H` for
 *   derived keys and hashes), a year and a month character, 12 platform characters, 4 provider
 *   characters and the 4-character provider signature at offset 76, then the checksum: the
 *   Marvin32 (seed `Default0`) of the first 60 bytes, as the first 4 (or 6) characters of its
 *   base64 or base62 encoding.
 */

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** An 8-character seed name as the two 32-bit halves of its big-endian value. */
function seedHalves(name: string): [low: number, high: number] {
  let high = 0;
  let low = 0;
  for (let i = 0; i < 4; i++) high = ((high << 8) | name.charCodeAt(i)) >>> 0;
  for (let i = 4; i < 8; i++) low = ((low << 8) | name.charCodeAt(i)) >>> 0;
  return [low, high];
}

const rotl = (v: number, n: number) => ((v << n) | (v >>> (32 - n))) >>> 0;

/** Marvin32 of `data[0, length)` collapsed to 32 bits, seeded with an 8-character ASCII name. */
export function marvin32(data: Uint8Array, seed: string, length = data.length): number {
  let [p0, p1] = seedHalves(seed);
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
  for (; i + 4 <= length; i += 4) {
    p0 =
      (p0 +
        (((data[i] as number) |
          ((data[i + 1] as number) << 8) |
          ((data[i + 2] as number) << 16) |
          ((data[i + 3] as number) << 24)) >>>
          0)) >>>
      0;
    block();
  }
  let tail = 0x80;
  const rest = length - i;
  for (let k = rest - 1; k >= 0; k--) tail = ((tail << 8) | (data[i + k] as number)) >>> 0;
  p0 = (p0 + tail) >>> 0;
  block();
  block();
  return (p0 ^ p1) >>> 0;
}

/** Bytes of standard or URL-safe base64 (padding optional); undefined when it is not base64. */
export function base64Bytes(text: string): Uint8Array | undefined {
  const body = text.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*$/.test(body) || body.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((body.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    value = ((value << 6) | B64.indexOf(body[i] as string)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (value >>> bits) & 0xff;
    }
  }
  return out;
}

/** Standard base64 of bytes, with padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const v = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += `${B64[(v >>> 18) & 63]}${B64[(v >>> 12) & 63]}${b === undefined ? "=" : B64[(v >>> 6) & 63]}${c === undefined ? "=" : B64[v & 63]}`;
  }
  return out;
}

const le32 = (v: number) => new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]);

/** Base62 of a byte string read as one big-endian number; leading zero bytes become `0`s. */
function base62OfBytes(bytes: Uint8Array): string {
  let digits: number[] = [...bytes];
  let zeros = 0;
  while (zeros < digits.length - 1 && digits[zeros] === 0) zeros++;
  let out = "";
  while (digits.length > 0) {
    const quotient: number[] = [];
    let remainder = 0;
    for (const d of digits) {
      const acc = d + remainder * 256;
      const q = Math.floor(acc / 62);
      remainder = acc % 62;
      if (quotient.length > 0 || q > 0) quotient.push(q);
    }
    out = B62[remainder] + out;
    digits = quotient;
  }
  return "0".repeat(zeros) + out;
}

/** Seeds per identifiable signature (a key kind has one seed per role: send, listen, manage …). */
export const IDENTIFIABLE_SEEDS: Readonly<Record<string, readonly string[]>> = {
  "+ASt": ["Default0"],
  ACDb: ["MastRW00", "MastRO00", "SysAll00", "Resour00", "SystRO00", "SystRW00", "Encryp00"],
  "+ASb": ["Send0000", "Listen00", "Manage00", "System00", "Unknown0"],
  "+AEh": ["Send0000", "Listen00", "Manage00", "System00", "Unknown0"],
  "+ARm": ["Send0000", "Listen00", "Manage00", "System00", "Unknown0"],
  "+ABa": ["AbAcct00"],
  "+AMC": ["Classic0"],
  AzFu: ["Functi00", "Master00", "System00"],
  AzCa: ["Access00"],
  AzSe: ["Query000", "PAdmin00"],
  "+ACR": ["ACRDflt0"],
  AIoT: ["IoTHub00", "DpsKey00", "Device00"],
  APIM: ["Tenant00", "IoTHub00", "Gatewy00", "GitKey00"],
};

/** True when the key's last 4 bytes are the Marvin32 checksum of the rest under one of `seeds`. */
export function hasValidIdentifiableChecksum(key: string, seeds: readonly string[]): boolean {
  const bytes = base64Bytes(key);
  if (!bytes || bytes.length < 8) return false;
  const n = bytes.length - 4;
  const stored =
    ((bytes[n] as number) |
      ((bytes[n + 1] as number) << 8) |
      ((bytes[n + 2] as number) << 16) |
      ((bytes[n + 3] as number) << 24)) >>>
    0;
  return seeds.some((seed) => marvin32(bytes, seed, n) === stored);
}

/** True for a CASK key (84 or 88 characters) whose checksum characters match its first 60 bytes. */
export function hasValidCaskChecksum(key: string): boolean {
  if (key.length !== 84 && key.length !== 88) return false;
  const bytes = base64Bytes(key.slice(0, 80));
  if (!bytes) return false;
  const sum = marvin32(bytes, "Default0", 60);
  const given = key.slice(80).replace(/=+$/, "");
  const candidates = [toBase64(le32(sum)), base62OfBytes(le32(sum)), base62OfBytes(le32(sum).reverse())];
  return candidates.some((c) => c.replace(/=+$/, "").startsWith(given));
}

/**
 * An identifiable key of `byteLength` bytes whose signature renders verbatim just before the
 * checksum, with a valid checksum under `seed`. `random(n)` supplies n random base64 characters.
 */
export function buildIdentifiableKey(
  random: (n: number) => string,
  byteLength: number,
  signature: string,
  seed: string,
  urlSafe = false,
): string {
  const totalChars = Math.ceil((byteLength * 8) / 6);
  const sigEnd = Math.floor(((byteLength - 4) * 8) / 6);
  const head = `${random(sigEnd - 4)}${signature.replace(/-/g, "+").replace(/_/g, "/")}${"A".repeat(totalChars - sigEnd)}`;
  const bytes = (base64Bytes(head) as Uint8Array).slice(0, byteLength);
  bytes.set(le32(marvin32(bytes, seed, byteLength - 4)), byteLength - 4);
  const key = toBase64(bytes);
  return urlSafe ? key.replace(/\+/g, "-").replace(/\//g, "_") : key;
}

/**
 * An 84-character CASK key with `provider` (the 8 characters at offsets 72–79: 4 provider-reserved
 * and the 4-character signature) and a valid checksum. `random(n)` supplies n random base62 characters.
 */
export function buildCaskKey(random: (n: number) => string, provider: string, kind = "9"): string {
  for (;;) {
    const body = `${random(52)}JQQJ9${kind}${random(1)}${"ABCDEFGHIJKL"[random(1).charCodeAt(0) % 12]}${random(12)}${provider}`;
    const sum = le32(marvin32(base64Bytes(body) as Uint8Array, "Default0", 60));
    const tail = toBase64(sum).slice(0, 4);
    if (/^[A-Za-z0-9]{4}$/.test(tail)) return body + tail;
  }
}

/** Where each key length puts its signature. */
const SIGNATURE_OFFSET: Readonly<Record<number, number>> = { 88: 76, 56: 44, 52: 42, 44: 33 };

/**
 * True for a value in a Microsoft key format whose checksum is wrong: a made-up, mistyped or
 * truncated-and-padded key, whatever name it is assigned to.
 */
export function isBrokenMicrosoftKey(value: string): boolean {
  if ((value.length === 84 || value.length === 88) && /^[A-Za-z0-9]{52}JQQJ9[9DH]/.test(value)) {
    return !hasValidCaskChecksum(value);
  }
  const offset = SIGNATURE_OFFSET[value.length];
  if (offset === undefined) return false;
  const seeds = IDENTIFIABLE_SEEDS[value.slice(offset, offset + 4).replace(/-/g, "+")];
  return seeds !== undefined && !hasValidIdentifiableChecksum(value, seeds);
}
