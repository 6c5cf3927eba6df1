/**
 * Builds a labeled corpus in memory: repositories of various stacks, true secrets dealt from a
 * seeded bag (every type appears), decoys spread over all files, each file rendered in its own
 * format. Pure apart from the PRNG: the same seed gives the same bytes.
 */
import { ciSecretRef, DECOY_KINDS, testFake } from "./decoys.ts";
import { SECRET_KINDS, type SecretKind } from "./fakes.ts";
import { Emitter, type Group, type PlacedDecoy, type PlacedLabel } from "./model.ts";
import { certificatePem, sshPublicKey } from "./pem.ts";
import { Rng } from "./prng.ts";
import { type CodeLang, renderCodeFile } from "./render/code.ts";
import {
  type IniFlavor,
  renderEnv,
  renderIni,
  renderJson,
  renderProperties,
  renderToml,
  renderXml,
  renderYaml,
  type XmlFlavor,
  type YamlFlavor,
} from "./render/config.ts";
import {
  renderDockerfile,
  renderKeyFile,
  renderMarkdown,
  renderNotebook,
  renderPowerShell,
  renderShell,
  renderTerraform,
} from "./render/script.ts";
import * as st from "./render/static.ts";
import { type FileTemplate, filesOf, STACK_WEIGHTS } from "./stacks.ts";
import { app, FIRST, org } from "./words.ts";

export interface CorpusFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}

export interface Corpus {
  readonly files: CorpusFile[];
  readonly labels: PlacedLabel[];
  readonly decoys: PlacedDecoy[];
  readonly repos: Array<{ readonly name: string; readonly stack: string }>;
}

const CODE_LANGS = new Set<string>(["py", "js", "ts", "go", "java", "cs", "rb", "php"]);
const MIN_PER_KIND = 5;

/** Special files that only take the groups sent to them. */
const SPECIAL = new Set(["npmrc", "ini:pypirc", "ini:aws-credentials", "key"]);

/** Files where every value is written as a password: only reference/placeholder decoys make sense there. */
const PASSWORD_ONLY = new Set(["xml:maven-settings", "xml:nuget"]);

interface Slot {
  readonly t: FileTemplate;
  readonly groups: Group[];
}

/** Deals `total` secret kinds: at least MIN_PER_KIND of each (when there is room), the rest by weight. */
function secretBag(r: Rng, total: number): SecretKind[] {
  const bag: SecretKind[] = [];
  if (total >= MIN_PER_KIND * SECRET_KINDS.length)
    for (const k of SECRET_KINDS) for (let i = 0; i < MIN_PER_KIND; i++) bag.push(k);
  const weighted = SECRET_KINDS.map((k) => [k, k.weight] as const);
  while (bag.length < total) bag.push(r.weighted(weighted));
  return r.shuffle(bag);
}

/** Stacks in proportion to their weights, each at least once when there is room, shuffled. */
function stackBag(r: Rng, n: number): string[] {
  const total = STACK_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const bag: string[] = [];
  for (const [stack, w] of STACK_WEIGHTS)
    for (let i = 0; i < Math.max(n >= STACK_WEIGHTS.length ? 1 : 0, Math.floor((w / total) * n)); i++) bag.push(stack);
  while (bag.length < n) bag.push(r.weighted(STACK_WEIGHTS));
  return r.shuffle(bag).slice(0, n);
}

function pickSlot(r: Rng, slots: readonly Slot[], weightOf: (s: Slot) => number): Slot | undefined {
  const options = slots.map((s) => [s, weightOf(s)] as const).filter(([, w]) => w > 0);
  return options.length === 0 ? undefined : r.weighted(options);
}

function specialHome(r: Rng, slots: Slot[], g: Group, stack: string): Slot | undefined {
  const type = g.find((e) => e.label)?.label?.type ?? "";
  const find = (render: string) => slots.find((s) => s.t.render === render);
  const add = (path: string, render: string) => {
    if (slots.some((s) => s.t.path === path)) return undefined;
    const s: Slot = { t: { path, render, role: "main", weight: 0 }, groups: [] };
    slots.push(s);
    return s;
  };
  if (type === "private-key" && r.chance(0.45)) {
    const openssh = g[0]?.value.includes("OPENSSH") ?? false;
    return add(
      openssh
        ? r.pick([".ssh/id_ed25519", "deploy/keys/id_ed25519", "ci/deploy_key"])
        : r.pick([
            "certs/server.key",
            "keys/signing.pem",
            "config/jwt-private.pem",
            "secrets/app.key",
            `deploy/${app(r)}.pem`,
          ]),
      "key",
    );
  }
  if (type === "aws-access-key-id" && r.chance(0.25))
    return (
      find("ini:aws-credentials") ?? add(r.pick([".aws/credentials", "deploy/aws-credentials"]), "ini:aws-credentials")
    );
  if (type === "npm-token" && r.chance(0.5))
    return find("npmrc") ?? (/node|functions/.test(stack) ? add(".npmrc", "npmrc") : undefined);
  if (type === "pypi-token" && r.chance(0.5))
    return find("ini:pypirc") ?? (/python|notebooks/.test(stack) ? add(".pypirc", "ini:pypirc") : undefined);
  if (type === "azure-devops-pat" && r.chance(0.4)) return find("xml:nuget");
  return undefined;
}

