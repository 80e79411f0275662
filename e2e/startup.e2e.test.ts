/**
 * A returning person's reload, in the order that gets today's list on
 * screen soonest (issue 11): the sign-in refresh leaves first (index.html
 * sends it, vite/earlySignInRefresh.ts), and the Convex socket opens while
 * its answer is still on the way, so that the access token goes on an open
 * socket as soon as it arrives.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { DaybookPage } from "./support/daybook-page";
import { useBrowserTests } from "./support/browser-tests";
import {
  eventually,
  STEP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
} from "./support/waiting";

/** How long the refresh's answer waits for the socket; within one step. */
const HOLD_MS = STEP_TIMEOUT_MS / 2;

/** Convex's sync socket: its client adds `/api/<version>/sync`. */
const CONVEX_SYNC_SOCKET = /\/api\/[^/]+\/sync$/;

/**
 * Records, in the page itself and in the order the app does them, each
 * sign-in refresh it sends and each Convex sync socket it creates.
 */
const RECORD_STARTUP_ORDER = `
  window.__startupOrder = [];
  const nativeFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.includes("/user_management/authenticate")) window.__startupOrder.push("refresh");
    return nativeFetch.call(this, input, init);
  };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      if (${CONVEX_SYNC_SOCKET}.test(String(url))) window.__startupOrder.push("socket");
      super(url, protocols);
    }
  };
`;

describe(
  "a signed-in reload (netlify dev, WorkOS emulator, Chromium)",
  { timeout: TEST_TIMEOUT_MS },
  () => {
    const suite = useBrowserTests();

    it("sends the sign-in refresh first, then opens the Convex socket while the refresh's answer is held back", async () => {
      const browser = await suite.newBrowser();
      const first = await DaybookPage.open(
        browser,
        `e2e.startup.${randomUUID().slice(0, 8)}@example.com`,
      );
      await first.goto(suite.stack.origin);
      await first.signIn();
      await eventually(() => first.dayTitle.textContent()).toBe("Today");
      await first.closeTab();

      // The reload's tab: the refresh's answer is held until the socket
      // exists, or until the hold gives up (a socket that waits for the
      // answer would only come then).
      const app = await DaybookPage.openUnguarded(browser, first.email);
      await app.page.addInitScript({ content: RECORD_STARTUP_ORDER });
      const startupOrder = () =>
        app.page.evaluate(
          () => (window as { __startupOrder?: string[] }).__startupOrder ?? [],
        );
      let socketCreated = () => {};
      const created = new Promise<void>((resolve) => (socketCreated = resolve));
      app.page.on("websocket", (socket) => {
        if (CONVEX_SYNC_SOCKET.test(socket.url())) socketCreated();
      });
      let createdWhileHeld: boolean | undefined;
      await app.page.route("**/user_management/authenticate", async (route) => {
        if (createdWhileHeld === undefined) {
          createdWhileHeld = await Promise.race([
            created.then(() => true),
            sleep(HOLD_MS).then(() => false),
          ]);
        }
        await route.continue();
      });
      await app.goto(suite.stack.origin);
      // Known once the hold has ended, socket or no socket.
      await eventually(() => createdWhileHeld).toBeDefined();
      expect(createdWhileHeld, "socket created while the answer was held").toBe(
        true,
      );
      expect((await startupOrder()).slice(0, 2)).toEqual(["refresh", "socket"]);
      await app.signedInIndicator.waitFor();
    });
  },
);
