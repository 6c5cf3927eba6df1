import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { credentialAt, holderViews, rewriteHolder } from "../../src/remediation/holders.js";
import { MatchCache, matchFindings } from "../../src/remediation/match.js";
import { MemoryVault, memoryPorts } from "./fakes.js";
import { configWith, finding, newAccountKey, newPassword, VAULT, VAULT2 } from "./findings.js";

/** A password with characters that percent-encoding changes. */
const urlyPassword = () => `p@ss:${randomBytes(9).toString("base64url")}/x`;
/** A fake PEM body generated at test time (not a key). */
const fakePem = () =>
  `-----BEGIN PRIVATE KEY-----\n${randomBytes(48).toString("base64")}\n${randomBytes(48).toString("base64")}\n-----END PRIVATE KEY-----\n`;

async function matchOne(store: (v: MemoryVault) => void, leaked: string, ruleId = "generic-password") {
  const vault = new MemoryVault(VAULT);
  store(vault);
  const { ports } = memoryPorts([vault]);
  return matchFindings([finding(leaked, { ruleId })], ports, { config: configWith() });
}

describe("matching finds the holder however it is stored", () => {
  const cases: Array<{
    name: string;
    stored: (leak: string) => string;
    leak: (cred: string) => string;
    cred?: () => string;
    expected: object;
  }> = [
    {
      name: "trailing LF",
      stored: (c) => `${c}\n`,
      leak: (c) => c,
      expected: { encoding: "raw", trailingNewline: "\n" },
    },
    {
      name: "trailing CRLF",
      stored: (c) => `${c}\r\n`,
      leak: (c) => c,
      expected: { encoding: "raw", trailingNewline: "\r\n" },
    },
    {
      name: "URL-encoded in the leak, raw in the vault",
      cred: urlyPassword,
      stored: (c) => c,
      leak: (c) => encodeURIComponent(c),
      expected: { encoding: "raw", part: "whole" },
    },
    {
      name: "raw in the leak, URL-encoded inside a stored database URL",
      cred: urlyPassword,
      stored: (c) => `postgres://app:${encodeURIComponent(c)}@db.internal:5432/app`,
      leak: (c) => c,
      expected: { encoding: "url", part: "component", escapes: ["url"] },
    },
    {
      name: "base64 (a Kubernetes data: value) in the leak, raw in the vault",
      stored: (c) => c,
      leak: (c) => Buffer.from(`${c}\n`).toString("base64"),
      expected: { encoding: "raw", part: "whole" },
    },
    {
      name: "raw in the leak, base64 in the vault",
      stored: (c) => Buffer.from(c).toString("base64"),
      leak: (c) => c,
      expected: { encoding: "base64", part: "whole" },
    },
    {
      name: "JSON-escaped private_key of a service-account key",
      cred: fakePem,
      stored: (c) => JSON.stringify({ type: "service_account", private_key_id: "k1", private_key: c }, null, 2),
      leak: (c) => JSON.stringify(c).slice(1, -1),
      expected: { encoding: "json", jsonPointer: "/private_key", escapes: ["json"] },
    },
    {
      name: "the password of a JSON {username, password} secret",
      stored: (c) => JSON.stringify({ username: "app", password: c }),
      leak: (c) => c,
      expected: { encoding: "json", jsonPointer: "/password" },
    },
    {
      name: "a quoted connection-string value",
      cred: () => `a;b ${randomBytes(8).toString("hex")}`,
      stored: (c) => `Host=db.internal;Username=app;Password="${c}";Database=app`,
      leak: (c) => c,
      expected: { encoding: "raw", part: "component" },
    },
    {
      name: "the password of a Redis configuration string (base64 key with padding)",
      cred: () => randomBytes(32).toString("base64"),
      stored: (c) => `cache1.redis.cache.windows.net:6380,password=${c},ssl=True,abortConnect=False`,
      leak: (c) => c,
      expected: { encoding: "raw", part: "component" },
    },
    {
      name: "a Redis key leaked as the whole configuration string, raw key in the vault",
      cred: () => randomBytes(32).toString("base64"),
      stored: (c) => c,
      leak: (c) => `cache1.redis.cache.windows.net:6380,password=${c},ssl=True,abortConnect=False`,
      expected: { encoding: "raw", part: "whole" },
    },
    {
      name: "a password line of an env file",
      stored: (c) => `# app settings\nDB_HOST=db.internal\nexport DB_PASSWORD=${c}\nLOG_LEVEL=info\n`,
      leak: (c) => c,
      expected: { encoding: "raw", part: "component" },
    },
    {
      name: "a quoted env-file value with a comment after another line",
      stored: (c) => `API_URL=https://api.example.test # prod\r\nSTRIPE_SECRET_KEY="${c}"\r\n`,
      leak: (c) => c,
      expected: { encoding: "raw", part: "component" },
    },
    {
      name: "the password inside an env file's database URL",
      cred: urlyPassword,
      stored: (c) => `DATABASE_URL=postgres://app:${encodeURIComponent(c)}@db.internal:5432/app\nPORT=8080\n`,
      leak: (c) => c,
      expected: { encoding: "url", part: "component", escapes: ["url"] },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const cred = (c.cred ?? newPassword)();
      let version = "";
      const report = await matchOne((v) => {
        version = v.put("holder", c.stored(cred));
      }, c.leak(cred));
      expect(report.unmatched).toEqual([]);
      const [m] = report.matches;
      expect(m?.leakedVersions).toEqual([version]);
      expect(m?.holders?.[0]?.location).toMatchObject(c.expected);
      // The successor is written the same way, and the old credential is gone.
      const stored = c.stored(cred);
      const next = `N${randomBytes(10).toString("hex")}`;
      const rewritten = rewriteHolder(stored, m?.holders?.[0]?.location ?? ({} as never), cred, next);
      expect(rewritten).toBe(c.stored(next));
    });
  }

  it("reads any enabled version, not only the three newest", async () => {
    const pw = newPassword();
    let old = "";
    const report = await matchOne((v) => {
      old = v.put("db", pw);
      v.put("db", newPassword(), { enabled: false });
      for (let i = 0; i < 6; i++) v.put("db", newPassword());
    }, pw);
    expect(report.matches[0]?.leakedVersions).toEqual([old]);
    expect(report.reads).toBe(7);
  });
});

