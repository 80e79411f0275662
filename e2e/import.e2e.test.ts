/**
 * Import, as people use it: a Daybook export restored after "delete my
 * data" comes back whole, and the reference app's Convex export brings in
 * exactly the signed-in person's rows. Each test signs in a person of its
 * own (a new email, so an empty account).
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { betterTodoExport, OWNER_EXPECTED } from "@/testing/betterTodoFixture";
import { axeViolations, type AxeFinding } from "./support/axe";
import { useBrowserTests } from "./support/browser-tests";
import { DaybookPage } from "./support/daybook-page";
import { TEST_TIMEOUT_MS } from "./support/waiting";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

type Exported = {
  days: Record<string, unknown>[];
  todos: Record<string, unknown>[];
  notes: Record<string, unknown>[];
};

type AxeReport = Record<string, AxeFinding[]>;

async function checkAccessibility(
  app: DaybookPage,
  where: string,
  found: AxeReport,
) {
  const violations = await axeViolations(app.page);
  if (violations.length > 0) found[where] = violations;
}

/** The export without what the server makes anew: ids and creation times. */
function comparable(document: Exported) {
  const strip = (rows: Record<string, unknown>[]) =>
    rows.map(({ _id, _creationTime, ...rest }) => rest);
  return {
    days: strip(document.days),
    todos: strip(document.todos),
    notes: strip(document.notes),
  };
}

describe("Import", { timeout: TEST_TIMEOUT_MS }, () => {
  const suite = useBrowserTests();

  async function signedInPerson(
    name: string,
    viewport: { width: number; height: number } = DESKTOP,
  ) {
    const email = `${name}.${randomUUID().slice(0, 8)}@example.com`;
    const context = await suite.newBrowser({ viewport, acceptDownloads: true });
    const app = await DaybookPage.open(context, email);
    await app.goto(suite.stack.origin);
    await app.signIn();
    return app;
  }

  async function exportJson(app: DaybookPage): Promise<Exported> {
    const download = await app.exportData();
    const exported = JSON.parse(
      await readFile(await download.path(), "utf8"),
    ) as Exported;
    await app.closeDialog();
    await app.settingsDialog.waitFor({ state: "detached" });
    return exported;
  }

  /** Settings → Import: choose the file, read the preview, confirm, wait. */
  async function importFile(
    app: DaybookPage,
    file: { name: string; mimeType: string; buffer: Buffer },
    axe: AxeReport | null = null,
  ) {
    if (!(await app.settingsDialog.isVisible())) await app.openSettings();
    const dialog = app.settingsDialog;
    await dialog.getByLabel("Choose a file to import").setInputFiles(file);
    await dialog.getByRole("heading", { name: "Will be imported" }).waitFor();
    if (axe) await checkAccessibility(app, "the import preview", axe);
    await dialog.getByRole("button", { name: "Import", exact: true }).click();
    await dialog.getByRole("heading", { name: "Imported" }).waitFor();
    if (axe) await checkAccessibility(app, "the import summary", axe);
    const imported = await dialog
      .getByRole("region", { name: "Imported" })
      .getByRole("listitem")
      .allTextContents();
    await app.closeDialog();
    await dialog.waitFor({ state: "detached" });
    return imported;
  }

  it("export, delete my data, import: everything is back, and the export is the same", async () => {
    const app = await signedInPerson("restorer");
    await app.addTodo("# Errands");
    await app.page.getByRole("heading", { name: "Errands" }).waitFor();
    await app.addTodos("Buy oat milk", "Call the plumber");
    await app.pin("Buy oat milk");
    await app.pinnedMark("Buy oat milk").waitFor();
    await app.complete("Call the plumber");
    await app.doneTodos
      .getByRole("checkbox", { name: "Call the plumber" })
      .waitFor();
    await app.addNote();
    await app.writeNote("Plan", "Call first, then write.");
    await app.note("Plan").waitFor();
    await app.labelDay("Today", "Launch prep");
    await app.dayLink("Launch prep").waitFor();
    await app.goToNextDay();
    await app.addTodos("Pack the bags");
    await app.archiveDay("Tomorrow");
    await app.showArchivedDays();
    await app.archivedDays.getByRole("link", { name: /^Tomorrow\b/ }).waitFor();

    const before = await exportJson(app);
    expect(before.todos).toHaveLength(4);

    await app.deleteMyData();
    await app.allDataDeletedStatus.waitFor();
    const imported = await importFile(app, {
      name: "daybook-export.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(before)),
    });
    expect(imported).toEqual([
      "4 todos and headings",
      "1 note",
      "2 day labels and archive marks",
    ]);

    await app.openDay("Launch prep");
    await app.page.getByRole("heading", { name: "Errands" }).waitFor();
    await app.pinnedMark("Buy oat milk").waitFor();
    await app.doneTodos
      .getByRole("checkbox", { name: "Call the plumber" })
      .waitFor();
    await app.note("Plan").waitFor();
    const archived = app.days.getByRole("button", { name: "Archived" });
    await archived.waitFor();
    if ((await archived.getAttribute("aria-expanded")) === "false") {
      await archived.click();
    }
    await app.archivedDays.getByRole("link", { name: /^Tomorrow\b/ }).waitFor();

    const after = await exportJson(app);
    expect(comparable(after)).toEqual(comparable(before));
  });

  it("imports the reference app's export: only the signed-in person's rows (on a phone, dark theme, no axe findings of any impact)", async () => {
    const app = await signedInPerson("switcher", PHONE);
    await app.chooseTheme("Dark");
    await app.addTodos("Already here");
    // The person's account id, as the reference app keyed their rows.
    const { todos } = await exportJson(app);
    const userId = String(todos[0]!.userId);

    const axe: AxeReport = {};
    const imported = await importFile(
      app,
      {
        name: "snapshot.zip",
        mimeType: "application/zip",
        buffer: Buffer.from(betterTodoExport(userId)),
      },
      axe,
    );
    expect(axe).toEqual({});
    expect(imported).toEqual([
      `${OWNER_EXPECTED.todos} todos and headings`,
      `${OWNER_EXPECTED.notes} notes`,
      "2 day labels and archive marks",
    ]);

    await app.openDaysMenu();
    await app.openDay("Launch day");
    await app.todo("Book the venue").waitFor();
    // Headings are not checkboxes: the open todos, in the reference app's order.
    expect(await app.openTodoTexts()).toEqual([
      "Book the venue",
      "Write the release notes",
    ]);
    await app.doneTodos
      .getByRole("checkbox", { name: "Old idea, put away" })
      .waitFor();
    await app.note("Launch plan").waitFor();
    const after = await exportJson(app);
    const text = JSON.stringify(after);
    expect(text).not.toMatch(/Grace|Alan/);
    expect(after.todos).toHaveLength(OWNER_EXPECTED.todos + 1);
  });
});
