import { screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { api } from "@convex/_generated/api";
import { isolate } from "@/components/ui/UserText";
import { holdScheduledFunctions } from "@/testing/fakeConvex";
import { openMenu, renderApp } from "@/testing/renderApp";
import { addTodos, todosOf } from "@/testing/seed";

const UNDO = "{Control>}z{/Control}";
const REDO = "{Control>}{Shift>}z{/Shift}{/Control}";

async function doneOf(backend: Parameters<typeof todosOf>[0]) {
  return (await todosOf(backend)).map(({ text, done, completedAt }) => ({
    text,
    done,
    completedAt,
  }));
}

test("Ctrl+Z undoes a completion exactly, Ctrl+Shift+Z redoes it, and again back", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Buy milk", "Call Bob"]),
  });
  const before = await doneOf(backend);
  await user.click(await screen.findByRole("checkbox", { name: "Buy milk" }));
  expect(
    await screen.findByText(`Completed “${isolate("Buy milk")}”`),
  ).toBeInTheDocument();
  await waitFor(async () =>
    expect((await doneOf(backend))[0]!.done).toBe(true),
  );
  const completed = await doneOf(backend);

  await user.keyboard(UNDO);
  await waitFor(async () => expect(await doneOf(backend)).toEqual(before));
  expect(
    await screen.findByText(`Undone: Completed “${isolate("Buy milk")}”`),
  ).toBeInTheDocument();
  expect(screen.getByRole("checkbox", { name: "Buy milk" })).not.toBeChecked();

  await user.keyboard(REDO);
  await waitFor(async () => expect(await doneOf(backend)).toEqual(completed));

  await user.keyboard(UNDO);
  await waitFor(async () => expect(await doneOf(backend)).toEqual(before));
});

test("Ctrl+Z undoes a delete (back from Recently deleted, in its place), Ctrl+Shift+Z deletes it again, and Ctrl+Z brings it back again", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["One", "Two", "Three"]),
  });
  const texts = async () => (await todosOf(backend)).map((t) => t.text);
  await screen.findByRole("checkbox", { name: "Two" });
  const menu = await openMenu(user, "More actions for Two");
  await user.click(within(menu).getByRole("menuitem", { name: "Delete" }));
  await screen.findByRole("alertdialog", { name: "Delete this todo?" });
  await user.keyboard("{Enter}");
  await screen.findByText(`Deleted “${isolate("Two")}”`);
  await waitFor(async () => expect(await texts()).toEqual(["One", "Three"]));

  await user.keyboard(UNDO);
  await waitFor(async () =>
    expect(await texts()).toEqual(["One", "Two", "Three"]),
  );
  expect(
    await screen.findByRole("checkbox", { name: "Two" }),
  ).toBeInTheDocument();

  await user.keyboard(REDO);
  await waitFor(async () => expect(await texts()).toEqual(["One", "Three"]));

  await user.keyboard(UNDO);
  await waitFor(async () =>
    expect(await texts()).toEqual(["One", "Two", "Three"]),
  );
});

test("Ctrl+Z undoes the change before the last one when pressed again, and says when there is nothing left", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["One", "Two"]),
  });
  await user.click(await screen.findByRole("checkbox", { name: "One" }));
  await screen.findByText(`Completed “${isolate("One")}”`);
  await user.click(screen.getByRole("checkbox", { name: "Two" }));
  await screen.findByText(`Completed “${isolate("Two")}”`);
  await user.keyboard(UNDO);
  await user.keyboard(UNDO);
  await waitFor(async () =>
    expect((await todosOf(backend)).map((todo) => todo.done)).toEqual([
      false,
      false,
    ]),
  );
  await user.keyboard(UNDO);
  expect(await screen.findByText("Nothing to undo")).toBeInTheDocument();
});

test("the toast's Undo button undoes the change it announced", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Buy milk"]),
  });
  await user.click(await screen.findByRole("checkbox", { name: "Buy milk" }));
  await screen.findByText(`Completed “${isolate("Buy milk")}”`);
  await user.click(await screen.findByRole("button", { name: "Undo" }));
  await waitFor(async () =>
    expect((await todosOf(backend))[0]!.done).toBe(false),
  );
});

test("Ctrl+Z in a text field is the field's own undo, not the app's", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Buy milk"]),
  });
  await user.click(await screen.findByRole("checkbox", { name: "Buy milk" }));
  await screen.findByText(`Completed “${isolate("Buy milk")}”`);
  await user.click(screen.getByRole("textbox", { name: "Add a todo" }));
  await user.keyboard(UNDO);
  // The change reached the server and stays: nothing was sent to undo it.
  await waitFor(async () =>
    expect((await todosOf(backend))[0]!.done).toBe(true),
  );
  expect(backend.mutations.map((m) => m.name)).not.toContain("undo:apply");
});

