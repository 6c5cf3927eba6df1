/**
 * The action's settings: the only place that reads inputs (`core.getInput`) and the runner's
 * environment. Everything downstream gets this typed object. A bad value throws a TypeError
 * that names the input and how to fix it.
 */
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, resolve } from "node:path";
import { getInput } from "@actions/core";
import type { ActionEvent } from "../../core/events/plan.js";
import { DEFAULT_AUDIT_NAME, DEFAULT_SARIF_NAME, INPUTS, TEST_INSECURE_CHALLENGE_ENV } from "./constants.js";

/** A repository on GitHub. */
export interface RepoId {
  readonly owner: string;
  readonly repo: string;
}

/** Azure sign-in by GitHub OIDC federation. */
export interface AzureFederation {
  /** Application (client) id of the Entra ID app or user-assigned identity. */
  readonly clientId: string;
  /** Directory (tenant) id. */
  readonly tenantId: string;
}

/** How the responder reaches Azure, beyond the inputs. */
export interface AzureEnvironment {
  /**
   * `AZURE_AUTHORITY_HOST` (the Azure SDK's own variable): the Entra ID authority for sovereign
   * clouds, e.g. `https://login.microsoftonline.us`. Undefined: Azure's public cloud.
   */
  readonly authorityHost: string | undefined;
  /**
   * `LEAKSTOP_ARM_URL`: Azure Resource Manager for the provider rotators (sovereign clouds, a
   * local double). Default `https://management.azure.com`.
   */
  readonly armUrl: string;
  /**
   * `LEAKSTOP_GRAPH_URL`: Microsoft Graph for Entra ID app secrets (sovereign clouds, a local
   * double). Default `https://graph.microsoft.com`.
   */
  readonly graphUrl: string;
  /**
   * The runner's OIDC token service (`ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN`,
   * set when the job has `permissions: id-token: write`); undefined without them.
   */
  readonly oidc: { readonly requestUrl: string; readonly requestToken: string } | undefined;
  /**
   * TEST ONLY (`LEAKSTOP_TEST_KEYVAULT_INSECURE_CHALLENGE=1`): accept a Key Vault 401 challenge
   * whose resource is not the vault's own domain, and only for a vault on a loopback address
   * (`localhost`, `127.0.0.1`, `[::1]`): the end-to-end tests' HTTPS double. It has no effect on
   * any other vault, and no workflow should set it.
   */
  readonly testInsecureChallenge: boolean;
}

