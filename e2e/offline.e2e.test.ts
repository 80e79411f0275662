/**
 * Daybook opens offline (issue 11, goal 4), as one scenario in steps: one
 * person, one browser profile. The app is installable (a manifest, icons, a
 * theme colour) and its worker is never cached as immutable. After one
 * signed-in visit the service worker holds the app shell, so a reload with
 * the network cut still opens the app; a deploy is offered as "New version available" with a Reload button that
 * loads the new version; and the sign-in functions' addresses always go to
 * the network, never to the cached page.
 *
 * On a stack of this file's own: the deploy step changes the served build,
 * which would prompt every other file's tabs on the shared stack.
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BrowserContext, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect } from "vitest";
import {
  startDaybookStack,
  type DaybookStack,
} from "../devtools/stack/daybook-stack";
import { launchChromium, type BrowserSession } from "./support/chromium";
import { CspViolations } from "./support/csp-violations";
import { DaybookPage } from "./support/daybook-page";
import { cacheHolds, savedCopyStatus } from "./support/local-cache";
import { scenarioSteps } from "./support/scenario";
import { eventually, STEP_TIMEOUT_MS } from "./support/waiting";

const EMAIL = "e2e.offline@example.com";
const RETRYING_TEXT = "Can't reach sign-in — retrying";
const OFFLINE_TODO = "Read on the train";
// What the simulated deploy changes: a marker only the new index.html has.
const DEPLOY_MARKER = '<meta name="daybook-e2e-deploy" content="2" />';
// A build of its own and netlify dev, beside the shared stack's.
const STACK_START_TIMEOUT_MS = 300_000;
// Under the step's own 120 s, with room for signing in first.
const WORKER_INSTALL_TIMEOUT_MS = 90_000;

/**
 * A deploy that changes only index.html, as the build would write it: the
 * new page, and a sw.js whose precache manifest names the page's new
 * revision (Workbox's revision is the file's MD5). sw.js differs, so the
 * browser installs it as the new version.
 */
async function deployChangedIndexHtml(publishDir: string) {
  const indexPath = join(publishDir, "index.html");
  const workerPath = join(publishDir, "sw.js");
  const page = await readFile(indexPath, "utf8");
  const newPage = page.replace("</head>", `${DEPLOY_MARKER}\n</head>`);
  const revision = createHash("md5").update(newPage).digest("hex");
  const worker = await readFile(workerPath, "utf8");
  const entry = /\{url:"index\.html",revision:"[0-9a-f]{32}"\}/g;
  const entries = worker.match(entry) ?? [];
  if (entries.length !== 1) {
    throw new Error(
      `sw.js no longer lists index.html once in its precache manifest (found ${entries.length}); update deployChangedIndexHtml.`,
    );
  }
  await writeFile(indexPath, newPage);
  await writeFile(
    workerPath,
    worker.replace(entry, `{url:"index.html",revision:"${revision}"}`),
  );
}

/**
 * Records the page's service worker lifecycle (update checks, the new
 * version's states) from now on; the returned function reads the record, for
 * a failure's message: a stalled update says where it stalled.
 */
async function recordWorkerLifecycle(page: Page) {
  await page.evaluate(async () => {
    const record: string[] = [];
    const at = () => `${Math.round(performance.now())} ms`;
    Object.assign(window, { workerLifecycle: record });
    const registration = await navigator.serviceWorker.getRegistration();
    record.push(
      `${at()}: registered ${registration !== undefined}, online ${navigator.onLine}`,
    );
    registration?.addEventListener("updatefound", () => {
      const worker = registration.installing;
      record.push(`${at()}: update found`);
      worker?.addEventListener("statechange", () =>
        record.push(`${at()}: new version ${worker.state}`),
      );
    });
    // Who asks for a new version, and what the browser answered: a stall
    // shows whether the app's watcher asked at all.
    const update = ServiceWorkerRegistration.prototype.update;
    ServiceWorkerRegistration.prototype.update = function (
      this: ServiceWorkerRegistration,
    ) {
      const asked = at();
      const answer = update.call(this);
      answer.then(
        () => record.push(`${asked}: update() asked, answered`),
        (error: Error) =>
          record.push(`${asked}: update() asked, failed: ${error.message}`),
      );
      return answer;
    };
    document.addEventListener("visibilitychange", () =>
      record.push(
        `${at()}: back to the front (${document.visibilityState}, installing ${registration?.installing !== null}, waiting ${registration?.waiting !== null})`,
      ),
    );
  });
  return () =>
    page.evaluate(() =>
      (window as unknown as { workerLifecycle: string[] }).workerLifecycle.join(
        "; ",
      ),
    );
}

