/**
 * Key Vault's Event Grid events, as the service receives them on its own route: the
 * subscription validation handshake, and `SecretNewVersionCreated` notifications that keep the
 * vault index fresh. Both the Event Grid schema and CloudEvents 1.0 are accepted. An event
 * carries names only; the service reads the new version itself. Pure.
 */

/** A new secret version to index. */
export interface NewSecretVersion {
  /** `https://NAME.vault.azure.net` (from the event's vault name, or its object id URL). */
  readonly vaultUrl: string;
  readonly name: string;
  readonly version: string;
}

export type EventGridDelivery =
  | { readonly kind: "validation"; readonly validationCode: string }
  | { readonly kind: "events"; readonly newVersions: readonly NewSecretVersion[]; readonly ignored: number }
  | { readonly kind: "invalid"; readonly error: string };

const NEW_VERSION = "Microsoft.KeyVault.SecretNewVersionCreated";
const VALIDATION = "Microsoft.EventGrid.SubscriptionValidationEvent";

function vaultUrlOf(data: Record<string, unknown>, vaultSuffix: string): string | undefined {
  if (typeof data.Id === "string") {
    try {
      const u = new URL(data.Id);
      if (u.protocol === "https:") return `https://${u.host}`;
    } catch {
      // fall through to the vault name
    }
  }
  return typeof data.VaultName === "string" && /^[a-z0-9-]{3,24}$/i.test(data.VaultName)
    ? `https://${data.VaultName.toLowerCase()}.${vaultSuffix}`
    : undefined;
}

/** Parse a delivery body (an array of events, or one CloudEvent). */
export function parseEventGrid(body: unknown, options: { vaultSuffix?: string } = {}): EventGridDelivery {
  const suffix = options.vaultSuffix ?? "vault.azure.net";
  const events = Array.isArray(body) ? body : typeof body === "object" && body !== null ? [body] : undefined;
  if (!events || events.length === 0)
    return { kind: "invalid", error: "the body must be an event or an array of events" };
  const newVersions: NewSecretVersion[] = [];
  let ignored = 0;
  for (const e of events) {
    if (typeof e !== "object" || e === null) return { kind: "invalid", error: "an event must be an object" };
    const ev = e as Record<string, unknown>;
    const type = typeof ev.eventType === "string" ? ev.eventType : ev.type;
    const data = (typeof ev.data === "object" && ev.data !== null ? ev.data : {}) as Record<string, unknown>;
    if (type === VALIDATION) {
      if (typeof data.validationCode !== "string" || !data.validationCode)
        return { kind: "invalid", error: "validation event without a code" };
      return { kind: "validation", validationCode: data.validationCode };
    }
    if (type !== NEW_VERSION || data.ObjectType !== "Secret") {
      ignored++;
      continue;
    }
    const vaultUrl = vaultUrlOf(data, suffix);
    const name = data.ObjectName;
    const version = data.Version;
    if (!vaultUrl || typeof name !== "string" || typeof version !== "string" || !/^[0-9a-zA-Z-]{1,127}$/.test(name)) {
      ignored++;
      continue;
    }
    newVersions.push({ vaultUrl, name, version });
  }
  return { kind: "events", newVersions, ignored };
}
