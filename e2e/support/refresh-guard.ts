import type { Page } from "playwright-core";
import { STEP_TIMEOUT_MS } from "./waiting";

/**
 * Lets a test leave a signed-in page (reload, go elsewhere, close the tab)
 * without cutting a session refresh off half-way, which signs the person out.
 *
 * Why: refresh tokens are single use. A refresh is one POST to the site's
 * authenticate function, which redeems the old token at WorkOS and answers
 * with the rotated one in the session cookie. If the page goes away after
 * the POST left but before the answer arrived, the browser drops the answer
 * and its Set-Cookie, while the server has already spent the old token: the
 * cookie jar keeps a dead session, and the next page load comes up signed
 * out. With 15 s test tokens a refresh runs every 5 s and takes 0.5-1.7 s on
 * an idle machine, longer on a busy one, so a reload at a random moment hit
 * one often ("after a reload is still signed in" timed out under load).
 * A person reloading by hand mid-refresh is signed out the same way; that
 * is for the app to handle, not something a test should trip over at random.
 *
 * How: a script in each document of the page, run before the app's own,
 * wraps fetch for POSTs to /user_management/authenticate (authkit-js calls
 * fetch). Before the test leaves the page, the page holds back new ones
 * (held, they never reach the server, so nothing is spent when the page
 * drops them) and waits for those already sent to be answered; only then
 * does the page go. The next document starts with a fresh, open guard.
 * Done in the page rather than with Playwright's request routing, which
 * would also switch off the HTTP cache and slow every page load.
 */
export class RefreshGuard {
  constructor(private readonly page: Page) {}

  /**
   * Puts the guard into every document `page` loads from now on; call it
   * before the page loads anything. In a page without it, leavePage just
   * leaves.
   */
  static async installIn(page: Page) {
    await page.addInitScript(guardRefreshesInPage);
  }

  /** Runs `leave` (a navigation, or closing the tab) once no refresh is at the server. */
  async leavePage<T>(leave: () => Promise<T>): Promise<T> {
    await this.holdRefreshes();
    try {
      return await leave();
    } catch (error) {
      // Still on the page: let its refreshes go on.
      await this.page
        .evaluate(() => window.__daybookRefreshGuard?.resume())
        .catch(() => undefined);
      throw error;
    }
  }

  private async holdRefreshes() {
    let timer: NodeJS.Timeout | undefined;
    const tooSlow = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `A session refresh on ${this.page.url()} was not answered within ${STEP_TIMEOUT_MS} ms.`,
            ),
          ),
        STEP_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([
        this.page.evaluate(() => window.__daybookRefreshGuard?.hold()),
        tooSlow,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

interface InPageGuard {
  /** Holds new refreshes back; resolves once the ones under way are answered. */
  hold(): Promise<void>;
  resume(): void;
}

declare global {
  interface Window {
    __daybookRefreshGuard?: InPageGuard;
  }
}

/** Runs inside the page (serialised by Playwright): no outside references. */
function guardRefreshesInPage() {
  const realFetch = window.fetch.bind(window);
  let underWay = 0;
  let held: Promise<void> | undefined;
  let resume = () => {};
  let whenAnswered: (() => void)[] = [];

  const isRefresh = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request?.url ?? String(input), location.href);
    const method = init?.method ?? request?.method ?? "GET";
    return (
      method.toUpperCase() === "POST" &&
      url.pathname === "/user_management/authenticate"
    );
  };

  window.fetch = async (input, init) => {
    if (!isRefresh(input, init)) return realFetch(input, init);
    while (held) await held;
    underWay += 1;
    try {
      // Resolves with the answer's headers, by when its cookie is stored.
      return await realFetch(input, init);
    } finally {
      underWay -= 1;
      if (underWay === 0) {
        const waiting = whenAnswered;
        whenAnswered = [];
        for (const answered of waiting) answered();
      }
    }
  };

  window.__daybookRefreshGuard = {
    hold() {
      held ??= new Promise<void>((resolve) => (resume = resolve));
      if (underWay === 0) return Promise.resolve();
      return new Promise<void>((resolve) => whenAnswered.push(resolve));
    },
    resume() {
      held = undefined;
      resume();
    },
  };
}
