/**
 * Configuration formats: .env, JSON (appsettings, local.settings, config), YAML (app config,
 * compose, Kubernetes, GitHub workflow, Azure Pipelines, Helm values), XML (web.config, Maven,
 * NuGet), .properties, .ini, .toml.
 */
import {
  type Emitter,
  type Entry,
  exprFor,
  type Group,
  jsonEscape,
  type NameStyle,
  nameOf,
  xmlEscape,
} from "../model.ts";
import type { Rng } from "../prng.ts";
import { app, org } from "../words.ts";

const valueText = (e: Entry) => (e.shape === "expr" ? exprFor(e, "*") : e.value);
const section = (g: Group) => (g[0]?.words[0] ?? "app").toLowerCase();
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---- .env --------------------------------------------------------------------------------

export function renderEnv(em: Emitter, r: Rng, groups: readonly Group[]): void {
  const exp = r.chance(0.15) ? "export " : "";
  em.push(
    `# ${r.pick(["Local settings", "Environment", "Runtime configuration", `${app(r)} settings`])}`,
    `NODE_ENV=${r.pick(["production", "development"])}`,
    `PORT=${r.pick([3000, 8080, 5000])}`,
    "",
  );
  for (const g of groups) {
    if (r.chance(0.3)) em.push(`# ${section(g)}`);
    for (const e of g) {
      const n = nameOf(e.words, "screaming");
      const v = valueText(e);
      if (e.shape === "pem") {
        em.entry(e, r.chance(0.5) ? `${exp}${n}="${v}"` : `${exp}${n}="${v.replace(/\n/g, "\\n")}"`);
        continue;
      }
      const q = /[\s;&|<>()$`]/.test(v) || e.shape === "connstr" ? '"' : r.pick(["", "", '"', "'"]);
      const line = `${exp}${n}=${q}${v}${q}`;
      if (e.label && r.chance(0.06)) em.entry(e, `# ${line}`);
      else em.entry(e, line);
    }
    if (r.chance(0.5)) em.push("");
  }
}

// ---- JSON --------------------------------------------------------------------------------

const js = (v: string) => `"${jsonEscape(v)}"`;

export function renderJson(
  em: Emitter,
  r: Rng,
  groups: readonly Group[],
  flavor: "appsettings" | "local-settings" | "config",
): void {
  const ind = r.pick(["  ", "  ", "    ", "\t"]);
  const style: NameStyle = flavor === "config" ? r.pick(["camel", "snake"]) : "pascal";
  const lines: Array<{ e?: Entry; text: string }> = [];
  const members = (entries: readonly Entry[], depth: number, nameStyle: NameStyle) =>
    entries.map((e) => ({
      e,
      text: `${ind.repeat(depth)}"${nameOf(e.words, nameStyle)}": ${e.value === "" && r.chance(0.3) ? "null" : js(valueText(e))}`,
    }));
  const out: Array<Array<{ e?: Entry; text: string }>> = [];
  if (flavor === "local-settings") {
    const flat = groups.flat();
    out.push([{ text: `${ind}"IsEncrypted": false` }]);
    out.push([
      { text: `${ind}"Values": {` },
      { text: `${ind}${ind}"FUNCTIONS_WORKER_RUNTIME": "${r.pick(["node", "python", "dotnet-isolated"])}",` },
      ...members(flat, 2, r.pick(["screaming", "pascal"])).map((m, i, a) => ({
        ...m,
        text: m.text + (i < a.length - 1 ? "," : ""),
      })),
      { text: `${ind}}` },
    ]);
  } else {
    if (flavor === "appsettings")
      out.push([
        { text: `${ind}"Logging": {` },
        { text: `${ind}${ind}"LogLevel": {` },
        { text: `${ind}${ind}${ind}"Default": "Information",` },
        { text: `${ind}${ind}${ind}"Microsoft.AspNetCore": "Warning"` },
        { text: `${ind}${ind}}` },
        { text: `${ind}}` },
      ]);
    else out.push([{ text: `${ind}"name": "${app(r)}"` }, { text: `${ind}"port": ${r.pick([80, 443, 8080, 3000])}` }]);
    const conns = groups.filter((g) => flavor === "appsettings" && g.length === 1 && g[0]?.shape === "connstr");
    if (conns.length > 0) {
      const ms = members(conns.flat(), 2, "pascal");
      out.push([
        { text: `${ind}"ConnectionStrings": {` },
        ...ms.map((m, i) => ({ ...m, text: m.text + (i < ms.length - 1 ? "," : "") })),
        { text: `${ind}}` },
      ]);
    }
    for (const g of groups.filter((x) => !conns.includes(x))) {
      const sec = flavor === "appsettings" ? cap(section(g)) : section(g);
      const ms = members(g, 2, style);
      if (r.chance(0.25) && g.length === 1) out.push(members(g, 1, style));
      else
        out.push([
          { text: `${ind}"${sec}": {` },
          ...ms.map((m, i) => ({ ...m, text: m.text + (i < ms.length - 1 ? "," : "") })),
          { text: `${ind}}` },
        ]);
    }
    if (flavor === "appsettings") out.push([{ text: `${ind}"AllowedHosts": "*"` }]);
  }
  lines.push({ text: "{" });
  out.forEach((block, i) => {
    const last = block.length - 1;
    block.forEach((l, j) => {
      lines.push(j === last && i < out.length - 1 ? { ...l, text: `${l.text},` } : l);
    });
  });
  lines.push({ text: "}" });
  for (const l of lines)
    if (l.e) em.entry(l.e, l.text);
    else em.push(l.text);
}

// ---- YAML --------------------------------------------------------------------------------

function yamlScalar(v: string, r: Rng, indent: string): string {
  if (v.includes("\n"))
    return `|\n${v
      .split("\n")
      .map((l) => indent + l)
      .join("\n")}`;
  if (v === "") return r.pick(['""', "''", ""]);
  const needsQuote = /^[!&*@`%{[>|,?:#-]|: | #|^\s|\s$/.test(v) || /^(true|false|yes|no|null|~|\d+)$/i.test(v);
  if (needsQuote || r.chance(0.35)) return r.chance(0.7) ? `"${jsonEscape(v)}"` : `'${v.replace(/'/g, "''")}'`;
  return v;
}

