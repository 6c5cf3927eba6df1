import { createHmac } from "node:crypto";
import { b64url } from "../codec.ts";
import { type Entry, names } from "../model.ts";

export const CRED_WORDS: string[][] = names(
  "password",
  "db password",
  "api key",
  "secret",
  "client secret",
  "token",
  "auth token",
  "access key",
  "secret key",
  "github token",
  "storage key",
  "connection string",
  "private key",
  "webhook secret",
  "slack token",
  "stripe secret key",
  "openai api key",
  "sas token",
  "account key",
  "smtp password",
);

export const d = (kind: string, words: readonly string[], value: string, extra: Partial<Entry> = {}): Entry => ({
  words,
  value,
  shape: "token",
  decoy: kind,
  ...extra,
});

/** Public constants documented by their vendors, assembled from parts so no file holds them whole. */
export const WELL_KNOWN = {
  azuriteKey: ["Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq", "/K1SZFPTOtr/KBHBeksoGMGw=="].join(""),
  cosmosEmulatorKey: [
    "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPM",
    "bIZnqyMsEcaGQy67XIw/Jw==",
  ].join(""),
  awsExampleId: ["AKIAIOSFODNN7", "EXAMPLE"].join(""),
  awsExampleSecret: ["wJalrXUtnFEMI/K7MDENG/bPxRfiCY", "EXAMPLEKEY"].join(""),
  awsExampleId2: ["AKIAI44QH8DHB", "EXAMPLE"].join(""),
  awsExampleSecret2: ["je7MtGbClwBF/2Zp9Utk/h3yCo8nvb", "EXAMPLEKEY"].join(""),
  slackExampleWebhook: ["https://hooks.slack.com/services/", "T00000000/B00000000/", "X".repeat(24)].join(""),
  githubDocsToken: ["gho_", "16C7e42F292c6912E7710c838347Ae178B4a"].join(""),
};

/** The jwt.io sample token (HS256, secret "your-256-bit-secret"), computed rather than stored. */
export function jwtIoExample(): string {
  const h = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const p = b64url(JSON.stringify({ sub: "1234567890", name: "John Doe", iat: 1516239022 }));
  const sig = createHmac("sha256", "your-256-bit-secret").update(`${h}.${p}`).digest("base64url");
  return `${h}.${p}.${sig}`;
}

export function envName(words: readonly string[]): string {
  return words.join("_").toUpperCase();
}