/**
 * From each page load on: when the app registered its worker and what the
 * browser answered, when it began listening for the tab coming back, and
 * each update check it asked for and how that ended. Read with `appWatchLog` for a failure's message.
 */
function recordAppWatch(context: BrowserContext) {
  return context.addInitScript(() => {
    const log: string[] = [];
    const at = () => `${Math.round(performance.now())} ms`;
    Object.assign(window, { appWatchLog: log });
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (
      this: ServiceWorkerContainer,
      ...args: Parameters<ServiceWorkerContainer["register"]>
    ) {
      const asked = at();
      log.push(`${asked}: register() asked`);
      const answer = register.apply(this, args);
      answer.then(
        () => log.push(`${asked}: register() answered`),
        (error: Error) =>
          log.push(`${asked}: register() failed: ${error.message}`),
      );
      return answer;
    };
    const update = ServiceWorkerRegistration.prototype.update;
    ServiceWorkerRegistration.prototype.update = function (
      this: ServiceWorkerRegistration,
    ) {
      const asked = at();
      log.push(`${asked}: update() asked`);
      const answer = update.apply(this);
      answer.then(
        () => log.push(`${asked}: update() answered`),
        (error: Error) =>
          log.push(`${asked}: update() failed: ${error.message}`),
      );
      return answer;
    };
    const listen = Document.prototype.addEventListener;
    Document.prototype.addEventListener = function (
      this: Document,
      ...args: Parameters<Document["addEventListener"]>
    ) {
      if (args[0] === "visibilitychange")
        log.push(`${at()}: listens for visibilitychange`);
      listen.apply(this, args);
    };
    window.addEventListener("load", () => log.push(`${at()}: load`));
  });
}

function appWatchLog(page: Page) {
  return page.evaluate(() =>
    (window as unknown as { appWatchLog?: string[] }).appWatchLog?.join("; "),
  );
}

/** The script URL of the worker serving the page, or null if none does. */
function controllingWorker(page: Page) {
  return page.evaluate(
    () => navigator.serviceWorker.controller?.scriptURL ?? null,
  );
}

