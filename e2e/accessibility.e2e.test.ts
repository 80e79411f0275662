/**
 * Accessibility in the states people reach: axe-core finds no violation of
 * any impact (moderate and minor included) with the date picker open (from
 * a day's menu and from a todo's "Move to a date…"), a note's markdown
 * preview, a todo and a heading being edited, each menu open, each confirm
 * dialog, the archived days listed, the Pinned view, the sidebar collapsed,
 * and in search and settings, in both themes, on a desktop and on a phone. Beside
 * that sweep, what axe cannot see: colour contrast of the date picker's
 * graphics, what a task-list item shows, and where Tab goes.
 */
import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { isolate } from "@/components/ui/UserText";
import { axeViolations, type AxeFinding } from "./support/axe";
import { DaybookPage } from "./support/daybook-page";
import { useBrowserTests } from "./support/browser-tests";
import { eventually, TEST_TIMEOUT_MS } from "./support/waiting";

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
type Viewport = typeof DESKTOP;
type ColorScheme = "light" | "dark";

/** A note whose preview holds a task list, beside a plain item. */
const TASK_NOTE_BODY =
  "## Errands\n\n- [ ] Buy milk\n- [x] Call the plumber\n- Bring a bag";

/**
 * Per state, each violation as "rule (impact): selector => markup | ...",
 * the markup shortened: enough to find the element without a rerun.
 */
type AxeReport = Record<string, string[]>;

const describeFinding = (finding: AxeFinding) =>
  `${finding.id} (${finding.impact}): ${finding.nodes
    .map((node) => `${node.target} => ${node.html.slice(0, 240)}`)
    .join(" | ")}`;

interface Person {
  tab: Page;
  app: DaybookPage;
}

/** Tab stops' descriptions, for a message that says where focus went. */
interface TabStop {
  name: string;
  width: number;
  height: number;
  inHiddenSidebar: boolean;
  isResizeHandle: boolean;
}

type PickerPart = "today" | "selected ring" | "previous arrow" | "next arrow";

/**
 * In the page: the contrast ratio (WCAG) of one part of the date picker
 * `dialog` against the first opaque background behind it. Today's date is
 * text; the arrows' icons and the selected day's ring are graphics.
 */
