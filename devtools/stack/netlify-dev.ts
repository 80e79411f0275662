import { join } from "node:path";
import { startChild, type ManagedChild } from "./child-process";
import { NODE_BIN, pathWithProjectBin, REPO_ROOT } from "./paths";

export interface NetlifyDevServer {
  /** The site's origin, e.g. http://localhost:41234. */
  origin: string;
  child: ManagedChild;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 90_000;
const POLL_INTERVAL_MS = 250;

/**
 * Ready once our authenticate function answers a GET with its own 405: then
 * the static server, the redirects and the functions are all up.
 */
async function waitUntilFunctionsServe(origin: string, child: ManagedChild) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(`${origin}/user_management/authenticate`);
      if (response.status === 405 && response.headers.get("allow") === "POST") {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(
    `netlify dev did not serve the functions (${exited ? "it exited" : "timed out"}):\n${child.output()}`,
  );
}

/**
 * Netlify's own local runtime (`netlify dev`): static files from `publishDir`
 * with netlify.toml's headers and redirects, and netlify/functions with their
 * config.path routes. `env` reaches the functions through process.env.
 */
export async function startNetlifyDev(options: {
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
      cwd: REPO_ROOT,
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
