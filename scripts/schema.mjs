// Writes schema/leakstop.schema.json from the configuration schema the code validates with
// (src/core/config/schema.ts), so editors validate `.leakstop.yml` against exactly what runs.
//
//   node scripts/schema.mjs            # (re)write the file
//   node scripts/schema.mjs --check    # CI: exit 1 when the committed file differs

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
// Node 24 strips the types of a .ts file it imports; schema.ts has no imports of its own.
import { CONFIG_SCHEMA } from "../src/core/config/schema.ts";

const { values: args } = parseArgs({ options: { check: { type: "boolean", default: false } } });
const target = new URL("../schema/leakstop.schema.json", import.meta.url);
const text = `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`;

if (args.check) {
  const current = await readFile(target, "utf8").catch(() => "");
  if (current !== text) {
    process.stderr.write(
      "schema/leakstop.schema.json differs from src/core/config/schema.ts: run 'npm run schema' and commit it.\n",
    );
    process.exit(1);
  }
} else {
  await mkdir(new URL(".", target), { recursive: true });
  await writeFile(target, text);
}
