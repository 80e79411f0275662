import type { BrowserContext, Download, Locator, Page } from "playwright-core";
import { isolate } from "@/components/ui/UserText";
import { RefreshGuard } from "./refresh-guard";
import { STEP_TIMEOUT_MS } from "./waiting";

export type Theme = "Light" | "Dark" | "System";

/**
 * Daybook as a person sees it: the one place that knows the UI's roles,
 * names and structure, so tests read as actions ("add a todo", "pin it")
 * and a UI change means one edit here. Everything is found by role and
 * accessible name.
 */
export class DaybookPage {
  private readonly refreshes: RefreshGuard;

  /** Prefer open(): without its refresh guard, leaving the page just leaves. */
  constructor(
    readonly page: Page,
    readonly email: string,
  ) {
    this.refreshes = new RefreshGuard(page);
  }

  /** A new tab in `context` (one person's browser) for the person with `email`. */
  static async open(context: BrowserContext, email: string) {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await RefreshGuard.installIn(page);
    return new DaybookPage(page, email);
  }

  /**
   * A tab without the refresh guard: reloading or closing it cuts off a
   * refresh under way, as a person's would. For the fault tests, whose
   * point is that the app survives exactly that.
   */
  static async openUnguarded(context: BrowserContext, email: string) {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    return new DaybookPage(page, email);
  }

  // ── Leaving the page (see refresh-guard.ts) ───────────────────────────

  /** Opens `url` in this tab, as typing it into the address bar would. */
  async goto(url: string) {
    await this.refreshes.leavePage(() => this.page.goto(url));
  }

  async reload() {
    await this.refreshes.leavePage(() => this.page.reload());
  }

  async closeTab() {
    await this.refreshes.leavePage(() => this.page.close());
  }

  // ── Signing in and out ────────────────────────────────────────────────

  get signInButton() {
    return this.page
      .getByRole("button", { name: "Sign in", exact: true })
      .first();
  }

  private get accountMenuButton() {
    // An email-only user's display name is the email.
    return this.page.getByRole("button", {
      name: `Account menu for ${this.email}`,
    });
  }

  /** Visible exactly while the app shows this user as signed in. */
  get signedInIndicator() {
    return this.accountMenuButton;
  }

  /** The status shown while the sign-in service cannot be reached. */
  get signInRetryingStatus() {
    return this.page
      .getByRole("status")
      .filter({ hasText: "Can't reach sign-in — retrying" });
  }

  /** Shown when the session has truly ended (with a "Sign in again" button). */
  get sessionEndedNotice() {
    return this.page.getByRole("heading", { name: "Your session ended" });
  }

  /** The count of changes kept locally and not yet confirmed by the server. */
  get unsentChangesStatus() {
    return this.page
      .getByRole("status")
      .filter({ hasText: /\d+ changes? not sent yet/ });
  }

  /** Sign in on the WorkOS emulator's page by typing the email. */
  async signIn() {
    await this.signInButton.click();
    await this.page.getByRole("textbox", { name: "Email" }).fill(this.email);
    await this.page.getByRole("button", { name: "Continue" }).click();
    await this.signedInIndicator.waitFor();
  }

  /**
   * Through the refresh guard too: a refresh that reached the server after
   * the sign-out had ended the session would fail (a 400 in the console).
   */
  async signOut() {
    await this.accountMenuButton.click();
    const signOut = this.page.getByRole("menuitem", { name: "Sign out" });
    await this.refreshes.leavePage(() => signOut.click());
  }

  // ── The day on screen ─────────────────────────────────────────────────

  get dayTitle() {
    return this.page.getByRole("heading", { level: 1 });
  }

  async goToNextDay() {
    await this.page.getByRole("button", { name: "Next day" }).click();
  }

  async goToPreviousDay() {
    await this.page.getByRole("button", { name: "Previous day" }).click();
  }

  get emptyDayMessage() {
    return this.page.getByText("Nothing planned for this day");
  }

  // ── Todos ─────────────────────────────────────────────────────────────

  get addTodoField() {
    return this.page.getByRole("textbox", { name: "Add a todo" });
  }

