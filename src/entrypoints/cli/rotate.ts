/**
 * `leakstop rotate --vault URL --secret NAME [--reason TEXT] [--dry-run]`: rotate one Key Vault
 * secret now, provider first (the credential it holds is rotated where it is checked, the vault
 * gets the value the provider accepts, the previous version is disabled, the old value proven
 * dead; a fresh random value only for a secret tagged `leakstop-provider: none`), or print the plan.
 * Exit status: 0 rotated (or a dry run whose plan can run), 1 the rotation failed (or a dry run
 * found a step blocked: the vault cannot be reached, the secret is missing), 2 bad usage. Loaded lazily by
 * `run.ts`, so `leakstop scan` never loads the Azure SDK.
 */
import { randomBytes } from "node:crypto";
import type { TokenCredential } from "@azure/identity";
import { loadConfig } from "../../adapters/fs/config.js";
import { resolveScanTarget } from "../../adapters/fs/target.js";
import { checkVaultUrl, createKeyVaultCredential, tokenGetter } from "../../adapters/keyvault/credential.js";
import { createKeyVaultStores, type KeyVaultStoreOptions } from "../../adapters/keyvault/store.js";
import { createAzureStorageRotator } from "../../adapters/providers/azure-storage.js";
import { createProviderRotators } from "../../adapters/providers/index.js";
import { createEngine } from "../../core/scan/engine.js";
import { createMemoryAuditLog } from "../../remediation/audit.js";
import { createInspector } from "../../remediation/inspect.js";
import { describeResult, rotateNamed } from "../../remediation/respond.js";
import type { CliIO } from "./run.js";

/** Settings of `leakstop rotate`. */
export interface RotateSettings {
  /** The vault, `https://…` (checked). */
  readonly vault: string;
  /** The secret's name. */
  readonly secret: string;
  /** Why; recorded in the new version's `leakstop-reason` tag. */
  readonly reason: string | undefined;
  /** Print the plan; change nothing. */
  readonly dryRun: boolean;
  /** Azure Resource Manager, `LEAKSTOP_ARM_URL` (sovereign clouds, test doubles). */
  readonly armUrl: string;
  /** GitHub's API, `GITHUB_API_URL` (GitHub Enterprise Server), for revoking tokens. */
  readonly githubApiUrl: string;
}

/** Key Vault's rule for secret names (https://learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates). */
const SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;

/**
 * Validate raw options; throws a TypeError (exit 2) whose message is shown as is. `--secret` may
 * be a secret's URL (`https://<vault>/secrets/<name>[/<version>]`, as the portal shows it): its
 * vault is then used, and must agree with `--vault` when both are given.
 */
