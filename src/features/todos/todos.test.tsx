import { act, screen, waitFor, within } from "@testing-library/react";
import { ConvexError } from "convex/values";
import { afterEach, expect, test, vi } from "vitest";
import { api } from "@convex/_generated/api";
import type { Id } from "@convex/_generated/dataModel";
import { shiftDay, todayString } from "@/lib/dates";
import { isolate } from "@/components/ui/UserText";
import { CHUNK_SIZE } from "@/components/ui/ChunkedList";
import { holdMutations } from "@/testing/fakeConvex";
import { openMenu, renderApp } from "@/testing/renderApp";
import { addTodos, todosOf } from "@/testing/seed";

const addField = () => screen.getByRole("textbox", { name: "Add a todo" });
const openList = () => screen.getByRole("list", { name: "Open todos" });
const doneList = () => screen.queryByRole("list", { name: "Done todos" });

async function ready() {
  await screen.findByRole("heading", { level: 1, name: "Today" });
}

test("Enter adds a todo; Shift+Enter keeps typing on a new line", async () => {
  const { user, backend } = await renderApp();
  await ready();
  await user.type(addField(), "Buy milk{Enter}");
  expect(
    await screen.findByRole("checkbox", { name: "Buy milk" }),
  ).not.toBeChecked();
  expect(addField()).toHaveValue("");

  await user.type(addField(), "Line one{Shift>}{Enter}{/Shift}line two");
  expect(addField()).toHaveValue("Line one\nline two");
  await user.keyboard("{Enter}");
  await waitFor(async () =>
    expect((await todosOf(backend)).map((t) => t.text)).toEqual([
      "Buy milk",
      "Line one\nline two",
    ]),
  );
});

test("#, ## and ### add headings, shown as headings without a checkbox", async () => {
  const { user } = await renderApp();
  await ready();
  await user.type(addField(), "# Work{Enter}## Calls{Enter}### Later{Enter}");
  expect(
    await screen.findByRole("heading", { level: 2, name: /Work/ }),
  ).toBeInTheDocument();
  expect(
    screen.getByRole("heading", { level: 3, name: /Calls/ }),
  ).toBeInTheDocument();
  expect(
    screen.getByRole("heading", { level: 4, name: /Later/ }),
  ).toBeInTheDocument();
  expect(screen.queryByRole("checkbox")).not.toBeInTheDocument();
});

test("pasting several lines adds one todo per line, list markers stripped", async () => {
  const { user, backend } = await renderApp();
  await ready();
  await user.click(addField());
  await user.paste("- Eggs\n* [x] Flour\n\n1. Sugar");
  // Looked up afresh on each try: the optimistic rows are replaced by the
  // server's when it answers, so an element found early can be detached.
  await waitFor(() => {
    expect(screen.getByRole("checkbox", { name: "Eggs" })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Flour" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Sugar" })).toBeInTheDocument();
  });
  expect(addField()).toHaveValue("");
  expect(
    backend.mutations.filter((m) => m.name === "todos:createMany"),
  ).toHaveLength(1);
});

test("click the text to edit: Enter saves, Esc cancels, emptying deletes", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Call Bob"]),
  });
  await user.click(
    await screen.findByRole("button", { name: "Edit Call Bob" }),
  );
  const editor = screen.getByRole("textbox", { name: "Edit Call Bob" });
  await user.clear(editor);
  await user.type(editor, "Call Alice{Enter}");
  expect(
    await screen.findByRole("checkbox", { name: "Call Alice" }),
  ).toBeInTheDocument();

  await user.click(screen.getByRole("button", { name: "Edit Call Alice" }));
  await user.type(
    screen.getByRole("textbox", { name: "Edit Call Alice" }),
    " later{Escape}",
  );
  expect(
    screen.getByRole("checkbox", { name: "Call Alice" }),
  ).toBeInTheDocument();
  expect((await todosOf(backend))[0]!.text).toBe("Call Alice");

  await user.click(screen.getByRole("button", { name: "Edit Call Alice" }));
  await user.clear(screen.getByRole("textbox", { name: "Edit Call Alice" }));
  await user.keyboard("{Enter}");
  await waitFor(() =>
    expect(
      screen.queryByRole("checkbox", { name: "Call Alice" }),
    ).not.toBeInTheDocument(),
  );
  expect(
    (await screen.findByText(`Deleted “${isolate("Call Alice")}”`)).closest(
      "li",
    ),
  ).toHaveTextContent("Undo");
  await waitFor(async () => expect(await todosOf(backend)).toEqual([]));
});

