import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, expect, test, vi } from "vitest";
import { betterTodoExport } from "@/testing/betterTodoFixture";
import { catchDownloads } from "@/testing/downloads";
import { renderApp } from "@/testing/renderApp";
import { addTodos, notesOf, todosOf } from "@/testing/seed";

afterEach(() => {
  vi.restoreAllMocks();
});

async function openSettings(
  user: Awaited<ReturnType<typeof renderApp>>["user"],
) {
  await screen.findByRole("heading", { level: 1 });
  await user.click(screen.getByRole("button", { name: "Settings" }));
  return await screen.findByRole("dialog", { name: "Settings" });
}

const listItems = (list: HTMLElement) =>
  within(list)
    .getAllByRole("listitem")
    .map((item) => item.textContent);

/** The list under the heading named `name`. */
function listUnder(dialog: HTMLElement, name: string) {
  const heading = within(dialog).getByRole("heading", { name });
  return within(heading.closest("section")!).getByRole("list");
}

const DAY = "2025-03-10";
const markdown = [
  `# ${DAY} Work day`,
  "- [ ] Buy milk",
  "- [x] Send invoice",
  "## Errands",
  "- [ ] Buy milk",
  "",
  "~~~note Plan",
  "Remember the receipts",
  "~~~",
  "",
  "# 2025-02-30",
  "- [ ] Phantom",
  "",
].join("\n");

test("Import shows a preview, imports on confirmation with progress, then a summary; the same file again adds nothing", async () => {
  const { user, backend } = await renderApp();
  const dialog = await openSettings(user);
  const input = within(dialog).getByLabelText("Choose a file to import");
  await user.upload(input, new File([markdown], "daybook.md"));

  const preview = await within(dialog).findByRole("heading", {
    name: "Will be imported",
  });
  // Focus follows the file input, which the preview replaced.
  await waitFor(() => expect(document.activeElement).toContainElement(preview));
  expect(listItems(listUnder(dialog, "Will be imported"))).toEqual([
    "1 day",
    "3 todos (1 done)",
    "1 heading",
    "1 note",
    "1 day label",
    "0 archived days",
  ]);
  expect(listItems(listUnder(dialog, "Will be skipped"))).toEqual([
    "todos (1): The day must be a calendar date written YYYY-MM-DD, e.g. 2025-01-31.",
  ]);
  expect(await todosOf(backend, DAY)).toEqual([]);

  // Hold the first batch to see the progress while it is on its way.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  backend.gate = (name) =>
    name === "imports:importTodos" ? held : Promise.resolve();
  await user.click(within(dialog).getByRole("button", { name: "Import" }));
  const progress = await within(dialog).findByRole("progressbar", {
    name: "Importing",
  });
  expect(progress).toHaveAttribute("aria-valuenow", "0");
  expect(progress).toHaveAttribute("aria-valuemax", "6");
  backend.gate = null;
  release();
  await within(dialog).findByRole("heading", { name: "Imported" });
  expect(
    within(dialog)
      .getAllByRole("status")
      .map((status) => status.textContent),
  ).toContain("Import finished.");
  expect(listItems(listUnder(dialog, "Imported"))).toEqual([
    "4 todos and headings",
    "1 note",
    "1 day label or archive mark",
  ]);
  expect(
    (await todosOf(backend, DAY)).map((row) => [row.kind, row.text, row.done]),
  ).toEqual([
    ["todo", "Buy milk", false],
    ["todo", "Send invoice", true],
    ["h1", "Errands", false],
    ["todo", "Buy milk", false],
  ]);
  expect((await notesOf(backend, DAY)).map((row) => row.title)).toEqual([
    "Plan",
  ]);

  await user.click(
    within(dialog).getByRole("button", { name: "Import another file" }),
  );
  await user.upload(
    within(dialog).getByLabelText("Choose a file to import"),
    new File([markdown], "daybook.md"),
  );
  await user.click(
    await within(dialog).findByRole("button", { name: "Import" }),
  );
  await within(dialog).findByRole("heading", { name: "Imported" });
  expect(listItems(listUnder(dialog, "Imported"))).toEqual([
    "0 todos and headings",
    "0 notes",
    "0 day labels and archive marks",
  ]);
  expect(listItems(listUnder(dialog, "Skipped"))).toEqual(
    expect.arrayContaining([
      "4 todos and headings: already in Daybook (the same day and content)",
      "1 note: already in Daybook (the same day and content)",
      "1 day label or archive mark: already in Daybook (the same day and content)",
    ]),
  );
  expect(await todosOf(backend, DAY)).toHaveLength(4);
});

