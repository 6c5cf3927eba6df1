/**
 * The peer of the "vault" bench section: leakstop's matching before it was bounded (commit
 * eab08fe, src/remediation/match.ts), reduced to its request pattern and comparison: list every
 * secret, then for each enabled candidate list its versions and read the three newest enabled
 * ones, comparing whole values and connection-string components by SHA-256. Kept here, not in
 * src/, so "before" can be measured in the same run as "after".
 */
import { createHash } from "node:crypto";
import { secretComponents } from "../src/remediation/generate.js";
import type { SecretStore } from "../src/remediation/ports.js";

const digest = (v: string) => createHash("sha256").update(v, "utf8").digest("hex");

/** Names of the secrets holding one of `leaked`, the way the old matcher searched. */
export async function matchBefore(store: SecretStore, leaked: readonly string[]): Promise<string[]> {
  const wanted = new Set(leaked.map(digest));
  const names: string[] = [];
  for await (const s of store.listSecrets()) if (s.enabled && !s.managed) names.push(s.name);
  const found: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++] as string;
      const versions = [];
      for await (const v of store.listVersions(name)) versions.push(v);
      versions.sort((a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0));
      for (const v of versions.filter((x) => x.enabled).slice(0, 3)) {
        const { value } = await store.getSecret(name, { version: v.version });
        const parts = secretComponents(value).map((c) => digest(value.slice(c.start, c.end)));
        if (wanted.has(digest(value)) || parts.some((p) => wanted.has(p))) found.push(name);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return found;
}
