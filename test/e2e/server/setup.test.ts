/**
 * One-click GitHub App setup, end to end in a real headless browser (Debian's chromium, driven by
 * playwright-core): `leakstop serve` with `LEAKSTOP_SETUP=1` renders the manifest form, the browser
 * posts it to a stand-in for github.com's "create app" page (the GitHub double), confirms, comes
 * back to `/setup/callback` with a code, the server exchanges it at the double's
 * `POST /app-manifests/{code}/conversions` and stores the App (mode 0600) without showing or
 * logging its secrets; the next start reads it, and setup refuses from then on.
 */
import { readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readStoredApp, STORED_APP_FILE } from "../../../src/adapters/state/stored-app.js";
import { startService, startSetup } from "../../../src/entrypoints/server/run.js";
import { type PendingSetupSettings, parseServeSettings } from "../../../src/entrypoints/server/settings.js";
import { APP_MANIFEST } from "../../../src/entrypoints/server/setup.js";
import { GitHubDouble } from "../../helpers/github-double.js";

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