describe("holders are grouped by credential", () => {
  it("a password secret, a connection string that embeds it and the same key in two vaults are one group", async () => {
    const a = new MemoryVault(VAULT);
    const b = new MemoryVault(VAULT2);
    const key = newAccountKey();
    a.put("storage-key", key);
    a.put(
      "storage-cs",
      `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${key};EndpointSuffix=core.windows.net`,
    );
    b.put("storage-key", `${key}\n`);
    a.put("unrelated", newAccountKey());
    const { ports } = memoryPorts([a, b]);
    const leaked = `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${key}`;
    const report = await matchFindings([finding(leaked, { ruleId: "azure-storage-connection-string" })], ports, {
      config: configWith({ vaults: [{ url: VAULT }, { url: VAULT2 }] }),
    });
    expect(report.groups).toHaveLength(1);
    const holders = report.groups?.[0]?.holders.map(
      (h) => `${h.vaultUrl === VAULT ? "a" : "b"}/${h.name}:${h.location.part}`,
    );
    expect(holders?.sort()).toEqual(["a/storage-cs:component", "a/storage-key:whole", "b/storage-key:whole"]);

    // One new value, written to every holder the way it holds the old one: all of them now hold
    // the new key (found again by matching), none the old.
    const group = report.groups?.[0];
    const next = newAccountKey();
    for (const h of group?.holders ?? []) {
      const vault = h.vaultUrl === VAULT ? a : b;
      const value = vault.version(h.name, h.version).value;
      const old = credentialAt(value, h.location, group?.credential ?? "");
      expect(old).toBe(key);
      vault.put(h.name, rewriteHolder(value, h.location, old ?? "", next));
    }
    expect(b.latest("storage-key").value).toBe(`${next}\n`);
    const config = configWith({ vaults: [{ url: VAULT }, { url: VAULT2 }] });
    const again = await matchFindings([finding(next, { ruleId: "azure-storage-account-key" })], ports, { config });
    const latest = again.matches.flatMap((m) => (m.holders ?? []).map((h) => h.version));
    expect(latest.sort()).toEqual(
      [a.latest("storage-key"), a.latest("storage-cs"), b.latest("storage-key")].map((v) => v.version).sort(),
    );
  });
});

describe("cost", () => {
  function bigVault(n: number) {
    const vault = new MemoryVault(VAULT);
    for (let i = 0; i < n; i++) vault.put(`app-setting-${String(i).padStart(3, "0")}`, newPassword());
    return vault;
  }

  it("lists once, reads the candidates with a signal first and stops at a match", async () => {
    const vault = bigVault(200);
    const key = newAccountKey();
    vault.put("zz-payments-storage", `DefaultEndpointsProtocol=https;AccountName=paystore1;AccountKey=${key}`, {
      tags: {
        ProviderAddress: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/paystore1",
      },
    });
    const { ports } = memoryPorts([vault]);
    const leaked = `DefaultEndpointsProtocol=https;AccountName=paystore1;AccountKey=${key}`;
    const report = await matchFindings([finding(leaked, { ruleId: "azure-storage-connection-string" })], ports, {
      config: configWith(),
    });
    expect(report.matches.map((m) => m.name)).toEqual(["zz-payments-storage"]);
    expect(vault.calls.filter((c) => c.op === "listSecrets")).toHaveLength(1);
    expect(report.reads).toBeLessThanOrEqual(8);
    expect(report.requests).toBeLessThan(30);
  });

  it("says clearly when the request budget is exhausted, and reuses what it read across calls", async () => {
    const vault = bigVault(120);
    const { ports } = memoryPorts([vault]);
    const cache = new MatchCache();
    const f = finding(newPassword());
    const report = await matchFindings([f], ports, { config: configWith(), maxRequestsPerVault: 60, cache });
    expect(report.requests).toBeLessThanOrEqual(60);
    expect(report.errors[0]?.message).toMatch(/Stopped searching after \d+ Key Vault requests \(the budget is 60/);
    expect(report.errors[0]?.message).toMatch(/namePattern/);
    const configured = await matchFindings([finding(newPassword())], ports, {
      config: configWith({ vaults: [{ url: VAULT, maxRequests: 40 }] }),
    });
    expect(configured.requests).toBeLessThanOrEqual(40);
    expect(configured.errors[0]?.message).toMatch(/the budget is 40 per vault/);
    const before = vault.calls.length;
    const again = await matchFindings([f], ports, { config: configWith(), maxRequestsPerVault: 60, cache });
    // The budget is the run's: nothing more is read, the vault is not listed again.
    expect(again.reads).toBe(0);
    expect(vault.calls.slice(before).filter((c) => c.op !== "listVersions")).toEqual([]);
  });
});

describe("holderViews", () => {
  it("never reports an empty text and locates components of a base64-wrapped connection string", () => {
    const key = newAccountKey();
    const views = holderViews(Buffer.from(`AccountName=a;AccountKey=${key}`).toString("base64"));
    expect(views.every((v) => v.text.length > 0)).toBe(true);
    expect(views.find((v) => v.text === key)?.location).toMatchObject({ encoding: "base64", part: "component" });
  });
});
