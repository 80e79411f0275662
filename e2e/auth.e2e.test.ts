/**
 * Sign-in as one scenario in steps: one person, one tab, one session, from
 * signing in through a reload and a token refresh to signing out. Each step
 * continues from the one before, so the steps run only in order; a step run
 * alone (`-t`) fails at once naming the steps it needs (see scenario.ts).
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect } from "vitest";
import {
  AuthTraffic,
  grantTypeOf,
  isAuthenticatePost,
} from "./support/auth-traffic";
import { ConsoleErrors } from "./support/console-errors";
import { DaybookPage } from "./support/daybook-page";
import { scenarioSteps } from "./support/scenario";
import { useSharedStack, type SharedStack } from "./support/shared-stack";
import { STEP_TIMEOUT_MS } from "./support/waiting";

const EMAIL = "e2e.reader@example.com";
const SESSION_COOKIE = "workos-session";
const MARKER_COOKIE = "workos-has-session";

describe("sign-in in production mode, one scenario in steps (netlify dev, WorkOS emulator, Chromium)", () => {
  const step = scenarioSteps("e2e/auth.e2e.test.ts");
  let stack: SharedStack;
  let context: BrowserContext;
  let page: Page;
  let app: DaybookPage;
  let traffic: AuthTraffic;
  const documentCookies: string[] = [];
  const consoleErrors = new ConsoleErrors();

  async function sessionCookie() {
    const cookies = await context.cookies(
      `${stack.origin}/user_management/authenticate`,
    );
    return cookies.find((cookie) => cookie.name === SESSION_COOKIE);
  }

  /** document.cookie as page scripts see it; every reading is checked at the end too. */
  async function readDocumentCookie(onPage: Page = page) {
    const value = await onPage.evaluate(() => document.cookie);
    documentCookies.push(value);
    return value;
  }

  beforeAll(async () => {
    stack = await useSharedStack();
    context = await stack.browser.newContext();
    app = await DaybookPage.open(context, EMAIL);
    // The app's own tab only: the test itself opens a GET-only endpoint in
    // a second tab (a 405 Chromium logs). The real Convex client talks to
    // the stand-in throughout, so any error in the app's tab is a failure.
    page = consoleErrors.watchPage(app.page);
    traffic = new AuthTraffic(page);
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
  }, STEP_TIMEOUT_MS);

  step(
    "signs in through the emulator's page and lands back signed in",
    async () => {
      const start = traffic.mark();
      await app.goto(stack.origin);
      await app.signIn();

      expect(new URL(page.url()).origin).toBe(stack.origin);
      const hops = traffic
        .navigationsSince(start)
        .map((url) => `${url.origin}${url.pathname}`);
      expect(hops).toEqual([
        `${stack.origin}/`,
        `${stack.origin}/user_management/authorize`,
        `${stack.emulatorBaseUrl}/user_management/authorize`,
        `${stack.emulatorBaseUrl}/user_management/authorize`, // the form post
        `${stack.origin}/callback`,
      ]);
      const [signIn, ...later] = await traffic.authenticateCallsSince(start);
      expect(signIn).toEqual({
        grantType: "authorization_code",
        status: 200,
        bodyHadRefreshToken: false,
        responseHadRefreshToken: false,
      });
      // On a slow machine authkit-js may already have refreshed the 15 s token.
      for (const call of later) {
        expect(call).toEqual({
          grantType: "refresh_token",
          status: 200,
          bodyHadRefreshToken: false,
          responseHadRefreshToken: false,
        });
      }
    },
  );

  step(
    "keeps the session in an HttpOnly cookie that page scripts cannot read",
    async () => {
      expect(await sessionCookie()).toMatchObject({
        httpOnly: true,
        sameSite: "Strict",
        path: "/user_management",
      });
      // The marker for authkit-js and the local cache's opaque key: nothing else.
      const pageCookies = (await readDocumentCookie()).split("; ").sort();
      expect(pageCookies).toHaveLength(2);
      expect(pageCookies[0]).toMatch(/^daybook-cache-key=[\w-]{43}$/);
      expect(pageCookies[1]).toBe(`${MARKER_COOKIE}=${stack.workosClientId}`);

      // Not even on a page under the cookie's own path.
      const underCookiePath = await context.newPage();
      underCookiePath.setDefaultTimeout(STEP_TIMEOUT_MS);
      await underCookiePath.goto(
        `${stack.origin}/user_management/authenticate`,
      );
      expect(await readDocumentCookie(underCookiePath)).not.toContain(
        `${SESSION_COOKIE}=`,
      );
      await underCookiePath.close();

      // Production mode: no refresh token in web storage either.
      const storageKeys = await page.evaluate(() => [
        ...Object.keys(localStorage),
        ...Object.keys(sessionStorage),
      ]);
      expect(storageKeys.filter((key) => /refresh/i.test(key))).toEqual([]);
    },
  );

  step(
    "stays signed in across a reload without a trip to the sign-in page",
    async () => {
      const mark = traffic.mark();
      await app.reload();
      await app.signedInIndicator.waitFor();

      expect(traffic.navigationsSince(mark).map((url) => url.href)).toEqual([
        `${stack.origin}/`,
      ]);
      // The session came back from the cookie, through the site's own function.
      const calls = await traffic.authenticateCallsSince(mark);
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) {
        expect(call).toEqual({
          grantType: "refresh_token",
          status: 200,
          bodyHadRefreshToken: false,
          responseHadRefreshToken: false,
        });
      }
      expect(await readDocumentCookie()).not.toContain(`${SESSION_COOKIE}=`);
    },
  );

  step(
    "refreshes the access token before it expires and rotates the session cookie",
    async () => {
      const before = await sessionCookie();
      const mark = traffic.mark();

      const refresh = await page.waitForResponse(
        (response) =>
          isAuthenticatePost(response) &&
          grantTypeOf(response) === "refresh_token",
        { timeout: (stack.accessTokenTtlSeconds + 30) * 1000 },
      );
      await refresh.finished();

      expect(refresh.status()).toBe(200);
      // authkit-js's own timer did it: the page never navigated.
      expect(traffic.navigationsSince(mark)).toEqual([]);
      const after = await sessionCookie();
      expect(after?.httpOnly).toBe(true);
      expect(after?.value).toBeTruthy();
      expect(after?.value).not.toBe(before?.value);
      await app.signedInIndicator.waitFor();
      expect(await readDocumentCookie()).not.toContain(`${SESSION_COOKIE}=`);
    },
  );

  step("signs out, and stays signed out after a reload", async () => {
    const signOutMark = traffic.mark();
    // The app may show itself signed out before it navigates; wait for the
    // round trip to end back on the site.
    const backOnSite = page.waitForResponse(
      (response) =>
        response.request().isNavigationRequest() &&
        response.request().redirectedFrom() !== null &&
        response.url() === `${stack.origin}/`,
    );
    await app.signOut();
    await backOnSite;
    await page.waitForLoadState("load");
    await app.signInButton.waitFor();

    const hops = traffic
      .navigationsSince(signOutMark)
      .map((url) => `${url.origin}${url.pathname}`);
    expect(hops).toEqual([
      `${stack.origin}/user_management/sessions/logout`,
      `${stack.emulatorBaseUrl}/user_management/sessions/logout`,
      `${stack.origin}/`,
    ]);
    expect(await sessionCookie()).toBeUndefined();
    expect(await readDocumentCookie()).toBe("");

    const reloadMark = traffic.mark();
    await app.reload();
    await app.signInButton.waitFor();
    expect(await app.signedInIndicator.count()).toBe(0);
    // Without the marker cookie authkit-js does not even try a refresh.
    expect(await traffic.authenticateCallsSince(reloadMark)).toEqual([]);
    expect(await sessionCookie()).toBeUndefined();
  });

  step(
    "never showed the session cookie to page scripts and logged no errors",
    () => {
      expect(documentCookies.length).toBeGreaterThanOrEqual(5);
      for (const value of documentCookies) {
        expect(value).not.toContain(`${SESSION_COOKIE}=`);
      }
      expect(consoleErrors.messages).toEqual([]);
    },
  );
});
