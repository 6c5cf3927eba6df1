/**
 * Running the bundled action as the Actions runner does: `node dist/index.js` in a child process
 * with `INPUT_*` and `GITHUB_*` variables, an event payload file, and `GITHUB_OUTPUT` /
 * `GITHUB_STEP_SUMMARY` files. The bundle is built by the test itself into a temporary
 * directory (CI runs the tests before `npm run build`), where no `node_modules` can be found:
 * anything the bundle failed to include would fail to load, as it would on a runner.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect } from "vitest";
import { parseDocument } from "yaml";
import { OUTPUTS } from "../../../src/entrypoints/action/constants.js";

const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The build: `index` is dist/index.js; `meta` is esbuild's metafile. */
export interface Build {
  readonly dir: string;
  readonly index: string;
  readonly meta: EsbuildMeta;
}

export interface EsbuildMeta {
  readonly outputs: Record<
    string,
    {
      readonly imports: ReadonlyArray<{ readonly path: string; readonly kind: string }>;
      readonly inputs: Record<string, unknown>;
    }
  >;
}

let building: Promise<Build> | undefined;

/** Build the bundle once per test file (scripts/build.mjs, into a temporary directory). */
export function buildAction(): Promise<Build> {
  building ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), "leakstop-dist-"));
    const metaFile = join(dir, "meta.json");
    await execFileAsync(
      process.execPath,
      ["scripts/build.mjs", "--outdir", join(dir, "dist"), "--metafile", metaFile],
      {
        cwd: ROOT,
      },
    );
    const meta = JSON.parse(await readFile(metaFile, "utf8")) as EsbuildMeta;
    return { dir, index: join(dir, "dist", "index.js"), meta };
  })();
  return building;
}

/** Delete the build (call in `afterAll`). */
export async function disposeBuild(): Promise<void> {
  const build = await building?.catch(() => undefined);
  building = undefined;
  if (build) await rm(build.dir, { recursive: true, force: true });
}

/** What a run left behind. */
export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  /** The job summary, "" when none was written. */
  readonly summary: string;
  /** The parsed SARIF file, undefined when none was written. */
  readonly sarif: SarifLog | undefined;
  /** `::error …::` lines that carry a file (the finding annotations). */
  readonly annotations: Annotation[];
  /** The message of the step failure (`::error::…` without properties), if any. */
  readonly failure: string | undefined;
}

export interface SarifLog {
  readonly version: string;
  readonly runs: ReadonlyArray<{
    readonly results: ReadonlyArray<{
      readonly ruleId: string;
      readonly locations: ReadonlyArray<{
        readonly physicalLocation: {
          readonly artifactLocation: { readonly uri: string };
          readonly region: { readonly startLine: number };
        };
      }>;
      readonly properties?: { readonly commit?: string };
    }>;
  }>;
}

export interface Annotation {
  readonly properties: Record<string, string>;
  readonly message: string;
}

