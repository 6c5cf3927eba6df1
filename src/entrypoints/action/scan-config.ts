/**
 * The configuration a scan runs with. With a clone, it is the base commit's (a pull request's
 * base, the push's `before`, else the default branch): a push cannot allowlist, ignore or map
 * the secret it adds. What the push changes in those files is named in a notice and applies once
 * merged. Without a clone (API source) or for an audit, the checked-out files are used.
 */
import { relative, sep } from "node:path";
import type { LoadedConfig } from "../../adapters/fs/config.js";
import { changedConfigFiles, configFilesAt, loadConfigFiles } from "../../adapters/git/config.js";
import { parseIgnoreFile } from "../../core/findings/suppress.js";
import { INPUTS } from "./constants.js";
import type { ActionSettings } from "./settings.js";
import type { ScanSource } from "./source.js";

/**
 * The scan's configuration, and the fingerprints the head commit's ignore file suppresses: the
 * code scanning report describes the head tree, so a push that suppresses a secret already in the
 * branch closes its alert; a secret the push itself adds stays reported (see code-scanning.ts).
 */
export type ScanConfig = LoadedConfig & { readonly headIgnoredFingerprints?: ReadonlySet<string> };

/** Load the configuration for `source`; `workspace` reads the checked-out files instead. */
export async function loadScanConfig(
  settings: ActionSettings,
  source: ScanSource,
  workspace: () => Promise<LoadedConfig>,
): Promise<ScanConfig> {
  const at = source.configAt;
  if (at === undefined || at.base === at.head) return workspace();
  const explicit = settings.config === undefined ? undefined : repositoryPath(settings);
  const options = { cwd: at.cwd, ...(explicit === undefined ? {} : { explicit }) };
  if (at.base === undefined) {
    const head = await configFilesAt(at.head, options).catch(() => undefined);
    if (head?.config !== undefined || head?.ignore.text !== undefined) {
      source.notices.push(
        "no base commit to take the configuration from (a new default branch): scanned with the built-in defaults; the pushed configuration applies from the next push",
      );
    }
    return loadConfigFiles({ commit: at.head, config: undefined, ignore: { path: "", text: undefined } });
  }
  const base = await configFilesAt(at.base, options);
  const head = await configFilesAt(at.head, options).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    source.notices.push(`the pushed configuration cannot be used (${reason}); fix it before merging`);
    return undefined;
  });
  const changed = head === undefined ? [] : changedConfigFiles(base, head);
  if (changed.length > 0) {
    source.notices.push(
      `this change edits ${changed.map((p) => `'${p}'`).join(", ")}: scanned with the configuration of the base commit ${at.base.slice(0, 7)}; the edits (suppressions, mappings) apply once merged`,
    );
  }
  const loaded = await loadConfigFiles(base);
  if (head === undefined || head.ignore.text === undefined) return loaded;
  return { ...loaded, headIgnoredFingerprints: parseIgnoreFile(head.ignore.text) };
}

/** The `config` input as a path inside the repository. */
function repositoryPath(settings: ActionSettings): string {
  const path = relative(settings.workspace, settings.config ?? "");
  if (path === "" || path.startsWith("..")) {
    throw new TypeError(
      `Input '${INPUTS.config}' names '${settings.config}', which is outside the workspace; name a file in the repository.`,
    );
  }
  return path.split(sep).join("/");
}
