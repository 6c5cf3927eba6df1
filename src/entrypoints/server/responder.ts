/**
 * The webhook handlers' view of the responder: one call per leak report (an alert's secret, or
 * a push's findings) that says what happened and whether the alert may be resolved. The real
 * implementation runs `respond()` from src/remediation (match → plan → rotate → issue → audit)
 * over Key Vault and GitHub issues; tests use an in-memory fake of this interface.
 */
import { randomBytes } from "node:crypto";
import type { PushProtectionBypass } from "../../adapters/github/alerts.js";
import type { GitHubClient } from "../../adapters/github/client.js";
import { createGitHubIssueTracker } from "../../adapters/github/issues.js";
import type { Config } from "../../core/config/config.js";
import { codeSpan, escapeMarkdown, linkTarget, profileLink } from "../../core/report/escape.js";
import type { Engine } from "../../core/scan/engine.js";
import type { Finding } from "../../core/types.js";
import { PROVIDER_TAG, type StepResult } from "../../remediation/execute.js";
import { createInspector } from "../../remediation/inspect.js";
import type { RemediationPorts, SecretStore } from "../../remediation/ports.js";
import type { ProviderRotator } from "../../remediation/provider.js";
import { respond } from "../../remediation/respond.js";
import type { VaultIndex } from "../../remediation/vault-index.js";
import type { Logger } from "./log.js";

/** A secret scanning alert behind a report. */
export interface AlertInfo {
  readonly number: number;
  readonly htmlUrl: string | undefined;
  readonly secretType: string;
  readonly publiclyLeaked: boolean;
  /** Set when the secret was pushed past push protection. */
  readonly bypass: PushProtectionBypass | undefined;
  /** Where GitHub found the secret, one line each (paths and pages, no values). */
  readonly locations: readonly string[];
}

/** What leaked, where, and from which delivery. */
export interface LeakReport {
  readonly deliveryId: string;
  /** `owner/repo` the leak was pushed to. */
  readonly repository: string;
  /** One or more findings; each holds its secret (never printed). */
  readonly findings: readonly Finding[];
  /** Login of the person who pushed. */
  readonly pusher?: string;
  readonly alert?: AlertInfo;
}

/** How the response ended, for logs and metrics. */
export type LeakOutcome = "rotated" | "already-rotated" | "no-match" | "failed" | "dry-run";

export interface LeakResponse {
  readonly outcome: LeakOutcome;
  /**
   * The leaked value is dead: every finding's secret was rotated (now or by an earlier delivery)
   * and nothing says the credential still works at its provider. Only then may an alert be
   * resolved as `revoked`.
   */
  readonly revoked: boolean;
  /** Secret versions written. */
  readonly rotated: number;
  /** Which versions (names and version ids, never a value), for the findings API's answer. */
  readonly versions?: ReadonlyArray<{ readonly vault: string; readonly secret: string; readonly version: string }>;
  /** Failed steps and issue operations. */
  readonly failures: number;
  /**
   * Every failure is a provider step that was carried out but whose leaked value is not yet
   * proven dead (an asynchronous revocation still in flight): the delivery is re-probed later.
   */
  readonly awaitingProof?: boolean;
  /** The issue opened or commented on (first one). */
  readonly issueUrl?: string;
}

/** What a call gets from the delivery it serves. */
export interface RespondCall {
  /** Authenticated for the delivery's repository (installation token or token). */
  readonly github: GitHubClient;
  readonly abortSignal: AbortSignal;
  /** The delivery's logger; values it learns are masked in every later line. */
  readonly log: Logger;
}

export interface Responder {
  respondToLeak(report: LeakReport, call: RespondCall): Promise<LeakResponse>;
}

/** Options for {@link createRemediationResponder}. */
export interface RemediationResponderOptions {
  /** Rules, allowlists, vaults (`vaults` lists the vaults searched), mappings. */
  readonly config: Config;
  readonly engine: Engine;
  /** The store of a vault URL (cached by the caller). */
  readonly secretStore: (vaultUrl: string) => SecretStore;
  readonly dryRun: boolean;
  /** The key of incident keys; undefined: a hash salted with the repository. */
  readonly incidentKey?: string;
  /** Web URL for links, e.g. `https://github.com`. */
  readonly serverUrl: string;
  /** Where issues go; undefined: the leak's repository. */
  readonly issueRepository?: string;
  readonly providerRotators?: readonly ProviderRotator[];
  /** The vault index (keyed digests): matching reads only the secrets it names. */
  readonly index?: VaultIndex;
}

