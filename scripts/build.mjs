// Bundles the entry points with esbuild into dist/ (committed: the Actions runner and
// `npx leakstop` right after `npm ci` use it as is, with no node_modules at run time).
//
//   node scripts/build.mjs                       # → dist/
//   node scripts/build.mjs --outdir DIR          # elsewhere (tests build their own copy)
//   node scripts/build.mjs --metafile FILE       # also write esbuild's metafile (what each chunk holds)
//
// Entry points: dist/cli.js (the CLI) and dist/index.js (the GitHub Action, action.yml's `main`).
// Code splitting keeps what a clean Action run loads small: the responder (Azure SDK) and Octokit
// (only needed without a clone) are behind `import()` and land in chunks of their own.

import { rm, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const { values: args } = parseArgs({ options: { outdir: { type: "string" }, metafile: { type: "string" } } });
const outdir = args.outdir ?? "dist";

/**
 * @actions/core imports its OIDC client, and with it @actions/http-client and undici (~700 KB),
 * at module load, although only `getIDToken` uses them. Declaring these packages free of side
 * effects lets esbuild drop them from a bundle that never calls `getIDToken`, which keeps the
 * Action's cold start close to bare Node's.
 */
const sideEffectFree = {
  name: "side-effect-free",
  setup(b) {
    b.onResolve({ filter: /^(?:@actions\/http-client|undici|tunnel)(?:\/|$)/ }, async (a) => {
      if (a.pluginData === "side-effect-free") return undefined;
      const resolved = await b.resolve(a.path, {
        kind: a.kind,
        importer: a.importer,
        resolveDir: a.resolveDir,
        pluginData: "side-effect-free",
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { ...resolved, sideEffects: false };
    });
  },
};

const common = {
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  splitting: true,
  outdir,
  chunkNames: "chunks/[name]-[hash]",
  sourcemap: false,
  legalComments: "linked",
  logLevel: "warning",
  metafile: args.metafile !== undefined,
  plugins: [sideEffectFree],
  // ESM bundles of CommonJS dependencies need `require`.
  banner: {
    js: "import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);",
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  ...common,
  entryPoints: { cli: "src/entrypoints/cli/main.ts", index: "src/entrypoints/action/index.ts" },
});
if (args.metafile !== undefined) await writeFile(args.metafile, JSON.stringify(result.metafile));
