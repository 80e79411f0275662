import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { todayString } from "../lib/dates";
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