/** The responder over src/remediation: Key Vault rotation, GitHub issues, audit records as log lines. */
export function createRemediationResponder(options: RemediationResponderOptions): Responder {
  return {
    async respondToLeak(report, call) {
      const inspector = createInspector({ engine: options.engine, sensitive: report.findings.map((f) => f.secret) });
      const issues = createGitHubIssueTracker(call.github, {
        repository: options.issueRepository ?? report.repository,
        log: (line) => call.log.warn(line),
      });
      const ports: RemediationPorts = {
        secretStore: options.secretStore,
        issues,
        audit: { record: (record) => call.log.info("audit", { audit: record }) },
        clock: { now: () => new Date() },
        random: { bytes: (n) => new Uint8Array(randomBytes(n)) },
        ...(options.providerRotators ? { providerRotators: options.providerRotators } : {}),
        registerSensitive: (value) => call.log.addSensitive(value),
        log: (line) => call.log.info(line),
      };
      const result = await respond(report.findings, ports, {
        config: options.config,
        inspector,
        rules: options.engine.rules,
        dryRun: options.dryRun,
        abortSignal: call.abortSignal,
        ...(options.incidentKey ? { incidentKey: options.incidentKey } : {}),
        ...(options.index ? { index: options.index } : {}),
        context: {
          repository: report.repository,
          serverUrl: options.serverUrl,
          deliveryId: report.deliveryId,
          ...(report.pusher ? { pusher: report.pusher } : {}),
        },
      });
      const issueUrl = result.issues[0]?.url;
      const created = result.issues.find((i) => i.action === "created");
      if (report.alert && created && !options.dryRun) {
        // The issue template has no place for the alert; a first comment carries it.
        const body = inspector.inspect(alertComment(report.alert, options.serverUrl), "comment.md");
        try {
          await issues.comment(created.number, body, { abortSignal: call.abortSignal });
        } catch (e) {
          call.log.warn("could not comment the alert's details on the issue", { issue: created.url, error: e });
        }
      }
      if (options.dryRun) return { outcome: "dry-run", revoked: false, rotated: 0, failures: 0 };
      const revoked = await isRevoked(report.findings, result.results, options.secretStore);
      const failed = result.results.filter((r) => r.kind === "failed");
      const awaitingProof = failed.length > 0 && failed.length === result.failures && failed.every((r) => r.unproven);
      return {
        ...(awaitingProof ? { awaitingProof } : {}),
        outcome: outcomeOf(result.results),
        revoked,
        rotated: result.rotated.length,
        versions: result.rotated.map((r) => ({ vault: r.vault, secret: r.secret, version: r.version })),
        failures: result.failures,
        ...(issueUrl ? { issueUrl } : {}),
      };
    },
  };
}

/**
 * A response that failed is not the end: the leaked value may still be live, and a half-done
 * rotation (new version written, leaked one still enabled) is finished by the next attempt
 * (the incident tags say what is done). So the delivery fails and the queue retries it with
 * backoff until its deadline, then dead-letters it where logs and metrics show it. The issue
 * is not opened twice: its fingerprint marker turns a repeat into a comment.
 */
export function throwIfRetryable(response: LeakResponse): void {
  if (response.outcome !== "failed") return;
  const issue = response.issueUrl ? ` (issue ${response.issueUrl})` : "";
  if (response.awaitingProof) {
    // Re-probing rides the queue's bounded retries: the rotators are safe to repeat (a stored
    // value is returned, a revocation is sent again), so a later attempt is the later probe.
    throw new Error(`the leaked value is not yet proven dead; re-probing later${issue}.`);
  }
  throw new Error(`${response.failures} remediation step(s) failed; retrying${issue}.`);
}

