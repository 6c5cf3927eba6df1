/**
 * The action: read settings, decide what to scan from the event, scan, mask every leaked value,
 * respond (lazily imported, only with findings), then report: annotations, job summary, SARIF,
 * outputs, and one line that fails the job. Errors become one `setFailed` line naming the input
 * or permission to fix; the exit status is set here only.
 */
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { debug, info, notice, setFailed, warning } from "@actions/core";
import { annotate } from "../../adapters/actions/annotations.js";
import { maskFindings } from "../../adapters/actions/mask.js";
import { setOutputs } from "../../adapters/actions/outputs.js";
import { writeJobSummary } from "../../adapters/actions/summary.js";
import { type LoadedConfig, loadConfig } from "../../adapters/fs/config.js";
import { ConfigError } from "../../core/config/config.js";
import { planScan } from "../../core/events/plan.js";
import { printable, renderSarif } from "../../core/report/index.js";
import { renderSummary } from "../../core/report/markdown.js";
import { createEngine, scanAll } from "../../core/scan/engine.js";
import type { Finding, Rule } from "../../core/types.js";
import { VERSION } from "../../version.js";
import { INPUTS, OUTPUTS } from "./constants.js";
import type { RespondResult, RotatedVersion } from "./respond.js";
import { type ActionSettings, readSettings } from "./settings.js";
import { openSource } from "./source.js";

/** Notices shown as annotations; the rest are in the summary and the SARIF file. */
const MAX_NOTICE_ANNOTATIONS = 10;