type Render = (em: Emitter, r: Rng, groups: readonly Group[], flavor: string, deps: { npm: string[] }) => void;

const RENDERERS: Record<string, Render> = {
  env: (em, r, g) => renderEnv(em, r, g),
  json: (em, r, g, f) => renderJson(em, r, g, f as "appsettings" | "local-settings" | "config"),
  yaml: (em, r, g, f) => renderYaml(em, r, g, f as YamlFlavor),
  xml: (em, r, g, f) => renderXml(em, r, g, f as XmlFlavor),
  properties: (em, r, g) => renderProperties(em, r, g),
  ini: (em, r, g, f) => renderIni(em, r, g, f as IniFlavor),
  toml: (em, r, g) => renderToml(em, r, g),
  sh: (em, r, g) => renderShell(em, r, g),
  ps1: (em, r, g) => renderPowerShell(em, r, g),
  docker: (em, r, g) => renderDockerfile(em, r, g),
  tf: (em, r, g) => renderTerraform(em, r, g),
  tfvars: (em, r, g) => st.renderTfvars(em, r, g),
  md: (em, r, g) => renderMarkdown(em, r, g),
  ipynb: (em, r, g) => renderNotebook(em, r, g),
  key: (em, r, g) => renderKeyFile(em, r, g),
  npmrc: (em, r, g) => st.renderNpmrc(em, r, g),
  static: (em, r, _g, f, deps) => renderStatic(em, r, f, deps),
};

function render(em: Emitter, r: Rng, t: FileTemplate, groups: readonly Group[], deps: { npm: string[] }): void {
  const [kind, flavor = ""] = t.render.split(":") as [string, string | undefined];
  if (CODE_LANGS.has(kind)) {
    renderCodeFile(em, r, kind as CodeLang, groups, t.role === "test");
    return;
  }
  const fn = RENDERERS[kind];
  if (!fn) throw new RangeError(`no renderer for '${t.render}' (${t.path})`);
  fn(em, r, groups, flavor, deps);
}

const STATIC: Record<string, (em: Emitter, r: Rng, name: string, deps: { npm: string[] }) => void> = {
  "package-json": (em, r, name, deps) => {
    deps.npm = st.packageJson(em, r, name);
  },
  "package-lock": (em, r, name, deps) =>
    st.packageLock(em, r, name, deps.npm.length > 0 ? deps.npm : ["express", "dotenv"]),
  "go-mod": (em, r, name) => st.goMod(em, r, name),
  "go-sum": (em, r) => st.goSum(em, r),
  "tf-lock": (em, r) => st.terraformLock(em, r),
  requirements: (em, r) => st.requirementsTxt(em, r),
  gitignore: (em, r) => st.gitignore(em, r),
  pom: (em, r, name) => st.pomXml(em, r, name),
  csproj: (em, r) => st.csproj(em, r),
  gemfile: (em, r) => st.gemfile(em, r),
  composer: (em, r, name) => st.composerJson(em, r, name),
  "host-json": (em) => st.hostJson(em),
  "authorized-keys": (em, r) => {
    for (let i = 0; i < r.int(1, 4); i++)
      em.decoyLine("ssh-public-key", sshPublicKey(r, `${r.pick(FIRST)}@${org(r)}.com`));
  },
  certificate: (em, r) => {
    const pem = certificatePem(r, `${app(r)}.${org(r)}.com`);
    em.entries([{ words: ["certificate"], value: pem, shape: "pem", decoy: "certificate" }], [pem]);
  },
};

function renderStatic(em: Emitter, r: Rng, which: string, deps: { npm: string[] }): void {
  const fn = STATIC[which];
  if (!fn) throw new RangeError(`no static renderer '${which}'`);
  fn(em, r, `${app(r)}-${r.pick(["api", "service", "app"])}`, deps);
}

function fits(g: Group, render: string): boolean {
  const kind = render.split(":")[0] ?? render;
  return g.every((e) => !e.fits || e.fits.includes(render) || e.fits.includes(kind));
}

function isExampleDecoy(kind: string): boolean {
  return [
    "placeholder",
    "placeholder-connection",
    "env-reference",
    "empty",
    "template-reference",
    "keyvault-reference",
  ].includes(kind);
}

