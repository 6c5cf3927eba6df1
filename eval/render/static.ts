/**
 * Files every repository has — manifests, lock files, ignore files — whose hashes and ids are
 * decoys by nature (`integrity` sha512, go.sum `h1:`, Terraform lock `zh:`), plus `.npmrc` and
 * `.tfvars`, which hold credentials in their own syntax.
 */
import { createHash } from "node:crypto";
import { type Emitter, exprFor, type Group, jsonEscape, nameOf } from "../model.ts";
import type { Rng } from "../prng.ts";
import { app, org } from "../words.ts";

const NPM_DEPS = [
  "express",
  "lodash",
  "axios",
  "dotenv",
  "pino",
  "zod",
  "jsonwebtoken",
  "@azure/identity",
  "@azure/storage-blob",
  "@azure/service-bus",
  "pg",
  "mongoose",
  "ioredis",
  "uuid",
  "cors",
  "helmet",
  "commander",
  "yaml",
  "date-fns",
  "undici",
];
const GO_DEPS = [
  "github.com/gin-gonic/gin",
  "github.com/spf13/cobra",
  "github.com/Azure/azure-sdk-for-go/sdk/azidentity",
  "github.com/Azure/azure-sdk-for-go/sdk/storage/azblob",
  "go.uber.org/zap",
  "github.com/jackc/pgx/v5",
  "github.com/redis/go-redis/v9",
  "golang.org/x/sync",
];
const PY_DEPS = [
  "fastapi",
  "uvicorn",
  "pydantic",
  "requests",
  "azure-identity",
  "azure-storage-blob",
  "sqlalchemy",
  "psycopg2-binary",
  "pandas",
  "numpy",
  "openai",
  "boto3",
  "redis",
  "python-dotenv",
];

const ver = (r: Rng) => `${r.int(0, 9)}.${r.int(0, 30)}.${r.int(0, 20)}`;
const sha = (algo: string, s: string, enc: "hex" | "base64") => createHash(algo).update(s).digest(enc);

export function packageJson(em: Emitter, r: Rng, name: string): string[] {
  const deps = r.shuffle(NPM_DEPS).slice(0, r.int(4, 9));
  em.push(
    "{",
    `  "name": "@${org(r)}/${name}",`,
    `  "version": "${ver(r)}",`,
    `  "private": true,`,
    `  "type": "module",`,
    `  "scripts": {`,
    `    "start": "node src/index.js",`,
    `    "test": "vitest run"`,
    "  },",
    `  "dependencies": {`,
  );
  deps.forEach((d, i) => {
    em.push(`    "${d}": "^${ver(r)}"${i < deps.length - 1 ? "," : ""}`);
  });
  em.push("  }", "}");
  return deps;
}

export function packageLock(em: Emitter, r: Rng, name: string, deps: readonly string[]): void {
  em.push("{", `  "name": "@${org(r)}/${name}",`, `  "lockfileVersion": 3,`, `  "requires": true,`, `  "packages": {`);
  deps.forEach((d, i) => {
    const v = ver(r);
    em.push(
      `    "node_modules/${d}": {`,
      `      "version": "${v}",`,
      `      "resolved": "https://registry.npmjs.org/${d}/-/${d.split("/").pop()}-${v}.tgz",`,
    );
    em.decoyLine("sri-integrity", `      "integrity": "sha512-${sha("sha512", d + v, "base64")}",`);
    em.push(`      "license": "MIT"`, `    }${i < deps.length - 1 ? "," : ""}`);
  });
  em.push("  }", "}");
}

export function goMod(em: Emitter, r: Rng, name: string): void {
  em.push(`module github.com/${org(r)}/${name}`, "", "go 1.22", "", "require (");
  for (const d of GO_DEPS.slice(0, r.int(3, GO_DEPS.length))) em.push(`\t${d} v${ver(r)}`);
  em.push(")");
}

export function goSum(em: Emitter, r: Rng): void {
  for (const d of r.shuffle(GO_DEPS)) {
    const v = `v${ver(r)}`;
    em.decoyLine("lockfile-hash", `${d} ${v} h1:${sha("sha256", d + v, "base64")}`);
    em.decoyLine("lockfile-hash", `${d} ${v}/go.mod h1:${sha("sha256", `${d}${v}mod`, "base64")}`);
  }
}

export function terraformLock(em: Emitter, r: Rng): void {
  em.push(
    '# This file is maintained automatically by "terraform init".',
    "# Manual edits may be lost in future updates.",
    "",
  );
  for (const p of ["hashicorp/azurerm", "hashicorp/random", "azure/azapi"].slice(0, r.int(1, 3))) {
    const v = `3.${r.int(50, 116)}.${r.int(0, 9)}`;
    em.push(
      `provider "registry.terraform.io/${p}" {`,
      `  version     = "${v}"`,
      `  constraints = "~> 3.0"`,
      "  hashes = [",
    );
    em.decoyLine("lockfile-hash", `    "h1:${sha("sha256", p + v, "base64")}",`);
    for (let i = 0; i < r.int(3, 6); i++)
      em.decoyLine("lockfile-hash", `    "zh:${sha("sha256", `${p}${v}${i}`, "hex")}",`);
    em.push("  ]", "}", "");
  }
}

