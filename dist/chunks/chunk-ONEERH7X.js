import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  decodeText
} from "./chunk-6SOW3BQE.js";

// src/adapters/fs/files.ts
import { closeSync, fstatSync, openSync, readdirSync, readSync } from "node:fs";
import { join } from "node:path";
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", ".hg", ".svn"]);
function* walkFiles(options) {
  if (!options.isDirectory) {
    yield options.start;
    return;
  }
  yield* walk(options.root, options.start, options);
}
function* walk(root, rel, options) {
  let entries;
  try {
    entries = readdirSync(rel ? join(root, rel) : root, { withFileTypes: true });
  } catch (e) {
    if (rel === options.start) throw e;
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
    } else if (options.isPathIgnored?.(child)) {
    } else if (entry.isFile()) {
      yield child;
    } else if (entry.isSymbolicLink()) {
      options.onSkip?.("symlink", child);
    } else {
      options.onSkip?.("special", child);
    }
  }
}
function readTextFile(root, rel, maxFileSizeInBytes, onNotice, onSkip) {
  let fd;
  try {
    fd = openSync(join(root, rel), "r");
    const info = fstatSync(fd);
    if (!info.isFile()) {
      onSkip?.("special", rel);
      return void 0;
    }
    if (info.size > maxFileSizeInBytes) {
      onNotice?.(tooLarge(rel, info.size, maxFileSizeInBytes));
      return void 0;
    }
    const buf = Buffer.allocUnsafe(info.size);
    let read = 0;
    while (read < info.size) {
      const n = readSync(fd, buf, read, info.size - read, read);
      if (n === 0) break;
      read += n;
    }
    const decoded = decodeText(buf.subarray(0, read));
    if (decoded === void 0) onSkip?.("binary", rel);
    return decoded?.text;
  } catch (e) {
    onNotice?.(`Skipped '${rel}': ${e.code ?? e.message}.`);
    return void 0;
  } finally {
    if (fd !== void 0) closeSync(fd);
  }
}
function tooLarge(rel, size, max) {
  return `Skipped '${rel}' (${(size / 1048576).toFixed(1)} MB, over the ${(max / 1048576).toFixed(0)} MB limit; raise maxFileSizeInMB in the config to scan it).`;
}
async function* fileFragments(options, paths) {
  for (const rel of paths ?? walkFiles(options)) {
    const text = readTextFile(options.root, rel, options.maxFileSizeInBytes, options.onNotice, options.onSkip);
    if (text !== void 0) yield { path: rel, text, startLine: 1 };
  }
}
async function readStream(stream, maxBytes, name) {
  const chunks = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buf.length;
    if (size > maxBytes) {
      throw new RangeError(
        `${name} is over the ${(maxBytes / 1048576).toFixed(0)} MB limit; raise maxFileSizeInMB in the config or scan the file by its path.`
      );
    }
    chunks.push(buf);
  }
  return decodeText(Buffer.concat(chunks))?.text;
}

export {
  walkFiles,
  readTextFile,
  fileFragments,
  readStream
};
