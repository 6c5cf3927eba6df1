import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ENV, parseServerSettings } from "../../../src/entrypoints/server/settings.js";

const base = { LEAKSTOP_WEBHOOK_SECRET: "s", GITHUB_TOKEN: "t" };

describe("serve settings", () => {
  it("has the documented defaults", () => {
    expect(parseServerSettings(base)).toEqual({
      webhookSecret: "s",
      previousWebhookSecrets: [],
      github: { kind: "token", token: "t" },
      apiUrl: "https://api.github.com",
      armUrl: "https://management.azure.com",
      graphUrl: "https://graph.microsoft.com",
      serverUrl: "https://github.com",
      vaultUrls: [],
      dataDir: resolve(".leakstop"),
      port: 3000,
      dryRun: false,
      configFile: undefined,
      issueRepository: undefined,
      concurrency: 4,
      maxAttempts: 10,
      retryDeadlineInMs: 3_600_000,
      maxBodyBytes: 25 * 1024 * 1024,
      maxUnverifiedBodies: 16,
      maxUnverifiedBytes: 64 * 1024 * 1024,
      bodyTimeoutInMs: 10_000,
      maxConnections: 256,
      shutdownGraceInMs: 8000,
      vaultIndex: { key: undefined, refreshInMs: 6 * 3_600_000, eventGridKeys: [], eventGridEntra: undefined },
    });
  });

  it("reads the Entra endpoints and tenant for app secret rotation, https only", () => {
    const s = parseServerSettings({
      ...base,
      LEAKSTOP_GRAPH_URL: "https://graph.microsoft.us/",
      AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us",
      AZURE_TENANT_ID: "72f988bf-86f1-41af-91ab-2d7cd011db47",
    });
    expect(s).toMatchObject({
      graphUrl: "https://graph.microsoft.us",
      authorityHost: "https://login.microsoftonline.us",
      tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
    });
    expect(() => parseServerSettings({ ...base, LEAKSTOP_GRAPH_URL: "http://graph.test" })).toThrow(
      /LEAKSTOP_GRAPH_URL/,
    );
  });

  it("puts shared state in Azure Storage only with the index key every replica shares", () => {
    const cs = "UseDevelopmentStorage=true";
    expect(() => parseServerSettings({ ...base, LEAKSTOP_STORAGE_CONNECTION_STRING: cs })).toThrow(
      /LEAKSTOP_INDEX_KEY is not/,
    );
    const key = { LEAKSTOP_INDEX_KEY: "k".repeat(64) };
    expect(parseServerSettings({ ...base, ...key, LEAKSTOP_STORAGE_CONNECTION_STRING: cs }).storage).toEqual({
      connectionString: cs,
    });
    expect(
      parseServerSettings({ ...base, ...key, LEAKSTOP_STORAGE_URL: "https://acct.blob.core.windows.net/" }).storage,
    ).toEqual({ url: "https://acct.blob.core.windows.net" });
    expect(() =>
      parseServerSettings({
        ...base,
        ...key,
        LEAKSTOP_STORAGE_URL: "https://a",
        LEAKSTOP_STORAGE_CONNECTION_STRING: cs,
      }),
    ).toThrow(/not both/);
    expect(parseServerSettings(base).storage).toBeUndefined();
  });

  it("reads the vault index and Event Grid settings, and refuses weak keys and half an Entra setting", () => {
    const s = parseServerSettings({
      ...base,
      LEAKSTOP_INDEX_KEY: "k".repeat(40),
      LEAKSTOP_INDEX_REFRESH_MS: "600000",
      LEAKSTOP_EVENTGRID_KEY: "a".repeat(20),
      LEAKSTOP_EVENTGRID_KEY_PREVIOUS: "b".repeat(20),
      LEAKSTOP_EVENTGRID_ISSUER: "https://login.microsoftonline.com/tenant/v2.0/",
      LEAKSTOP_EVENTGRID_AUDIENCE: "api://leakstop",
    });
    expect(s.vaultIndex).toEqual({
      key: "k".repeat(40),
      refreshInMs: 600_000,
      eventGridKeys: ["a".repeat(20), "b".repeat(20)],
      eventGridEntra: { issuer: "https://login.microsoftonline.com/tenant/v2.0", audience: "api://leakstop" },
    });
    expect(() => parseServerSettings({ ...base, LEAKSTOP_INDEX_KEY: "short" })).toThrow(/LEAKSTOP_INDEX_KEY/);
    expect(() => parseServerSettings({ ...base, LEAKSTOP_EVENTGRID_KEY: "short" })).toThrow(/LEAKSTOP_EVENTGRID_KEY/);
    expect(() => parseServerSettings({ ...base, LEAKSTOP_EVENTGRID_AUDIENCE: "api://x" })).toThrow(
      /LEAKSTOP_EVENTGRID_ISSUER is not/,
    );
  });

  it("reads every variable; --port wins over PORT", () => {
    const s = parseServerSettings(
      {
        ...base,
        LEAKSTOP_WEBHOOK_SECRET_PREVIOUS: "old",
        GITHUB_API_URL: "https://ghes.example.com/api/v3/",
        LEAKSTOP_VAULT_URL: "https://a.vault.azure.net, https://b.vault.azure.net",
        LEAKSTOP_DATA_DIR: "/var/lib/leakstop",
        PORT: "8080",
        LEAKSTOP_DRY_RUN: "true",
        LEAKSTOP_ISSUE_REPOSITORY: "acme/security",
        LEAKSTOP_CONCURRENCY: "8",
      },
      { port: "9000" },
    );
    expect(s).toMatchObject({
      previousWebhookSecrets: ["old"],
      apiUrl: "https://ghes.example.com/api/v3",
      serverUrl: "https://ghes.example.com",
      vaultUrls: ["https://a.vault.azure.net", "https://b.vault.azure.net"],
      dataDir: "/var/lib/leakstop",
      port: 9000,
      dryRun: true,
      issueRepository: "acme/security",
      concurrency: 8,
    });
  });

  it("takes a GitHub App, with the key's newlines escaped as one environment line", () => {
    const key = "-----BEGIN RSA PRIVATE KEY-----\\nAAAA\\n-----END RSA PRIVATE KEY-----";
    const s = parseServerSettings({ LEAKSTOP_WEBHOOK_SECRET: "s", GITHUB_APP_ID: "123", GITHUB_APP_PRIVATE_KEY: key });
    expect(s.github).toEqual({
      kind: "app",
      appId: "123",
      privateKey: "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----",
    });
  });

  it.each([
    [{ GITHUB_TOKEN: "t" }, /LEAKSTOP_WEBHOOK_SECRET is not set/],
    [{ LEAKSTOP_WEBHOOK_SECRET: "s" }, /Neither GITHUB_TOKEN nor GITHUB_APP_ID/],
    [{ LEAKSTOP_WEBHOOK_SECRET: "s", GITHUB_APP_ID: "1" }, /GITHUB_APP_ID is set but GITHUB_APP_PRIVATE_KEY is not/],
    [{ ...base, LEAKSTOP_VAULT_URL: "http://vault" }, /LEAKSTOP_VAULT_URL 'http:\/\/vault' must start with https:\/\//],
    [{ ...base, PORT: "http" }, /PORT 'http' is not a whole number from 0 to 65535/],
    [{ ...base, LEAKSTOP_DRY_RUN: "maybe" }, /LEAKSTOP_DRY_RUN 'maybe' is not a boolean/],
    [{ ...base, LEAKSTOP_ISSUE_REPOSITORY: "security" }, /is not 'owner\/repo'/],
  ])("refuses a bad setting with a message naming it (%#)", (env, message) => {
    expect(() => parseServerSettings(env)).toThrow(message);
  });
});

describe("README's service limits", () => {
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("#### Service limits"), readme.indexOf("Azure sign-in is the default"));
  const row = (name: string) => section.split("\n").find((l) => l.includes(`\`${name}\``)) ?? "";
  const d = parseServerSettings(base);
  it.each([
    [ENV.maxUnverifiedBodies, `${d.maxUnverifiedBodies} bodies`],
    [ENV.maxUnverifiedBytes, `${d.maxUnverifiedBytes / 1024 / 1024} MiB`],
    [ENV.maxConnections, String(d.maxConnections)],
    [ENV.maxBodyBytes, `${d.maxBodyBytes / 1024 / 1024} MiB`],
    [ENV.bodyTimeout, `${d.bodyTimeoutInMs / 1000} s`],
    [ENV.concurrency, String(d.concurrency)],
    [ENV.maxAttempts, String(d.maxAttempts)],
    [ENV.retryDeadline, `${d.retryDeadlineInMs / 3_600_000} h`],
    [ENV.shutdownGrace, `${d.shutdownGraceInMs / 1000} s`],
  ])("lists %s with its default (%s)", (name, shown) => {
    expect(row(name)).toContain(shown);
  });
});
