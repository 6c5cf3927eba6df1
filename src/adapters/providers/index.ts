/**
 * Every provider rotator, in one list (like the rules): the entry points build it from their
 * settings and hand it to the responder. Order matters only where two could apply: the first
 * whose `applies` says yes acts.
 */
import type { ProviderRotator } from "../../remediation/provider.js";
import { type DatabaseRotatorOptions, databaseRotators } from "./databases.js";
import { createGitHubTokenRotator } from "./github-token.js";

/** Endpoints the rotators talk to. */
export interface ProviderRotatorsOptions {
  /** `GITHUB_API_URL`. */
  readonly githubApiUrl: string;
  /** Database logins (admin URLs, Entra admins, allowed hosts); none: a leaked login changes its own password. */
  readonly databases?: DatabaseRotatorOptions;
}

export function createProviderRotators(options: ProviderRotatorsOptions): ProviderRotator[] {
  return [createGitHubTokenRotator({ apiUrl: options.githubApiUrl }), ...databaseRotators(options.databases)];
}