test("completing moves a todo into Done (with its count); reopening brings it back", async () => {
  const { user } = await renderApp({ seed: (b) => addTodos(b, ["A", "B"]) });
  await user.click(await screen.findByRole("checkbox", { name: "A" }));
  const done = await screen.findByRole("list", { name: "Done todos" });
  expect(within(done).getByRole("checkbox", { name: "A" })).toBeChecked();
  expect(screen.getByRole("button", { name: /Done \(1\)/ })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  expect(
    within(openList()).queryByRole("checkbox", { name: "A" }),
  ).not.toBeInTheDocument();

  await user.click(screen.getByRole("button", { name: /Done \(1\)/ }));
  expect(doneList()).not.toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: /Done \(1\)/ }));

  await user.click(within(doneList()!).getByRole("checkbox", { name: "A" }));
  await waitFor(() =>
    expect(
      within(openList()).getByRole("checkbox", { name: "A" }),
    ).not.toBeChecked(),
  );
  expect(doneList()).not.toBeInTheDocument();
});

test("the item menu pins (marked in its day) and moves to tomorrow, offered once on today", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Report", "Stay"]),
  });
  await screen.findByRole("checkbox", { name: "Report" });
  let menu = await openMenu(user, "More actions for Report");
  await user.click(within(menu).getByRole("menuitem", { name: "Pin" }));
  const item = screen.getByRole("checkbox", { name: "Report" }).closest("li")!;
  await waitFor(() =>
    expect(within(item).getByText("Pinned")).toBeInTheDocument(),
  );

  menu = await openMenu(user, "More actions for Report");
  // On today the next day is tomorrow: one item, not two for the same day.
  expect(
    within(menu).queryByRole("menuitem", { name: "Move to next day" }),
  ).toBeNull();
  await user.click(
    within(menu).getByRole("menuitem", { name: "Move to tomorrow" }),
  );
  await waitFor(() =>
    expect(
      screen.queryByRole("checkbox", { name: "Report" }),
    ).not.toBeInTheDocument(),
  );
  const tomorrow = await todosOf(backend, shiftDay(todayString(), 1));
  expect(tomorrow.map((t) => [t.text, t.pinned])).toEqual([["Report", true]]);
});

test("delete asks first (Enter confirms), then Undo puts the item back in place", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["One", "Two", "Three"]),
  });
  await screen.findByRole("checkbox", { name: "Two" });
  const menu = await openMenu(user, "More actions for Two");
  await user.click(within(menu).getByRole("menuitem", { name: "Delete" }));
  const dialog = await screen.findByRole("alertdialog", {
    name: "Delete this todo?",
  });
  expect(within(dialog).getByRole("button", { name: "Delete" })).toHaveFocus();
  await user.keyboard("{Enter}");
  await waitFor(() =>
    expect(
      screen.queryByRole("checkbox", { name: "Two" }),
    ).not.toBeInTheDocument(),
  );

  const toast = (
    await screen.findByText(`Deleted “${isolate("Two")}”`)
  ).closest("li")!;
  await user.click(within(toast).getByRole("button", { name: "Undo" }));
  await waitFor(async () =>
    expect((await todosOf(backend)).map((t) => t.text)).toEqual([
      "One",
      "Two",
      "Three",
    ]),
  );
  expect(
    await screen.findByRole("checkbox", { name: "Two" }),
  ).toBeInTheDocument();
});

