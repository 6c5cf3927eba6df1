/** How each programming language writes the constructs the code renderer uses. */
import { jsonEscape, type NameStyle } from "../model.ts";
import type { Rng } from "../prng.ts";

export type CodeLang = "py" | "js" | "ts" | "go" | "java" | "cs" | "rb" | "php";

export interface LangSpec {
  readonly comment: string;
  readonly constStyle: readonly NameStyle[];
  readonly memberStyle: readonly NameStyle[];
  /** Indentation of declarations (class body for Java/C#, module body for Ruby). */
  readonly top: string;
  /** One more level. */
  readonly step: string;
  /** Statements need a function around them (Java, C#, Go). */
  readonly needsFunction: boolean;
  lit(v: string, r: Rng): string;
  constDecl(name: string, code: string, r: Rng): string;
  objOpen(name: string, r: Rng): string;
  member(name: string, code: string): string;
  readonly objClose: string;
  construct(cls: string, args: readonly string[]): string;
  envDefault(envName: string, code: string): string;
  fallback(envName: string, code: string): string;
  header(headerName: string, code: string): string;
  httpGet(code: string): string;
  dbOpen(code: string): string;
  /** A multi-line string holding `lines` (for embedded INI/YAML/env snippets), or null. */
  embedded(name: string, lines: readonly string[]): string | null;
}

