import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/adapters/fs/files.ts
import { closeSync, fstatSync, openSync, readdirSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", ".hg", ".svn"]);
var BINARY_SNIFF_BYTES = 8e3;
function looksBinary(buf) {
  const n = Math.min(buf.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}
function scanRoot(path, isDirectory) {
  return isDirectory ? path : dirname(path);
}
function* walkFiles(options, isDirectory) {
  if (!isDirectory) {
    yield basename(options.path);
    return;
  }
  yield* walk(options.path, "", options);
}
function* walk(root, rel, options) {
  let entries;
  try {
    entries = readdirSync(rel ? join(root, rel) : root, { withFileTypes: true });
  } catch (e) {
    if (!rel) throw e;
    options.onNotice?.(`Skipped directory '${rel}/': ${e.code ?? e.message}.`);
    return;
  }
  entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const entry of entries) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (SKIP_DIRS.has(entry.name)) continue;
      if (entry.name === "node_modules" && !options.includeNodeModules) continue;
      if (options.isPathIgnored?.(`${child}/`)) continue;
      yield* walk(root, child, options);
    } else if (entry.isFile()) {
      if (options.isPathIgnored?.(child)) continue;
      yield child;
    }
  }
}
function readTextFile(root, rel, maxFileSizeInBytes, onNotice) {
  let fd;
  try {
    fd = openSync(join(root, rel), "r");
    const size = fstatSync(fd).size;
    if (size > maxFileSizeInBytes) {
      onNotice?.(
        `Skipped '${rel}' (${(size / 1048576).toFixed(1)} MB, over the ${(maxFileSizeInBytes / 1048576).toFixed(0)} MB limit; raise maxFileSizeInMB in the config to scan it).`
      );
      return void 0;
    }
    const buf = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const bytes = buf.subarray(0, read);
    if (looksBinary(bytes)) return void 0;
    return bytes.toString("utf8");
  } catch (e) {
    onNotice?.(`Skipped '${rel}': ${e.code ?? e.message}.`);
    return void 0;
  } finally {
    if (fd !== void 0) closeSync(fd);
  }
}
async function* fileFragments(options, isDirectory) {
  const root = scanRoot(options.path, isDirectory);
  for (const rel of walkFiles(options, isDirectory)) {
    const text = readTextFile(root, rel, options.maxFileSizeInBytes, options.onNotice);
    if (text !== void 0) yield { path: rel, text, startLine: 1 };
  }
}
async function readOptionalFile(path) {
  try {
    const handle = await open(path, "r");
    try {
      return await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (e.code === "ENOENT") return void 0;
    throw e;
  }
}

export {
  scanRoot,
  walkFiles,
  readTextFile,
  fileFragments,
  readOptionalFile
};
