import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createResponderClient } from "../../../src/adapters/responder/client.js";
import type { FindingsRequest } from "../../../src/core/responder/findings-api.js";

const request: FindingsRequest = {
  repository: "octo-org/app",
  findings: [{ commit: "a".repeat(40), path: "a.env", line: 1, ruleId: "postgres-url", fingerprint: "0".repeat(32) }],
};

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function serve(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => handler(req, body, res));
  });
  await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
};
const fast = { sleep: () => new Promise<void>((r) => setTimeout(r, 5)), pollIntervalInMs: 5 };

describe("the Action's responder client", () => {
  it("sends locations with the OIDC token and waits for the outcome", async () => {
    const seen: Array<{ method?: string; url?: string; auth?: string; body: string }> = [];
    let reads = 0;
    const url = await serve((req, body, res) => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
      if (req.method === "POST") return json(res, 202, { id: "f1", state: "queued", repository: "octo-org/app" });
      reads++;
      json(
        res,
        200,
        reads < 3
          ? { id: "f1", state: "running", repository: "octo-org/app" }
          : { id: "f1", state: "done", repository: "octo-org/app", outcome: "rotated", revoked: true },
      );
    });
    const client = createResponderClient({ url, token: async () => "oidc-token", ...fast });
    const answer = await client.report(request, 5_000);
    expect(answer).toMatchObject({ kind: "done", status: { outcome: "rotated", revoked: true } });
    expect(seen[0]).toMatchObject({ method: "POST", url: "/api/v1/findings", auth: "Bearer oidc-token" });
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual(request);
    expect(seen.slice(1).every((s) => s.url === "/api/v1/findings/f1")).toBe(true);
  });

  it("says pending when the outcome does not come within the wait", async () => {
    const url = await serve((req, _b, res) =>
      json(res, req.method === "POST" ? 202 : 200, { id: "f2", state: "running", repository: "o/r" }),
    );
    const answer = await createResponderClient({ url, token: async () => "t", ...fast }).report(request, 100);
    expect(answer).toMatchObject({ kind: "pending", id: "f2" });
  });

  it("reports a refusal with the service's reason, and retries 503 until the deadline", async () => {
    const refused = await serve((_r, _b, res) => json(res, 403, { error: "repository 'octo-org/app' is not allowed" }));
    expect(
      await createResponderClient({ url: refused, token: async () => "t", ...fast }).report(request, 1_000),
    ).toEqual({
      kind: "error",
      message: "the responder refused the findings (403: repository 'octo-org/app' is not allowed)",
    });
    server?.close();
    let posts = 0;
    const flaky = await serve((req, _b, res) => {
      if (req.method === "POST" && ++posts < 3) return json(res, 503, { error: "busy" });
      json(res, req.method === "POST" ? 202 : 200, { id: "f3", state: "done", repository: "o/r", outcome: "no-match" });
    });
    expect(
      await createResponderClient({ url: flaky, token: async () => "t", ...fast }).report(request, 5_000),
    ).toMatchObject({ kind: "done" });
    expect(posts).toBe(3);
  });

  it("says the responder could not be reached, and refuses a non-https URL", async () => {
    const answer = await createResponderClient({ url: "http://127.0.0.1:9", token: async () => "t", ...fast }).report(
      request,
      50,
    );
    expect(answer).toMatchObject({ kind: "error", message: expect.stringContaining("could not be reached") });
    expect(() => createResponderClient({ url: "http://responder.example.com", token: async () => "t" })).toThrow(
      /https/,
    );
  });
});
