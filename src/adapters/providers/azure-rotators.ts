/**
 * The Azure provider rotators, signed in with one identity: storage account keys, the other
 * key pairs behind Azure Resource Manager (`azure-key-kinds.ts`), and Entra ID application
 * client secrets through Microsoft Graph. The entry points build this list from their settings.
 */
import type { ProviderRotator } from "../../remediation/provider.js";
import type { ArmClientOptions } from "./arm-client.js";
import { createArmKeyRotators } from "./azure-keys.js";
import { createAzureStorageRotator } from "./azure-storage.js";

/** Endpoints and sign-in for the Azure rotators. */
export interface AzureRotatorsOptions extends ArmClientOptions {
  /** Turn the probes off: steps then stay unproven. */
  readonly probe?: boolean;
}

export function createAzureRotators(options: AzureRotatorsOptions): ProviderRotator[] {
  return [createAzureStorageRotator(options), ...createArmKeyRotators(options)];
}
