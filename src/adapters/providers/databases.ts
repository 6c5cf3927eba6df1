/**
 * The database rotators, for the provider registry: PostgreSQL, then MySQL/MariaDB. Each
 * applies only to a leaked password whose server it can locate (a database URL or connection
 * string of its engine, or Azure rotation tags naming its kind of server).
 */
import type { ProviderRotator } from "../../remediation/provider.js";
import { DatabaseRotator, type DatabaseRotatorOptions } from "./database-rotator.js";
import { mysqlDriver } from "./mysql.js";
import { postgresDriver } from "./postgres.js";

export { DatabaseError, type DatabaseErrorKind } from "./database-driver.js";
export type { DatabaseRotatorOptions } from "./database-rotator.js";
export { type DatabaseEntraAdmin, type DatabaseTokenCredential, ENTRA_DATABASE_SCOPE } from "./database-rotator.js";

/** Every database rotator, sharing one set of options (admin logins are matched by engine and host). */
export function databaseRotators(options: DatabaseRotatorOptions = {}): ProviderRotator[] {
  return [new DatabaseRotator(postgresDriver, options), new DatabaseRotator(mysqlDriver, options)];
}
