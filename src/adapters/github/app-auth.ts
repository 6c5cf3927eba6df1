/**
 * GitHub credentials for the webhook responder: a token, or a GitHub App. With an App, each
 * delivery gets a client for its installation (the payload's `installation.id`, or looked up
 * from the repository for an organisation webhook), authenticated by `@octokit/auth-app` with
 * short-lived installation tokens. The tokens are shared between deliveries through one cache
 * (auth-app renews them before they expire), so a burst of deliveries costs one token request
 * per installation, not one each.
 */
import { createAppAuth } from "@octokit/auth-app";
import { createGitHubClient, type GitHubClient } from "./client.js";
import type { RepoId } from "./commits.js";

/** How the responder signs in to GitHub. */
export type GitHubAuth =
  | { readonly kind: "token"; readonly token: string }
  | { readonly kind: "app"; readonly appId: string; readonly privateKey: string };

/** Options for {@link createGitHubClients}. */
export interface GitHubClientsOptions {
  /** API base URL (`GITHUB_API_URL`). */
  readonly baseUrl: string;
  /** One line per rate-limit or retry event. */
  readonly log?: (line: string) => void;
  /** Retries for rate limits and server errors. Default 3. */
  readonly maxRetries?: number;
}

/** What a delivery says about where it comes from. */
export interface DeliveryOrigin {
  readonly repository: RepoId;
  /** `installation.id` of the payload (App webhooks carry it). */
  readonly installationId?: number;
}

export interface GitHubClients {
  /** A client allowed to act on `origin.repository`. */
  forDelivery(origin: DeliveryOrigin): Promise<GitHubClient>;
}

/** Installations and tokens kept at most (one organisation each, usually). */
const CACHE_LIMIT = 1000;

export function createGitHubClients(auth: GitHubAuth, options: GitHubClientsOptions): GitHubClients {
  const common = {
    baseUrl: options.baseUrl,
    ...(options.log ? { log: options.log } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  };
  if (auth.kind === "token") {
    const client = createGitHubClient({ ...common, token: auth.token });
    return { forDelivery: async () => client };
  }
  const tokens = boundedCache<string>(CACHE_LIMIT);
  const installations = boundedCache<number>(CACHE_LIMIT);
  const appAuth = { appId: auth.appId, privateKey: auth.privateKey, cache: tokens };
  const appClient = createGitHubClient({ ...common, authStrategy: createAppAuth, auth: appAuth });
  return {
    async forDelivery(origin) {
      const key = `${origin.repository.owner}/${origin.repository.repo}`.toLowerCase();
      let installationId = origin.installationId ?? installations.get(key);
      if (installationId === undefined) {
        try {
          const { data } = await appClient.rest.apps.getRepoInstallation({ ...origin.repository });
          installationId = data.id;
        } catch (e) {
          const status = (e as { status?: unknown }).status;
          throw new Error(
            `The GitHub App is not installed on ${key}${typeof status === "number" ? ` (HTTP ${status})` : ""}; install it on the repository or organisation.`,
            { cause: e },
          );
        }
        installations.set(key, installationId);
      }
      return createGitHubClient({
        ...common,
        authStrategy: createAppAuth,
        auth: { ...appAuth, installationId },
      });
    },
  };
}

/** A small map that forgets its oldest entry past `limit` (insertion order). */
function boundedCache<T>(limit: number): { get(key: string): T | undefined; set(key: string, value: T): void } {
  const map = new Map<string, T>();
  return {
    get: (key) => map.get(key),
    set(key, value) {
      map.delete(key);
      map.set(key, value);
      if (map.size > limit) map.delete(map.keys().next().value as string);
    },
  };
}
