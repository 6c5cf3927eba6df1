/**
 * The "vault" bench section: Key Vault requests per finding for a 500-secret vault, before
 * (the old matcher, bench/vault-before.ts) and after (`matchFindings`), in the same run against
 * the HTTPS Key Vault double (bench/vault-target.ts, bundled with esbuild and run as a child).
 */
import { spawnSync } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

export async function vaultSection(
  ctx: { readonly tmp: string },
  print: (header: string[], rows: string[][]) => void,
): Promise<void> {
  const dir = join(ctx.tmp, "vault");
  await mkdir(dir, { recursive: true });
  const target = join(dir, "vault-target.mjs");
  const built = spawnSync(
    join(ROOT, "node_modules/.bin/esbuild"),
    [
      join(ROOT, "bench/vault-target.ts"),
      "--bundle",
      "--platform=node",
      "--target=node24",
      "--format=esm",
      `--outfile=${target}`,
      "--log-level=error",
      "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    ],
    { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] },
  );
  if (built.status !== 0) throw new Error("bundling bench/vault-target.ts failed (see above)");
  const run = spawnSync(process.execPath, [target], { cwd: dir, encoding: "utf8", timeout: 120_000 });
  if (run.status !== 0) throw new Error(`bench/vault-target.ts failed: ${run.stderr.slice(-1000)}`);
  const out = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as { secrets: number; rows: string[][] };
  console.log(`Key Vault requests per finding, ${out.secrets}-secret vault (HTTPS double, page size 25):\n`);
  print(["finding", "before: requests", "found", "after: requests", "found"], out.rows);
}