export type YamlFlavor = "app" | "compose" | "k8s-deployment" | "k8s-secret" | "workflow" | "azure-pipelines" | "helm";

export function renderYaml(em: Emitter, r: Rng, groups: readonly Group[], flavor: YamlFlavor): void {
  const ind = r.pick(["  ", "  ", "    "]);
  const name = app(r);
  const flat = groups.flat();
  switch (flavor) {
    case "app":
    case "helm": {
      const style: NameStyle = r.pick(["snake", "camel", "kebab"]);
      em.push(
        flavor === "helm" ? `replicaCount: ${r.int(1, 4)}` : `server:\n${ind}port: ${r.pick([8080, 8000, 9000])}`,
        flavor === "helm"
          ? `image:\n${ind}repository: ${org(r)}.azurecr.io/${name}\n${ind}tag: "${r.int(1, 3)}.${r.int(0, 20)}.${r.int(0, 9)}"`
          : `logging:\n${ind}level: ${r.pick(["info", "debug", "warn"])}`,
      );
      for (const g of groups) {
        em.push(`${section(g)}:`);
        for (const e of g)
          em.entry(
            e,
            `${ind}${nameOf(e.words.length > 1 ? e.words.slice(1) : e.words, style)}: ${yamlScalar(valueText(e), r, ind + ind)}`,
          );
      }
      return;
    }
    case "compose": {
      em.push(
        r.chance(0.5) ? `version: "3.${r.int(7, 9)}"` : `name: ${name}`,
        "services:",
        `${ind}${name}:`,
        `${ind}${ind}build: .`,
        `${ind}${ind}ports:`,
        `${ind}${ind}${ind}- "${r.pick([8080, 3000])}:${r.pick([8080, 3000])}"`,
        `${ind}${ind}environment:`,
      );
      const list = r.chance(0.5);
      for (const e of flat) {
        const n = nameOf(e.words, "screaming");
        const v = valueText(e);
        if (e.shape === "pem") em.entry(e, `${ind}${ind}${ind}${n}: ${yamlScalar(v, r, ind.repeat(4))}`);
        else if (list) em.entry(e, `${ind}${ind}${ind}- ${n}=${v}`);
        else em.entry(e, `${ind}${ind}${ind}${n}: ${yamlScalar(v, r, ind.repeat(4))}`);
      }
      em.push(
        `${ind}${ind}depends_on:`,
        `${ind}${ind}${ind}- db`,
        `${ind}db:`,
        `${ind}${ind}image: postgres:16`,
        `${ind}${ind}volumes:`,
        `${ind}${ind}${ind}- pgdata:/var/lib/postgresql/data`,
        "volumes:",
        `${ind}pgdata: {}`,
      );
      return;
    }
    case "k8s-deployment": {
      em.push(
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        `${ind}name: ${name}`,
        "spec:",
        `${ind}replicas: ${r.int(1, 3)}`,
        `${ind}template:`,
        `${ind}${ind}spec:`,
        `${ind}${ind}${ind}containers:`,
        `${ind}${ind}${ind}${ind}- name: ${name}`,
        `${ind}${ind}${ind}${ind}${ind}image: ${org(r)}.azurecr.io/${name}:latest`,
        `${ind}${ind}${ind}${ind}${ind}env:`,
      );
      const p = ind.repeat(5);
      for (const e of flat) {
        em.push(`${p}- name: ${nameOf(e.words, "screaming")}`);
        em.entry(e, `${p}  value: ${yamlScalar(valueText(e), r, `${p}    `)}`);
      }
      if (r.chance(0.6)) {
        em.decoyLine("secret-reference", `${p}- name: DB_PASSWORD`);
        em.push(`${p}  valueFrom:`, `${p}    secretKeyRef:`, `${p}      name: ${name}-db`, `${p}      key: password`);
      }
      return;
    }
    case "k8s-secret": {
      em.push(
        "apiVersion: v1",
        "kind: Secret",
        "metadata:",
        `${ind}name: ${name}-secrets`,
        `${ind}namespace: ${r.pick(["default", name, "prod"])}`,
        "type: Opaque",
        "stringData:",
      );
      for (const e of flat)
        em.entry(
          e,
          `${ind}${nameOf(e.words, r.pick(["snake", "screaming", "kebab"]))}: ${yamlScalar(valueText(e), r, ind + ind)}`,
        );
      return;
    }
    case "workflow": {
      em.push(
        `name: ${r.pick(["CI", "Deploy", "Build and test", "Release"])}`,
        "",
        "on:",
        `${ind}push:`,
        `${ind}${ind}branches: [main]`,
        `${ind}pull_request:`,
        "",
        "env:",
      );
      for (const e of flat)
        em.entry(e, `${ind}${nameOf(e.words, "screaming")}: ${yamlScalar(valueText(e), r, ind + ind)}`);
      const step = ind.repeat(3);
      const item = `${step}  `;
      em.push("", "jobs:", `${ind}build:`, `${ind}${ind}runs-on: ubuntu-latest`, `${ind}${ind}steps:`);
      em.decoyLine("random-id", `${step}- uses: actions/checkout@${r.hex(40)} # v4`);
      em.push(
        `${step}- uses: actions/setup-node@v4`,
        `${item}with:`,
        `${item}${ind}node-version: 24`,
        `${step}- run: npm ci && npm test`,
        `${item}env:`,
      );
      em.decoyLine("ci-secret-reference", `${item}${ind}GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}`);
      return;
    }
    case "azure-pipelines": {
      em.push("trigger:", `${ind}- main`, "", "pool:", `${ind}vmImage: ubuntu-latest`, "", "variables:");
      for (const e of flat) {
        em.push(`${ind}- name: ${nameOf(e.words, r.pick(["pascal", "camel"]))}`);
        em.entry(e, `${ind}${ind}value: ${yamlScalar(valueText(e), r, ind.repeat(3))}`);
      }
      em.push("", "steps:", `${ind}- script: dotnet build --configuration Release`, `${ind}${ind}displayName: Build`);
      return;
    }
  }
}

