/**
 * The scan benchmark's corpus: real text files copied from node_modules into a cache directory,
 * with fake secrets planted at random lines of random files. Everything is derived from a seed,
 * so a corpus is rebuilt only when its seed or size changes, and no secret-looking literal is
 * committed: the fakes are built here at run time.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";

/** What to build. */
export interface CorpusOptions {
  /** Where real files are copied from (a node_modules directory). */
  readonly sourceDir: string;
  /** The corpus directory; its manifest is written beside it as `<dir>.json`, outside the scanned tree. */
  readonly dir: string;
  /** Copy files until at least this many bytes. */
  readonly targetBytes: number;
  readonly seed: number;
  /** How many files get one planted secret each. */
  readonly plantCount: number;
}

/** One planted secret: the lines it occupies (1-based, inclusive). */
export interface Planted {
  readonly kind: string;
  readonly path: string;
  readonly line: number;
  readonly endLine: number;
  /** The fake value; kept in the manifest for debugging, never printed. */
  readonly secret: string;
}

/** A built corpus. */
export interface Corpus {
  readonly dir: string;
  readonly files: number;
  readonly bytes: number;
  readonly planted: readonly Planted[];
}

interface Manifest extends Corpus {
  readonly version: number;
  readonly seed: number;
  readonly targetBytes: number;
  readonly plantCount: number;
}

const MANIFEST_VERSION = 2;
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const EXTENSIONS = /\.(?:[cm]?js|[cm]?ts|jsx|tsx|json|md|markdown|ya?ml|toml|ini|sh|css|html|txt)$/i;

