/**
 * The Azure provider rotators, signed in with one identity: storage account keys, the other
 * key pairs behind Azure Resource Manager (`azure-key-kinds.ts`), Azure SQL / flexible servers'
 * administrator passwords (`azure-server-admin.ts`), and Entra ID application
 * client secrets through Microsoft Graph. The entry points build this list from their settings.
 */
import type { ProviderRotator } from "../../remediation/provider.js";
import type { ArmClientOptions } from "./arm-client.js";
import { createArmKeyRotators } from "./azure-keys.js";
import { createAzureServerAdminRotator } from "./azure-server-admin.js";
import { createAzureStorageRotator } from "./azure-storage.js";
import { createEntraAppSecretRotator } from "./entra-app-secret.js";

/** Endpoints and sign-in for the Azure rotators. */
export interface AzureRotatorsOptions extends ArmClientOptions {
  /** Turn the probes off: steps then stay unproven. */
  readonly probe?: boolean;
  /** `LEAKSTOP_GRAPH_URL`, default `https://graph.microsoft.com`. */
  readonly graphUrl?: string;
  /** `AZURE_AUTHORITY_HOST`, default `https://login.microsoftonline.com`. */
  readonly authorityHost?: string;
  /** The directory of the apps whose secrets leak, when a holder does not name one. */
  readonly tenantId?: string;
}

export function createAzureRotators(options: AzureRotatorsOptions): ProviderRotator[] {
  return [
    createAzureStorageRotator(options),
    ...createArmKeyRotators(options),
    createAzureServerAdminRotator(options),
    createEntraAppSecretRotator({
      getToken: options.getToken,
      ...(options.graphUrl ? { graphUrl: options.graphUrl } : {}),
      ...(options.authorityHost ? { authorityHost: options.authorityHost } : {}),
      ...(options.tenantId ? { tenantId: options.tenantId } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.probe !== undefined ? { probe: options.probe } : {}),
    }),
  ];
}
