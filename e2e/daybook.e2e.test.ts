/**
 * Daybook as people use it. Every test stands alone: it signs in a person of
 * its own (a new email, so an empty account), makes the data it needs
 * through the UI and checks that person's browser for console errors at the
 * end. Any one of them can run by itself with `-t`.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { BrowserContext, Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { saveScreenshot } from "./support/artifacts";
import { seriousAxeViolations, type AxeFinding } from "./support/axe";
import { DaybookPage, type Theme } from "./support/daybook-page";
import { localDay } from "./support/local-day";
import { useBrowserTests } from "./support/browser-tests";
import { eventually, TEST_TIMEOUT_MS } from "./support/waiting";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

type AxeReport = Record<string, AxeFinding[]>;

interface Person {
  context: BrowserContext;
  tab: Page;
  app: DaybookPage;
}

/**
 * Runs axe where the page is now and keeps what it found, so that one view's
 * problems do not hide the next view's (or its screenshot).
 */
async function checkAccessibility(page: Page, where: string, found: AxeReport) {
  const violations = await seriousAxeViolations(page);
  if (violations.length > 0) found[where] = violations;
}

describe(
  "Daybook in production mode, as people use it",
  {
    timeout: TEST_TIMEOUT_MS,
  },
  () => {
    const suite = useBrowserTests();
    const tomorrow = localDay(1);

    /** A browser of someone who has never used Daybook, on the site's front door. */
    async function newPerson(name: string): Promise<Person> {
      // Unique per test and per file: the stack (and its accounts) is shared.
      const email = `${name}.${randomUUID().slice(0, 8)}@example.com`;
      const context = await suite.newBrowser({
        viewport: DESKTOP,
        acceptDownloads: true,
        colorScheme: "light",
      });
      const app = await DaybookPage.open(context, email);
      await app.goto(suite.stack.origin);
      return { context, tab: app.page, app };
    }

    /** As newPerson, then signed in through the emulator: an empty today. */
    async function signedInPerson(name: string): Promise<Person> {
      const person = await newPerson(name);
      await person.app.signIn();
      return person;
    }

    it("shows the landing page to a signed-out visitor, accessible in both themes", async () => {
      const { tab, app } = await newPerson("visitor");
      const found: AxeReport = {};
      await app.signInButton.waitFor();
      await saveScreenshot(tab, "landing");
      await checkAccessibility(tab, "the landing page (light)", found);

      // Signed out there is no theme control; the system preference decides.
      await tab.emulateMedia({ colorScheme: "dark" });
      await eventually(() =>
        tab.evaluate(() => document.documentElement.className),
      ).toContain("dark");
      await saveScreenshot(tab, "landing-dark");
      await checkAccessibility(tab, "the landing page (dark)", found);
      expect(found).toEqual({});
    });

    it("signs in through the emulator and lands on an empty today", async () => {
      const { app } = await newPerson("avery");
      await app.signIn();
      await eventually(() => app.dayTitle.textContent()).toBe("Today");
      await app.emptyDayMessage.waitFor();
    });

    it("adds, edits, completes and reopens todos", async () => {
      const { app } = await signedInPerson("avery");
      await app.addTodos("Buy milk", "Call the plumber", "Write the report");
      await app.editTodo("Buy milk", "Buy oat milk");
      await app.todo("Buy oat milk").waitFor();
      expect(await app.todo("Buy milk").count()).toBe(0);

      await app.complete("Buy oat milk");
      await app.doneTodos
        .getByRole("checkbox", { name: "Buy oat milk" })
        .waitFor();
      await eventually(() => app.todo("Buy oat milk").isChecked()).toBe(true);

      await app.reopen("Buy oat milk");
      await app.openTodos
        .getByRole("checkbox", { name: "Buy oat milk" })
        .waitFor();
      expect(await app.openTodoTexts()).toEqual([
        "Buy oat milk",
        "Call the plumber",
        "Write the report",
      ]);
    });

    it("pins a todo and finds it under Pinned", async () => {
      const { app } = await signedInPerson("avery");
      await app.addTodos("Call the plumber", "Write the report");
      await app.pin("Call the plumber");
      await app.pinnedMark("Call the plumber").waitFor();
      await app.openPinned();
      await app.todo("Call the plumber").waitFor();
      expect(await app.todo("Write the report").count()).toBe(0);
      await app.openDay("Today");
      await app.todo("Write the report").waitFor();
    });

    it("reorders todos with the keyboard (drag handle, Space, arrows, Space)", async () => {
      const { app } = await signedInPerson("avery");
      await app.addTodos(
        "Buy oat milk",
        "Call the plumber",
        "Write the report",
      );
      await app.reorderByKeyboard("Write the report", -2);
      await eventually(() => app.openTodoTexts()).toEqual([
        "Write the report",
        "Buy oat milk",
        "Call the plumber",
      ]);
    });

    it("reorders todos by dragging a handle with the pointer (down, move, up), and the order stays after a reload", async () => {
      const { tab, app } = await signedInPerson("dragger");
      await app.addTodos(
        "Buy oat milk",
        "Call the plumber",
        "Write the report",
      );
      // A todo still pending has no working drag handle yet.
      await app.savedTodo("Write the report").waitFor();
      const centre = async (text: string) => {
        const box = await tab
          .getByRole("button", { name: `Reorder ${text}`, exact: true })
          .boundingBox();
        if (!box) throw new Error(`No handle on screen for ${text}`);
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      };
      const from = await centre("Write the report");
      const to = await centre("Buy oat milk");
      await tab.mouse.move(from.x, from.y);
      await tab.mouse.down();
      // Past the 4 px that starts a drag, then onto the first row, in
      // steps as a hand moves.
      await tab.mouse.move(from.x, from.y - 8, { steps: 4 });
      await tab.mouse.move(to.x, to.y - 4, { steps: 12 });
      await tab
        .getByRole("status")
        .filter({ hasText: "Write the report moved to position 1 of" })
        .waitFor({ state: "attached" });
      await tab.mouse.up();
      const moved = ["Write the report", "Buy oat milk", "Call the plumber"];
      await eventually(() => app.openTodoTexts()).toEqual(moved);

      await app.reload();
      await app.savedTodo("Call the plumber").waitFor();
      await eventually(() => app.openTodoTexts()).toEqual(moved);
    });

    it("opens every menu on its first click, with every script the page asks for after the day appears held back", async () => {
      const { tab, app } = await signedInPerson("menus");
      await app.addTodos("Water the plants");
      // From the reload on, any script the page asks for once the day is on
      // screen waits here, unanswered: a menu whose code loaded on demand
      // would have nothing to open with.
      let holding = false;
      const held: Route[] = [];
      // Past the service worker, whose cache would answer the scripts
      // without a request the route could hold back (Playwright routes only
      // the page's own network requests).
      const devtools = await tab.context().newCDPSession(tab);
      await devtools.send("Network.enable");
      await devtools.send("Network.setBypassServiceWorker", { bypass: true });
      await tab.route("**/assets/*.js", (route) =>
        holding ? held.push(route) : route.continue(),
      );
      await app.reload();
      await app.todo("Water the plants").waitFor();
      await app.signedInIndicator.waitFor();
      holding = true;

      const menus: [string, string][] = [
        ["More actions for Water the plants", "Pin"],
        ["Actions for all todos on Today", "Complete all"],
        ["More actions for Today", "Rename"],
        [`Account menu for ${app.email}`, "Sign out"],
      ];
      for (const [button, item] of menus) {
        await tab.getByRole("button", { name: button }).click();
        await tab.getByRole("menuitem", { name: item }).waitFor();
        await tab.keyboard.press("Escape");
        await tab.getByRole("menu").waitFor({ state: "detached" });
        expect(
          await tab
            .getByRole("button", { name: button })
            .evaluate((trigger) => trigger === document.activeElement),
        ).toBe(true);
      }

      holding = false;
      await Promise.all(held.splice(0).map((route) => route.continue()));
      await tab.unroute("**/assets/*.js");
    });

    it("renders each todo once, drag handle and all, while the day view loads and settles", async () => {
      const { tab, app } = await signedInPerson("rows");
      await app.addTodos("Alpha", "Beta");
      // Notes every todo row as it enters the page, from the first byte on:
      // a list swapped for another when a chunk arrives would add its rows
      // a second time.
      await tab.addInitScript(() => {
        const added: { id: string; handle: boolean }[] = [];
        (window as unknown as { todoRowsAdded: typeof added }).todoRowsAdded =
          added;
        new MutationObserver((records) => {
          for (const node of records.flatMap((r) => [...r.addedNodes])) {
            if (!(node instanceof Element)) continue;
            const rows = node.matches("li[data-todo-id]")
              ? [node]
              : [...node.querySelectorAll("li[data-todo-id]")];
            for (const row of rows) {
              added.push({
                id: row.getAttribute("data-todo-id")!,
                handle:
                  row.querySelector('button[aria-label^="Reorder "]') !== null,
              });
            }
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await app.reload();
      await app.todo("Alpha").waitFor();
      await app.notes.waitFor();
      await app.dayLink("Today").waitFor();
      await tab.waitForLoadState("networkidle");

      const added = await tab.evaluate(
        () =>
          (
            window as unknown as {
              todoRowsAdded: { id: string; handle: boolean }[];
            }
          ).todoRowsAdded,
      );
      // Two todos, each added once, each with its handle from the start.
      expect(new Set(added.map((row) => row.id)).size).toBe(2);
      expect(added).toEqual([
        { id: expect.any(String), handle: true },
        { id: expect.any(String), handle: true },
      ]);
    });

    it("on a phone, the days drawer keeps focus inside and gives it back to its button", async () => {
      const { tab } = await signedInPerson("phone");
      await tab.setViewportSize(PHONE);
      const opener = tab.getByRole("button", { name: "Open days menu" });
      await opener.click();
      const drawer = tab.getByRole("dialog", { name: "Daybook" });
      await drawer.getByRole("link", { name: /^Today/ }).waitFor();
      const focusIn = (locator: typeof drawer) =>
        locator.evaluate((element) => element.contains(document.activeElement));
      await eventually(() => focusIn(drawer)).toBe(true);
      await tab.keyboard.press("Shift+Tab");
      expect(await focusIn(drawer)).toBe(true);
      await tab.keyboard.press("Tab");
      expect(await focusIn(drawer)).toBe(true);

      await tab.keyboard.press("Escape");
      await drawer.waitFor({ state: "detached" });
      await eventually(() =>
        opener.evaluate((button) => button === document.activeElement),
      ).toBe(true);
    });

    it("moves a todo to tomorrow and copies the open ones there", async () => {
      const { tab, app } = await signedInPerson("avery");
      await app.addTodos(
        "Buy oat milk",
        "Call the plumber",
        "Write the report",
      );
      await app.moveToTomorrow("Buy oat milk");
      await app.todo("Buy oat milk").waitFor({ state: "detached" });
      await app.copyOpenTodosToTomorrow("Today");

      await app.goToNextDay();
      await eventually(() => new URL(tab.url()).pathname).toBe(
        `/day/${tomorrow}`,
      );
      for (const text of [
        "Buy oat milk",
        "Call the plumber",
        "Write the report",
      ]) {
        await app.todo(text).waitFor();
      }
      // Copies, not moves: today keeps its own.
      await app.openDay("Today");
      await eventually(() => app.openTodoTexts()).toEqual([
        "Call the plumber",
        "Write the report",
      ]);
    });

    it("adds a note, edits it and previews its markdown", async () => {
      const { app } = await signedInPerson("avery");
      await app.addNote();
      await app.writeNote("Plan", "## Steps\n\n- **Call** first\n- then write");
      await app.previewNote();
      await app.notes.getByRole("heading", { name: "Steps" }).waitFor();
      await app.notes.getByText("Call", { exact: true }).waitFor();
      await app.editNote();
      await app.noteBody.fill(
        "## Steps\n\n- **Call** first\n- then write\n- send it",
      );
      await app.previewNote();
      await app.notes.getByText("send it", { exact: true }).waitFor();
      await app.editNote();
    });

    it("labels, archives and deletes a day", async () => {
      const { app } = await signedInPerson("avery");
      await app.goToPreviousDay();
      await app.addTodos("Return the books");
      await app.dayLink("Yesterday").waitFor();

      await app.labelDay("Yesterday", "Errands");
      await app.dayLink("Errands").waitFor();
      await eventually(() => app.dayTitle.textContent()).toBe("Errands");

      await app.archiveDay("Errands");
      await app.dayLink("Errands").waitFor({ state: "detached" });
      await app.showArchivedDays();
      await app.archivedDays.getByRole("link", { name: /^Errands/ }).waitFor();

      await app.deleteDay("Errands");
      await app.archivedDays.getByText("No archived days.").waitFor();
      await app.todo("Return the books").waitFor({ state: "detached" });
      await app.emptyDayMessage.waitFor();
    });

    it("searches and opens a result on its day", async () => {
      const { tab, app } = await signedInPerson("avery");
      await app.goToNextDay();
      await app.addTodos("Buy oat milk");
      await app.openDay("Today");
      await app.openSearch();
      await app.search("oat");
      await app.openSearchResult("Buy oat milk");
      await eventually(() => new URL(tab.url()).pathname).toBe(
        `/day/${tomorrow}`,
      );
      await app.todo("Buy oat milk").waitFor();
    });

    it("exports the data as a JSON download", async () => {
      const { app } = await signedInPerson("avery");
      const todos = ["Buy oat milk", "Call the plumber", "Write the report"];
      await app.addTodos(...todos);
      const download = await app.exportData();
      expect(download.suggestedFilename()).toMatch(/\.json$/);
      const exported = JSON.parse(
        await readFile(await download.path(), "utf8"),
      ) as unknown;
      const text = JSON.stringify(exported);
      for (const todo of todos) expect(text).toContain(todo);
    });

    it("after a reload is still signed in, with everything in place", async () => {
      const { app } = await signedInPerson("avery");
      await app.goToNextDay();
      await app.addTodos("Buy oat milk");
      await app.openDay("Today");
      await app.addTodos("Write the report", "Call the plumber");
      await app.pin("Call the plumber");
      await app.pinnedMark("Call the plumber").waitFor();
      await app.addNote();
      await app.writeNote("Plan", "Call first, then write.");
      await app.note("Plan").waitFor();

      await app.goto(suite.stack.origin);
      await app.signedInIndicator.waitFor();
      await app.todo("Write the report").waitFor();
      expect(await app.openTodoTexts()).toEqual([
        "Write the report",
        "Call the plumber",
      ]);
      await app.pinnedMark("Call the plumber").waitFor();
      await app.note("Plan").waitFor();
      await app.dayLink("Tomorrow").waitFor();
    });

    it("shows user B none of A's data, even at A's day addresses", async () => {
      const a = await signedInPerson("avery");
      await a.app.addTodos("Write the report");
      await a.app.goToNextDay();
      await a.app.addTodos("Buy oat milk");

      const b = await signedInPerson("blake");
      await b.app.emptyDayMessage.waitFor();
      expect(await b.app.todo("Write the report").count()).toBe(0);
      expect(await b.app.dayLink("Tomorrow").count()).toBe(0);

      // A's day, by address: B gets B's own (empty) day.
      await b.app.goto(`${suite.stack.origin}/day/${tomorrow}`);
      await b.app.signedInIndicator.waitFor();
      await b.app.emptyDayMessage.waitFor();
      expect(await b.app.todo("Buy oat milk").count()).toBe(0);
    });

    it("shows a change in one of A's tabs in the other without a reload", async () => {
      const { context, app } = await signedInPerson("avery");
      await app.addTodos("Write the report");
      const otherTab = await DaybookPage.open(context, app.email);
      await otherTab.goto(suite.stack.origin);
      await otherTab.todo("Write the report").waitFor();

      await app.addTodo("Water the plants");
      await otherTab.todo("Water the plants").waitFor();

      await otherTab.complete("Water the plants");
      await eventually(() => app.todo("Water the plants").isChecked()).toBe(
        true,
      );
      await otherTab.closeTab();
    });

    it("shows a new todo at once, while the server has not yet run the mutation that saves it", async () => {
      const { app } = await signedInPerson("avery");
      const todo = app.todo("Book the dentist");
      // Other files share the gate; look for this test's own mutation.
      const addIsHeld = async () =>
        (await suite.stack.heldMutations()).some(({ args }) =>
          JSON.stringify(args).includes("Book the dentist"),
        );

      await suite.holdMutations();
      try {
        await app.addTodo("Book the dentist");
        await todo.waitFor();
        // The add waits at the gate, unrun: nothing can have confirmed it.
        await eventually(addIsHeld).toBe(true);
        expect(await todo.isVisible()).toBe(true);
        // Shown as pending (disabled) until the server confirms it.
        expect(await todo.isDisabled()).toBe(true);
      } finally {
        await suite.releaseMutations();
      }
      await eventually(() => todo.isEnabled()).toBe(true);
      expect(await app.openTodoTexts()).toEqual(["Book the dentist"]);
    });

    it("leaves a change another open tab is still sending to that tab after a reload here, and sends it from here once that tab closes", async () => {
      const { context, app } = await signedInPerson("casey");
      const otherTab = await DaybookPage.open(context, app.email);
      await otherTab.goto(suite.stack.origin);
      await otherTab.signedInIndicator.waitFor();
      // Other files share the gate; count this test's own mutations.
      const atTheGate = async (text: string) =>
        (await suite.stack.heldMutations()).filter(({ args }) =>
          JSON.stringify(args).includes(text),
        ).length;

      await suite.holdMutations();
      try {
        await otherTab.addTodo("Renew the passport");
        await eventually(() => atTheGate("Renew the passport")).toBe(1);

        await app.reload();
        await app.signedInIndicator.waitFor();
        // This tab is live and sends its own changes...
        await app.addTodo("Book the train");
        await eventually(() => atTheGate("Book the train")).toBe(1);
        // ...but not the open tab's: neither sent again nor shown here.
        expect(await atTheGate("Renew the passport")).toBe(1);
        expect(await app.todoCount("Renew the passport")).toBe(0);

        // That tab closes before its change is answered: this one takes it up.
        await otherTab.closeTab();
        await app.todo("Renew the passport").waitFor();
      } finally {
        await suite.releaseMutations();
      }
      await app.savedTodo("Renew the passport").waitFor();
      await app.savedTodo("Book the train").waitFor();
      expect(await app.todoCount("Renew the passport")).toBe(1);
    });

    it("has no serious accessibility violations in the day view, search and settings, in both themes (with screenshots)", async () => {
      const { tab, app } = await signedInPerson("avery");
      await app.addTodos(
        "Write the report",
        "Call the plumber",
        "Book the dentist",
      );
      await app.pin("Call the plumber");
      await app.addNote();
      await app.writeNote("Plan", "## Steps\n\n- **Call** first\n- then write");
      const found: AxeReport = {};
      const themes: Theme[] = ["Light", "Dark"];
      for (const theme of themes) {
        const name = theme.toLowerCase();
        await app.chooseTheme(theme);
        await eventually(() =>
          tab.evaluate(() => document.documentElement.className),
        ).toMatch(theme === "Dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
        await app.todo("Book the dentist").waitFor();
        await saveScreenshot(tab, `day-${name}`);
        await checkAccessibility(tab, `the day view (${name})`, found);

        await app.openSearch();
        await app.search("report");
        await app.searchResult("Write the report").waitFor();
        await saveScreenshot(tab, `search-${name}`);
        await checkAccessibility(tab, `search (${name})`, found);
        await app.closeDialog();

        await app.openSettings();
        await saveScreenshot(tab, `settings-${name}`);
        await checkAccessibility(tab, `settings (${name})`, found);
        await app.closeDialog();
      }
      await app.chooseTheme("Light");

      await tab.setViewportSize(PHONE);
      await app.todo("Book the dentist").waitFor();
      await saveScreenshot(tab, "mobile-day");
      await checkAccessibility(tab, "the day view on a phone", found);
      await app.openDaysMenu();
      await saveScreenshot(tab, "mobile-days-menu");
      await checkAccessibility(tab, "the days menu on a phone", found);
      await app.closeDialog();
      expect(found).toEqual({});
    });

    it("signs out: A's data leaves the screen, and a reload stays signed out", async () => {
      const { app } = await signedInPerson("avery");
      await app.addTodos("Write the report", "Call the plumber");
      await app.signOut();
      await app.signInButton.waitFor();
      expect(await app.todo("Write the report").count()).toBe(0);
      expect(await app.textOnScreen("Call the plumber").count()).toBe(0);

      await app.reload();
      await app.signInButton.waitFor();
      expect(await app.signedInIndicator.count()).toBe(0);
      expect(await app.textOnScreen("Write the report").count()).toBe(0);
    });
  },
);
