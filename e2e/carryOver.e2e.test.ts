/**
 * Carry-over in a browser: an open todo left on a past day shows on today
 * under "From earlier days" (with its day), and "Move to today" brings it
 * to the end of today's open todos; the section, once empty, goes. Axe finds
 * no serious violation with the section on screen.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seriousAxeViolations } from "./support/axe";
import { useBrowserTests } from "./support/browser-tests";
import { DaybookPage } from "./support/daybook-page";
import { eventually, TEST_TIMEOUT_MS } from "./support/waiting";

const DESKTOP = { width: 1280, height: 900 };

/** `YYYY-MM-DD` in this machine's zone (the browser's too), `offset` days on. */
function localDay(offset: number) {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe("From earlier days", { timeout: TEST_TIMEOUT_MS }, () => {
  const browser = useBrowserTests();

  it("an open todo left on a past day is moved to today from “From earlier days”", async () => {
    const context = await browser.newBrowser({ viewport: DESKTOP });
    const app = await DaybookPage.open(
      context,
      `carry-over.${randomUUID().slice(0, 8)}@example.com`,
    );
    const origin = browser.stack.origin;
    await app.goto(origin);
    await app.signIn();

    // Two days ago: one left open, one done (which stays behind).
    await app.goto(`${origin}/day/${localDay(-2)}`);
    await app.addTodos("Water the ferns", "Post the letter");
    await app.complete("Post the letter");
    await app.goto(origin);
    await app.addTodos("Today's own");

    const section = app.page.getByRole("region", {
      name: /^From earlier days/,
    });
    await section.waitFor();
    expect(await section.getByRole("heading", { level: 2 }).textContent()).toBe(
      "From earlier days 1",
    );
    await section.getByRole("checkbox", { name: "Water the ferns" }).waitFor();
    expect(
      await section.getByRole("checkbox", { name: "Post the letter" }).count(),
    ).toBe(0);
    expect(await seriousAxeViolations(app.page)).toEqual([]);

    await section
      .getByRole("button", { name: "Move to today: Water the ferns" })
      .click();
    await section.waitFor({ state: "detached" });
    await eventually(() => app.openTodoTexts()).toEqual([
      "Today's own",
      "Water the ferns",
    ]);

    // Stored, not only shown: after a reload it is still today's.
    await app.reload();
    await app.savedTodo("Water the ferns").waitFor();
    expect(await app.openTodoTexts()).toEqual([
      "Today's own",
      "Water the ferns",
    ]);
    expect(
      await app.page
        .getByRole("region", { name: /^From earlier days/ })
        .count(),
    ).toBe(0);
  });
});
