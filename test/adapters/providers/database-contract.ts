/**
 * The contract every database rotator keeps, run against its real server: locate → plan →
 * rotate → prove, the old password refused afterwards and the new one accepted, the role's
 * other sessions ended, a repeat that breaks nothing, a dry-run plan that names the
 * permission, and no password — old or new — in the server's statement log or in anything
 * the rotator returns or throws.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import type { DatabaseError } from "../../../src/adapters/providers/databases.js";
import type { CredentialHolder, LeakedCredential, ProviderRotator } from "../../../src/remediation/provider.js";

/** What the contract needs from a real server. */
export interface ContractServer {
  readonly host: string;
  readonly port: number;
  /** The URL scheme the leak uses. */
  readonly scheme: string;
  /** A connection string for `user` (Npgsql / MySqlConnector style). */
  connectionString(user: string, password: string): string;
  createLogin(user: string, password: string): Promise<void>;
  /** Opens a session as `user`; `alive()` says whether the server still serves it. */
  hold(user: string, password: string): Promise<{ alive(): Promise<boolean>; close(): Promise<void> }>;
  /** Everything the server logged: every statement it received. */
  log(): Promise<string>;
  /** An admin login URL, for the admin-identity path. */
  adminUrl(): Promise<string>;
}

/** Whether a held session is still served, asked until it is not (a killed session may take a moment to go). */
export async function stillAlive(session: { alive(): Promise<boolean> }, withinMs = 3_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (!(await session.alive())) return false;
    if (Date.now() > deadline) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A leaked password with characters that must be percent-encoded in a URL. */
export function leakedPassword(): string {
  return `Lk${randomBytes(12).toString("base64url")}@/#%`;
}

export function holder(value: string, tags: Record<string, string> = {}): CredentialHolder {
  return { vaultUrl: "https://vault.test", secretName: "db", version: "v1", tags, value, encoding: "raw" };
}

function urlOf(server: ContractServer, user: string, password: string, withPort = true): string {
  const port = withPort ? `:${server.port}` : "";
  return `${server.scheme}://${user}:${encodeURIComponent(password)}@${server.host}${port}${withPort ? "/" : ""}`;
}

/** A leak as the `database-url-password` rule reports it: the match stops at the host, the vault holds the whole URL. */
export function urlLeak(server: ContractServer, user: string, password: string): LeakedCredential {
  const encoded = encodeURIComponent(password);
  return {
    ruleIds: ["database-url-password"],
    value: encoded,
    context: urlOf(server, user, password, false),
    holders: [{ ...holder(urlOf(server, user, password)), encoding: "url" }],
  };
}

let counter = 0;
function roleName(): string {
  counter += 1;
  return `app_${process.pid}_${counter}`;
}

export function databaseContract(
  name: string,
  makeRotator: (adminUrls?: readonly string[]) => ProviderRotator,
  getServer: () => ContractServer,
): void {
  const secretsSeen: string[] = [];
  const outputs: string[] = [];
  const record = (...values: unknown[]) => outputs.push(...values.map((v) => JSON.stringify(v) ?? String(v)));

  test(`${name}: locate → plan → rotate → prove with the leaked credential itself`, async () => {
    const server = getServer();
    const rotator = makeRotator();
    const user = roleName();
    const old = leakedPassword();
    secretsSeen.push(old);
    await server.createLogin(user, old);
    const other = await server.hold(user, old);
    const credential = urlLeak(server, user, old);

    expect(rotator.applies(credential)).toBe(true);
    const location = await rotator.locate(credential);
    expect(location).toMatchObject({ kind: rotator.kind, credentialId: user, source: "value" });
    expect(location?.details).toMatchObject({ host: server.host, port: String(server.port), privilege: "self" });
    if (!location) return;

    // The dry run: the plan says what happens and where the privilege comes from.
    const plan = rotator.plan(location, credential);
    record(plan);
    expect(plan.mode).toBe("rotate");
    expect(plan.steps.map((s) => s.permission).join("\n")).toMatch(/change its own password/);
    expect(plan.steps.every((s) => s.permission.length > 0)).toBe(true);

    const { value } = await rotator.rotate(plan, credential);
    expect(value).toMatch(/^[A-Za-z0-9]{40,}$/);
    if (!value) return;
    secretsSeen.push(value);
    expect(value).toBe(encodeURIComponent(value)); // re-rendered into a URL as it is

    expect(await stillAlive(other)).toBe(false); // the role's other session was ended
    await other.close();

    const proof = await rotator.prove(plan, credential, value);
    record(proof);
    expect(proof).toMatchObject({ leaked: "rejected", replacement: "accepted" });
    expect(proof.evidence).toMatch(/refused/);

    // Repeat-safe: a second rotate changes nothing and the new password keeps working.
    const again = await rotator.rotate(plan, credential).then(
      () => undefined,
      (e: unknown) => e as DatabaseError,
    );
    record(again?.message);
    expect(again).toMatchObject({ name: "DatabaseError", kind: "already-rotated" });
    expect(again?.message).toContain(user);
    const after = await rotator.prove(plan, credential, value);
    expect(after).toMatchObject({ leaked: "rejected", replacement: "accepted" });
    // Told the value an earlier run stored, a repeat returns it.
    expect(await rotator.rotate(plan, { ...credential, stored: value } as LeakedCredential)).toEqual({ value });

    // The holder's value re-rendered with the new password logs in.
    const rendered = credential.holders[0]?.value.replace(credential.value, value) ?? "";
    expect(rendered).not.toContain(credential.value);
    const renderedPassword = decodeURIComponent(/:([^:@/]+)@/.exec(rendered)?.[1] ?? "");
    expect(renderedPassword).toBe(value);
    const holderSession = await server.hold(user, renderedPassword);
    expect(await holderSession.alive()).toBe(true);
    await holderSession.close();
  });

  test(`${name}: a value already stored for the leak is the one set (a run that stopped after storing it)`, async () => {
    const server = getServer();
    const rotator = makeRotator();
    const user = roleName();
    const old = leakedPassword();
    const stored = `St${randomBytes(24).toString("hex")}`;
    secretsSeen.push(old, stored);
    await server.createLogin(user, old);
    const credential = { ...urlLeak(server, user, old), stored } as LeakedCredential;
    const location = await rotator.locate(credential);
    if (!location) throw new Error("not located");
    const plan = rotator.plan(location, credential);
    expect(await rotator.rotate(plan, credential)).toEqual({ value: stored });
    expect(await rotator.prove(plan, credential, stored)).toMatchObject({
      leaked: "rejected",
      replacement: "accepted",
    });
  });

  test(`${name}: located by Azure rotation tags, the vault holding the bare password`, async () => {
    const server = getServer();
    const rotator = makeRotator();
    const user = roleName();
    const old = leakedPassword();
    secretsSeen.push(old);
    await server.createLogin(user, old);
    const credential: LeakedCredential = {
      ruleIds: ["generic-password"],
      value: old,
      holders: [
        holder(old, { ProviderAddress: `${server.scheme}://${server.host}:${server.port}`, CredentialId: user }),
      ],
    };
    const location = await rotator.locate(credential);
    expect(location).toMatchObject({ source: "tags", credentialId: user });
    if (!location) return;
    const plan = rotator.plan(location, credential);
    const { value } = await rotator.rotate(plan, credential);
    if (value) secretsSeen.push(value);
    expect(await rotator.prove(plan, credential, value)).toMatchObject({ leaked: "rejected", replacement: "accepted" });
  });

  test(`${name}: located from a connection string`, async () => {
    const server = getServer();
    const rotator = makeRotator();
    const user = roleName();
    const old = `Cs${randomBytes(12).toString("base64url")}`;
    secretsSeen.push(old);
    await server.createLogin(user, old);
    const text = server.connectionString(user, old);
    const credential: LeakedCredential = {
      ruleIds: ["sql-server-connection-string"],
      value: old,
      context: text,
      holders: [holder(text)],
    };
    const location = await rotator.locate(credential);
    expect(location).toMatchObject({ source: "value", credentialId: user });
    if (!location) return;
    const plan = rotator.plan(location, credential);
    const { value } = await rotator.rotate(plan, credential);
    if (value) secretsSeen.push(value);
    expect(await rotator.prove(plan, credential, value)).toMatchObject({ leaked: "rejected", replacement: "accepted" });
  });

  test(`${name}: with an admin identity configured, the admin changes the password`, async () => {
    const server = getServer();
    const adminUrl = await server.adminUrl();
    const rotator = makeRotator([adminUrl]);
    const user = roleName();
    const old = leakedPassword();
    secretsSeen.push(old);
    await server.createLogin(user, old);
    const other = await server.hold(user, old);
    const credential = urlLeak(server, user, old);
    const location = await rotator.locate(credential);
    expect(location?.details).toMatchObject({ privilege: "admin" });
    if (!location) return;
    const plan = rotator.plan(location, credential);
    record(plan);
    expect(plan.steps[0]?.permission).toMatch(/Admin/);
    const { value } = await rotator.rotate(plan, credential);
    if (value) secretsSeen.push(value);
    expect(await stillAlive(other)).toBe(false);
    await other.close();
    expect(await rotator.prove(plan, credential, value)).toMatchObject({ leaked: "rejected", replacement: "accepted" });
  });

  test(`${name}: an unreachable server is "unknown" to the probe and a clear error to rotate`, async () => {
    const server = getServer();
    const rotator = makeRotator();
    const old = leakedPassword();
    secretsSeen.push(old);
    const credential = urlLeak({ ...server, port: 1 }, "nobody", old);
    const location = await rotator.locate(credential);
    if (!location) throw new Error("not located");
    const plan = rotator.plan(location, credential);
    const proof = await rotator.prove(plan, credential, undefined);
    record(proof);
    expect(proof.leaked).toBe("unknown");
    const error = await rotator.rotate(plan, credential).then(
      () => undefined,
      (e: unknown) => e as DatabaseError,
    );
    record(error?.message);
    expect(error).toMatchObject({ kind: "unreachable" });
    expect(error?.message).toContain(`${server.host}:1`);
    expect(error?.message).toContain('"nobody"');
  });

  test(`${name}: no password, old or new, in the statement log or in any output`, async () => {
    const server = getServer();
    const log = await server.log();
    expect(log.length).toBeGreaterThan(0);
    expect(secretsSeen.length).toBeGreaterThan(4);
    const sinks = `${log}\n${outputs.join("\n")}`;
    for (const secret of secretsSeen) {
      expect(sinks).not.toContain(secret);
      expect(sinks).not.toContain(encodeURIComponent(secret));
    }
  });
}