  /** A todo is a checkbox named by its text. */
  todo(text: string) {
    return this.page.getByRole("checkbox", { name: text, exact: true });
  }

  get openTodos() {
    return this.page.getByRole("list", { name: "Open todos" });
  }

  get doneTodos() {
    return this.page.getByRole("list", { name: "Done todos" });
  }

  /**
   * Types a todo and presses Enter. If the add field never shows, the error
   * says what the page showed instead (a dialog, the landing page, a
   * loading status), so a failure on CI can be read without a re-run.
   */
  async addTodo(text: string) {
    try {
      await this.addTodoField.fill(text);
    } catch (error) {
      throw new Error(
        `No "Add a todo" field to type into; the page shows: ${await this.whatItShows()}`,
        { cause: error },
      );
    }
    await this.addTodoField.press("Enter");
  }

  /** What the page shows now, in brief: its address, dialogs and text. */
  async whatItShows(): Promise<string> {
    try {
      const dialogs = await this.page
        .locator('[role="dialog"], [role="alertdialog"]')
        .allInnerTexts();
      const body = await this.page.innerText("body", { timeout: 5_000 });
      const brief = (value: string) =>
        value.replace(/\s+/g, " ").trim().slice(0, 400);
      return JSON.stringify({
        url: this.page.url(),
        dialogs: dialogs.map(brief),
        text: brief(body),
      });
    } catch (error) {
      return `(unreadable: ${String(error)})`;
    }
  }

  /**
   * A todo the server has confirmed: until then it shows at once but
   * pending, disabled and not yet draggable.
   */
  savedTodo(text: string) {
    return this.page.getByRole("checkbox", {
      name: text,
      exact: true,
      disabled: false,
    });
  }

  /**
   * Pastes `lines` into the add field, as a person pasting a list would:
   * one todo per line, in one request.
   */
  async pasteTodos(lines: string[]) {
    await this.addTodoField.focus();
    await this.addTodoField.evaluate((field, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      field.dispatchEvent(
        new ClipboardEvent("paste", {
          clipboardData: data,
          bubbles: true,
          cancelable: true,
        }),
      );
    }, lines.join("\n"));
  }

  /** How many todos on screen have exactly this text. */
  async todoCount(text: string) {
    return this.todo(text).count();
  }

  /** Adds each todo in turn, waiting until the server has saved each. */
  async addTodos(...texts: string[]) {
    for (const text of texts) {
      await this.addTodo(text);
      await this.savedTodo(text).waitFor();
    }
  }

  /** Clicks the todo's text, replaces it and presses Enter. */
  async editTodo(text: string, newText: string) {
    await this.page.getByRole("button", { name: `Edit ${text}` }).click();
    const editor = this.page.getByRole("textbox", { name: `Edit ${text}` });
    await editor.fill(newText);
    await editor.press("Enter");
  }

  async complete(text: string) {
    await this.todo(text).check();
  }

  async reopen(text: string) {
    await this.todo(text).uncheck();
  }

  /** The open todos' texts, top to bottom, as the checkboxes name them. */
  async openTodoTexts(): Promise<string[]> {
    const names = await this.openTodos
      .getByRole("checkbox")
      // Each checkbox is named by its todo's text.
      .evaluateAll((boxes) =>
        boxes.map((box) => box.getAttribute("aria-label") ?? ""),
      );
    return names;
  }

  private async chooseFromMenu(menuButtonName: string, item: string) {
    await this.page.getByRole("button", { name: menuButtonName }).click();
    await this.page.getByRole("menuitem", { name: item, exact: true }).click();
  }

  private todoMenu(text: string, item: string) {
    return this.chooseFromMenu(`More actions for ${text}`, item);
  }

  async pin(text: string) {
    await this.todoMenu(text, "Pin");
  }

  /** The list item of a todo shows "Pinned" (to assistive tech, an icon to sight). */
  pinnedMark(text: string) {
    return this.page
      .getByRole("listitem")
      .filter({ has: this.todo(text) })
      .getByText("Pinned");
  }