const dq = (v: string) => `"${jsonEscape(v)}"`;
const sq = (v: string) => `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
export const pascal = (n: string) => n.charAt(0).toUpperCase() + n.slice(1);
const camel = (env: string) => env.toLowerCase().replace(/_(.)/g, (_, x: string) => x.toUpperCase());

function concatLines(v: string, indent: string): string {
  const lines = v.split("\n");
  return lines
    .map(
      (l, i) => `${i === 0 ? "" : indent}"${l}${i < lines.length - 1 ? "\\n" : ""}"${i < lines.length - 1 ? " +" : ""}`,
    )
    .join("\n");
}

export const SPECS: Record<CodeLang, LangSpec> = {
  py: {
    comment: "#",
    constStyle: ["screaming", "screaming", "snake"],
    memberStyle: ["snake"],
    top: "",
    step: "    ",
    needsFunction: false,
    lit: (v, r) =>
      v.includes("\n") ? (r.chance(0.5) ? `"""${v}"""` : `"""\n${v}\n"""`) : r.chance(0.6) ? dq(v) : sq(v),
    constDecl: (n, c) => `${n} = ${c}`,
    objOpen: (n) => `${n} = {`,
    member: (n, c) => `"${n}": ${c},`,
    objClose: "}",
    construct: (cls, args) => `client = ${cls}(${args.join(", ")})`,
    envDefault: (e, c) => `os.environ.setdefault("${e}", ${c})`,
    fallback: (e, c) => `${e.toLowerCase()} = os.getenv("${e}", ${c})`,
    header: (h, c) => `headers = {"${h}": ${c}, "Content-Type": "application/json"}`,
    httpGet: (c) => `resp = requests.get(${c}, timeout=30)`,
    dbOpen: (c) => `engine = create_engine(${c}, pool_pre_ping=True)`,
    embedded: (n, lines) => `${n} = """\n${lines.join("\n")}\n"""`,
  },
  js: {
    comment: "//",
    constStyle: ["camel", "screaming"],
    memberStyle: ["camel"],
    top: "",
    step: "  ",
    needsFunction: false,
    lit: (v, r) => (v.includes("\n") ? `\`${v}\`` : r.chance(0.5) ? sq(v) : r.chance(0.7) ? dq(v) : `\`${v}\``),
    constDecl: (n, c, r) => `${r.pick(["const", "const", "let", "var"])} ${n} = ${c};`,
    objOpen: (n, r) => (r.chance(0.5) ? `const ${n} = {` : `module.exports.${n} = {`),
    member: (n, c) => `${n}: ${c},`,
    objClose: "};",
    construct: (cls, args) => `const client = new ${cls}(${args.join(", ")});`,
    envDefault: (e, c) => `process.env.${e} = process.env.${e} || ${c};`,
    fallback: (e, c) => `const ${camel(e)} = process.env.${e} || ${c};`,
    header: (h, c) => `const headers = { "${h}": ${c}, Accept: "application/json" };`,
    httpGet: (c) => `const res = await fetch(${c});`,
    dbOpen: (c) => `const pool = new Pool({ connectionString: ${c} });`,
    embedded: (n, lines) => `const ${n} = \`\n${lines.join("\n")}\n\`;`,
  },
  ts: {
    comment: "//",
    constStyle: ["camel", "screaming"],
    memberStyle: ["camel"],
    top: "",
    step: "  ",
    needsFunction: false,
    lit: (v, r) => (v.includes("\n") ? `\`${v}\`` : r.chance(0.5) ? dq(v) : sq(v)),
    constDecl: (n, c, r) =>
      `${r.pick(["export const", "const", "const"])} ${n}${r.chance(0.3) ? ": string" : ""} = ${c};`,
    objOpen: (n, r) => `export const ${n}${r.chance(0.4) ? ": Settings" : ""} = {`,
    member: (n, c) => `${n}: ${c},`,
    objClose: "};",
    construct: (cls, args) => `const client = new ${cls}(${args.join(", ")});`,
    envDefault: (e, c) => `process.env.${e} ??= ${c};`,
    fallback: (e, c) => `const ${camel(e)} = process.env.${e} ?? ${c};`,
    header: (h, c) => `const headers: Record<string, string> = { "${h}": ${c} };`,
    httpGet: (c) => `const res = await fetch(${c}, { method: "GET" });`,
    dbOpen: (c) => `const client = new MongoClient(${c});`,
    embedded: (n, lines) => `export const ${n} = \`\n${lines.join("\n")}\n\`;`,
  },
  go: {
    comment: "//",
    constStyle: ["camel", "pascal"],
    memberStyle: ["pascal"],
    top: "",
    step: "\t",
    needsFunction: true,
    lit: (v) => (v.includes("\n") ? `\`${v}\`` : dq(v)),
    constDecl: (n, c, r) => (r.chance(0.5) ? `const ${n} = ${c}` : `var ${n} = ${c}`),
    objOpen: (n) => `var ${n} = Config{`,
    member: (n, c) => `${n}: ${c},`,
    objClose: "}",
    construct: (cls, args) => `client, err := ${cls}(${args.join(", ")})`,
    envDefault: (e, c) => `os.Setenv("${e}", ${c})`,
    fallback: (e, c) => `${camel(e)} := getenvDefault("${e}", ${c})`,
    header: (h, c) => `req.Header.Set("${h}", ${c})`,
    httpGet: (c) => `resp, err := http.Get(${c})`,
    dbOpen: (c) => `db, err := sql.Open("pgx", ${c})`,
    embedded: (n, lines) => `const ${n} = \`\n${lines.join("\n")}\n\``,
  },
  java: {
    comment: "//",
    constStyle: ["screaming"],
    memberStyle: ["camel"],
    top: "    ",
    step: "    ",
    needsFunction: true,
    lit: (v) => (v.includes("\n") ? concatLines(v, "            ") : dq(v)),
    constDecl: (n, c, r) =>
      `${r.pick(["private static final", "public static final", "static final"])} String ${n} = ${c};`,
    objOpen: (n) => `private static final Map<String, String> ${n.toUpperCase()} = Map.ofEntries(`,
    member: (n, c) => `Map.entry("${n}", ${c}),`,
    objClose: 'Map.entry("region", "westeurope"));',
    construct: (cls, args) => `private final ${cls} client = new ${cls}(${args.join(", ")});`,
    envDefault: (e, c) => `System.setProperty("${e}", ${c});`,
    fallback: (e, c) => `String ${camel(e)} = Optional.ofNullable(System.getenv("${e}")).orElse(${c});`,
    header: (h, c) => `connection.setRequestProperty("${h}", ${c});`,
    httpGet: (c) => `HttpRequest request = HttpRequest.newBuilder(URI.create(${c})).GET().build();`,
    dbOpen: (c) => `Connection conn = DriverManager.getConnection(${c});`,
    embedded: (n, lines) => `private static final String ${n.toUpperCase()} = """\n${lines.join("\n")}\n""";`,
  },
  cs: {
    comment: "//",
    constStyle: ["pascal"],
    memberStyle: ["pascal"],
    top: "        ",
    step: "    ",
    needsFunction: true,
    lit: (v, r) => (v.includes("\n") ? `@"${v.replace(/"/g, '""')}"` : r.chance(0.2) ? `@"${v}"` : dq(v)),
    constDecl: (n, c, r) =>
      `${r.pick(["private const string", "public const string", "private static readonly string", "internal const string"])} ${n} = ${c};`,
    objOpen: (n) => `private static readonly Dictionary<string, string> ${pascal(n)} = new()\n{`,
    member: (n, c) => `["${n}"] = ${c},`,
    objClose: "};",
    construct: (cls, args) => `private readonly ${cls} _client = new ${cls}(${args.join(", ")});`,
    envDefault: (e, c) => `Environment.SetEnvironmentVariable("${e}", ${c});`,
    fallback: (e, c) => `var ${camel(e)} = Environment.GetEnvironmentVariable("${e}") ?? ${c};`,
    header: (h, c) => `httpClient.DefaultRequestHeaders.Add("${h}", ${c});`,
    httpGet: (c) => `var response = await httpClient.GetAsync(${c});`,
    dbOpen: (c) => `await using var connection = new NpgsqlConnection(${c});`,
    embedded: (n, lines) => `private const string ${pascal(n)} = """\n${lines.join("\n")}\n""";`,
  },
  rb: {
    comment: "#",
    constStyle: ["screaming"],
    memberStyle: ["snake"],
    top: "  ",
    step: "  ",
    needsFunction: false,
    lit: (v, r) => (v.includes("\n") ? `<<~PEM\n${v}\nPEM` : r.chance(0.5) ? dq(v) : sq(v)),
    constDecl: (n, c) => `${n} = ${c}`,
    objOpen: (n) => `${n.toUpperCase()} = {`,
    member: (n, c) => `${n}: ${c},`,
    objClose: "}.freeze",
    construct: (cls, args) => `CLIENT = ${cls}.new(${args.join(", ")})`,
    envDefault: (e, c) => `ENV["${e}"] ||= ${c}`,
    fallback: (e, c) => `${e.toUpperCase()} = ENV.fetch("${e}", ${c})`,
    header: (h, c) => `HEADERS = { "${h}" => ${c} }.freeze`,
    httpGet: (c) => `RESPONSE = Net::HTTP.get_response(URI(${c}))`,
    dbOpen: (c) => `DB = Sequel.connect(${c})`,
    embedded: (n, lines) => `${n.toUpperCase()} = <<~CONFIG\n${lines.join("\n")}\nCONFIG`,
  },
  php: {
    comment: "//",
    constStyle: ["screaming"],
    memberStyle: ["snake"],
    top: "",
    step: "    ",
    needsFunction: false,
    lit: (v, r) => (v.includes("\n") ? `<<<'EOT'\n${v}\nEOT` : r.chance(0.6) ? sq(v) : dq(v)),
    constDecl: (n, c, r) => (r.chance(0.5) ? `define('${n}', ${c});` : `$${n.toLowerCase()} = ${c};`),
    objOpen: (n) => `$${n} = [`,
    member: (n, c) => `'${n}' => ${c},`,
    objClose: "];",
    construct: (cls, args) => `$client = new ${cls}(${args.join(", ")});`,
    envDefault: (e, c) => `putenv('${e}=' . ${c});`,
    fallback: (e, c) => `$${e.toLowerCase()} = getenv('${e}') ?: ${c};`,
    header: (h, c) => `curl_setopt($ch, CURLOPT_HTTPHEADER, ['${h}: ' . ${c}]);`,
    httpGet: (c) => `$body = file_get_contents(${c});`,
    dbOpen: (c) => `$pdo = new PDO(${c});`,
    embedded: () => null,
  },
};
