/**
 * The action: read settings, decide what to scan from the event, scan, mask every leaked value,
 * respond (lazily imported, only with findings: rotate, open issues), then report: annotations,
 * job summary, SARIF, outputs, the audit file, and one line that ends the job. With the
 * `secrets` input it rotates those secrets on demand instead of scanning. Errors become one
 * `setFailed` line naming the input or permission to fix; the exit status is set here only.
 */
import { mkdir, stat, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, relative } from "node:path";
import { debug, notice, setFailed, setSecret, warning } from "@actions/core";
import { annotate } from "../../adapters/actions/annotations.js";
import { info } from "../../adapters/actions/log.js";
import { maskFindings } from "../../adapters/actions/mask.js";
import { setOutputs } from "../../adapters/actions/outputs.js";
import { writeJobSummary } from "../../adapters/actions/summary.js";
import { type LoadedConfig, loadConfig } from "../../adapters/fs/config.js";
import { findClone } from "../../adapters/git/fetch.js";
import { scanFragmentsInParallel } from "../../adapters/git/parallel-scan.js";
import { ConfigError } from "../../core/config/config.js";
import { planScan } from "../../core/events/plan.js";
import { printable, renderSarif } from "../../core/report/index.js";
import { renderSummary } from "../../core/report/markdown.js";
import { createEngine, scanAll } from "../../core/scan/engine.js";
import type { Finding, Rule } from "../../core/types.js";
import { VERSION } from "../../version.js";
import { AUTOMATION_IDS, type CodeScanningReport, codeScanningReport } from "./code-scanning.js";
import { INPUTS, OUTPUTS } from "./constants.js";
import type { Responder, ResponderInput, RespondResult } from "./respond.js";
import { loadScanConfig } from "./scan-config.js";
import { type ActionSettings, readSettings } from "./settings.js";
import { openSource } from "./source.js";
import { responseSection, rotationSummary, rotationVerdict, scanVerdict } from "./verdict.js";

/** Notices shown as annotations; the rest are in the summary and the SARIF file. */
const MAX_NOTICE_ANNOTATIONS = 10;

/** Options for {@link run}. */
export interface RunOptions {
  /** The entry script, for the worker threads of a large history scan; without it, one thread scans. */
  readonly workerScript?: URL;
}

/**
 * Histories of at least this many commits are scanned by worker threads; below it, starting them
 * would cost more than it saves (a clean push must stay close to bare Node's start-up).
 */
const PARALLEL_MIN_COMMITS = 64;

