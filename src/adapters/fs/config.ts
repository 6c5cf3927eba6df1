/**
 * Loading the configuration and ignore file from disk, shared by every entry point.
 */
import { join } from "node:path";
import { type Config, defaultConfig } from "../../core/config/config.js";
import { parseIgnoreFile } from "../../core/findings/suppress.js";
import { readOptionalFile } from "./files.js";

/** Config file names looked up in the scanned root, in order. */
export const CONFIG_FILES = [".leakstop.yml", ".leakstop.yaml", ".github/leakstop.yml", ".github/leakstop.yaml"];

export interface LoadedConfig {
  readonly config: Config;
  /** The file it came from, or undefined for the defaults. */
  readonly source: string | undefined;
  readonly ignoredFingerprints: Set<string>;
}

/**
 * Read the config: `explicit` if given (it must exist), else the first of {@link CONFIG_FILES}
 * under `root`; then the ignore file it names (relative to `root`).
 */
export async function loadConfig(root: string, explicit?: string): Promise<LoadedConfig> {
  let config = defaultConfig();
  let source: string | undefined;
  if (explicit !== undefined) {
    const text = await readOptionalFile(explicit);
    if (text === undefined) throw new TypeError(`Config file '${explicit}' does not exist; fix --config or remove it.`);
    const { parseConfig } = await import("../../core/config/parse.js");
    config = parseConfig(text, explicit);
    source = explicit;
  } else {
    for (const name of CONFIG_FILES) {
      const path = join(root, name);
      const text = await readOptionalFile(path);
      if (text !== undefined) {
        const { parseConfig } = await import("../../core/config/parse.js");
        config = parseConfig(text, name);
        source = path;
        break;
      }
    }
  }
  const ignoreText = await readOptionalFile(join(root, config.ignoreFile));
  return { config, source, ignoredFingerprints: ignoreText ? parseIgnoreFile(ignoreText) : new Set() };
}
