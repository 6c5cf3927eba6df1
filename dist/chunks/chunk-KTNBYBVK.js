import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/adapters/state/stored-app.ts
import { chmodSync, readFileSync } from "node:fs";
import { mkdir, open, rename } from "node:fs/promises";
import { join } from "node:path";
var STORED_APP_FILE = "github-app.json";
async function writeStoredApp(dataDir, app) {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, STORED_APP_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, "wx", 384);
  try {
    await handle.writeFile(`${JSON.stringify({ version: 1, ...app }, null, 2)}
`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  return file;
}
function readStoredApp(dataDir) {
  const file = join(dataDir, STORED_APP_FILE);
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT" || code === "ENOTDIR") return void 0;
    throw new TypeError(`Cannot read '${file}' (${e.code}); fix its permissions.`);
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TypeError(`'${file}' is not JSON; remove it and run the setup again (LEAKSTOP_SETUP=1).`);
  }
  const fields = ["appId", "slug", "htmlUrl", "owner", "privateKey", "webhookSecret"];
  if (!fields.every((k) => typeof value[k] === "string") || !/^\d+$/.test(value.appId ?? "")) {
    throw new TypeError(`'${file}' is not a stored GitHub App; remove it and run the setup again (LEAKSTOP_SETUP=1).`);
  }
  chmodSync(file, 384);
  return Object.fromEntries(fields.map((k) => [k, value[k]]));
}

export {
  writeStoredApp,
  readStoredApp
};
