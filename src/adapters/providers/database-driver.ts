/**
 * What a database engine plugs into the shared rotator: how to log in (its client library) and
 * what to send once logged in, plus the errors every engine reports the same way.
 */
import type { DatabaseEngine, DatabaseTls } from "./database-address.js";

/**
 * What went wrong, so a caller can tell "the server is down" from "the password is wrong" from
 * "this role may not do that". `already-rotated`: the leaked password is refused before anything
 * was changed — a repeat of a rotation that happened, nothing was changed this time.
 */
export type DatabaseErrorKind =
  | "unreachable"
  | "tls"
  | "auth"
  | "privilege"
  | "already-rotated"
  | "unsupported"
  | "other";

/** A database failure whose message names the server and the role, never a password. */
export class DatabaseError extends Error {
  override readonly name = "DatabaseError";
  constructor(
    message: string,
    readonly kind: DatabaseErrorKind,
  ) {
    super(message);
  }
}

/** Where and as whom to log in. */
export interface DatabaseLogin {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** Sensitive. */
  readonly password: string;
  readonly database?: string;
  readonly tls: DatabaseTls;
  readonly connectTimeoutInMs: number;
  /** The server may ask for the password in clear (an Entra token: MySQL's `mysql_clear_password`). */
  readonly cleartextPassword?: boolean;
}

/** One open connection. Every method sends only hashes, never a cleartext password. */
export interface DatabaseSession {
  /** Changes the logged-in role's own password. */
  setOwnPassword(password: string): Promise<void>;
  /** Changes another role's password (an admin session). */
  setPassword(role: string, password: string): Promise<void>;
  /** Ends `role`'s sessions other than this one; returns how many were ended. */
  endOtherSessions(role: string): Promise<number>;
  /** `SELECT 1`: reads no data. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** What one database engine brings: its client library and the words the plan uses. */
export interface DatabaseDriver {
  readonly engine: DatabaseEngine;
  /** The rotator's kind, e.g. `postgresql`. */
  readonly kind: string;
  readonly name: string;
  /** Opens a session; throws a {@link DatabaseError} that says why it could not. */
  connect(login: DatabaseLogin): Promise<DatabaseSession>;
  /** Plan text: how the password is changed, ending with what is sent instead of the cleartext. */
  readonly changeDescription: (role: string, admin: string | undefined) => string;
  readonly changePermission: (role: string, admin: string | undefined) => string;
  readonly endSessionsDescription: (role: string, admin: string | undefined) => string;
  readonly endSessionsPermission: (role: string, admin: string | undefined) => string;
}
