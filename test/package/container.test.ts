/**
 * The container recipe, checked without a Docker engine (there is none here): the base image is
 * pinned by digest, the build context holds only what the Dockerfile copies, and the stop timeout
 * it documents leaves the server's drain time to finish.
 */
import { readFileSync } from "node:fs";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const dockerfile = read("Dockerfile");

describe("Dockerfile", () => {
  it("pins every base image by digest", () => {
    const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const image of froms) expect(image).toMatch(/^node:24-bookworm-slim@sha256:[0-9a-f]{64}$/);
    expect(new Set(froms).size).toBe(1);
  });

  it("drains within the stop timeouts it documents (Docker's 10 s by default), and the server agrees", () => {
    const grace = Number(/^ENV LEAKSTOP_SHUTDOWN_GRACE_MS=(\d+)$/m.exec(dockerfile)?.[1]);
    const serverDefault = /ENV\.shutdownGrace, (\d+)/.exec(read("src/entrypoints/server/settings.ts"))?.[1];
    expect(serverDefault, "the server's default drain (LEAKSTOP_SHUTDOWN_GRACE_MS) moved: update the Dockerfile").toBe(
      String(grace),
    );
    // Room for the HTTP close and the queue's last write before Docker's SIGKILL.
    expect(grace + 2_000).toBeLessThanOrEqual(10_000);
    // The raised example keeps the same margin.
    const raised = Number(/LEAKSTOP_SHUTDOWN_GRACE_MS=(\d{5,})/.exec(dockerfile)?.[1]);
    const stop = Number(/--stop-timeout (\d+)/.exec(dockerfile)?.[1]);
    expect(raised + 2_000).toBeLessThanOrEqual(stop * 1000);
    expect(dockerfile).toContain(`docker stop -t ${stop}`);
    expect(dockerfile).toMatch(/STOPSIGNAL SIGTERM/);
    expect(dockerfile).toMatch(/HEALTHCHECK .*\n.*\/healthz/);
  });
});

describe(".dockerignore", () => {
  const lines = read(".dockerignore")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  /** Docker's rule: the last matching line wins; `!` re-includes. */
  const included = (path: string) => {
    let keep = true;
    for (const line of lines) {
      const negated = line.startsWith("!");
      const pattern = (negated ? line.slice(1) : line).replace(/\/$/, "");
      // A pattern that matches a directory matches everything under it.
      const parts = path.split("/");
      const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
      if (prefixes.some((p) => picomatch.isMatch(p, pattern, { dot: true }))) keep = negated;
    }
    return keep;
  };

  it("sends what the Dockerfile copies, and nothing private", () => {
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => (m[1] ?? "").split(/\s+/));
    for (const source of copied) expect(included(source.replace(/\/$/, "/x.ts")), source).toBe(true);
    for (const path of [".git/config", "node_modules/x/index.js", ".leakstop/github-app.json", ".env", "dist/cli.js"]) {
      expect(included(path), path).toBe(false);
    }
  });
});
