import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rotateSettings, runRotate } from "../../../src/entrypoints/cli/rotate.js";
import { run } from "../../../src/entrypoints/cli/run.js";
import { KeyVaultDouble, staticCredential } from "../../helpers/keyvault-double.js";

let kv: KeyVaultDouble;
let cwd: string;

beforeAll(async () => {
  kv = await KeyVaultDouble.start();
  cwd = await mkdtemp(join(tmpdir(), "leakstop-rotate-"));
  await writeFile(join(cwd, ".leakstop.yml"), "rotation:\n  validityDays: 30\n");
});
afterAll(async () => {
  await kv.close();
  await rm(cwd, { recursive: true, force: true });
});

function io() {
  const out = { stdout: "", stderr: "" };
  const cli = {
    stdout: (t: string) => {
      out.stdout += t;
    },
    stderr: (t: string) => {
      out.stderr += t;
    },
  };
  return { out, io: cli };
}

const deps = () => ({
  credential: staticCredential,
  cwd,
  storeOptions: {
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 0 },
    clientOptions: { tlsOptions: { ca: kv.ca } },
  },
});

describe("leakstop rotate", () => {
  it("rotates: new version in the same shape with an expiry, previous version disabled, exit 0", async () => {
    const old = randomBytes(32).toString("base64");
    const v1 = kv.put("api-key", old, { contentType: "text/plain", tags: { "leakstop-provider": "none" } });
    const { out, io: cli } = io();
    const status = await runRotate(
      rotateSettings({ vault: kv.url, secret: "api-key", reason: "quarterly" }),
      cli,
      deps(),
    );
    expect(status).toBe(0);
    const latest = kv.latest("api-key");
    expect(latest?.version).not.toBe(v1);
    expect(Buffer.from(latest?.value ?? "", "base64")).toHaveLength(32);
    expect(latest?.contentType).toBe("text/plain");
    expect(latest?.tags?.["leakstop-reason"]).toBe("quarterly");
    expect(latest?.exp).toBeGreaterThan(latest?.created ?? 0);
    expect(kv.version("api-key", v1)?.enabled).toBe(false);
    expect(out.stdout).toContain(`rotated 'api-key' in ${kv.url}: new version ${latest?.version}; disabled ${v1}`);
    expect(out.stdout + out.stderr).not.toContain(old);
    expect(out.stdout + out.stderr).not.toContain(latest?.value);
    expect(kv.requests.some((r) => r.method === "DELETE")).toBe(false);
  });

  it("dry run prints the plan and changes nothing", async () => {
    kv.put("dry", randomBytes(16).toString("hex"), { tags: { "leakstop-provider": "none" } });
    const before = kv.requests.length;
    const { out, io: cli } = io();
    const status = await runRotate(rotateSettings({ vault: kv.url, secret: "dry", dryRun: true }), cli, deps());
    expect(status).toBe(0);
    expect(out.stdout).toMatch(/^Plan \(dry run: nothing was changed\):\n {2}rotate {3}/);
    expect(kv.requests.slice(before).every((r) => r.method === "GET")).toBe(true);
    expect(kv.secrets.get("dry")).toHaveLength(1);
  });

  it("a refused write is exit 1 with the role to grant; an unknown secret is exit 1 quoting the name", async () => {
    kv.put("locked", randomBytes(16).toString("hex"), { tags: { "leakstop-provider": "none" } });
    kv.fail({ method: "PUT", status: 403, code: "Forbidden", message: "Caller is not authorized" });
    const a = io();
    expect(await runRotate(rotateSettings({ vault: kv.url, secret: "locked" }), a.io, deps())).toBe(1);
    expect(a.out.stderr).toContain("Key Vault Secrets Officer");
    const b = io();
    expect(await runRotate(rotateSettings({ vault: kv.url, secret: "no-such" }), b.io, deps())).toBe(1);
    expect(b.out.stderr).toContain("'no-such'");
  });

  it("a dry run that cannot reach the vault is exit 1 (documented), naming the vault", async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const vault = `https://127.0.0.1:${closed}`;
    const { out, io: cli } = io();
    const status = await runRotate(rotateSettings({ vault, secret: "db", dryRun: true }), cli, deps());
    expect(status).toBe(1);
    expect(out.stdout).toMatch(/^Plan \(dry run: nothing was changed\):\n {2}blocked /);
    expect(out.stderr).toMatch(new RegExp(`^leakstop: Could not reach Key Vault ${vault} .*ECONNREFUSED`));
    expect(out.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("--secret may be the secret's URL; its vault is used and must agree with --vault", () => {
    expect(rotateSettings({ secret: `${kv.url}/secrets/api-key/0123abcd` })).toMatchObject({
      vault: kv.url,
      secret: "api-key",
    });
    expect(rotateSettings({ vault: kv.url, secret: `${kv.url}/secrets/api-key` }).secret).toBe("api-key");
    expect(() => rotateSettings({ vault: "https://other.vault.azure.net", secret: `${kv.url}/secrets/x` })).toThrow(
      /is in vault .* but --vault is https:\/\/other\.vault\.azure\.net/,
    );
    expect(() => rotateSettings({ vault: kv.url, secret: "ftp://x/secrets/y" })).toThrow(/is not a secret URL/);
  });

  it("bad usage is exit 2 with one clear line", async () => {
    const a = io();
    expect(await run(["rotate", "--vault", "http://x.vault.azure.net", "--secret", "s"], a.io)).toBe(2);
    expect(a.out.stderr).toBe(
      "leakstop: Vault URL 'http://x.vault.azure.net' must use https:// (tokens are never sent in clear).\n",
    );
    const b = io();
    expect(await run(["rotate", "--vault", "https://x.vault.azure.net"], b.io)).toBe(2);
    expect(b.out.stderr).toMatch(/--secret/);
  });
});
