/**
 * Source-code files (Python, JavaScript, TypeScript, Go, Java, C#, Ruby, PHP): boilerplate around
 * groups of settings written the ways people really write them — constants, config objects,
 * client constructors, headers, HTTP calls, env defaults, fallbacks, config embedded in
 * multi-line strings and commented-out lines.
 */
import { Emitter, type Entry, exprFor, type Group, nameOf } from "../model.ts";
import type { Rng } from "../prng.ts";
import { app, org } from "../words.ts";
import { FILLERS } from "./fillers.ts";
import { type CodeLang, type LangSpec, pascal, SPECS } from "./langs.ts";

export type { CodeLang } from "./langs.ts";

/** Client classes a group of a given secret type is passed to. */
const CLIENTS: Record<string, Partial<Record<CodeLang, string>>> = {
  "azure-storage-connection-string": {
    py: "BlobServiceClient.from_connection_string",
    js: "BlobServiceClient.fromConnectionString",
    cs: "BlobServiceClient",
    go: "azblob.NewClientFromConnectionString",
  },
  "azure-servicebus-connection-string": {
    py: "ServiceBusClient.from_connection_string",
    js: "ServiceBusClient",
    cs: "ServiceBusClient",
  },
  "azure-eventhub-connection-string": {
    py: "EventHubProducerClient.from_connection_string",
    js: "EventHubProducerClient",
    cs: "EventHubProducerClient",
  },
  "azure-cosmosdb-connection-string": {
    cs: "CosmosClient",
    js: "CosmosClient",
    py: "CosmosClient.from_connection_string",
  },
  "entra-client-secret": {
    py: "ClientSecretCredential",
    js: "ClientSecretCredential",
    ts: "ClientSecretCredential",
    cs: "ClientSecretCredential",
    go: "azidentity.NewClientSecretCredential",
  },
  "aws-access-key-id": {
    py: "boto3.client",
    java: "BasicAWSCredentials",
    cs: "BasicAWSCredentials",
    go: "credentials.NewStaticCredentials",
  },
  "slack-token": { py: "WebClient", js: "WebClient", ts: "WebClient" },
  "openai-api-key": { py: "OpenAI", js: "OpenAI", ts: "OpenAI" },
  "anthropic-api-key": { py: "anthropic.Anthropic", ts: "Anthropic" },
  "stripe-secret-key": { js: "Stripe", ts: "Stripe", rb: "Stripe::StripeClient", php: "\\Stripe\\StripeClient" },
  "sendgrid-api-key": { py: "SendGridAPIClient", cs: "SendGridClient", php: "\\SendGrid" },
  "twilio-auth-token": { py: "Client", rb: "Twilio::REST::Client", php: "\\Twilio\\Rest\\Client" },
  "github-pat": { js: "Octokit", ts: "Octokit", py: "Github" },
};

function codeFor(lang: CodeLang, e: Entry, r: Rng): string {
  return e.shape === "expr" || (e.value === "" && e.exprs && r.chance(0.5))
    ? exprFor(e, lang)
    : SPECS[lang].lit(e.value, r);
}

/** Emits statement lines; returns false when the style does not fit the group. */
type Style = (em: Emitter, r: Rng, lang: CodeLang, g: Group, ind: string) => boolean;

const constants: Style = (em, r, lang, g, ind) => {
  const s = SPECS[lang];
  const style = r.pick(s.constStyle);
  for (const e of g) em.entry(e, ind + s.constDecl(nameOf(e.words, style), codeFor(lang, e, r), r));
  return true;
};

const object: Style = (em, r, lang, g, ind) => {
  const s = SPECS[lang];
  const style = r.pick(s.memberStyle);
  em.push(
    ...s
      .objOpen(r.pick(["config", "settings", "credentials", "options", `${app(r)}Config`]), r)
      .split("\n")
      .map((l) => ind + l),
  );
  for (const e of g) em.entry(e, `${ind}${s.step}${s.member(nameOf(e.words, style), codeFor(lang, e, r))}`);
  em.push(ind + s.objClose);
  return true;
};

