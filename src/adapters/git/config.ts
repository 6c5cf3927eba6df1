/**
 * The configuration as it is in a commit, read from the object store. A push must not configure
 * its own scan (a `.leakstop.yml` or `.leakstopignore` that allowlists the secret it adds, a
 * mapping that points a made-up value at a real vault secret), so the Action reads them from the
 * base commit, and reads them at the head only to say what the push changes.
 */
import { type Config, defaultConfig } from "../../core/config/config.js";
import { parseIgnoreFile } from "../../core/findings/suppress.js";
import { CONFIG_FILES, type LoadedConfig } from "../fs/config.js";
import { type GitProcessOptions, gitMessage, runGit } from "./process.js";

/** A config file is small; a larger blob is refused rather than parsed. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The configuration files of one commit, as text. */
export interface ConfigFiles {
  readonly commit: string;
  /** Repository-relative path of the config file used, and its text (undefined: none). */
  readonly config: { readonly path: string; readonly text: string } | undefined;
  readonly ignore: { readonly path: string; readonly text: string | undefined };
}

/**
 * The config files at `commit`: `explicit` (repository-relative) if given, else the first of
 * {@link CONFIG_FILES}; and the ignore file that config names.
 */
export async function configFilesAt(
  commit: string,
  options: GitProcessOptions & { readonly explicit?: string },
): Promise<ConfigFiles> {
  const names = options.explicit !== undefined ? [options.explicit] : CONFIG_FILES;
  let config: ConfigFiles["config"];
  for (const path of names) {
    const text = await blobAt(commit, path, options);
    if (text !== undefined) {
      config = { path, text };
      break;
    }
  }
  const parsed = config === undefined ? defaultConfig() : await parse(config.text, config.path, commit);
  const ignorePath = parsed.ignoreFile;
  return { commit, config, ignore: { path: ignorePath, text: await blobAt(commit, ignorePath, options) } };
}

/** The configuration of `files`, ready for the engine. */
export async function loadConfigFiles(files: ConfigFiles): Promise<LoadedConfig> {
  const config =
    files.config === undefined ? defaultConfig() : await parse(files.config.text, files.config.path, files.commit);
  const ignoredFingerprints = files.ignore.text === undefined ? new Set<string>() : parseIgnoreFile(files.ignore.text);
  const source = files.config === undefined ? undefined : `${files.config.path}@${files.commit.slice(0, 7)}`;
  const notices =
    files.config !== undefined && files.ignore.text === undefined && files.config.text.includes("ignoreFile")
      ? [
          `The ignore file '${files.ignore.path}' that ${files.config.path} names does not exist at ${files.commit.slice(0, 7)}.`,
        ]
      : [];
  return { config, source, ignoreFile: files.ignore.path, ignoredFingerprints, notices };
}

/** The paths whose text differs between `base` and `head` (added, changed or removed). */
export function changedConfigFiles(base: ConfigFiles, head: ConfigFiles): string[] {
  const texts = (f: ConfigFiles) =>
    new Map<string, string | undefined>([
      ...(f.config ? [[f.config.path, f.config.text] as const] : []),
      [f.ignore.path, f.ignore.text],
    ]);
  const [b, h] = [texts(base), texts(head)];
  const paths = new Set([...b.keys(), ...h.keys()]);
  return [...paths].filter((p) => (b.get(p) ?? undefined) !== (h.get(p) ?? undefined)).sort();
}

async function parse(text: string, path: string, commit: string): Promise<Config> {
  const { parseConfig } = await import("../../core/config/parse.js");
  return parseConfig(text, `${path} (commit ${commit.slice(0, 7)})`);
}

/** The text of `path` at `commit`, or undefined when it is not a file there. */
async function blobAt(commit: string, path: string, options: GitProcessOptions): Promise<string | undefined> {
  if (/[\n\r\0]/.test(path)) return undefined;
  // One object per process; the name goes through stdin, never argv.
  const result = await runGit(["cat-file", "--batch"], { ...options, input: `${commit}:${path}\n` });
  if (result.exitCode !== 0) throw new Error(`'git cat-file' failed: ${gitMessage(result.stderr)}`);
  const nl = result.stdout.indexOf("\n");
  const header = /^[0-9a-f]+ (\w+) (\d+)$/.exec(result.stdout.slice(0, nl));
  if (header === null || header[1] !== "blob") return undefined;
  if (Number(header[2]) > MAX_CONFIG_BYTES) {
    throw new RangeError(
      `'${path}' at commit ${commit.slice(0, 7)} is larger than 1 MiB; a config file must be smaller.`,
    );
  }
  return result.stdout.slice(nl + 1, -1);
}