// ---- XML ---------------------------------------------------------------------------------

export type XmlFlavor = "web-config" | "maven-settings" | "nuget" | "spring";

export function renderXml(em: Emitter, r: Rng, groups: readonly Group[], flavor: XmlFlavor): void {
  const flat = groups.flat();
  const x = (e: Entry) => xmlEscape(valueText(e));
  em.push(`<?xml version="1.0" encoding="utf-8"?>`);
  switch (flavor) {
    case "web-config": {
      em.push("<configuration>");
      const conns = flat.filter((e) => e.shape === "connstr");
      if (conns.length > 0) {
        em.push("  <connectionStrings>");
        for (const e of conns)
          em.entry(
            e,
            `    <add name="${nameOf(e.words, "pascal")}" connectionString="${x(e)}" providerName="System.Data.SqlClient" />`,
          );
        em.push("  </connectionStrings>");
      }
      em.push("  <appSettings>", `    <add key="webpages:Version" value="3.0.0.0" />`);
      for (const e of flat.filter((y) => y.shape !== "connstr")) {
        if (e.shape === "pem") em.entry(e, `    <add key="${nameOf(e.words, "pascal")}" value="${x(e)}" />`);
        else em.entry(e, `    <add key="${nameOf(e.words, r.pick(["pascal", "camel"]))}" value="${x(e)}" />`);
      }
      em.push(
        "  </appSettings>",
        "  <system.web>",
        `    <compilation debug="false" targetFramework="4.8" />`,
        "  </system.web>",
        "</configuration>",
      );
      return;
    }
    case "maven-settings": {
      em.push(`<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">`, "  <servers>");
      for (const e of flat) {
        em.push(
          "    <server>",
          `      <id>${app(r)}-${r.pick(["releases", "snapshots", "feed"])}</id>`,
          `      <username>${r.pick(["deploy", "ci", org(r)])}</username>`,
        );
        em.entry(e, `      <password>${x(e)}</password>`);
        em.push("    </server>");
      }
      em.push("  </servers>", "</settings>");
      return;
    }
    case "nuget": {
      const feed = org(r);
      em.push(
        "<configuration>",
        "  <packageSources>",
        `    <add key="${feed}" value="https://pkgs.dev.azure.com/${feed}/_packaging/${app(r)}/nuget/v3/index.json" />`,
        "  </packageSources>",
        "  <packageSourceCredentials>",
        `    <${feed}>`,
        `      <add key="Username" value="${r.pick(["build", "ci", "any"])}" />`,
      );
      for (const e of flat) em.entry(e, `      <add key="ClearTextPassword" value="${x(e)}" />`);
      em.push(`    </${feed}>`, "  </packageSourceCredentials>", "</configuration>");
      return;
    }
    case "spring": {
      em.push(
        `<beans xmlns="http://www.springframework.org/schema/beans">`,
        `  <bean id="dataSource" class="com.zaxxer.hikari.HikariDataSource">`,
      );
      for (const e of flat) em.entry(e, `    <property name="${nameOf(e.words, "camel")}" value="${x(e)}" />`);
      em.push("  </bean>", "</beans>");
      return;
    }
  }
}

