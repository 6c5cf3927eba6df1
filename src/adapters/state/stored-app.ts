/**
 * The GitHub App registered by `/setup`, kept in the data directory as `github-app.json`, readable
 * by the server's user only (mode 0600, written to a temporary file and renamed, so a crash never
 * leaves half a key). It holds the App's private key and webhook secret: never print it.
 */
import { chmodSync, readFileSync } from "node:fs";
import { mkdir, open, rename } from "node:fs/promises";
import { join } from "node:path";

/** The file's name in the data directory. */
export const STORED_APP_FILE = "github-app.json";

/** What the manifest conversion returned that leakstop keeps. */
export interface StoredApp {
  readonly appId: string;
  readonly slug: string;
  readonly htmlUrl: string;
  readonly owner: string;
  /** PEM. Secret. */
  readonly privateKey: string;
  /** Secret. */
  readonly webhookSecret: string;
}

/** Write the App to `dataDir` (mode 0600); resolves with the file's path. */
export async function writeStoredApp(dataDir: string, app: StoredApp): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, STORED_APP_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  // 0600 from creation on: the key is never readable by others, not even for a moment.
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify({ version: 1, ...app }, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  return file;
}

/**
 * The stored App, or undefined when there is none. A file that is unreadable or not what
 * {@link writeStoredApp} writes throws a TypeError naming it. Its mode is tightened to 0600.
 */
export function readStoredApp(dataDir: string): StoredApp | undefined {
  const file = join(dataDir, STORED_APP_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    // No file, or no data directory yet (or a file where it should be: the server's own check says so).
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new TypeError(`Cannot read '${file}' (${(e as NodeJS.ErrnoException).code}); fix its permissions.`);
  }
  let value: Partial<StoredApp>;
  try {
    value = JSON.parse(text) as Partial<StoredApp>;
  } catch {
    throw new TypeError(`'${file}' is not JSON; remove it and run the setup again (LEAKSTOP_SETUP=1).`);
  }
  const fields = ["appId", "slug", "htmlUrl", "owner", "privateKey", "webhookSecret"] as const;
  if (!fields.every((k) => typeof value[k] === "string") || !/^\d+$/.test(value.appId ?? "")) {
    throw new TypeError(`'${file}' is not a stored GitHub App; remove it and run the setup again (LEAKSTOP_SETUP=1).`);
  }
  chmodSync(file, 0o600);
  return Object.fromEntries(fields.map((k) => [k, value[k]])) as unknown as StoredApp;
}
