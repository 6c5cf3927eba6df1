/**
 * `leakstop scan` as a person uses it: real files and real git repositories made by the test,
 * the exit-status contract, one-line errors, and no secret in any output stream.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Faker } from "../../../src/core/rules/fake.js";
import { fakePem } from "../../../src/core/rules/privatekey.js";
import { run } from "../../../src/entrypoints/cli/run.js";
import { GitRepo } from "../../helpers/gitrepo.js";

const f = new Faker(4242);
const canaries = {
  token: f.githubToken("ghp_"),
  password: f.password(18),
  storage: f.identifiableKey(64, "+ASt", 76),
  pem: fakePem(f),
};
/** What must never be printed: the values, and of the key its body (the armour lines are public). */
const secrets = { ...canaries, pem: canaries.pem.split("\n").slice(1, -1).join("\n") };

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: (t: string) => {
      stdout += t;
    },
    stderr: (t: string) => {
      stderr += t;
    },
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

function expectNoCanary(...texts: string[]) {
  for (const text of texts) {
    for (const value of Object.values(secrets)) {
      expect(text).not.toContain(value);
      // Not even a part of it: every 12-character slice of each canary.
      for (let i = 0; i + 12 <= value.length; i += 6) expect(text).not.toContain(value.slice(i, i + 12));
    }
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leakstop-cli-"));
  await writeFile(join(dir, "app.js"), `const octo = new Octokit({ auth: "${canaries.token}" });\n`);
  await writeFile(join(dir, ".env"), `DB_PASSWORD=${canaries.password}\nSTORAGE_KEY=${canaries.storage}\n`);
  await writeFile(join(dir, "id_rsa"), `${canaries.pem}\n`);
  await writeFile(join(dir, "clean.md"), "# nothing here\npassword: ${DB_PASSWORD}\n");
  await writeFile(join(dir, "image.bin"), Buffer.from([0, 1, 2, 3, ...Buffer.from(canaries.token)]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("leakstop scan (files)", () => {
  it("finds every planted secret, exits 1, and prints none of them in any format", async () => {
    for (const format of ["text", "json", "sarif"]) {
      const r = await cli("scan", dir, "--format", format);
      expect(r.code, r.stderr).toBe(1);
      expectNoCanary(r.stdout, r.stderr);
      if (format === "json") {
        const report = JSON.parse(r.stdout) as { findings: Array<{ path: string; ruleId: string; line: number }> };
        expect(report.findings.map((x) => `${x.path}:${x.line}:${x.ruleId}`).sort()).toEqual([
          ".env:1:generic-password",
          ".env:2:azure-storage-account-key",
          "app.js:1:github-pat",
          "id_rsa:1:private-key",
        ]);
      }
      if (format === "sarif") {
        const sarif = JSON.parse(r.stdout) as { version: string; runs: Array<{ results: unknown[] }> };
        expect(sarif.version).toBe("2.1.0");
        expect(sarif.runs[0]?.results).toHaveLength(4);
      }
    }
  });

  it("writes the report to --output and a one-line summary to stderr", async () => {
    const out = join(dir, "..", `report-${process.pid}.sarif`);
    const r = await cli("scan", dir, "--format", "sarif", "--output", out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^leakstop: 4 finding\(s\) in 3 file\(s\); report written to .*\n$/);
    const text = await readFile(out, "utf8");
    expectNoCanary(text);
    await rm(out);
  });

  it("exits 0 on a clean tree", async () => {
    const clean = await mkdtemp(join(tmpdir(), "leakstop-clean-"));
    await writeFile(join(clean, "a.py"), "password = os.environ['DB_PASSWORD']\n");
    const r = await cli("scan", clean);
    expect(r).toMatchObject({ code: 0, stdout: "No secrets found.\n" });
    await rm(clean, { recursive: true });
  });

  it("honours the ignore file and the config found under PATH", async () => {
    const json = JSON.parse((await cli("scan", dir, "--format", "json")).stdout) as {
      findings: Array<{ fingerprint: string; path: string }>;
    };
    const fp = json.findings.find((x) => x.path === "app.js")?.fingerprint;
    await writeFile(join(dir, ".leakstopignore"), `${fp}  # test fixture, revoked\n`);
    await writeFile(join(dir, ".leakstop.yml"), "allowlist:\n  paths: ['id_rsa']\n");
    const r = await cli("scan", dir, "--format", "json");
    const paths = (JSON.parse(r.stdout) as { findings: Array<{ path: string }> }).findings.map((x) => x.path);
    expect(paths.sort()).toEqual([".env", ".env"]);
    await rm(join(dir, ".leakstopignore"));
    await rm(join(dir, ".leakstop.yml"));
  });
});

describe("leakstop scan --git", () => {
  let repo: GitRepo;
  beforeAll(async () => {
    repo = await GitRepo.create();
  });
  afterAll(async () => {
    await repo.dispose();
  });

  it("finds a secret added then removed inside the range, with its commit, and not a removed line", async () => {
    const base = await repo.commit("base", { "README.md": "hello\n" });
    const added = await repo.commit("add", { "cfg/settings.py": `x = 1\nAPI_TOKEN = "${canaries.token}"\n` });
    await repo.commit("remove", { "cfg/settings.py": "x = 1\nAPI_TOKEN = os.environ['API_TOKEN']\n" });
    const r = await cli("scan", "--git", "--range", `${base}..HEAD`, repo.dir, "--format", "json");
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as {
      findings: Array<{ path: string; line: number; commit?: { sha: string } }>;
    };
    expect(report.findings.map((x) => [x.path, x.line, x.commit?.sha])).toEqual([["cfg/settings.py", 2, added]]);
    expectNoCanary(r.stdout, r.stderr);
    // The range after the removal is clean: removed lines are never findings.
    const after = await cli("scan", "--git", "--range", `${added}..HEAD`, repo.dir);
    expect(after.code).toBe(0);
  });
});

describe("bad input: one clear line on stderr, exit 2", () => {
  it.each([
    [["scan", "--frobnicate"], /unknown option '--frobnicate'/],
    [["scan", "/definitely/not/here"], /Path '\/definitely\/not\/here' does not exist/],
    [["scan", ".", "--format", "xml"], /Unknown format 'xml'; use one of: text, json, sarif/],
    [["scan", ".", "--range", "a..b"], /--range needs --git/],
    [["scan", ".", "--config", "/nope.yml"], /Config file '\/nope\.yml' does not exist/],
    [["frob"], /unknown command 'frob'/],
  ])("%j", async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/); // no stack trace
  });

  it("names a broken config's file, line and key", async () => {
    const d = await mkdtemp(join(tmpdir(), "leakstop-cfg-"));
    await writeFile(join(d, ".leakstop.yml"), "allowlist:\n  pathz: [x]\n");
    const r = await cli("scan", d);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "leakstop: .leakstop.yml:2:3: unknown key 'allowlist.pathz'; known keys here: paths, values, stopwords, rules\n",
    );
    await rm(d, { recursive: true });
  });

  it("rejects a directory that is not a git repository, and an unknown revision", async () => {
    const d = await mkdtemp(join(tmpdir(), "leakstop-nogit-"));
    const r = await cli("scan", "--git", d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a git repository/);
    const repo = await GitRepo.create();
    await repo.commit("one", { "a.txt": "a\n" });
    const r2 = await cli("scan", "--git", "--range", "nosuchrev..HEAD", repo.dir);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/Unknown revision 'nosuchrev'/);
    await repo.dispose();
    await rm(d, { recursive: true });
  });
});