test("an undo of a todo changed since in another tab is refused with a toast, and nothing changes", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Buy milk"]),
  });
  await user.click(await screen.findByRole("checkbox", { name: "Buy milk" }));
  await screen.findByText(`Completed “${isolate("Buy milk")}”`);
  const [todo] = await todosOf(backend);
  // Another tab renames it.
  await backend.asUser.mutation(api.todos.updateText, {
    id: todo!._id,
    baseText: "Buy milk",
    text: "Buy oat milk",
  });
  await user.keyboard(UNDO);
  expect(
    await screen.findByText(
      "“Buy oat milk” was changed since (here, in another tab or on another device), so nothing was undone.",
    ),
  ).toBeInTheDocument();
  const [after] = await todosOf(backend);
  expect(after).toMatchObject({ text: "Buy oat milk", done: true });
});

test("the shortcuts dialog lists undo and redo", async () => {
  const { user } = await renderApp();
  await screen.findByRole("heading", { level: 1, name: "Today" });
  await user.keyboard("?");
  const dialog = await screen.findByRole("dialog", {
    name: "Keyboard shortcuts",
  });
  expect(dialog).toHaveTextContent(
    "Undo the last change (outside a text field)",
  );
  expect(dialog).toHaveTextContent("Redo the change undone last");
});

/** Deletes Sun, Jan 5, 2025 from its menu in the days list, confirmed. */
async function deleteDayFromItsMenu(
  user: Awaited<ReturnType<typeof renderApp>>["user"],
) {
  const menu = await openMenu(user, "More actions for Sun, Jan 5, 2025");
  await user.click(within(menu).getByRole("menuitem", { name: "Delete day" }));
  const dialog = await screen.findByRole("alertdialog", {
    name: `Delete ${isolate("Sun, Jan 5, 2025")}?`,
  });
  await user.click(within(dialog).getByRole("button", { name: "Delete day" }));
}

test("a day deleted in batches says how far it got, and offers Undo once all of it is in Recently deleted, which brings every todo back", async () => {
  const day = "2025-01-05";
  const texts = Array.from({ length: 300 }, (_, i) => `Todo ${i + 1}`);
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, texts, day),
  });
  const scheduled = holdScheduledFunctions();
  try {
    await deleteDayFromItsMenu(user);
    // The first batch is in the trash; the rest waits on the scheduler.
    expect(
      await screen.findByText("Moving to Recently deleted: 250 of 300"),
    ).toBeInTheDocument();
    expect(scheduled.pending).toBe(1);
    expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
  } finally {
    scheduled.release();
  }
  // The fake backend runs queries again after mutations, not after the
  // server's own scheduled batches: asked to here until they are done.
  const undo = await waitFor(async () => {
    await backend.refresh();
    return screen.getByRole("button", { name: "Undo" });
  });
  await user.click(undo);
  await waitFor(async () =>
    expect((await todosOf(backend, day)).map((t) => t.text)).toEqual(texts),
  );
});

test("Ctrl+Z pressed while a day is still moving to Recently deleted undoes that delete once it is whole, not the change before it", async () => {
  const day = "2025-01-05";
  const texts = Array.from({ length: 300 }, (_, i) => `Todo ${i + 1}`);
  const { user, backend } = await renderApp({
    seed: async (b) => {
      await addTodos(b, ["Buy milk"]);
      await addTodos(b, texts, day);
    },
  });
  await user.click(await screen.findByRole("checkbox", { name: "Buy milk" }));
  await screen.findByText(`Completed “${isolate("Buy milk")}”`);
  const scheduled = holdScheduledFunctions();
  try {
    await deleteDayFromItsMenu(user);
    await screen.findByText("Moving to Recently deleted: 250 of 300");
    await user.keyboard(UNDO);
  } finally {
    scheduled.release();
  }
  // The scheduled batches finish; the fake backend is asked to run its
  // queries again (it does so after mutations only).
  await waitFor(
    async () => {
      await backend.refresh();
      expect((await todosOf(backend, day)).map((t) => t.text)).toEqual(texts);
    },
    { timeout: 20_000 },
  );
  expect((await todosOf(backend))[0]).toMatchObject({
    text: "Buy milk",
    done: true,
  });
});
