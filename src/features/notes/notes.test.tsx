import { act, screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { api } from "@convex/_generated/api";
import { shiftDay, todayString } from "@/lib/dates";
import { isolate } from "@/components/ui/UserText";
import { holdMutations } from "@/testing/fakeConvex";
import { renderApp } from "@/testing/renderApp";
import { addNotes, notesOf } from "@/testing/seed";

const note = (name: string | RegExp) => screen.findByRole("article", { name });

test("Add note: the new note's title has focus; typing autosaves after a pause, with Saving… then Saved", async () => {
  const { user, backend } = await renderApp();
  // The first test also waits for the notes chunk to compile.
  expect(await screen.findByText("No notes yet")).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Add note" }));
  const title = await screen.findByRole("textbox", { name: "Note title" });
  await waitFor(() => expect(title).toHaveFocus());

  await user.keyboard("Groceries");
  const card = await note("Groceries");
  expect(within(card).getByRole("status")).toHaveTextContent("Saving…");
  // Debounced: nothing sent while typing.
  expect(backend.mutations.filter((m) => m.name === "notes:update")).toEqual(
    [],
  );
  await waitFor(() =>
    expect(within(card).getByRole("status")).toHaveTextContent("Saved"),
  );
  const updates = backend.mutations.filter((m) => m.name === "notes:update");
  expect(updates).toHaveLength(1);
  expect(updates[0]!.args).toMatchObject({ title: "Groceries" });

  // Enter saves the title and moves to the body.
  await user.keyboard("{Enter}");
  const body = within(card).getByRole("textbox", { name: "Note body" });
  expect(body).toHaveFocus();
  await user.keyboard("- eggs{Enter}- milk");
  await waitFor(async () =>
    expect((await notesOf(backend))[0]).toMatchObject({
      title: "Groceries",
      body: "- eggs\n- milk",
    }),
  );
  // Confirmed through the outbox, a moment after the server has it.
  await waitFor(() =>
    expect(within(card).getByRole("status")).toHaveTextContent("Saved"),
  );
});

test("no keystroke is lost: typing and at once leaving the day saves the text", async () => {
  const other = shiftDay(todayString(), -3);
  const { user, backend, location } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Plan" }]),
  });
  const card = await note("Plan");
  await user.type(
    within(card).getByRole("textbox", { name: "Note body" }),
    "last words",
  );
  expect(backend.mutations.some((m) => m.name === "notes:update")).toBe(false);
  // Leave at once (e.g. the browser's Back), focus still in the field.
  act(() => location.navigate(`/day/${other}`));
  expect(backend.mutations.filter((m) => m.name === "notes:update")).toEqual([
    {
      name: "notes:update",
      args: expect.objectContaining({ body: "last words" }),
    },
  ]);
  await waitFor(async () =>
    expect((await notesOf(backend))[0]!.body).toBe("last words"),
  );
});

test("the server's echo never overwrites what is being typed", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Echo" }]),
  });
  const card = await note("Echo");
  const body = within(card).getByRole("textbox", { name: "Note body" });
  await user.type(body, "first");
  // The first save goes out; keep typing while it is on its way.
  const held = holdMutations(backend);
  await waitFor(() => expect(held.pending).toBe(1));
  await user.type(body, " second");
  await act(async () => held.release());
  expect(body).toHaveValue("first second");
  await waitFor(async () =>
    expect((await notesOf(backend))[0]!.body).toBe("first second"),
  );
  expect(body).toHaveValue("first second");
  await waitFor(() =>
    expect(within(card).getByRole("status")).toHaveTextContent("Saved"),
  );
});

