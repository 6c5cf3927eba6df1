/**
 * Carry out a plan, one result per step: `rotated`, `skipped` or `failed`. A step that did not
 * finish is `failed`, never `rotated`, even when its new version was written: the result says
 * what was done and that a re-run finishes it. Nothing is ever deleted or purged; the store
 * port has no such operation.
 */
import { generateValue, secretComponents } from "./generate.js";
import type {
  BlockedStep,
  DisableStep,
  ManualStep,
  Plan,
  PlanStep,
  ProviderRotationStep,
  RotateStep,
  SkipStep,
} from "./plan.js";
import { PROVIDER_TAG } from "./plan.js";
import type { OperationOptions, RemediationPorts } from "./ports.js";
import { executeProviderStep } from "./rotate-provider.js";

export { PROVIDER_TAG } from "./plan.js";

/**
 * Whether the credential must still be changed where it is checked (its provider): `rotated`
 * when a provider rotator did it, `none` when the vault is the source of truth (tag
 * `leakstop-provider: none`), `needed` otherwise.
 */
export type Downstream = "rotated" | "needed" | "none";

export interface RotatedResult {
  readonly kind: "rotated";
  readonly step: RotateStep | DisableStep | ProviderRotationStep;
  readonly vaultUrl: string;
  readonly name: string;
  /** The version that now holds the secret. */
  readonly version: string;
  /** True when this run wrote `version`; false when it only finished an earlier rotation. */
  readonly written: boolean;
  readonly disabled: readonly string[];
  readonly downstream: Downstream;
  /** The provider rotator that regenerated the credential. */
  readonly provider?: string;
  /** The probe's evidence that the leaked value is dead (provider rotations). */
  readonly evidence?: string;
  readonly expiresOn?: Date;
}

/** Revoked at the provider and proven dead; no vault value was made up (a person creates the replacement). */
export interface RevokedResult {
  readonly kind: "revoked";
  readonly step: ProviderRotationStep;
  readonly provider: string;
  readonly resource: string;
  readonly evidence: string;
}

export interface SkippedResult {
  readonly kind: "skipped";
  readonly step: SkipStep | ManualStep;
  readonly reason: string;
}

export interface FailedResult {
  readonly kind: "failed";
  readonly step: RotateStep | DisableStep | BlockedStep | ProviderRotationStep;
  readonly reason: string;
  /** A version written before the failure (a re-run only disables). */
  readonly version?: string;
  readonly disabled: readonly string[];
  /**
   * The provider step was carried out and only the proof is missing (the probe still sees the
   * leaked value accepted, or could not tell): a later probe may show it dead, e.g. once an
   * asynchronous revocation has taken effect.
   */
  readonly unproven?: boolean;
}

export type StepResult = RotatedResult | RevokedResult | SkippedResult | FailedResult;

type ExecutePorts = Pick<RemediationPorts, "secretStore" | "random" | "providerRotators" | "registerSensitive">;

/** Execute every step in order; never throws for a step's failure (an abort does throw). */
export async function execute(p: Plan, ports: ExecutePorts, options: OperationOptions = {}): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const step of p.steps) {
    options.abortSignal?.throwIfAborted();
    if (step.kind === "provider") results.push(...(await executeProviderStep(step, ports, options)));
    else results.push(await executeStep(step, ports, options));
  }
  return results;
}

async function executeStep(
  step: Exclude<PlanStep, ProviderRotationStep>,
  ports: ExecutePorts,
  options: OperationOptions,
): Promise<StepResult> {
  switch (step.kind) {
    case "skip":
    case "manual":
      return { kind: "skipped", step, reason: step.why };
    case "blocked":
      return { kind: "failed", step, reason: step.why, disabled: [] };
    case "disable":
      return disableOnly(step, ports, options);
    case "rotate":
      return rotate(step, ports, options);
  }
}

function downstreamOf(tags: Readonly<Record<string, string>>): Downstream {
  return tags[PROVIDER_TAG]?.toLowerCase() === "none" ? "none" : "needed";
}

