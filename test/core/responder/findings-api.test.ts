import { describe, expect, it } from "vitest";
import {
  confirmFindings,
  MAX_FINDINGS_PER_REQUEST,
  parseFindingsRequest,
} from "../../../src/core/responder/findings-api.js";

const sha = "a".repeat(40);
const loc = {
  commit: sha,
  path: "config/db.yml",
  line: 3,
  ruleId: "postgres-url",
  fingerprint: "0123456789abcdef0123456789abcdef",
};

describe("findings API request", () => {
  it("accepts locations", () => {
    expect(parseFindingsRequest({ repository: "octo-org/app", findings: [loc] })).toEqual({
      ok: true,
      request: { repository: "octo-org/app", findings: [loc] },
    });
  });

  it.each([
    [null, /JSON object/],
    [[], /JSON object/],
    ["x", /JSON object/],
    [{ repository: "octo-org/app", findings: [] }, /non-empty/],
    [{ repository: "octo-org", findings: [loc] }, /owner\/name/],
    [{ repository: "octo-org/app", findings: [{ ...loc, secret: "x" }] }, /unknown field\(s\): secret .*never a value/],
    [{ repository: "octo-org/app", findings: [loc], values: [] }, /unknown field\(s\): values/],
    [{ repository: "octo-org/app", findings: [{ ...loc, commit: "main" }] }, /full commit SHA/],
    [{ repository: "octo-org/app", findings: [{ ...loc, path: "/etc/passwd" }] }, /repository-relative/],
    [{ repository: "octo-org/app", findings: [{ ...loc, line: 0 }] }, /positive integer/],
    [{ repository: "octo-org/app", findings: [{ ...loc, fingerprint: "zz" }] }, /fingerprint/],
    [{ repository: "octo-org/app", findings: Array(MAX_FINDINGS_PER_REQUEST + 1).fill(loc) }, /at most/],
  ])("refuses %j", (body, message) => {
    const parsed = parseFindingsRequest(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});

describe("confirming claimed findings", () => {
  it("acts only on what the service detected again at that commit", () => {
    const detected = [
      { ruleId: "postgres-url", path: "config/db.yml", fingerprint: loc.fingerprint, commit: { sha } },
      { ruleId: "aws-key", path: "x", fingerprint: "f".repeat(32), commit: { sha } },
    ];
    const forged = { ...loc, fingerprint: "9".repeat(32) };
    const otherCommit = { ...loc, commit: "b".repeat(40) };
    const { confirmed, unconfirmed } = confirmFindings([loc, forged, otherCommit, loc], detected);
    expect(confirmed).toEqual([detected[0]]);
    expect(unconfirmed).toEqual([forged, otherCommit, loc]);
  });
});
