import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fingerprint } from "../../src/core/findings/fingerprint.js";
import { MASK } from "../../src/core/findings/redact.js";
import type { Finding } from "../../src/core/types.js";
import type { StepResult } from "../../src/remediation/execute.js";
import {
  type IssueContext,
  type IssueLeak,
  issueMarker,
  renderComment,
  renderIssue,
} from "../../src/remediation/issue.js";
import type { ManualStep, RotateStep, SkipStep } from "../../src/remediation/plan.js";
import { MANUAL_REVOCATIONS } from "../../src/remediation/revocation.js";

/**
 * Golden files for issue bodies and comments (test/golden/remediation/). Regenerate after an
 * intended change with `UPDATE_GOLDEN=1 npx vitest run test/remediation/issue.test.ts`.
 */
const GOLDEN_DIR = new URL("../golden/remediation/", import.meta.url);
const UPDATE = process.env.UPDATE_GOLDEN === "1";

function expectGolden(name: string, actual: string): void {
  const file = new URL(name, GOLDEN_DIR);
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file))
    throw new Error(`Golden file test/golden/remediation/${name} is missing; run with UPDATE_GOLDEN=1.`);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

/** A plain word, not a credential: golden inputs must not look like secrets. */
const SECRET = "fixture value for the golden issue";
const FINDING: Finding = {
  ruleId: "database-url-password",
  title: "Password in a database URL",
  path: "deploy/my app/.env",
  line: 7,
  column: 28,
  endLine: 7,
  endColumn: 62,
  fingerprint: fingerprint("database-url-password", "deploy/my app/.env", SECRET),
  redacted: `DATABASE_URL=postgres://app:${MASK}@db.internal:5432/app`,
  secret: SECRET,
  commit: {
    sha: "1111111111111111111111111111111111111111",
    authorName: "Ada [Lovelace]",
    authorEmail: "ada@example.com",
    date: "2024-03-01T09:30:00+01:00",
  },
};
const CTX: IssueContext = {
  repository: "acme/payments",
  serverUrl: "https://github.com",
  pusher: "octo-bob",
  authorLogin: "ada-l",
  runUrl: "https://github.com/acme/payments/actions/runs/123",
};
const VAULT = "https://contoso-pay.vault.azure.net";
const REMEDIATION = "Change the database user's password and update every consumer.";
const base = {
  vaultUrl: VAULT,
  name: "payments-db-password",
  incidents: [FINDING.fingerprint],
  ruleIds: [FINDING.ruleId],
};
const ROTATE: RotateStep = {
  ...base,
  kind: "rotate",
  basis: { name: base.name, version: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", enabled: true, tags: {} },
  shape: { kind: "chars", length: 24, classes: ["abc"] },
  tags: {},
  disable: [{ version: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", tags: {} }],
  why: "value leaked (exact match)",
};

function leak(results: StepResult[]): IssueLeak {
  return { finding: FINDING, remediation: REMEDIATION, results };
}

const rotated: StepResult = {
  kind: "rotated",
  step: ROTATE,
  vaultUrl: VAULT,
  name: base.name,
  version: "ffeeddccbbaa99887766554433221100",
  written: true,
  disabled: ["0a1b2c3d4e5f60718293a4b5c6d7e8f9"],
  downstream: "needed",
  expiresOn: new Date("2024-06-01T00:00:00Z"),
};

describe("issue rendering (golden)", () => {
  it("rotated, downstream credential still to change", () => {
    const { title, body } = renderIssue(leak([rotated]), CTX);
    expect(title).toBe("leakstop: Password in a database URL leaked in deploy/my app/.env");
    expectGolden("rotated.md", `# ${title}\n\n${body}`);
  });

  it("rotated at the provider too: no downstream warning", () => {
    const { body } = renderIssue(
      leak([{ ...rotated, downstream: "rotated", provider: "Azure Database password rotator" }]),
      CTX,
    );
    expect(body).not.toContain("still needs rotating");
    expectGolden("rotated-provider.md", body);
  });

  it("no match: rotate by hand", () => {
    const manual: ManualStep = {
      kind: "manual",
      incidents: [FINDING.fingerprint],
      why: "No secret in the 2 configured vault(s) holds this value, and no mapping applies.",
    };
    const { body } = renderIssue(leak([{ kind: "skipped", step: manual, reason: manual.why }]), CTX);
    expectGolden("no-match.md", body);
  });

  it("failed after writing the new version", () => {
    const failed: StepResult = {
      kind: "failed",
      step: ROTATE,
      version: "ffeeddccbbaa99887766554433221100",
      disabled: [],
      reason:
        "new version ffeeddccbbaa99887766554433221100 was written, but disabling leaked version 0a1b2c3d4e5f60718293a4b5c6d7e8f9 failed: Key Vault 'https://contoso-pay.vault.azure.net' denied update (403).",
    };
    const { body } = renderIssue(leak([failed]), CTX);
    expectGolden("failed.md", body);
  });

  it("left alone: a provider checks it and no rotator can act; the issue says how to revoke it there", () => {
    const skip: SkipStep = {
      ...base,
      kind: "skip",
      done: false,
      why: "the database server checks this credential and leakstop cannot rotate it there",
      revocation: MANUAL_REVOCATIONS["database-url-password"],
    };
    const { body } = renderIssue(leak([{ kind: "skipped", step: skip, reason: skip.why }]), CTX);
    expect(body).toContain("was left alone");
    expect(body).toContain("What to do at the database server");
    expectGolden("left-alone.md", body);
  });

  it("revoked at the provider and proven dead; no vault value made up", () => {
    const revoked: StepResult = {
      kind: "revoked",
      step: {
        kind: "provider",
        vaultUrl: "",
        name: "https://api.github.com",
        incidents: [FINDING.fingerprint],
        ruleIds: ["github-pat"],
        why: "value leaked; revoke it at its provider",
        rotator: "github-token",
        provider: "GitHub",
        plan: {
          location: { kind: "github-token", resource: "https://api.github.com", source: "value" },
          mode: "revoke",
          steps: [],
        },
        holders: [],
        credential: { ruleIds: ["github-pat"], value: SECRET, holders: [] },
      },
      provider: "GitHub",
      resource: "https://api.github.com",
      evidence: "GET /user with the leaked token: 401",
    };
    const { body } = renderIssue(leak([revoked]), CTX);
    expect(body).not.toContain("still valid");
    expect(body).not.toContain(SECRET);
    expectGolden("revoked.md", body);
  });

  it("repeat on a closed issue: a comment", () => {
    const skip: SkipStep = {
      ...base,
      kind: "skip",
      done: true,
      why: `already rotated for incident ${FINDING.fingerprint}`,
    };
    const body = renderComment(leak([{ kind: "skipped", step: skip, reason: skip.why }]), CTX, { closed: true });
    expectGolden("comment-repeat.md", body);
  });

  it("never contains the value, and always starts with the marker", () => {
    for (const r of [[rotated], []] as StepResult[][]) {
      const { title, body } = renderIssue(leak(r), CTX);
      expect(title + body).not.toContain(SECRET);
      expect(body.startsWith(issueMarker(FINDING.fingerprint))).toBe(true);
    }
  });
});
