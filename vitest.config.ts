import { defineConfig } from "vitest/config";

// convex-test must be inlined so its import.meta.glob of convex/ resolves.
const convexTestDeps = { deps: { inline: ["convex-test"] } };

// Import aliases (`@/`, `@convex/`) come from tsconfig.json's `paths`, as in
// vite.config.ts; inline projects don't inherit the root config, so each
// turns them on itself.
const resolve = { tsconfigPaths: true };

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
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
        resolve,
        test: {
          name: "functions",
          include: [
            "netlify/**/*.test.ts",
            "vite/**/*.test.ts",
            "devtools/**/*.test.ts",
          ],
          environment: "node",
          testTimeout: 30_000,
        },
      },
      {
        resolve,
        test: {
          name: "frontend",
          include: ["src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["src/testing/setup.ts"],
          server: convexTestDeps,
          // Room for a few of Testing Library's 15 s waits (setup.ts) in one
          // test when a busy machine compiles a file's first chunks.
          testTimeout: 60_000,
        },
      },
      {
        // Browser tests: one production build and one stack (WorkOS
        // emulator, Convex stand-in, netlify dev) for every file, started by
        // globalSetup; headless Chromium per file. See e2e/support.
        resolve,
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          environment: "node",
          globalSetup: ["e2e/support/global-stack.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // After the other projects, not beside them: on a small machine
          // the backend suites would otherwise compete with the browser for
          // the CPU and slow every step.
          sequence: { groupOrder: 1 },
        },
      },
      {
        // `npm run bench:backend` only: prints documents read per UI query.
        resolve,
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