/** Everything the action reads, read once. */
export interface ActionSettings {
  /** `github-token`: for the API fallback, for git fetches when the checkout stored no credentials, and for the responder. Empty when not given. */
  readonly githubToken: string;
  /** `vault-url`: Key Vault URLs (https). Empty: no rotation; scanning and reporting still run. */
  readonly vaultUrls: readonly string[];
  /** `secrets`: secret names to rotate on demand. Non-empty puts the run in rotation mode (no scan). */
  readonly secrets: readonly string[];
  /** `reason`: why a manual rotation happened; recorded with it. */
  readonly reason: string;
  /** `dry-run`: print the plan, change nothing. */
  readonly dryRun: boolean;
  /**
   * `responder-url`: a leakstop service that responds instead of the job (DESIGN.md, "The
   * trusted responder"); also the audience of the job's OIDC token. Undefined: the job responds.
   */
  readonly responderUrl: string | undefined;
  /** `responder-wait`: how long the job waits for the service's outcome (default 120 s). */
  readonly responderWaitInMs: number;
  /**
   * `incident-key`: the repository's key for incident keys (HMAC of the leaked value), e.g.
   * `${{ secrets.LEAKSTOP_INCIDENT_KEY }}`; the service must use the same one. Undefined: a hash
   * salted with the repository (core/findings/incident.ts says what that exposes).
   */
  readonly incidentKey: string | undefined;
  /**
   * `scan-ledger`: `check-runs` records each scanned push head as a `leakstop scan` check run and
   * takes a push's baselines from those records (a baseline whose run never scanned it is
   * replaced by its nearest recorded ancestor); `none` (default): baselines from the push alone.
   * Needs `checks: write`.
   */
  readonly scanLedger: boolean;
  /** `fail-on-findings`: fail the job when a leak is found (default true). */
  readonly failOnFindings: boolean;
  /** `open-issue`: open or update an issue per leak (default true). */
  readonly openIssue: boolean;
  /** `issue-repository`: where issues go; default the current repository. */
  readonly issueRepository: RepoId;
  /** `config`: absolute path of an explicit config file; undefined: `.leakstop.yml` or `.github/leakstop.yml` in the workspace, if present. */
  readonly config: string | undefined;
  /** `sarif-file`: absolute path the SARIF report is written to; default `$RUNNER_TEMP/leakstop.sarif`. */
  readonly sarifFile: string;
  /** `azure-client-id` + `azure-tenant-id`: OIDC federation; undefined: the default credential chain. */
  readonly azure: AzureFederation | undefined;
  /** The Azure side of the environment (authority host, OIDC availability, a test-only switch). */
  readonly azureEnvironment: AzureEnvironment;
  /** Where the responder's audit records are written (JSON lines): `$RUNNER_TEMP/leakstop-audit.jsonl`. */
  readonly auditFile: string;
  /** `GITHUB_RUN_ID`: the idempotency key of on-demand rotation (a re-run does not rotate twice). Empty outside a runner. */
  readonly runId: string;
  /** The run's URL (`GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID`), recorded with each rotation; undefined without a run id. */
  readonly runUrl: string | undefined;
  /** `GITHUB_EVENT_NAME`, the payload at `GITHUB_EVENT_PATH`, and `GITHUB_SHA`. */
  readonly event: ActionEvent;
  /** `GITHUB_REPOSITORY`. */
  readonly repository: RepoId;
  /** `GITHUB_WORKSPACE` (where actions/checkout puts the clone); the working directory when unset. */
  readonly workspace: string;
  /** `GITHUB_API_URL`; default `https://api.github.com`. */
  readonly apiUrl: string;
  /** `GITHUB_SERVER_URL`; default `https://github.com`. Links and git credentials are scoped to it. */
  readonly serverUrl: string;
  /** `GITHUB_STEP_SUMMARY` is set: a job summary can be written. */
  readonly jobSummary: boolean;
}

const REPO = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;

/** Read and validate the inputs and the runner's environment. */
export async function readSettings(): Promise<ActionSettings> {
  const env = process.env;
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const repository = parseRepo(env.GITHUB_REPOSITORY ?? "", "GITHUB_REPOSITORY", "the runner sets it");
  const issueRepo = input(INPUTS.issueRepository);
  const config = input(INPUTS.config);
  const sarif = input(INPUTS.sarifFile);
  const temp = env.RUNNER_TEMP || tmpdir();
  const serverUrl = env.GITHUB_SERVER_URL || "https://github.com";
  const runId = env.GITHUB_RUN_ID ?? "";
  return {
    githubToken: input(INPUTS.githubToken),
    vaultUrls: vaultUrls(list(INPUTS.vaultUrl)),
    secrets: list(INPUTS.secrets),
    reason: input(INPUTS.reason),
    responderUrl: responderUrl(input(INPUTS.responderUrl)),
    responderWaitInMs: seconds(INPUTS.responderWait, 120, 3600) * 1000,
    incidentKey: input(INPUTS.incidentKey) || undefined,
    scanLedger: scanLedger(input(INPUTS.scanLedger)),
    dryRun: bool(INPUTS.dryRun, false),
    failOnFindings: bool(INPUTS.failOnFindings, true),
    openIssue: bool(INPUTS.openIssue, true),
    issueRepository: issueRepo
      ? parseRepo(issueRepo, `Input '${INPUTS.issueRepository}'`, "use owner/name")
      : repository,
    config: config ? resolve(workspace, config) : undefined,
    sarifFile: sarif ? (isAbsolute(sarif) ? sarif : resolve(workspace, sarif)) : resolve(temp, DEFAULT_SARIF_NAME),
    azure: azure(),
    azureEnvironment: {
      authorityHost: env.AZURE_AUTHORITY_HOST || undefined,
      armUrl: (env.LEAKSTOP_ARM_URL || "https://management.azure.com").replace(/\/+$/, ""),
      graphUrl: (env.LEAKSTOP_GRAPH_URL || "https://graph.microsoft.com").replace(/\/+$/, ""),
      oidc:
        env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
          ? { requestUrl: env.ACTIONS_ID_TOKEN_REQUEST_URL, requestToken: env.ACTIONS_ID_TOKEN_REQUEST_TOKEN }
          : undefined,
      testInsecureChallenge: env[TEST_INSECURE_CHALLENGE_ENV] === "1",
    },
    auditFile: resolve(temp, DEFAULT_AUDIT_NAME),
    runId,
    runUrl: runId
      ? `${serverUrl.replace(/\/+$/, "")}/${repository.owner}/${repository.repo}/actions/runs/${runId}`
      : undefined,
    event: await readEvent(env),
    repository,
    workspace,
    apiUrl: env.GITHUB_API_URL || "https://api.github.com",
    serverUrl,
    jobSummary: Boolean(env.GITHUB_STEP_SUMMARY),
  };
}

