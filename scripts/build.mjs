// Bundles the entry points with esbuild into dist/ (committed: the Actions runner and
// `npx leakstop` right after `npm ci` use it as is, with no node_modules at run time).

import { rm } from "node:fs/promises";
import { build } from "esbuild";

const common = {
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  splitting: true,
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  sourcemap: false,
  legalComments: "linked",
  logLevel: "warning",
  // ESM bundles of CommonJS dependencies need `require`.
  banner: {
    js: "import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);",
  },
};

await rm("dist", { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { cli: "src/entrypoints/cli/main.ts" },
});