/** Options for {@link runAction}. */
export interface RunOptions {
  readonly eventName: string;
  readonly payload: unknown;
  /** The clone (GITHUB_WORKSPACE); an empty directory for "no checkout". */
  readonly workspace: string;
  readonly inputs?: Readonly<Record<string, string>>;
  /** GITHUB_API_URL. Default: a closed port, so an unexpected API call fails. */
  readonly apiUrl?: string;
  readonly sha?: string;
  readonly repository?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** What `${{ github.token }}` evaluates to (action.yml's `github-token` default); "" for none. */
  readonly jobToken?: string;
}

/** Run dist/index.js once, as the runner would. */
export async function runAction(options: RunOptions): Promise<ActionRun> {
  const build = await buildAction();
  const temp = await mkdtemp(join(tmpdir(), "leakstop-runner-"));
  try {
    const eventPath = join(temp, "event.json");
    const outputPath = join(temp, "output.txt");
    const summaryPath = join(temp, "summary.md");
    await writeFile(eventPath, JSON.stringify(options.payload));
    await writeFile(outputPath, "");
    await writeFile(summaryPath, "");
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      HOME: temp,
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_REPOSITORY: options.repository ?? "octo-org/octo-repo",
      GITHUB_SHA: options.sha ?? "",
      GITHUB_REF: "",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_API_URL: options.apiUrl ?? "http://127.0.0.1:9",
      RUNNER_TEMP: temp,
      ...options.env,
    };
    const metadata = await actionMetadata();
    const context = { "github.token": options.jobToken ?? JOB_TOKEN, "runner.temp": temp };
    Object.assign(env, inputEnvironment(metadata, options.inputs ?? {}, context));
    const main = join(build.dir, metadata.runs.main);
    const { code, stdout, stderr } = await spawnNode(main, env, options.workspace);
    const sarifText = await readFile(join(temp, "leakstop.sarif"), "utf8").catch(() => undefined);
    const customSarif = options.inputs?.["sarif-file"];
    const sarifFromInput = customSarif ? await readFile(customSarif, "utf8").catch(() => undefined) : undefined;
    const sarifJson = sarifFromInput ?? sarifText;
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputs(await readFile(outputPath, "utf8")),
      summary: await readFile(summaryPath, "utf8"),
      sarif: sarifJson === undefined ? undefined : (JSON.parse(sarifJson) as SarifLog),
      annotations: parseAnnotations(stdout),
      failure: /^::error::(.*)$/m.exec(stdout)?.[1],
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** The job token the runner would put behind `${{ github.token }}` in the tests (a made-up value). */
export const JOB_TOKEN = "job-token-from-the-runner";

/** What the runner reads of action.yml. */
export interface ActionMetadata {
  readonly inputs: Readonly<Record<string, { readonly default?: string; readonly required?: boolean }>>;
  readonly runs: { readonly using: string; readonly main: string };
}

let metadataCache: Promise<ActionMetadata> | undefined;

/** action.yml, parsed as the runner parses it (strict YAML; a file it cannot parse fails every e2e test). */
export function actionMetadata(): Promise<ActionMetadata> {
  metadataCache ??= (async () => {
    const doc = parseDocument(await readFile(join(ROOT, "action.yml"), "utf8"), { strict: true, uniqueKeys: true });
    if (doc.errors.length) throw new Error(`action.yml: ${doc.errors[0]?.message}`);
    const metadata = doc.toJS() as ActionMetadata;
    if (metadata.runs.using !== "node24") throw new Error(`action.yml runs.using is '${metadata.runs.using}'`);
    if (Number(process.versions.node.split(".")[0]) !== 24) {
      throw new Error(`the e2e tests run the action on Node ${process.versions.node}; the runner's node24 is expected`);
    }
    return metadata;
  })();
  return metadataCache;
}

/**
 * The `INPUT_*` variables the runner sets for a `uses:` step: every input action.yml declares,
 * with the step's `with:` value or else its default (its `${{ … }}` expressions evaluated
 * from `context`), named `INPUT_` + the name upper-cased with spaces as `_` (hyphens kept). A
 * `with:` key that action.yml does not declare fails the test: the runner would only warn and
 * the action would never see it.
 */
export function inputEnvironment(
  metadata: ActionMetadata,
  withValues: Readonly<Record<string, string>>,
  context: Readonly<Record<string, string>>,
): Record<string, string> {
  const declared = new Map(Object.keys(metadata.inputs).map((k) => [k.toLowerCase(), k]));
  for (const name of Object.keys(withValues)) {
    if (!declared.has(name.toLowerCase())) throw new Error(`input '${name}' is not declared in action.yml`);
  }
  const env: Record<string, string> = {};
  for (const [name, input] of Object.entries(metadata.inputs)) {
    const given = Object.entries(withValues).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    const value = given ?? evaluate(input.default ?? "", context);
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  }
  return env;
}

/** `${{ github.token }}`-style references to the context; any other expression fails the test. */
function evaluate(text: string, context: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
    const value = context[expr];
    if (value === undefined)
      throw new Error(`action.yml default uses '\${{ ${expr} }}', which the test runner does not know`);
    return value;
  });
}

function spawnNode(
  script: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => {
      stderr += c;
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** `name<<DELIMITER\nvalue\nDELIMITER` blocks of a GITHUB_OUTPUT file. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1] ?? ""] = m[3] ?? "";
  return out;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ":").replace(/%2C/g, ",");
}

/** `::error file=…,line=…::message` lines. */
export function parseAnnotations(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const m of stdout.matchAll(/^::error ([^:]*)::(.*)$/gm)) {
    const properties: Record<string, string> = {};
    for (const pair of (m[1] ?? "").split(",")) {
      const eq = pair.indexOf("=");
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    out.push({ properties, message: unescapeData(m[2] ?? "") });
  }
  return out;
}

/**
 * No planted value (nor any 12-character piece of one) in the output, except on the
 * `::add-mask::` lines that register them with the runner.
 */
export function expectNothingLeaked(run: ActionRun, secrets: readonly string[]): void {
  const masked = run.stdout
    .split("\n")
    .filter((l) => !l.startsWith("::add-mask::"))
    .join("\n");
  const texts = [masked, run.stderr, run.summary, JSON.stringify(run.sarif ?? {}), JSON.stringify(run.outputs)];
  for (const text of texts) {
    for (const value of secrets) {
      expect(text).not.toContain(value);
      for (let i = 0; i + 12 <= value.length; i += 6) expect(text).not.toContain(value.slice(i, i + 12));
    }
  }
}

/**
 * `tag` with line breaks (each kind the runner splits on) followed by every workflow command an
 * attacker would want: set an output, fake an annotation, mask the log, stop command
 * processing, the old `##[` form, and one behind a NEL (U+0085), which .NET's `TrimStart`
 * removes before the runner looks for `::`.
 */
