import { describe, expect, it } from "vitest";
import { incidentKey } from "../../src/core/findings/incident.js";
import { INCIDENT_TAG, REPLACES_TAG } from "../../src/remediation/match.js";
import { PROVIDER_TAG } from "../../src/remediation/plan.js";
import { SecretStoreError } from "../../src/remediation/ports.js";
import { respond, rotateNamed } from "../../src/remediation/respond.js";
import { MemoryVault, memoryPorts } from "./fakes.js";
import { COMMIT, configWith, finding, newAccountKey, newPassword, VAULT, VAULT2 } from "./findings.js";

const context = {
  repository: "acme/app",
  runUrl: "https://github.com/acme/app/actions/runs/42",
  pusher: "dana",
  authorLogins: { [COMMIT.sha]: "dana-dev" },
};

function world() {
  const vault = new MemoryVault(VAULT);
  const pw = newPassword();
  const leaked = vault.put("db-password", pw, {
    contentType: "text/plain",
    tags: { owner: "payments", [PROVIDER_TAG]: "none" },
  });
  const f = finding(pw);
  const w = memoryPorts([vault]);
  return { vault, pw, leaked, f, ...w };
}

const WRITES = new Set(["setSecret", "updateVersion"]);
const ALLOWED = new Set(["listSecrets", "listVersions", "getSecret", "setSecret", "updateVersion"]);

