/**
 * Deterministic fake-credential builders for rule examples and tests. Fakes are built at run
 * time from a seed so that no credential-looking literal is committed.
 */
import { base62, crc32 } from "../util/hash.js";
import { buildCaskKey, buildIdentifiableKey, IDENTIFIABLE_SEEDS } from "./identifiable.js";

export const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const BASE64 = `${ALNUM}+/`;
export const BASE64URL = `${ALNUM}-_`;
export const HEX = "0123456789abcdef";
export const BASE32_LOWER = "abcdefghijklmnopqrstuvwxyz234567";
export const UPPER_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A small seeded PRNG (mulberry32): same seed, same fakes, on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fake generator bound to one seed. */
export class Faker {
  private readonly next: () => number;
  constructor(seed = 1) {
    this.next = prng(seed);
  }
  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
  /** Base64 of `bytes` random bytes, with padding. */
  base64Bytes(bytes: number): string {
    const raw = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) raw[i] = Math.floor(this.next() * 256);
    return btoa(String.fromCharCode(...raw));
  }
  /**
   * A Microsoft identifiable key: `bytes` random bytes in base64 with `signature` right before
   * the Marvin32 checksum, valid under `seed` (default: the signature's first known seed).
   * `offset` is implied by `bytes` and kept for callers that pass it. With an `alphabet` other
   * than base64 (AzSe keys are base62), keys are drawn until every character is in it.
   */
  identifiableKey(bytes: number, signature: string, _offset?: number, alphabet = BASE64, seed?: string): string {
    const use = seed ?? IDENTIFIABLE_SEEDS[signature]?.[0] ?? "Default0";
    for (;;) {
      const key = buildIdentifiableKey((n) => this.chars(BASE64, n), bytes, signature, use);
      if ([...key.replace(/=+$/, "")].every((c) => alphabet.includes(c))) return key;
    }
  }
  /** A common annotated security key (84 characters) for `provider` (8 characters at offset 72). */
  caskKey(provider: string): string {
    return buildCaskKey((n) => this.chars(ALNUM, n), provider);
  }
  /** A GitHub-format token with a valid CRC-32 checksum. */
  githubToken(prefix: string): string {
    const body = this.chars(ALNUM, 30);
    return `${prefix}${body}${base62(crc32(body), 6)}`;
  }
  /** A password-like value: letters, digits and a symbol. */
  password(length = 14): string {
    return `${this.chars(ALNUM, length - 2)}${this.chars("!#%&*-_", 1)}${this.chars("0123456789", 1)}`;
  }
}
