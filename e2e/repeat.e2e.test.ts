/**
 * Repeating todos in a browser: "Repeat…" in a todo's menu opens the
 * "Repeat" dialog (no axe violation); "Every weekday" makes the todo
 * repeat (its name says so), and the next weekday, when opened, has its
 * occurrence; completing one occurrence leaves the next open.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { axeViolations } from "./support/axe";
import { useBrowserTests } from "./support/browser-tests";
import { DaybookPage } from "./support/daybook-page";
import { TEST_TIMEOUT_MS } from "./support/waiting";

const someone = (what: string) =>
  `${what}.${randomUUID().slice(0, 8)}@example.com`;

/** Days from a weekday (0 = Sunday, as Date.getDay) to the next weekday. */
const toNextWeekday = (weekday: number) =>
  weekday === 5 ? 3 : weekday === 6 ? 2 : 1;

describe("Repeating todos", { timeout: TEST_TIMEOUT_MS }, () => {
  const browser = useBrowserTests();

  it("every weekday: the next weekday has it, and it stays open when this one is completed", async () => {
    const context = await browser.newBrowser({
      viewport: { width: 1280, height: 900 },
    });
    const app = await DaybookPage.open(context, someone("repeat"));
    await app.goto(browser.stack.origin);
    await app.signIn();
    await app.addTodos("Stand-up");

    await app.page
      .getByRole("button", { name: "More actions for Stand-up" })
      .click();
    await app.page.getByRole("menuitem", { name: "Repeat…" }).click();
    const dialog = app.page.getByRole("dialog", { name: "Repeat" });
    await dialog.getByRole("radio", { name: "Every weekday" }).check();
    expect(
      (await axeViolations(app.page)).map((finding) => finding.id),
    ).toEqual([]);
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });

    // The todo now says it repeats, and completing it is this one only.
    const repeating = app.page.getByRole("checkbox", {
      name: "Stand-up, repeats",
      exact: true,
    });
    await repeating.waitFor();
    await repeating.check();
    await app.doneTodos
      .getByRole("checkbox", { name: "Stand-up, repeats" })
      .waitFor();

    const today = await app.page.evaluate(() => new Date().getDay());
    for (let day = 0; day < toNextWeekday(today); day++) {
      await app.goToNextDay();
    }
    const next = app.openTodos.getByRole("checkbox", {
      name: "Stand-up, repeats",
      exact: true,
    });
    await next.waitFor();
    expect(await next.isChecked()).toBe(false);
    expect(await app.todoCount("Stand-up, repeats")).toBe(1);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`on a phone (${colorScheme}), the choices scroll and Save and Cancel stay on screen; focus opens on the chosen repeat`, async () => {
      const viewport = { width: 390, height: 844 };
      const context = await browser.newBrowser({ viewport, colorScheme });
      const app = await DaybookPage.open(context, someone("repeat-phone"));
      await app.goto(browser.stack.origin);
      await app.signIn();
      await app.addTodos("Stretch");

      await app.page
        .getByRole("button", { name: "More actions for Stretch" })
        .click();
      await app.page.getByRole("menuitem", { name: "Repeat…" }).click();
      const dialog = app.page.getByRole("dialog", { name: "Repeat" });
      const everyDay = dialog.getByRole("radio", { name: "Every day" });
      await everyDay.waitFor();
      expect(
        await everyDay.evaluate((el) => el === document.activeElement),
      ).toBe(true);
      // The tallest the choices get: weekdays and an end date open.
      await dialog.getByRole("radio", { name: "Every week on…" }).check();
      await dialog.getByRole("radio", { name: "On a date" }).check();
      // Back at the top of the choices, as the dialog opens.
      await dialog.evaluate((frame) => {
        for (const box of [frame, ...frame.querySelectorAll("*")]) {
          box.scrollTop = 0;
        }
      });
      for (const name of ["Save", "Cancel"]) {
        // On screen and not scrolled away inside the dialog: a tap at its
        // centre lands on it.
        const tapped = await dialog
          .getByRole("button", { name })
          .evaluate((button) => {
            const box = button.getBoundingClientRect();
            const at = document.elementFromPoint(
              box.x + box.width / 2,
              box.y + box.height / 2,
            );
            return at !== null && button.contains(at);
          });
        expect(tapped, name).toBe(true);
      }
      expect(await dialog.getByRole("status").textContent()).toMatch(
        /^Every \w+day, until \w{3}, \w{3} \d+, \d{4}$/,
      );
      expect(
        (await axeViolations(app.page)).map((finding) => finding.id),
      ).toEqual([]);
      await dialog.getByRole("button", { name: "Save" }).click();
      await dialog.waitFor({ state: "detached" });
    });
  }
});