/** Run the action. Never throws: a failure marks the step failed with one line. */
export async function run(): Promise<void> {
  try {
    const settings = await readSettings();
    if (settings.secrets.length > 0) await rotationMode(settings);
    else await scanMode(settings);
  } catch (error) {
    setFailed(`leakstop: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof Error && error.stack) debug(error.stack);
  }
}

async function rotationMode(settings: ActionSettings): Promise<void> {
  const { rotateOnDemand } = await import("./respond.js");
  const result = await rotateOnDemand({ settings, log: (line) => info(line) });
  setOutputs(outputValues(0, result.rotated, { issues: [] }, undefined));
  if (result.failure !== undefined) setFailed(`leakstop: ${result.failure}`);
}

async function scanMode(settings: ActionSettings): Promise<void> {
  const plan = planScan(settings.event);
  let findings: Finding[] = [];
  let rules: readonly Rule[] = [];
  let scope: string;
  let commits = 0;
  let notices: string[] = [];
  if (plan.kind === "skip") {
    scope = plan.reason;
    info(`leakstop: ${plan.reason}`);
  } else {
    const loaded = await loadActionConfig(settings);
    const engine = createEngine({ config: loaded.config, ignoredFingerprints: loaded.ignoredFingerprints });
    rules = engine.rules;
    const source = await openSource(settings, plan, { info: (line) => info(line), debug: (line) => debug(line) });
    findings = source.finish(await scanAll(engine, source.fragments));
    ({ scope, commits, notices } = source);
  }

  // Mask before anything about the findings is printed.
  maskFindings(findings);
  const sarifFile = await writeSarif(settings.sarifFile, findings, rules, notices);
  annotate(findings, {
    serverUrl: settings.serverUrl,
    repository: `${settings.repository.owner}/${settings.repository.repo}`,
  });
  for (const n of notices.slice(0, MAX_NOTICE_ANNOTATIONS)) notice(`leakstop: ${printable(n)}`);
  if (notices.length > MAX_NOTICE_ANNOTATIONS) {
    notice(`leakstop: ${notices.length - MAX_NOTICE_ANNOTATIONS} more notes in the job summary and the SARIF file.`);
  }
  const response = findings.length > 0 ? await respondTo(findings, settings, scope) : NOTHING_DONE;
  if (settings.jobSummary && (findings.length > 0 || notices.length > 0)) {
    const repositoryUrl = `${settings.serverUrl.replace(/\/+$/, "")}/${settings.repository.owner}/${settings.repository.repo}`;
    await writeJobSummary(
      renderSummary(findings, { scope, commits, outcomes: response.outcomes, repositoryUrl, notices }),
    );
  }
  setOutputs(outputValues(findings.length, response.rotated, response, sarifFile));

  if (findings.length === 0) {
    if (plan.kind !== "skip") info(`leakstop: no secrets found in ${commits} commit(s).`);
  } else if (settings.failOnFindings) setFailed(verdict(findings, scope));
  else warning(verdict(findings, scope));
  // A response that did not complete (a rotation failed) fails the job whatever `fail-on-findings` says.
  if (response.failure !== undefined) setFailed(`leakstop: ${response.failure}`);
}

const NOTHING_DONE: RespondResult = { rotated: [], issues: [], outcomes: new Map() };

/**
 * The responder, imported only now (a clean run never loads it). The report is already out, so
 * a responder that throws becomes a failure line instead of hiding what was found.
 */
async function respondTo(
  findings: readonly Finding[],
  settings: ActionSettings,
  scope: string,
): Promise<RespondResult> {
  try {
    const { respond } = await import("./respond.js");
    return await respond({ findings, settings, scope, log: (line) => info(line) });
  } catch (error) {
    if (error instanceof Error && error.stack) debug(error.stack);
    return {
      ...NOTHING_DONE,
      failure: `the response failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** The one line that ends a run with findings: what was found and what to do next. */
function verdict(findings: readonly Finding[], scope: string): string {
  const rules = [...new Set(findings.map((f) => f.ruleId))].sort();
  const commits = new Set(findings.flatMap((f) => (f.commit ? [f.commit.sha] : []))).size;
  const what = `${findings.length} secret${findings.length === 1 ? "" : "s"} (${rules.join(", ")})`;
  const where = commits > 0 ? ` in ${commits} commit${commits === 1 ? "" : "s"}` : "";
  return (
    `leakstop: found ${what}${where} of ${printable(scope)}. Treat each as leaked: revoke or rotate it, then remove it ` +
    "from the code; see the annotations and the job summary (a false positive: 'leakstop:allow' comment or .leakstopignore)."
  );
}

async function loadActionConfig(settings: ActionSettings): Promise<LoadedConfig> {
  const explicit = settings.config;
  if (
    explicit !== undefined &&
    !(await stat(explicit).then(
      (s) => s.isFile(),
      () => false,
    ))
  ) {
    throw new TypeError(
      `Input '${INPUTS.config}' names '${relative(settings.workspace, explicit) || explicit}', which is not a file in the workspace; fix the path or remove the input.`,
    );
  }
  try {
    return await loadConfig(settings.workspace, explicit);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof TypeError || error instanceof RangeError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot read the configuration (${reason}); fix the file or the '${INPUTS.config}' input.`, {
      cause: error,
    });
  }
}

/** Write the SARIF report (also when nothing was found, so an upload step closes fixed alerts). */
async function writeSarif(
  path: string,
  findings: readonly Finding[],
  rules: readonly Rule[],
  notices: readonly string[],
): Promise<string> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, renderSarif(findings, { toolVersion: VERSION, rules, notices }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot write the SARIF file '${path}' (${reason}); fix the '${INPUTS.sarifFile}' input.`, {
      cause: error,
    });
  }
  return path;
}

function outputValues(
  findings: number,
  rotated: readonly RotatedVersion[],
  response: Pick<RespondResult, "issues">,
  sarifFile: string | undefined,
): Record<string, string> {
  const [issue] = response.issues;
  return {
    [OUTPUTS.findings]: String(findings),
    [OUTPUTS.rotated]: JSON.stringify(rotated.map((r) => ({ vault: r.vault, secret: r.secret, version: r.version }))),
    [OUTPUTS.issueNumber]: issue ? String(issue.number) : "",
    [OUTPUTS.issueUrl]: issue?.url ?? "",
    [OUTPUTS.sarifFile]: sarifFile ?? "",
  };
}
