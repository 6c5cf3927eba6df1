/**
 * The responder in the action: after findings are reported, match each leak to its Key Vault
 * secret, rotate it and open (or comment on) its issue; with the `secrets` input, rotate named
 * secrets on demand. run.ts imports this module lazily, only when there is something to respond
 * to, so a clean run never loads it; the Azure SDK is loaded further down (azure.ts), only when
 * a vault is configured. One inspector serves the whole run: the responder's texts, the
 * annotations, the summary and the closing line all pass it before they leave.
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { createGitHubClient } from "../../adapters/github/client.js";
import { createGitHubIssueTracker } from "../../adapters/github/issues.js";
import { createGitHubLeaseStore } from "../../adapters/github/lease.js";
import { createProviderRotators } from "../../adapters/providers/index.js";
import type { Config } from "../../core/config/config.js";
import type { Engine } from "../../core/scan/engine.js";
import type { Finding } from "../../core/types.js";
import { createMemoryAuditLog, toJsonLines } from "../../remediation/audit.js";
import { createInspector, type Inspector } from "../../remediation/inspect.js";
import type { AuditRecord, IssueTracker, RemediationPorts, SecretStore } from "../../remediation/ports.js";
import { respond as remediate, rotateNamed } from "../../remediation/respond.js";
import { INPUTS } from "./constants.js";
import {
  type AuditRow,
  auditRows,
  doneClause,
  firstFailure,
  outcomesOf,
  provenDead,
  type ResponseFacts,
  type ResponseMode,
  vaultDone,
} from "./response-report.js";
import type { ActionSettings } from "./settings.js";

/** A secret version written by a rotation. */
export interface RotatedVersion {
  readonly vault: string;
  readonly secret: string;
  readonly version: string;
}

/** An issue opened or updated. */
export interface IssueRef {
  readonly number: number;
  readonly url: string;
}

/**
 * The runner's side (`@actions/core` in the action). Passed in rather than imported: a module
 * that both the clean path and this lazy chunk import becomes a bundle chunk of its own, one
 * more file for every clean run to load.
 */
export interface ResponderIO {
  /** One log line (already inspected). */
  readonly info: (line: string) => void;
  readonly warning: (line: string) => void;
  /** Register a value with the runner's masking (`::add-mask::`). */
  readonly setSecret: (value: string) => void;
}

/** What the responder needs from the run. */
export interface ResponderInput {
  readonly io: ResponderIO;
  readonly settings: ActionSettings;
  /** The run's config (vaults, mappings, rotation). */
  readonly config: Config;
  /** The run's engine: response inspection scans with the same rules and allowlists. */
  readonly engine: Engine;
}

/** What the responder did, for both modes. */
export interface ResponseOutcome {
  /** New secret versions written. */
  readonly rotated: readonly RotatedVersion[];
  /** What was done, one clause for the closing line. */
  readonly done: string;
  /** The plan as printed ("" when the responder did not run). */
  readonly plan: string;
  /** The audit records, as rows of the summary's table. */
  readonly audit: readonly AuditRow[];
  /** The audit file written, undefined when it could not be. */
  readonly auditFile: string | undefined;
  /** Set when a step of the response failed: the job fails, and this says why. */
  readonly failure?: string;
}

/** What the responder did to findings. */
export interface RespondResult extends ResponseOutcome {
  /** Issues opened or updated, first one first. */
  readonly issues: readonly IssueRef[];
  /** What happened to each finding, by fingerprint; absent: "reported". */
  readonly outcomes: ReadonlyMap<string, string>;
  /** Every leak's vault side is done (rotated now or before): the advice changes. */
  readonly vaultDone: boolean;
  /** Every leak was rotated or revoked at its provider and proven dead: only the code is left. */
  readonly provenDead?: boolean;
}

/** The responder for one run. */
export interface Responder {
  /** Response inspection: `text` with every known or detected secret masked. */
  inspect(text: string, where?: string): string;
  /** Respond to a scan's findings: match, rotate (or plan, on a dry run), open or comment on issues. */
  respond(findings: readonly Finding[]): Promise<RespondResult>;
  /** Rotate the secrets named by the `secrets` input (no scan, no issue). */
  rotateOnDemand(): Promise<ResponseOutcome>;
}

