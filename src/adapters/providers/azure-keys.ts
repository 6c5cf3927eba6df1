/**
 * Azure key pairs (Cosmos DB, Service Bus / Event Hubs / Relay rules, Cache for Redis, Azure
 * OpenAI / AI services, AI Search, Container Registry, SignalR / Web PubSub, App Configuration):
 * one rotator per row of {@link ARM_KEY_KINDS}, all doing the two-key swap the storage rotator
 * does. Regenerate the key that did not leak (apps on the leaked key keep working), the
 * responder stores it in every holder, then `finish` regenerates the leaked key.
 *
 * Located by Azure's rotation tags first (`ProviderAddress` = the resource id, or the SAS rule's
 * id; `CredentialId` = which key), else by the resource name in the leaked text or a holder
 * (`Endpoint=sb://NS.servicebus.windows.net/;SharedAccessKeyName=RULE`, `NAME.redis.cache…`,
 * `NAME.azurecr.io`…) through Azure Resource Graph; the key list then says which key leaked.
 *
 * The proof: where a kind has a read-only data-plane request (Azure OpenAI's model list, with
 * `api-key`), it is sent with each key to the endpoint ARM reports for the resource: 401 for the
 * leaked key, 200 for the new. The others have none that every key may make (a Send-only SAS rule
 * may read nothing), so their proof is the management API's own key list: the leaked key is no
 * longer one of the resource's keys and the new one is. The evidence says which it was.
 */
import type { OperationOptions } from "../../remediation/ports.js";
import type {
  LeakedCredential,
  Proof,
  ProviderLocation,
  ProviderPlan,
  ProviderRotator,
} from "../../remediation/provider.js";
import { type ArmClientOptions, createArmClient } from "./arm-client.js";
import { ARM_KEY_KINDS, type ArmKeyKind, type ArmKeyResourceType, type ListedKey } from "./azure-key-kinds.js";

/** Options for {@link createArmKeyRotator}. */
export interface ArmKeyRotatorOptions extends ArmClientOptions {
  /** Turn the proof off: the step then stays unproven. */
  readonly probe?: boolean;
}

/** One rotator per Azure key kind. */
export function createArmKeyRotators(options: ArmKeyRotatorOptions): ProviderRotator[] {
  return ARM_KEY_KINDS.map((k) => createArmKeyRotator(k, options));
}

