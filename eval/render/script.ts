/**
 * Scripts and infrastructure: shell, PowerShell, Dockerfile, Terraform; plus Markdown docs,
 * Jupyter notebooks and stand-alone key files.
 */
import { Buffer } from "node:buffer";
import { Emitter, type Entry, exprFor, type Group, jsonEscape, type Line, nameOf } from "../model.ts";
import type { Rng } from "../prng.ts";
import { accountName, app, org } from "../words.ts";
import { renderCodeGroup } from "./code.ts";

const valueText = (e: Entry, lang: string) => (e.shape === "expr" ? exprFor(e, lang) : e.value);
const API = (r: Rng) => `https://${r.pick(["api", app(r)])}.${org(r)}.com/v${r.int(1, 3)}/${app(r)}`;

// ---- shell -------------------------------------------------------------------------------

function shellEntry(em: Emitter, r: Rng, e: Entry): void {
  const v = valueText(e, "sh");
  const t = e.label?.type ?? "";
  const n = nameOf(e.words, "screaming");
  if (e.shape === "pem") {
    em.entry(
      e,
      `cat > ${r.pick(["~/.ssh/id_rsa", "/tmp/deploy_key", "./certs/server.key", "$HOME/.ssh/deploy"])} <<'EOF'`,
      v,
      "EOF",
      `chmod 600 ${r.pick(["~/.ssh/id_rsa", "/tmp/deploy_key"])}`,
    );
    return;
  }
  if (e.shape === "expr") {
    em.entry(e, `export ${n}=${v}`);
    return;
  }
  const choices: Array<readonly [() => void, number]> = [
    [() => em.entry(e, `export ${n}="${v}"`), 4],
    [() => em.entry(e, `${n}='${v}'`), 1],
  ];
  if (e.label && (e.scheme || e.header))
    choices.push([
      () =>
        em.entry(
          e,
          `curl -sS -H "${e.header ?? "Authorization"}: ${e.header ? "" : `${e.scheme} `}${v}" ${API(r)}${r.chance(0.5) ? " | jq ." : ""}`,
        ),
      4,
    ]);
  if (e.shape === "url" && t.includes("github")) choices.push([() => em.entry(e, `git clone ${v} ${app(r)}`), 4]);
  if (e.shape === "url" && t === "azure-devops-pat")
    choices.push([() => em.entry(e, `git remote set-url origin "${v}"`), 4]);
  if (e.shape === "url" && (t === "azure-sas-token" || t === "azure-functions-key" || t === "slack-webhook"))
    choices.push([
      () =>
        em.entry(
          e,
          `curl -fsSL ${t === "slack-webhook" ? `-X POST -d '{"text":"deploy finished"}' ` : ""}"${v}"${t === "azure-sas-token" ? " -o backup.tar.gz" : ""}`,
        ),
      4,
    ]);
  if (e.shape === "url" && /postgres/.test(t)) choices.push([() => em.entry(e, `psql "${v}" -c 'select 1'`), 3]);
  if (e.shape === "url" && /mongodb/.test(t))
    choices.push([() => em.entry(e, `mongosh "${v}" --eval 'db.stats()'`), 3]);
  if (t === "azure-container-registry-password")
    choices.push(
      [() => em.entry(e, `docker login ${accountName(r)}.azurecr.io -u ${accountName(r)} -p ${v}`), 3],
      [
        () =>
          em.entry(
            e,
            `echo "${v}" | docker login ${accountName(r)}.azurecr.io --username ${accountName(r)} --password-stdin`,
          ),
        2,
      ],
    );
  if (t === "azure-storage-account-key")
    choices.push([
      () =>
        em.entry(
          e,
          `az storage blob upload --account-name ${accountName(r)} --account-key "${v}" -c backups -f dump.gz -n dump.gz`,
        ),
      4,
    ]);
  if (t === "entra-client-secret")
    choices.push([() => em.entry(e, `az login --service-principal -u ${r.uuid()} -p "${v}" --tenant ${r.uuid()}`), 4]);
  if (t === "npm-token")
    choices.push([() => em.entry(e, `echo "//registry.npmjs.org/:_authToken=${v}" > ~/.npmrc`), 4]);
  if (t === "pypi-token") choices.push([() => em.entry(e, `twine upload -u __token__ -p ${v} dist/*`), 4]);
  if (t === "generic-password" || t === "sql-connection-string")
    choices.push([() => em.entry(e, `mysql -h ${app(r)}-db -u root -p'${v}' < schema.sql`), 1]);
  r.weighted(choices)();
}

