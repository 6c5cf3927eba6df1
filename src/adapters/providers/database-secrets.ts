/**
 * New database passwords and the password hashes sent in their place, computed here so that no
 * cleartext password ever reaches a server's statement log (PostgreSQL `log_statement`, MySQL's
 * general log, replication streams, `pg_stat_statements`).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, randomInt } from "node:crypto";

/**
 * Letters and digits only: the value goes into URLs, connection strings, JSON, YAML and shell
 * variables as it is, with nothing to percent-encode, quote or escape.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Never shorter than this: 40 characters of a 62-letter alphabet are ~238 bits. */
export const MIN_PASSWORD_LENGTH = 40;

/**
 * A strong random password, uniformly drawn (`randomInt` rejects biased draws), at least as long
 * as the one it replaces (up to 128), so a successor is never weaker.
 */
export function newDatabasePassword(replacing = ""): string {
  const length = Math.min(128, Math.max(MIN_PASSWORD_LENGTH, replacing.length));
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** Iterations of a PostgreSQL SCRAM verifier: the server's own default (`scram_iterations`). */
export const SCRAM_ITERATIONS = 4096;

/**
 * PostgreSQL's stored form of a SCRAM-SHA-256 password (RFC 5802, RFC 7677):
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, what `ALTER ROLE … PASSWORD`
 * takes pre-hashed. The server can check logins against it but cannot recover the password.
 * Passwords here are ASCII, for which SASLprep changes nothing.
 */
export function scramSha256Verifier(
  password: string,
  salt: Buffer = randomBytes(16),
  iterations = SCRAM_ITERATIONS,
): string {
  const salted = pbkdf2Sync(Buffer.from(password, "utf8"), salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/** MySQL's and MariaDB's `mysql_native_password` hash: `*` and the upper-case hex of SHA1(SHA1(password)). */
export function mysqlNativePasswordHash(password: string): string {
  const once = createHash("sha1").update(password, "utf8").digest();
  return `*${createHash("sha1").update(once).digest("hex").toUpperCase()}`;
}