/** Vault-only rotation (`leakstop-provider: none`): a fresh value of the same shape. */
async function rotate(step: RotateStep, ports: ExecutePorts, options: OperationOptions): Promise<StepResult> {
  const store = ports.secretStore(step.vaultUrl);
  let value: string;
  try {
    value = generateValue(step.shape, ports.random);
  } catch (e) {
    return { kind: "failed", step, reason: `no new value could be generated: ${(e as Error).message}`, disabled: [] };
  }
  // Masked before anything can print it; the components too, since they travel alone.
  ports.registerSensitive?.(value);
  for (const s of secretComponents(value)) ports.registerSensitive?.(value.slice(s.start, s.end));

  let version: string;
  try {
    const info = await store.setSecret(step.name, value, {
      tags: step.tags,
      ...(step.basis.contentType !== undefined ? { contentType: step.basis.contentType } : {}),
      ...(step.expiresOn ? { expiresOn: step.expiresOn } : {}),
      ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
    });
    version = info.version;
  } catch (e) {
    return {
      kind: "failed",
      step,
      reason: `writing a new version failed; nothing was changed: ${(e as Error).message}`,
      disabled: [],
    };
  }
  const { disabled, failure } = await disableVersions(store, step.name, step.disable, options);
  if (failure) {
    return {
      kind: "failed",
      step,
      version,
      disabled,
      reason: `new version ${version} was written, but disabling leaked version ${failure.version} failed: ${failure.message}. A re-run finishes the job (the new version carries the incident tag).`,
    };
  }
  return {
    kind: "rotated",
    step,
    vaultUrl: step.vaultUrl,
    name: step.name,
    version,
    written: true,
    disabled,
    downstream: downstreamOf(step.basis.tags),
    ...(step.expiresOn ? { expiresOn: step.expiresOn } : {}),
  };
}

async function disableOnly(step: DisableStep, ports: ExecutePorts, options: OperationOptions): Promise<StepResult> {
  const { disabled, failure } = await disableVersions(
    ports.secretStore(step.vaultUrl),
    step.name,
    step.disable,
    options,
  );
  if (failure) {
    return {
      kind: "failed",
      step,
      disabled,
      reason: `disabling leaked version ${failure.version} failed: ${failure.message}`,
    };
  }
  return {
    kind: "rotated",
    step,
    vaultUrl: step.vaultUrl,
    name: step.name,
    version: step.current,
    written: false,
    disabled,
    downstream: downstreamOf(step.disable[0]?.tags ?? {}),
  };
}

/** Disable versions in order, stopping at the first failure (what was disabled is reported either way). */
async function disableVersions(
  store: ReturnType<ExecutePorts["secretStore"]>,
  name: string,
  changes: DisableStep["disable"],
  options: OperationOptions,
): Promise<{ disabled: string[]; failure?: { version: string; message: string } }> {
  const disabled: string[] = [];
  for (const change of changes) {
    try {
      await store.updateVersion(name, change.version, { enabled: false, tags: change.tags, ...abort(options) });
      disabled.push(change.version);
    } catch (e) {
      return { disabled, failure: { version: change.version, message: (e as Error).message } };
    }
  }
  return { disabled };
}

function abort(options: OperationOptions): OperationOptions {
  return options.abortSignal ? { abortSignal: options.abortSignal } : {};
}

/** New versions written, as the Action's `rotated` output lists them. */
export function rotatedOf(results: readonly StepResult[]): Array<{ vault: string; secret: string; version: string }> {
  return results.flatMap((r) =>
    r.kind === "rotated" && r.written ? [{ vault: r.vaultUrl, secret: r.name, version: r.version }] : [],
  );
}

/** One log line per result; names and versions only. */
export function describeResult(r: StepResult): string {
  switch (r.kind) {
    case "rotated": {
      const disabled = r.disabled.length ? `; disabled ${r.disabled.join(", ")}` : "";
      const what = r.written ? `new version ${r.version}` : `finished rotation to ${r.version}`;
      const at = r.provider ? ` at ${r.provider} (proven: ${r.evidence ?? "probe passed"})` : "";
      return `leakstop: rotated '${r.name}' in ${r.vaultUrl}${at}: ${what}${disabled}`;
    }
    case "revoked":
      return `leakstop: revoked at ${r.provider} (${r.resource}) and proven dead: ${r.evidence}`;
    case "skipped":
      return `leakstop: skipped${"name" in r.step ? ` '${r.step.name}' in ${r.step.vaultUrl}` : ""}: ${r.reason}`;
    case "failed":
      return `leakstop: FAILED${"name" in r.step ? ` '${r.step.name}'` : ""} in ${r.step.vaultUrl}: ${r.reason}`;
  }
}
