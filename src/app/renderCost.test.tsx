import { act, screen, waitFor } from "@testing-library/react";
import { createElement, memo, type ComponentProps } from "react";
import { expect, test, vi } from "vitest";
import { api } from "@convex/_generated/api";
import { TEST_AUTH_USER } from "@/testing/fakeAuth";
import { renderApp, setAuthState } from "@/testing/renderApp";
import type { FakeConvexBackend } from "@/testing/fakeConvex";
import { addNotes, addTodos, todosOf } from "@/testing/seed";

// How often each row of the day rendered: the real rows, wrapped in a
// counter (memoised as the real one is, for the todo row).
const rendered = vi.hoisted(() => ({
  todoRows: new Map<string, number>(),
  noteCards: 0,
}));

vi.mock("@/features/todos/components/TodoItem", async (importOriginal) => {
  const real =
    await importOriginal<
      typeof import("@/features/todos/components/TodoItem")
    >();
  return {
    ...real,
    TodoItem: memo(function CountedTodoItem(
      props: ComponentProps<typeof real.TodoItem>,
    ) {
      const { text } = props.todo;
      rendered.todoRows.set(text, (rendered.todoRows.get(text) ?? 0) + 1);
      return createElement(real.TodoItem, props);
    }),
  };
});

vi.mock("@/features/notes/components/NoteCard", async (importOriginal) => {
  const real =
    await importOriginal<
      typeof import("@/features/notes/components/NoteCard")
    >();
  return {
    ...real,
    NoteCard: function CountedNoteCard(
      props: ComponentProps<typeof real.NoteCard>,
    ) {
      rendered.noteCards += 1;
      return real.NoteCard(props);
    },
  };
});

async function dayShown() {
  await screen.findByRole("checkbox", { name: "Water the plants" });
  await screen.findByRole("textbox", { name: "Note title" });
}

function startCounting() {
  // The counters do count: the day's first render went through them.
  expect(rendered.todoRows.get("Water the plants")).toBeGreaterThan(0);
  expect(rendered.noteCards).toBeGreaterThan(0);
  rendered.todoRows.clear();
  rendered.noteCards = 0;
}

const seed = async (backend: FakeConvexBackend) => {
  await addTodos(backend, ["Water the plants", "Call the bank"]);
  await addNotes(backend, [{ title: "Groceries", body: "Eggs" }]);
};

test("adding a todo renders its own row only: no other todo row, no note", async () => {
  const { user, backend } = await renderApp({ seed });
  await dayShown();
  startCounting();

  await user.type(
    screen.getByRole("textbox", { name: "Add a todo" }),
    "Buy milk{Enter}",
  );
  // Stored, and the answer shown (the pending row swapped for the stored one).
  await waitFor(async () =>
    expect((await todosOf(backend)).map((todo) => todo.text)).toContain(
      "Buy milk",
    ),
  );
  await waitFor(() =>
    expect(screen.getByRole("checkbox", { name: "Buy milk" })).toBeEnabled(),
  );

  expect(rendered.todoRows.get("Buy milk")).toBeGreaterThan(0);
  expect(Object.fromEntries(rendered.todoRows)).toEqual({
    "Buy milk": rendered.todoRows.get("Buy milk"),
  });
  expect(rendered.noteCards).toBe(0);
});

test("AuthKit answering again (its timed refresh) and a settings change from another device re-render no todo row and no note", async () => {
  const { backend } = await renderApp({ seed });
  await dayShown();
  startCounting();

  // A new user object with the same id, as AuthKit gives after a refresh.
  act(() => setAuthState({ user: { ...TEST_AUTH_USER } }));
  // Stored again by another device: every settings reader gets a new result.
  await act(async () => {
    await backend.asUser.mutation(api.settings.setMoveUnfinishedAutomatically, {
      enabled: false,
    });
    await backend.refresh();
  });
  await dayShown();

  expect(Object.fromEntries(rendered.todoRows)).toEqual({});
  expect(rendered.noteCards).toBe(0);
});