function input(name: string): string {
  return getInput(name);
}

/** Comma- or newline-separated values. */
function list(name: string): string[] {
  return input(name)
    .split(/[,\n]/)
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** YAML 1.2 core-schema booleans, as `core.getBooleanInput`, with a default for an empty input. */
function bool(name: string, fallback: boolean): boolean {
  const raw = input(name);
  if (raw === "") return fallback;
  if (["true", "True", "TRUE"].includes(raw)) return true;
  if (["false", "False", "FALSE"].includes(raw)) return false;
  throw new TypeError(`Input '${name}' is '${raw}'; use true or false.`);
}

function parseRepo(value: string, what: string, fix: string): RepoId {
  const match = REPO.exec(value.trim());
  if (!match) throw new TypeError(`${what} is '${value}', not owner/name; ${fix}.`);
  return { owner: match[1] ?? "", repo: match[2] ?? "" };
}

function vaultUrls(values: readonly string[]): string[] {
  for (const value of values) {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (url?.protocol !== "https:") {
      throw new TypeError(
        `Input '${INPUTS.vaultUrl}' has '${value}', which is not an https:// URL; give the vault URL, e.g. https://my-vault.vault.azure.net.`,
      );
    }
  }
  return [...values];
}

/** An https URL (http only on loopback: a local service or a test's). */
function responderUrl(value: string): string | undefined {
  if (value === "") return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const loopback = url !== undefined && /^(localhost|127\.[\d.]+|\[::1\])$/.test(url.hostname);
  if (url?.protocol !== "https:" && !(url?.protocol === "http:" && loopback)) {
    throw new TypeError(
      `Input '${INPUTS.responderUrl}' is '${value}', which is not an https:// URL; give the leakstop service's URL, e.g. https://leakstop.example.com.`,
    );
  }
  return value.replace(/\/+$/, "");
}

/** A whole number of seconds from 0 to `max`. */
function seconds(name: string, fallback: number, max: number): number {
  const raw = input(name);
  if (raw === "") return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > max)
    throw new RangeError(`Input '${name}' is '${raw}'; use whole seconds from 0 to ${max}.`);
  return n;
}

function azure(): AzureFederation | undefined {
  const clientId = input(INPUTS.azureClientId);
  const tenantId = input(INPUTS.azureTenantId);
  if (clientId === "" && tenantId === "") return undefined;
  if (clientId === "" || tenantId === "") {
    const missing = clientId === "" ? INPUTS.azureClientId : INPUTS.azureTenantId;
    throw new TypeError(
      `Input '${missing}' is empty; OIDC sign-in needs both '${INPUTS.azureClientId}' and '${INPUTS.azureTenantId}' (or neither, to use azure/login or a managed identity).`,
    );
  }
  return { clientId, tenantId };
}

async function readEvent(env: NodeJS.ProcessEnv): Promise<ActionEvent> {
  const name = env.GITHUB_EVENT_NAME;
  const path = env.GITHUB_EVENT_PATH;
  if (!name || !path) {
    throw new TypeError(
      "GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set; leakstop runs as a step of a GitHub Actions job (use the CLI elsewhere).",
    );
  }
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new TypeError(`Cannot read the event payload at GITHUB_EVENT_PATH '${path}'.`, { cause: error });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`The event payload at GITHUB_EVENT_PATH '${path}' is not JSON.`, { cause: error });
  }
  return { name, payload, sha: env.GITHUB_SHA || undefined };
}

function scanLedger(value: string): boolean {
  if (value === "" || value === "none") return false;
  if (value === "check-runs") return true;
  throw new TypeError(`Input '${INPUTS.scanLedger}' is '${value}'; use 'check-runs' or 'none'.`);
}