export function renderShell(em: Emitter, r: Rng, groups: readonly Group[]): void {
  em.push(
    r.pick(["#!/usr/bin/env bash", "#!/bin/bash", "#!/bin/sh"]),
    r.pick(["set -euo pipefail", "set -e"]),
    "",
    `# ${r.pick(["Deploy", "Bootstrap", "Nightly backup", "Seed the database", "Publish packages"])} for ${app(r)}`,
  );
  for (const g of groups) {
    em.push("");
    for (const e of g) shellEntry(em, r, e);
  }
  em.push("", `echo "done"`);
}

export function renderPowerShell(em: Emitter, r: Rng, groups: readonly Group[]): void {
  em.push(
    "param(",
    `    [string]$ResourceGroup = "rg-${app(r)}-${r.pick(["prod", "dev"])}"`,
    ")",
    "",
    "$ErrorActionPreference = 'Stop'",
  );
  for (const g of groups) {
    em.push("");
    for (const e of g) {
      const v = valueText(e, "ps1");
      const n = nameOf(e.words, "pascal");
      if (e.shape === "pem") em.entry(e, `$${n} = @"`, v, `"@`);
      else if (e.shape === "expr") em.entry(e, `$${n} = $env:${nameOf(e.words, "screaming")}`);
      else if (e.label && (e.scheme || e.header) && r.chance(0.5))
        em.entry(
          e,
          `Invoke-RestMethod -Uri "${API(r)}" -Headers @{ "${e.header ?? "Authorization"}" = "${e.header ? "" : `${e.scheme} `}${v}" }`,
        );
      else if (e.label && /password|secret/.test(e.label.type) && r.chance(0.5))
        em.entry(e, `$${n} = ConvertTo-SecureString "${v}" -AsPlainText -Force`);
      else em.entry(e, r.chance(0.5) ? `$env:${nameOf(e.words, "screaming")} = "${v}"` : `$${n} = '${v}'`);
    }
  }
  em.push("", `Write-Host "Configured $ResourceGroup"`);
}

// ---- Dockerfile --------------------------------------------------------------------------

export function renderDockerfile(em: Emitter, r: Rng, groups: readonly Group[]): void {
  em.push(
    `FROM ${r.pick(["node:20-alpine", "python:3.12-slim", "mcr.microsoft.com/dotnet/aspnet:8.0", "golang:1.22 AS build", "eclipse-temurin:21-jre"])}`,
    "WORKDIR /app",
    "COPY . .",
  );
  for (const e of groups.flat()) {
    const v = valueText(e, "docker");
    const n = nameOf(e.words, "screaming");
    const t = e.label?.type ?? "";
    if (e.shape === "pem")
      em.entry(
        e,
        `RUN mkdir -p /root/.ssh && echo "${v.replace(/\n/g, "\\n")}" > /root/.ssh/id_rsa && chmod 600 /root/.ssh/id_rsa`,
      );
    else if (t === "npm-token")
      em.entry(e, `RUN echo "//registry.npmjs.org/:_authToken=${v}" > .npmrc && npm ci && rm .npmrc`);
    else if (e.label && e.scheme && r.chance(0.3))
      em.entry(e, `RUN curl -fsSL -H "Authorization: ${e.scheme} ${v}" ${API(r)}/artifact.tgz | tar xz`);
    else
      em.entry(
        e,
        `${r.pick(["ENV", "ENV", "ARG"])} ${n}${r.chance(0.7) ? "=" : " "}${/[\s;&]/.test(v) ? `"${v}"` : v}`,
      );
  }
  em.push(
    `EXPOSE ${r.pick([80, 8080, 3000])}`,
    `CMD ${r.pick(['["node", "server.js"]', '["python", "-m", "app"]', '["dotnet", "App.dll"]', '["./server"]'])}`,
  );
}

