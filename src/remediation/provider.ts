/**
 * The provider rotator port: a credential is rotated where it is checked (its provider), then
 * the vault gets the value the provider now accepts, then a read-only probe shows the leaked
 * value is dead. Shaped like AWS's rotation template (create → set → test → finish): every
 * method is safe to repeat, so a crash at any point is finished by the next attempt.
 *
 * One credential kind per file under `src/adapters/providers/`, all registered in one list,
 * all run by one contract test against a stateful double (the old credential must be refused
 * afterwards, the new one accepted).
 */
import type { OperationOptions } from "./ports.js";

/** How a holder's value contains the leaked credential, so the new one is written the same way. */
export type HolderEncoding = "raw" | "url" | "base64" | "json";

/** A vault secret version that holds the leaked credential (whole, or embedded in e.g. a connection string). */
export interface CredentialHolder {
  readonly vaultUrl: string;
  readonly secretName: string;
  /** The version whose value holds the leaked credential. */
  readonly version: string;
  readonly contentType?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The holder's whole value. Sensitive: never logged. */
  readonly value: string;
  /** How the leaked credential appears inside `value`. */
  readonly encoding: HolderEncoding;
}

/** What is known about one leaked credential when a rotator is asked. */
export interface LeakedCredential {
  /** Rules of the findings that leaked it, e.g. `azure-storage-account-key`. */
  readonly ruleIds: readonly string[];
  /** The leaked credential itself (the finding's secret). Sensitive: never logged. */
  readonly value: string;
  /** The whole matched text when it carries more than the secret (a connection string, a database URL). */
  readonly context?: string;
  /** Vault secrets holding it; may be empty (e.g. a GitHub token that no vault holds is still revoked). */
  readonly holders: readonly CredentialHolder[];
  /**
   * The raw credential an earlier run already stored for this leak (its vault version carries
   * the incident), so a repeated `rotate` after a crash returns it instead of rotating again.
   * Sensitive: never logged.
   */
  readonly stored?: string;
  /** Tags of the secrets' current versions (Azure's rotation tags live here once the leaked versions are disabled). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Where a credential lives at its provider. Never carries a secret. */
export interface ProviderLocation {
  /** The rotator's kind, e.g. `azure-storage`. */
  readonly kind: string;
  /** For people: an Azure resource id, `postgres://host:port/db` with the role, an app id… */
  readonly resource: string;
  /** Which credential at the resource: `key1`, `Primary`, a role name, a key id. */
  readonly credentialId?: string;
  /** How it was found: Azure's rotation tags, the leaked value itself, or leakstop's config. */
  readonly source: "tags" | "value" | "config";
  /** Rotator-specific, non-secret details (endpoint, api version, …). */
  readonly details?: Readonly<Record<string, string>>;
}

/** One step a rotator will take, with the permission it needs (printed by the dry run). */
export interface ProviderStep {
  readonly description: string;
  /** The role or privilege, e.g. `Storage Account Key Operator Service Role on <account>`. */
  readonly permission: string;
}

/** A rotator's plan for one located credential. Pure data: the dry run prints it. */
export interface ProviderPlan {
  readonly location: ProviderLocation;
  readonly steps: readonly ProviderStep[];
  /**
   * `rotate`: the provider issues a new value that the vault then holds. `revoke`: the leaked
   * value is revoked and a person creates the replacement (GitHub tokens): no vault value is made up.
   */
  readonly mode: "rotate" | "revoke";
}

/** The probe's verdict on one value. */
export type ProbeVerdict = "rejected" | "accepted" | "unknown";

/** What a read-only probe showed. Probes never read data. */
export interface Proof {
  /** `rejected` means the leaked value is dead. */
  readonly leaked: ProbeVerdict;
  /** The new value (mode `rotate`); absent for `revoke`. */
  readonly replacement?: ProbeVerdict;
  /** For people and audit records, e.g. "SharedKey request with the old key: 403". Never a value. */
  readonly evidence: string;
}

/** What `rotate` returns. */
export interface RotateOutcome {
  /** The raw new credential (mode `rotate`). Sensitive. */
  readonly value?: string;
  /**
   * Azure rotation tags for the new vault versions (`CredentialId: key2` after a swap), so
   * rotation Functions that read them keep working. Merged over the carried tags.
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Regenerates or revokes one kind of credential at its provider. */
export interface ProviderRotator {
  /** Stable id, e.g. `azure-storage`, `postgresql`, `github-token`. */
  readonly kind: string;
  /** Shown in issues and audit records, e.g. "Azure Storage account key". */
  readonly name: string;
  /** Cheap and pure: whether this rotator may handle the credential (rule ids, tags, shape). */
  applies(credential: LeakedCredential): boolean;
  /** Find the resource (tags first, then the value itself); undefined when it cannot be found. */
  locate(credential: LeakedCredential, options?: OperationOptions): Promise<ProviderLocation | undefined>;
  /** Pure: what `rotate` will do and the permissions each step needs. */
  plan(location: ProviderLocation, credential: LeakedCredential): ProviderPlan;
  /**
   * Do it; safe to repeat (a second call after a crash finishes, it does not rotate twice
   * where the provider allows telling). Returns the raw new credential the provider now
   * accepts (mode `rotate`), or nothing (mode `revoke`).
   */
  rotate(plan: ProviderPlan, credential: LeakedCredential, options?: OperationOptions): Promise<RotateOutcome>;
  /**
   * Optional, after the vault holds the new value: retire the leaked credential (a two-key
   * swap's second regenerate). Safe to repeat.
   */
  finish?(plan: ProviderPlan, credential: LeakedCredential, options?: OperationOptions): Promise<void>;
  /** Read-only probe: the leaked value must be refused, the new one (if any) accepted. */
  prove(
    plan: ProviderPlan,
    credential: LeakedCredential,
    replacement: string | undefined,
    options?: OperationOptions,
  ): Promise<Proof>;
}

/** How a person revokes a credential that no rotator can act on: named in the issue. */
export interface ManualRevocation {
  /** e.g. "Stripe". */
  readonly provider: string;
  /** The provider's own revocation page or API. */
  readonly url: string;
  /** What to do there, in one or two sentences. */
  readonly how: string;
}
