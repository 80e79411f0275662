import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import {
  startConvexStandin,
  type ConvexStandin,
  type SeedUser,
} from "../convex-standin/standin";
import {
  startWorkosEmulator,
  type WorkosEmulator,
} from "../workos-emulator/emulator";
import { buildProductionSpa } from "./build-spa";
import { assertDenoAvailable } from "./deno";
import { startNetlifyDev, type NetlifyDevServer } from "./netlify-dev";
import { assertPortFree, freePort } from "./ports";
import { routeConvexToStandin } from "./standin-route";

export interface DaybookStackOptions {
  /** The site's port; 0 or absent picks a free one. */
  port?: number;
  /** How to choose another port, for the error when `port` is taken. */
  portHint?: string;
  /** Fills each user's account on first sign-in (the demo's --seed). */
  seed?: (user: SeedUser) => Promise<void>;
  /** WorkOS's default is five minutes; tests use less to exercise refresh. */
  accessTokenTtlSeconds?: number;
  /** Progress lines ("building the app…"); silent by default. */
  log?: (line: string) => void;
}

export interface DaybookStack {
  /** The one URL a person (or Chromium) opens, e.g. http://localhost:8888. */
  origin: string;
  emulator: WorkosEmulator;
  standin: ConvexStandin;
  site: NetlifyDevServer;
  /** Stops everything started, last first; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The whole app on one machine with no accounts: the production SPA bundle
 * and the sign-in functions served by Netlify's local runtime, the WorkOS
 * emulator behind the functions, and the in-memory Convex stand-in behind the
 * site's own origin. Used by `npm run demo` and the browser tests alike.
 */
export async function startDaybookStack(
  options: DaybookStackOptions = {},
): Promise<DaybookStack> {
  const log = options.log ?? (() => undefined);
  const cleanups: (() => Promise<void>)[] = [];
  // Last started, first stopped; every step runs even if one fails.
  const stop = async () => {
    let firstFailure: unknown;
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => (firstFailure ??= error));
    }
    if (firstFailure) throw firstFailure;
  };
  try {
    // Fail before the slow steps when the machine cannot run the stack.
    assertDenoAvailable();
    const port = options.port || (await freePort());
    if (options.port) {
      await assertPortFree(port, options.portHint ?? "Choose another port.");
    }
    const origin = `http://localhost:${port}`;

    const emulator = await startWorkosEmulator({
      accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    });
    cleanups.push(() => emulator.close());

    const standin = await startConvexStandin({
      workosApiBaseUrl: emulator.baseUrl,
      workosClientId: emulator.clientId,
      seed: options.seed,
    });
    cleanups.push(() => standin.close());

    log("Building the production bundle…");
    // The SPA's Convex address is the site itself: see routeConvexToStandin.
    const publishDir = await buildProductionSpa({
      workosClientId: emulator.clientId,
      convexUrl: origin,
    });
    cleanups.push(() => rm(publishDir, { recursive: true, force: true }));
    await routeConvexToStandin(publishDir, standin.url);

    log("Starting Netlify's local runtime…");
    const site = await startNetlifyDev({
      publishDir,
      port,
      env: {
        WORKOS_CLIENT_ID: emulator.clientId,
        WORKOS_API_KEY: emulator.apiKey,
        // Fresh per run, never printed.
        WORKOS_COOKIE_PASSWORD: randomBytes(32).toString("base64url"),
        WORKOS_API_HOSTNAME: emulator.hostname,
        WORKOS_API_PORT: String(emulator.port),
        WORKOS_API_HTTPS: "false",
      },
    });
    cleanups.push(() => site.stop());

    return { origin, emulator, standin, site, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
