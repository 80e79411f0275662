/**
 * Carry-over in a browser: an open todo left on a past day shows on today
 * under "From earlier days", and "Move to today" brings it to the end of
 * today's open todos; the section, once empty, goes. A browser in Tokyo
 * has its zone stored at sign-in (Settings shows it), and turning on "Move
 * unfinished todos to today automatically" moves yesterday's open todo to
 * today there. Axe finds no serious violation with the section or the
 * Settings dialog on screen.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seriousAxeViolations } from "./support/axe";
import { useBrowserTests } from "./support/browser-tests";
import { DaybookPage } from "./support/daybook-page";
import { localDay } from "./support/local-day";
import { eventually, TEST_TIMEOUT_MS } from "./support/waiting";

const DESKTOP = { width: 1280, height: 900 };

/** `YYYY-MM-DD` in `timeZone`, `offset` days from today there. */
function dayIn(timeZone: string, offset: number) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(
    new Date(),
  );
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
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

    // Stored, not only shown: after a reload it is still today's. The page
    // may first paint its saved copy, written a moment after the move (and
    // so perhaps from before it), until live data replaces it.
    await app.reload();
    await eventually(() => app.openTodoTexts()).toEqual([
      "Today's own",
      "Water the ferns",
    ]);
    await eventually(() =>
      app.page.getByRole("region", { name: /^From earlier days/ }).count(),
    ).toBe(0);
  });

  it("the browser's time zone is taken on sign-in, and turning on the automatic move brings a past open todo to today", async () => {
    // A browser on the other side of the world from most machines.
    const timeZone = "Asia/Tokyo";
    const context = await browser.newBrowser({
      viewport: DESKTOP,
      timezoneId: timeZone,
    });
    const app = await DaybookPage.open(
      context,
      `auto-move.${randomUUID().slice(0, 8)}@example.com`,
    );
    const origin = browser.stack.origin;
    await app.goto(origin);
    await app.signIn();
    await app.goto(`${origin}/day/${dayIn(timeZone, -1)}`);
    await app.addTodos("Renew the passport");
    await app.goto(origin);
    await app.addTodos("Today's own");

    await app.openSettings();
    const zone = app.settingsDialog.getByRole("combobox", {
      name: "Time zone",
    });
    await eventually(() => zone.isEnabled()).toBe(true);
    expect(await zone.inputValue()).toBe(
      "Automatic (Tokyo — Japan Standard Time, UTC+09:00)",
    );
    const automatic = app.settingsDialog.getByRole("checkbox", {
      name: "Move unfinished todos to today automatically",
    });
    expect(await automatic.isChecked()).toBe(false);
    expect(await seriousAxeViolations(app.page)).toEqual([]);
    // The zones' list, open on a search: still no violation.
    await zone.click();
    await zone.pressSequentially("kyiv");
    await app.settingsDialog
      .getByRole("option", { name: /^Kyiv — / })
      .waitFor();
    expect(await seriousAxeViolations(app.page)).toEqual([]);
    await zone.press("Escape");
    await eventually(() => zone.getAttribute("aria-expanded")).toBe("false");

    await automatic.check();
    await app.page.getByText("Moved 1 unfinished todo to today").waitFor();
    await app.closeDialog();
    await app.settingsDialog.waitFor({ state: "detached" });
    await eventually(() => app.openTodoTexts()).toEqual([
      "Today's own",
      "Renew the passport",
    ]);
  });
});
