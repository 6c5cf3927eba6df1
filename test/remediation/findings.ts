/** Findings for responder tests, built around values generated at test time. */
import { randomBytes } from "node:crypto";
import { type Config, defaultConfig } from "../../src/core/config/config.js";
import { fingerprint } from "../../src/core/findings/fingerprint.js";
import { MASK } from "../../src/core/findings/redact.js";
import type { CommitInfo, Finding } from "../../src/core/types.js";

export const COMMIT: CommitInfo = {
  sha: "3f2a9c1b7e4d5a6f8091a2b3c4d5e6f708192a3b",
  authorName: "Dana Developer",
  authorEmail: "dana@example.com",
  date: "2024-06-01T10:00:00Z",
};

/** A password-like value: letters, digits and a symbol, fresh per call. */
export function newPassword(): string {
  return `Pw7_${randomBytes(12).toString("base64url")}`;
}

/** A base64 account key of 64 bytes, fresh per call. */
export function newAccountKey(): string {
  return randomBytes(64).toString("base64");
}

export function finding(
  secret: string,
  extra: { ruleId?: string; title?: string; path?: string; line?: number; commit?: CommitInfo | null } = {},
): Finding {
  const ruleId = extra.ruleId ?? "generic-password";
  const path = extra.path ?? "config/app.env";
  const line = extra.line ?? 3;
  const commit = extra.commit === null ? undefined : (extra.commit ?? COMMIT);
  return {
    ruleId,
    title: extra.title ?? "Password assignment",
    path,
    line,
    column: 14,
    endLine: line,
    endColumn: 14 + secret.length,
    fingerprint: fingerprint(ruleId, path, secret),
    redacted: `DB_PASSWORD=${MASK}`,
    secret,
    ...(commit ? { commit } : {}),
  };
}

export const VAULT = "https://contoso-app.vault.azure.net";
export const VAULT2 = "https://contoso-data.vault.azure.net";

export function configWith(partial: Partial<Config> = {}): Config {
  return { ...defaultConfig(), vaults: [{ url: VAULT }], ...partial };
}
