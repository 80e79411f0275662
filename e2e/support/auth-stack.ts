import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import {
  startWorkosEmulator,
  type WorkosEmulator,
} from "../../devtools/workos-emulator/emulator";
import { buildProductionSpa } from "./build-spa";
import { launchChromium, type BrowserSession } from "./chromium";
import { freePort } from "./free-port";
import { startNetlifyDev, type NetlifyDevServer } from "./netlify-dev";

export interface AuthStack {
  emulator: WorkosEmulator;
  /** Where the SPA looks for Convex; nothing listens there yet. */
  convexUrl: string;
  site: NetlifyDevServer;
  browser: BrowserSession;
  stop(): Promise<void>;
}

/**
 * The production sign-in path, end to end: WorkOS emulator ← Netlify
 * functions (in `netlify dev`) ← production SPA bundle ← headless Chromium.
 * Whatever started is stopped by stop(), also when a later step fails.
 */
export async function startAuthStack(options: {
  accessTokenTtlSeconds: number;
}): Promise<AuthStack> {
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
    const emulator = await startWorkosEmulator({
      accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    });
    cleanups.push(() => emulator.close());

    // No Convex backend yet: the SPA gets a local port nobody listens on.
    const convexUrl = `http://127.0.0.1:${await freePort()}`;
    const publishDir = await buildProductionSpa({
      workosClientId: emulator.clientId,
      convexUrl,
    });
    cleanups.push(() => rm(publishDir, { recursive: true, force: true }));

    const site = await startNetlifyDev({
      publishDir,
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

    const browser = await launchChromium();
    cleanups.push(() => browser.close());

    return { emulator, convexUrl, site, browser, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
