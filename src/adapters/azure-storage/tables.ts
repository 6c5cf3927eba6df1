/**
 * Azure Tables clients for the service's shared state (scale-out): from
 * LEAKSTOP_STORAGE_CONNECTION_STRING (account keys, or Azurite locally) or LEAKSTOP_STORAGE_URL
 * (an account's base URL, signed in by managed identity — no stored key). Table names are
 * prefixed so several deployments can share an account.
 */

import type { TokenCredential } from "@azure/core-auth";
import { TableClient, TableServiceClient } from "@azure/data-tables";

/** How to reach the storage account. */
export type StorageTarget =
  | { readonly connectionString: string }
  /** e.g. `https://acct.blob.core.windows.net` (blob-style) or the table endpoint itself. */
  | { readonly url: string; readonly credential: TokenCredential };

/** The account's table endpoint for a blob-style or table URL. */
export function tableEndpoint(url: string): string {
  const u = new URL(url);
  u.hostname = u.hostname.replace(/\.(blob|queue|dfs)\./, ".table.");
  return u.toString().replace(/\/+$/, "");
}

function insecure(target: StorageTarget): boolean {
  const text = "connectionString" in target ? target.connectionString : target.url;
  return /(^|;)\s*DefaultEndpointsProtocol\s*=\s*http\s*(;|$)|TableEndpoint=http:\/\/|^http:\/\//i.test(text);
}

/** A client for one table (created on first use by {@link ensureTable}). */
export function tableClient(target: StorageTarget, table: string): TableClient {
  const allowInsecureConnection = insecure(target);
  if ("connectionString" in target)
    return TableClient.fromConnectionString(target.connectionString, table, { allowInsecureConnection });
  return new TableClient(tableEndpoint(target.url), table, target.credential, { allowInsecureConnection });
}

/** Create the table if it does not exist (idempotent; 409 is success). */
export async function ensureTable(client: TableClient): Promise<void> {
  try {
    await client.createTable();
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode !== 409) throw e;
  }
}

/** Keys may not contain `/ \ # ?` or control characters: base64url them. */
export function keyOf(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

export { TableServiceClient };