  async moveToTomorrow(text: string) {
    await this.todoMenu(text, "Move to tomorrow");
  }

  /**
   * Keyboard drag and drop (dnd-kit): focus the handle, Space to lift, an
   * arrow per place (negative: up), Space to drop. Each step waits for the
   * screen-reader announcement of the new position, which is also what
   * tells a blind user it worked.
   */
  async reorderByKeyboard(text: string, places: number) {
    const live = this.page.getByRole("status");
    const announcement = (words: string) =>
      live.filter({ hasText: words }).waitFor({ state: "attached" });
    const moved = new RegExp(
      `${escapeRegExp(text)} moved to position (\\d+) of`,
    );

    // A todo still pending has no working drag handle yet.
    await this.savedTodo(text).waitFor();
    await this.page.getByRole("button", { name: `Reorder ${text}` }).focus();
    await this.page.keyboard.press("Space");
    await live.filter({ hasText: moved }).waitFor({ state: "attached" });
    const lifted = (await live.filter({ hasText: moved }).textContent()) ?? "";
    let position = Number(moved.exec(lifted)?.[1]);
    // dnd-kit's keyboard sensor listens for the arrows from the task after
    // the lift (a zero-delay timer, so that the lifting key is not taken
    // for the drop). A timer of the page's own set now runs after it: then
    // the sensor listens. Pressed sooner, on a busy machine, an arrow went
    // to the handle instead and the move never came.
    await this.page.evaluate(
      () => new Promise((resolve) => window.setTimeout(resolve, 0)),
    );

    const step = places < 0 ? -1 : 1;
    for (let done = 0; done < Math.abs(places); done += 1) {
      await this.page.keyboard.press(step < 0 ? "ArrowUp" : "ArrowDown");
      position += step;
      await announcement(`${text} moved to position ${position} of`);
    }
    await this.page.keyboard.press("Space");
    await announcement(`${text} dropped at position ${position} of`);
  }

  // ── The days sidebar ──────────────────────────────────────────────────

  get days() {
    return this.page.getByRole("navigation", { name: "Days" });
  }

  /** A day in the sidebar, by the name it shows (label, Today, or date). */
  dayLink(name: string) {
    return this.days.getByRole("link", {
      name: new RegExp(`^${escapeRegExp(name)}\\b`),
    });
  }

  /** On a narrow screen the days sidebar is an overlay behind a menu button. */
  async openDaysMenu() {
    await this.page.getByRole("button", { name: "Open days menu" }).click();
    await this.days.waitFor();
  }

  async openPinned() {
    await this.days.getByRole("link", { name: "Pinned" }).click();
  }

  async openDay(name: string) {
    await this.dayLink(name).click();
  }

  private dayMenu(dayName: string, item: string) {
    return this.chooseFromMenu(`More actions for ${dayName}`, item);
  }

  /** Copies the day's open todos to tomorrow (the day's sidebar menu). */
  async copyOpenTodosToTomorrow(dayName: string) {
    await this.dayMenu(dayName, "Tomorrow");
  }

  async labelDay(dayName: string, label: string) {
    await this.dayMenu(dayName, "Rename");
    const field = this.days.getByRole("textbox", { name: /^Label for / });
    await field.fill(label);
    await field.press("Enter");
  }

  async archiveDay(dayName: string) {
    await this.dayMenu(dayName, "Archive");
  }

  async unarchiveDay(dayName: string) {
    await this.dayMenu(dayName, "Unarchive");
  }

  get archivedDays() {
    return this.days.getByRole("region", { name: "Archived days" });
  }

  async showArchivedDays() {
    await this.days
      .getByRole("button", { name: "Archived", expanded: false })
      .click();
  }

  async deleteDay(dayName: string) {
    await this.dayMenu(dayName, "Delete day");
    await this.page
      // The day's name is user text, isolated in the dialog's title.
      .getByRole("alertdialog", { name: `Delete ${isolate(dayName)}?` })
      .getByRole("button", { name: "Delete day" })
      .click();
  }

  // ── Notes (title, body, Edit / Preview) ───────────────────────────────