/** Builds the whole corpus for `seed`. */
export function buildCorpus(seed: number, repoCount: number): Corpus {
  const root = new Rng(seed);
  const stacks = stackBag(root.fork("stacks"), repoCount);
  const plans = Array.from({ length: repoCount }, (_, i) => {
    const r = root.fork(`repo-${i}`);
    return { i, r, stack: stacks[i] as string, secrets: r.chance(0.12) ? 0 : r.int(5, 17) };
  });
  const bag = secretBag(
    root.fork("bag"),
    plans.reduce((s, p) => s + p.secrets, 0),
  );
  const files: CorpusFile[] = [];
  const labels: PlacedLabel[] = [];
  const decoys: PlacedDecoy[] = [];
  const repos: Array<{ name: string; stack: string }> = [];
  const names = new Set<string>();
  let dealt = 0;
  for (const p of plans) {
    const r = p.r;
    let name = `${org(r)}-${app(r)}-${p.stack.split("-")[1] ?? "repo"}`;
    while (names.has(name)) name = `${name}-${r.int(2, 9)}`;
    names.add(name);
    repos.push({ name, stack: p.stack });
    const slots: Slot[] = filesOf(p.stack, r.fork("files")).map((t) => ({ t, groups: [] }));
    const secretGroups = bag.slice(dealt, dealt + p.secrets).map((k, j) => k.make(r.fork(`secret-${j}`)));
    dealt += p.secrets;
    const dr = r.fork("decoys");
    const decoyGroups = Array.from({ length: dr.int(20, 36) }, () =>
      dr.weighted(DECOY_KINDS.map((k) => [k, k.weight] as const)).make(dr),
    );
    const ar = r.fork("assign");
    for (const g of secretGroups) {
      const home =
        specialHome(ar, slots, g, p.stack) ??
        pickSlot(ar, slots, (s) => {
          if (SPECIAL.has(s.t.render)) return 0;
          if (PASSWORD_ONLY.has(s.t.render) && !g.every((e) => e.label && e.shape === "token")) return 0;
          if (s.t.role === "test") return s.t.weight * 0.15;
          return s.t.role === "main" || s.t.role === "docs" || s.t.role === "ci" ? s.t.weight : 0;
        });
      home?.groups.push(g);
    }
    for (const g of decoyGroups) {
      const kind = g[0]?.decoy ?? "";
      const home = pickSlot(ar, slots, (s) => {
        if (SPECIAL.has(s.t.render) || s.t.role === "static" || !fits(g, s.t.render)) return 0;
        // In example files and in files that exist to hold secrets, only references and placeholders are unambiguous decoys.
        if (s.t.role === "example" || PASSWORD_ONLY.has(s.t.render) || /secret/i.test(s.t.path))
          return isExampleDecoy(kind) ? 3 : 0;
        return s.t.weight + 1;
      });
      home?.groups.push(g);
    }
    for (const s of slots) {
      if (s.t.role === "test") for (let k = 0; k < ar.int(2, 4); k++) s.groups.push(testFake(ar));
      if (s.t.role === "ci")
        for (let k = 0; k < ar.int(1, 3); k++) s.groups.push(ciSecretRef(ar, s.t.render.split(":")[1]));
      if (s.t.render === "npmrc" && s.groups.length === 0)
        s.groups.push([{ words: ["npm", "token"], value: "${NPM_TOKEN}", shape: "expr", decoy: "env-reference" }]);
      s.groups.splice(0, s.groups.length, ...ar.shuffle(s.groups));
    }
    const deps = { npm: [] as string[] };
    const order = [...slots].sort((a, b) =>
      a.t.render === "static:package-json" ? -1 : b.t.render === "static:package-json" ? 1 : 0,
    );
    for (const s of order) {
      if ((s.t.render === "ini:pypirc" || s.t.render === "key") && s.groups.length === 0) continue;
      const fr = r.fork(`file:${s.t.path}`);
      const em = new Emitter();
      render(em, fr, s.t, s.groups, deps);
      const path = `${name}/${s.t.path}`;
      const dotnet = p.stack === "dotnet-api" || /\.(cs|ps1|config)$/.test(path);
      const eol = (dotnet && fr.chance(0.5)) || fr.chance(0.06) ? "\r\n" : "\n";
      const bom = dotnet && /\.(cs|json)$/.test(path) && fr.chance(0.1) ? "\uFEFF" : "";
      const text = bom + em.lines.map((l) => l.text).join(eol) + (fr.chance(0.92) ? eol : "");
      files.push({ path, content: text });
      em.lines.forEach((l, idx) => {
        for (const lb of l.labels) labels.push({ path, line: idx + 1, type: lb.type, secret: lb.secret });
        if (l.labels.length === 0)
          for (const d of l.decoys) decoys.push({ path, line: idx + 1, kind: d.kind, value: d.value });
      });
    }
    if (r.chance(0.3))
      files.push({
        path: `${name}/${r.pick(["assets/logo.png", "docs/images/architecture.png", "public/favicon.png"])}`,
        content: st.binaryPng(r.fork("png")),
      });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, labels, decoys, repos };
}
