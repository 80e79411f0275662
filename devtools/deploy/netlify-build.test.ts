import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runNetlifyBuild, STUB_CONVEX_URL } from "./netlify-build-run";

// A whole `netlify build` (typecheck, vite build, function bundling) on a
// busy 2-core machine.
const BUILD_TIMEOUT_MS = 300_000;
const FUNCTIONS_DIR = fileURLToPath(
  new URL("../../netlify/functions", import.meta.url),
);
const SITE_ENV = { VITE_WORKOS_CLIENT_ID: "client_test" };

it(
  "netlify build --offline fails in the production context without CONVEX_DEPLOY_KEY, saying so",
  async () => {
    const outcome = await runNetlifyBuild({
      context: "production",
      env: SITE_ENV,
    });
    expect(outcome.exitCode).not.toBe(0);
    expect(outcome.output).toContain(
      "Build stopped: CONVEX_DEPLOY_KEY is not set for Netlify's production context",
    );
    expect(outcome.convexDeployCommands).toEqual([]);
    expect(outcome.indexHtml).toBeNull();
  },
  BUILD_TIMEOUT_MS,
);

it(
  "netlify build --offline passes in the production context with a deploy key, Convex deploying first",
  async () => {
    const outcome = await runNetlifyBuild({
      context: "production",
      env: {
        ...SITE_ENV,
        CONVEX_DEPLOY_KEY: "prod:test-deployment-123|not-a-real-key",
      },
    });
    expect(outcome.exitCode, outcome.output.slice(-4000)).toBe(0);
    expect(outcome.convexDeployCommands).toEqual(["npm run build"]);
    // Built against the deployment `convex deploy` handed it, which the
    // build's Content-Security-Policy (dist/_headers) pins.
    expect(outcome.indexHtml).not.toBeNull();
    expect(outcome.headersFile).toContain(
      `connect-src 'self' ${new URL(STUB_CONVEX_URL).origin}`,
    );
    // Every function of netlify/functions is bundled.
    const functions = await readdir(FUNCTIONS_DIR);
    expect(Object.keys(outcome.functionRuntimes).sort()).toEqual(
      functions.sort(),
    );
  },
  BUILD_TIMEOUT_MS,
);
