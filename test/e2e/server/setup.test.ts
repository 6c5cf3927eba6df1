/**
 * One-click GitHub App setup, end to end in a real headless browser (Debian's chromium, driven by
 * playwright-core): `leakstop serve` with `LEAKSTOP_SETUP=1` renders the manifest form, the browser
 * posts it to a stand-in for github.com's "create app" page (the GitHub double), confirms, comes
 * back to `/setup/callback` with a code, the server exchanges it at the double's
 * `POST /app-manifests/{code}/conversions` and stores the App (mode 0600) without showing or
 * logging its secrets; the next start reads it, and setup refuses from then on. With a vault
 * configured (`LEAKSTOP_VAULT_URL`) the App goes to Key Vault instead (the HTTPS Key Vault double,
 * through the real `@azure/keyvault-secrets` client) and the next start reads it from there.
 */
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_SECRET_NAMES } from "../../../src/adapters/keyvault/app-store.js";
import { createKeyVaultStore } from "../../../src/adapters/keyvault/store.js";
import { readStoredApp, STORED_APP_FILE } from "../../../src/adapters/state/stored-app.js";
import { loadStoredApp, startService, startSetup } from "../../../src/entrypoints/server/run.js";
import {
  type PendingSetupSettings,
  parseServeSettings,
  readAppStoreSettings,
} from "../../../src/entrypoints/server/settings.js";
import { APP_MANIFEST } from "../../../src/entrypoints/server/setup.js";
import { GitHubDouble } from "../../helpers/github-double.js";
import { KeyVaultDouble, staticCredential } from "../../helpers/keyvault-double.js";

const CHROMIUM = "/usr/bin/chromium";

let api: GitHubDouble;
let dataDir: string;
let browser: Browser;
const logs: string[] = [];

beforeAll(async () => {
  api = await GitHubDouble.start();
  dataDir = await mkdtemp(join(tmpdir(), "leakstop-setup-"));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}) {
  return {
    GITHUB_API_URL: api.url,
    GITHUB_SERVER_URL: api.url,
    LEAKSTOP_DATA_DIR: dataDir,
    PORT: "0",
    ...extra,
  };
}

/** Registers an App through the browser at `setupUrl`; returns the page's HTML and the App GitHub made. */
async function registerInBrowser(setupUrl: string) {
  const page = await browser.newPage();
  await page.goto(`${setupUrl}/setup`);
  await page.getByRole("button", { name: "Create the GitHub App on GitHub" }).click();
  await page.getByRole("button", { name: /^Create GitHub App/ }).click();
  await page.waitForURL(/\/setup\/callback\?/);
  const title = await page.locator("h1").textContent();
  const shown = await page.content();
  await page.close();
  const app = api.apps.at(-1);
  if (!app) throw new Error("the GitHub double registered no App");
  return { title, shown, app };
}