test("Esc in the delete confirmation cancels", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Keep me"]),
  });
  await screen.findByRole("checkbox", { name: "Keep me" });
  const menu = await openMenu(user, "More actions for Keep me");
  await user.click(within(menu).getByRole("menuitem", { name: "Delete" }));
  await screen.findByRole("alertdialog");
  await user.keyboard("{Escape}");
  await waitFor(() =>
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument(),
  );
  expect(await todosOf(backend)).toHaveLength(1);
});

/** The open list's rows (not the runs that group them). */
const openRows = () => [
  ...openList().querySelectorAll<HTMLElement>('li[role="listitem"]'),
];

/** jsdom has no layout: gives each open row a place, 40px apart. */
function placeRowsFortyPixelsApart() {
  for (const row of openRows()) {
    row.getBoundingClientRect = () => {
      const index = openRows().indexOf(row);
      return {
        x: 0,
        y: index * 40,
        top: index * 40,
        left: 0,
        bottom: index * 40 + 40,
        right: 300,
        width: 300,
        height: 40,
        toJSON() {},
      } as DOMRect;
    };
  }
}

test("keyboard reorder places the item between its VISIBLE neighbours, whatever done items hide between them", async () => {
  const { user, backend } = await renderApp({
    seed: async (b) => {
      const [, hidden] = await addTodos(b, ["A", "hidden done", "B", "C"]);
      await b.asUser.mutation(api.todos.setDone, { id: hidden!, done: true });
    },
  });
  await screen.findByRole("checkbox", { name: "C" });
  placeRowsFortyPixelsApart();
  const handle = await screen.findByRole("button", { name: "Reorder C" });
  handle.focus();
  await user.keyboard(" ");
  await user.keyboard("{ArrowUp}");
  await user.keyboard(" ");
  await waitFor(() => {
    const reorder = backend.mutations.find((m) => m.name === "todos:reorder");
    expect(reorder).toBeDefined();
  });
  const reorder = backend.mutations.find((m) => m.name === "todos:reorder")!;
  const ids = Object.fromEntries(
    (await todosOf(backend)).map((t) => [t.text, t._id]),
  );
  expect(reorder.args).toEqual({
    id: ids["C"],
    afterId: ids["A"],
    beforeId: ids["B"],
    changeId: expect.any(String),
  });
  await waitFor(async () =>
    expect(
      (await todosOf(backend)).filter((t) => !t.done).map((t) => t.text),
    ).toEqual(["A", "C", "B"]),
  );
  expect(
    screen
      .getAllByRole("checkbox")
      .map(
        (box) =>
          box.getAttribute("aria-labelledby") && box.closest("li")!.textContent,
      ),
  ).toHaveLength(4);
});

test("bulk actions are confirmed: complete all, delete done, delete all open", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["# Head", "A", "B"]),
  });
  await screen.findByRole("checkbox", { name: "B" });
  let menu = await openMenu(user, /Actions for all todos/);
  await user.click(
    within(menu).getByRole("menuitem", { name: "Complete all" }),
  );
  await user.click(
    within(await screen.findByRole("alertdialog")).getByRole("button", {
      name: "Complete all",
    }),
  );
  await waitFor(() =>
    expect(
      screen.getByRole("button", { name: /Done \(2\)/ }),
    ).toBeInTheDocument(),
  );

  menu = await openMenu(user, /Actions for all todos/);
  await user.click(
    within(menu).getByRole("menuitem", { name: "Delete all done" }),
  );
  await user.click(
    within(await screen.findByRole("alertdialog")).getByRole("button", {
      name: "Delete all done",
    }),
  );
  await waitFor(async () =>
    expect((await todosOf(backend)).map((t) => t.text)).toEqual(["Head"]),
  );

  menu = await openMenu(user, /Actions for all todos/);
  await user.click(
    within(menu).getByRole("menuitem", { name: "Delete all open" }),
  );
  await user.click(
    within(await screen.findByRole("alertdialog")).getByRole("button", {
      name: "Delete all open",
    }),
  );
  await waitFor(async () => expect(await todosOf(backend)).toEqual([]));
  expect(
    await screen.findByText("Nothing planned for this day"),
  ).toBeInTheDocument();
});

