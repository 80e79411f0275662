/**
 * A keyboard-only journey (issue 12): add, complete, reopen, edit, move,
 * delete, undo, a note and search, with no mouse at all. After every step
 * focus is somewhere useful, never on the page's body, and where the issue
 * names a place (the same item in its new place, the next item, the field)
 * it is exactly there.
 */
import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowserTests } from "./support/browser-tests";
import { DaybookPage } from "./support/daybook-page";
import { eventually, TEST_TIMEOUT_MS } from "./support/waiting";

/** What has focus, in words for a failure message ("BODY" when nothing). */
function describeFocus(page: Page) {
  return page.evaluate(() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body) return "BODY";
    const name =
      focused.getAttribute("aria-label") ??
      focused.textContent?.trim().slice(0, 60) ??
      "";
    return `${focused.tagName.toLowerCase()} ${JSON.stringify(name)}`;
  });
}

/** Focus is somewhere on the page, not on its body. */
async function expectFocusNotOnBody(page: Page) {
  expect(await describeFocus(page)).not.toBe("BODY");
}

/** Focus settles on `target` (and so not on the body). */
async function expectFocusOn(page: Page, target: Locator) {
  await eventually(async () => {
    const here = await target
      .evaluate((element) => element === document.activeElement)
      .catch(() => false);
    return here ? "there" : await describeFocus(page);
  }).toBe("there");
}

/**
 * Presses `key` until `target` has focus (a bounded walk through the page's
 * Tab order), as a keyboard user would.
 */
async function pressUntilFocused(
  page: Page,
  key: "Tab" | "Shift+Tab",
  target: Locator,
  limit = 40,
) {
  for (let step = 0; step < limit; step += 1) {
    if (await target.evaluate((element) => element === document.activeElement))
      return;
    await page.keyboard.press(key);
  }
  throw new Error(
    `${key} ${limit} times never reached it; focus is on ${await describeFocus(page)}`,
  );
}

