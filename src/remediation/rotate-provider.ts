/**
 * Execute a provider step: rotate at the provider → write the new value to every holder (one
 * value, each holder's encoding) → retire the leaked credential → disable the leaked versions →
 * prove the leaked value dead. Only a proof makes the step `rotated` (or `revoked`); short of it
 * the result is `failed` and says what is left. Every part is safe to repeat: the rotator returns
 * the value an earlier run stored, a holder that already holds it is not written again.
 */

/** Results of a provider step; the union lives in execute.ts. */
import type { FailedResult, RevokedResult, RotatedResult } from "./execute.js";
import { replaceEncoded } from "./locate.js";
import { fitTags, type HolderWrite, type ProviderRotationStep } from "./plan.js";
import type { OperationOptions, RemediationPorts } from "./ports.js";
import type { ProbeVerdict } from "./provider.js";

type Ports = Pick<RemediationPorts, "secretStore" | "providerRotators" | "registerSensitive">;

export async function executeProviderStep(
  step: ProviderRotationStep,
  ports: Ports,
  options: OperationOptions,
): Promise<Array<RotatedResult | RevokedResult | FailedResult>> {
  const written: string[] = [];
  const disabled: string[] = [];
  const failed = (reason: string, unproven = false): FailedResult[] => [
    {
      kind: "failed",
      step,
      reason,
      disabled: [...disabled],
      ...(written.length ? { version: written.join(", ") } : {}),
      ...(unproven ? { unproven } : {}),
    },
  ];
  const rotator = ports.providerRotators?.find((r) => r.kind === step.rotator);
  if (!rotator) return failed(`no ${step.provider} rotator is configured here; nothing was changed`);
  const cred = step.credential;
  const verb = step.plan.mode === "rotate" ? "rotate" : "revoke";

  let outcome: Awaited<ReturnType<typeof rotator.rotate>>;
  try {
    outcome = await rotator.rotate(step.plan, cred, options);
  } catch (e) {
    return failed(`${step.provider} could not ${verb} the credential; nothing was changed: ${msg(e)}`);
  }
  const fresh = outcome.value;
  const versions = new Map<HolderWrite, { version: string; written: boolean }>();
  if (step.plan.mode === "rotate") {
    if (!fresh) return failed(`${step.provider} returned no new credential; nothing was written to the vault`);
    ports.registerSensitive?.(fresh);
    for (const h of step.holders) {
      try {
        const v = await writeHolder(h, cred.value, fresh, outcome.tags ?? {}, ports, options);
        versions.set(h, v);
        if (v.written) written.push(v.version);
      } catch (e) {
        return failed(
          `${step.provider} issued a new credential, but storing it in '${h.name}' failed: ${msg(e)}. The leaked credential is still valid; a re-run finishes the job.`,
        );
      }
    }
    try {
      await rotator.finish?.(step.plan, cred, options);
    } catch (e) {
      return failed(
        `the vault holds the new credential, but retiring the leaked one at ${step.provider} failed: ${msg(e)}. A re-run finishes the job.`,
      );
    }
    for (const h of step.holders) {
      const store = ports.secretStore(h.vaultUrl);
      for (const change of h.disable) {
        try {
          await store.updateVersion(h.name, change.version, { enabled: false, tags: change.tags, ...abort(options) });
          disabled.push(change.version);
        } catch (e) {
          return failed(`disabling leaked version ${change.version} of '${h.name}' failed: ${msg(e)}`);
        }
      }
    }
  }

  let proof: Awaited<ReturnType<typeof rotator.prove>>;
  try {
    proof = await rotator.prove(step.plan, cred, fresh, options);
  } catch (e) {
    return failed(
      `the ${verb} was done, but the probe failed, so the leaked value is not proven dead: ${msg(e)}`,
      true,
    );
  }
  if (proof.leaked !== "rejected") {
    return failed(
      `the probe does not show the leaked value dead (${proof.evidence}; leaked value ${verdict(proof.leaked)}). A re-run probes again.`,
      true,
    );
  }
  if (step.plan.mode === "rotate" && proof.replacement === "rejected") {
    return failed(`the leaked value is dead, but ${step.provider} refuses the new one (${proof.evidence})`);
  }
  if (step.plan.mode === "revoke") {
    return [
      {
        kind: "revoked",
        step,
        provider: step.provider,
        resource: step.plan.location.resource,
        evidence: proof.evidence,
      },
    ];
  }
  return step.holders.map((h) => {
    const v = versions.get(h) ?? { version: "", written: false };
    return {
      kind: "rotated",
      step,
      vaultUrl: h.vaultUrl,
      name: h.name,
      version: v.version,
      written: v.written,
      disabled: h.disable.map((d) => d.version).filter((d) => disabled.includes(d)),
      downstream: "rotated",
      provider: step.provider,
      evidence: proof.evidence,
      ...(h.expiresOn && v.written ? { expiresOn: h.expiresOn } : {}),
    };
  });
}

/** Write the holder's new version, unless an earlier run's version already holds `fresh`. */
async function writeHolder(
  h: HolderWrite,
  leaked: string,
  fresh: string,
  rotationTags: Readonly<Record<string, string>>,
  ports: Ports,
  options: OperationOptions,
): Promise<{ version: string; written: boolean }> {
  const stored = h.values.stored;
  if (stored?.value.includes(fresh)) return { version: stored.version, written: false };
  const source = h.values.source;
  if (!source) {
    throw new Error(
      `version ${stored?.version ?? "?"} does not hold the provider's current credential and no leaked version is left to derive one from; store it by hand`,
    );
  }
  const value = replaceEncoded(source.value, leaked, fresh, source.encoding);
  ports.registerSensitive?.(value);
  // Azure's rotation tags stay current (e.g. CredentialId names the key now in use).
  const current = Object.fromEntries(Object.entries(rotationTags).filter(([k]) => k in h.tags));
  const info = await ports.secretStore(h.vaultUrl).setSecret(h.name, value, {
    tags: fitTags({ ...h.tags, ...current }),
    ...(h.basis.contentType !== undefined ? { contentType: h.basis.contentType } : {}),
    ...(h.expiresOn ? { expiresOn: h.expiresOn } : {}),
    ...abort(options),
  });
  return { version: info.version, written: true };
}

const verdict = (v: ProbeVerdict) => (v === "accepted" ? "still accepted" : "unknown");
const msg = (e: unknown) => (e as Error).message;

function abort(options: OperationOptions): OperationOptions {
  return options.abortSignal ? { abortSignal: options.abortSignal } : {};
}
