import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  GitHubApiError,
  getAlert,
  getCommitInfo,
  listAlertLocations,
  RESOLUTION_COMMENT_LIMIT,
  resolveAlertAsRevoked,
} from "../../../src/adapters/github/alerts.js";
import { createGitHubClients } from "../../../src/adapters/github/app-auth.js";
import { createGitHubClient } from "../../../src/adapters/github/client.js";
import { Faker } from "../../../src/core/rules/fake.js";

/** The alerts adapter against nock: Octokit's real request pipeline (pagination, auth), no network. */
const API = "https://api.github.test";
const REPO = { owner: "octo-org", repo: "octo-repo" };
const PATH = `/repos/${REPO.owner}/${REPO.repo}/secret-scanning/alerts`;
const client = () => createGitHubClient({ token: "t0k", baseUrl: API, maxRetries: 0 });
const SECRET = new Faker(31).githubToken("ghp_");

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

const alertBody = (extra: Record<string, unknown> = {}) => ({
  number: 7,
  state: "open",
  resolution: null,
  secret_type: "github_personal_access_token",
  secret_type_display_name: "GitHub Personal Access Token",
  secret: SECRET,
  html_url: "https://github.com/octo-org/octo-repo/security/secret-scanning/7",
  validity: "active",
  publicly_leaked: false,
  push_protection_bypassed: false,
  push_protection_bypassed_by: null,
  ...extra,
});

describe("getAlert", () => {
  it("reads the secret and the push protection bypass", async () => {
    nock(API)
      .get(`${PATH}/7`)
      .reply(
        200,
        alertBody({
          push_protection_bypassed: true,
          push_protection_bypassed_by: { login: "mona" },
          push_protection_bypassed_at: "2024-05-01T10:00:00Z",
          push_protection_bypass_request_comment: "it's a test key",
        }),
      );
    const alert = await getAlert(client(), REPO, 7);
    expect(alert).toMatchObject({
      number: 7,
      state: "open",
      secret: SECRET,
      secretType: "github_personal_access_token",
      secretTypeDisplayName: "GitHub Personal Access Token",
      validity: "active",
      bypass: { by: "mona", at: "2024-05-01T10:00:00Z", comment: "it's a test key" },
    });
  });

  it("says which permission is missing, and that retrying will not help", async () => {
    nock(API).get(`${PATH}/7`).reply(403, { message: "Resource not accessible by integration" });
    const error = await getAlert(client(), REPO, 7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).message).toMatch(/HTTP 403.*Secret scanning alerts: read and write/);
    expect((error as GitHubApiError).transient).toBe(false);
  });

  it("refuses an alert without its secret", async () => {
    nock(API)
      .get(`${PATH}/7`)
      .reply(200, alertBody({ secret: undefined }));
    await expect(getAlert(client(), REPO, 7)).rejects.toThrow(/no 'secret'/);
  });
});

describe("listAlertLocations", () => {
  it("reads every page", async () => {
    const location = (i: number) => ({
      type: "commit",
      details: {
        path: `src/f${i}.ts`,
        start_line: i,
        end_line: i,
        start_column: 3,
        end_column: 43,
        commit_sha: "a".repeat(40),
      },
    });
    nock(API)
      .get(`${PATH}/7/locations`)
      .query({ per_page: 100 })
      .reply(
        200,
        Array.from({ length: 100 }, (_, i) => location(i + 1)),
        { link: `<${API}${PATH}/7/locations?per_page=100&page=2>; rel="next"` },
      )
      .get(`${PATH}/7/locations`)
      .query({ per_page: 100, page: 2 })
      .reply(200, [
        location(101),
        { type: "issue_comment", details: { html_url: "https://github.com/x/y/issues/1#c" } },
      ]);
    const locations = await listAlertLocations(client(), REPO, 7);
    expect(locations).toHaveLength(102);
    expect(locations[100]).toEqual({
      type: "commit",
      path: "src/f101.ts",
      startLine: 101,
      endLine: 101,
      startColumn: 3,
      endColumn: 43,
      commitSha: "a".repeat(40),
    });
    expect(locations[101]).toEqual({ type: "issue_comment", htmlUrl: "https://github.com/x/y/issues/1#c" });
  });
});

describe("resolveAlertAsRevoked", () => {
  it("resolves as revoked with a comment within GitHub's limit", async () => {
    let sent: Record<string, unknown> = {};
    nock(API)
      .patch(`${PATH}/7`, (body: Record<string, unknown>) => {
        sent = body;
        return true;
      })
      .reply(200, alertBody({ state: "resolved", resolution: "revoked" }));
    await resolveAlertAsRevoked(client(), REPO, 7, `Rotated. ${"x".repeat(400)}`);
    expect(sent.state).toBe("resolved");
    expect(sent.resolution).toBe("revoked");
    expect(String(sent.resolution_comment)).toHaveLength(RESOLUTION_COMMENT_LIMIT);
  });
});

describe("getCommitInfo", () => {
  it("reads the author from the git database API", async () => {
    const sha = "b".repeat(40);
    nock(API)
      .get(`/repos/${REPO.owner}/${REPO.repo}/git/commits/${sha}`)
      .reply(200, { sha, author: { name: "Mona", email: "mona@example.com", date: "2024-05-01T10:00:00Z" } });
    expect(await getCommitInfo(client(), REPO, sha)).toEqual({
      sha,
      authorName: "Mona",
      authorEmail: "mona@example.com",
      date: "2024-05-01T10:00:00Z",
    });
  });
});

describe("GitHub App authentication", () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const auth = { kind: "app" as const, appId: "12345", privateKey: pem };

  it("uses one installation token per installation, shared between deliveries", async () => {
    const token = `ghs_${new Faker(5).chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36)}`;
    nock(API)
      .post("/app/installations/99/access_tokens")
      .matchHeader("authorization", /^bearer /i)
      .reply(201, { token, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {} })
      .get(`${PATH}/7`)
      .matchHeader("authorization", `token ${token}`)
      .times(2)
      .reply(200, alertBody());
    const clients = createGitHubClients(auth, { baseUrl: API, maxRetries: 0 });
    for (let i = 0; i < 2; i++) {
      const github = await clients.forDelivery({ repository: REPO, installationId: 99 });
      await getAlert(github, REPO, 7);
    }
  });

  it("finds the installation from the repository when the payload has none", async () => {
    nock(API)
      .get(`/repos/${REPO.owner}/${REPO.repo}/installation`)
      .reply(200, { id: 42 })
      .post("/app/installations/42/access_tokens")
      .reply(201, { token: "ghs_x", expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {} })
      .get(`${PATH}/7`)
      .reply(200, alertBody());
    const clients = createGitHubClients(auth, { baseUrl: API, maxRetries: 0 });
    const github = await clients.forDelivery({ repository: REPO });
    expect((await getAlert(github, REPO, 7)).number).toBe(7);
  });

  it("says when the App is not installed", async () => {
    nock(API).get(`/repos/${REPO.owner}/${REPO.repo}/installation`).reply(404, { message: "Not Found" });
    const clients = createGitHubClients(auth, { baseUrl: API, maxRetries: 0 });
    await expect(clients.forDelivery({ repository: REPO })).rejects.toThrow(/not installed on octo-org\/octo-repo/);
  });
});