// ---- .properties / .ini / .toml ------------------------------------------------------------

export function renderProperties(em: Emitter, r: Rng, groups: readonly Group[]): void {
  const sep = r.pick(["=", "=", " = ", ": "]);
  em.push(
    `# ${app(r)} configuration`,
    `server.port${sep}${r.pick([8080, 8443])}`,
    `spring.application.name${sep}${app(r)}`,
    "",
  );
  for (const g of groups) {
    const prefix = r.pick(["", "app.", "spring.datasource.", `${section(g)}.`]);
    for (const e of g) {
      const v = valueText(e).replace(/\n/g, "\\n");
      const line = `${prefix}${nameOf(e.words, r.pick(["dot", "kebab", "camel"]))}${sep}${v}`;
      if (e.label && r.chance(0.05)) em.entry(e, `#${line}`);
      else em.entry(e, line);
    }
    em.push("");
  }
}

export type IniFlavor = "generic" | "aws-credentials" | "pypirc";

export function renderIni(em: Emitter, r: Rng, groups: readonly Group[], flavor: IniFlavor): void {
  const sep = r.pick([" = ", "=", " = "]);
  const write = (e: Entry, key: string) => {
    const v = valueText(e);
    if (v.includes("\n")) em.entry(e, `${key}${sep}${v.split("\n").join("\n    ")}`);
    else em.entry(e, `${key}${sep}${v}`);
  };
  if (flavor === "aws-credentials") {
    em.push("[default]");
  } else if (flavor === "pypirc") {
    em.push("[distutils]", "index-servers =", "    pypi", "", "[pypi]", "username = __token__");
  } else {
    em.push(`; ${app(r)} settings`, "[server]", `host${sep}0.0.0.0`, `port${sep}${r.pick([8000, 8080])}`, "");
  }
  groups.forEach((g, i) => {
    if (flavor === "generic") em.push(`[${section(g)}]`);
    if (flavor === "aws-credentials" && i > 0)
      em.push(`[${r.pick(["prod", "staging", "deploy", "ci", "backup"])}${i > 1 ? i : ""}]`);
    if (flavor === "pypirc") for (const e of g) write(e, "password");
    else if (flavor === "aws-credentials")
      for (const e of g) write(e, e.words.join("_") === "aws_region" ? "region" : nameOf(e.words, "snake"));
    else for (const e of g) write(e, nameOf(e.words, r.pick(["snake", "snake", "kebab"])));
    if (flavor !== "pypirc") em.push("");
  });
}

export function renderToml(em: Emitter, r: Rng, groups: readonly Group[]): void {
  em.push(`# ${r.pick(["secrets.toml", "Application settings", "Deployment config"])}`, `title = "${app(r)}"`, "");
  for (const g of groups) {
    em.push(`[${section(g)}]`);
    for (const e of g) {
      const v = valueText(e);
      em.entry(
        e,
        `${nameOf(e.words, "snake")} = ${v.includes("\n") ? `'''\n${v}'''` : r.chance(0.8) ? `"${jsonEscape(v)}"` : `'${v}'`}`,
      );
    }
    em.push("");
  }
}
