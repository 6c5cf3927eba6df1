/**
 * Escaping per context, checked by rendering with a real CommonMark + GFM-tables renderer
 * (markdown-it, links auto-detected as GitHub does) rather than by comparing strings: hostile
 * text must come out as the same text, with no element, link or mention it did not ask for.
 */
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { codeSpan, escapeMarkdown, profileLink } from "../../../src/core/report/escape.js";
import { printable } from "../../../src/core/report/text.js";
import { renderIssue } from "../../../src/remediation/issue.js";

const md = new MarkdownIt({ html: true, linkify: true });
const html = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** Text outside code and links that GitHub would turn into a mention of a user or a team. */
const mentions = (rendered: string) =>
  rendered
    .replace(/<code>[\s\S]*?<\/code>/g, "")
    .replace(/<a [\s\S]*?<\/a>/g, "")
    .match(/(?:^|[^\w`])@[A-Za-z0-9][\w-]*/g) ?? [];

/**
 * Rendered HTML without the links GitHub makes of bare URLs, which show their own target (a
 * link whose text is its address misleads no one).
 */
const withoutAutolinks = (rendered: string) => rendered.replace(/<a href="([^"]*)">\1<\/a>/g, "$1");
/** What a code span of `text` must render as. */
const asCode = (text: string) => `<code>${html(printable(text)) || " "}</code>`;

const HOSTILE = [
  "a``b",
  "``<img src=x onerror=alert(1)>``",
  "`",
  "```",
  "",
  " x ",
  "x`",
  "@acme/security-team please look",
  "<script>alert(1)</script>",
  "[click](https://evil.example)",
  "![x](https://evil.example/x.png)",
  "a|b|c",
  "line\nbreak\r\n# heading",
  "&#64;mona &lt;b&gt;",
  "**bold** _it_ ~~gone~~",
];

describe("codeSpan", () => {
  it.each(HOSTILE)("keeps %j verbatim in one code element", (text) => {
    expect(md.renderInline(codeSpan(text))).toBe(asCode(text));
  });

  it("holds any text verbatim (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("`", " ", "a", "<", "|", "\\", "@", "*") }), (text) => {
        expect(md.renderInline(codeSpan(text))).toBe(asCode(text));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a table row's cells in a table cell", () => {
    const table = `| a | b |\n| --- | --- |\n| ${codeSpan("x|y`|`z", { tableCell: true })} | 2 |\n`;
    const out = md.render(table);
    expect(out.match(/<td>/g)).toHaveLength(2);
    expect(out).toContain("<td><code>x|y`|`z</code></td>");
  });
});

describe("escapeMarkdown", () => {
  it.each(HOSTILE)("renders %j as its own text: no element, link or mention", (text) => {
    const out = withoutAutolinks(md.renderInline(escapeMarkdown(text)));
    expect(out).not.toMatch(/<[a-z]/i);
    expect(mentions(out)).toEqual([]);
    expect(out.replace(/\u200b/g, "")).toBe(html(printable(text)));
  });

  it("defuses any text (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("`", "[", "]", "(", ")", "<", ">", "@", "a", "!", "&", "#", ";", ":") }),
        (text) => {
          const out = withoutAutolinks(md.renderInline(escapeMarkdown(text)));
          expect(out).not.toMatch(/<[a-z]/i);
          expect(mentions(out)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("profileLink", () => {
  it("links a login to its profile instead of mentioning it", () => {
    expect(md.renderInline(profileLink("octo-bob", "https://github.com/"))).toBe(
      '<a href="https://github.com/octo-bob">octo-bob</a>',
    );
    expect(md.renderInline(profileLink("dependabot[bot]", "https://github.com"))).toBe(
      '<a href="https://github.com/dependabot">dependabot[bot]</a>',
    );
  });

  it("shows anything that is not a login as escaped text", () => {
    const out = withoutAutolinks(md.renderInline(profileLink("acme/team](https://evil)", "https://github.com")));
    expect(out).not.toContain("<a");
    expect(mentions(out)).toEqual([]);
  });
});

describe("an issue body with a hostile file name and author", () => {
  it("renders no element, link or mention the repository asked for", () => {
    const path = "src/a``<img src=x onerror=alert(1)>``[x](https://evil.example)|.env";
    const { body } = renderIssue(
      {
        finding: {
          ruleId: "generic-password",
          title: "Password <b>now</b>",
          path,
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 9,
          fingerprint: "generic-password:0123456789abcdef",
          redacted: "password=****",
          commit: {
            sha: "2".repeat(40),
            authorName: "@acme/security-team <img src=y>",
            authorEmail: "x@example.com",
            date: "2024-03-01T00:00:00Z",
          },
        },
        results: [],
      },
      { repository: "acme/app", serverUrl: "https://github.com", pusher: "mona", authorLogin: "octo-bob" },
    );
    const out = md.render(body);
    expect(out).not.toMatch(/<img|<b>|<script/);
    expect(mentions(out)).toEqual([]);
    // The only links are leakstop's own: the file, the commit, two profiles, and the rule's
    // documented revocation page (from the rule data, never from the repository).
    const links = [...out.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1] ?? "");
    const github = links.filter((l) => l.startsWith("https://github.com/"));
    expect(github).toHaveLength(4);
    expect(links.filter((l) => !l.startsWith("https://github.com/"))).toEqual([
      "https://learn.microsoft.com/azure/key-vault/secrets/tutorial-rotation",
    ]);
    expect(links.join(" ")).not.toContain("evil.example/");
    expect(out).toContain(`<code>${html(path)}</code>`);
  });
});
