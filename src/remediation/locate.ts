/**
 * Between matching and planning: for each leaked credential, gather its holders (the vault
 * secrets that hold it, each with its encoding), ask the rotators which one applies, and locate
 * the credential at its provider (Azure's rotation tags first, else the value itself). Reads one
 * value per holder; values stay in memory, registered as sensitive, and are never logged.
 */
import { base64Text } from "../core/responder/value-forms.js";
import type { Finding } from "../core/types.js";
import { secretComponents } from "./generate.js";
import { incidentsOf, type MatchReport, type SecretMatch } from "./match.js";
import { type HolderValues, holderKey, isVaultOnly, type LocatedCredential } from "./plan.js";
import type { OperationOptions, RemediationPorts } from "./ports.js";
import type { CredentialHolder, HolderEncoding, LeakedCredential } from "./provider.js";

export interface Located {
  readonly providers: LocatedCredential[];
  /** Why a rotator that applied could not locate a credential, by fingerprint. */
  readonly problems: Record<string, string>;
}

type LocatePorts = Pick<RemediationPorts, "secretStore" | "providerRotators" | "registerSensitive">;

/** Locate every leaked credential a rotator applies to. Never throws for one credential's failure. */
export async function locateCredentials(
  findings: readonly Finding[],
  report: MatchReport,
  ports: LocatePorts,
  options: OperationOptions = {},
): Promise<Located> {
  const rotators = ports.providerRotators ?? [];
  const providers: LocatedCredential[] = [];
  const problems: Record<string, string> = {};
  if (rotators.length === 0) return { providers, problems };
  const bySecret = new Map<string, Finding[]>();
  for (const f of findings) bySecret.set(f.secret, [...(bySecret.get(f.secret) ?? []), f]);

  for (const [secret, group] of bySecret) {
    const fps = [...new Set(group.map((f) => f.fingerprint))];
    const related = report.matches.filter((m) => m.incidents.some((i) => fps.includes(i)));
    // A secret tagged `leakstop-provider: none` says the vault is the credential's only home.
    if (related.some(isVaultOnly)) continue;
    const matches = related;
    const values = new Map<string, HolderValues>();
    const holders: CredentialHolder[] = [];
    const tags: Record<string, string> = {};
    let stored: string | undefined;
    try {
      for (const m of matches) {
        const read = await readHolder(m, secret, fps, ports, options);
        values.set(holderKey(m.vaultUrl, m.name), read.values);
        if (read.holder) holders.push(read.holder);
        Object.assign(tags, (m.versions.find((v) => v.enabled) ?? m.versions[0])?.tags ?? {});
        stored ??= read.storedCredential;
      }
    } catch (e) {
      options.abortSignal?.throwIfAborted();
      for (const fp of fps) problems[fp] = `a holder could not be read: ${(e as Error).message}`;
      continue;
    }
    const credential: LeakedCredential = {
      ruleIds: [...new Set(group.map((f) => f.ruleId))].sort(),
      value: secret,
      // The matched text with the secret masked (a database URL's host and user): safe to hold.
      ...(group[0]?.redacted ? { context: group[0].redacted } : {}),
      holders,
      ...(stored ? { stored } : {}),
      tags,
    };
    const rotator = rotators.find((r) => r.applies(credential));
    if (!rotator) continue;
    try {
      const location = await rotator.locate(credential, options);
      if (!location) {
        for (const fp of fps) problems[fp] = `${rotator.name}: the resource holding it could not be found`;
        continue;
      }
      providers.push({
        fingerprints: fps,
        rotator: { kind: rotator.kind, name: rotator.name },
        plan: rotator.plan(location, credential),
        credential,
        values,
      });
    } catch (e) {
      options.abortSignal?.throwIfAborted();
      for (const fp of fps) problems[fp] = `${rotator.name} could not locate it: ${(e as Error).message}`;
    }
  }
  return { providers, problems };
}

/** The newest enabled leaked version (the source of the new value) and an earlier run's version. */
async function readHolder(
  m: SecretMatch,
  secret: string,
  fps: readonly string[],
  ports: LocatePorts,
  options: OperationOptions,
): Promise<{ values: HolderValues; holder?: CredentialHolder; storedCredential?: string }> {
  const store = ports.secretStore(m.vaultUrl);
  const leaked = new Set(m.leakedVersions);
  const sourceInfo = m.versions.find((v) => v.enabled && leaked.has(v.version));
  const storedInfo = m.versions.find(
    (v) => v.enabled && !leaked.has(v.version) && incidentsOf(v).some((i) => fps.includes(i)),
  );
  let values: HolderValues = {};
  let holder: CredentialHolder | undefined;
  let storedCredential: string | undefined;
  if (sourceInfo) {
    const { value } = await store.getSecret(m.name, { version: sourceInfo.version, ...abort(options) });
    ports.registerSensitive?.(value);
    const encoding = encodingOf(value, secret);
    values = { source: { version: sourceInfo.version, value, encoding } };
    holder = {
      vaultUrl: m.vaultUrl,
      secretName: m.name,
      version: sourceInfo.version,
      ...(sourceInfo.contentType !== undefined ? { contentType: sourceInfo.contentType } : {}),
      tags: sourceInfo.tags,
      value,
      encoding,
    };
  }
  if (storedInfo) {
    const { value } = await store.getSecret(m.name, { version: storedInfo.version, ...abort(options) });
    ports.registerSensitive?.(value);
    values = { ...values, stored: { version: storedInfo.version, value } };
    const parts = secretComponents(value);
    const first = parts[0];
    storedCredential = parts.length === 1 && first ? value.slice(first.start, first.end) : value.trim();
  }
  return { values, ...(holder ? { holder } : {}), ...(storedCredential ? { storedCredential } : {}) };
}

/** How `value` holds `secret`: as is, percent-encoded, inside base64, or JSON-escaped. */
export function encodingOf(value: string, secret: string): HolderEncoding {
  if (value.includes(secret)) return "raw";
  if (value.includes(encodeURIComponent(secret))) return "url";
  if (value.includes(JSON.stringify(secret).slice(1, -1))) return "json";
  if (base64Text(value.replace(/\s+/g, ""))?.includes(secret)) return "base64";
  return "raw";
}

/** `value` with every occurrence of `leaked` replaced by `fresh`, both in the holder's encoding. */
export function replaceEncoded(value: string, leaked: string, fresh: string, encoding: HolderEncoding): string {
  switch (encoding) {
    case "raw":
      return value.split(leaked).join(fresh);
    case "url":
      return value.split(encodeURIComponent(leaked)).join(encodeURIComponent(fresh));
    case "json":
      return value.split(JSON.stringify(leaked).slice(1, -1)).join(JSON.stringify(fresh).slice(1, -1));
    case "base64": {
      const decoded = Buffer.from(value.trim(), "base64").toString("utf8");
      return Buffer.from(decoded.split(leaked).join(fresh), "utf8").toString("base64");
    }
  }
}

function abort(options: OperationOptions): OperationOptions {
  return options.abortSignal ? { abortSignal: options.abortSignal } : {};
}
