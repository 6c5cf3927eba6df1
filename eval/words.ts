/** Vocabulary for realistic surroundings: names of things, hosts, people, passwords. */
import { ALNUM, DIGITS, LOWER, type Rng, UPPER } from "./prng.ts";

export const ORGS = [
  "contoso",
  "fabrikam",
  "northwind",
  "adventureworks",
  "tailspin",
  "wingtip",
  "litware",
  "proseware",
  "woodgrove",
  "alpineski",
  "margie",
  "lamna",
  "relecloud",
  "trey",
  "fourthcoffee",
  "blueyonder",
  "cronus",
  "humongous",
];
export const APPS = [
  "orders",
  "billing",
  "catalog",
  "inventory",
  "payments",
  "auth",
  "gateway",
  "notifier",
  "reports",
  "search",
  "ledger",
  "shipping",
  "profile",
  "checkout",
  "analytics",
  "ingest",
  "scheduler",
  "webhooks",
  "portal",
  "mailer",
  "pricing",
  "telemetry",
];
export const ENVS = ["prod", "production", "staging", "stg", "dev", "qa", "uat", "live", "prd"];
export const REGIONS = [
  "eastus",
  "westeurope",
  "northeurope",
  "westus2",
  "uksouth",
  "centralus",
  "eastus2",
  "southeastasia",
  "swedencentral",
  "germanywestcentral",
];
export const AWS_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "us-east-2"];
export const USERS = [
  "admin",
  "app",
  "svc_orders",
  "deploy",
  "appuser",
  "reporting",
  "etl",
  "api",
  "billing_rw",
  "sa",
  "dbadmin",
  "webapp",
  "worker",
  "root",
  "integration",
];
export const FIRST = [
  "alice",
  "bob",
  "carol",
  "dmitri",
  "erin",
  "farah",
  "gustavo",
  "hana",
  "ivan",
  "julia",
  "kenji",
  "lena",
  "marco",
  "nadia",
  "omar",
  "priya",
  "quentin",
  "rosa",
  "sven",
  "tomas",
];
const PW_WORDS = [
  "Super",
  "Secret",
  "Summer",
  "Winter",
  "Autumn",
  "Spring",
  "Dragon",
  "Falcon",
  "Harbor",
  "Orange",
  "Monkey",
  "Sunshine",
  "Coffee",
  "Rocket",
  "Phoenix",
  "Tiger",
  "Shadow",
  "Purple",
  "Welcome",
  "Galaxy",
  "Thunder",
  "Maple",
  "Silver",
  "Crystal",
  "Eagle",
  "Panther",
  "Ocean",
  "Rainbow",
  "Blue",
  "Green",
  "Happy",
  "Lucky",
  "Mustang",
  "Yankee",
  "Bandit",
  "Cobalt",
  "Nimbus",
  "Quartz",
];
const PW_SYMBOLS = "!*-_.";

export function org(r: Rng): string {
  return r.pick(ORGS);
}

export function app(r: Rng): string {
  return r.pick(APPS);
}

/** A lower-case resource name such as `contoso-orders-prod`. */
export function resourceName(r: Rng, sep = "-"): string {
  const parts = r.weighted<string[]>([
    [[org(r), app(r), r.pick(ENVS)], 3],
    [[app(r), r.pick(ENVS)], 2],
    [[org(r), app(r)], 2],
    [[org(r), r.pick(ENVS), String(r.int(1, 9)).padStart(2, "0")], 1],
  ]);
  return parts.join(sep);
}

/** Storage account style name: 3-24 lower-case letters and digits. */
export function accountName(r: Rng): string {
  const s = r.weighted<string>([
    [`${org(r)}${app(r)}${r.pick(["", "prod", "data", "logs", "sa"])}`, 3],
    [`st${app(r)}${r.pick(ENVS)}${r.int(0, 99)}`, 2],
    [`${org(r)}${r.str(LOWER + DIGITS, 6)}`, 1],
  ]);
  return s.slice(0, 24);
}

/** A database host; `engine` picks the managed-service domain (`postgres` or `mysql`). */
export function host(r: Rng, engine: "postgres" | "mysql" = "postgres"): string {
  return r.weighted<string>([
    [`${app(r)}-db.${r.pick(ENVS)}.${org(r)}.internal`, 2],
    [`${app(r)}.${org(r)}.com`, 1],
    [`10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(2, 254)}`, 1],
    [
      `${resourceName(r)}.${r.pick([`${engine}.database.azure.com`, `cluster-${r.str(LOWER + DIGITS, 12)}.${r.pick(["us-east-1", "eu-west-1"])}.rds.amazonaws.com`])}`,
      2,
    ],
    [`db-${r.int(1, 3)}.${org(r)}.net`, 1],
  ]);
}

/**
 * A password a person would choose or a generator would produce. Uses only characters that need
 * no escaping in any format we write (no quotes, backslashes, `$`, `#`, `&`, `;`, `@`, `:`, `/`).
 */
export function password(r: Rng): string {
  return r.weighted<() => string>([
    [() => `${r.pick(PW_WORDS)}${r.pick(PW_WORDS)}${r.int(1, 999)}${r.chance(0.5) ? r.pick([...PW_SYMBOLS]) : ""}`, 3],
    [() => `${r.pick(PW_WORDS)}${r.pick(["19", "20"])}${r.int(10, 99)}${r.pick([...PW_SYMBOLS])}`, 2],
    [() => `${r.str(UPPER, 1)}${r.str(ALNUM, r.int(9, 15))}${r.pick([...PW_SYMBOLS])}${r.str(DIGITS, 2)}`, 3],
    [() => r.str(ALNUM, r.int(16, 32)), 2],
    [() => `${r.str(LOWER, 1)}${r.str(`${ALNUM}${PW_SYMBOLS}`, r.int(14, 24))}${r.str(DIGITS, 1)}`, 2],
  ])();
}

/** A password restricted to URL-userinfo-safe characters. */
export function urlPassword(r: Rng): string {
  return password(r).replace(/[!*]/g, () => r.pick(["-", "_", "."]));
}

export function guidUpper(r: Rng): string {
  return r.uuid().toUpperCase();
}
