/**
 * The webhook responder as a separate process for the crash test, bundled by the test with
 * esbuild. Production wiring (settings from the environment, the SQLite queue, the real
 * responder), except what only a test double needs: Key Vault's self-signed certificate and
 * challenge host (`TEST_KV_CA`, `TEST_KV_TOKEN`) and unpaced GitHub clients.
 */
import { createKeyVaultStore } from "../../../src/adapters/keyvault/store.js";
import { startService } from "../../../src/entrypoints/server/run.js";
import { readServerSettings } from "../../../src/entrypoints/server/settings.js";
import { testClients } from "./harness.js";

const ca = process.env.TEST_KV_CA ?? "";
const token = process.env.TEST_KV_TOKEN ?? "";
const settings = readServerSettings({}, undefined); // the environment has its own credentials
// The fault bench (bench/faults-driver.ts) shortens timeouts and turns the SDK's retries on.
const githubTimeout = process.env.TEST_GITHUB_TIMEOUT_MS;
const kvTimeout = process.env.TEST_KV_TIMEOUT_MS;
const service = await startService(settings, {
  host: "127.0.0.1",
  clients: testClients(settings.apiUrl, githubTimeout ? Number(githubTimeout) : undefined),
  queue: {
    ...(process.env.TEST_QUEUE_RETRY_MS
      ? { retryDelayInMs: Number(process.env.TEST_QUEUE_RETRY_MS), maxRetryDelayInMs: 2000 }
      : {}),
    // The replicas test: a killed replica's work comes back after this, not after 5 minutes.
    ...(process.env.TEST_QUEUE_VISIBILITY_MS
      ? { visibilityTimeoutInMs: Number(process.env.TEST_QUEUE_VISIBILITY_MS) }
      : {}),
  },
  secretStore: (url) =>
    createKeyVaultStore(url, {
      credential: { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) },
      disableChallengeResourceVerification: true,
      clientOptions: { tlsOptions: { ca } },
      retryOptions: {
        maxRetries: Number(process.env.TEST_KV_RETRIES ?? 0),
        retryDelayInMs: 50,
        maxRetryDelayInMs: 200,
      },
      ...(kvTimeout ? { requestTimeoutInMs: Number(kvTimeout) } : {}),
    }),
});
process.once("SIGTERM", () => {
  void service.close().then(() => process.exit(0));
});