test("a note edit shows before the server has it, even after leaving the day and coming back (optimistic)", async () => {
  const other = shiftDay(todayString(), -1);
  const { user, backend, location } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Draft", body: "old" }]),
  });
  const card = await note("Draft");
  const held = holdMutations(backend);
  const body = within(card).getByRole("textbox", { name: "Note body" });
  await user.clear(body);
  await user.type(body, "new text");
  await user.tab();
  await waitFor(() => expect(held.pending).toBe(1));
  act(() => location.navigate(`/day/${other}`));
  await screen.findByText("No notes yet");
  act(() => location.navigate("/"));
  const again = await note("Draft");
  expect(within(again).getByRole("textbox", { name: "Note body" })).toHaveValue(
    "new text",
  );
  expect((await notesOf(backend))[0]!.body).toBe("old");
  await act(async () => held.release());
  await waitFor(async () =>
    expect((await notesOf(backend))[0]!.body).toBe("new text"),
  );
});

test("collapse hides the body (remembered); expand shows it again", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Fold", body: "inside" }]),
  });
  const card = await note("Fold");
  const button = within(card).getByRole("button", { name: "Collapse note" });
  expect(button).toHaveAttribute("aria-expanded", "true");
  await user.click(button);
  expect(
    within(card).queryByRole("textbox", { name: "Note body" }),
  ).not.toBeInTheDocument();
  const expand = within(card).getByRole("button", { name: "Expand note" });
  expect(expand).toHaveAttribute("aria-expanded", "false");
  await waitFor(async () =>
    expect((await notesOf(backend))[0]!.collapsed).toBe(true),
  );
  await user.click(expand);
  expect(within(card).getByRole("textbox", { name: "Note body" })).toHaveValue(
    "inside",
  );
  await waitFor(async () =>
    expect((await notesOf(backend))[0]!.collapsed).toBe(false),
  );
});

test("Copy note puts the title and body on the clipboard and says Copied", async () => {
  const { user } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Recipe", body: "flour\nwater" }]),
  });
  const card = await note("Recipe");
  await user.click(within(card).getByRole("button", { name: "Copy note" }));
  expect(await screen.findByText("Copied")).toBeInTheDocument();
  expect(await navigator.clipboard.readText()).toBe("Recipe\n\nflour\nwater");
});

test("delete asks first; Undo puts the note back between its neighbours, with unsaved edits", async () => {
  const { user, backend } = await renderApp({
    seed: (b) =>
      addNotes(b, [{ title: "One" }, { title: "Two" }, { title: "Three" }]),
  });
  const card = await note("Two");
  await user.type(
    within(card).getByRole("textbox", { name: "Note body" }),
    "typed just now",
  );
  await user.click(within(card).getByRole("button", { name: "Delete note" }));
  const dialog = await screen.findByRole("alertdialog", {
    name: "Delete this note?",
  });
  // The title is bidi-isolated in the sentence, as in the toast.
  expect(dialog).toHaveTextContent(`“${isolate("Two")}” will be deleted.`);
  await user.click(within(dialog).getByRole("button", { name: "Delete" }));
  await waitFor(() =>
    expect(
      screen.queryByRole("article", { name: "Two" }),
    ).not.toBeInTheDocument(),
  );
  const toast = (
    await screen.findByText(`Deleted “${isolate("Two")}”`)
  ).closest("li")!;
  await user.click(within(toast).getByRole("button", { name: "Undo" }));
  await waitFor(async () =>
    expect((await notesOf(backend)).map((n) => [n.title, n.body])).toEqual([
      ["One", ""],
      ["Two", "typed just now"],
      ["Three", ""],
    ]),
  );
  expect(await note("Two")).toBeInTheDocument();
});