// ---------------------------------------------------------------- fakes

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const AWS_ID = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (zlib's) of an ASCII string. */
function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(value: number, width: number): string {
  let out = "";
  let v = value;
  do {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(width, "0");
}

/** Seeded fake builder (mulberry32), so a corpus is the same on every run with the same seed. */
export class Faker {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chars(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }
  base64Bytes(bytes: number): string {
    return Buffer.from(Array.from({ length: bytes }, () => this.int(256))).toString("base64");
  }
  /** A GitHub-format token: 30 random characters and their base62 CRC-32. */
  githubToken(prefix: string): string {
    const body = this.chars(ALNUM, 30);
    return `${prefix}${body}${base62(crc32(body), 6)}`;
  }
  password(length = 16): string {
    return `${this.chars(ALNUM, length - 2)}${this.chars("!#%&*-_", 1)}${this.chars(DIGITS, 1)}`;
  }
}

// ---------------------------------------------------------------- planted lines

type Style = "code" | "json" | "config";

/** The lines to insert and the secret they carry. */
interface Plant {
  readonly lines: string[];
  readonly secret: string;
}

function styleOf(path: string): Style {
  if (/\.json$/i.test(path)) return "json";
  if (/\.(?:ya?ml|toml|ini|sh|txt)$/i.test(path)) return "config";
  return "code";
}

/** `name` = `value` written the way a file of this style would write it. */
function assign(style: Style, name: string, value: string): string {
  if (style === "json") return `"${name}": "${value}",`;
  if (style === "config") return `${name}: "${value}"`;
  return `const ${name} = "${value}";`;
}

/**
 * A private key block of random material behind the real format's header bytes (a DER
 * SEQUENCE, or OpenSSH's magic), since a scanner may check that a key body looks like a key.
 */
function pem(f: Faker, style: Style): Plant {
  const label = f.pick(["RSA PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY"]);
  const size = 600 + f.int(1200);
  const head =
    label === "OPENSSH PRIVATE KEY"
      ? Array.from("openssh-key-v1\0", (c) => c.charCodeAt(0))
      : [0x30, 0x82, ((size - 4) >> 8) & 0xff, (size - 4) & 0xff, 0x02, 0x01, 0x00];
  const raw = [...head, ...Array.from({ length: size - head.length }, () => f.int(256))];
  const body = Buffer.from(raw)
    .toString("base64")
    .match(/.{1,64}/g) as string[];
  const secret = body.join("\n");
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  if (style === "json") return { lines: [`"private_key": "${[begin, ...body, end].join("\\n")}\\n",`], secret };
  if (style === "config") return { lines: ["private_key: |", ...[begin, ...body, end].map((l) => `  ${l}`)], secret };
  return { lines: [`const privateKey = \`${begin}`, ...body, `${end}\`;`], secret };
}

/** Secret kinds, planted in turn; each builds realistic line(s) for a file's style. */
const KINDS: ReadonlyArray<readonly [kind: string, build: (f: Faker, style: Style) => Plant]> = [
  [
    "github-token",
    (f, s) => {
      const t = f.githubToken(f.pick(["ghp_", "gho_", "ghs_", "ghu_"]));
      return { lines: [assign(s, "token", t)], secret: t };
    },
  ],
  [
    "github-fine-grained-pat",
    (f, s) => {
      const t = `github_pat_${f.chars(ALNUM, 22)}_${f.chars(ALNUM, 59)}`;
      return { lines: [assign(s, "githubToken", t)], secret: t };
    },
  ],
  [
    "aws-key-pair",
    (f, s) => {
      const id = `AKIA${f.chars(AWS_ID, 16)}`;
      const key = f.chars(`${ALNUM}+/`, 40);
      return { lines: [assign(s, "AWS_ACCESS_KEY_ID", id), assign(s, "AWS_SECRET_ACCESS_KEY", key)], secret: key };
    },
  ],
  [
    "azure-storage-connection-string",
    (f, s) => {
      const key = f.base64Bytes(64);
      const cs = `DefaultEndpointsProtocol=https;AccountName=${f.chars("abcdefghijklmnopqrstuvwxyz", 10)};AccountKey=${key};EndpointSuffix=core.windows.net`;
      return { lines: [assign(s, "storageConnectionString", cs)], secret: key };
    },
  ],
  [
    "slack-webhook-url",
    (f, s) => {
      const url = `https://hooks.slack.com/services/T${f.chars(UPPER_ALNUM, 8)}/B${f.chars(UPPER_ALNUM, 10)}/${f.chars(ALNUM, 24)}`;
      return { lines: [assign(s, "slackWebhookUrl", url)], secret: url };
    },
  ],
  [
    "slack-bot-token",
    (f, s) => {
      const t = `xoxb-${f.chars(DIGITS, 12)}-${f.chars(DIGITS, 13)}-${f.chars(ALNUM, 24)}`;
      return { lines: [assign(s, "SLACK_BOT_TOKEN", t)], secret: t };
    },
  ],
  ["private-key", pem],
  [
    "database-url",
    (f, s) => {
      const pw = f.password(18);
      const scheme = f.pick(["postgres", "mysql", "mongodb+srv", "redis"]);
      const url = `${scheme}://svc_${f.chars("abcdefghijklmnopqrstuvwxyz", 5)}:${pw}@db-${f.chars(DIGITS, 2)}.prod.internal:5432/app`;
      return { lines: [assign(s, "DATABASE_URL", url)], secret: pw };
    },
  ],
  [
    "password-assignment",
    (f, s) => {
      const pw = f.password(16);
      return { lines: [assign(s, f.pick(["password", "dbPassword", "smtp_password"]), pw)], secret: pw };
    },
  ],
  [
    "npm-token",
    (f, s) => {
      const t = f.githubToken("npm_");
      const line = s === "config" ? `//registry.npmjs.org/:_authToken=${t}` : assign(s, "NPM_TOKEN", t);
      return { lines: [line], secret: t };
    },
  ],
  [
    "stripe-secret-key",
    (f, s) => {
      const t = `sk_live_${f.chars(ALNUM, 99)}`;
      return { lines: [assign(s, "stripeKey", t)], secret: t };
    },
  ],
];

/** Names of the planted kinds, in order. */
export const PLANTED_KINDS: readonly string[] = KINDS.map(([kind]) => kind);

// ---------------------------------------------------------------- build

/** Candidate source files (path relative to the source dir), hidden paths left out. */
async function candidates(sourceDir: string): Promise<Array<{ rel: string; size: number }>> {
  const entries = await readdir(sourceDir, { recursive: true, withFileTypes: true });
  const out: Array<{ rel: string; size: number }> = [];
  for (const e of entries) {
    if (!e.isFile() || !EXTENSIONS.test(e.name)) continue;
    const rel = relative(sourceDir, join(e.parentPath, e.name)).split(sep).join("/");
    // Hidden files are left out so that both tools' default walks see the same files.
    if (rel.split("/").some((part) => part.startsWith("."))) continue;
    const { size } = await stat(join(sourceDir, rel));
    if (size > 0 && size <= MAX_FILE_BYTES) out.push({ rel, size });
  }
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Text of a file, or undefined when it is binary or not UTF-8. */
function asText(buf: Buffer): string | undefined {
  if (buf.subarray(0, 8000).includes(0)) return undefined;
  try {
    return utf8.decode(buf);
  } catch {
    return undefined;
  }
}

/** Insert one planted secret at a random line of `text`. */
function plant(f: Faker, text: string, path: string, kind: string, build: (f: Faker, s: Style) => Plant) {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split("\n");
  const at = f.int(lines.length); // before the last element, so a trailing newline stays last
  const indent = /^[ \t]*/.exec(lines[at] ?? "")?.[0] ?? "";
  const p = build(f, styleOf(path));
  const inserted = p.lines.map((l, i) => `${i === 0 ? indent : ""}${l}${eol === "\r\n" ? "\r" : ""}`);
  lines.splice(at, 0, ...inserted);
  const planted: Planted = { kind, path, line: at + 1, endLine: at + inserted.length, secret: p.secret };
  return { text: lines.join("\n"), planted };
}

async function readManifest(path: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as Manifest;
  } catch {
    return undefined;
  }
}

/** The corpus described by `options`: reused from the cache when its manifest matches, else rebuilt. */
export async function ensureCorpus(options: CorpusOptions): Promise<Corpus> {
  const manifestPath = `${options.dir}.json`;
  const cached = await readManifest(manifestPath);
  const present = await stat(options.dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (
    present &&
    cached?.version === MANIFEST_VERSION &&
    cached.seed === options.seed &&
    cached.targetBytes === options.targetBytes &&
    cached.plantCount === options.plantCount
  ) {
    return cached;
  }
  await rm(manifestPath, { force: true });
  await rm(options.dir, { recursive: true, force: true });

  const f = new Faker(options.seed);
  const pool = await candidates(options.sourceDir);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = f.int(i + 1);
    [pool[i], pool[j]] = [pool[j] as (typeof pool)[number], pool[i] as (typeof pool)[number]];
  }
  const chosen: Array<{ path: string; text: string }> = [];
  const used = new Set<string>();
  let bytes = 0;
  for (const c of pool) {
    if (bytes >= options.targetBytes) break;
    // Nested node_modules would be skipped by the scanners' walks: give them another name.
    const path = c.rel.replace(/(^|\/)node_modules(?=\/)/g, "$1_nm");
    const text = used.has(path) ? undefined : asText(await readFile(join(options.sourceDir, c.rel)));
    if (text === undefined) continue;
    used.add(path);
    chosen.push({ path, text });
    bytes += c.size;
  }

  const planted: Planted[] = [];
  const targets = chosen.slice(0, Math.min(options.plantCount, chosen.length));
  for (const [i, target] of targets.entries()) {
    const [kind, build] = KINDS[i % KINDS.length] as (typeof KINDS)[number];
    const result = plant(f, target.text, target.path, kind, build);
    target.text = result.text;
    planted.push(result.planted);
  }

  let written = 0;
  for (const c of chosen) {
    const full = join(options.dir, c.path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, c.text);
    written += Buffer.byteLength(c.text);
  }
  planted.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest: Manifest = {
    version: MANIFEST_VERSION,
    seed: options.seed,
    targetBytes: options.targetBytes,
    plantCount: options.plantCount,
    dir: options.dir,
    files: chosen.length,
    bytes: written,
    planted,
  };
  await writeFile(manifestPath, `${JSON.stringify(manifest)}\n`);
  return manifest;
}

/** Read every file once so that the first timed run does not pay for the disk. */
export async function warmPageCache(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) if (e.isFile()) await readFile(join(e.parentPath, e.name));
}
