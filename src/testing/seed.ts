import { api } from "@convex/_generated/api";
import type { Id } from "@convex/_generated/dataModel";
import { todayString } from "@/lib/dates";
import type { FakeConvexBackend } from "./fakeConvex";

export const today = () => todayString();

/** Adds todos to a day (as typed: `# x` is a heading); returns their ids. */
export async function addTodos(
  backend: FakeConvexBackend,
  texts: string[],
  day = todayString(),
): Promise<Id<"todos">[]> {
  const ids = [];
  for (const text of texts) {
    ids.push(await backend.asUser.mutation(api.todos.create, { day, text }));
  }
  return ids;
}

export function todosOf(backend: FakeConvexBackend, day = todayString()) {
  return backend.asUser.query(api.todos.listForDay, { day });
}

/** Adds notes to a day, in order; returns their ids. */
export async function addNotes(
  backend: FakeConvexBackend,
  notes: { title?: string; body?: string }[],
  day = todayString(),
): Promise<Id<"notes">[]> {
  const ids = [];
  for (const note of notes) {
    ids.push(await backend.asUser.mutation(api.notes.create, { day, ...note }));
  }
  return ids;
}

export function notesOf(backend: FakeConvexBackend, day = todayString()) {
  return backend.asUser.query(api.notes.listForDay, { day });
}