  get notes() {
    return this.page.getByRole("region", { name: "Notes" });
  }

  async addNote() {
    await this.notes.getByRole("button", { name: "Add note" }).click();
  }

  /** A note, by its title. */
  note(title: string) {
    return this.notes.getByRole("article", { name: title, exact: true });
  }

  /** The body field of the note titled `title`. */
  noteBodyOf(title: string) {
    return this.note(title).getByRole("textbox", { name: "Note body" });
  }

  /** The newest note's title field. */
  get noteTitle() {
    return this.notes.getByRole("textbox", { name: /title/i }).last();
  }

  /** The newest note's markdown field. */
  get noteBody() {
    return this.notes
      .getByRole("textbox", { name: /body|content|markdown|text/i })
      .last();
  }

  private noteTab(name: "Edit" | "Preview") {
    // The spec names the control, not its role: a tab or a toggle button.
    return this.notes
      .getByRole("tab", { name, exact: true })
      .or(this.notes.getByRole("button", { name, exact: true }))
      .last();
  }

  async writeNote(title: string, body: string) {
    await this.noteTitle.fill(title);
    await this.noteBody.fill(body);
  }

  async previewNote() {
    await this.noteTab("Preview").click();
  }

  async editNote() {
    await this.noteTab("Edit").click();
  }

  // ── Search ────────────────────────────────────────────────────────────

  get searchDialog() {
    return this.page.getByRole("dialog", { name: "Search" });
  }

  async openSearch() {
    await this.page.getByRole("button", { name: "Search" }).click();
    await this.searchDialog.waitFor();
  }

  private get searchField() {
    const dialog = this.searchDialog;
    return dialog
      .getByRole("combobox")
      .or(dialog.getByRole("searchbox"))
      .or(dialog.getByRole("textbox"))
      .first();
  }

  async search(query: string) {
    await this.searchField.fill(query);
  }

  /** A result showing `text` (an option of the result list, or a link). */
  searchResult(text: string) {
    const dialog = this.searchDialog;
    return dialog
      .getByRole("option")
      .or(dialog.getByRole("link"))
      .filter({ hasText: text })
      .first();
  }

  async openSearchResult(text: string) {
    await this.searchResult(text).click();
  }

  // ── Settings ──────────────────────────────────────────────────────────

  get settingsDialog() {
    return this.page.getByRole("dialog", { name: "Settings" });
  }

  async openSettings() {
    await this.page.getByRole("button", { name: "Settings" }).click();
    await this.settingsDialog.waitFor();
  }

  async closeDialog() {
    await this.page.keyboard.press("Escape");
  }

  /** Picks a theme in Settings and closes it again. */
  async chooseTheme(theme: Theme) {
    await this.openSettings();
    await this.settingsDialog.getByRole("radio", { name: theme }).check();
    await this.closeDialog();
    await this.settingsDialog.waitFor({ state: "detached" });
  }

  /** Settings → Delete my data, typing DELETE to confirm. */
  async deleteMyData() {
    await this.openSettings();
    await this.settingsDialog
      .getByRole("button", { name: "Delete my data" })
      .click();
    await this.settingsDialog
      .getByRole("textbox", { name: "Type DELETE to confirm" })
      .fill("DELETE");
    await this.settingsDialog
      .getByRole("button", { name: "Delete everything" })
      .click();
  }

  /** What Settings says once "Delete my data" has finished. */
  get allDataDeletedStatus() {
    return this.page
      .getByRole("status")
      .filter({ hasText: "All your data has been deleted." });
  }

  /** Settings → export my data; resolves with the browser's download. */
  async exportData(): Promise<Download> {
    await this.openSettings();
    const download = this.page.waitForEvent("download");
    try {
      await this.settingsDialog
        .getByRole("button", { name: "Export my data" })
        .click();
    } catch (error) {
      download.catch(() => undefined); // the click's error is the one to report
      throw error;
    }
    return download;
  }

  /** Anything on screen with this text (for "is it gone?"). */
  textOnScreen(text: string): Locator {
    return this.page.getByText(text, { exact: false });
  }
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