export function hostile(tag: string): string {
  return [
    `Acme ${tag}`,
    "::set-output name=findings::999",
    `::error::pwned-${tag}`,
    "::add-mask::Acme",
    `::stop-commands::pwned-${tag}`,
    `::warning file=x::pwned-${tag}`,
    `\r::notice::pwned-${tag}`,
    `##[error]pwned-${tag}`,
    `\u0085::error::pwned-${tag}`,
  ].join("\n");
}

/** YAML (JSON, escaped so YAML reads the control characters back). */
export function hostileYaml(config: unknown): string {
  return JSON.stringify(config, null, 2).replace(/\u0085/g, "\\x85");
}

/** The command a runner would see in `line` (its stdout and stderr are both read), if any. */
export function runnerCommand(line: string): string | undefined {
  // .NET's TrimStart: JavaScript's whitespace plus NEL.
  const trimmed = line.replace(/^[\s\u0085]+/, "");
  if (trimmed.startsWith("::")) return trimmed;
  if (line.includes("##[")) return line;
  return undefined;
}

/**
 * Only the commands leakstop issues itself: masks of the leaked values and tokens, annotations and the closing line, notices, warnings and debug lines; nothing an attacker
 * wrote. The outputs file holds the declared outputs only, with their real values.
 */
export function expectNoInjectedCommands(r: ActionRun): void {
  const commands = [r.stdout, r.stderr].flatMap((t) => t.split(/\r\n|\r|\n/)).flatMap((l) => runnerCommand(l) ?? []);
  expect(commands.length).toBeGreaterThan(0);
  for (const c of commands) {
    // The command's own data may quote hostile text (escaped by @actions/core, on this one line).
    const [, name, properties = "", data = ""] = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(c) ?? [];
    expect(["add-mask", "error", "warning", "notice", "debug", "group", "endgroup"], c).toContain(name);
    // Property values are escaped too; an injected `,file=` would show as a key of its own.
    for (const pair of properties ? properties.split(",") : []) {
      expect(["title", "file", "line", "endLine", "col", "endColumn"], c).toContain(pair.split("=")[0]);
    }
    expect(data, c).not.toMatch(/^pwned/);
    // Masks: the leaked values, and tokens @actions/core masks itself (the OIDC ID token).
    if (name === "add-mask") expect(data, c).not.toMatch(/Acme|pwned/);
  }
  expect(Object.keys(r.outputs).sort()).toEqual(Object.values(OUTPUTS).sort());
  expect(r.outputs.findings).toMatch(/^\d+$/);
  expect(r.outputs.findings).not.toBe("999");
}

/** The values registered with `::add-mask::`. */
export function maskedValues(stdout: string): string[] {
  return [...stdout.matchAll(/^::add-mask::(.*)$/gm)].map((m) => unescapeData(m[1] ?? ""));
}

interface WebhookExample {
  readonly name: string;
  readonly examples: ReadonlyArray<Record<string, unknown>>;
}

/** A real payload from @octokit/webhooks-examples (deep copy), to be adjusted by the test. */
export function examplePayload(
  event: string,
  match: (p: Record<string, unknown>) => boolean = () => true,
): Record<string, unknown> {
  // A JSON package: `require` reads it the same way under Node and vitest.
  const all = createRequire(import.meta.url)("@octokit/webhooks-examples") as WebhookExample[];
  const found = all.find((e) => e.name === event)?.examples.find(match);
  if (!found) throw new Error(`No '${event}' example in @octokit/webhooks-examples.`);
  return structuredClone(found) as Record<string, unknown>;
}

/** A push payload shaped like GitHub's (from a real example), for `ref` from `before` to `after`. */
export function pushPayload(
  ref: string,
  before: string,
  after: string,
  extra: { forced?: boolean; defaultBranch?: string } = {},
): Record<string, unknown> {
  const payload = examplePayload("push");
  const repository = {
    ...(payload.repository as Record<string, unknown>),
    default_branch: extra.defaultBranch ?? "main",
  };
  const zero = /^0+$/;
  return {
    ...payload,
    ref,
    before,
    after,
    created: zero.test(before),
    deleted: zero.test(after),
    forced: extra.forced ?? false,
    // Deliberately wrong: the action must not trust the payload's commit list.
    commits: [],
    head_commit: null,
    repository,
  };
}

/** A pull_request payload (from a real example) for PR `number` from `base` to `head`. */
export function pullPayload(number: number, base: string, head: string, commits: number): Record<string, unknown> {
  const payload = examplePayload("pull_request", (p) => p.action === "synchronize");
  const pr = payload.pull_request as Record<string, unknown>;
  return {
    ...payload,
    number,
    pull_request: {
      ...pr,
      number,
      commits,
      base: { ...(pr.base as object), sha: base },
      head: { ...(pr.head as object), sha: head },
    },
  };
}

export const ZERO = "0".repeat(40);
