import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: {
      provider: "v8",
      include: ["src/core/**", "src/remediation/**"],
      reporter: ["text-summary"],
      // A floor, not a target: the pure core and the responder's orchestration are where a
      // silent gap costs the most (a missed leak, a wrong rotation).
      thresholds: {
        "src/core/**": { lines: 92, statements: 88, functions: 90, branches: 78 },
        "src/remediation/**": { lines: 88, statements: 85, functions: 90, branches: 72 },
      },
    },
  },
});
