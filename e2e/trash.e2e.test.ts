/**
 * "Recently deleted" in a browser: a deleted day is there as one entry and
 * Restore brings back everything in it (its todos, done state, label);
 * "Delete forever" asks first; the view has no axe violation, in both
 * themes, on a desktop and on a phone.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { isolate } from "@/components/ui/UserText";
import { axeViolations } from "./support/axe";
import { useBrowserTests } from "./support/browser-tests";
import { DaybookPage } from "./support/daybook-page";
import { eventually, TEST_TIMEOUT_MS } from "./support/waiting";

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const someone = (what: string) =>
  `${what}.${randomUUID().slice(0, 8)}@example.com`;

/** Every axe violation on the page, as "rule: selector" lines. */
async function axeReport(page: Page) {
  return (await axeViolations(page)).map(
    (finding) =>
      `${finding.id} (${finding.impact}): ${finding.nodes.map((node) => node.target).join(" | ")}`,
  );
}

describe("Recently deleted", { timeout: TEST_TIMEOUT_MS }, () => {
  const browser = useBrowserTests();

  async function signedIn(
    who: string,
    options: { viewport?: typeof DESKTOP; colorScheme?: "light" | "dark" } = {},
  ) {
    const context = await browser.newBrowser({
      viewport: options.viewport ?? DESKTOP,
      colorScheme: options.colorScheme ?? "light",
    });
    const app = await DaybookPage.open(context, someone(who));
    await app.goto(browser.stack.origin);
    await app.signIn();
    return app;
  }

  /** Deletes a todo from its menu, confirming. */
  async function deleteTodo(app: DaybookPage, text: string) {
    await app.page
      .getByRole("button", { name: `More actions for ${text}` })
      .click();
    await app.page.getByRole("menuitem", { name: "Delete" }).click();
    await app.page
      .getByRole("alertdialog", { name: "Delete this todo?" })
      .getByRole("button", { name: "Delete" })
      .click();
    await app.todo(text).waitFor({ state: "detached" });
  }

  const trashLink = (app: DaybookPage) =>
    app.days.getByRole("link", { name: "Recently deleted" });

  const deletedItems = (app: DaybookPage) =>
    app.page.getByRole("list", { name: "Deleted items" });

  it("a deleted day is one entry there, and Restore brings back its todos, their state and its label", async () => {
    const app = await signedIn("restore");
    await app.addTodos("Water the plants", "Buy bread");
    await app.complete("Buy bread");
    await app.labelDay("Today", "Garden day");
    await app.dayLink("Garden day").waitFor();

    await app.deleteDay("Garden day");
    await app.emptyDayMessage.waitFor();
    await app.dayLink("Garden day").waitFor({ state: "detached" });

    await trashLink(app).click();
    await eventually(() => new URL(app.page.url()).pathname).toBe("/trash");
    const entry = deletedItems(app).getByRole("listitem", {
      name: /^Garden day/,
    });
    await entry.waitFor();
    expect(await entry.textContent()).toContain("Day with 2 todos");
    expect(await axeReport(app.page)).toEqual([]);

    // The entry's items, one by one.
    await entry.getByRole("button", { name: /^Show items/ }).click();
    await entry
      .getByRole("list", { name: /^Items of Garden day/ })
      .getByText("Water the plants")
      .waitFor();

    await entry.getByRole("button", { name: /^Restore “Garden day/ }).click();
    await app.page.getByText("Nothing was deleted recently").waitFor();

    await app.openDay("Garden day");
    await eventually(() => app.dayTitle.textContent()).toBe("Garden day");
    await eventually(() => app.openTodoTexts()).toEqual(["Water the plants"]);
    expect(await app.todo("Buy bread").isChecked()).toBe(true);
  });

  it("Delete forever asks first; Cancel keeps the item, confirming removes it for good", async () => {
    const app = await signedIn("forever");
    await app.addTodos("Old idea");
    await app.todo("Old idea").waitFor();
    await deleteTodo(app, "Old idea");

    await app.page.goto(`${browser.stack.origin}/trash`);
    const entry = deletedItems(app).getByRole("listitem", {
      name: "Old idea",
    });
    await entry.waitFor();
    const deleteForever = entry.getByRole("button", {
      name: "Delete forever “Old idea”",
    });

    await deleteForever.click();
    const dialog = app.page.getByRole("alertdialog", {
      name: `Delete “${isolate("Old idea")}” forever?`,
    });
    await dialog.waitFor();
    expect(await axeReport(app.page)).toEqual([]);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    await entry.waitFor();

    await deleteForever.click();
    await dialog.getByRole("button", { name: "Delete forever" }).click();
    await app.page.getByText("Nothing was deleted recently").waitFor();
    expect(await axeReport(app.page)).toEqual([]);
  });

  it("has no axe violation in the dark theme on a phone, reached from the days menu", async () => {
    const app = await signedIn("phone", {
      viewport: PHONE,
      colorScheme: "dark",
    });
    await app.addTodos("Phone todo");
    await app.todo("Phone todo").waitFor();
    await app.page.goto(`${browser.stack.origin}/trash`);
    await app.page.getByText("Nothing was deleted recently").waitFor();
    await app.page.goto(browser.stack.origin);
    await app.todo("Phone todo").waitFor();
    await deleteTodo(app, "Phone todo");
    await app.openDaysMenu();
    await trashLink(app).click();
    await deletedItems(app)
      .getByRole("listitem", { name: "Phone todo" })
      .waitFor();
    expect(await axeReport(app.page)).toEqual([]);
  });
});
