/**
 * A returning person's reload, in the order that gets today's list on
 * screen soonest (issue 11): the sign-in refresh leaves first, and the
 * Convex socket opens while its answer is still on the way, so that the
 * access token goes on an open socket as soon as it arrives.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DaybookPage } from "./support/daybook-page";
import { useBrowserTests } from "./support/browser-tests";
import { eventually, TEST_TIMEOUT_MS } from "./support/waiting";

/** Convex's sync socket (its client adds `/api/<version>/sync`). */
const isConvexSocket = (url: string) => /\/api\/[^/]+\/sync$/.test(url);

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

      // The reload's tab: the refresh's answer waits for the socket. Were
      // the socket opened only after that answer, neither would come.
      const app = await DaybookPage.openUnguarded(browser, first.email);
      const order: string[] = [];
      let socketOpened = () => {};
      const opened = new Promise<void>((resolve) => (socketOpened = resolve));
      app.page.on("websocket", (socket) => {
        if (!isConvexSocket(socket.url())) return;
        order.push("socket");
        socketOpened();
      });
      await app.page.route("**/user_management/authenticate", async (route) => {
        order.push("refresh");
        await opened;
        await route.continue();
      });
      await app.goto(suite.stack.origin);
      await eventually(() => app.dayTitle.textContent()).toBe("Today");
      await app.signedInIndicator.waitFor();
      expect(order.slice(0, 2)).toEqual(["refresh", "socket"]);
    });
  },
);