/** Open the responder: the inspector now (annotations go through it), the ports when used. */
export function openResponder(input: ResponderInput): Responder {
  const { settings, config, io } = input;
  const inspector = createInspector({ engine: input.engine });
  const log = (line: string) => io.info(inspector.inspect(line, "log.txt"));
  const vaultUrls = unique([...settings.vaultUrls, ...config.vaults.map((v) => v.url)]);
  const issueRepository = `${settings.issueRepository.owner}/${settings.issueRepository.repo}`;
  const needsVault = vaultUrls.length > 0 || config.mappings.some((m) => m.vault !== undefined);
  const mode: ResponseMode = { dryRun: settings.dryRun, vaults: needsVault };

  return {
    inspect: (text, where) => inspector.inspect(text, where),

    async respond(findings) {
      const tracker = settings.openIssue && !settings.dryRun ? issueTracker(settings, issueRepository, log) : undefined;
      // The incident key is a secret like the token: never printed (the runner masks `secrets.*`, not other sources).
      if (settings.incidentKey) io.setSecret(settings.incidentKey);
      // run.ts masked the leaked values already; only new values still need registering.
      const masked = new Set(findings.map((f) => f.secret));
      const ports = await remediationPorts(input, inspector, needsVault, log, tracker?.tracker, masked);
      const leases = tracker?.leases;
      const result = await remediate(findings, leases ? { ...ports, leases } : ports, {
        config: { ...config, vaults: mergeVaults(config.vaults, settings.vaultUrls) },
        inspector,
        rules: input.engine.rules,
        dryRun: settings.dryRun,
        context: respondContext(settings),
        ...(settings.incidentKey ? { incidentKey: settings.incidentKey } : {}),
      });
      const outcome = await finish(result, input, inspector, issueRepository, mode);
      return {
        ...outcome,
        failure: outcome.failure ?? tracker?.problem,
        issues: result.issues.map((i) => ({ number: i.number, url: i.url })),
        outcomes: outcomesOf(result, mode),
        vaultDone: vaultDone(result),
        provenDead: provenDead(result),
      };
    },

    async rotateOnDemand() {
      const unnamed = settings.secrets.filter((s) => !/^https:\/\//i.test(s));
      if (vaultUrls.length === 0 && unnamed.length > 0) {
        return {
          rotated: [],
          done: "nothing rotated",
          plan: "",
          audit: [],
          auditFile: undefined,
          failure: `Input '${INPUTS.vaultUrl}' is empty, so there is no vault to find ${unnamed.map((n) => `'${n}'`).join(", ")} in; set it to the vault's URL (https://NAME.vault.azure.net), or give each secret as its URL.`,
        };
      }
      const ports = await remediationPorts(input, inspector, true, log, undefined, new Set());
      const result = await rotateNamed(settings.secrets, ports, {
        vaultUrls,
        dryRun: settings.dryRun,
        inspector,
        engine: input.engine,
        repository: `${settings.repository.owner}/${settings.repository.repo}`,
        ...(settings.reason ? { reason: settings.reason } : {}),
        // The run id: a re-run of this run converges instead of rotating again.
        ...(settings.runId ? { requestId: settings.runId } : {}),
        ...(settings.runUrl ? { runUrl: settings.runUrl } : {}),
        ...(config.rotation.validityDays !== undefined ? { validityDays: config.rotation.validityDays } : {}),
      });
      const outcome = await finish(result, input, inspector, issueRepository, mode);
      // On demand, anything short of a rotation (a step a person must do, a blocked vault) is a failure.
      const incomplete = settings.dryRun
        ? result.plan.steps.find((s) => s.kind === "blocked")?.why
        : result.results.length === 0
          ? "nothing was rotated"
          : vaultDone(result)
            ? undefined
            : result.results.find((r) => r.kind === "skipped")?.reason;
      const failure = outcome.failure ?? (incomplete ? inspector.inspect(incomplete, "log.txt") : undefined);
      return { ...outcome, ...(failure ? { failure } : {}) };
    },
  };
}

/** The audit file, the summary section, the closing clause and the first failure. */
async function finish(
  result: ResponseFacts,
  { settings, io }: ResponderInput,
  inspector: Inspector,
  issueRepository: string,
  mode: ResponseMode,
): Promise<ResponseOutcome> {
  const auditFile = await writeAudit(settings.auditFile, result.audit, inspector, io);
  const failure = firstFailure(result, issueRepository);
  return {
    rotated: result.rotated.map((r) => ({ vault: r.vault, secret: r.secret, version: r.version })),
    done: inspector.inspect(doneClause(result, mode), "log.txt"),
    plan: result.planText,
    audit: auditRows(result.audit),
    auditFile,
    ...(failure ? { failure: inspector.inspect(failure, "log.txt") } : {}),
  };
}

async function writeAudit(path: string, records: readonly AuditRecord[], inspector: Inspector, io: ResponderIO) {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, inspector.inspect(toJsonLines(records), "audit.jsonl"));
    return path;
  } catch (error) {
    io.warning(`leakstop: could not write the audit file '${path}': ${(error as Error).message}`);
    return undefined;
  }
}