test("an added todo shows before the server answers (optimistic update)", async () => {
  const { user, backend } = await renderApp();
  await ready();
  await screen.findByText("Nothing planned for this day");
  const held = holdMutations(backend);
  await user.type(addField(), "Instant{Enter}");
  expect(
    await screen.findByRole("checkbox", { name: "Instant" }),
  ).toBeInTheDocument();
  expect(held.pending).toBe(1);
  expect(await todosOf(backend)).toEqual([]);
  await act(async () => held.release());
  await waitFor(async () => expect(await todosOf(backend)).toHaveLength(1));
  expect(screen.getByRole("checkbox", { name: "Instant" })).toBeEnabled();
});

test("the row of an added todo stays the same element when the server's copy replaces the optimistic one", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Already here"]),
  });
  await ready();
  await screen.findByRole("checkbox", { name: "Already here" });
  const held = holdMutations(backend);
  await user.type(addField(), "Keep my row{Enter}");
  const optimisticRow = (
    await screen.findByRole("checkbox", { name: "Keep my row" })
  ).closest("li");
  expect(optimisticRow).not.toBeNull();
  await act(async () => held.release());
  await waitFor(async () => expect(await todosOf(backend)).toHaveLength(2));
  await waitFor(() =>
    expect(screen.getByRole("checkbox", { name: "Keep my row" })).toBeEnabled(),
  );
  // Same DOM node: React kept the row (focus or an open menu would survive).
  expect(
    screen.getByRole("checkbox", { name: "Keep my row" }).closest("li"),
  ).toBe(optimisticRow);
  expect(optimisticRow!.isConnected).toBe(true);
});

test("a todo row is at most 8 elements (big days stay small)", async () => {
  await renderApp({
    seed: async (b) => {
      await addTodos(b, ["Open one", "Done one"]);
      const [, done] = await todosOf(b);
      await b.asUser.mutation(api.todos.setDone, { id: done!._id, done: true });
      await b.asUser.mutation(api.todos.setPinned, {
        id: done!._id,
        pinned: true,
      });
    },
  });
  await ready();
  const rows = [
    (await screen.findByRole("checkbox", { name: "Open one" })).closest("li")!,
    screen.getByRole("checkbox", { name: "Done one" }).closest("li")!,
  ];
  for (const row of rows) {
    // The row itself and everything in it.
    expect(row.querySelectorAll("*").length + 1).toBeLessThanOrEqual(8);
  }
});

/**
 * An IntersectionObserver the test drives: what it watches (a long list's
 * runs of rows, and the rows of runs on screen) is on screen only when the
 * test says so (jsdom has none,
 * and no layout).
 */
function fakeIntersections() {
  const observers: {
    callback: IntersectionObserverCallback;
    rows: Set<Element>;
  }[] = [];
  vi.stubGlobal(
    "IntersectionObserver",
    class {
      private entry: (typeof observers)[number];
      constructor(callback: IntersectionObserverCallback) {
        this.entry = { callback, rows: new Set() };
        observers.push(this.entry);
      }
      observe(row: Element) {
        this.entry.rows.add(row);
      }
      unobserve(row: Element) {
        this.entry.rows.delete(row);
      }
      disconnect() {
        this.entry.rows.clear();
      }
    },
  );
  return {
    /** Reports these elements as on screen. */
    show(rows: Element[]) {
      for (const { callback, rows: watched } of observers) {
        const entries = rows
          .filter((row) => watched.has(row))
          .map((target) => ({ target, isIntersecting: true }));
        if (entries.length > 0) {
          act(() =>
            callback(
              entries as unknown as IntersectionObserverEntry[],
              {} as IntersectionObserver,
            ),
          );
        }
      }
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

test("on a big day only rows on screen can be picked up, and a row focused off screen too: keyboard reorder still works", async () => {
  const intersections = fakeIntersections();
  // A first run of rows on screen, and C alone in the next run, off it.
  const onScreen = Array.from({ length: CHUNK_SIZE }, (_, n) => `T${n + 1}`);
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, [...onScreen, "C"]),
  });
  await screen.findByRole("checkbox", { name: "C" });
  placeRowsFortyPixelsApart();
  // A resting handle says what it is, as a bound one does.
  const handleC = screen.getByRole("button", { name: "Reorder C" });
  expect(handleC).toHaveAttribute("aria-roledescription", "sortable");
  // dnd-kit renders its instructions after mounting, in an effect.
  await waitFor(() =>
    expect(
      document.getElementById(handleC.getAttribute("aria-describedby")!),
    ).toHaveTextContent(/press Space or Enter to pick the item up/),
  );

  // The first run is on screen, then (watched once their run shows) its
  // rows; C is reached by Tab (focus binds it).
  intersections.show([openRows()[0]!.closest('li[role="none"]')!]);
  intersections.show(openRows().slice(0, CHUNK_SIZE));
  handleC.focus();
  await user.keyboard(" ");
  await user.keyboard("{ArrowUp}");
  await user.keyboard(" ");
  await waitFor(async () =>
    expect((await todosOf(backend)).map((t) => t.text).slice(-3)).toEqual([
      `T${CHUNK_SIZE - 1}`,
      "C",
      `T${CHUNK_SIZE}`,
    ]),
  );
});

