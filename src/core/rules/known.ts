/**
 * Values that are public by design: local emulators' well-known keys and the example values
 * printed in providers' documentation. They are kept as SHA-256 digests (with their lengths, so
 * that most values need no hashing) so this repository holds nothing that looks like a
 * credential, and a finding whose value is one of them is dropped whatever rule found it.
 */
import { sha256Hex } from "../util/hash.js";

type Known = readonly [sha256: string, length: number];

/** Azurite's and the Cosmos DB emulator's documented account keys. */
const EMULATOR_KEYS: readonly Known[] = [
  ["0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059", 88], // Azurite (devstoreaccount1)
  ["aa6547439583c3a275d4542a0df6c1ad6a863971be9f2a2220f027cc02aef615", 88], // Cosmos DB emulator
];

/** Example values from public documentation. */
const DOCUMENTED_EXAMPLES: readonly Known[] = [
  ["2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326", 32], // Stripe's docs key
  ["7f75367e7881255134e1375e723d1dea8ad5f6a4fdb79d938df1f1754a830606", 155], // jwt.io's token
  ["78314b11be2e581549ac1c4f616563fad3fdf0c3b71678f6e2299182080e0598", 40], // AWS's example secret
];

const emulator = new Set(EMULATOR_KEYS.map(([d]) => d));
const all = new Set([...EMULATOR_KEYS, ...DOCUMENTED_EXAMPLES].map(([d]) => d));
const lengths = new Set([...EMULATOR_KEYS, ...DOCUMENTED_EXAMPLES].map(([, n]) => n));

/** True for the Azurite and Cosmos DB emulator keys. */
export function isWellKnownEmulatorKey(value: string): boolean {
  return value.length === 88 && emulator.has(sha256Hex(value));
}

/** True for any value that is public by design (emulator keys, documented examples). */
export function isKnownPublicValue(value: string): boolean {
  return lengths.has(value.length) && all.has(sha256Hex(value));
}