async function remediationPorts(
  { settings, io }: ResponderInput,
  inspector: Inspector,
  needsVault: boolean,
  log: (line: string) => void,
  issues: IssueTracker | undefined,
  masked: Set<string>,
): Promise<RemediationPorts> {
  const azure = needsVault
    ? (await import("./azure.js")).azureResponder(settings, { log, setSecret: io.setSecret })
    : undefined;
  const secretStore =
    azure?.secretStore ??
    ((url: string): SecretStore => {
      throw new TypeError(`No vault is configured, yet '${url}' was asked for; set the '${INPUTS.vaultUrl}' input.`);
    });
  return {
    secretStore,
    ...(issues ? { issues } : {}),
    audit: createMemoryAuditLog(),
    clock: { now: () => new Date() },
    random: { bytes: (n) => new Uint8Array(randomBytes(n)) },
    // Remediation is opted into with a vault (`vault-url`, or vaults in the config); without one
    // the Action reports and opens issues but revokes nothing at any provider.
    providerRotators: azure ? [...createProviderRotators({ githubApiUrl: settings.apiUrl }), ...azure.rotators] : [],
    // New values are masked by the runner too, before anything could print them.
    registerSensitive: (value) => {
      inspector.addSensitive(value);
      if (!masked.has(value)) io.setSecret(value);
      masked.add(value);
    },
    log,
  };
}

/** The issue tracker, or the reason there is none although issues were asked for. */
function issueTracker(settings: ActionSettings, repository: string, log: (line: string) => void) {
  if (settings.githubToken === "") {
    return {
      tracker: undefined,
      problem: `Input '${INPUTS.githubToken}' is empty, so no issue was opened; pass a token with 'issues: write' on ${repository}, or set '${INPUTS.openIssue}: false'.`,
    };
  }
  const client = createGitHubClient({ token: settings.githubToken, baseUrl: settings.apiUrl, log });
  return {
    tracker: createGitHubIssueTracker(client, { repository, log }),
    // The push and pull_request runs of one leak share the issue repository: the lease lives there.
    leases: createGitHubLeaseStore(client, { repository }),
    problem: undefined,
  };
}

/** Where the leak happened, from the runner and the event (pusher, authors' logins). */
function respondContext(settings: ActionSettings) {
  const payload = (settings.event.payload ?? {}) as {
    pusher?: { name?: unknown };
    sender?: { login?: unknown };
    commits?: Array<{ id?: unknown; author?: { username?: unknown } }>;
  };
  const pusher = str(payload.pusher?.name) ?? str(payload.sender?.login);
  // The payload's commit list may be cut short; it only supplies logins to assign, never what to scan.
  const authorLogins: Record<string, string> = {};
  for (const c of Array.isArray(payload.commits) ? payload.commits : []) {
    const id = str(c?.id);
    const login = str(c?.author?.username);
    if (id && login) authorLogins[id] = login;
  }
  return {
    repository: `${settings.repository.owner}/${settings.repository.repo}`,
    serverUrl: settings.serverUrl,
    ...(settings.runUrl ? { runUrl: settings.runUrl } : {}),
    ...(pusher ? { pusher } : {}),
    authorLogins,
  };
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function unique(urls: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const u of urls) {
    const key = u.trim().replace(/\/+$/, "").toLowerCase();
    if (!seen.has(key)) seen.set(key, u.trim().replace(/\/+$/, ""));
  }
  return [...seen.values()];
}

/** The `vault-url` input joins the config's vaults (a vault in both keeps the config's filters). */
function mergeVaults(vaults: Config["vaults"], inputs: readonly string[]): Config["vaults"] {
  const known = new Set(vaults.map((v) => v.url.trim().replace(/\/+$/, "").toLowerCase()));
  const added = unique(inputs).filter((u) => !known.has(u.toLowerCase()));
  return [...vaults, ...added.map((url) => ({ url }))];
}