export function createArmKeyRotator(kind: ArmKeyKind, options: ArmKeyRotatorOptions): ProviderRotator {
  const arm = createArmClient(options);
  const http = options.fetch ?? fetch;
  const typeOf = (id: string) => kind.types.find((t) => providerPart(id, t) !== undefined);
  const versionOf = (id: string) => typeOf(id)?.apiVersion ?? (kind.types[0] as ArmKeyResourceType).apiVersion;
  const hint = (id: string) => ` (grant the identity ${typeOf(id)?.role ?? "the key operator role"} on ${id})`;

  async function list(id: string, op?: OperationOptions): Promise<ListedKey[]> {
    const out = await arm.call("POST", `${id}${kind.list}?api-version=${versionOf(id)}`, undefined, op, hint(id));
    return kind.read(out);
  }
  async function regenerate(id: string, key: ListedKey, op?: OperationOptions): Promise<ListedKey[]> {
    const { path, body } = kind.regenerate(key);
    const out = await arm.call("POST", `${id}${path}?api-version=${versionOf(id)}`, body, op, hint(id));
    const keys = kind.read(out);
    // Some answer with the new keys, some with one key, long-running ones with nothing: list again.
    return keys.length >= 2 ? keys : await list(id, op);
  }
  const holding = (keys: readonly ListedKey[], value: string | undefined) =>
    value === undefined ? undefined : keys.find((k) => k.value === value);
  const partnerOf = (slot: string) => {
    const pair = kind.pairs.find((p) => p.some((s) => same(s, slot)));
    return pair ? (same(pair[0], slot) ? pair[1] : pair[0]) : undefined;
  };

  /** The data-plane endpoint ARM reports for the resource, when the probe serves it. */
  async function endpointOf(id: string | undefined, op?: OperationOptions): Promise<string | undefined> {
    if (!id || !kind.probe) return undefined;
    const resource = await arm.call("GET", `${id}?api-version=${versionOf(id)}`, undefined, op, hint(id));
    const endpoint = (resource as { properties?: { endpoint?: unknown } }).properties?.endpoint;
    return typeof endpoint === "string" && kind.probe.applies(resource) ? endpoint : undefined;
  }

  /** The data-plane probe's status for `key`. */
  async function probeStatus(endpoint: string, key: string, op?: OperationOptions): Promise<number | undefined> {
    if (!kind.probe) return undefined;
    const req = kind.probe.request(endpoint, key);
    const res = await http(req.url, {
      headers: { ...req.headers, accept: "application/json" },
      redirect: "manual",
      ...(op?.abortSignal ? { signal: op.abortSignal } : {}),
    });
    await res.body?.cancel();
    return res.status;
  }

  /** Where the keys live for a tagged or found resource id: the resource, or its SAS rule(s). */
  function keyHolders(resourceId: string, rule: string | undefined, entity: string | undefined): string[] {
    const type = typeOf(resourceId);
    if (!type?.keyHolder) return [resourceId];
    if (/\/authorizationRules\/[^/]+$/i.test(resourceId)) return [resourceId];
    if (!rule) return [];
    const base = providerPart(resourceId, type) as string;
    const r = encodeURIComponent(rule);
    const entityRules = entity
      ? (type.entities ?? []).map((c) => `${base}/${c}/${encodeURIComponent(entity)}/authorizationRules/${r}`)
      : [];
    return [...entityRules, `${base}/authorizationRules/${r}`];
  }

  return {
    kind: kind.kind,
    name: kind.name,
    applies: (c) =>
      c.ruleIds.some((r) => kind.ruleIds.includes(r)) ||
      kind.types.some((t) => providerPart(tagOf(c, "ProviderAddress") ?? "", t) !== undefined),

    async locate(c, op): Promise<ProviderLocation | undefined> {
      const address = tagOf(c, "ProviderAddress");
      const parsed = addressOf(kind, c);
      let candidates: string[];
      let source: ProviderLocation["source"];
      if (address && typeOf(address)) {
        source = "tags";
        candidates = keyHolders(address, parsed?.rule, parsed?.entity);
      } else {
        if (!parsed) return undefined;
        const found = await arm.findByName(
          kind.types.map((t) => t.type),
          parsed.name,
          op,
        );
        if (found.length > 1) {
          throw new Error(`${found.length} resources are named '${parsed.name}'; tag the secret with ProviderAddress`);
        }
        const id = found[0]?.id;
        if (!id || !typeOf(id)) return undefined;
        source = "value";
        candidates = keyHolders(id, parsed.rule, parsed.entity);
      }
      const tagged = slotOfTag(kind, tagOf(c, "CredentialId"));
      const endpoint = kind.probe ? await endpointOf(candidates[0], op) : undefined;
      let fallback: { id: string; slot?: string } | undefined;
      for (const id of candidates) {
        let keys: ListedKey[];
        try {
          keys = await list(id, op);
        } catch (e) {
          // An entity-level rule of that name may not exist: try the next place.
          if (/answered 404/.test((e as Error).message) && id !== candidates.at(-1)) continue;
          throw e;
        }
        const leaked = holding(keys, c.value);
        if (leaked) return location(kind, id, leaked.slot, source, endpoint);
        // A re-run after the swap: the key an earlier run stored is one of these.
        if (!fallback && (holding(keys, c.stored) || source === "tags"))
          fallback = { id, ...(tagged ? { slot: tagged } : {}) };
      }
      return fallback ? location(kind, fallback.id, fallback.slot, source, endpoint) : undefined;
    },

    plan(loc: ProviderLocation): ProviderPlan {
      const leaked = loc.credentialId ?? (kind.pairs[0] as readonly [string, string])[0];
      const other = partnerOf(leaked) ?? leaked;
      const type = typeOf(loc.resource);
      // Roles are assigned on the resource (the namespace for a SAS rule), not on the rule.
      const scope = (type && providerPart(loc.resource, type)) ?? loc.resource;
      const role = `${type?.role ?? "a role with the list and regenerate key actions"} on ${scope}`;
      return {
        location: loc,
        mode: "rotate",
        steps: [
          { description: `regenerate ${other} (the key that did not leak) of ${loc.resource}`, permission: role },
          {
            description: `regenerate ${leaked} (the leaked key), after the vault holds the new ${other}`,
            permission: role,
          },
          kind.probe && loc.details?.endpoint
            ? {
                description: `probe: ${kind.probe.what} at ${loc.details.endpoint} must answer 401 with the leaked key, 200 with the new (metadata only)`,
                permission: "none (sent with the keys themselves)",
              }
            : {
                description: `proof: the key list (POST ${kind.list}) must no longer hold the leaked key and must hold the new one (no read-only data-plane probe for this kind)`,
                permission: role,
              },
        ],
      };
    },

    async rotate(plan, c, op) {
      const id = plan.location.resource;
      const keys = await list(id, op);
      const leaked = holding(keys, c.value);
      if (!leaked) {
        const inUse = holding(keys, c.stored);
        if (!inUse) {
          throw new Error(
            "the leaked key is no longer one of the resource's keys, and the vault holds neither current key; store a current key by hand",
          );
        }
        return { value: inUse.value, tags: { CredentialId: inUse.slot } };
      }
      const otherSlot = partnerOf(leaked.slot);
      const other = keys.find((k) => otherSlot !== undefined && same(k.slot, otherSlot));
      if (!other) throw new Error(`${kind.name}: no key pairs with ${leaked.slot}; regenerate it by hand`);
      // A crash after storing: the other key is already the vault's; do not regenerate it again.
      if (c.stored !== undefined && other.value === c.stored)
        return { value: c.stored, tags: { CredentialId: other.slot } };
      const fresh = (await regenerate(id, other, op)).find((k) => same(k.slot, other.slot));
      if (!fresh || fresh.value === other.value) throw new Error(`regenerating ${other.slot} returned no new key`);
      return { value: fresh.value, tags: { CredentialId: fresh.slot } };
    },

    async finish(plan, c, op) {
      const id = plan.location.resource;
      const leaked = holding(await list(id, op), c.value);
      if (leaked) await regenerate(id, leaked, op);
    },

    async prove(plan, c, replacement, op): Promise<Proof> {
      if (options.probe === false) return { leaked: "unknown", evidence: "the probe is turned off" };
      const endpoint = plan.location.details?.endpoint;
      if (kind.probe && endpoint) {
        const old = await probeStatus(endpoint, c.value, op);
        const fresh = replacement === undefined ? undefined : await probeStatus(endpoint, replacement, op);
        const verdict = (s: number | undefined): Proof["leaked"] =>
          s === 401 || s === 403 ? "rejected" : s !== undefined && s >= 200 && s < 300 ? "accepted" : "unknown";
        return {
          leaked: verdict(old),
          ...(fresh !== undefined ? { replacement: verdict(fresh) } : {}),
          evidence: `${kind.probe.what} with the leaked key: ${old}${fresh !== undefined ? `, with the new key: ${fresh}` : ""}`,
        };
      }
      const keys = await list(plan.location.resource, op);
      const old = holding(keys, c.value) !== undefined;
      const fresh = replacement === undefined ? undefined : holding(keys, replacement) !== undefined;
      return {
        leaked: old ? "accepted" : "rejected",
        ...(fresh !== undefined ? { replacement: fresh ? ("accepted" as const) : ("rejected" as const) } : {}),
        evidence: `management API key list (no data-plane probe for this kind): the leaked key is ${old ? "still" : "no longer"} one of the resource's keys${fresh === undefined ? "" : fresh ? ", the new key is" : ", the new key is not"}`,
      };
    },
  };
}

