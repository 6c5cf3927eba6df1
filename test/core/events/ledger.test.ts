import { describe, expect, it } from "vitest";
import { chooseByLedger, describeLedger } from "../../../src/core/events/ledger.js";

const c = (sha: string, ...ancestors: string[]) => ({ sha, ancestors });

describe("chooseByLedger", () => {
  it("keeps the push's baselines when the ledger has no record at all", () => {
    const choice = chooseByLedger([c("b", "a")], new Set());
    expect(choice).toEqual({ exclude: ["b"], rule: "stateless", missed: [], unrecorded: [] });
    expect(describeLedger(choice)).toBe("no scan record in the ledger: baselines from the push alone");
  });

  it("keeps a recorded baseline, and replaces one that was never scanned by its nearest recorded ancestor", () => {
    const choice = chooseByLedger([c("before", "p1", "p2", "p3"), c("main", "m1")], new Set(["p2", "main", "p3"]));
    expect(choice.exclude).toEqual(["p2", "main"]);
    expect(choice.missed).toEqual(["before", "p1"]);
    expect(choice.rule).toBe("ledger");
    expect(describeLedger(choice)).toBe(
      "baselines from the scan ledger; 2 commit(s) an earlier run did not scan included",
    );
  });

  it("keeps a baseline with no record within reach, and names it", () => {
    const choice = chooseByLedger([c("old", "o1"), c("before")], new Set(["before"]));
    expect(choice.exclude).toEqual(["old", "before"]);
    expect(choice.unrecorded).toEqual(["old"]);
    expect(describeLedger(choice)).toContain("1 baseline(s) with no record kept");
  });

  it("counts a commit shared by two baselines' histories once", () => {
    const choice = chooseByLedger([c("x", "s", "r"), c("y", "s", "r")], new Set(["r"]));
    expect(choice.exclude).toEqual(["r"]);
    expect(choice.missed).toEqual(["x", "s", "y"]);
  });
});