test("keyboard reorder: Space lifts a note by its handle, arrows move it, Space drops", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "A" }, { title: "B" }, { title: "C" }]),
  });
  await note("C");
  const list = screen.getByRole("list", { name: "Notes" });
  const rows = () => [...list.querySelectorAll(":scope > li")];
  // jsdom has no layout: give each note a place, 100px apart.
  for (const row of rows()) {
    row.getBoundingClientRect = () => {
      const top = rows().indexOf(row) * 100;
      return DOMRect.fromRect({ x: 0, y: top, width: 600, height: 100 });
    };
  }
  const handle = screen.getByRole("button", { name: "Reorder C" });
  handle.focus();
  await user.keyboard(" ");
  await user.keyboard("{ArrowUp}");
  await user.keyboard(" ");
  await waitFor(async () =>
    expect((await notesOf(backend)).map((n) => n.title)).toEqual([
      "A",
      "C",
      "B",
    ]),
  );
  expect(
    screen
      .getAllByRole("textbox", { name: "Note title" })
      .map((t) => (t as HTMLInputElement).value),
  ).toEqual(["A", "C", "B"]);
});

test("Preview renders markdown, and scripts, event handlers and javascript: links never make it into the page", async () => {
  const body = [
    "# Big idea",
    "Some **bold** text, a [site](https://example.com), an [evil link](javascript:alert(1)) and [mail](mailto:a@example.com).",
    "",
    "<script>window.__xss = 1</script>",
    "",
    '<img src="x" onerror="window.__xss = 2">',
    "",
    "![tracker](http://insecure.example/a.png) ![logo](https://example.com/logo.png)",
    "",
    "- [x] done item",
    "",
    "| a | b |",
    "| - | - |",
    "| 1 | 2 |",
  ].join("\n");
  const { user } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Rich", body }]),
  });
  const card = await note("Rich");
  const edit = within(card).getByRole("tab", { name: "Edit" });
  expect(edit).toHaveAttribute("aria-selected", "true");
  await user.click(within(card).getByRole("tab", { name: "Preview" }));
  const panel = within(card).getByRole("tabpanel");
  expect(
    await within(panel).findByRole("heading", { name: "Big idea" }),
  ).toBeInTheDocument();
  expect(within(panel).getByText("bold").tagName).toBe("STRONG");
  const site = within(panel).getByRole("link", { name: "site" });
  expect(site).toHaveAttribute("href", "https://example.com");
  expect(site).toHaveAttribute("target", "_blank");
  expect(site).toHaveAttribute("rel", "noopener noreferrer");
  expect(within(panel).getByRole("link", { name: "mail" })).toHaveAttribute(
    "href",
    "mailto:a@example.com",
  );
  expect(
    within(panel).queryByRole("link", { name: "evil link" }),
  ).not.toBeInTheDocument();
  expect(within(panel).getByText("evil link")).toBeInTheDocument();
  expect(within(panel).getByRole("checkbox")).toBeChecked();
  expect(within(panel).getByRole("table")).toBeInTheDocument();
  // Raw HTML stays text; only the https image may be shown (on a click).
  const preview = within(panel).getByRole("heading").parentElement!;
  expect(preview.textContent).toContain("<script>window.__xss = 1</script>");
  expect(panel.querySelector("script")).toBeNull();
  expect(document.querySelector("[onerror]")).toBeNull();
  expect(document.querySelector('[href^="javascript:" i]')).toBeNull();
  expect(panel.querySelectorAll("img")).toHaveLength(0);
  expect(
    within(panel).getAllByRole("button", { name: /^Show image from/ }),
  ).toHaveLength(1);
  expect((window as { __xss?: number }).__xss).toBeUndefined();

  // Arrow keys move between the tabs.
  await user.keyboard("{ArrowLeft}");
  expect(edit).toHaveFocus();
  expect(
    within(card).getByRole("textbox", { name: "Note body" }),
  ).toBeVisible();
});

