import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
import {
  SitePortTakenError,
  startNetlifyDev,
  type NetlifyDevServer,
} from "./netlify-dev";
import { prepareNetlifySite } from "./netlify-site";
import { assertPortFree, freePort, isPortFree } from "./ports";
import { routeConvexToStandin } from "./standin-route";

/** Something the site reaches the stand-in through (see mutation-gate.ts). */
export interface StandinFront {
  url: string;
  close(): Promise<void>;
}

/** Something the sign-in functions reach WorkOS through (see workos-fault-proxy.ts). */
export interface WorkosFront {
  hostname: string;
  port: number;
  close(): Promise<void>;
}

export interface DaybookStackOptions {
  /** The site's port; 0 or absent picks a free one. */
  port?: number;
  /** How to choose another port, for the error when `port` is taken. */
  portHint?: string;
  /** Fills each user's account on first sign-in (the demo's --seed). */
  seed?: (user: SeedUser) => Promise<void>;
  /** WorkOS's default is five minutes; tests use less to exercise refresh. */
  accessTokenTtlSeconds?: number;
  /** Puts something between the site and the stand-in (the tests' mutation gate). */
  inFrontOfStandin?: (standinUrl: string) => Promise<StandinFront>;
  /** Puts something between the sign-in functions and WorkOS (the fault tests' proxy). */
  inFrontOfWorkos?: (emulatorBaseUrl: string) => Promise<WorkosFront>;
  /** Progress lines ("building the app…"); silent by default. */
  log?: (line: string) => void;
}

export interface DaybookStack {
  /** The one URL a person (or Chromium) opens, e.g. http://localhost:8888. */
  origin: string;
  emulator: WorkosEmulator;
  standin: ConvexStandin;
  site: NetlifyDevServer;
  /**
   * The folder netlify dev serves (the stack's own production build). What
   * is written there is served at once: the offline tests deploy a new
   * version by changing it.
   */
  publishDir: string;
  /** Stops everything started, last first; safe to call twice. */
  stop(): Promise<void>;
}

// Only for a port the stack chose itself: another program may still take
// it during the build, and then a fresh port (and build) is the remedy.
const SITE_ATTEMPTS = 3;

/**
 * The whole app on one machine with no accounts: the production SPA bundle
 * and the sign-in functions served by Netlify's local runtime, the WorkOS
 * emulator behind the functions, and the in-memory Convex stand-in behind the
 * site's own origin. Used by `npm run demo` and the browser tests alike.
 *
 * Several stacks can run at once from one checkout: every port is chosen
 * free (or checked free), and everything written on disk (the build, the
 * Netlify project folder with its .netlify state) lives in a temporary
 * folder of this stack's own, removed by stop().
 */
export async function startDaybookStack(
  options: DaybookStackOptions = {},
): Promise<DaybookStack> {
  const log = options.log ?? (() => undefined);
  const portHint = options.portHint ?? "Choose another port.";
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
    if (options.port) await assertPortFree(options.port, portHint);
    const runDir = await mkdtemp(join(tmpdir(), "daybook-stack-"));
    cleanups.push(() => rm(runDir, { recursive: true, force: true }));

    const emulator = await startWorkosEmulator({
      accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    });
    cleanups.push(() => emulator.close());

    const standin = await startConvexStandin({
      workosApiBaseUrl: emulator.baseUrl,
      workosClientId: emulator.clientId,
      workosApiKey: emulator.apiKey,
      seed: options.seed,
    });
    cleanups.push(() => standin.close());

    let standinUrl = standin.url;
    if (options.inFrontOfStandin) {
      const front = await options.inFrontOfStandin(standin.url);
      cleanups.push(() => front.close());
      standinUrl = front.url;
    }

    let workosAddress = { hostname: emulator.hostname, port: emulator.port };
    if (options.inFrontOfWorkos) {
      const front = await options.inFrontOfWorkos(emulator.baseUrl);
      cleanups.push(() => front.close());
      workosAddress = { hostname: front.hostname, port: front.port };
    }

    const publishDir = join(runDir, "publish");
    const site = await startSite({
      publishDir,
      runDir,
      port: options.port,
      portHint,
      standinUrl,
      emulator,
      workosAddress,
      log,
    });
    cleanups.push(() => site.stop());

    return { origin: site.origin, emulator, standin, site, publishDir, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/**
 * Builds the SPA for its origin and serves it with netlify dev. The port is
 * baked into the build (the SPA's Convex address is the site itself), so a
 * port the stack chose and lost before netlify dev bound it costs a rebuild.
 */
async function startSite(options: {
  runDir: string;
  publishDir: string;
  port: number | undefined;
  portHint: string;
  standinUrl: string;
  emulator: WorkosEmulator;
  /** Where the functions reach WorkOS: the emulator or something in front. */
  workosAddress: { hostname: string; port: number };
  log: (line: string) => void;
}): Promise<NetlifyDevServer> {
  const { runDir, publishDir, emulator, log } = options;
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port || (await freePort());
    // Its static server's port is written into it: a fresh one each attempt.
    const siteDir = join(runDir, `site-${attempt}`);
    await prepareNetlifySite(siteDir, { staticServerPort: await freePort() });
    const origin = `http://localhost:${port}`;
    log("Building the production bundle…");
    // The SPA's Convex address is the site itself: see routeConvexToStandin.
    await buildProductionSpa({
      outDir: publishDir,
      workosClientId: emulator.clientId,
      convexUrl: origin,
    });
    await routeConvexToStandin(publishDir, options.standinUrl);
    try {
      // The build takes a while; look again before netlify dev tries.
      if (options.port) await assertPortFree(port, options.portHint);
      else if (!(await isPortFree(port))) {
        throw new SitePortTakenError(`Port ${port} was taken meanwhile.`);
      }
      log("Starting Netlify's local runtime…");
      return await startNetlifyDev({
        siteDir,
        publishDir,
        port,
        env: {
          WORKOS_CLIENT_ID: emulator.clientId,
          WORKOS_API_KEY: emulator.apiKey,
          // Fresh per run, never printed.
          WORKOS_COOKIE_PASSWORD: randomBytes(32).toString("base64url"),
          WORKOS_API_HOSTNAME: options.workosAddress.hostname,
          WORKOS_API_PORT: String(options.workosAddress.port),
          WORKOS_API_HTTPS: "false",
          // netlify dev sets URL to this same origin itself; naming it here
          // keeps the functions' host allow-list independent of that.
          SITE_ORIGINS: origin,
        },
      });
    } catch (error) {
      const retry =
        error instanceof SitePortTakenError &&
        !options.port &&
        attempt < SITE_ATTEMPTS;
      if (!retry) throw error;
      log(`Port ${port} was taken meanwhile; trying another.`);
    }
  }
}