function contrastIn(dialog: Element, part: PickerPart): number {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const context = canvas.getContext("2d", { willReadFrequently: true })!;
  /** A CSS colour (oklch included) as sRGB, through the canvas. */
  const rgba = (color: string) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    return [...context.getImageData(0, 0, 1, 1).data];
  };
  const luminance = (color: string) => {
    const [r, g, b] = rgba(color).map((channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const backgroundOf = (element: Element): string => {
    for (let at: Element | null = element; at; at = at.parentElement) {
      const color = getComputedStyle(at).backgroundColor;
      if (rgba(color)[3] === 255) return color;
    }
    return getComputedStyle(document.body).backgroundColor;
  };
  const ratio = (foreground: string, behind: Element) => {
    const [a, b] = [
      luminance(foreground),
      luminance(backgroundOf(behind)),
    ].sort((x, y) => y - x);
    return Math.round(((a! + 0.05) / (b! + 0.05)) * 100) / 100;
  };
  /** An icon's colour: its shapes' fill, or their stroke. */
  const iconColor = (button: Element) => {
    const shape =
      button.querySelector("svg polygon, svg path") ??
      button.querySelector("svg");
    if (!shape) throw new Error("The arrow has no icon.");
    const style = getComputedStyle(shape);
    return style.fill !== "none" ? style.fill : style.stroke;
  };
  const button = (name: RegExp) => {
    const found = [...dialog.querySelectorAll("button")].find((candidate) =>
      name.test(candidate.getAttribute("aria-label") ?? ""),
    );
    if (!found) throw new Error(`No button named ${String(name)}.`);
    return found;
  };
  switch (part) {
    case "today": {
      const today = button(/^Today, /);
      return ratio(getComputedStyle(today).color, today);
    }
    case "selected ring": {
      const selected = button(/, selected$/);
      return ratio(
        getComputedStyle(selected).borderTopColor,
        selected.parentElement!,
      );
    }
    case "previous arrow": {
      const arrow = button(/Previous Month/);
      return ratio(iconColor(arrow), arrow);
    }
    case "next arrow": {
      const arrow = button(/Next Month/);
      return ratio(iconColor(arrow), arrow);
    }
  }
}

describe(
  "Accessibility of every state, in both themes, at desktop and phone sizes",
  { timeout: TEST_TIMEOUT_MS },
  () => {
    const suite = useBrowserTests();

    async function signedInPerson(
      name: string,
      viewport: Viewport,
      colorScheme: ColorScheme,
    ): Promise<Person> {
      const email = `${name}.${randomUUID().slice(0, 8)}@example.com`;
      const context = await suite.newBrowser({ viewport, colorScheme });
      const app = await DaybookPage.open(context, email);
      await app.goto(suite.stack.origin);
      await app.signIn();
      // The theme follows the system's (emulated) scheme.
      await eventually(() =>
        app.page.evaluate(() =>
          document.documentElement.classList.contains("dark"),
        ),
      ).toBe(colorScheme === "dark");
      return { tab: app.page, app };
    }

    /** Runs axe where the page is now and keeps what it found under `state`. */
    async function checkAxe(page: Page, state: string, found: AxeReport) {
      const violations = await axeViolations(page);
      if (violations.length > 0) found[state] = violations.map(describeFinding);
    }

    /** Opens the menu behind `button` and waits for its first item. */
    async function openMenu(page: Page, button: string) {
      await page.getByRole("button", { name: button }).click();
      await page.getByRole("menu").getByRole("menuitem").first().waitFor();
    }

    async function closeMenu(page: Page) {
      await page.keyboard.press("Escape");
      await page.getByRole("menu").waitFor({ state: "detached" });
    }

    /** The date picker the day menu opens from "Copy open todos to → A date…". */
    async function openDatePicker(page: Page) {
      await openMenu(page, "More actions for Today");
      await page.getByRole("menuitem", { name: "A date…" }).click();
      const picker = page.getByRole("dialog", { name: "Copy open todos to" });
      await picker.getByRole("grid").waitFor();
      return picker;
    }

    it("date picker, dark theme: today's date reads at 4.5:1 or more, and the month arrows and the selected day's ring at 3:1 or more", async () => {
      const { tab } = await signedInPerson("picker", DESKTOP, "dark");
      const picker = await openDatePicker(tab);
      const measure = (part: PickerPart) => picker.evaluate(contrastIn, part);
      // It opens on tomorrow, selected: measured before leaving its month.
      const selectedDayRing = await measure("selected ring");
      const previousMonthArrow = await measure("previous arrow");
      const nextMonthArrow = await measure("next arrow");
      // Tomorrow may be in next month.
      const today = picker.getByRole("button", { name: /^Today, / });
      if ((await today.count()) === 0) {
        await picker.getByRole("button", { name: /Previous Month/ }).click();
      }
      await today.waitFor();
      expect({
        today: await measure("today"),
        selectedDayRing,
        previousMonthArrow,
        nextMonthArrow,
      }).toEqual({
        today: expect.toSatisfy((ratio: number) => ratio >= 4.5),
        selectedDayRing: expect.toSatisfy((ratio: number) => ratio >= 3),
        previousMonthArrow: expect.toSatisfy((ratio: number) => ratio >= 3),
        nextMonthArrow: expect.toSatisfy((ratio: number) => ratio >= 3),
      });
    });

    it("markdown preview: each task-list checkbox is named by its item's text, and task items show no bullet", async () => {
      const { app } = await signedInPerson("tasks", DESKTOP, "light");
      await app.addNote();
      await app.writeNote("Errands", TASK_NOTE_BODY);
      await app.previewNote();
      const note = app.note("Errands");
      const milk = note.getByRole("checkbox", { name: "Buy milk" });
      await milk.waitFor();
      expect(await milk.isChecked()).toBe(false);
      expect(
        await note
          .getByRole("checkbox", { name: "Call the plumber" })
          .isChecked(),
      ).toBe(true);
      const markers = await note
        .getByRole("listitem")
        .evaluateAll((items) =>
          items.map((item) => [
            item.textContent?.trim(),
            getComputedStyle(item).listStyleType,
          ]),
        );
      expect(markers).toEqual([
        ["Buy milk", "none"],
        ["Call the plumber", "none"],
        ["Bring a bag", "disc"],
      ]);
    });

    it("the collapsed sidebar stays collapsed after a reload, and Tab never stops on the hidden sidebar or the resize handle", async () => {
      const { tab, app } = await signedInPerson("sidebar", DESKTOP, "light");
      await tab.getByRole("button", { name: "Collapse sidebar" }).click();
      await app.days.waitFor({ state: "hidden" });

      await app.reload();
      await app.signedInIndicator.waitFor();
      await app.dayTitle.waitFor();
      const expand = tab.getByRole("button", { name: "Expand sidebar" });
      await expand.waitFor();
      expect(await app.days.isVisible()).toBe(false);

      // Once round the page's Tab order, from the Expand button back to it.
      await expand.focus();
      const stops: TabStop[] = [];
      for (let step = 0; step < 100; step += 1) {
        await tab.keyboard.press("Tab");
        const stop = await tab.evaluate(() => {
          const focused = document.activeElement;
          if (!focused || focused === document.body) return null;
          const box = focused.getBoundingClientRect();
          return {
            name:
              focused.getAttribute("aria-label") ??
              focused.textContent?.trim().slice(0, 40) ??
              focused.tagName,
            width: Math.round(box.width),
            height: Math.round(box.height),
            inHiddenSidebar:
              focused.closest("#days-sidebar")?.checkVisibility() === false,
            isResizeHandle: focused.getAttribute("role") === "separator",
          };
        });
        if (stop?.name === "Expand sidebar") break;
        if (stop) stops.push(stop);
      }
      expect(stops.length).toBeGreaterThan(5);
      expect(
        stops.filter(
          (stop) =>
            stop.inHiddenSidebar ||
            stop.isResizeHandle ||
            stop.width <= 1 ||
            stop.height <= 1,
        ),
      ).toEqual([]);
    });

    const sizes: [string, Viewport][] = [
      ["1280x900", DESKTOP],
      ["390x844", PHONE],
    ];
    const schemes: ColorScheme[] = ["light", "dark"];
    for (const [sizeName, viewport] of sizes) {
      for (const scheme of schemes) {
        const phone = viewport === PHONE;
        it(`axe finds no violation of any impact at ${sizeName} in the ${scheme} theme: day view, markdown preview, todo and heading being edited, todo/day/account/todo-actions menus, both date pickers, delete-note and delete-day confirms, archived days, Pinned, search, settings${phone ? ", days drawer" : ", shortcuts, collapsed sidebar"}`, async () => {
          const { tab, app } = await signedInPerson("axe", viewport, scheme);
          const found: AxeReport = {};
          await app.addTodos("Write the report", "Plan the trip");
          // A heading has no checkbox: it is saved once its text is enabled.
          await app.addTodo("# Morning");
          // A heading reads as its text; its button edits it.
          const editHeading = tab
            .getByRole("heading", { name: "Morning" })
            .getByRole("button", { name: "Morning", disabled: false });
          await editHeading.waitFor();
          // A day with a todo, to archive: tomorrow.
          await app.moveToTomorrow("Plan the trip");
          await app.todo("Plan the trip").waitFor({ state: "detached" });
          await app.addNote();
          await app.writeNote("Errands", TASK_NOTE_BODY);
          await app.previewNote();
          await app
            .note("Errands")
            .getByRole("heading", { name: "Errands" })
            .waitFor();
          await checkAxe(tab, "day view with a markdown preview", found);

          await openMenu(tab, "More actions for Write the report");
          await checkAxe(tab, "todo menu", found);
          await tab.getByRole("menuitem", { name: "Move to a date…" }).click();
          const movePicker = tab.getByRole("dialog", {
            name: "Move to a date",
          });
          await movePicker.getByRole("grid").waitFor();
          await checkAxe(tab, "date picker from a todo's Move to", found);
          await tab.keyboard.press("Escape");
          await movePicker.waitFor({ state: "detached" });

          await tab
            .getByRole("button", { name: "Edit Write the report" })
            .click();
          const todoEditor = tab.getByRole("textbox", {
            name: "Edit Write the report",
          });
          await todoEditor.waitFor();
          await checkAxe(tab, "todo being edited", found);
          await todoEditor.press("Escape");
          await todoEditor.waitFor({ state: "detached" });

          await editHeading.click();
          const headingEditor = tab.getByRole("textbox", {
            name: "Edit Morning",
          });
          await headingEditor.waitFor();
          await checkAxe(tab, "heading being edited", found);
          await headingEditor.press("Escape");
          await headingEditor.waitFor({ state: "detached" });

          await app
            .note("Errands")
            .getByRole("button", { name: "Delete note" })
            .click();
          const deleteNote = tab.getByRole("alertdialog", {
            name: "Delete this note?",
          });
          await deleteNote.waitFor();
          await checkAxe(tab, "delete-note confirm", found);
          await tab.keyboard.press("Escape");
          await deleteNote.waitFor({ state: "detached" });

          await openMenu(tab, "Actions for all todos on Today");
          await checkAxe(tab, "todo actions menu", found);
          await closeMenu(tab);

          await openMenu(tab, `Account menu for ${app.email}`);
          await checkAxe(tab, "account menu", found);
          await closeMenu(tab);

          const drawer: Locator = tab.getByRole("dialog", { name: "Daybook" });
          if (phone) {
            await app.openDaysMenu();
            await checkAxe(tab, "days drawer", found);
          }
          await app.dayLink("Tomorrow").waitFor();
          await app.archiveDay("Tomorrow");
          await app.showArchivedDays();
          await app.archivedDays
            .getByRole("link", { name: /^Tomorrow\b/ })
            .waitFor();
          await checkAxe(tab, "archived days list open", found);
          await app.days
            .getByRole("button", { name: "Archived", expanded: true })
            .click();
          await app.archivedDays
            .getByRole("link")
            .first()
            .waitFor({ state: "detached" });

          await openMenu(tab, "More actions for Today");
          await checkAxe(tab, "day menu", found);
          await tab.getByRole("menuitem", { name: "Delete day" }).click();
          const deleteDay = tab.getByRole("alertdialog", {
            name: `Delete ${isolate("Today")}?`,
          });
          await deleteDay.waitFor();
          await checkAxe(tab, "delete-day confirm", found);
          await tab.keyboard.press("Escape");
          await deleteDay.waitFor({ state: "detached" });

          const picker = await openDatePicker(tab);
          await checkAxe(tab, "date picker", found);
          await tab.keyboard.press("Escape");
          await picker.waitFor({ state: "detached" });
          if (phone) {
            // The drawer closes on Escape from inside it: first wait for
            // the picker to have given focus back there (Radix does so a
            // task after it is gone).
            await expect
              .poll(() =>
                drawer.evaluate((element) =>
                  element.contains(document.activeElement),
                ),
              )
              .toBe(true);
            await tab.keyboard.press("Escape");
            await drawer.waitFor({ state: "detached" });
          }

          await app.pin("Write the report");
          await app.pinnedMark("Write the report").waitFor();
          if (phone) await app.openDaysMenu();
          await app.openPinned();
          if (phone) await drawer.waitFor({ state: "detached" });
          await tab
            .getByRole("heading", { level: 1, name: "Pinned" })
            .waitFor();
          await app.todo("Write the report").waitFor();
          await checkAxe(tab, "Pinned view", found);
          if (phone) await app.openDaysMenu();
          await app.openDay("Today");
          if (phone) await drawer.waitFor({ state: "detached" });
          await tab.getByRole("heading", { level: 1, name: "Today" }).waitFor();

          await app.openSearch();
          await app.search("report");
          await app.searchResult("Write the report").waitFor();
          await checkAxe(tab, "search", found);
          await app.closeDialog();
          await app.searchDialog.waitFor({ state: "detached" });

          await app.openSettings();
          await checkAxe(tab, "settings", found);
          await app.closeDialog();
          await app.settingsDialog.waitFor({ state: "detached" });

          if (!phone) {
            await tab
              .getByRole("button", { name: "Keyboard shortcuts" })
              .click();
            const shortcuts = tab.getByRole("dialog", {
              name: "Keyboard shortcuts",
            });
            await shortcuts.waitFor();
            await checkAxe(tab, "keyboard shortcuts", found);
            await app.closeDialog();
            await shortcuts.waitFor({ state: "detached" });

            await tab.getByRole("button", { name: "Collapse sidebar" }).click();
            await app.days.waitFor({ state: "hidden" });
            await checkAxe(tab, "collapsed sidebar", found);
          }
          expect(found).toEqual({});
        });
      }
    }
  },
);