test("pending edits are sent at once when the field loses focus or the page is hidden", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Flush" }]),
  });
  const card = await note("Flush");
  const body = within(card).getByRole("textbox", { name: "Note body" });
  const updates = () =>
    backend.mutations.filter((m) => m.name === "notes:update");

  await user.type(body, "one");
  expect(updates()).toHaveLength(0);
  await user.tab();
  expect(updates()).toHaveLength(1);
  expect(updates()[0]!.args).toMatchObject({ body: "one" });

  await user.type(body, " two");
  expect(updates()).toHaveLength(1);
  act(() => {
    window.dispatchEvent(new Event("pagehide"));
  });
  expect(updates()).toHaveLength(2);
  expect(updates()[1]!.args).toMatchObject({ body: "one two" });

  await user.type(body, " three");
  Object.defineProperty(document, "visibilityState", {
    configurable: true,
    get: () => "hidden",
  });
  act(() => {
    document.dispatchEvent(new Event("visibilitychange"));
  });
  delete (document as { visibilityState?: unknown }).visibilityState;
  expect(updates()).toHaveLength(3);
  await waitFor(async () =>
    expect((await notesOf(backend))[0]!.body).toBe("one two three"),
  );
});

test("a note saved elsewhere meanwhile merges with what is typed: different lines combine silently", async () => {
  const { user, backend } = await renderApp({
    seed: (b) =>
      addNotes(b, [{ title: "Trip", body: "pack\nbook hotel\ncall mum" }]),
  });
  const card = await note("Trip");
  const id = (await notesOf(backend))[0]!._id;
  // Another tab saves first (this page has not heard of it yet).
  await backend.asUser.mutation(api.notes.update, {
    id,
    baseVersion: 0,
    body: "pack passport\nbook hotel\ncall mum",
  });
  const body = within(card).getByRole("textbox", { name: "Note body" });
  await user.type(body, " on Sunday");
  await waitFor(async () =>
    expect((await notesOf(backend))[0]).toMatchObject({
      body: "pack passport\nbook hotel\ncall mum on Sunday",
      version: 2,
    }),
  );
  await waitFor(() =>
    expect(body).toHaveValue("pack passport\nbook hotel\ncall mum on Sunday"),
  );
  expect(within(card).getByRole("status")).toHaveTextContent("Saved");
  expect(
    screen.queryByText(/Your note and another edit changed the same lines/),
  ).not.toBeInTheDocument();
});

test("a note where both edits changed the same line keeps both versions and says so", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Shop", body: "buy milk" }]),
  });
  const card = await note("Shop");
  const id = (await notesOf(backend))[0]!._id;
  await backend.asUser.mutation(api.notes.update, {
    id,
    baseVersion: 0,
    body: "buy milk, bread",
  });
  const body = within(card).getByRole("textbox", { name: "Note body" });
  await user.type(body, " and eggs");
  expect(
    await screen.findByText(
      /^Your note and another edit changed the same lines/,
    ),
  ).toBeInTheDocument();
  await waitFor(async () =>
    expect((await notesOf(backend))[0]!.body).toBe(
      "buy milk, bread\nbuy milk and eggs",
    ),
  );
  expect(body).toHaveValue("buy milk, bread\nbuy milk and eggs");
});

test("a body over 100,000 characters is kept whole, not saved, and the editor says why", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Long" }]),
  });
  const card = await note("Long");
  const body = within(card).getByRole("textbox", { name: "Note body" });
  const text = "x".repeat(100_001);
  await user.click(body);
  await user.paste(text);
  expect(body).toHaveValue(text);
  expect(await within(card).findByRole("alert")).toHaveTextContent(
    "100,000 characters",
  );
  expect(body).toHaveAttribute("aria-invalid", "true");
  await user.tab();
  await waitFor(() =>
    expect(within(card).getByRole("status")).toHaveTextContent("Not saved"),
  );
  expect(backend.mutations.some((m) => m.name === "notes:update")).toBe(false);

  // Shortened under the limit, it saves.
  await user.click(body);
  await user.keyboard("{Backspace}");
  await waitFor(async () =>
    expect((await notesOf(backend))[0]!.body).toHaveLength(100_000),
  );
  expect(within(card).queryByRole("alert")).not.toBeInTheDocument();
});

