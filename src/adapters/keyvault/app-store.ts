/**
 * The GitHub App registered by `/setup`, kept in Key Vault when `leakstop serve` has a vault:
 * three secrets under fixed names ({@link APP_SECRET_NAMES}), written through the same
 * {@link SecretStore} port the rotations use (so a lost answer never leaves an orphan version).
 * The id is written last and read first: an interrupted setup leaves no App that looks complete.
 * Public facts (slug, owner, page) are tags on the id's secret; the key and the webhook secret are
 * values only, never tags, logs or messages.
 *
 * None is tagged `leakstop-provider: none`: a leaked App key is revoked at GitHub (a new key on
 * the App's page), not by writing a fresh random value into the vault.
 */

import { type SecretStore, SecretStoreError } from "../../remediation/ports.js";
import type { AppCredentialStore } from "../state/app-store.js";

/** Secret names in the vault (letters, digits and dashes, as Key Vault requires). */
export const APP_SECRET_NAMES = {
  appId: "leakstop-github-app-id",
  privateKey: "leakstop-github-app-private-key",
  webhookSecret: "leakstop-github-app-webhook-secret",
} as const;

/** Tags on every App secret: what it is and which App, so a vault's owner can tell them apart. */
export const APP_ROLE_TAG = "leakstop-github-app";

/** The App's credentials in `store`'s vault. */
export function keyVaultAppStore(store: SecretStore): AppCredentialStore {
  const names = Object.values(APP_SECRET_NAMES).join(", ");
  return {
    kind: "key-vault",
    location: `Key Vault ${store.vaultUrl} (secrets ${names})`,
    resetHint: `delete the secret '${APP_SECRET_NAMES.appId}' in ${store.vaultUrl} and restart`,
    load: async () => {
      const id = await read(store, APP_SECRET_NAMES.appId);
      if (id === undefined) return undefined;
      const privateKey = await read(store, APP_SECRET_NAMES.privateKey);
      const webhookSecret = await read(store, APP_SECRET_NAMES.webhookSecret);
      if (!/^\d+$/.test(id.value) || privateKey === undefined || webhookSecret === undefined) {
        throw new TypeError(
          `Key Vault ${store.vaultUrl} has '${APP_SECRET_NAMES.appId}' but not a complete GitHub App (${names}); delete them and run the setup again (LEAKSTOP_SETUP=1).`,
        );
      }
      const tags = id.tags;
      return {
        appId: id.value,
        slug: tags["leakstop-app-slug"] ?? "",
        owner: tags["leakstop-app-owner"] ?? "",
        htmlUrl: tags["leakstop-app-url"] ?? "",
        privateKey: privateKey.value,
        webhookSecret: webhookSecret.value,
      };
    },
    save: async (app) => {
      const tags = (role: string) => ({ [APP_ROLE_TAG]: app.appId, "leakstop-role": role });
      await store.setSecret(APP_SECRET_NAMES.privateKey, app.privateKey, {
        contentType: "application/x-pem-file",
        tags: tags("github-app-private-key"),
      });
      await store.setSecret(APP_SECRET_NAMES.webhookSecret, app.webhookSecret, {
        contentType: "text/plain",
        tags: tags("github-app-webhook-secret"),
      });
      // Last: its presence says the other two are there.
      await store.setSecret(APP_SECRET_NAMES.appId, app.appId, {
        contentType: "text/plain",
        tags: {
          ...tags("github-app-id"),
          // Key Vault tag values are at most 256 characters.
          "leakstop-app-slug": app.slug.slice(0, 256),
          "leakstop-app-owner": app.owner.slice(0, 256),
          "leakstop-app-url": app.htmlUrl.slice(0, 256),
        },
      });
    },
  };
}

async function read(
  store: SecretStore,
  name: string,
): Promise<{ value: string; tags: Readonly<Record<string, string>> } | undefined> {
  try {
    const { info, value } = await store.getSecret(name);
    return { value, tags: info.tags };
  } catch (e) {
    if (e instanceof SecretStoreError && e.kind === "not-found") return undefined;
    throw e;
  }
}