// ---- Terraform ---------------------------------------------------------------------------

export function renderTerraform(em: Emitter, r: Rng, groups: readonly Group[]): void {
  const lit = (e: Entry) => {
    const v = valueText(e, "tf");
    if (e.shape === "expr") return v;
    return v.includes("\n") ? `<<-EOT\n${v}\nEOT` : `"${jsonEscape(v)}"`;
  };
  em.push(
    `terraform {`,
    `  required_providers {`,
    `    azurerm = {`,
    `      source  = "hashicorp/azurerm"`,
    `      version = "~> 3.${r.int(80, 116)}"`,
    "    }",
    "  }",
    "}",
    "",
  );
  for (const g of groups) {
    const style = r.weighted<"provider" | "app_settings" | "variable" | "locals">([
      ["provider", 1],
      ["app_settings", 2],
      ["variable", 2],
      ["locals", 2],
    ]);
    if (style === "provider" && g.some((e) => e.label?.type === "entra-client-secret")) {
      em.push(`provider "azurerm" {`, "  features {}");
      for (const e of g) em.entry(e, `  ${nameOf(e.words.slice(-2), "snake")} = ${lit(e)}`);
      em.push("}", "");
    } else if (style === "app_settings" && !g.some((e) => e.shape === "pem")) {
      const n = app(r);
      em.push(
        `resource "azurerm_linux_web_app" "${n}" {`,
        `  name                = "app-${n}-${r.pick(["prod", "dev"])}"`,
        "  resource_group_name = azurerm_resource_group.main.name",
        "  location            = azurerm_resource_group.main.location",
        "  service_plan_id     = azurerm_service_plan.main.id",
        "",
        "  app_settings = {",
      );
      for (const e of g) em.entry(e, `    "${nameOf(e.words, "screaming")}" = ${lit(e)}`);
      em.push("  }", "}", "");
    } else if (style === "variable") {
      for (const e of g) {
        em.push(`variable "${nameOf(e.words, "snake")}" {`, "  type      = string");
        em.entry(e, `  default   = ${lit(e)}`);
        em.push(...(r.chance(0.5) ? ["  sensitive = true"] : []), "}", "");
      }
    } else {
      em.push("locals {");
      for (const e of g) em.entry(e, `  ${nameOf(e.words, "snake")} = ${lit(e)}`);
      em.push("}", "");
    }
  }
}

// ---- Markdown ----------------------------------------------------------------------------

export function renderMarkdown(em: Emitter, r: Rng, groups: readonly Group[]): void {
  const n = app(r);
  em.push(
    `# ${n.charAt(0).toUpperCase() + n.slice(1)} ${r.pick(["service", "API", "worker", "runbook", "setup notes"])}`,
    "",
    `This ${r.pick(["repository", "service", "document"])} ${r.pick(["describes how to run", "contains", "explains the deployment of"])} the ${n} ${r.pick(["backend", "jobs", "integration"])}.`,
    "",
    "## Configuration",
    "",
  );
  const prose = [
    "Ask the platform team for access to the shared subscription before you start.",
    "The values below are what the staging environment uses today.",
    "Copy these into your local environment; CI reads them from the pipeline settings.",
    "If a request fails with 401, the credentials below have probably been rotated.",
    "These settings are read once at startup, so restart the service after a change.",
    "For production the same settings come from the app service configuration.",
  ];
  for (const g of groups) {
    if (r.chance(0.4)) em.push(r.pick(prose), "");
    const form = r.weighted<"bash" | "env" | "json" | "inline" | "table">([
      ["bash", 3],
      ["env", 2],
      ["json", 1],
      ["inline", 2],
      ["table", 1],
    ]);
    if (g.some((e) => e.shape === "pem")) {
      for (const e of g) {
        if (e.shape === "pem")
          em.entry(e, `The ${nameOf(e.words, "kebab").replace(/-/g, " ")}:`, "", "```", valueText(e, "md"), "```");
        else em.entry(e, `- \`${nameOf(e.words, "screaming")}\`: \`${valueText(e, "md")}\``);
      }
    } else if (form === "bash") {
      em.push("```bash");
      for (const e of g) shellEntry(em, r, e);
      em.push("```");
    } else if (form === "env") {
      em.push("```", `# .env${r.chance(0.5) ? ".local" : ""}`);
      for (const e of g) em.entry(e, `${nameOf(e.words, "screaming")}=${valueText(e, "md")}`);
      em.push("```");
    } else if (form === "json") {
      em.push("```json", "{");
      g.forEach((e, i) => {
        em.entry(
          e,
          `  "${nameOf(e.words, "camel")}": "${jsonEscape(valueText(e, "md"))}"${i < g.length - 1 ? "," : ""}`,
        );
      });
      em.push("}", "```");
    } else if (form === "inline") {
      for (const e of g)
        em.entry(
          e,
          `- ${((p) => `${p[0]} \`${nameOf(e.words, "screaming")}\` ${p[1]}`)(
            r.pick([
              ["Set", "to"],
              ["The current value of", "is"],
              ["Use", "="],
            ]),
          )} \`${valueText(e, "md")}\``,
        );
    } else {
      em.push("| Setting | Value |", "|---|---|");
      for (const e of g) em.entry(e, `| \`${nameOf(e.words, "screaming")}\` | \`${valueText(e, "md")}\` |`);
    }
    em.push("");
  }
  em.push("## Running locally", "", "```bash", "npm install", "npm run dev", "```");
}

