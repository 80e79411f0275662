import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { startChild, type ManagedChild } from "./child-process";
import { NODE_BIN, pathWithProjectBin } from "./paths";
import { StackSetupError } from "./setup-error";

export interface NetlifyDevServer {
  /** The site's origin, e.g. http://localhost:21234. */
  origin: string;
  child: ManagedChild;
  stop(): Promise<void>;
}

/** netlify dev could not have the port it was given: someone took it first. */
export class SitePortTakenError extends StackSetupError {}

// Generous: on a busy two-core machine, with a second stack starting beside
// it, netlify dev spends most of a minute bundling functions and starting
// its local database before it serves anything.
const READY_TIMEOUT_MS = 180_000;
const PROBE_TIMEOUT_MS = 15_000;
// How often to ask again; the condition waited for is the answer itself.
const POLL_INTERVAL_MS = 250;
const PORT_TAKEN = /Could not acquire|EADDRINUSE/;

/** Our authenticate function answers a GET with its own 405. */
async function functionsServe(origin: string) {
  try {
    const response = await fetch(`${origin}/user_management/authenticate`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return response.status === 405 && response.headers.get("allow") === "POST";
  } catch {
    return false; // not listening yet, or too busy to answer in time
  }
}

/**
 * Ready once our authenticate function answers: then the static server, the
 * redirects and the functions are all up.
 */
async function waitUntilFunctionsServe(origin: string, child: ManagedChild) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    if (await functionsServe(origin)) return;
    await delay(POLL_INTERVAL_MS);
  }
  const output = child.output();
  if (exited && PORT_TAKEN.test(output)) {
    throw new SitePortTakenError(
      `netlify dev could not have its port:\n${output}`,
    );
  }
  throw new Error(
    `netlify dev did not serve the functions (${exited ? "it exited" : "timed out"}):\n${output}`,
  );
}

/**
 * Netlify's own local runtime (`netlify dev`) in `siteDir` (see
 * netlify-site.ts): static files from `publishDir` with netlify.toml's
 * headers and redirects, and netlify/functions with their config.path
 * routes. `env` reaches the functions through process.env.
 */
export async function startNetlifyDev(options: {
  siteDir: string;
  publishDir: string;
  /** The site's port; the origin is http://localhost:<port>. */
  port: number;
  env: Record<string, string>;
}): Promise<NetlifyDevServer> {
  const { port } = options;
  const child = startChild(
    "netlify dev",
    join(NODE_BIN, "netlify"),
    [
      "dev",
      "--offline",
      "--dir",
      options.publishDir,
      "--framework",
      "#static",
      "--port",
      String(port),
      "--no-open",
      "--skip-gitignore",
    ],
    {
      cwd: options.siteDir,
      env: {
        ...process.env,
        ...options.env,
        // netlify dev needs deno (for its edge runtime) on PATH.
        PATH: pathWithProjectBin(),
        // CI mode: no telemetry (a detached sender process) and no prompts.
        CI: "true",
        BROWSER: "none",
      },
    },
  );
  const origin = `http://localhost:${port}`;
  try {
    await waitUntilFunctionsServe(origin, child);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { origin, child, stop: () => child.stop() };
}
