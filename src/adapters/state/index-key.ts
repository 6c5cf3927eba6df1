/**
 * The vault index's HMAC key: given in the settings (replicas that share an index share it),
 * or made once per data directory and kept there as `index-key` (mode 0600 from creation on).
 * A digest without the key says nothing about a value, so a copy of the index alone cannot be
 * used to test guesses. Never printed.
 */
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/** The file's name in the data directory. */
export const INDEX_KEY_FILE = "index-key";

/** The key: `given`, or the data directory's own (created on first use). */
export function loadIndexKey(dataDir: string, given?: string): Buffer {
  if (given !== undefined) return Buffer.from(given, "utf8");
  const file = join(dataDir, INDEX_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    const fd = openSync(file, "wx", 0o600);
    try {
      writeSync(fd, randomBytes(32).toString("hex"));
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  const text = readFileSync(file, "utf8").trim();
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new TypeError(`'${file}' is not a key leakstop wrote; remove it (the index is rebuilt at start).`);
  }
  return Buffer.from(text, "hex");
}