export function rotateSettings(
  raw: {
    vault?: string;
    secret?: string;
    reason?: string;
    dryRun?: boolean;
  },
  env: Readonly<Record<string, string | undefined>> = process.env,
): RotateSettings {
  const secretArg = raw.secret?.trim() ?? "";
  if (!secretArg) throw new TypeError("--secret is required: the name of the secret to rotate.");
  let vault = raw.vault === undefined ? undefined : checkVaultUrl(raw.vault);
  let secret = secretArg;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(secretArg)) {
    const match = /^(https:\/\/[^/?#]+)\/secrets\/([^/?#]+)(?:\/[0-9a-fA-F]*)?\/?$/.exec(secretArg);
    if (!match) {
      throw new TypeError(
        `--secret '${secretArg}' is not a secret URL; use https://<vault>.vault.azure.net/secrets/<name>, or the name alone.`,
      );
    }
    const fromUrl = checkVaultUrl(match[1] as string);
    if (vault !== undefined && vault.toLowerCase() !== fromUrl.toLowerCase()) {
      throw new TypeError(
        `--secret '${secretArg}' is in vault ${fromUrl}, but --vault is ${vault}; drop --vault or make the two agree.`,
      );
    }
    vault = fromUrl;
    secret = decodeURIComponent(match[2] as string);
  }
  if (vault === undefined) {
    throw new TypeError(
      "--vault is required: the vault's URL, https://<name>.vault.azure.net (or pass --secret as a secret URL).",
    );
  }
  if (!SECRET_NAME.test(secret)) {
    throw new TypeError(
      `--secret '${secret}' is not a Key Vault secret name (1-127 letters, digits and dashes); check the name in the vault.`,
    );
  }
  return {
    vault,
    secret,
    reason: raw.reason,
    dryRun: raw.dryRun === true,
    armUrl: endpoint(env.LEAKSTOP_ARM_URL, "LEAKSTOP_ARM_URL", "https://management.azure.com"),
    githubApiUrl: endpoint(env.GITHUB_API_URL, "GITHUB_API_URL", "https://api.github.com"),
  };
}

function endpoint(raw: string | undefined, name: string, fallback: string): string {
  const value = raw?.trim() || fallback;
  if (!/^https:\/\/[^/?#\s]+/i.test(value)) {
    throw new TypeError(
      `${name} '${value}' must be an https:// URL (tokens are never sent in clear); fix or unset it.`,
    );
  }
  return value.replace(/\/+$/, "");
}

/** What tests inject; the command itself signs in with the default credential chain. */
export interface RotateDeps {
  readonly credential?: TokenCredential;
  readonly storeOptions?: Omit<KeyVaultStoreOptions, "credential">;
  /** The transport to Azure Resource Manager (tests pass one that trusts their CA). */
  readonly fetch?: typeof fetch;
  /**
   * Directory whose `.leakstop.yml` (at its repository's top level, inside one) supplies
   * `rotation.validityDays`. Default: the working directory.
   */
  readonly cwd?: string;
}

export async function runRotate(settings: RotateSettings, io: CliIO, deps: RotateDeps = {}): Promise<number> {
  // The config of the repository we are in (its top level), as `leakstop scan` finds it.
  const { root } = await resolveScanTarget(deps.cwd ?? process.cwd());
  const loaded = await loadConfig(root);
  const engine = createEngine({ config: loaded.config });
  const inspector = createInspector({ engine });
  const credential = deps.credential ?? createKeyVaultCredential();
  const secretStore = createKeyVaultStores({ credential, ...deps.storeOptions });
  const providerRotators = [
    ...createProviderRotators({ githubApiUrl: settings.githubApiUrl }),
    createAzureStorageRotator({
      armUrl: settings.armUrl,
      getToken: tokenGetter(credential),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    }),
  ];
  const audit = createMemoryAuditLog();
  const result = await rotateNamed(
    [settings.secret],
    {
      secretStore,
      audit,
      clock: { now: () => new Date() },
      random: { bytes: (n) => new Uint8Array(randomBytes(n)) },
      providerRotators,
      registerSensitive: (v) => inspector.addSensitive(v),
    },
    {
      vaultUrls: [settings.vault],
      engine,
      dryRun: settings.dryRun,
      inspector,
      ...(settings.reason !== undefined ? { reason: settings.reason } : {}),
      ...(loaded.config.rotation.validityDays !== undefined
        ? { validityDays: loaded.config.rotation.validityDays }
        : {}),
    },
  );
  io.stdout(result.planText);
  for (const r of result.results) {
    const line = `${inspector.inspect(describeResult(r), "log.txt")}\n`;
    if (r.kind === "failed") io.stderr(line);
    else io.stdout(line);
  }
  if (settings.dryRun) {
    const blocked = result.plan.steps.filter((s) => s.kind === "blocked");
    for (const b of blocked) io.stderr(`leakstop: ${inspector.inspect(b.why, "log.txt")}\n`);
    return blocked.length > 0 ? 1 : 0;
  }
  // Anything short of a rotation (failed, or skipped because a person must act) is a failure.
  const rotated = result.results.length > 0 && result.results.every((r) => r.kind === "rotated");
  return rotated ? 0 : 1;
}
