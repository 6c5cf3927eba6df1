/**
 * GitHub tokens: revoked, never rotated: GitHub issues a token to a person or an app, so no vault
 * value is made up; a person creates the replacement. Personal (classic and fine-grained), OAuth,
 * user-to-server and refresh tokens go to the credential revocation API, which is unauthenticated
 * on github.com (an authenticated call gets 403), takes up to 1000 tokens per call and allows 60
 * calls an hour (https://docs.github.com/rest/credentials/revoke). An installation token revokes
 * itself (`DELETE /installation/token`). The probe is `GET /user` with the token: 401 is dead.
 * Plain `fetch`: octokit would add authentication this endpoint refuses, and weight to the bundle.
 */
import type { OperationOptions } from "../../remediation/ports.js";
import type {
  LeakedCredential,
  Proof,
  ProviderLocation,
  ProviderPlan,
  ProviderRotator,
} from "../../remediation/provider.js";

const RULES = new Set([
  "github-pat",
  "github-fine-grained-pat",
  "github-oauth-token",
  "github-user-to-server-token",
  "github-refresh-token",
  "github-app-installation-token",
]);
const PREFIX = /^(ghp_|gho_|ghu_|ghs_|ghr_|github_pat_)/;

/** Options for {@link createGitHubTokenRotator}. */
export interface GitHubTokenRotatorOptions {
  /** `GITHUB_API_URL`, e.g. `https://api.github.com` (GitHub Enterprise Server: `https://HOST/api/v3`). */
  readonly apiUrl: string;
  /** Revocation is asynchronous (202): how often the probe asks before it says "not proven". Default 5. */
  readonly probeAttempts?: number;
  /** Wait between probe attempts. Default 2000. */
  readonly probeIntervalInMs?: number;
  /** Turn the probe off: the step then stays unproven (and is reported so). */
  readonly probe?: boolean;
}

export function createGitHubTokenRotator(options: GitHubTokenRotatorOptions): ProviderRotator {
  const api = options.apiUrl.replace(/\/+$/, "");
  const attempts = Math.max(1, options.probeAttempts ?? 5);
  const interval = options.probeIntervalInMs ?? 2000;
  const headers = { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" };

  return {
    kind: "github-token",
    name: "GitHub",
    applies: (c) => c.ruleIds.some((r) => RULES.has(r)) && PREFIX.test(c.value),
    async locate(c: LeakedCredential): Promise<ProviderLocation> {
      return {
        kind: "github-token",
        resource: api,
        credentialId: `${PREFIX.exec(c.value)?.[1] ?? "token"} token`,
        source: "value",
      };
    },
    plan(location: ProviderLocation, c: LeakedCredential): ProviderPlan {
      const installation = c.value.startsWith("ghs_");
      return {
        location,
        mode: "revoke",
        steps: [
          installation
            ? {
                description: `DELETE ${api}/installation/token with the leaked installation token`,
                permission: "none: the token authorizes its own revocation",
              }
            : {
                description: `POST ${api}/credentials/revoke (unauthenticated, GitHub notifies the token's owner)`,
                permission: "none: unauthenticated; 60 requests an hour, up to 1000 tokens each",
              },
          {
            description: `probe: GET ${api}/user with the leaked token must answer 401`,
            permission: "none",
          },
        ],
      };
    },
    async rotate(_plan, c, op?: OperationOptions) {
      const signal = op?.abortSignal;
      if (c.value.startsWith("ghs_")) {
        const res = await fetch(`${api}/installation/token`, {
          method: "DELETE",
          headers: { ...headers, authorization: `Bearer ${c.value}` },
          ...(signal ? { signal } : {}),
        });
        // 401: already dead, which is what was asked.
        if (res.status !== 204 && res.status !== 401) throw new Error(`GitHub answered ${res.status}`);
        return {};
      }
      const res = await fetch(`${api}/credentials/revoke`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ credentials: [c.value] }),
        ...(signal ? { signal } : {}),
      });
      if (res.status === 202 || res.status === 200 || res.status === 204) return {};
      if (res.status === 422) {
        throw new Error("GitHub refused the revocation (422: validation failed, or the endpoint is rate limited)");
      }
      if ((res.status === 403 || res.status === 429) && res.headers.get("x-ratelimit-remaining") === "0") {
        const reset = Number(res.headers.get("x-ratelimit-reset") ?? 0);
        const at = reset ? ` until ${new Date(reset * 1000).toISOString()}` : "";
        throw new Error(`GitHub's revocation API is rate limited (60 requests an hour)${at}; a re-run retries`);
      }
      throw new Error(`GitHub answered ${res.status} to POST /credentials/revoke`);
    },
    async prove(_plan, c, _replacement, op?: OperationOptions): Promise<Proof> {
      if (options.probe === false) return { leaked: "unknown", evidence: "the probe is turned off" };
      if (c.value.startsWith("ghr_")) {
        return { leaked: "unknown", evidence: "a refresh token cannot be probed read-only" };
      }
      let last = 0;
      for (let i = 0; i < attempts; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, interval));
        op?.abortSignal?.throwIfAborted();
        const res = await fetch(`${api}/user`, {
          headers: { ...headers, authorization: `Bearer ${c.value}` },
          ...(op?.abortSignal ? { signal: op.abortSignal } : {}),
        });
        await res.body?.cancel();
        last = res.status;
        if (res.status === 401) return { leaked: "rejected", evidence: "GET /user with the leaked token: 401" };
      }
      return {
        leaked: last === 200 ? "accepted" : "unknown",
        evidence: `GET /user with the leaked token: ${last} after ${attempts} attempt(s)`,
      };
    },
  };
}