function location(
  kind: ArmKeyKind,
  id: string,
  slot: string | undefined,
  source: ProviderLocation["source"],
  endpoint?: string,
): ProviderLocation {
  return {
    kind: kind.kind,
    resource: id,
    ...(slot ? { credentialId: slot } : {}),
    source,
    ...(endpoint ? { details: { endpoint } } : {}),
  };
}

/** `…/providers/<type>/<name>` of `id` when it is (or is under) a resource of `type`. */
function providerPart(id: string, type: ArmKeyResourceType): string | undefined {
  const at = id.toLowerCase().indexOf(`/providers/${type.type.toLowerCase()}/`);
  if (at < 0 || !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i.test(id.slice(0, at))) return undefined;
  const rest = id.slice(at + `/providers/${type.type}/`.length).split("/");
  return rest[0] ? id.slice(0, at + `/providers/${type.type}/`.length + rest[0].length) : undefined;
}

function tagOf(c: LeakedCredential, name: string): string | undefined {
  const v = c.holders.find((h) => h.tags[name])?.tags[name] ?? c.tags?.[name];
  return v?.trim() || undefined;
}

/** The resource (and SAS rule, entity) named in the leaked text or a holder's value. */
function addressOf(kind: ArmKeyKind, c: LeakedCredential) {
  for (const text of [c.context, ...c.holders.map((h) => h.value)]) {
    const m = text ? kind.address.exec(text) : null;
    if (m?.[1]) return { name: m[1].toLowerCase(), rule: m.groups?.rule, entity: m.groups?.entity };
  }
  return undefined;
}

const same = (a: string, b: string) => a.replace(/\s+/g, "").toLowerCase() === b.replace(/\s+/g, "").toLowerCase();

/** A `CredentialId` tag as one of the kind's key names (`key1`/`key2` and `primary`/`secondary` alias the first pair). */
function slotOfTag(kind: ArmKeyKind, tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const slots = kind.pairs.flat();
  const exact = slots.find((s) => same(s, tag));
  if (exact) return exact;
  const [first, second] = kind.pairs[0] as readonly [string, string];
  const t = tag.toLowerCase();
  if (t === "key1" || t === "primary" || t === "primarykey") return first;
  if (t === "key2" || t === "secondary" || t === "secondarykey") return second;
  return undefined;
}