function outcomeOf(results: readonly StepResult[]): LeakOutcome {
  if (results.some((r) => r.kind === "failed")) return "failed";
  if (results.some((r) => r.kind === "rotated" || r.kind === "revoked")) return "rotated";
  if (results.length > 0 && results.every((r) => r.kind === "skipped" && r.step.kind === "skip" && r.step.done)) {
    return "already-rotated";
  }
  return "no-match";
}

/**
 * Every finding has a result that killed its value and none that left it alive. A rotation
 * whose credential must still be changed at its provider (`downstream: needed`) does not
 * count: resolving the alert as revoked would claim a key is dead that its provider still
 * accepts. An earlier delivery's rotation (`skip`, done) is judged by the current version's
 * `leakstop-provider` tag, as the rotation itself was.
 */
async function isRevoked(
  findings: readonly Finding[],
  results: readonly StepResult[],
  secretStore: (vaultUrl: string) => SecretStore,
): Promise<boolean> {
  if (findings.length === 0 || results.length === 0) return false;
  const verdicts = new Map<string, boolean>();
  for (const r of results) {
    let dead: boolean;
    if (r.kind === "rotated") dead = r.downstream !== "needed";
    else if (r.kind === "revoked") dead = true;
    else if (r.kind === "skipped" && r.step.kind === "skip" && r.step.done) {
      dead = await vaultOnly(secretStore(r.step.vaultUrl), r.step.name);
    } else dead = false;
    for (const fp of r.step.incidents) verdicts.set(fp, (verdicts.get(fp) ?? true) && dead);
  }
  return findings.every((f) => verdicts.get(f.fingerprint) === true);
}

/**
 * The credential lives only in the vault (`leakstop-provider: none`), judged by the newest
 * version that carries the tag at all: a rotation writes a version without it (the tag is in
 * leakstop's namespace), while the disabled leaked version keeps it.
 */
async function vaultOnly(store: SecretStore, name: string): Promise<boolean> {
  let newest: { on: number; none: boolean } | undefined;
  for await (const v of store.listVersions(name)) {
    const tag = v.tags[PROVIDER_TAG];
    if (tag === undefined) continue;
    const on = v.createdOn?.getTime() ?? 0;
    if (!newest || on > newest.on) newest = { on, none: tag.toLowerCase() === "none" };
  }
  return newest?.none === true;
}

/** The alert's details as an issue comment: where GitHub found it, and any push protection bypass. */
function alertComment(alert: AlertInfo, serverUrl: string): string {
  const link = alert.htmlUrl ? `[#${alert.number}](${linkTarget(alert.htmlUrl)})` : `#${alert.number}`;
  const lines = [`GitHub secret scanning alert ${link} (${codeSpan(alert.secretType)}) reported this leak.`];
  if (alert.publiclyLeaked) lines.push("", "> [!CAUTION]", "> GitHub found this secret in a **public** location.");
  if (alert.bypass) {
    // Profile links, not mentions (no pings from an issue body).
    const who = alert.bypass.by ? profileLink(alert.bypass.by, serverUrl) : "someone";
    const when = alert.bypass.at ? ` on ${alert.bypass.at}` : "";
    lines.push("", "> [!WARNING]", `> **Push protection was bypassed** by ${who}${when}.`);
    if (alert.bypass.comment) lines.push(">", `> Their reason: ${quote(alert.bypass.comment)}`);
    if (alert.bypass.reviewer) {
      lines.push(">", `> Bypass request reviewed by ${profileLink(alert.bypass.reviewer, serverUrl)}.`);
    }
    if (alert.bypass.requestUrl) lines.push(">", `> [Bypass request](${linkTarget(alert.bypass.requestUrl)})`);
  }
  if (alert.locations.length > 0) {
    lines.push("", "Locations:", "", ...alert.locations.slice(0, 20).map((l) => `- ${l}`));
    if (alert.locations.length > 20) lines.push(`- … and ${alert.locations.length - 20} more (see the alert)`);
  }
  return `${lines.join("\n")}\n`;
}

/** A person's free text, on one line, with Markdown and mentions defused. */
function quote(text: string): string {
  return `“${escapeMarkdown(text.replace(/\s+/g, " ").trim().slice(0, 500))}”`;
}