describe("opens offline: the service worker's app shell, one scenario in steps (own stack, Chromium)", () => {
  const step = scenarioSteps("e2e/offline.e2e.test.ts");
  let stack: DaybookStack;
  let browser: BrowserSession;
  let context: BrowserContext;
  let app: DaybookPage;
  const violations = new CspViolations();

  beforeAll(async () => {
    stack = await startDaybookStack();
    browser = await launchChromium();
    context = await browser.newContext();
    await violations.watch(context);
    await recordAppWatch(context);
    app = await DaybookPage.open(context, EMAIL);
  }, STACK_START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, STEP_TIMEOUT_MS);

  /** The response to the next load of `url` in `page`'s main frame. */
  function nextDocument(page: Page, url: string): Promise<Response> {
    return page.waitForResponse(
      (response) =>
        response.request().isNavigationRequest() &&
        response.request().frame() === page.mainFrame() &&
        response.url() === url,
    );
  }

  step(
    "the app is installable, and its worker is not cached as immutable",
    async () => {
      // Not under the immutable /assets/ rule. (netlify.toml's no-cache for
      // it is checked in netlify/build/static-headers.test.ts: netlify dev
      // sends its static server's own Cache-Control instead.)
      const worker = await fetch(`${stack.origin}/sw.js`);
      expect(worker.status).toBe(200);
      expect(worker.headers.get("cache-control")).not.toMatch(/immutable/);
      expect(worker.headers.get("content-type")).toMatch(/javascript/);

      const manifestResponse = await fetch(
        `${stack.origin}/manifest.webmanifest`,
      );
      expect(manifestResponse.headers.get("content-type")).toMatch(
        /^application\/manifest\+json/,
      );
      const manifest = (await manifestResponse.json()) as {
        name: string;
        start_url: string;
        display: string;
        icons: { src: string; sizes: string; purpose: string }[];
      };
      expect(manifest).toMatchObject({
        name: "Daybook",
        start_url: "/",
        display: "standalone",
      });
      expect(
        manifest.icons.map(({ sizes, purpose }) => `${sizes} ${purpose}`),
      ).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
      for (const icon of manifest.icons) {
        const image = await fetch(new URL(icon.src, stack.origin));
        expect(image.headers.get("content-type")).toBe("image/png");
      }

      // The page names the manifest, and a theme colour per colour scheme.
      await app.goto(stack.origin);
      expect(
        await app.page.locator('link[rel="manifest"]').getAttribute("href"),
      ).toBe("/manifest.webmanifest");
      expect(
        await app.page
          .locator('meta[name="theme-color"]')
          .evaluateAll((metas) =>
            metas.map((meta) => meta.getAttribute("media")),
          ),
      ).toEqual([
        "(prefers-color-scheme: light)",
        "(prefers-color-scheme: dark)",
      ]);
    },
  );

  step(
    "after one signed-in visit, the service worker serves the page",
    async () => {
      await app.goto(stack.origin);
      await app.signIn();
      await app.addTodo(OFFLINE_TODO);
      // The worker starts once the page is idle and then precaches the
      // whole app shell through netlify dev: on a busy 2-core machine that
      // took longer than a step's usual wait.
      await expect
        .poll(() => controllingWorker(app.page), {
          timeout: WORKER_INSTALL_TIMEOUT_MS,
          interval: 250,
        })
        .toBe(`${stack.origin}/sw.js`)
        .catch(async (error: Error) => {
          error.message += `\nThis page: ${await appWatchLog(app.page)}`;
          throw error;
        });
      // The day is saved on this device for the offline visit.
      await eventually(() => cacheHolds(app.page, OFFLINE_TODO)).toBe(true);
      // Registering the worker passed Trusted Types (its one script URL).
      expect(violations.seen).toEqual([]);
    },
  );

  // Before the offline steps: in Chromium, emulated offline can leave the
  // worker's job queue stalled once the page is back online (register()
  // and every update() after it unanswered for minutes, seen under load),
  // and a deploy is checked for by update().
  step(
    'a new deploy is offered as "New version available", and Reload loads it',
    async () => {
      const marker = app.page.locator('meta[name="daybook-e2e-deploy"]');
      await expect.poll(() => marker.count()).toBe(0);
      const workerLifecycle = await recordWorkerLifecycle(app.page);
      await deployChangedIndexHtml(stack.publishDir);

      // The tab comes back to the front, as after a person switches back:
      // the app asks the server for a new version. It listens only once its
      // worker is registered (after load, when idle), which on a busy
      // machine can come after a first switch: so switch back until the
      // new version is offered.
      const reload = app.page.getByRole("button", { name: "Reload" });
      await expect
        .poll(
          async () => {
            // Visible first: the app checks only a tab in front, and the
            // earlier steps' own tabs may have left this one behind.
            await app.page.bringToFront();
            await app.page.evaluate(() => {
              document.dispatchEvent(new Event("visibilitychange"));
            });
            return reload.isVisible();
          },
          { timeout: STEP_TIMEOUT_MS, interval: 1_000 },
        )
        .toBe(true)
        .catch(async (error: Error) => {
          error.message += `\nService worker: ${await workerLifecycle()}\nThis page: ${await appWatchLog(app.page)}`;
          throw error;
        });
      await expect
        .poll(() => app.page.getByText("New version available").isVisible())
        .toBe(true);
      // Until the person chooses, the tab keeps the version it runs.
      expect(await marker.count()).toBe(0);

      const pageLoad = nextDocument(app.page, app.page.url());
      await reload.click();
      expect((await pageLoad).fromServiceWorker()).toBe(true);
      await eventually(() => marker.count()).toBe(1);
      await app.signedInIndicator.waitFor();
      // The new version serves the page and nothing is left waiting.
      expect(
        await app.page.evaluate(async () => {
          const registration = await navigator.serviceWorker.ready;
          return {
            waiting: registration.waiting !== null,
            controlled: navigator.serviceWorker.controller !== null,
          };
        }),
      ).toEqual({ waiting: false, controlled: true });
      expect(violations.seen).toEqual([]);
    },
  );

  step(
    "with the network cut, a reload opens Daybook from the cache and shows the saved day",
    async () => {
      await context.setOffline(true);
      try {
        const pageLoad = nextDocument(app.page, app.page.url());
        await app.reload();
        const served = await pageLoad;
        expect(served.fromServiceWorker()).toBe(true);
        // The worker's cached page keeps the policy it was served with.
        const policy = await served.headerValue("content-security-policy");
        expect(policy).toContain("script-src 'self' 'sha256-");
        expect(policy).toContain("require-trusted-types-for 'script'");
        // The app's own frame, not Chromium's offline page: the person's
        // day from the saved copy, said to be one, while the session waits
        // for sign-in to be reachable.
        await app.openTodos
          .getByRole("checkbox", { name: OFFLINE_TODO, exact: true })
          .waitFor();
        await savedCopyStatus(app.page).waitFor();
        await app.page
          .getByRole("status")
          .filter({ hasText: RETRYING_TEXT })
          .waitFor();
        // The tab names the day it shows, from the saved copy too.
        expect(await app.page.title()).toMatch(/^Today · .+ — Daybook$/);
      } finally {
        await context.setOffline(false);
      }
      // Back online, the session comes back by itself.
      await app.signedInIndicator.waitFor();
      expect(violations.seen).toEqual([]);
    },
  );

  step(
    "navigations to the sign-in functions always go to the network, never to the cache",
    async () => {
      // A tab of its own that never runs the app: nothing of the session
      // (a token refresh) can be cut off when it moves on or closes.
      const probe = await context.newPage();
      probe.setDefaultTimeout(STEP_TIMEOUT_MS);
      try {
        // The authenticate function's own answer to a GET, not the SPA.
        const answer = await probe.goto(
          `${stack.origin}/user_management/authenticate`,
        );
        expect(answer?.fromServiceWorker()).toBe(false);
        expect(answer?.status()).toBe(405);

        await context.setOffline(true);
        try {
          // Offline, an address of the app itself opens from the cache…
          const appRoute = await probe.goto(`${stack.origin}/day/2026-11-30`);
          expect(appRoute?.fromServiceWorker()).toBe(true);
          expect(appRoute?.status()).toBe(200);
          // …while sign-in fails as any network request would: the worker
          // has no page for it.
          const outcome = await probe
            .goto(`${stack.origin}/user_management/authorize`)
            .then(
              (response) => `answered ${response?.status()}`,
              (error: Error) => error.message,
            );
          expect(outcome).toMatch(/ERR_INTERNET_DISCONNECTED/);
        } finally {
          // Closed while still offline: the app it opened has reached no server.
          await probe.close();
          await context.setOffline(false);
        }
      } finally {
        if (!probe.isClosed()) await probe.close();
      }
    },
  );
});