const construct: Style = (em, r, lang, g, ind) => {
  const key = g.find((e) => e.label && CLIENTS[e.label.type]?.[lang]);
  if (!key?.label) return false;
  const cls = CLIENTS[key.label.type]?.[lang] as string;
  const used = g.filter((e) => e.shape !== "plain" || e.decoy === "uuid");
  const args = used.map((e) =>
    lang === "py" ? `${nameOf(e.words, "snake")}=${codeFor(lang, e, r)}` : codeFor(lang, e, r),
  );
  if (cls === "boto3.client") args.unshift(`"${r.pick(["s3", "sqs", "dynamodb", "secretsmanager"])}"`);
  em.entries(g, [ind + SPECS[lang].construct(cls, args)]);
  return true;
};

const statement =
  (make: (s: LangSpec, e: Entry, code: string, r: Rng) => string | null): Style =>
  (em, r, lang, g, ind) => {
    if (g.some((e) => e.shape === "pem")) return false;
    const lines: Array<[Entry, string]> = [];
    for (const e of g) {
      const line = make(SPECS[lang], e, codeFor(lang, e, r), r);
      if (line === null) return false;
      lines.push([e, line]);
    }
    for (const [e, line] of lines) em.entry(e, ind + line);
    return true;
  };

const header: Style = (em, r, lang, g, ind) => {
  const e = g.find((x) => x.label && (x.header || x.scheme));
  if (!e || g.length > 1) return false;
  const s = SPECS[lang];
  em.entry(
    e,
    ind + s.header(e.header ?? "Authorization", e.header ? codeFor(lang, e, r) : s.lit(`${e.scheme} ${e.value}`, r)),
  );
  return true;
};

const use: Style = (em, r, lang, g, ind) => {
  const e = g.length === 1 ? g[0] : undefined;
  if (e?.shape !== "url" || !e.label) return false;
  const s = SPECS[lang];
  em.entry(e, ind + (e.value.startsWith("https://") ? s.httpGet(s.lit(e.value, r)) : s.dbOpen(s.lit(e.value, r))));
  return true;
};

const envDefault = statement((s, e, c) => (e.shape === "expr" ? null : s.envDefault(nameOf(e.words, "screaming"), c)));
const fallback = statement((s, e, c) =>
  e.shape === "expr" || e.value === "" ? null : s.fallback(nameOf(e.words, "screaming"), c),
);

const embedded: Style = (em, r, lang, g, ind) => {
  if (g.some((e) => e.shape === "pem" || e.shape === "expr" || e.value.includes("`"))) return false;
  const style = r.pick<"ini" | "yaml" | "env">(["ini", "yaml", "env"]);
  const body =
    style === "ini" ? [`[${g[0]?.words[0] ?? "app"}]`] : style === "yaml" ? [`${g[0]?.words[0] ?? "app"}:`] : [];
  for (const e of g) {
    const k = nameOf(e.words, style === "env" ? "screaming" : "snake");
    body.push(style === "ini" ? `${k} = ${e.value}` : style === "yaml" ? `  ${k}: ${e.value}` : `${k}=${e.value}`);
  }
  const text = SPECS[lang].embedded(r.pick(["DEFAULT_CONFIG", "defaultConfig", "TEMPLATE", "bootstrapConfig"]), body);
  if (text === null) return false;
  const lines = text.split("\n");
  em.entries(g, [ind + lines[0], ...lines.slice(1)]);
  return true;
};

const commented: Style = (em, r, lang, g, ind) => {
  if (g.some((e) => e.shape === "pem" || e.shape === "expr")) return false;
  const s = SPECS[lang];
  em.push(
    `${ind}${s.comment} ${r.pick(["TODO: move to Key Vault", "old values, keep until migration is done", "for local debugging", "previous credentials", "FIXME: remove before release"])}`,
  );
  const style = r.pick(s.constStyle);
  for (const e of g) em.entry(e, `${ind}${s.comment} ${nameOf(e.words, style)} = ${e.value}`);
  return true;
};

/** Styles that are statements: wrapped in a function for Java, C# and Go. */
const STATEMENTS = new Set<Style>([header, use, envDefault, fallback]);