test("a failed mutation shows the backend's message in a toast and rolls back", async () => {
  const { user, backend } = await renderApp();
  await ready();
  // (Text over the length limit no longer reaches the backend: the field
  // refuses it, see addTodo.test.tsx.)
  backend.gate = async (name) => {
    if (name === "todos:create") throw limitReached();
  };
  await user.type(addField(), "One too many{Enter}");
  expect(
    await screen.findByText(/You have reached the limit of 3 todos/),
  ).toBeInTheDocument();
  await waitFor(() =>
    expect(screen.queryByRole("checkbox")).not.toBeInTheDocument(),
  );
});

test("markup and regex characters render as literal text", async () => {
  const texts = ["<img src=x onerror=alert(1)>", "(", "[", "\\"];
  await renderApp({ seed: (b) => addTodos(b, texts) });
  for (const text of texts) {
    expect(
      await screen.findByRole("checkbox", { name: text }),
    ).toBeInTheDocument();
  }
  expect(document.querySelector("img[src='x']")).toBeNull();
});

test("after Enter or Esc ends an inline edit, focus is back on the item", async () => {
  const { user } = await renderApp({
    seed: (b) => addTodos(b, ["Water plants"]),
  });
  await user.click(
    await screen.findByRole("button", { name: "Edit Water plants" }),
  );
  await user.type(
    screen.getByRole("textbox", { name: "Edit Water plants" }),
    " today{Enter}",
  );
  await waitFor(() =>
    expect(
      screen.getByRole("button", { name: "Edit Water plants today" }),
    ).toHaveFocus(),
  );
  await user.keyboard("{Enter}");
  await user.keyboard("{Escape}");
  expect(
    screen.getByRole("button", { name: "Edit Water plants today" }),
  ).toHaveFocus();
});

test("Esc in the empty add field leaves it too, for the day's list", async () => {
  const { user } = await renderApp({
    seed: (b) => addTodos(b, ["Water plants"]),
  });
  await screen.findByRole("checkbox", { name: "Water plants" });
  await user.click(addField());
  await user.keyboard("{Escape}");
  await waitFor(() => expect(addField()).not.toHaveFocus());
  expect(
    screen.getByRole("checkbox", { name: "Water plants" }).closest("li"),
  ).toContainElement(document.activeElement as HTMLElement);
});

test("Esc in the add field keeps the draft (never thrown away by one key) and leaves the field", async () => {
  const { user, backend } = await renderApp();
  await ready();
  const draft = "A long draft{Shift>}{Enter}{/Shift}that took a while";
  await user.type(addField(), `${draft}{Escape}`);
  expect(addField()).toHaveValue("A long draft\nthat took a while");
  // Never to the page's body: on an empty day, to the Add button beside.
  expect(screen.getByRole("button", { name: "Add todo" })).toHaveFocus();
  expect(backend.mutations.filter((m) => m.name.startsWith("todos:"))).toEqual(
    [],
  );
  await user.click(addField());
  await user.keyboard("{Enter}");
  expect(
    await screen.findByRole("checkbox", { name: /A long draft/ }),
  ).toBeInTheDocument();
});