test("Cancel after the preview imports nothing and puts focus back on the file input", async () => {
  const { user, backend } = await renderApp();
  const dialog = await openSettings(user);
  await user.upload(
    within(dialog).getByLabelText("Choose a file to import"),
    new File([markdown], "daybook.md"),
  );
  await user.click(
    await within(dialog).findByRole("button", { name: "Cancel" }),
  );
  // Back to the file input, with focus on it.
  await waitFor(() =>
    expect(
      within(dialog).getByLabelText("Choose a file to import"),
    ).toHaveFocus(),
  );
  expect(backend.mutations.some((m) => m.name.startsWith("imports:"))).toBe(
    false,
  );
});

test("a reference-app export without the signed-in person's rows says so and offers nothing to import", async () => {
  const { user, backend } = await renderApp();
  const dialog = await openSettings(user);
  await user.upload(
    within(dialog).getByLabelText("Choose a file to import"),
    new File([betterTodoExport() as BlobPart], "snapshot.zip"),
  );
  expect(
    await within(dialog).findByText(
      /Nothing in this file belongs to the account you are signed in with/,
    ),
  ).toBeInTheDocument();
  expect(within(dialog).getByRole("button", { name: "Import" })).toBeDisabled();
  expect(backend.mutations.some((m) => m.name.startsWith("imports:"))).toBe(
    false,
  );
});

test("a file that is not an import is named as such", async () => {
  const { user } = await renderApp();
  const dialog = await openSettings(user);
  await user.upload(
    within(dialog).getByLabelText("Choose a file to import"),
    new File(["just words"], "words.md"),
  );
  expect(await within(dialog).findByRole("alert")).toHaveTextContent(
    /not one Daybook can import/,
  );
});

test("Export as Markdown downloads the days as Markdown that Import reads", async () => {
  const { blobs, clicks } = catchDownloads();
  const { user } = await renderApp({
    seed: (b) => addTodos(b, ["Buy milk", "# Work"], DAY),
  });
  const dialog = await openSettings(user);
  await user.click(
    within(dialog).getByRole("button", { name: "Export as Markdown" }),
  );
  await within(dialog).findByText(/Downloaded daybook-export-.*\.md/);
  expect(clicks[0]!.download).toMatch(/^daybook-export-\d{4}-\d{2}-\d{2}\.md$/);
  expect(blobs[0]!.type).toBe("text/markdown");
  const text = await new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blobs[0]!);
  });
  expect(text).toBe(`# ${DAY}\n- [ ] Buy milk\n## Work\n`);
});

test("a Daybook export with repeating todos lists them in the preview and the summary, and imports them linked", async () => {
  const { user, backend } = await renderApp();
  const dialog = await openSettings(user);
  const exported = {
    exportedAt: "2099-01-01T00:00:00.000Z",
    profile: null,
    days: [],
    notes: [],
    series: [
      {
        _id: "file_series",
        _creationTime: 1,
        text: "Water the plants",
        rule: { freq: "daily", interval: 2, end: { kind: "never" } },
        startDay: DAY,
        active: false,
        madeDays: [DAY],
      },
    ],
    todos: [
      {
        _id: "file_todo",
        _creationTime: 1,
        day: DAY,
        text: "Water the plants",
        kind: "todo",
        done: false,
        pinned: false,
        order: "a0",
        seriesId: "file_series",
      },
    ],
  };
  await user.upload(
    within(dialog).getByLabelText("Choose a file to import"),
    new File([JSON.stringify(exported)], "daybook.json"),
  );
  await within(dialog).findByRole("heading", { name: "Will be imported" });
  expect(listItems(listUnder(dialog, "Will be imported"))).toContain(
    "1 repeating todo",
  );
  await user.click(within(dialog).getByRole("button", { name: "Import" }));
  await within(dialog).findByRole("heading", { name: "Imported" });
  expect(listItems(listUnder(dialog, "Imported"))).toEqual([
    "1 repeating todo",
    "1 todo or heading",
    "0 notes",
    "0 day labels and archive marks",
  ]);
  const [todo] = await todosOf(backend, DAY);
  expect(todo).toMatchObject({ text: "Water the plants" });
  expect(todo!.seriesId).toEqual(expect.any(String));
});
