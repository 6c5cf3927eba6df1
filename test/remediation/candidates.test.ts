import { describe, expect, it } from "vitest";
import { rankCandidates, sha256Hex } from "../../src/remediation/candidates.js";
import type { SecretVersionInfo } from "../../src/remediation/ports.js";

const info = (name: string, tags: Record<string, string> = {}, contentType?: string): SecretVersionInfo => ({
  name,
  version: "",
  enabled: true,
  tags,
  ...(contentType ? { contentType } : {}),
});
const hint = (ruleId: string, text: string, fingerprint = "fp") => ({
  fingerprint,
  ruleId,
  digests: [sha256Hex(text)],
  text,
});

describe("rankCandidates", () => {
  it("puts leakstop's own tags first, then Azure's rotation tags naming the leaked account, then fitting names", () => {
    const leaked = "DefaultEndpointsProtocol=https;AccountName=paystore1;AccountKey=AAAA";
    const secrets = [
      info("aaa-unrelated"),
      info("orders-storage"),
      info("zz-key", { ProviderAddress: "/subscriptions/s/providers/Microsoft.Storage/storageAccounts/paystore1" }),
      info("rotated-before", { "leakstop-leaked-sha256": sha256Hex(leaked) }),
    ];
    const ranked = rankCandidates(secrets, [hint("azure-storage-connection-string", leaked)]);
    expect(ranked.map((r) => r.info.name)).toEqual(["rotated-before", "zz-key", "orders-storage", "aaa-unrelated"]);
    expect(ranked.at(-1)?.score).toBe(0);
  });

  it("uses the content type and a database URL's host and user, and names matched in another vault", () => {
    const leaked = "postgres://billing:pw@billing-db.internal:5432/app";
    const ranked = rankCandidates(
      [info("a"), info("b", {}, "PostgreSQL connection"), info("c-billing"), info("copy-of-key")],
      [hint("postgres-url", leaked)],
      new Set(["copy-of-key"]),
    );
    expect(ranked.filter((r) => r.score > 0).map((r) => r.info.name)).toEqual(["copy-of-key", "c-billing", "b"]);
  });
});