test("the open list is sortable from its first paint, and nothing loaded later remounts an item or interrupts an edit", async () => {
  const { user } = await renderApp({
    seed: (b) => addTodos(b, ["Alpha", "Beta"]),
  });
  const alpha = await screen.findByRole("checkbox", { name: "Alpha" });
  const row = alpha.closest("li")!;
  // The reorder handle is there with the item's very first paint.
  expect(
    within(row).getByRole("button", { name: "Reorder Alpha" }),
  ).toBeInTheDocument();

  await user.click(screen.getByRole("button", { name: "Edit Beta" }));
  const editor = screen.getByRole("textbox", { name: "Edit Beta" });
  await user.type(editor, " and more");
  // Let what the day view shows after its first paint arrive: the notes
  // and the sidebar's days.
  await screen.findByRole("heading", { name: "Notes" });
  await screen.findByRole("link", { name: /Today/ });

  expect(screen.getByRole("checkbox", { name: "Alpha" }).closest("li")).toBe(
    row,
  );
  expect(screen.getByRole("textbox", { name: "Edit Beta" })).toBe(editor);
  expect(editor).toHaveFocus();
  expect(editor).toHaveValue("Beta and more");
});

test("a todo edited elsewhere while it was being edited asks: Keep mine saves over it, Keep theirs drops the edit", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Call Bob", "Pay rent"]),
  });
  const [bob, rent] = (await todosOf(backend)).map((t) => t._id) as [
    Id<"todos">,
    Id<"todos">,
  ];
  const editElsewhere = async (id: Id<"todos">, from: string, to: string) => {
    await backend.asUser.mutation(api.todos.updateText, {
      id,
      baseText: from,
      text: to,
    });
  };

  await user.click(
    await screen.findByRole("button", { name: "Edit Call Bob" }),
  );
  await editElsewhere(bob, "Call Bob", "Call Bob at 5");
  await user.keyboard(" tomorrow{Enter}");
  const dialog = await screen.findByRole("alertdialog", {
    name: "This todo changed elsewhere",
  });
  expect(dialog).toHaveTextContent("Call Bob at 5");
  expect(dialog).toHaveTextContent("Call Bob tomorrow");
  await user.click(within(dialog).getByRole("button", { name: "Keep mine" }));
  await waitFor(async () =>
    expect((await todosOf(backend))[0]!.text).toBe("Call Bob tomorrow"),
  );

  await user.click(
    await screen.findByRole("button", { name: "Edit Pay rent" }),
  );
  await editElsewhere(rent, "Pay rent", "Pay rent today");
  await user.keyboard(" by card{Enter}");
  await user.click(await screen.findByRole("button", { name: "Keep theirs" }));
  await backend.refresh();
  expect(
    await screen.findByRole("checkbox", { name: "Pay rent today" }),
  ).toBeInTheDocument();
  expect((await todosOf(backend))[1]!.text).toBe("Pay rent today");
  expect(
    screen.queryByRole("alertdialog", { name: "This todo changed elsewhere" }),
  ).not.toBeInTheDocument();
});

test("a todo's text is shown bidi-isolated, so a right-to-left override inside it cannot reorder the row", async () => {
  const text = "abc\u202Edef";
  await renderApp({ seed: (b) => addTodos(b, [text]) });
  const edit = await screen.findByRole("button", { name: `Edit ${text}` });
  const isolated = within(edit).getByText(text);
  expect(isolated.tagName).toBe("BDI");
  expect(isolated).toHaveAttribute("dir", "auto");
});

test("text with nothing visible (zero-width and bidi characters, spaces) is not added", async () => {
  const { user, backend } = await renderApp();
  await ready();
  await user.click(addField());
  await user.paste("\u200B \u202E\u2066");
  await user.keyboard("{Enter}");
  await user.paste("\u200B\nReal one\n\u2060 \nReal two\n\uFEFF");
  expect(
    await screen.findByRole("checkbox", { name: "Real two" }),
  ).toBeInTheDocument();
  await waitFor(async () =>
    expect((await todosOf(backend)).map((t) => t.text)).toEqual([
      "Real one",
      "Real two",
    ]),
  );
  expect(backend.mutations.map((m) => m.name)).not.toContain("todos:create");
});

