/**
 * The responder hook: what happens to findings after they are reported (rotate the Key Vault
 * secret, open an issue), and rotation on demand (`workflow_dispatch` with `secrets`). run.ts
 * imports this module lazily, only when there is something to respond to, so a clean run never
 * loads the Azure SDK or the responder.
 *
 * This is the default: it does nothing. The responder (src/remediation) replaces it.
 */
import type { Finding } from "../../core/types.js";
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

/** What the responder gets. */
export interface RespondInput {
  /** The findings, already masked in the log. */
  readonly findings: readonly Finding[];
  readonly settings: ActionSettings;
  /** What was scanned, e.g. "push to refs/heads/main (1234567..89abcde)". */
  readonly scope: string;
  /** Log one line (already redacted). */
  readonly log: (line: string) => void;
}

/** What the responder did. */
export interface RespondResult {
  /** New secret versions written. */
  readonly rotated: readonly RotatedVersion[];
  /** Issues opened or updated, first one first. */
  readonly issues: readonly IssueRef[];
  /** What happened to each finding, by fingerprint ("rotated in vault x", "issue #12"…); absent: "reported". */
  readonly outcomes: ReadonlyMap<string, string>;
  /** Set when a step of the response failed: the job fails with this one line. */
  readonly failure?: string;
}

/** What rotation on demand gets. */
export interface RotateOnDemandInput {
  readonly settings: ActionSettings;
  readonly log: (line: string) => void;
}

/** What rotation on demand did. */
export interface RotateOnDemandResult {
  readonly rotated: readonly RotatedVersion[];
  /** Set when the rotation did not (fully) happen: the job fails with this one line. */
  readonly failure?: string;
}

/** Respond to findings. Default: nothing is done; every finding is "reported". */
export async function respond(_input: RespondInput): Promise<RespondResult> {
  return { rotated: [], issues: [], outcomes: new Map() };
}

/** Rotate the secrets named by the `secrets` input. Default: rotation is not configured. */
export async function rotateOnDemand(input: RotateOnDemandInput): Promise<RotateOnDemandResult> {
  return {
    rotated: [],
    failure: `rotation not configured: this build of leakstop cannot rotate ${input.settings.secrets.length} secret(s) on demand yet; leave the 'secrets' input empty to scan instead.`,
  };
}
