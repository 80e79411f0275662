/**
 * (b): the JS and CSS a signed-in day view fetches, observed in headless
 * Chromium against the running stack. Signs in a fresh user through the
 * WorkOS emulator exactly as the e2e tests do, then loads today's day view
 * in a new tab with the HTTP cache off, so every file shows up as a request.
 */
import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
} from "playwright-core";
import { CHROMIUM_ARGS, ensureChromium } from "../../e2e/support/chromium";
import { DaybookPage } from "../../e2e/support/daybook-page";
import { deferCleanup } from "./cleanup";
import { assetKind } from "./sizes";

/** The definition of (b): what arrives within this long after the day paints. */
export const OBSERVATION_WINDOW_MS = 5_000;
/** Per step (a click, a page load); generous, for a busy 2-core machine. */
const STEP_TIMEOUT_MS = 60_000;
const POLL_MS = 50;

export type Phase = "window" | "menu";

export interface DayViewFetches {
  /** `/assets/*.js|css` paths, first-fetch order, with the phase they came in. */
  assets: { path: string; phase: Phase }[];
  /** JS or CSS fetched from elsewhere (none today): listed, never counted. */
  outsideAssets: string[];
  /** Whether the open todos had drag handles when the window closed. */
  dragHandlesShown: boolean;
}

/** Polls a condition until it holds; throws `what` after the timeout. */
async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = STEP_TIMEOUT_MS,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${what}`);
    await sleep(POLL_MS);
  }
}

/**
 * Every JS/CSS request the page makes on the site's origin. Each response
 * is checked against the build output: a 200 whose body is byte-for-byte
 * as long as the file we will measure, so the sizes are of what was served.
 */
class AssetRecorder {
  phase: Phase = "window";
  private readonly assets = new Map<string, Phase>();
  private readonly outside = new Set<string>();
  private readonly inFlight = new Set<Request>();
  private readonly problems: string[] = [];

  constructor(
    page: Page,
    private readonly origin: string,
    private readonly servedDir: string,
  ) {
    page.on("request", (request) => this.onRequest(request));
    page.on("requestfinished", (request) => {
      void this.verify(request).finally(() => this.inFlight.delete(request));
    });
    page.on("requestfailed", (request) => {
      if (!this.inFlight.delete(request)) return;
      this.problems.push(`${request.url()}: ${request.failure()?.errorText}`);
    });
  }

  private onRequest(request: Request) {
    const url = new URL(request.url());
    if (url.origin !== this.origin || !assetKind(url.pathname)) return;
    if (!url.pathname.startsWith("/assets/")) {
      this.outside.add(url.pathname);
      return;
    }
    this.inFlight.add(request);
    if (!this.assets.has(url.pathname))
      this.assets.set(url.pathname, this.phase);
  }

  private async verify(request: Request) {
    const path = new URL(request.url()).pathname;
    if (!this.inFlight.has(request)) return;
    const response = await request.response();
    if (response?.status() !== 200) {
      this.problems.push(`${path}: status ${response?.status()}`);
      return;
    }
    const served = (await response.body()).length;
    const built = statSync(join(this.servedDir, path.replace(/^\//, ""))).size;
    if (served !== built) {
      this.problems.push(`${path}: served ${served} bytes, built ${built}`);
    }
  }

  /** Resolves once no JS/CSS request is in flight (including their checks). */
  settled() {
    return until("JS/CSS requests to finish", () => this.inFlight.size === 0);
  }

  result(dragHandlesShown: boolean): DayViewFetches {
    if (this.problems.length > 0) {
      throw new Error(`Unexpected responses:\n  ${this.problems.join("\n  ")}`);
    }
    return {
      assets: [...this.assets].map(([path, phase]) => ({ path, phase })),
      outsideAssets: [...this.outside],
      dragHandlesShown,
    };
  }
}

/** Signs a brand-new user in on the emulator's page, as e2e does; closes the tab. */
async function signInFreshUser(context: BrowserContext, origin: string) {
  const email = `bench-${randomUUID().slice(0, 8)}@example.com`;
  const page = await context.newPage();
  await page.goto(origin);
  await new DaybookPage(page, email).signIn();
  // One tab at a time: two tabs refreshing one session could race.
  await page.close();
  return email;
}

/** Resolves once the browser has painted a frame with the current DOM. */
async function nextPaint(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}

/**
 * Opens the account menu. Menus load lazily; until then the button is a
 * plain one and a click opens nothing, so it is clicked again until a menu
 * shows (each try waits on the menu itself, not on a guess of the time).
 */
async function openAccountMenu(page: Page) {
  const button = page.getByRole("button", { name: /^Account menu/ });
  const menu = page.getByRole("menu");
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    await button.click();
    try {
      await menu.waitFor({ state: "visible", timeout: 5_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

async function observeDayView(
  context: BrowserContext,
  origin: string,
  servedDir: string,
  email: string,
): Promise<DayViewFetches> {
  const page = await context.newPage();
  // A cold load, as on a first visit after signing in: nothing from the
  // sign-in tab's cache, and every file is a network request we can see.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });

  const recorder = new AssetRecorder(page, origin, servedDir);
  const daybook = new DaybookPage(page, email);
  await page.goto(origin); // "/" is today's day view
  await daybook.signedInIndicator.waitFor();
  await daybook.openTodos.or(daybook.emptyDayMessage).first().waitFor();
  await nextPaint(page);

  await sleep(OBSERVATION_WINDOW_MS); // deliberate: this window is (b)
  const dragHandlesShown =
    (await daybook.openTodos
      .getByRole("button", { name: /^Reorder / })
      .count()) > 0;

  recorder.phase = "menu";
  await openAccountMenu(page);
  await recorder.settled();
  await nextPaint(page);
  await recorder.settled();
  return recorder.result(dragHandlesShown);
}

/**
 * Headless Debian Chromium with e2e/support/chromium.ts's flags, except that
 * Playwright must not handle Ctrl-C itself: it would exit the process as
 * soon as the browser is down, before the bench has stopped the stack.
 */
function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

export async function recordDayView(
  origin: string,
  servedDir: string,
): Promise<DayViewFetches> {
  // Registered before the launch ends, so Ctrl-C during it still closes it.
  const launching = launchBrowser();
  const closeBrowser = deferCleanup("Chromium", async () => {
    await (await launching.catch(() => undefined))?.close();
  });
  try {
    const browser = await launching;
    const context = await browser.newContext();
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
    const email = await signInFreshUser(context, origin);
    return await observeDayView(context, origin, servedDir, email);
  } finally {
    await closeBrowser();
  }
}