test("a todo's text in the delete dialog and its toast, and a day's label in the bulk actions, are bidi-isolated", async () => {
  // A right-to-left override in the text must not reorder the sentence around it.
  const text = "abc \u202Efdp.exe";
  const label = "\u202Eyad gnol";
  const { user } = await renderApp({
    seed: async (b) => {
      await addTodos(b, [text]);
      await b.asUser.mutation(api.days.setLabel, { day: todayString(), label });
    },
  });
  await screen.findByRole("checkbox", { name: text });
  let menu = await openMenu(user, `Actions for all todos on ${label}`);
  await user.click(
    within(menu).getByRole("menuitem", { name: "Complete all" }),
  );
  let dialog = await screen.findByRole("alertdialog");
  expect(dialog).toHaveTextContent(`1 todo on ${isolate(label)} will move`);
  await user.click(within(dialog).getByRole("button", { name: "Cancel" }));

  menu = await openMenu(user, `More actions for ${text}`);
  await user.click(within(menu).getByRole("menuitem", { name: "Delete" }));
  dialog = await screen.findByRole("alertdialog");
  expect(dialog).toHaveTextContent(`“${isolate(text)}” will be deleted.`);
  await user.click(within(dialog).getByRole("button", { name: "Delete" }));
  expect(
    await screen.findByText(`Deleted “${isolate(text)}”`),
  ).toBeInTheDocument();
});

const limitReached = () =>
  new ConvexError({
    code: "LIMIT_REACHED",
    message:
      "You have reached the limit of 3 todos. Delete old todos to add more.",
  });

test("a todo the server refuses comes back to the field; text typed meanwhile stays after it", async () => {
  const { user, backend } = await renderApp();
  await ready();
  backend.gate = async (name) => {
    if (name === "todos:create") throw limitReached();
  };
  await user.type(addField(), "Refused one{Enter}");
  expect(
    await screen.findByText(/You have reached the limit of 3 todos/),
  ).toBeInTheDocument();
  await waitFor(() => expect(addField()).toHaveValue("Refused one"));

  // Refused while something new is being typed: neither is lost.
  let refuse = () => {};
  backend.gate = (name) =>
    name === "todos:create"
      ? new Promise((_, reject) => {
          refuse = () => reject(limitReached());
        })
      : Promise.resolve();
  await user.keyboard("{Enter}");
  await waitFor(() => expect(addField()).toHaveValue(""));
  await user.type(addField(), "typed since");
  act(() => refuse());
  await waitFor(() =>
    expect(addField()).toHaveValue("Refused one\ntyped since"),
  );
  expect(await todosOf(backend)).toEqual([]);
});

test("pasted lines the server refuses come back to the field", async () => {
  const { user, backend } = await renderApp();
  await ready();
  backend.gate = async (name) => {
    if (name === "todos:createMany") throw limitReached();
  };
  await user.click(addField());
  await user.paste("- Eggs\n\nFlour");
  await waitFor(() => expect(addField()).toHaveValue("- Eggs\nFlour"));
  expect(await todosOf(backend)).toEqual([]);
});

test("control characters from Word or a PDF are cleaned before sending: line breaks split the paste, others become spaces", async () => {
  const { user, backend } = await renderApp();
  await ready();
  await user.click(addField());
  await user.paste("One\vTwo\fThree\u0085Four\u0007bell");
  await waitFor(async () =>
    expect((await todosOf(backend)).map((t) => t.text)).toEqual([
      "One",
      "Two",
      "Three",
      "Four bell",
    ]),
  );
  await user.type(addField(), "Tab\u0001stop{Enter}");
  await waitFor(async () =>
    expect((await todosOf(backend)).map((t) => t.text)).toContain("Tab stop"),
  );
  expect(addField()).toHaveValue("");
});
