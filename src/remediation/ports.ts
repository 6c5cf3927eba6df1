/**
 * The responder's ports: what it needs from the world, by role. Adapters (Key Vault, GitHub,
 * in-memory fakes, dry-run) implement them and are chosen at the entry point, so the same
 * orchestration serves the Action, the webhook service and the CLI.
 */
import type { ProviderRotator } from "./provider.js";

/** Cancellation, as in the Azure SDK. */
export interface OperationOptions {
  readonly abortSignal?: AbortSignal;
}

/** One version of a secret, as a vault reports it. Never carries the value. */
export interface SecretVersionInfo {
  readonly name: string;
  /** Version id; for a secret listing (latest properties) it may be empty. */
  readonly version: string;
  readonly enabled: boolean;
  readonly contentType?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdOn?: Date;
  readonly notBefore?: Date;
  readonly expiresOn?: Date;
  /** Managed by Key Vault (a certificate's secret): never rotated by leakstop. */
  readonly managed?: boolean;
}

/** Options for {@link SecretStore.setSecret}. */
export interface SetSecretOptions extends OperationOptions {
  readonly contentType?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly expiresOn?: Date;
}

/** Options for {@link SecretStore.updateVersion}. */
export interface UpdateVersionOptions extends OperationOptions {
  readonly enabled?: boolean;
  /** Replaces the version's tags (Key Vault semantics). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Options for {@link SecretStore.getSecret}. */
export interface GetSecretOptions extends OperationOptions {
  /** Version id; the latest version when omitted. */
  readonly version?: string;
}

/**
 * One vault's secrets. There is deliberately no delete or purge: Key Vault cannot delete a
 * single version, and the responder never destroys anything.
 */
export interface SecretStore {
  /** The vault's URL, e.g. `https://contoso.vault.azure.net`. */
  readonly vaultUrl: string;
  /** Every secret, with the properties of its latest version (paged by the adapter). */
  listSecrets(options?: OperationOptions): AsyncIterable<SecretVersionInfo>;
  /** Every version of one secret, enabled or not. */
  listVersions(name: string, options?: OperationOptions): AsyncIterable<SecretVersionInfo>;
  /** A version's value and properties. Disabled versions cannot be read. */
  getSecret(name: string, options?: GetSecretOptions): Promise<{ info: SecretVersionInfo; value: string }>;
  /** Write a new version; returns its properties (with the new version id). */
  setSecret(name: string, value: string, options?: SetSecretOptions): Promise<SecretVersionInfo>;
  /** Change a version's enabled flag and tags. */
  updateVersion(name: string, version: string, options: UpdateVersionOptions): Promise<SecretVersionInfo>;
}

/** What went wrong at a secret store, so callers can tell a missing role from a bad name. */
export type SecretStoreErrorKind =
  | "unauthenticated"
  | "forbidden"
  | "not-found"
  | "throttled"
  | "unavailable"
  | "other";

/** A secret store failure whose message says what to do about it. */
export class SecretStoreError extends Error {
  override readonly name = "SecretStoreError";
  constructor(
    message: string,
    readonly kind: SecretStoreErrorKind,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

/** A reference to an issue in the tracker. */
export interface IssueRef {
  readonly number: number;
  readonly url: string;
  readonly state: "open" | "closed";
}

/** Options for {@link IssueTracker.create}. */
export interface CreateIssueOptions extends OperationOptions {
  readonly labels?: readonly string[];
  /** Logins to assign; a login that cannot be assigned is ignored. */
  readonly assignees?: readonly string[];
}

/** What identifies a leak's issue: the value's incident key and the finding's fingerprint. */
export interface IssueKeys {
  readonly incident?: string;
  readonly fingerprint: string;
}

/** Where incidents are recorded (GitHub issues). Bodies are inspected before they get here. */
export interface IssueTracker {
  /**
   * The issue (open or closed) of a leak: the one whose body carries the incident's marker, else
   * (issues opened before incident keys, or under another key) the one with the fingerprint's.
   */
  findIssue(keys: IssueKeys, options?: OperationOptions): Promise<IssueRef | undefined>;
  create(title: string, body: string, options?: CreateIssueOptions): Promise<IssueRef>;
  /**
   * Comment on an issue. With `key` (one run's or one delivery's identity), a comment this
   * tracker already made under that key is updated instead: the retries of one delivery keep
   * one comment current rather than adding one per attempt.
   */
  comment(issueNumber: number, body: string, options?: CommentOptions): Promise<{ url: string }>;
}

/** Options for {@link IssueTracker.comment}. */
export interface CommentOptions extends OperationOptions {
  readonly key?: string;
}

/** One audit record: what was done, to what, why, for which run, and how it ended. Never a value. */
export interface AuditRecord {
  /** ISO 8601 time. */
  readonly time: string;
  readonly action:
    | "match"
    | "plan"
    | "rotate"
    | "revoke"
    | "disable"
    | "skip"
    | "issue-create"
    | "issue-comment"
    | "inspect";
  readonly outcome: "ok" | "skipped" | "failed" | "dry-run";
  readonly vault?: string;
  readonly secret?: string;
  /** The version written or changed. */
  readonly version?: string;
  /** Versions concerned (e.g. disabled). */
  readonly versions?: readonly string[];
  /** Finding fingerprints this record concerns. */
  readonly incidents?: readonly string[];
  /** Why: the plan's reason or the failure's message. */
  readonly reason: string;
  /** Run URL (Actions) or delivery id (webhook). */
  readonly run?: string;
  readonly delivery?: string;
  readonly issue?: string;
}

/** Where audit records go: the job summary and a JSON file (Action), log lines (service). */
export interface AuditLog {
  record(record: AuditRecord): void | Promise<void>;
}

/** The current time; injected so plans, expiries and audit records are testable. */
export interface Clock {
  now(): Date;
}

/** Cryptographically secure random bytes (adapters use `node:crypto`). */
export interface RandomSource {
  bytes(length: number): Uint8Array;
}

/** A lease held on a key: only its holder acts on the key until it is released or expires. */
export interface Lease {
  readonly key: string;
  /** Who holds it, for people: a run URL, a delivery id. */
  readonly holder: string;
  readonly expiresOn: Date;
  /** Adapter-specific handle for {@link LeaseStore.release}. */
  readonly handle: string;
}

/** Options for {@link LeaseStore.acquire}. */
export interface AcquireLeaseOptions extends OperationOptions {
  readonly holder: string;
  /** How long the lease lasts unless released: a crashed holder's lease ends by itself. */
  readonly durationInMs: number;
}

/** Why a lease could not be taken: who holds it, until when. */
export interface LeaseHeld {
  readonly holder: string;
  readonly expiresOn: Date;
}

/**
 * Mutual exclusion across runs that cannot see each other (the Action's `push` and
 * `pull_request` runs on different runners): one atomic create-if-absent where both can see it.
 */
export interface LeaseStore {
  /** Take the lease on `key`; the current holder when someone else has a live one. */
  acquire(key: string, options: AcquireLeaseOptions): Promise<Lease | LeaseHeld>;
  /** Give it back (safe to repeat; a lease that already expired is simply gone). */
  release(lease: Lease, options?: OperationOptions): Promise<void>;
}

/** Every port the responder uses. */
export interface RemediationPorts {
  /** The store for a vault URL (adapters cache one client per vault). */
  secretStore(vaultUrl: string): SecretStore;
  /** Absent when issues are turned off (`open-issue: false`). */
  readonly issues?: IssueTracker;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** Rotators by credential kind (src/adapters/providers); absent: nothing is rotated at a provider. */
  readonly providerRotators?: readonly ProviderRotator[];
  /** Serializes runs responding to the same leak; absent: no lease (one run at a time assumed). */
  readonly leases?: LeaseStore;
  /**
   * Told about every sensitive value the responder handles (leaked and new), before anything
   * is printed, so the Action can mask it (`core.setSecret`).
   */
  readonly registerSensitive?: (value: string) => void;
  /** Progress lines; each passes response inspection first. */
  readonly log?: (line: string) => void;
}