// ---- Jupyter -----------------------------------------------------------------------------

export function renderNotebook(em: Emitter, r: Rng, groups: readonly Group[]): void {
  const cells: Line[][] = [];
  const md = (text: string): Line[] => [{ text, labels: [], decoys: [] }];
  cells.push(md(`# ${app(r)} ${r.pick(["exploration", "analysis", "model evaluation", "data pull"])}`));
  for (const g of groups) {
    const sub = new Emitter();
    sub.push("import os");
    const only = g.length === 1 ? g[0] : undefined;
    if (only && only.shape === "token" && r.chance(0.3))
      sub.entry(only, `%env ${nameOf(only.words, "screaming")}=${only.value}`);
    else renderCodeGroup(sub, r, "py", g);
    sub.push(r.pick(["df = load_frame(client)", "resp = session.get(url)", "print(len(rows))"]));
    cells.push(sub.lines);
  }
  em.push("{", ` "cells": [`);
  cells.forEach((cell, ci) => {
    const isMd = ci === 0;
    em.push(
      "  {",
      `   "cell_type": "${isMd ? "markdown" : "code"}",`,
      ...(isMd ? [] : [`   "execution_count": ${ci},`]),
      `   "metadata": {},`,
    );
    if (!isMd && r.chance(0.25)) {
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from(r.bytes(r.int(200, 900))),
      ]).toString("base64");
      em.push(`   "outputs": [`, "    {", `     "data": {`);
      em.decoyLine("data-blob", `      "image/png": "${png}",`);
      em.push(
        `      "text/plain": [ "<Figure size 640x480 with 1 Axes>" ]`,
        "     },",
        `     "metadata": {},`,
        `     "output_type": "display_data"`,
        "    }",
        "   ],",
      );
    } else if (!isMd) em.push(`   "outputs": [],`);
    em.push(`   "source": [`);
    cell.forEach((l, li) => {
      const last = li === cell.length - 1;
      em.lines.push({ ...l, text: `    ${JSON.stringify(l.text + (last ? "" : "\n"))}${last ? "" : ","}` });
    });
    em.push("   ]", `  }${ci < cells.length - 1 ? "," : ""}`);
  });
  em.push(
    " ],",
    ` "metadata": {`,
    `  "kernelspec": { "display_name": "Python 3", "language": "python", "name": "python3" }`,
    " },",
    ` "nbformat": 4,`,
    ` "nbformat_minor": 5`,
    "}",
  );
}

// ---- key files ---------------------------------------------------------------------------

export function renderKeyFile(em: Emitter, _r: Rng, groups: readonly Group[]): void {
  const e = groups.flat()[0];
  if (e) em.entry(e, e.value);
}
