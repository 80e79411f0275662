import { defineConfig } from "vitest/config";

// convex-test must be inlined so its import.meta.glob of convex/ resolves.
const convexTestDeps = { deps: { inline: ["convex-test"] } };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "backend",
          include: ["convex/**/*.test.ts"],
          environment: "edge-runtime",
          server: convexTestDeps,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "functions",
          include: ["netlify/**/*.test.ts", "devtools/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "frontend",
          include: ["src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["src/testing/setup.ts"],
          server: convexTestDeps,
          testTimeout: 30_000,
        },
      },
      {
        // Browser tests: real processes (WorkOS emulator, netlify dev) and
        // headless Chromium, so generous timeouts. See e2e/support.
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // `npm run bench:backend` only: prints documents read per UI query.
        test: {
          name: "backend-bench",
          include: ["bench/**/*.bench.test.ts"],
          environment: "edge-runtime",
          server: convexTestDeps,
          testTimeout: 1_800_000,
          hookTimeout: 1_800_000,
        },
      },
    ],
  },
});
