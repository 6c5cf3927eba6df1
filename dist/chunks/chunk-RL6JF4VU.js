import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/adapters/fs/target.ts
import { lstatSync } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
async function resolveScanTarget(path, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  const rootOf = async (dir) => options.root === void 0 ? repositoryRoot(dir) : explicitRoot(options.root);
  if (path === "-" || path === "/dev/stdin")
    return { ...await rootOf(await realpath(cwd)), start: "", kind: "stream" };
  const info = await stat(path).catch((e) => {
    if (e.code === "ENOENT" && isLink(path)) {
      throw new TypeError(`Path '${path}' is a symbolic link to something that does not exist; fix the link.`);
    }
    if (e.code === "ENOENT" || e.code === "ENOTDIR") {
      throw new TypeError(`Path '${path}' does not exist; pass a file or directory to scan.`);
    }
    throw new TypeError(`Path '${path}' cannot be read (${e.code ?? e.message}); check its permissions.`);
  });
  if (!info.isDirectory() && !info.isFile()) {
    return { ...await rootOf(await realpath(cwd)), start: "", kind: "stream" };
  }
  const real = await realpath(path);
  const found = await rootOf(info.isDirectory() ? real : dirname(real));
  const start = relative(found.root, real).split(sep).join("/");
  if (start === ".." || start.startsWith("../") || isAbsolute(start)) {
    throw new TypeError(`Path '${path}' is not inside --root '${options.root}'; pass a PATH under the root.`);
  }
  return { ...found, start, kind: info.isDirectory() ? "directory" : "file" };
}
async function explicitRoot(root) {
  const info = await stat(root).catch(() => void 0);
  if (!info?.isDirectory())
    throw new TypeError(`--root '${root}' is not a directory; pass the folder paths are relative to.`);
  const real = await realpath(root);
  return { root: real, inRepository: isPresent(join(real, ".git")) };
}
async function repositoryRoot(dir) {
  for (let d = dir; ; d = dirname(d)) {
    if (isPresent(join(d, ".git"))) return { root: d, inRepository: true };
    if (dirname(d) === d) return { root: dir, inRepository: false };
  }
}
function isPresent(path) {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
function isLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export {
  resolveScanTarget
};