function inFunction(em: Emitter, r: Rng, lang: CodeLang, g: Group, style: Style): boolean {
  const s = SPECS[lang];
  if (!s.needsFunction || !STATEMENTS.has(style)) return style(em, r, lang, g, s.top);
  const body = new Emitter();
  if (!style(body, r, lang, g, s.top + s.step)) return false;
  if (lang === "go") em.push(`func ${r.pick(["init", "configure", "newClient"])}() {`);
  else if (lang === "java")
    em.push(`${s.top}public void ${r.pick(["configure", "init", "setup"])}() throws Exception {`);
  else
    em.push(`${s.top}public async Task ${r.pick(["ConfigureAsync", "InitializeAsync", "SetupAsync"])}()`, `${s.top}{`);
  em.lines.push(...body.lines);
  em.push(lang === "go" ? "}" : `${s.top}}`);
  return true;
}

/** Renders one group at declaration level. */
export function renderCodeGroup(em: Emitter, r: Rng, lang: CodeLang, g: Group): void {
  const styles: Array<readonly [Style, number]> = [
    [constants, 5],
    [object, 3],
    [construct, 3],
    [header, 2],
    [use, 2],
    [envDefault, 1],
    [fallback, 2],
    [embedded, 1],
    [commented, 1],
  ];
  for (let i = 0; i < 10; i++) if (inFunction(em, r, lang, g, r.weighted(styles))) return;
  constants(em, r, lang, g, SPECS[lang].top);
}

/** Whole-file templates: header, groups interleaved with filler code, footer. */
export function renderCodeFile(em: Emitter, r: Rng, lang: CodeLang, groups: readonly Group[], test: boolean): void {
  const name = app(r);
  const cls =
    pascal(name) + (test ? "Tests" : r.pick(["Service", "Client", "Settings", "Config", "Repository", "Worker"]));
  const fillers = r.shuffle(FILLERS[lang]);
  let next = 0;
  const fill = () => {
    const f = fillers[next++ % fillers.length];
    if (f && next <= fillers.length) f(em, r, name);
  };
  switch (lang) {
    case "py":
      em.push(
        `"""${pascal(name)} ${test ? "tests" : r.pick(["service", "helpers", "settings", "client"])}."""`,
        "",
        "import os",
        test ? "import pytest" : r.pick(["import logging", "import json", "from datetime import datetime, timezone"]),
        "",
      );
      break;
    case "js":
      em.push(
        test ? `const { describe, it, expect } = require("vitest");` : r.pick([`"use strict";`, `// ${name} module`]),
        `const path = require("path");`,
        "",
      );
      break;
    case "ts":
      em.push(
        test
          ? `import { describe, expect, it } from "vitest";`
          : `import { ${r.pick(["readFile", "writeFile", "mkdir"])} } from "node:fs/promises";`,
        `import type { ${pascal(name)}Options } from "./types.js";`,
        "",
      );
      break;
    case "go":
      em.push(
        `package ${name}`,
        "",
        "import (",
        `\t"fmt"`,
        `\t"net/http"`,
        `\t"os"`,
        ...(test ? [`\t"testing"`] : []),
        ")",
        "",
      );
      break;
    case "java":
      em.push(
        `package com.${org(r)}.${name};`,
        "",
        "import java.util.Map;",
        "import java.util.Optional;",
        ...(test ? ["import org.junit.jupiter.api.Test;"] : []),
        "",
        `public class ${cls} {`,
      );
      break;
    case "cs":
      em.push(
        "using System;",
        "using System.Collections.Generic;",
        ...(test ? ["using Xunit;"] : []),
        "",
        `namespace ${pascal(org(r))}.${pascal(name)}${test ? ".Tests" : ""}`,
        "{",
        `    public class ${cls}`,
        "    {",
      );
      break;
    case "rb":
      em.push(
        "# frozen_string_literal: true",
        "",
        test ? `require "rails_helper"` : `require "net/http"`,
        "",
        `module ${pascal(name)}`,
      );
      break;
    case "php":
      em.push("<?php", "", `namespace App\\${pascal(name)}${test ? "\\Tests" : ""};`, "");
      break;
  }
  fill();
  for (const g of groups) {
    em.push("");
    renderCodeGroup(em, r, lang, g);
    if (r.chance(0.5)) {
      em.push("");
      fill();
    }
  }
  em.push("");
  fill();
  if (lang === "java") em.push("}");
  if (lang === "cs") em.push("    }", "}");
  if (lang === "rb") em.push("end");
}
