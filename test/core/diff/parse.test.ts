import { describe, expect, it } from "vitest";
import { DiffParser, parseDiff, parseHeaderPath, parsePatch, unquoteCString } from "../../../src/core/diff/parse.js";
import type { CommitInfo } from "../../../src/core/types.js";

const commit: CommitInfo = {
  sha: "a".repeat(40),
  authorName: "A",
  authorEmail: "a@example.com",
  date: "2024-01-01T00:00:00Z",
};

function diff(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

const summary = (text: string) => parseDiff(text).map((f) => ({ path: f.path, startLine: f.startLine, text: f.text }));

describe("parseDiff", () => {
  it("with context: keeps a hunk's context lines in its fragment and names the added lines", () => {
    const diff = [
      "diff --git a/k.pem b/k.pem",
      "--- a/k.pem",
      "+++ b/k.pem",
      "@@ -1,3 +1,5 @@",
      " -----BEGIN-----",
      "+body-1",
      "+body-2",
      " -----END-----",
      "+tail",
      " after",
      "@@ -9,2 +11,1 @@",
      " kept",
      "-removed only",
    ].join("\n");
    expect(parseDiff(diff, { context: true })).toEqual([
      {
        path: "k.pem",
        text: "-----BEGIN-----\nbody-1\nbody-2\n-----END-----\ntail\nafter",
        startLine: 1,
        added: [
          [2, 3],
          [5, 5],
        ],
      },
    ]);
    // Without context (the default) the same diff gives the added runs only.
    expect(parseDiff(diff).map((f) => [f.startLine, f.text])).toEqual([
      [2, "body-1\nbody-2"],
      [5, "tail"],
    ]);
  });

  it("turns each run of added lines into one fragment numbered in the new file", () => {
    const text = diff(
      "diff --git a/f.txt b/f.txt",
      "index 1111111..2222222 100644",
      "--- a/f.txt",
      "+++ b/f.txt",
      "@@ -2,2 +2,3 @@ context",
      "-old-1",
      "-old-2",
      "+value-1",
      "+value-2",
      "+value-3",
      "@@ -9,0 +10 @@",
      "+value-4",
    );
    expect(summary(text)).toEqual([
      { path: "f.txt", startLine: 2, text: "value-1\nvalue-2\nvalue-3" },
      { path: "f.txt", startLine: 10, text: "value-4" },
    ]);
  });

  it("never reports removed lines and reports nothing for a deleted file", () => {
    const text = diff(
      "diff --git a/gone.txt b/gone.txt",
      "deleted file mode 100644",
      "--- a/gone.txt",
      "+++ /dev/null",
      "@@ -1,2 +0,0 @@",
      "-value-1",
      "-value-2",
      "diff --git a/f.txt b/f.txt",
      "--- a/f.txt",
      "+++ b/f.txt",
      "@@ -3 +2,0 @@",
      "-value-3",
    );
    expect(parseDiff(text)).toEqual([]);
  });

  it("keeps added lines that look like headers as content, using the hunk counts", () => {
    const text = diff(
      "diff --git a/f.txt b/f.txt",
      "--- a/f.txt",
      "+++ b/f.txt",
      "@@ -1 +1,4 @@",
      "---- a/x",
      "++++ b/other",
      "+diff --git a/x b/x",
      "+@@ -1 +1 @@",
      "+\\ not a marker",
    );
    expect(summary(text)).toEqual([
      { path: "f.txt", startLine: 1, text: "+++ b/other\ndiff --git a/x b/x\n@@ -1 +1 @@\n\\ not a marker" },
    ]);
  });

  it("splits runs at context lines and ignores the no-newline marker", () => {
    const text = diff(
      "--- a/f.txt",
      "+++ b/f.txt",
      "@@ -1,3 +1,5 @@",
      " keep",
      "+value-1",
      " keep",
      "",
      "+value-2",
      "\\ No newline at end of file",
    );
    expect(summary(text)).toEqual([
      { path: "f.txt", startLine: 2, text: "value-1" },
      { path: "f.txt", startLine: 5, text: "value-2" },
    ]);
  });

  it("strips the \\r of CRLF lines so columns stay right", () => {
    const text = diff("--- /dev/null", "+++ b/w.txt", "@@ -0,0 +1,2 @@", "+value-1\r", "+value-2\r");
    expect(summary(text)).toEqual([{ path: "w.txt", startLine: 1, text: "value-1\nvalue-2" }]);
  });

  it("attaches the commit and skips whitespace-only runs", () => {
    const text = diff("+++ b/f.txt", "@@ -0,0 +1,3 @@", "+", "+  ", "+value-1", "@@ -5,0 +7,2 @@", "+", "+\t");
    expect(parseDiff(text, { commit })).toEqual([{ path: "f.txt", startLine: 1, text: "\n  \nvalue-1", commit }]);
  });

  it("reads C-quoted and space-containing paths", () => {
    const text = diff(
      'diff --git "a/dir/tab\\there" "b/dir/tab\\there"',
      '+++ "b/dir/tab\\there \\"q\\" \\303\\251"',
      "@@ -0,0 +1 @@",
      "+value-1",
      "diff --git a/my file.txt b/my file.txt",
      "+++ b/my file é.txt\t",
      "@@ -0,0 +1 @@",
      "+value-2",
    );
    expect(parseDiff(text).map((f) => f.path)).toEqual(['dir/tab\there "q" é', "my file é.txt"]);
  });

  it("reads combined (merge) hunks: only lines new against every parent are added", () => {
    const text = diff(
      "diff --cc c1.txt",
      "index 0000000,ae93045,0000000..a9cc511",
      "--- a/c1.txt",
      "+++ b/c1.txt",
      "@@@@ -1,0 -1,1 -1,0 +1,3 @@@@",
      "+ +value-1",
      "+++value-2",
      "+++value-3",
      "diff --cc d.txt",
      "+++ b/d.txt",
      "@@@ -1,2 -1,1 +1,2 @@@",
      "- value-old",
      "  value-4",
      "++value-5",
    );
    expect(summary(text)).toEqual([
      { path: "c1.txt", startLine: 2, text: "value-2\nvalue-3" },
      { path: "d.txt", startLine: 2, text: "value-5" },
    ]);
  });

  it("survives a truncated hunk by reading the next header", () => {
    const text = diff(
      "+++ b/a.txt",
      "@@ -0,0 +1,5 @@",
      "+value-1",
      "diff --git a/b.txt b/b.txt",
      "+++ b/b.txt",
      "@@ -0,0 +1 @@",
      "+value-2",
    );
    expect(summary(text)).toEqual([
      { path: "a.txt", startLine: 1, text: "value-1" },
      { path: "b.txt", startLine: 1, text: "value-2" },
    ]);
  });

  it("cuts a huge run into overlapping fragments that together hold every line", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `value-${String(i + 1).padStart(3, "0")}`);
    const text = diff("+++ b/big.txt", "@@ -0,0 +1,100 @@", ...lines.map((l) => `+${l}`));
    const fragments = parseDiff(text, { maxFragmentChars: 200 });
    expect(fragments.length).toBeGreaterThan(3);
    for (const f of fragments) {
      expect(f.text.length).toBeLessThanOrEqual(200 + 10);
      // Every fragment's lines are the new file's lines at the fragment's start line.
      f.text.split("\n").forEach((line, i) => {
        expect(line).toBe(lines[f.startLine - 1 + i]);
      });
    }
    const covered = new Set(fragments.flatMap((f) => f.text.split("\n")));
    expect(covered.size).toBe(100);
    // Consecutive fragments overlap, so a block across a cut is whole in one of them.
    for (let i = 1; i < fragments.length; i++) {
      const prev = fragments[i - 1];
      const next = fragments[i];
      if (!prev || !next) continue;
      expect(next.startLine).toBeLessThanOrEqual(prev.startLine + prev.text.split("\n").length - 1);
    }
  });
});

