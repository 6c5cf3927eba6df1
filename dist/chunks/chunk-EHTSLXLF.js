import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  parseIgnoreFileLines
} from "./chunk-MZHTHGEL.js";
import {
  ConfigError,
  defaultConfig
} from "./chunk-ZOEPK7DV.js";

// src/adapters/fs/config.ts
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
var CONFIG_FILES = [".leakstop.yml", ".leakstop.yaml", ".github/leakstop.yml", ".github/leakstop.yaml"];
var MAX_CONFIG_BYTES = 1024 * 1024;
var MAX_IGNORE_FILE_BYTES = 32 * 1024 * 1024;
async function loadConfig(root, explicit) {
  let config = defaultConfig();
  let source;
  const notices = [];
  if (explicit !== void 0) {
    const text = await readRegularFile(explicit, `Config file '${explicit}'`, MAX_CONFIG_BYTES, {
      missing: "fix --config or remove it",
      directory: `pass a file such as '${join(explicit, ".leakstop.yml")}'`
    });
    if (text === void 0) throw new TypeError(`Config file '${explicit}' does not exist; fix --config or remove it.`);
    const { parseConfig } = await import("./parse-UWEBUBPO.js");
    config = parseConfig(text, explicit);
    source = explicit;
  } else {
    for (const name of CONFIG_FILES) {
      const path = join(root, name);
      if (source !== void 0) {
        if (await exists(path)) {
          notices.push(`'${name}' is not used: '${relative(root, source)}' comes first; merge the two and delete one.`);
        }
        continue;
      }
      const text = await readInside(root, name, "Config file", MAX_CONFIG_BYTES);
      if (text !== void 0) {
        const { parseConfig } = await import("./parse-UWEBUBPO.js");
        config = parseConfig(text, name);
        source = path;
      }
    }
  }
  const ignoreName = config.ignoreFile;
  if (isAbsolute(ignoreName) || escapes(ignoreName)) {
    throw new ConfigError(
      `ignoreFile '${ignoreName}' is outside the repository; give a path relative to its root, e.g. '.leakstopignore'.`
    );
  }
  const ignoreText = await readInside(root, ignoreName, "Ignore file", MAX_IGNORE_FILE_BYTES);
  if (ignoreText === void 0 && ignoreName !== defaultConfig().ignoreFile) {
    notices.push(
      `ignoreFile '${ignoreName}' does not exist, so no finding is ignored by fingerprint; create it or fix the name.`
    );
  }
  const parsed = parseIgnoreFileLines(ignoreText ?? "");
  if (parsed.invalidLines.length > 0) {
    const lines = parsed.invalidLines;
    const shown = lines.slice(0, 10).join(", ") + (lines.length > 10 ? ` and ${lines.length - 10} more` : "");
    notices.push(
      `'${ignoreName}' line${lines.length === 1 ? "" : "s"} ${shown}: not a fingerprint (32 hexadecimal digits), so ignored; copy fingerprints from a report.`
    );
  }
  return { config, source, ignoreFile: join(root, ignoreName), ignoredFingerprints: parsed.fingerprints, notices };
}
function escapes(rel) {
  return rel === ".." || rel.startsWith(`..${sep}`) || rel.startsWith("../");
}
async function exists(path) {
  return realpath(path).then(
    () => true,
    () => false
  );
}
async function readInside(root, rel, what, maxBytes) {
  const path = join(root, rel);
  const real = await realpath(path).catch((e) => {
    if (e.code === "ENOENT" || e.code === "ENOTDIR") return void 0;
    throw e;
  });
  if (real === void 0) return void 0;
  const realRoot = await realpath(root);
  const inside = relative(realRoot, real);
  if (inside === "" || escapes(inside) || isAbsolute(inside)) {
    throw new ConfigError(
      `${what} '${rel}' resolves to '${real}', outside the repository; replace the symbolic link with the file itself.`
    );
  }
  return readRegularFile(path, `${what} '${rel}'`, maxBytes, { missing: "", directory: "remove or rename it" });
}
async function readRegularFile(path, what, maxBytes, fixes) {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT" || code === "ENOTDIR") return void 0;
    if (code === "EISDIR") throw new TypeError(`${what} is a directory; ${fixes.directory}.`);
    throw new TypeError(`${what} cannot be read (${code ?? e.message}); check its permissions.`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new TypeError(`${what} is a directory; ${fixes.directory}.`);
    if (!info.isFile()) {
      throw new ConfigError(`${what} is not a regular file (a FIFO, socket or device); replace it with a file.`);
    }
    if (info.size > maxBytes) {
      throw new ConfigError(
        `${what} is ${(info.size / 1048576).toFixed(1)} MB, over the ${maxBytes / 1048576} MB limit for it; shorten it.`
      );
    }
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
}

export {
  CONFIG_FILES,
  loadConfig
};