export function requirementsTxt(em: Emitter, r: Rng): void {
  const hashed = r.chance(0.4);
  for (const d of r.shuffle(PY_DEPS).slice(0, r.int(4, 10))) {
    const v = ver(r);
    if (hashed) {
      em.push(`${d}==${v} \\`);
      em.decoyLine("lockfile-hash", `    --hash=sha256:${sha("sha256", d + v, "hex")}`);
    } else em.push(`${d}==${v}`);
  }
}

export function gitignore(em: Emitter, r: Rng): void {
  // Nothing the corpus holds is ignored: a committed file is scanned whether or not a scanner honours .gitignore.
  em.push(
    "node_modules/",
    "dist/",
    "__pycache__/",
    "*.log",
    ".env.local",
    ...(r.chance(0.5) ? [".venv/", "coverage/"] : []),
    ".terraform/",
    "bin/",
    "obj/",
  );
}

export function pomXml(em: Emitter, r: Rng, name: string): void {
  em.push(
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<project xmlns="http://maven.apache.org/POM/4.0.0">`,
    "  <modelVersion>4.0.0</modelVersion>",
    `  <groupId>com.${org(r)}</groupId>`,
    `  <artifactId>${name}</artifactId>`,
    `  <version>${ver(r)}</version>`,
    "  <parent>",
    "    <groupId>org.springframework.boot</groupId>",
    "    <artifactId>spring-boot-starter-parent</artifactId>",
    `    <version>3.${r.int(1, 3)}.${r.int(0, 9)}</version>`,
    "  </parent>",
    "</project>",
  );
}

export function csproj(em: Emitter, r: Rng): void {
  em.push(
    `<Project Sdk="Microsoft.NET.Sdk.Web">`,
    "  <PropertyGroup>",
    "    <TargetFramework>net8.0</TargetFramework>",
    "    <Nullable>enable</Nullable>",
  );
  em.decoyLine("uuid", `    <UserSecretsId>${r.uuid()}</UserSecretsId>`);
  em.push(
    "  </PropertyGroup>",
    "  <ItemGroup>",
    `    <PackageReference Include="Azure.Identity" Version="1.${r.int(10, 13)}.0" />`,
    `    <PackageReference Include="Azure.Storage.Blobs" Version="12.${r.int(15, 22)}.0" />`,
    "  </ItemGroup>",
    "</Project>",
  );
}

export function gemfile(em: Emitter, r: Rng): void {
  em.push(
    `source "https://rubygems.org"`,
    "",
    `ruby "3.${r.int(1, 3)}.${r.int(0, 4)}"`,
    "",
    `gem "rails", "~> 7.${r.int(0, 2)}"`,
    `gem "pg"`,
    `gem "stripe"`,
    `gem "sidekiq"`,
  );
}

export function composerJson(em: Emitter, r: Rng, name: string): void {
  em.push(
    "{",
    `  "name": "${org(r)}/${name}",`,
    `  "require": {`,
    `    "php": "^8.2",`,
    `    "laravel/framework": "^11.0",`,
    `    "stripe/stripe-php": "^${r.int(10, 15)}.0"`,
    "  }",
    "}",
  );
}

export function hostJson(em: Emitter): void {
  em.push(
    "{",
    `  "version": "2.0",`,
    `  "extensionBundle": {`,
    `    "id": "Microsoft.Azure.Functions.ExtensionBundle",`,
    `    "version": "[4.*, 5.0.0)"`,
    "  }",
    "}",
  );
}

/** `.npmrc`: registry auth lines. */
export function renderNpmrc(em: Emitter, r: Rng, groups: readonly Group[]): void {
  em.push(`registry=https://registry.npmjs.org/`, `@${org(r)}:registry=https://npm.pkg.github.com/`);
  for (const e of groups.flat()) {
    const v = e.shape === "expr" ? `\${${nameOf(e.words, "screaming")}}` : e.value;
    em.entry(
      e,
      `${r.pick(["//registry.npmjs.org/", "//npm.pkg.github.com/", `//pkgs.dev.azure.com/${org(r)}/_packaging/${app(r)}/npm/registry/`])}:_authToken=${v}`,
    );
  }
  em.push("always-auth=true");
}

/** `terraform.tfvars`: `name = "value"`. */
export function renderTfvars(em: Emitter, r: Rng, groups: readonly Group[]): void {
  em.push(
    `location            = "${r.pick(["westeurope", "eastus2"])}"`,
    `environment         = "${r.pick(["prod", "staging"])}"`,
  );
  for (const e of groups.flat()) {
    const v = e.shape === "expr" ? exprFor(e, "tf") : e.value;
    em.entry(
      e,
      `${nameOf(e.words, "snake").padEnd(19)} = ${v.includes("\n") ? `<<EOT\n${v}\nEOT` : `"${jsonEscape(v)}"`}`,
    );
  }
}

/** A small binary file (PNG signature + random bytes); scanners should skip it. */
export function binaryPng(r: Rng): Uint8Array {
  const head = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 64, 0, 0, 0, 64, 8, 6,
    0, 0, 0,
  ];
  const body = r.bytes(r.int(300, 1500));
  for (let i = 0; i < body.length; i += 37) body[i] = 0;
  return new Uint8Array([...head, ...body]);
}