test("a newer version arriving while a save is on its way is merged into the editor at once, and nothing typed is lost", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Log", body: "monday\ntuesday" }]),
  });
  const card = await note("Log");
  const id = (await notesOf(backend))[0]!._id;
  const body = within(card).getByRole("textbox", { name: "Note body" });
  await waitFor(() =>
    expect(backend.mutations.map((m) => m.name)).toContain("users:syncProfile"),
  );
  const held = holdMutations(backend);
  await user.type(body, "\nwednesday");
  await waitFor(() => expect(held.pending).toBe(1));
  // Another tab's save reaches this page while ours is held.
  await backend.asUser.mutation(api.notes.update, {
    id,
    baseVersion: 0,
    body: "MONDAY\ntuesday",
  });
  await act(() => backend.refresh());
  await waitFor(() => expect(body).toHaveValue("MONDAY\ntuesday\nwednesday"));
  await act(async () => held.release());
  await waitFor(async () =>
    expect((await notesOf(backend))[0]!.body).toBe(
      "MONDAY\ntuesday\nwednesday",
    ),
  );
  await waitFor(() =>
    expect(within(card).getByRole("status")).toHaveTextContent("Saved"),
  );
  expect(body).toHaveValue("MONDAY\ntuesday\nwednesday");
});

test("a remote image in the preview loads only after a click on “Show image from <host>”", async () => {
  const body = "Before ![logo](https://example.com/logo.png) after";
  const { user } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Pictures", body }]),
  });
  const card = await note("Pictures");
  await user.click(within(card).getByRole("tab", { name: "Preview" }));
  const panel = within(card).getByRole("tabpanel");
  const show = await within(panel).findByRole("button", {
    name: "Show image from example.com",
  });
  expect(panel.querySelector("img")).toBeNull();
  expect(document.querySelector('img[src^="http"]')).toBeNull();

  await user.click(show);
  const image = within(panel).getByRole("img", { name: "logo" });
  expect(image).toHaveAttribute("src", "https://example.com/logo.png");
  expect(image).toHaveAttribute("referrerpolicy", "no-referrer");
  expect(image).toHaveFocus();
  expect(
    within(panel).queryByRole("button", { name: /Show image/ }),
  ).not.toBeInTheDocument();
});

test("a link to another day in the preview opens that day inside the app; other paths and other sites' protocol-relative links stay text", async () => {
  const body = `[see](/day/2025-03-01), [pinned](/pinned), [copied](${window.location.origin}/day/2025-03-02), [nowhere](/nowhere) and [sneaky](//evil.example/day/2025-03-01)`;
  const { user, location } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Links", body }]),
  });
  const card = await note("Links");
  await user.click(within(card).getByRole("tab", { name: "Preview" }));
  const panel = within(card).getByRole("tabpanel");
  const see = await within(panel).findByRole("link", { name: "see" });
  expect(see).toHaveAttribute("href", "/day/2025-03-01");
  expect(see).not.toHaveAttribute("target");
  expect(within(panel).getByRole("link", { name: "pinned" })).toHaveAttribute(
    "href",
    "/pinned",
  );
  // Copied from the address bar: the same page, opened in place.
  const copied = within(panel).getByRole("link", { name: "copied" });
  expect(copied).toHaveAttribute("href", "/day/2025-03-02");
  expect(copied).not.toHaveAttribute("target");
  expect(
    within(panel).queryByRole("link", { name: "nowhere" }),
  ).not.toBeInTheDocument();
  expect(
    within(panel).queryByRole("link", { name: "sneaky" }),
  ).not.toBeInTheDocument();

  const pageLoads = location.history?.length ?? 0;
  await user.click(see);
  expect(location.history?.at(-1)).toBe("/day/2025-03-01");
  expect(location.history).toHaveLength(pageLoads + 1);
  expect(
    await screen.findByRole("heading", {
      level: 1,
      name: "Saturday, March 1, 2025",
    }),
  ).toBeInTheDocument();
});