/** Run the action. Never throws: a failure marks the step failed with one line. */
export async function run(options: RunOptions = {}): Promise<void> {
  try {
    const settings = await readSettings();
    if (settings.secrets.length > 0) await rotationMode(settings);
    else await scanMode(settings, options);
  } catch (error) {
    setFailed(`leakstop: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof Error && error.stack) debug(error.stack);
  }
}

/** `workflow_dispatch` with `secrets`: rotate them now; no scan, no issue. */
async function rotationMode(settings: ActionSettings): Promise<void> {
  const loaded = await loadActionConfig(settings);
  const engine = createEngine({ config: loaded.config, ignoredFingerprints: loaded.ignoredFingerprints });
  const responder = await loadResponder({ settings, config: loaded.config, engine, io: RUNNER });
  const result = await responder.rotateOnDemand();
  if (settings.jobSummary) await writeJobSummary(responder.inspect(rotationSummary(settings, result), "summary.md"));
  setOutputs(outputValues(0, result, undefined));
  const line = responder.inspect(rotationVerdict(settings, result), "log.txt");
  if (result.failure !== undefined) setFailed(line);
  else info(line);
}

async function scanMode(settings: ActionSettings, options: RunOptions): Promise<void> {
  const plan = planScan(settings.event);
  let findings: Finding[] = [];
  let rules: readonly Rule[] = [];
  let scope: string;
  let commits = 0;
  let notices: string[] = [];
  let responder: Responder | Error | undefined;
  let ledgerHead: string | undefined;
  let sarif: CodeScanningReport = { findings: [], notices: [], automationId: AUTOMATION_IDS.tree, line: "" };
  if (plan.kind === "skip") {
    scope = plan.reason;
    info(`leakstop: ${plan.reason}`);
  } else {
    // Without a clone the workspace's files are all there is: read (and check) them before any API call.
    const clone = await findClone(settings.workspace);
    const fromWorkspace = clone === undefined ? await loadActionConfig(settings) : undefined;
    const log = { info: (line: string) => info(line), debug: (line: string) => debug(line) };
    const source = await openSource(settings, plan, log, clone);
    const loaded = await loadScanConfig(settings, source, async () => fromWorkspace ?? loadActionConfig(settings));
    const engine = createEngine({ config: loaded.config, ignoredFingerprints: loaded.ignoredFingerprints });
    rules = engine.rules;
    const workers = Math.max(1, availableParallelism() - 1);
    const parallel = options.workerScript !== undefined && source.commits >= PARALLEL_MIN_COMMITS;
    if (parallel) debug(`Scanning in ${workers} worker thread(s).`);
    findings = source.finish(
      parallel && options.workerScript
        ? await scanFragmentsInParallel(source.fragments, { ...loaded, workerScript: options.workerScript, workers })
        : await scanAll(engine, source.fragments),
    );
    ({ scope, commits, notices, ledgerHead } = source);
    // The SARIF covers the tree, so a clean push does not close alerts for secrets still in it.
    sarif = await codeScanningReport(
      {
        workspace: settings.workspace,
        engine,
        maxFileSizeInMB: loaded.config.maxFileSizeInMB,
        ...(loaded.headIgnoredFingerprints ? { headIgnoredFingerprints: loaded.headIgnoredFingerprints } : {}),
      },
      findings,
    );
    // Only now, and only with findings, is the responder loaded: a clean run never loads it.
    if (findings.length > 0) {
      responder = await loadResponder({ settings, config: loaded.config, engine, io: RUNNER }).catch((e: unknown) =>
        e instanceof Error ? e : new Error(String(e)),
      );
    }
  }

  // Mask before anything about the findings is printed.
  maskFindings(findings);
  const sarifFile = await writeSarif(settings.sarifFile, { ...sarif, notices: [...notices, ...sarif.notices] }, rules);
  if (sarif.line) info(sarif.line);
  // Response inspection for everything printed from here on (a responder that failed to load: none).
  const inspector = responder instanceof Error ? undefined : responder;
  const inspect = (text: string, where: string) => (inspector ? inspector.inspect(text, where) : text);
  for (const n of notices.slice(0, MAX_NOTICE_ANNOTATIONS)) notice(inspect(`leakstop: ${printable(n)}`, "log.txt"));
  if (notices.length > MAX_NOTICE_ANNOTATIONS) {
    notice(`leakstop: ${notices.length - MAX_NOTICE_ANNOTATIONS} more notes in the job summary and the SARIF file.`);
  }
  const response = responder ? await respondTo(responder, findings) : NOTHING_DONE;
  // After the response, so that each annotation names its issue ("already reported in #3").
  annotate(
    findings,
    {
      serverUrl: settings.serverUrl,
      repository: `${settings.repository.owner}/${settings.repository.repo}`,
      outcomes: response.outcomes,
    },
    (text) => inspect(text, "annotation.txt"),
  );
  if (settings.jobSummary && (findings.length > 0 || notices.length > 0)) {
    const repositoryUrl = `${settings.serverUrl.replace(/\/+$/, "")}/${settings.repository.owner}/${settings.repository.repo}`;
    const report = renderSummary(findings, { scope, commits, outcomes: response.outcomes, repositoryUrl, notices });
    await writeJobSummary(inspect(report + responseSection(response), "summary.md"));
  }
  setOutputs(outputValues(findings.length, response, sarifFile));
  if (ledgerHead) await recordScan(settings, ledgerHead, { scope, commits, findings: findings.length });

  if (findings.length === 0) {
    if (plan.kind !== "skip") info(`leakstop: no secrets found in ${commits} commit(s).`);
    return;
  }
  // One closing line: what was found, what was done, what failed. A response that did not
  // complete (a rotation failed) fails the job whatever `fail-on-findings` says.
  const line = inspect(scanVerdict(findings, scope, response), "log.txt");
  if (settings.failOnFindings || response.failure !== undefined) setFailed(line);
  else warning(line);
}

/**
 * Record the completed scan in the ledger (a check run on the head), so later pushes measure
 * from it. Not recording only costs a later run a rescan, so a refusal is a warning.
 */
async function recordScan(
  settings: ActionSettings,
  head: string,
  scan: { scope: string; commits: number; findings: number },
): Promise<void> {
  const { createCheckRunLedger } = await import("../../adapters/github/ledger.js");
  const ledger = createCheckRunLedger({
    apiUrl: settings.apiUrl,
    repository: `${settings.repository.owner}/${settings.repository.repo}`,
    token: settings.githubToken,
  });
  const title = `Scanned ${scan.commits} commit(s): ${scan.findings} finding(s)`;
  try {
    await ledger.record(head, {
      conclusion: scan.findings > 0 ? "failure" : "success",
      title,
      summary: `${printable(scan.scope)}.`,
    });
    debug(`scan ledger: recorded ${head.slice(0, 12)} (${title})`);
  } catch (e) {
    warning(
      `leakstop: could not record this scan in the ledger (${(e as Error).message}); grant 'permissions: checks: write', or set '${INPUTS.scanLedger}: none'. The next push rescans these commits.`,
    );
  }
}

/** The responder's window on the runner. */
const RUNNER = { info: (line: string) => info(line), warning: (line: string) => warning(line), setSecret };

const NOTHING_DONE: RespondResult = {
  rotated: [],
  issues: [],
  outcomes: new Map(),
  done: "",
  plan: "",
  audit: [],
  auditFile: undefined,
  vaultDone: false,
};

async function loadResponder(input: ResponderInput): Promise<Responder> {
  // With `responder-url` the service responds; the job sends locations only (remote-respond.ts).
  if (input.settings.responderUrl) {
    const { openRemoteResponder } = await import("./remote-respond.js");
    return openRemoteResponder(input);
  }
  const { openResponder } = await import("./respond.js");
  return openResponder(input);
}

/**
 * Run the responder. The report is already out, so a responder that throws (or failed to load)
 * becomes a failure line instead of hiding what was found.
 */
async function respondTo(responder: Responder | Error, findings: readonly Finding[]): Promise<RespondResult> {
  try {
    if (responder instanceof Error) throw responder;
    return await responder.respond(findings);
  } catch (error) {
    if (error instanceof Error && error.stack) debug(error.stack);
    return {
      ...NOTHING_DONE,
      failure: `the response failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
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

/** Write the SARIF report (also when nothing is in the tree, so an upload step closes fixed alerts). */
async function writeSarif(path: string, report: CodeScanningReport, rules: readonly Rule[]): Promise<string> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const { findings, notices, automationId } = report;
    await writeFile(path, renderSarif(findings, { toolVersion: VERSION, rules, notices, automationId }));
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
  response: Pick<RespondResult, "rotated" | "auditFile"> & Partial<Pick<RespondResult, "issues">>,
  sarifFile: string | undefined,
): Record<string, string> {
  const [issue] = response.issues ?? [];
  return {
    [OUTPUTS.findings]: String(findings),
    [OUTPUTS.rotated]: JSON.stringify(
      response.rotated.map((r) => ({ vault: r.vault, secret: r.secret, version: r.version })),
    ),
    [OUTPUTS.issueNumber]: issue ? String(issue.number) : "",
    [OUTPUTS.issueUrl]: issue?.url ?? "",
    [OUTPUTS.sarifFile]: sarifFile ?? "",
    [OUTPUTS.auditFile]: response.auditFile ?? "",
  };
}