describe("DiffParser", () => {
  it("emits fragments as soon as a hunk ends, before the input ends", () => {
    const parser = new DiffParser();
    parser.startCommit(commit);
    for (const line of ["diff --git a/f b/f", "--- a/f", "+++ b/f", "@@ -0,0 +1,2 @@", "+value-1"]) {
      expect(parser.push(line)).toEqual([]);
    }
    expect(parser.push("+value-2")).toEqual([{ path: "f", text: "value-1\nvalue-2", startLine: 1, commit }]);
    expect(parser.end()).toEqual([]);
  });

  it("rejects a non-positive fragment size", () => {
    expect(() => new DiffParser({ maxFragmentChars: 0 })).toThrow(RangeError);
  });
});

describe("parsePatch", () => {
  it("reads bare hunks for a known path (GitHub's files[].patch)", () => {
    const patch = "@@ -1,2 +1,2 @@\n keep\n-value-old\n+value-1";
    expect(parsePatch(patch, "src/a.ts", commit)).toEqual([
      { path: "src/a.ts", text: "value-1", startLine: 2, commit },
    ]);
  });
});

describe("paths", () => {
  it("unquotes C escapes and UTF-8 octal bytes", () => {
    expect(unquoteCString('"a\\tb\\n\\"c\\\\d\\303\\251\\360\\237\\230\\200"')).toBe('a\tb\n"c\\dé😀');
    expect(unquoteCString('"b/x" trailing')).toBe("b/x");
  });

  it("parses +++ header values", () => {
    expect(parseHeaderPath("/dev/null")).toBeUndefined();
    expect(parseHeaderPath("b/a b.txt\t")).toBe("a b.txt");
    expect(parseHeaderPath("b/x.txt\r")).toBe("x.txt");
    expect(parseHeaderPath('"b/\\303\\274.txt"')).toBe("ü.txt");
    expect(parseHeaderPath("new.txt\t2024-01-01 00:00:00", "")).toBe("new.txt");
  });
});