describe("GitHub App setup (LEAKSTOP_SETUP=1)", () => {
  it("is off unless enabled: without credentials the service refuses to start, naming the variable", () => {
    expect(() => parseServeSettings(env())).toThrow(/LEAKSTOP_WEBHOOK_SECRET is not set/);
  });

  it("registers the App in a real browser, stores it 0600, and never shows or logs its secrets", async () => {
    const settings = parseServeSettings(env({ LEAKSTOP_SETUP: "1" })) as PendingSetupSettings;
    expect(settings.kind).toBe("setup");
    const setup = await startSetup(settings, { host: "127.0.0.1", write: (l) => logs.push(l) });
    try {
      // A forged or stale callback is refused before any exchange.
      const forged = await fetch(`${setup.url}/setup/callback?code=abc&state=forged`);
      expect(forged.status).toBe(400);

      const page = await browser.newPage();
      await page.goto(`${setup.url}/setup?org=acme`);
      expect(await page.title()).toBe("Register the leakstop GitHub App · leakstop");
      await page.getByRole("button", { name: "Create the GitHub App on GitHub" }).click();
      // github.com's page (the double's stand-in): confirm.
      await page.getByRole("button", { name: "Create GitHub App for acme" }).click();
      await page.waitForURL(/\/setup\/callback\?/);
      expect(await page.locator("h1").textContent()).toBe("The leakstop App is registered");
      const [app] = api.apps;
      expect(app).toBeDefined();
      if (!app) return;
      expect(await page.locator("#install").getAttribute("href")).toBe(
        `https://github.com/apps/${app.slug}/installations/new`,
      );
      const shown = await page.content();
      await page.close();

      // The manifest GitHub received: the App's permissions and events, URLs back to this server.
      expect(app.owner).toBe("acme");
      expect(app.manifest).toMatchObject({
        ...APP_MANIFEST,
        redirect_url: `${setup.url}/setup/callback`,
        hook_attributes: { url: `${setup.url}/api/github/webhooks`, active: true },
      });
      expect(api.requests.filter((r) => /^\/app-manifests\/[^/]+\/conversions$/.test(r.path))).toHaveLength(1);

      // Stored for the server's user only; the key and secret appear nowhere else.
      const file = join(dataDir, STORED_APP_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readStoredApp(dataDir)).toMatchObject({
        appId: String(app.id),
        slug: app.slug,
        privateKey: app.pem,
        webhookSecret: app.webhookSecret,
      });
      const keyBody = app.pem.split("\n")[1] ?? "";
      for (const text of [shown, logs.join("")]) {
        expect(text).not.toContain(keyBody);
        expect(text).not.toContain(app.webhookSecret);
      }
      expect(logs.join("")).toContain('"msg":"app setup: GitHub App registered and stored"');

      // Done: setup refuses now, also a replay of the callback.
      expect((await fetch(`${setup.url}/setup`)).status).toBe(409);
      expect(readFileSync(file, "utf8")).toContain(`"appId": "${app.id}"`);
    } finally {
      await setup.close();
    }
  });

  it("starts the service with the stored App next time, and /setup refuses while an App is configured", async () => {
    const stored = readStoredApp(dataDir);
    const app = api.apps[0];
    const settings = parseServeSettings(env({ LEAKSTOP_SETUP: "1" }), {}, stored);
    if ("kind" in settings) throw new Error("expected a configured service");
    expect(settings.github).toEqual({ kind: "app", appId: String(app?.id), privateKey: app?.pem.trim() });
    expect(settings.webhookSecret).toBe(app?.webhookSecret);
    // The environment wins over the stored App.
    const own = parseServeSettings(env({ GITHUB_TOKEN: "t", LEAKSTOP_WEBHOOK_SECRET: "w" }), {}, stored);
    expect(own).toMatchObject({ github: { kind: "token", token: "t" }, webhookSecret: "w" });

    const service = await startService(settings, { host: "127.0.0.1", write: () => {} });
    try {
      const res = await fetch(`${service.url}/setup`);
      expect(res.status).toBe(409);
      expect(await res.text()).toContain("Already set up");
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    } finally {
      await service.close();
    }
  });

  it("keeps github-app-manifest.json equal to the manifest the server posts", () => {
    const file = JSON.parse(readFileSync(new URL("../../../github-app-manifest.json", import.meta.url), "utf8"));
    const { url, hook_attributes, redirect_url, ...rest } = file;
    expect(rest).toEqual(APP_MANIFEST);
    expect(redirect_url).toBe(`${url}/setup/callback`);
    expect(hook_attributes.url).toBe(`${url}/api/github/webhooks`);
  });
});

