/**
 * The local cache (src/lib/localCache): the last-seen day is painted from it
 * before sign-in answers and then replaced by live data; it is private to
 * one user; it keeps the last 14 days viewed. Every test signs in people of
 * its own (new emails) and reads the browser's IndexedDB as it is.
 */
import { randomUUID } from "node:crypto";
import type { BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DaybookPage } from "./support/daybook-page";
import { localDay } from "./support/local-day";
import { cacheHolds, readCache, savedCopyStatus } from "./support/local-cache";
import { useBrowserTests } from "./support/browser-tests";
import { TextSightings } from "./support/text-sightings";
import { eventually, TEST_TIMEOUT_MS } from "./support/waiting";

const CACHE_KEY_COOKIE = "daybook-cache-key";
const MAX_CACHED_DAYS = 14;
const SIGN_IN_REQUESTS = "**/user_management/authenticate";

describe(
  "the local cache in production mode (netlify dev, WorkOS emulator, Chromium)",
  { timeout: TEST_TIMEOUT_MS },
  () => {
    const suite = useBrowserTests();
    /** A browser of its own for one person (cookies, IndexedDB). */
    const newBrowser = () => suite.newBrowser();

    function newEmail(name: string) {
      return `${name}.${randomUUID().slice(0, 8)}@example.com`;
    }

    const earlierDays = (app: DaybookPage) =>
      app.page.getByRole("region", { name: /^From earlier days/ });

    /**
     * Holds `app`'s sign-in requests until the function returned is called;
     * from then on they all pass.
     */
    async function holdSignIn(app: DaybookPage) {
      let letThrough = () => {};
      const answers = new Promise<void>((resolve) => {
        letThrough = resolve;
      });
      await app.page.route(SIGN_IN_REQUESTS, async (route) => {
        await answers;
        await route.continue();
      });
      return letThrough;
    }

    /** Signs `email` in on a new tab of `context`. */
    async function signIn(context: BrowserContext, email: string) {
      const app = await DaybookPage.open(context, email);
      await app.goto(suite.stack.origin);
      await app.signIn();
      await eventually(() => app.dayTitle.textContent()).toBe("Today");
      return app;
    }

    it("paints the saved day before sign-in answers, then swaps in what changed elsewhere; a todo added meanwhile shows at once and is stored once", async () => {
      const email = newEmail("casey");
      const browser = await newBrowser();
      const first = await signIn(browser, email);
      await first.addTodos("Seen yesterday");
      await eventually(() => cacheHolds(first.page, "Seen yesterday")).toBe(
        true,
      );
      await first.closeTab();

      // The same person on another device adds a todo meanwhile.
      const elsewhere = await signIn(await newBrowser(), email);
      await elsewhere.addTodos("Added elsewhere");

      // Back on the first browser, sign-in does not answer until let through.
      const app = await DaybookPage.openUnguarded(browser, email);
      const letSignInThrough = await holdSignIn(app);
      await app.goto(suite.stack.origin);
      await app.todo("Seen yesterday").waitFor();
      await savedCopyStatus(app.page).waitFor();
      expect(await app.todo("Added elsewhere").count()).toBe(0);
      const savedBox = await app.todo("Seen yesterday").boundingBox();
      // A change made meanwhile shows at once, held until the sign-in.
      await app.addTodo("Typed while saved");
      await app.todo("Typed while saved").waitFor();

      letSignInThrough();
      await app.todo("Added elsewhere").waitFor();
      await savedCopyStatus(app.page).waitFor({ state: "detached" });
      await app.signedInIndicator.waitFor();
      // The saved row is the live row: it did not move.
      expect(await app.todo("Seen yesterday").boundingBox()).toEqual(savedBox);
      // Signed in: the held change is stored, once.
      await app.savedTodo("Typed while saved").waitFor();
      expect(await app.todo("Typed while saved").count()).toBe(1);
    });

    it("paints “From earlier days” from the saved copy too: the live answer moves nothing below it", async () => {
      const email = newEmail("devon");
      const browser = await newBrowser();
      const first = await signIn(browser, email);
      await first.goto(`${suite.stack.origin}/day/${localDay(-2)}`);
      await first.addTodos("Left on an earlier day");
      await first.goto(suite.stack.origin);
      await first.addNote();
      await first.writeNote("Below the list", "Kept in place.");
      await earlierDays(first)
        .getByRole("checkbox", { name: "Left on an earlier day" })
        .waitFor();
      await eventually(async () =>
        (await readCache(first.page)).entries.some(
          (entry) =>
            entry.key.startsWith("carryOver:list:") &&
            entry.json.includes("Left on an earlier day"),
        ),
      ).toBe(true);
      await eventually(() => cacheHolds(first.page, "Below the list")).toBe(
        true,
      );
      await first.closeTab();

      // Sign-in does not answer until let through: the saved copy shows.
      const app = await DaybookPage.openUnguarded(browser, email);
      const letSignInThrough = await holdSignIn(app);
      await app.goto(suite.stack.origin);
      await savedCopyStatus(app.page).waitFor();
      await earlierDays(app)
        .getByRole("checkbox", { name: "Left on an earlier day" })
        .waitFor();
      const savedBox = await app.note("Below the list").boundingBox();
      expect(savedBox).not.toBeNull();

      letSignInThrough();
      await savedCopyStatus(app.page).waitFor({ state: "detached" });
      await app.signedInIndicator.waitFor();
      expect(await app.note("Below the list").boundingBox()).toEqual(savedBox);
    });

    it("is emptied by signing out, and the next person never sees it", async () => {
      const browser = await newBrowser();
      const first = await signIn(browser, newEmail("dana"));
      await first.addTodos("Dana's private todo");
      await eventually(() =>
        cacheHolds(first.page, "Dana's private todo"),
      ).toBe(true);
      await first.signOut();
      await first.signInButton.waitFor();
      expect(await readCache(first.page)).toEqual({
        owners: [],
        entries: [],
        views: [],
      });
      expect(
        (await browser.cookies(suite.stack.origin)).map(
          (cookie) => cookie.name,
        ),
      ).not.toContain(CACHE_KEY_COOKIE);
      await first.closeTab();

      const sightings = new TextSightings(["Dana's private todo"]);
      const next = await DaybookPage.open(browser, newEmail("eli"));
      await sightings.watch(next.page);
      await next.goto(suite.stack.origin);
      await next.signIn();
      await next.emptyDayMessage.waitFor();
      expect(sightings.phrasesSeen()).toEqual([]);
    });

    it("is wiped before anything shows when the browser's session turns out to be another user's", async () => {
      const browser = await newBrowser();
      const first = await signIn(browser, newEmail("flynn"));
      await first.addTodos("Flynn's private todo");
      await eventually(() =>
        cacheHolds(first.page, "Flynn's private todo"),
      ).toBe(true);
      await first.closeTab();

      // Another person's session lands in this browser without a sign-out
      // (copied cookies stand for any way that can happen).
      const otherBrowser = await newBrowser();
      const other = await signIn(otherBrowser, newEmail("gray"));
      await other.addTodos("Gray's own todo");
      await other.closeTab();
      // Every cookie, the session's under /user_management too.
      await browser.addCookies(await otherBrowser.cookies());

      const sightings = new TextSightings(["Flynn's private todo"]);
      const app = await DaybookPage.open(browser, other.email);
      await sightings.watch(app.page);
      await app.goto(suite.stack.origin);
      await app.savedTodo("Gray's own todo").waitFor();
      await app.signedInIndicator.waitFor();
      expect(sightings.phrasesSeen()).toEqual([]);
      await eventually(() => cacheHolds(app.page, "Gray's own todo")).toBe(
        true,
      );
      expect(await cacheHolds(app.page, "Flynn's private todo")).toBe(false);
    });

    it(`keeps only the last ${MAX_CACHED_DAYS} days viewed`, async () => {
      const app = await signIn(await newBrowser(), newEmail("harper"));
      const viewed: string[] = [];
      const viewedDays = async () =>
        (await readCache(app.page)).views.map((view) => view.day).sort();
      await eventually(async () => (await viewedDays()).length).toBe(1);
      viewed.push(...(await viewedDays()));
      // Today and 15 days before it: 16 days, viewed in that order.
      for (let n = 1; n <= MAX_CACHED_DAYS + 1; n++) {
        const before = app.page.url();
        await app.goToPreviousDay();
        await eventually(() => app.page.url()).not.toBe(before);
        const day = /\/day\/(\d{4}-\d{2}-\d{2})$/.exec(app.page.url())?.[1];
        expect(day).toBeDefined();
        viewed.push(day!);
        await eventually(async () =>
          (await readCache(app.page)).entries.some(
            (entry) => entry.key === `todos:listForDay:{"day":"${day}"}`,
          ),
        ).toBe(true);
      }
      const lastViewed = viewed.slice(-MAX_CACHED_DAYS).sort();
      await eventually(viewedDays).toEqual(lastViewed);
      const cachedDays = new Set(
        (await readCache(app.page)).entries
          .map((entry) => entry.day)
          .filter(Boolean),
      );
      expect([...cachedDays].sort()).toEqual(lastViewed);
    });
  },
);
