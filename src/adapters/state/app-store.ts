/**
 * Where the GitHub App registered by `/setup` is kept: a port with two adapters, chosen in the
 * entry point — the data directory ({@link fileAppStore}) or, with a vault configured, Key Vault
 * (`adapters/keyvault/app-store.ts`). Both hold the App's private key and webhook secret: never
 * print what `load` returns.
 */
import { join } from "node:path";
import { readStoredApp, STORED_APP_FILE, type StoredApp, writeStoredApp } from "./stored-app.js";

/** The App's credentials, stored and read back. */
export interface AppCredentialStore {
  /** Which adapter: the data directory's file, or Key Vault. */
  readonly kind: "file" | "key-vault";
  /** Where the App is kept, for people (a file path or a vault URL); never a secret. */
  readonly location: string;
  /** How to register another App instead (what to remove), one sentence. */
  readonly resetHint: string;
  /** The stored App, or undefined when none was stored yet. */
  load(): Promise<StoredApp | undefined>;
  /** Store the App (replacing one stored before). */
  save(app: StoredApp): Promise<void>;
}

/** The data directory's `github-app.json` (mode 0600). */
export function fileAppStore(dataDir: string): AppCredentialStore {
  const file = join(dataDir, STORED_APP_FILE);
  return {
    kind: "file",
    location: file,
    resetHint: `remove '${file}' and restart`,
    load: async () => readStoredApp(dataDir),
    save: async (app) => {
      await writeStoredApp(dataDir, app);
    },
  };
}
