/**
 * Dates typed in plain words, in a browser: "Buy stamps tomorrow" shows a
 * chip naming tomorrow before Enter, Enter adds "Buy stamps" to tomorrow
 * (not today), where the next day shows it; Esc keeps a phrase as text.
 * The page has no axe violation with the chip on screen, in both themes.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { isolate } from "@/components/ui/UserText";
import { shiftDay, todayString } from "@/lib/dates";
import { axeViolations } from "./support/axe";
import { useBrowserTests } from "./support/browser-tests";
import { DaybookPage } from "./support/daybook-page";
import { eventually, TEST_TIMEOUT_MS } from "./support/waiting";

const DESKTOP = { width: 1280, height: 900 };

const someone = (what: string) =>
  `${what}.${randomUUID().slice(0, 8)}@example.com`;

async function axeReport(page: Page) {
  return (await axeViolations(page)).map(
    (finding) =>
      `${finding.id} (${finding.impact}): ${finding.nodes.map((node) => node.target).join(" | ")}`,
  );
}

/** The chip's button for `phrase`: on screen once the parser has read it. */
const keepAsText = (app: DaybookPage, phrase: string) =>
  app.page.getByRole("button", { name: `Keep “${phrase}” as text` });

describe("dates typed in words", { timeout: TEST_TIMEOUT_MS }, () => {
  const browser = useBrowserTests();

  async function signedIn(who: string, colorScheme: "light" | "dark") {
    const context = await browser.newBrowser({
      viewport: DESKTOP,
      colorScheme,
    });
    const app = await DaybookPage.open(context, someone(who));
    await app.goto(browser.stack.origin);
    await app.signIn();
    return app;
  }

  it("adds “Buy stamps tomorrow” to tomorrow as “Buy stamps”, and it is there on the next day", async () => {
    const app = await signedIn("tomorrow", "light");
    // The browser and this process share the machine's clock and zone.
    const tomorrow = shiftDay(todayString(), 1);
    await app.addTodoField.fill("Buy stamps tomorrow");
    await keepAsText(app, "tomorrow").waitFor();
    expect(await axeReport(app.page)).toEqual([]);

    await app.addTodoField.press("Enter");
    // The toast names the day ("Go there" and Undo are the component
    // tests': a toast leaves after a few seconds, too soon for a busy CI).
    await app.page
      .getByText(`Added “${isolate("Buy stamps")}” to tomorrow`)
      .waitFor();
    await eventually(() => app.addTodoField.inputValue()).toBe("");
    // Not on today, under either text.
    await app.emptyDayMessage.waitFor();

    await app.goToNextDay();
    await eventually(() => new URL(app.page.url()).pathname).toBe(
      `/day/${tomorrow}`,
    );
    await app.savedTodo("Buy stamps").waitFor();
    expect(await app.openTodoTexts()).toEqual(["Buy stamps"]);
  });

  it("Esc keeps a date as text: the todo is added here as typed (dark theme)", async () => {
    const app = await signedIn("literal", "dark");
    await app.addTodoField.fill("Read next Friday");
    await keepAsText(app, "next Friday").waitFor();
    expect(await axeReport(app.page)).toEqual([]);

    await app.addTodoField.press("Escape");
    await keepAsText(app, "next Friday").waitFor({ state: "detached" });
    await app.addTodoField.press("Enter");
    await app.savedTodo("Read next Friday").waitFor();
    expect(await app.openTodoTexts()).toEqual(["Read next Friday"]);
  });
});