describe("respond", () => {
  it("rotates the matching secret, disables the leaked version and opens one issue", async () => {
    const { vault, leaked, f, ports, issues, audit, logs, pw } = world();
    const result = await respond([f, f], ports, { config: configWith(), context });

    const latest = vault.latest("db-password");
    expect(result.rotated).toEqual([{ vault: VAULT, secret: "db-password", version: latest.version }]);
    expect(result.failures).toBe(0);
    expect(latest.value).not.toBe(pw);
    expect(latest.value).toHaveLength(pw.length);
    expect(latest.contentType).toBe("text/plain");
    expect(latest.tags).toMatchObject({
      owner: "payments",
      [INCIDENT_TAG]: f.fingerprint,
      [REPLACES_TAG]: leaked,
      "leakstop-repository": "acme/app",
      "leakstop-commit": COMMIT.sha,
      "leakstop-run": context.runUrl,
    });
    const old = vault.version("db-password", leaked);
    expect(old.enabled).toBe(false);
    expect(old.tags[INCIDENT_TAG]).toBe(f.fingerprint);

    expect(issues.issues).toHaveLength(1);
    expect(issues.issues[0]?.assignees).toEqual(["dana-dev"]);
    expect(issues.issues[0]?.labels).toEqual(["leakstop"]);
    expect(issues.issues[0]?.body).toContain(`<!-- leakstop:fingerprint=${f.fingerprint} -->`);
    expect(issues.issues[0]?.body).toContain(latest.version);
    expect(issues.issues[0]?.body).toContain("the vault is its only home");
    expect(issues.issues[0]?.body).not.toContain("still valid");
    expect(result.issues).toEqual([
      {
        fingerprint: f.fingerprint,
        fingerprints: [f.fingerprint],
        incident: incidentKey(pw, { repository: "acme/app" }),
        number: 1,
        url: "https://github.com/acme/app/issues/1",
        action: "created",
      },
    ]);
    expect(audit.records.map((r) => `${r.action}:${r.outcome}`)).toEqual(["rotate:ok", "issue-create:ok"]);

    // Nothing that left carries either value.
    const outgoing = [...issues.issues.map((i) => i.title + i.body), ...logs, JSON.stringify(audit.records)].join("\n");
    expect(outgoing).not.toContain(pw);
    expect(outgoing).not.toContain(latest.value);
  });

  it("converges on a re-run: no second rotation, a comment on the same issue", async () => {
    const { vault, f, ports, issues } = world();
    await respond([f], ports, { config: configWith(), context });
    const versions = vault.secrets.get("db-password")?.length;
    const again = await respond([f], ports, { config: configWith(), context });
    expect(vault.secrets.get("db-password")?.length).toBe(versions);
    expect(again.rotated).toEqual([]);
    expect(again.results.map((r) => r.kind)).toEqual(["skipped"]);
    expect(again.planText).toContain(`already rotated for incident ${f.fingerprint}`);
    expect(issues.issues).toHaveLength(1);
    expect(issues.comments).toHaveLength(1);
    expect(issues.comments[0]?.body).toContain("already rotated for incident");
    expect(again.issues[0]?.action).toBe("commented");
  });

  it("recognises the same value leaked again in another file after its version was disabled", async () => {
    const { vault, f, pw, ports, issues } = world();
    await respond([f], ports, { config: configWith(), context });
    const versions = vault.secrets.get("db-password")?.length;
    const elsewhere = finding(pw, { path: "other/place.env" });
    const again = await respond([elsewhere], ports, { config: configWith(), context });
    expect(vault.secrets.get("db-password")?.length).toBe(versions);
    expect(again.plan.steps).toMatchObject([{ kind: "skip", done: true }]);
    expect(again.planText).toContain("already rotated: the version holding this value was disabled");
    // The same value is the same incident: a comment on its issue, not a second issue.
    expect(issues.issues).toHaveLength(1);
    expect(again.issues).toMatchObject([{ number: 1, action: "commented", fingerprints: [elsewhere.fingerprint] }]);
    expect(issues.comments[0]?.body).toContain("already reported here");
    expect(issues.comments[0]?.body).toContain("other/place.env");
    expect(issues.comments[0]?.body).not.toContain("No match");
  });

  it("a crash between writing and disabling is reported as failed and finished by the next run", async () => {
    const { vault, leaked, f, ports } = world();
    vault.fail = (op) => (op === "updateVersion" ? new Error("connection reset") : undefined);
    const first = await respond([f], ports, { config: configWith(), context });
    expect(first.results[0]?.kind).toBe("failed");
    expect(first.failures).toBe(1);
    expect(first.rotated).toEqual([]);
    const written = vault.latest("db-password").version;
    expect(first.results[0]).toMatchObject({ version: written, disabled: [] });
    expect(vault.version("db-password", leaked).enabled).toBe(true);

    vault.fail = () => undefined;
    const second = await respond([f], ports, { config: configWith(), context });
    expect(second.results[0]).toMatchObject({ kind: "rotated", written: false, version: written, disabled: [leaked] });
    expect(vault.latest("db-password").version).toBe(written);
    expect(vault.version("db-password", leaked).enabled).toBe(false);
  });

  it("a failed write is failed, never done, and the issue says so", async () => {
    const { vault, f, ports, issues, audit } = world();
    vault.fail = (op) =>
      op === "setSecret"
        ? new SecretStoreError("Key Vault denied set: grant 'Key Vault Secrets Officer'", "forbidden", 403)
        : undefined;
    const result = await respond([f], ports, { config: configWith(), context });
    expect(result.results.map((r) => r.kind)).toEqual(["failed"]);
    expect(result.rotated).toEqual([]);
    expect(result.failures).toBe(1);
    expect(audit.records[0]).toMatchObject({ action: "rotate", outcome: "failed" });
    expect(issues.issues[0]?.body).toMatch(/Rotation of `db-password` .* failed/);
    expect(issues.issues[0]?.body).toContain("Key Vault Secrets Officer");
    expect(issues.issues[0]?.body).not.toContain("✅");
  });

  it("no match: the issue says to rotate by hand; nothing is written", async () => {
    const { vault, ports, issues } = world();
    const f = finding(newPassword(), { ruleId: "database-url-password" });
    const result = await respond([f], ports, {
      config: configWith(),
      context,
      rules: [
        {
          id: "database-url-password",
          title: "x",
          keywords: [],
          pattern: /x/,
          remediation: "Change the database user's password.",
        },
      ],
      inspector: undefined,
    });
    expect(result.plan.steps.map((s) => s.kind)).toEqual(["manual"]);
    expect(vault.calls.some((c) => WRITES.has(c.op))).toBe(false);
    expect(issues.issues[0]?.body).toContain("No match: rotate by hand.");
    expect(issues.issues[0]?.body).toContain("The leaked credential is still valid.");
    expect(issues.issues[0]?.body).toContain("Change the database user's password.");
  });

  it("dry run: prints the plan, writes nothing, opens no issue", async () => {
    const { vault, f, ports, issues, audit, logs } = world();
    const result = await respond([f], ports, {
      config: configWith({ rotation: { validityDays: 30 } }),
      context,
      dryRun: true,
    });
    expect(result.planText).toMatch(/^Plan \(dry run: nothing was changed\):\n {2}rotate {3}https:\/\/contoso-app/);
    expect(result.planText).toContain("expiring");
    expect(vault.calls.some((c) => WRITES.has(c.op))).toBe(false);
    expect(issues.issues).toHaveLength(0);
    expect(result.results).toEqual([]);
    expect(audit.records.map((r) => r.outcome)).toEqual(["dry-run"]);
    expect(logs.join("\n")).toContain("rotate");
  });

  it("never deletes: only list/get/set/update are ever called, across every path", async () => {
    const { vault, f, ports } = world();
    await respond([f, finding(newPassword())], ports, { config: configWith(), context });
    await respond([f], ports, { config: configWith(), context });
    await rotateNamed(["db-password"], ports, { vaultUrls: [VAULT], reason: "test" });
    expect(vault.calls.every((c) => ALLOWED.has(c.op))).toBe(true);
    expect(Object.keys(vault).some((k) => /delete|purge/i.test(k))).toBe(false);
  });

  it("rotates a secret matched in two vaults and the same value in two files only once per secret", async () => {
    const a = new MemoryVault(VAULT);
    const b = new MemoryVault(VAULT2);
    const key = newAccountKey();
    a.put("storage-key", key, { expiresOn: new Date(Date.now() + 86_400_000 * 30), tags: { [PROVIDER_TAG]: "none" } });
    b.put("copy-of-storage-key", key, { tags: { [PROVIDER_TAG]: "none" } });
    const { ports, issues } = memoryPorts([a, b]);
    const f1 = finding(key, { path: "a.env" });
    const f2 = finding(key, { path: "b.env" });
    const config = configWith({ vaults: [{ url: VAULT }, { url: VAULT2 }] });
    const result = await respond([f1, f2], ports, { config, context });
    expect(result.rotated.map((r) => r.secret).sort()).toEqual(["copy-of-storage-key", "storage-key"]);
    expect(a.secrets.get("storage-key")).toHaveLength(2);
    expect(a.latest("storage-key").tags[INCIDENT_TAG]?.split(",").sort()).toEqual(
      [f1.fingerprint, f2.fingerprint].sort(),
    );
    // The old version expired 30 days after it was created, so the new one does too.
    const latest = a.latest("storage-key");
    expect(latest.expiresOn).toBeDefined();
    // One value, one incident: one issue that names both files.
    expect(issues.issues).toHaveLength(1);
    expect(issues.issues[0]?.body).toContain(`**Same value also in:** \`b.env\``);
    expect(result.issues).toMatchObject([{ number: 1, fingerprints: [f1.fingerprint, f2.fingerprint] }]);
  });

  it("reports a vault it cannot read as failed, not as no match", async () => {
    const { vault, f, ports, issues } = world();
    vault.fail = (op) =>
      op === "listSecrets"
        ? new SecretStoreError("Key Vault denied list (403): grant a role", "forbidden", 403)
        : undefined;
    const result = await respond([f], ports, { config: configWith(), context });
    expect(result.results.map((r) => r.kind)).toEqual(["failed"]);
    expect(result.failures).toBe(1);
    expect(issues.issues[0]?.body).toContain("grant a role");
  });
});

