/**
 * `action.yml` as GitHub reads it: the runner parses the metadata file before a line of our code
 * runs, so a file it cannot parse is an Action that cannot start. Parsed here by a strict YAML 1.2
 * parser and validated against SchemaStore's published schema (vendored, see the fixture's
 * README); every complete workflow in the README and in `.github/workflows/` is validated against
 * the workflow schema, so a copied example works the first time.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

/** Parse as the runner must: YAML 1.2, strict, no duplicate keys; every error and warning fails. */
function parseStrict(text: string, where: string): unknown {
  const doc = parseDocument(text, { version: "1.2", strict: true, uniqueKeys: true, prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => `${where}: ${e.message}`);
  expect(problems).toEqual([]);
  return doc.toJS();
}

function validator(schemaFile: string) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(JSON.parse(read(`test/fixtures/schemastore/${schemaFile}`)));
}

function schemaErrors(validate: ReturnType<typeof validator>, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}

interface ActionMetadata {
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string };
}

describe("action.yml", () => {
  const metadata = parseStrict(read("action.yml"), "action.yml") as ActionMetadata;

  it("is valid against SchemaStore's github-action.json", () => {
    expect(schemaErrors(validator("github-action.json"), metadata)).toEqual([]);
  });

  it("runs on node24 from a main file that exists", () => {
    expect(metadata.runs.using).toBe("node24");
    expect(existsSync(join(ROOT, metadata.runs.main))).toBe(true);
  });

  it("describes every input and output", () => {
    for (const [name, input] of Object.entries(metadata.inputs)) {
      expect(input.description?.trim(), `input ${name}`).toBeTruthy();
      // The runner passes every input as a string; a non-string default is a YAML slip.
      if (input.default !== undefined) expect(typeof input.default, `input ${name} default`).toBe("string");
    }
    for (const [name, output] of Object.entries(metadata.outputs)) {
      expect(output.description?.trim(), `output ${name}`).toBeTruthy();
    }
  });
});

/** A fenced YAML block of the README, with the line it starts on. */
interface Block {
  readonly line: number;
  readonly text: string;
}

function yamlBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*```ya?ml\s*$/.test(lines[i] ?? "")) continue;
    const indent = (lines[i] ?? "").match(/^\s*/)?.[0].length ?? 0;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j] ?? ""); j++) body.push((lines[j] ?? "").slice(indent));
    blocks.push({ line: i + 1, text: body.join("\n") });
    i = j;
  }
  return blocks;
}

/**
 * What a README block is: a complete workflow (`on` and `jobs`), leakstop's own config (marked by
 * its schema comment or its first line naming the file) or another tool's file named the same way, or a fragment that says so on its first
 * line (`# fragment: …`). Anything else fails, so an example cannot silently be half a workflow.
 */
function kindOf(block: Block): "workflow" | "config" | "fragment" | "unknown" {
  const first = block.text.trimStart().split("\n")[0] ?? "";
  if (/^#\s*fragment\b/i.test(first)) return "fragment";
  if (/leakstop\.schema\.json|^#\s*\.?(github\/)?\.?leakstop\.ya?ml/.test(first)) return "config";
  // Another tool's file, named on the first line (e.g. `# .pre-commit-config.yaml`): parsed strictly.
  if (/^#\s*[\w./-]+\.ya?ml\s*$/.test(first)) return "config";
  const value = parseDocument(block.text, { version: "1.2" }).toJS() as Record<string, unknown> | null;
  if (value && typeof value === "object" && "jobs" in value && "on" in value) return "workflow";
  return "unknown";
}

interface Workflow {
  on: unknown;
  jobs: Record<string, { steps?: Array<{ uses?: string; if?: string }> }>;
}

/**
 * SARIF uploads that would fail a fork's pull request: its token cannot write security events,
 * so the upload step must be skipped there (the scan and its verdict still run).
 */
function unguardedSarifUploads(workflow: Workflow): string[] {
  const on = workflow.on;
  const triggers = typeof on === "string" ? [on] : Array.isArray(on) ? on : Object.keys(on ?? {});
  if (!triggers.includes("pull_request")) return [];
  return Object.entries(workflow.jobs).flatMap(([job, j]) =>
    (j.steps ?? [])
      .filter((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))
      .filter((s) => !/head\.repo\.(full_name|fork)/.test(s.if ?? ""))
      .map(() => `job ${job}: upload-sarif runs on fork pull requests`),
  );
}

describe("README and repository workflows", () => {
  const validateWorkflow = validator("github-workflow.json");
  const blocks = yamlBlocks(read("README.md"));

  it("has YAML examples to check", () => {
    expect(blocks.length).toBeGreaterThan(3);
  });

  it.each(blocks.map((b) => [b.line, b] as const))(
    "README block at line %i is complete or says it is a fragment",
    (_line, block) => {
      const kind = kindOf(block);
      expect(
        kind,
        `README.md:${block.line}: a workflow needs 'on' and 'jobs'; a partial example starts with '# fragment: …'`,
      ).not.toBe("unknown");
      const value = parseStrict(block.text, `README.md:${block.line}`);
      if (kind === "workflow") {
        expect(schemaErrors(validateWorkflow, value)).toEqual([]);
        expect(unguardedSarifUploads(value as Workflow), `README.md:${block.line}`).toEqual([]);
      }
    },
  );

  const workflowDir = join(ROOT, ".github", "workflows");
  const files = existsSync(workflowDir) ? readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f)) : [];
  it.each(files)(".github/workflows/%s is a valid workflow", (file) => {
    const path = `.github/workflows/${file}`;
    const workflow = parseStrict(read(path), path);
    expect(schemaErrors(validateWorkflow, workflow)).toEqual([]);
    expect(unguardedSarifUploads(workflow as Workflow), path).toEqual([]);
  });

  it("names the Node 24 majors of the actions it uses", () => {
    const text = [read("README.md"), ...files.map((f) => read(`.github/workflows/${f}`))].join("\n");
    const uses = [...text.matchAll(/uses:\s*([\w.-]+\/[\w./-]+)@([\w.-]+)/g)].map((m) => [m[1], m[2]] as const);
    // Majors that declare `runs.using: node24`; older ones run on a deprecated runtime.
    const node24: Record<string, number> = {
      "actions/checkout": 5,
      "actions/upload-artifact": 6,
      "actions/download-artifact": 7,
      "github/codeql-action/upload-sarif": 4,
      "actions/setup-node": 5,
    };
    for (const [name, ref] of uses) {
      const floor = name ? node24[name] : undefined;
      if (floor === undefined) continue;
      expect(Number(/^v(\d+)/.exec(ref ?? "")?.[1] ?? 0), `${name}@${ref}`).toBeGreaterThanOrEqual(floor);
    }
  });
});

describe("the e2e harness reads action.yml as the runner does", () => {
  it("sets every declared input, defaults evaluated, and refuses undeclared ones", async () => {
    const { actionMetadata, inputEnvironment } = await import("../e2e/action/harness.js");
    const metadata = await actionMetadata();
    const env = inputEnvironment(metadata, { "dry-run": "true" }, { "github.token": "job", "runner.temp": "/t" });
    expect(Object.keys(env).length).toBe(Object.keys(metadata.inputs).length);
    expect(env["INPUT_GITHUB-TOKEN"]).toBe("job");
    expect(env["INPUT_DRY-RUN"]).toBe("true");
    expect(env["INPUT_FAIL-ON-FINDINGS"]).toBe("true");
    expect(() => inputEnvironment(metadata, { "no-such-input": "x" }, {})).toThrow(/not declared in action.yml/);
  });
});
