/**
 * The on-demand path (`workflow_dispatch` with `secrets`, `leakstop rotate`): a secret named by
 * a person, not found by value. Re-exported by match.ts.
 */
import { shapeOf } from "./generate.js";
import { incidentsOf, type SecretMatch } from "./match-types.js";
import {
  type OperationOptions,
  type RemediationPorts,
  type SecretStore,
  SecretStoreError,
  type SecretVersionInfo,
} from "./ports.js";

/**
 * On-demand rotation: the named secret, its current version treated as the one to replace
 * (unless it already carries `incident`, i.e. this request ran before). `onValue` receives the
 * current value once, to be masked; only its shape is kept.
 */
export async function matchRequested(
  store: SecretStore,
  name: string,
  incident: string,
  onValue: (value: string) => void,
  options: OperationOptions = {},
): Promise<SecretMatch> {
  const versions: SecretVersionInfo[] = [];
  for await (const v of store.listVersions(name, options)) versions.push(v);
  versions.sort((a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0));
  const current = versions.find((v) => v.enabled);
  if (!current) throw new SecretStoreError(`Secret '${name}' in ${store.vaultUrl} has no enabled version.`, "other");
  const { value } = await store.getSecret(name, { version: current.version, ...options });
  onValue(value);
  const done = incidentsOf(current).includes(incident);
  return {
    vaultUrl: store.vaultUrl,
    name,
    kinds: ["requested"],
    incidents: [incident],
    ruleIds: [],
    leakedVersions: done ? [] : [current.version],
    leakedDigests: {},
    holders: [],
    versions,
    shape: shapeOf(value),
  };
}

/** `https://vault/secrets/NAME[/VERSION]`, or a plain name looked up in the vaults. */
export async function resolveSecretName(
  raw: string,
  vaultUrls: readonly string[],
  ports: Pick<RemediationPorts, "secretStore">,
  options: OperationOptions = {},
): Promise<{ vaultUrl: string; name: string }> {
  const name = raw.trim();
  const url = /^(https:\/\/[^/]+)\/secrets\/([^/?#]+)/i.exec(name);
  if (url) return { vaultUrl: url[1] as string, name: decodeURIComponent(url[2] as string) };
  if (!/^[0-9A-Za-z-]{1,127}$/.test(name)) {
    throw new TypeError(`'${name}' is not a Key Vault secret name (1-127 letters, digits and dashes).`);
  }
  if (vaultUrls.length === 0) throw new TypeError(`No vault to look up secret '${name}' in; set the vault URL.`);
  if (vaultUrls.length === 1) return { vaultUrl: vaultUrls[0] as string, name };
  const found: string[] = [];
  for (const vaultUrl of vaultUrls) {
    try {
      for await (const _ of ports.secretStore(vaultUrl).listVersions(name, options)) break;
      found.push(vaultUrl);
    } catch (e) {
      if (!(e instanceof SecretStoreError && e.kind === "not-found")) throw e;
    }
  }
  if (found.length === 1) return { vaultUrl: found[0] as string, name };
  if (found.length === 0) {
    throw new SecretStoreError(`No vault of ${vaultUrls.join(", ")} has a secret '${name}'.`, "not-found");
  }
  throw new TypeError(
    `Secret '${name}' exists in several vaults (${found.join(", ")}); name it as ${found[0]}/secrets/${name}.`,
  );
}
