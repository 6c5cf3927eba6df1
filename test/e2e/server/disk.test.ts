/**
 * The service on a real full disk and a real read-only data directory: a small tmpfs mounted by
 * the test (root only; CI runs as root). Deliveries it cannot store get 503 (GitHub can
 * redeliver them), the worker pool waits instead of spinning on a lease that was rolled back,
 * health says why, and everything works again once space returns.
 */
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeliveryQueue } from "../../../src/adapters/queue/sqlite-queue.js";
import { pushPayload } from "../action/harness.js";
import { deliver, FakeResponder, startTestService, type TestService, waitFor } from "./harness.js";

const root = process.getuid?.() === 0;
let mountPoint: string;
let t: TestService | undefined;

beforeEach(async () => {
  mountPoint = await mkdtemp(join(tmpdir(), "leakstop-disk-"));
});
afterEach(async () => {
  await t?.stop().catch(() => {});
  t = undefined;
  try {
    execFileSync("umount", [mountPoint]);
  } catch {
    // not mounted
  }
  await rm(mountPoint, { recursive: true, force: true });
});

function mount(options: string): string {
  execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", mountPoint]);
  return join(mountPoint, "data");
}

/** Fill the file system to the last block; returns a function that frees it again. */
function fill(): () => void {
  const file = join(mountPoint, "filler");
  const chunk = Buffer.alloc(64 * 1024, 1);
  let i = 0;
  try {
    for (;;) writeFileSync(`${file}.${i++}`, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOSPC") throw e;
  }
  return () => {
    for (let j = 0; j < i; j++) rmSync(`${file}.${j}`, { force: true });
  };
}

/** A deleted branch: the handler runs (and logs "processing") without calling GitHub. */
const skippedPush = (n: number) => pushPayload(`refs/heads/gone-${n}`, "1".repeat(40), "0".repeat(40));
const count = (lines: readonly string[], msg: string) => lines.filter((l) => l.includes(`"msg":"${msg}"`)).length;

describe.skipIf(!root)("a full disk", () => {
  it("answers 503, does not spin on a rolled-back lease, says why, and recovers when space returns", async () => {
    const dataDir = mount("size=4m");
    // A delivery waiting from before; the disk fills up before the service takes it.
    const before = DeliveryQueue.open({ dir: dataDir });
    before.enqueue({ id: "waiting", event: "push", payload: JSON.stringify(skippedPush(0)) });
    before.close();
    const free = fill();
    t = await startTestService({}, { responder: new FakeResponder() }, dataDir);
    await new Promise((r) => setTimeout(r, 1200));
    // Before the fix, the lease handed the same row back on every turn: thousands of starts.
    expect(count(t.logs, "processing")).toBe(0);
    expect(count(t.logs, "the queue cannot hand out work; waiting")).toBeLessThanOrEqual(2);
    const refused = await deliver(t.url, "push", skippedPush(1));
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.text)).toEqual({ error: "The delivery could not be stored; redeliver later." });
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; writeError: string };
    expect(body.status).toBe("degraded");
    expect(body.writeError).toContain("LEAKSTOP_DATA_DIR");
    expect(body.writeError).toContain("the disk is full");
    expect(await (await fetch(`${t.url}/metrics`)).text()).toContain("leakstop_queue_writable 0");

    free();
    // The waiting delivery runs once the pool's backoff ends; new ones are stored again.
    await waitFor(() => count(t?.logs ?? [], "processed") === 1, "the waiting delivery", 10_000);
    const again = await deliver(t.url, "push", skippedPush(2));
    expect(again.status).toBe(200);
    await waitFor(() => count(t?.logs ?? [], "processed") === 2, "the new delivery");
    expect(count(t.logs, "processing")).toBe(2);
    expect(((await (await fetch(`${t.url}/healthz`)).json()) as { status: string }).status).toBe("ok");
  }, 20_000);
});

describe.skipIf(!root)("a read-only data directory", () => {
  it("refuses to start with a message naming LEAKSTOP_DATA_DIR", async () => {
    mount("size=1m,ro");
    await expect(startTestService({}, { responder: new FakeResponder() }, join(mountPoint, "data"))).rejects.toThrow(
      /LEAKSTOP_DATA_DIR/,
    );
  });
});
