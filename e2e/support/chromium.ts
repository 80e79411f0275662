import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
} from "playwright-core";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const INSTALL_COMMAND = "apt-get update && apt-get install -y chromium";

function chromiumOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "chromium");
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function findChromium() {
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : chromiumOnPath();
}

function aptGet(args: string[]) {
  const result = spawnSync("apt-get", args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.status !== 0) {
    throw new Error(`apt-get ${args.join(" ")} failed (${result.status}).`);
  }
}

/**
 * Debian's Chromium (Playwright's own browser downloads are not reachable
 * here). As root it installs the package itself; otherwise it fails with the
 * command to run. Never skips: a browser test that silently does not run
 * would look green.
 */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is not installed. Install Debian's package, then rerun:\n  sudo sh -c '${INSTALL_COMMAND}'`,
    );
  }
  aptGet(["update"]);
  aptGet(["install", "-y", "chromium"]);
  const installed = findChromium();
  if (!installed) {
    throw new Error(`Chromium still missing after: ${INSTALL_COMMAND}`);
  }
  return installed;
}

export interface BrowserSession {
  browser: Browser;
  /** A fresh, isolated profile: its own cookies and storage, like another person's browser. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Headless Chromium as a root CI machine can run it, with nothing phoning home. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A headless Chromium; each context is a separate, throw-away profile. */
export async function launchChromium(): Promise<BrowserSession> {
  const executablePath = ensureChromium();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    browser,
    newContext: (options) => browser.newContext(options),
    close: () => browser.close(),
  };
}
