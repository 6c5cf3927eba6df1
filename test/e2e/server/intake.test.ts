/**
 * Hostile and odd clients against the real server: signed input that is not an event payload,
 * empty delivery ids, and slow unsigned bodies that must not hold more than the intake budget.
 */
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { pushPayload } from "../action/harness.js";
import { deliver, FakeResponder, sign, startTestService, type TestService, waitFor } from "./harness.js";

let t: TestService | undefined;
const responder = new FakeResponder();
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await t?.stop();
  t = undefined;
});

/** POST with raw headers (fetch cannot send an empty header value). */
function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/github/webhooks`, { method: "POST", headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A raw connection that sends headers declaring `length` bytes and then only `sent` of them. */
function slowBody(port: number, length: number, sent: number): Promise<{ socket: Socket; status: Promise<number> }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(
        [
          "POST /api/github/webhooks HTTP/1.1",
          "host: x",
          "content-type: application/json",
          "x-github-event: push",
          `x-github-delivery: ${randomUUID()}`,
          `x-hub-signature-256: sha256=${"0".repeat(64)}`,
          `content-length: ${length}`,
          "",
          "",
        ].join("\r\n"),
      );
      socket.write("x".repeat(sent));
      let data = "";
      const status = new Promise<number>((done) => {
        socket.on("data", (d) => {
          data += d.toString();
          const m = /^HTTP\/1\.1 (\d+)/.exec(data);
          if (m) done(Number(m[1]));
        });
        socket.on("close", () => done(0));
        socket.on("error", () => done(0));
      });
      resolve({ socket, status });
    });
    sockets.push(socket);
  });
}

describe("odd but signed input", () => {
  it.each([
    ["null", "null"],
    ["a number", "42"],
    ["a string", '"push"'],
    ["an array", "[]"],
    ["not JSON", "{"],
  ])("answers 400 to %s and stores nothing", async (_what, body) => {
    t = await startTestService({}, { responder });
    const r = await deliver(t.url, "push", undefined, { body });
    expect(r.status).toBe(400);
    expect(t.service.metrics.deliveries.get({ event: "push", outcome: "rejected" })).toBe(1);
    const health = (await (await fetch(`${t.url}/healthz`)).json()) as { queue: unknown };
    expect(health.queue).toEqual({ ready: 0, leased: 0, done: 0, dead: 0 });
  });

  it("refuses an empty or missing delivery id, so ids never collide on ''", async () => {
    t = await startTestService({}, { responder });
    // A deleted branch: queued, then skipped without calling GitHub.
    const body = JSON.stringify(pushPayload("refs/heads/gone", "1".repeat(40), "0".repeat(40)));
    const headers = {
      "content-type": "application/json",
      "x-github-event": "push",
      "x-hub-signature-256": sign(body),
    };
    expect(await post(t.url, { ...headers, "x-github-delivery": "" }, body)).toBe(400);
    expect(await post(t.url, headers, body)).toBe(400);
    expect(await post(t.url, { ...headers, "x-github-delivery": "a b" }, body)).toBe(400);
    expect(await post(t.url, { ...headers, "x-github-delivery": randomUUID() }, body)).toBe(200);
    await waitFor(() => t?.logs.some((l) => l.includes('"processed"')) ?? false, "the delivery");
  });
});

describe("unsigned clients", () => {
  it("holds at most the unverified budget for slow bodies, sheds the rest with 503, and gives it all back", async () => {
    t = await startTestService(
      {
        LEAKSTOP_MAX_UNVERIFIED_BODIES: "4",
        LEAKSTOP_MAX_UNVERIFIED_BYTES: String(64 * 1024 * 1024),
        LEAKSTOP_BODY_TIMEOUT_MS: "1500",
      },
      { responder },
    );
    const port = t.service.port;
    const big = 20 * 1024 * 1024;
    // 40 slow clients, each declaring 20 MiB and sending 1 KiB.
    const slow = await Promise.all(Array.from({ length: 40 }, () => slowBody(port, big, 1024)));
    await waitFor(() => (t?.service.intake.usage.bodies ?? 0) === 3, "three bodies admitted");
    // 64 MiB hold three 20 MiB reservations, not four: the byte budget binds before the count.
    expect(t.service.intake.usage.bytes).toBeLessThanOrEqual(64 * 1024 * 1024);
    const statuses = await Promise.all(slow.map((s) => s.status));
    expect(statuses.filter((s) => s === 503)).toHaveLength(37);
    // The admitted ones are cut off at the body deadline.
    expect(statuses.filter((s) => s === 408)).toHaveLength(3);
    expect(t.service.intake.usage).toEqual({ bodies: 0, bytes: 0 });
    // A real delivery is taken as soon as the budget is free again.
    expect((await deliver(t.url, "ping", { zen: "ok" })).status).toBe(200);
    expect(t.service.metrics.deliveries.get({ event: "push", outcome: "shed" })).toBe(37);
  }, 15_000);

  it("refuses a request without a well-formed signature before reading its body", async () => {
    t = await startTestService({}, { responder });
    const status = await post(
      t.url,
      {
        "content-type": "application/json",
        "x-github-event": "push",
        "x-github-delivery": randomUUID(),
        "x-hub-signature-256": "sha1=abc",
      },
      "{}",
    );
    expect(status).toBe(400);
    expect(t.service.intake.usage).toEqual({ bodies: 0, bytes: 0 });
  });
});
