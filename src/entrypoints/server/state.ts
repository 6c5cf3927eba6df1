/**
 * Where the service's state lives, chosen once from the settings: the embedded database under
 * the data directory (one replica; the default), or Azure Storage queues and tables shared by
 * every replica (LEAKSTOP_STORAGE_CONNECTION_STRING or LEAKSTOP_STORAGE_URL with managed
 * identity): the work queue and the deliveries seen, credential locks, the vault index.
 */
import { createHmac } from "node:crypto";
import type { TokenCredential } from "@azure/core-auth";
import { TableVaultIndexStore } from "../../adapters/azure-storage/index-store.js";
import { TableLockStore } from "../../adapters/azure-storage/locks.js";
import { TableFindingsStatusStore, TableReplayStore } from "../../adapters/azure-storage/shared-findings.js";
import { StorageWorkQueue } from "../../adapters/azure-storage/storage-queue.js";
import type { StorageTarget } from "../../adapters/azure-storage/tables.js";
import type { ReplayStore } from "../../adapters/oidc/verify.js";
import { CredentialLocks } from "../../adapters/queue/credential-lock.js";
import type { FindingsStatusStore } from "../../adapters/queue/findings-status.js";
import { DeliveryQueue, type DeliveryQueueOptions } from "../../adapters/queue/sqlite-queue.js";
import { loadIndexKey } from "../../adapters/state/index-key.js";
import type { VaultIndexStore } from "../../remediation/vault-index.js";
import type { QueuedState } from "./findings-route.js";
import type { ServerQueue } from "./server.js";
import type { ServerSettings } from "./settings.js";

export interface ServiceState {
  readonly kind: "embedded" | "azure-storage";
  readonly queue: ServerQueue;
  readonly locks: CredentialLocks;
  /** Undefined: the index's embedded default (vault-index.ts). */
  readonly indexStore: VaultIndexStore | undefined;
  readonly queueState: (id: string) => QueuedState | Promise<QueuedState>;
  /** Findings call statuses and used token ids; undefined: per replica (the data directory, memory). */
  readonly findings: { readonly statuses: FindingsStatusStore; readonly replay: ReplayStore } | undefined;
  /** A shared queue is polled this often while idle (it cannot wake us). */
  readonly idlePollInMs: number | undefined;
}

export function openState(
  settings: ServerSettings,
  options: {
    readonly queue?: Omit<DeliveryQueueOptions, "dir" | "maxAttempts">;
    readonly credential: () => TokenCredential;
  },
): ServiceState {
  const storage = settings.storage;
  if (!storage) {
    const queue = DeliveryQueue.open({
      retryDeadlineInMs: settings.retryDeadlineInMs,
      ...options.queue,
      dir: settings.dataDir,
      maxAttempts: settings.maxAttempts,
    });
    return {
      kind: "embedded",
      queue,
      locks: new CredentialLocks(queue),
      indexStore: undefined,
      queueState: (id) => queue.get(id),
      findings: undefined,
      idlePollInMs: undefined,
    };
  }
  const target: StorageTarget =
    "connectionString" in storage ? storage : { url: storage.url, credential: options.credential() };
  const queue = new StorageWorkQueue(target, {
    maxAttempts: settings.maxAttempts,
    retryDeadlineInMs: settings.retryDeadlineInMs,
    ...(options.queue?.visibilityTimeoutInMs ? { visibilityTimeoutInMs: options.queue.visibilityTimeoutInMs } : {}),
    ...(options.queue?.retryDelayInMs ? { retryDelayInMs: Math.max(1000, options.queue.retryDelayInMs) } : {}),
    ...(options.queue?.maxRetryDelayInMs ? { maxRetryDelayInMs: Math.max(1000, options.queue.maxRetryDelayInMs) } : {}),
  });
  // Every replica names a credential's lock alike: a key derived from the shared index key.
  const lockKey = createHmac("sha256", loadIndexKey(settings.dataDir, settings.vaultIndex.key))
    .update("leakstop credential locks")
    .digest();
  return {
    kind: "azure-storage",
    queue,
    locks: new CredentialLocks(new TableLockStore(target), { key: lockKey }),
    indexStore: new TableVaultIndexStore(target),
    queueState: (id) => queue.get(id),
    findings: { statuses: new TableFindingsStatusStore(target), replay: new TableReplayStore(target) },
    idlePollInMs: 1000,
  };
}