describe("Daybook with the keyboard only", { timeout: TEST_TIMEOUT_MS }, () => {
  const suite = useBrowserTests();

  it("adds, completes, reopens, edits, moves, deletes and undoes todos, adds and deletes a note, and searches, focus never falling to the body", async () => {
    const email = `keys.${randomUUID().slice(0, 8)}@example.com`;
    const context = await suite.newBrowser({
      viewport: { width: 1280, height: 900 },
      colorScheme: "light",
    });
    const app = await DaybookPage.open(context, email);
    const { page } = app;
    const keys = page.keyboard;
    await app.goto(suite.stack.origin);
    await app.signIn();
    await app.emptyDayMessage.waitFor();

    const checkbox = (list: Locator, text: string) =>
      list.getByRole("checkbox", { name: text, exact: true });
    const menuButton = (text: string) =>
      page.getByRole("button", { name: `More actions for ${text}` });

    // Add: Enter adds and the field keeps focus for the next one.
    await pressUntilFocused(page, "Tab", app.addTodoField);
    for (const text of ["Buy milk", "Call Bob", "Water plants"]) {
      await keys.type(text);
      await keys.press("Enter");
      await app.savedTodo(text).waitFor();
      await expectFocusOn(page, app.addTodoField);
    }

    // Esc leaves the field for the list (its one Tab stop: the first todo).
    await keys.type("a draft");
    await keys.press("Escape");
    await expectFocusOn(page, checkbox(app.openTodos, "Buy milk"));

    // Complete with Space: focus goes with the todo into Done.
    await keys.press("ArrowDown");
    await expectFocusOn(page, checkbox(app.openTodos, "Call Bob"));
    await keys.press("Space");
    await expectFocusOn(page, checkbox(app.doneTodos, "Call Bob"));

    // Reopen with Space: focus comes back with it.
    await keys.press("Space");
    await expectFocusOn(page, checkbox(app.openTodos, "Call Bob"));

    // Edit: Right to its text, Enter edits, Enter saves; focus on the text.
    await keys.press("ArrowRight");
    await expectFocusOn(
      page,
      page.getByRole("button", { name: "Edit Call Bob" }),
    );
    await keys.press("Enter");
    const editor = page.getByRole("textbox", { name: "Edit Call Bob" });
    await expectFocusOn(page, editor);
    await keys.press("End");
    await keys.type(" at five");
    await keys.press("Enter");
    await app.savedTodo("Call Bob at five").waitFor();
    await expectFocusOn(
      page,
      page.getByRole("button", { name: "Edit Call Bob at five" }),
    );

    // Move to tomorrow from its menu: focus on the next todo's menu button.
    await keys.press("ArrowRight");
    await expectFocusOn(page, menuButton("Call Bob at five"));
    await keys.press("Enter");
    const menu = page.getByRole("menu");
    await expectFocusOn(page, menu.getByRole("menuitem", { name: "Pin" }));
    await keys.press("ArrowDown");
    await expectFocusOn(page, menu.getByRole("menuitem", { name: "Repeat…" }));
    await keys.press("ArrowDown");
    await expectFocusOn(
      page,
      menu.getByRole("menuitem", { name: "Move to tomorrow" }),
    );
    await keys.press("Enter");
    await app.todo("Call Bob at five").waitFor({ state: "detached" });
    await expectFocusOn(page, menuButton("Water plants"));

    // Delete the last todo (confirmed with Enter): focus on the one before.
    await keys.press("Enter");
    await expectFocusOn(page, menu.getByRole("menuitem", { name: "Pin" }));
    await keys.press("End");
    await expectFocusOn(page, menu.getByRole("menuitem", { name: "Delete" }));
    await keys.press("Enter");
    const confirm = page.getByRole("alertdialog", {
      name: "Delete this todo?",
    });
    await expectFocusOn(page, confirm.getByRole("button", { name: "Delete" }));
    await keys.press("Enter");
    await app.todo("Water plants").waitFor({ state: "detached" });
    await expectFocusOn(page, menuButton("Buy milk"));

    // Undo from the toast: Alt+T reaches the toasts (sonner), Tab its Undo.
    const toasts = page.getByRole("region", { name: /Notifications/ });
    const undo = toasts.getByRole("button", { name: "Undo" });
    // The delete's own toast (until the server has the delete, the move's
    // toast and its Undo may still show).
    await toasts.getByText(/^Deleted .*Water plants/).waitFor();
    await undo.waitFor();
    await keys.press("Alt+t");
    await pressUntilFocused(page, "Tab", undo, 6);
    await keys.press("Enter");
    await app.savedTodo("Water plants").waitFor();
    await undo.waitFor({ state: "detached" });
    // Back where it was before the toasts.
    await expectFocusOn(page, menuButton("Buy milk"));

    // A note: Add note, type its title, Enter to its body, type.
    const addNote = app.notes.getByRole("button", { name: "Add note" });
    await pressUntilFocused(page, "Tab", addNote);
    await keys.press("Enter");
    await expectFocusOn(page, app.noteTitle);
    await keys.type("Errands");
    await keys.press("Enter");
    await expectFocusOn(page, app.noteBodyOf("Errands"));
    await keys.type("bring a bag");
    await expectFocusNotOnBody(page);

    // Delete the note (confirmed): the day has no other, so Add note.
    const deleteNote = app
      .note("Errands")
      .getByRole("button", { name: "Delete note" });
    await pressUntilFocused(page, "Shift+Tab", deleteNote);
    await keys.press("Enter");
    const confirmNote = page.getByRole("alertdialog", {
      name: "Delete this note?",
    });
    await expectFocusOn(
      page,
      confirmNote.getByRole("button", { name: "Delete" }),
    );
    await keys.press("Enter");
    await app.note("Errands").waitFor({ state: "detached" });
    await expectFocusOn(page, addNote);

    // Search: Ctrl+K, type, Enter opens the result; focus on that todo.
    await keys.press("Control+k");
    await app.searchDialog.waitFor();
    await expectFocusNotOnBody(page);
    await keys.type("milk");
    await app.searchResult("Buy milk").waitFor();
    await expectFocusNotOnBody(page);
    await keys.press("Enter");
    await app.searchDialog.waitFor({ state: "detached" });
    await expectFocusOn(
      page,
      page.getByRole("button", { name: "Edit Buy milk" }),
    );
  });
});
