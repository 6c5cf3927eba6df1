/**
 * The npm path as another project meets it: `npm pack` the package, install the tarball into a
 * scratch project without the network, and run `npx leakstop`. The bundle in dist/ is what ships,
 * so the package has no runtime dependencies and the install needs no registry.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Faker } from "../../src/core/rules/fake.js";

const exec = promisify(execFile);
const root = new URL("../..", import.meta.url).pathname;
const token = new Faker(8).githubToken("ghp_");

interface Packed {
  filename: string;
  files: { path: string }[];
}

let scratch: string;
let packed: Packed;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "leakstop-npm-"));
  const { stdout } = await exec("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: root });
  packed = (JSON.parse(stdout) as Packed[])[0] as Packed;
  const project = join(scratch, "project");
  await mkdir(join(project, "src"), { recursive: true });
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "scratch", version: "1.0.0", private: true }));
  await exec("npm", ["install", "--save-dev", "--offline", "--no-audit", "--no-fund", join(scratch, packed.filename)], {
    cwd: project,
  });
}, 60_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("npm package", () => {
  it("ships the bundle, the schema, the licence and the docs, and no sources or tests", () => {
    const paths = packed.files.map((f) => f.path);
    for (const p of [
      "package.json",
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      "dist/cli.js",
      "schema/leakstop.schema.json",
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths.filter((p) => /^(?:src|test|scripts|eval|bench|node_modules)\//.test(p))).toEqual([]);
  });

  it("declares what it needs: no runtime dependencies, Node 22.13 or later, a bin", async () => {
    const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
    expect(pkg.private).toBeUndefined();
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.engines.node).toBe(">=22.13.0");
    expect(pkg.bin).toEqual({ leakstop: "dist/cli.js" });
    const installed = JSON.parse(await readFile(join(scratch, "project/package.json"), "utf8"));
    expect(Object.keys(installed.devDependencies)).toEqual(["leakstop"]);
  });

  it("npx leakstop scan . in the other project (node_modules skipped) finds a planted secret and exits 1, without printing it", async () => {
    const project = join(scratch, "project");
    await writeFile(join(project, "src/app.js"), `const octo = new Octokit({ auth: "${token}" });\n`);
    const error = await exec("npx", ["--no-install", "leakstop", "scan", "."], { cwd: project }).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stdout).toContain("src/app.js");
    expect(`${error?.stdout}${error?.stderr}`).not.toContain(token);
    await writeFile(join(project, "src/app.js"), "const octo = new Octokit({ auth: process.env.GITHUB_TOKEN });\n");
    const clean = await exec("npx", ["--no-install", "leakstop", "scan", "."], { cwd: project });
    expect(clean.stdout).not.toContain("src/app.js");
  });
});
