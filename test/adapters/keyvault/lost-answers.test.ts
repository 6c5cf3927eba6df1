/**
 * Lost answers: Key Vault wrote the version, the answer never arrived (a reset, garbage, no
 * answer at all). The store must not write again blindly (an orphan enabled version the audit
 * does not mention) and must report the version that was written.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createKeyVaultStore, WRITE_TAG } from "../../../src/adapters/keyvault/store.js";
import type { SecretStore } from "../../../src/remediation/ports.js";
import { KeyVaultDouble, staticCredential } from "../../helpers/keyvault-double.js";

let kv: KeyVaultDouble;
let store: SecretStore;
beforeAll(async () => {
  kv = await KeyVaultDouble.start();
  store = createKeyVaultStore(kv.url, {
    credential: staticCredential,
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 3, retryDelayInMs: 10, maxRetryDelayInMs: 20 },
    requestTimeoutInMs: 500,
    clientOptions: { tlsOptions: { ca: kv.ca } },
  });
});
afterAll(() => kv.close());
let n = 0;
let name: string;
beforeEach(() => {
  name = `lost-${++n}`;
  kv.put(name, "the-old-value-for-test");
});

describe("a write whose answer was lost", () => {
  it.each(["reset", "garbage", "hang"] as const)("%s: one new version, and the store reports it", async (kind) => {
    kv.loseAnswer({ method: "PUT", path: `/secrets/${name}`, kind });
    const info = await store.setSecret(name, "the-new-value-for-test", { tags: { team: "web" } });
    const versions = kv.secrets.get(name) ?? [];
    expect(versions).toHaveLength(2);
    expect(info.version).toBe(versions[1]?.version);
    expect(info.tags).toMatchObject({ team: "web" });
    expect(info.tags[WRITE_TAG]).toBeTruthy();
  });

  it("is written once after throttling and outages, then reported", async () => {
    kv.fail({ method: "PUT", path: `/secrets/${name}`, status: 503, times: 2 });
    kv.fail({ method: "PUT", path: `/secrets/${name}`, status: 429, headers: { "retry-after": "0" } });
    const info = await store.setSecret(name, "the-new-value-for-test");
    expect(kv.secrets.get(name)).toHaveLength(2);
    expect(info.version).toBe(kv.latest(name)?.version);
  });
});
