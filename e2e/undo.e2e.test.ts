/**
 * Undo and redo from the keyboard (issue 13): Ctrl+Z takes back the last
 * change exactly, Ctrl+Shift+Z makes it again, and an undo that would
 * overwrite a change made since in another tab is refused, with words.
 */
import { randomUUID } from "node:crypto";
import type { BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowserTests } from "./support/browser-tests";
import { DaybookPage } from "./support/daybook-page";
import { eventually, TEST_TIMEOUT_MS } from "./support/waiting";

const DESKTOP = { width: 1280, height: 800 };

describe("undo and redo", { timeout: TEST_TIMEOUT_MS }, () => {
  const suite = useBrowserTests();

  async function signedIn(name: string) {
    const email = `${name}.${randomUUID().slice(0, 8)}@example.com`;
    const context = await suite.newBrowser({
      viewport: DESKTOP,
      colorScheme: "light",
    });
    const app = await DaybookPage.open(context, email);
    await app.goto(suite.stack.origin);
    await app.signIn();
    await app.emptyDayMessage.waitFor();
    return { context, app };
  }

  it("Ctrl+Z after complete, move and edit restores each exactly; Ctrl+Shift+Z redoes", async () => {
    const { app } = await signedIn("undo");
    const { page } = app;
    const press = async (keys: string) => {
      // Outside any text field, where Ctrl+Z is the app's.
      await app.dayTitle.click();
      await page.keyboard.press(keys);
    };
    const undo = () => press("Control+z");
    const redo = () => press("Control+Shift+z");
    const ORDER = ["Buy milk", "Call Bob", "Water plants"];
    await app.addTodos(...ORDER);

    // Complete, undo, redo, undo.
    await app.complete("Call Bob");
    await app.doneTodos.getByRole("checkbox", { name: "Call Bob" }).waitFor();
    await undo();
    await eventually(() => app.openTodoTexts()).toEqual(ORDER);
    expect(await app.todo("Call Bob").isChecked()).toBe(false);
    await redo();
    await app.doneTodos.getByRole("checkbox", { name: "Call Bob" }).waitFor();
    await eventually(() => app.openTodoTexts()).toEqual([
      "Buy milk",
      "Water plants",
    ]);
    await undo();
    await eventually(() => app.openTodoTexts()).toEqual(ORDER);

    // Move to tomorrow, then back, in its old place (first).
    await app.moveToTomorrow("Buy milk");
    await app.todo("Buy milk").waitFor({ state: "detached" });
    await undo();
    await eventually(() => app.openTodoTexts()).toEqual(ORDER);

    // Edit, undo to the old words, redo to the new.
    await app.editTodo("Water plants", "Water the ferns");
    await app.savedTodo("Water the ferns").waitFor();
    await undo();
    await eventually(() => app.openTodoTexts()).toEqual(ORDER);
    await redo();
    await eventually(() => app.openTodoTexts()).toEqual([
      "Buy milk",
      "Call Bob",
      "Water the ferns",
    ]);
  });

  it("refuses an undo, changing nothing, when another tab changed the todo since; the refusal is no console error", async () => {
    // Every test's browser fails on a console error (useBrowserTests): a
    // refusal the app words itself is logged as information only.
    const { context, app } = await signedIn("conflict");
    await refusesUndo(context, app);
  });

  async function refusesUndo(context: BrowserContext, app: DaybookPage) {
    await app.addTodos("Buy milk", "Call Bob");
    await app.complete("Buy milk");
    await app.doneTodos.getByRole("checkbox", { name: "Buy milk" }).waitFor();

    const otherTab = await DaybookPage.open(context, app.email);
    await otherTab.goto(suite.stack.origin);
    await otherTab.todo("Buy milk").waitFor();
    await otherTab.editTodo("Buy milk", "Buy oat milk");
    await app.todo("Buy oat milk").waitFor();

    await app.dayTitle.click();
    await app.page.keyboard.press("Control+z");
    await app.page
      .getByText(
        "“Buy oat milk” was changed since (here, in another tab or on another device), so nothing was undone.",
      )
      .waitFor();
    expect(await app.todo("Buy oat milk").isChecked()).toBe(true);
    expect(await otherTab.todo("Buy oat milk").isChecked()).toBe(true);
    await otherTab.closeTab();
  }
});
