import { useMutation } from "convex/react";
import { useMemo } from "react";
import { toast } from "../../lib/toast";
import { api } from "../../../convex/_generated/api";
import type { Id } from "../../../convex/_generated/dataModel";
import { parseHeading, parsePastedLine } from "../../../convex/lib/todoText";
import { errorCode } from "../../lib/errors";
import { attempt } from "../../lib/notify";
import {
  adjustDayCounts,
  countDelta,
  findTodo,
  newTodo,
  orderAfter,
  updateDayList,
  updateTodoEverywhere,
  type Todo,
} from "./optimistic";

/** Where a deleted item sat, so Undo can put it back in place. */
export type Neighbours = {
  afterId: Id<"todos"> | null;
  beforeId: Id<"todos"> | null;
};

function shorten(text: string, max = 40) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Every todo mutation the UI uses, with optimistic updates and error toasts. */
export function useTodoActions() {
  const create = useMutation(api.todos.create).withOptimisticUpdate(
    (store, { day, text }) => {
      const item = { ...parseHeading(text), done: false };
      updateDayList(store, day, (list) => [
        ...list,
        newTodo(day, item, orderAfter(list)),
      ]);
      adjustDayCounts(store, day, countDelta(null, item));
    },
  );
  const createMany = useMutation(api.todos.createMany).withOptimisticUpdate(
    (store, { day, lines }) => {
      const items = lines.map(parsePastedLine).filter((item) => item !== null);
      updateDayList(store, day, (list) => {
        const next = [...list];
        for (const item of items) {
          next.push(newTodo(day, item, orderAfter(next)));
        }
        return next;
      });
      for (const item of items)
        adjustDayCounts(store, day, countDelta(null, item));
    },
  );
  const updateText = useMutation(api.todos.updateText).withOptimisticUpdate(
    (store, { id, text }) => {
      const before = findTodo(store, id);
      const { text: clean, kind } = parseHeading(text);
      if (!before) return;
      const done = kind === "todo" && before.done;
      updateTodoEverywhere(store, id, (todo) => ({
        ...todo,
        text: clean,
        kind,
        done,
      }));
      adjustDayCounts(store, before.day, countDelta(before, { kind, done }));
    },
  );
  const setDone = useMutation(api.todos.setDone).withOptimisticUpdate(
    (store, { id, done }) => {
      const before = findTodo(store, id);
      if (!before || before.kind !== "todo" || before.done === done) return;
      updateTodoEverywhere(store, id, (todo) => ({ ...todo, done }));
      adjustDayCounts(
        store,
        before.day,
        countDelta(before, { ...before, done }),
      );
    },
  );
  const setPinned = useMutation(api.todos.setPinned).withOptimisticUpdate(
    (store, { id, pinned }) => {
      updateTodoEverywhere(store, id, (todo) => ({ ...todo, pinned }));
    },
  );
  const moveToDay = useMutation(api.todos.moveToDay).withOptimisticUpdate(
    (store, { id, day }) => {
      const before = findTodo(store, id);
      if (!before || before.day === day) return;
      updateDayList(store, before.day, (list) =>
        list.filter((t) => t._id !== id),
      );
      updateDayList(store, day, (list) => [
        ...list,
        { ...before, day, order: orderAfter(list) },
      ]);
      updateTodoEverywhere(store, id, (todo) => ({ ...todo, day }));
      adjustDayCounts(store, before.day, countDelta(before, null));
      adjustDayCounts(store, day, countDelta(null, before));
    },
  );
  const reorder = useMutation(api.todos.reorder).withOptimisticUpdate(
    (store, { id, afterId, beforeId }) => {
      const moved = findTodo(store, id);
      if (!moved) return;
      updateDayList(store, moved.day, (list) => {
        const rest = list.filter((todo) => todo._id !== id);
        const at =
          afterId !== null
            ? rest.findIndex((todo) => todo._id === afterId) + 1
            : rest.findIndex((todo) => todo._id === beforeId);
        if (at < 0) return list;
        return [...rest.slice(0, at), moved, ...rest.slice(at)];
      });
    },
  );
  const remove = useMutation(api.todos.remove).withOptimisticUpdate(
    (store, { id }) => {
      const before = findTodo(store, id);
      updateTodoEverywhere(store, id, () => null);
      if (before) adjustDayCounts(store, before.day, countDelta(before, null));
    },
  );
  const restore = useMutation(api.todos.restore).withOptimisticUpdate(
    (store, { day, text, kind, done, pinned, afterId, beforeId }) => {
      const item = { text, kind, done: kind === "todo" && done };
      updateDayList(store, day, (list) => {
        const restored = { ...newTodo(day, item, orderAfter(list)), pinned };
        const at =
          afterId !== null
            ? list.findIndex((t) => t._id === afterId) + 1
            : beforeId !== null
              ? list.findIndex((t) => t._id === beforeId)
              : list.length;
        const index = at < 0 ? list.length : at;
        return [...list.slice(0, index), restored, ...list.slice(index)];
      });
      adjustDayCounts(store, day, countDelta(null, item));
    },
  );
  return useMemo(() => {
    const undoDelete = async (todo: Todo, neighbours: Neighbours) => {
      const args = {
        day: todo.day,
        text: todo.text,
        kind: todo.kind,
        done: todo.done,
        pinned: todo.pinned,
      };
      await attempt(async () => {
        try {
          await restore({ ...args, ...neighbours });
        } catch (error) {
          // A neighbour went away meanwhile: put it back at the end instead.
          if (errorCode(error) !== "NOT_FOUND") throw error;
          await restore({ ...args, afterId: null, beforeId: null });
        }
      }, "undo");
    };

    return {
      add: (day: string, text: string) =>
        attempt(() => create({ day, text }), "add the todo"),
      addMany: (day: string, lines: string[]) =>
        attempt(() => createMany({ day, lines }), "add the todos"),
      editText: (todo: Todo, text: string) =>
        attempt(() => updateText({ id: todo._id, text }), "save the todo"),
      setDone: (todo: Todo, done: boolean) =>
        attempt(() => setDone({ id: todo._id, done }), "update the todo"),
      setPinned: (todo: Todo, pinned: boolean) =>
        attempt(() => setPinned({ id: todo._id, pinned }), "update the todo"),
      moveTo: async (todo: Todo, day: string) => {
        const moved = await attempt(
          () => moveToDay({ id: todo._id, day }).then(() => true),
          "move the todo",
        );
        if (moved) toast.success(`Moved “${shorten(todo.text)}”`);
      },
      reorder: (id: Id<"todos">, neighbours: Neighbours) =>
        attempt(() => reorder({ id, ...neighbours }), "move the todo"),
      remove: async (todo: Todo, neighbours: Neighbours) => {
        const removed = await attempt(
          () => remove({ id: todo._id }).then(() => true),
          "delete the todo",
        );
        if (!removed) return;
        toast.message(`Deleted “${shorten(todo.text)}”`, {
          action: {
            label: "Undo",
            onClick: () => void undoDelete(todo, neighbours),
          },
        });
      },
    };
  }, [
    create,
    createMany,
    updateText,
    setDone,
    setPinned,
    moveToDay,
    reorder,
    remove,
    restore,
  ]);
}

export type TodoActions = ReturnType<typeof useTodoActions>;

/** The items around `todo` in its day's full list (for Undo). */
export function neighboursOf(list: Todo[], id: Id<"todos">): Neighbours {
  const index = list.findIndex((todo) => todo._id === id);
  return {
    afterId: index > 0 ? list[index - 1]!._id : null,
    beforeId:
      index >= 0 && index < list.length - 1 ? list[index + 1]!._id : null,
  };
}