describe("rotateNamed", () => {
  it("rotates a named secret on demand and disables the previous version", async () => {
    const { vault, leaked, ports, audit } = world();
    const result = await rotateNamed(["db-password"], ports, {
      vaultUrls: [VAULT],
      reason: "ex-employee",
      requestId: "77",
    });
    const latest = vault.latest("db-password");
    expect(result.rotated).toEqual([{ vault: VAULT, secret: "db-password", version: latest.version }]);
    expect(latest.tags).toMatchObject({ [INCIDENT_TAG]: "manual-77", "leakstop-reason": "ex-employee" });
    expect(vault.version("db-password", leaked).enabled).toBe(false);
    expect(audit.records[0]).toMatchObject({ action: "rotate", outcome: "ok", reason: "rotation requested" });
    // Re-running the same request converges instead of rotating again.
    const again = await rotateNamed(["db-password"], ports, { vaultUrls: [VAULT], requestId: "77" });
    expect(again.rotated).toEqual([]);
    expect(vault.secrets.get("db-password")).toHaveLength(2);
  });

  it("accepts a secret URL, and reports an unknown name as failed, quoting it", async () => {
    const { ports } = world();
    const ok = await rotateNamed([`${VAULT}/secrets/db-password`], ports, { vaultUrls: [], dryRun: true });
    expect(ok.planText).toContain("secret 'db-password'");
    const missing = await rotateNamed(["nope"], ports, { vaultUrls: [VAULT] });
    expect(missing.failures).toBe(1);
    expect(missing.results[0]).toMatchObject({ kind: "failed" });
    expect((missing.results[0] as { reason: string }).reason).toContain("'nope'");
  });
});

describe("incidents are keyed by the leaked value", () => {
  it("finds an issue opened before incident keys by its fingerprint marker, then keeps to one issue", async () => {
    const { f, ports, issues } = world();
    issues.issues.push({
      number: 7,
      url: "https://github.com/acme/app/issues/7",
      state: "open",
      title: "old",
      body: `<!-- leakstop:fingerprint=${f.fingerprint} -->\nopened by an older leakstop`,
      labels: ["leakstop"],
      assignees: [],
    });
    const again = await respond([f], ports, { config: configWith(), context });
    expect(again.issues).toMatchObject([{ number: 7, action: "commented" }]);
    expect(issues.comments[0]?.body).toContain(`<!-- leakstop:incident=${again.issues[0]?.incident} -->`);
    expect(issues.issues).toHaveLength(1);
  });

  it("keys by an HMAC under the incident key: other values, other repositories and no key give other issues", async () => {
    const { f, pw, ports, issues } = world();
    const keyed = await respond([f], ports, { config: configWith(), context, incidentKey: "k-one" });
    expect(keyed.issues[0]?.incident).toBe(incidentKey(pw, { repository: "acme/app", secretKey: "k-one" }));
    expect(issues.issues[0]?.body).toContain(`<!-- leakstop:incident=${keyed.issues[0]?.incident} -->`);
    expect(issues.issues[0]?.body).not.toContain(pw);
    const other = finding(newPassword(), { path: "x.env" });
    const second = await respond([other], ports, { config: configWith(), context, incidentKey: "k-one" });
    expect(second.issues[0]?.action).toBe("created");
    expect(issues.issues).toHaveLength(2);
  });
});
