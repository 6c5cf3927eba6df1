import { describe, expect, it } from "vitest";
import { splitLineBatches, splitLines } from "../../../src/adapters/git/lines.js";

async function split(...chunks: string[]): Promise<string[]> {
  async function* source() {
    yield* chunks;
  }
  const out: string[] = [];
  for await (const line of splitLines(source())) out.push(line);
  return out;
}

describe("splitLines", () => {
  it("splits on \\n only, keeping \\r (CRLF ends and lone ones) in the line", async () => {
    expect(await split("a\r\nb\rc\n\nd")).toEqual(["a\r", "b\rc", "", "d"]);
  });

  it("joins lines across chunk boundaries, however many chunks a line spans", async () => {
    const long = "x".repeat(100_000);
    const chunks = ["first\nsec", "ond\n", ...(long.match(/.{1,4096}/g) ?? []), "\nlast\n"];
    expect(await split(...chunks)).toEqual(["first", "second", long, "last"]);
  });

  it("yields nothing for empty input", async () => {
    expect(await split()).toEqual([]);
    expect(await split("", "")).toEqual([]);
  });
});

describe("splitLineBatches", () => {
  it("yields the same lines as splitLines, one batch per chunk that completes lines", async () => {
    async function* source() {
      yield* ["a\nb", "c", "d\ne\n", "f"];
    }
    const batches: string[][] = [];
    for await (const batch of splitLineBatches(source())) batches.push(batch);
    expect(batches).toEqual([["a"], ["bcd", "e"], ["f"]]);
  });
});