describe("GitHub App setup with a vault (LEAKSTOP_VAULT_URL)", () => {
  let kv: KeyVaultDouble;
  let vaultDataDir: string;
  beforeAll(async () => {
    kv = await KeyVaultDouble.start();
    vaultDataDir = await mkdtemp(join(tmpdir(), "leakstop-setup-vault-"));
  });
  afterAll(async () => {
    await kv?.close();
    await rm(vaultDataDir, { recursive: true, force: true });
  });
  // The double's certificate and challenge host; production signs in with DefaultAzureCredential.
  const secretStore = (url: string) =>
    createKeyVaultStore(url, {
      credential: staticCredential,
      disableChallengeResourceVerification: true,
      clientOptions: { tlsOptions: { ca: kv.ca } },
      retryOptions: { maxRetries: 0 },
    });
  const vaultEnv = (extra: Record<string, string> = {}) => ({
    ...env({ LEAKSTOP_DATA_DIR: vaultDataDir, LEAKSTOP_VAULT_URL: kv.url }),
    ...extra,
  });

  it("stores the App as Key Vault secrets (nothing in the data directory), then serves as that App after a restart", async () => {
    const where = readAppStoreSettings(vaultEnv({ LEAKSTOP_SETUP: "1" }));
    expect(where).toMatchObject({ vaultUrl: kv.url, needed: true });
    expect(await loadStoredApp(where, { secretStore })).toBeUndefined(); // the vault has no App yet
    const settings = parseServeSettings(vaultEnv({ LEAKSTOP_SETUP: "1" })) as PendingSetupSettings;
    expect(settings).toMatchObject({ kind: "setup", vaultUrl: kv.url });
    const vaultLogs: string[] = [];
    const setup = await startSetup(settings, { host: "127.0.0.1", write: (l) => vaultLogs.push(l), secretStore });
    let registered: Awaited<ReturnType<typeof registerInBrowser>>;
    try {
      registered = await registerInBrowser(setup.url);
    } finally {
      await setup.close();
    }
    const { app, shown, title } = registered;
    expect(title).toBe("The leakstop App is registered");
    expect(shown).toContain(`<code id="stored">Key Vault ${kv.url} (secrets ${APP_SECRET_NAMES.appId}`);

    // Three secrets with clear names, content types and tags; the id (written last) carries the public facts.
    expect(kv.latest(APP_SECRET_NAMES.appId)).toMatchObject({
      value: String(app.id),
      tags: {
        "leakstop-github-app": String(app.id),
        "leakstop-role": "github-app-id",
        "leakstop-app-slug": app.slug,
        "leakstop-app-owner": app.owner,
      },
    });
    expect(kv.latest(APP_SECRET_NAMES.privateKey)).toMatchObject({
      value: app.pem,
      contentType: "application/x-pem-file",
      tags: { "leakstop-github-app": String(app.id), "leakstop-role": "github-app-private-key" },
    });
    expect(kv.latest(APP_SECRET_NAMES.webhookSecret)?.value).toBe(app.webhookSecret);
    const puts = kv.requests.filter((r) => r.method === "PUT" && r.status === 200).map((r) => r.path);
    expect(puts.at(-1)).toContain(APP_SECRET_NAMES.appId);
    expect(statSync(join(vaultDataDir, STORED_APP_FILE), { throwIfNoEntry: false })).toBeUndefined();
    // No tag and no page or log line holds the key or the webhook secret.
    const keyBody = app.pem.split("\n")[1] ?? "";
    const tags = JSON.stringify([...kv.secrets.values()].flat().map((v) => v.tags));
    for (const text of [shown, vaultLogs.join(""), tags]) {
      expect(text).not.toContain(keyBody);
      expect(text).not.toContain(app.webhookSecret);
    }

    // The restart `leakstop serve` does: the App is read from the vault and the service runs as it.
    const restartEnv = vaultEnv({ LEAKSTOP_SETUP: "1" });
    const loaded = await loadStoredApp(readAppStoreSettings(restartEnv), { secretStore });
    expect(loaded).toMatchObject({ appId: String(app.id), slug: app.slug, privateKey: app.pem });
    const serving = parseServeSettings(restartEnv, {}, loaded);
    if ("kind" in serving) throw new Error("expected a configured service");
    expect(serving.github).toEqual({ kind: "app", appId: String(app.id), privateKey: app.pem.trim() });
    expect(serving.webhookSecret).toBe(app.webhookSecret);
    const service = await startService(serving, { host: "127.0.0.1", write: () => {}, secretStore });
    try {
      const refused = await fetch(`${service.url}/setup`);
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain(`delete the secret &#39;${APP_SECRET_NAMES.appId}&#39;`);
      // A webhook signed with the vault's webhook secret is accepted, one signed otherwise is not.
      const body = JSON.stringify({ zen: "setup done", hook_id: 1 });
      const sign = (secret: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
      const post = (secret: string) =>
        fetch(`${service.url}/api/github/webhooks`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-github-event": "ping",
            "x-github-delivery": randomUUID(),
            "x-hub-signature-256": sign(secret),
          },
          body,
        });
      expect((await post(app.webhookSecret)).ok).toBe(true);
      expect((await post("not-the-secret")).status).toBe(400); // "The signature does not match…"
    } finally {
      await service.close();
    }
  });

  it("says so, naming the App to delete, when the vault refuses the write (and stores nothing)", async () => {
    const empty = await KeyVaultDouble.start();
    try {
      empty.fail({ method: "PUT", status: 403, code: "Forbidden", message: "The caller lacks secrets/set." });
      const settings = parseServeSettings(
        env({ LEAKSTOP_DATA_DIR: vaultDataDir, LEAKSTOP_VAULT_URL: empty.url, LEAKSTOP_SETUP: "1" }),
      ) as PendingSetupSettings;
      const lines: string[] = [];
      const setup = await startSetup(settings, {
        host: "127.0.0.1",
        write: (l) => lines.push(l),
        secretStore: (url) =>
          createKeyVaultStore(url, {
            credential: staticCredential,
            disableChallengeResourceVerification: true,
            clientOptions: { tlsOptions: { ca: empty.ca } },
            retryOptions: { maxRetries: 0 },
          }),
      });
      try {
        const { title, shown, app } = await registerInBrowser(setup.url);
        expect(title).toBe("The App could not be stored");
        expect(shown).toContain(app.slug);
        expect(shown).toMatch(/403/);
        expect([...empty.secrets.keys()].filter((k) => k === APP_SECRET_NAMES.appId)).toEqual([]);
        // Not marked registered: the form is offered again.
        expect((await fetch(`${setup.url}/setup`)).status).toBe(200);
        const keyBody = app.pem.split("\n")[1] ?? "";
        for (const text of [shown, lines.join("")]) {
          expect(text).not.toContain(keyBody);
          expect(text).not.toContain(app.webhookSecret);
        }
      } finally {
        await setup.close();
      }
    } finally {
      await empty.close();
    }
  });

  it("does not read the vault at start when the environment has credentials of its own", () => {
    expect(readAppStoreSettings(vaultEnv({ GITHUB_TOKEN: "t", LEAKSTOP_WEBHOOK_SECRET: "w" }))).toMatchObject({
      vaultUrl: kv.url,
      needed: false,
    });
  });
});
