import { useMemo } from "react";
import { api } from "@convex/_generated/api";
import type { Id } from "@convex/_generated/dataModel";
import { parseHeading, parsePastedLine } from "@convex/lib/todoText";
import { moveBetween, orderAfterLast, type Neighbours } from "@/lib/dayItems";
import { useChoose, useConfirm } from "@/components/ui/confirm";
import { addedToDay } from "@/lib/addedToDay";
import { conflictCurrent, errorMessage } from "@/lib/errors";
import { attempt, notifyError } from "@/lib/notify";
import { dayInSentence } from "@/lib/dayNames";
import { useOutboxMutation } from "@/lib/outbox";
import {
  useRestoreDeleted,
  useUndoableDelete,
  type DeletedGroupId,
} from "@/lib/restoreDeleted";
import { shorten } from "@/lib/text";
import { useUndo, useUndoableMutation } from "@/lib/undo";
import { toast } from "@/lib/toast";
import {
  adjustDaySummary,
  findTodo,
  newTodo,
  updateDayList,
  updateTodoEverywhere,
  type Todo,
} from "./optimistic";
import { isolate } from "@/components/ui/UserText";
import { useSeriesActions } from "@/features/repeat";

export type TodoNeighbours = Neighbours<Id<"todos">>;

/** Every todo mutation the UI uses, with optimistic updates and error toasts. */
export function useTodoActions() {
  const confirm = useConfirm();
  const choose = useChoose();
  const create = useOutboxMutation(api.todos.create, {
    optimisticUpdate: (store, { day, text }) => {
      const item = { ...parseHeading(text), done: false };
      updateDayList(store, day, (list) => [...list, newTodo(day, item, list)]);
      adjustDaySummary(store, day, [[null, item]]);
    },
  });
  const createMany = useOutboxMutation(api.todos.createMany, {
    optimisticUpdate: (store, { day, lines }) => {
      const items = lines.map(parsePastedLine).filter((item) => item !== null);
      updateDayList(store, day, (list) =>
        items.reduce((next, item) => [...next, newTodo(day, item, next)], list),
      );
      adjustDaySummary(
        store,
        day,
        items.map((item) => [null, item]),
      );
    },
  });
  const updateText = useUndoableMutation(api.todos.updateText, {
    // A text edit made before a reload that meets a newer text: say so,
    // with the words that were not saved.
    onReplayRefused: ({ text }, error) =>
      conflictCurrent(error)
        ? toast.error(
            `“${isolate(shorten(text))}” was not saved: the todo changed elsewhere.`,
          )
        : notifyError(error, "save the todo"),
    optimisticUpdate: (store, { id, text }) => {
      const before = findTodo(store, id);
      if (!before) return;
      const { text: clean, kind } = parseHeading(text);
      const after = { text: clean, kind, done: kind === "todo" && before.done };
      updateTodoEverywhere(store, id, (todo) => ({ ...todo, ...after }));
      adjustDaySummary(store, before.day, [[before, after]]);
    },
  });
  const setDone = useUndoableMutation(api.todos.setDone, {
    optimisticUpdate: (store, { id, done }) => {
      const before = findTodo(store, id);
      if (!before || before.kind !== "todo" || before.done === done) return;
      updateTodoEverywhere(store, id, (todo) => ({ ...todo, done }));
      adjustDaySummary(store, before.day, [[before, { ...before, done }]]);
    },
  });
  const setPinned = useUndoableMutation(api.todos.setPinned, {
    optimisticUpdate: (store, { id, pinned }) => {
      updateTodoEverywhere(store, id, (todo) => ({ ...todo, pinned }));
    },
  });
  const moveToDay = useUndoableMutation(api.todos.moveToDay, {
    optimisticUpdate: (store, { id, day }) => {
      const before = findTodo(store, id);
      if (!before || before.day === day) return;
      updateDayList(store, before.day, (list) =>
        list.filter((todo) => todo._id !== id),
      );
      updateDayList(store, day, (list) => [
        ...list,
        { ...before, day, order: orderAfterLast(list) },
      ]);
      updateTodoEverywhere(store, id, (todo) => ({ ...todo, day }));
      adjustDaySummary(store, before.day, [[before, null]]);
      adjustDaySummary(store, day, [[null, before]]);
    },
  });
  const reorder = useUndoableMutation(api.todos.reorder, {
    optimisticUpdate: (store, { id, afterId, beforeId }) => {
      const moved = findTodo(store, id);
      if (!moved) return;
      updateDayList(store, moved.day, (list) =>
        moveBetween(list, id, { afterId, beforeId }),
      );
    },
  });
  const remove = useOutboxMutation(api.todos.remove, {
    optimisticUpdate: (store, { id }) => {
      const before = findTodo(store, id);
      updateTodoEverywhere(store, id, () => null);
      if (before) adjustDaySummary(store, before.day, [[before, null]]);
    },
  });
  const deleteUndoably = useUndoableDelete();
  const restore = useRestoreDeleted();
  const { pushUndoable } = useUndo();
  const repeat = useSeriesActions();

  return useMemo(
    () => ({
      /** Resolves true once stored, false when refused (after its toast). */
      add: async (day: string, text: string) =>
        (await attempt(
          () => create({ day, text }).then(() => true),
          "add the todo",
        )) ?? false,
      /**
       * Adds a todo to another day than the one on screen (a date typed in
       * words): its toast names the day, with "Go there" (`goThere`) and
       * Undo. Undo is a delete to "Recently deleted", the one way a todo
       * leaves, so nothing done to it meanwhile is lost; redo restores it.
       * Resolves true once stored, false when refused (after its toast).
       */
      addToDay: async (day: string, text: string, goThere: () => void) => {
        const id = await attempt(() => create({ day, text }), "add the todo");
        if (id === undefined) return false;
        let current = id;
        let group: DeletedGroupId | null = null;
        pushUndoable({
          ...addedToDay({
            quotedText: `“${isolate(shorten(text))}”`,
            day,
            openDay: goThere,
            todoId: () => current,
          }),
          undo: async () => {
            group = await remove({ id: current });
          },
          redo: async () => {
            if (!group) return;
            current = (await restore(group)).todos[0] ?? current;
          },
        });
        return true;
      },
      /**
       * Adds pasted lines (at most `LIMITS.listItems`). Resolves null once
       * stored, or the refusal's words, which the add field shows beside
       * the lines it keeps (no toast).
       */
      addMany: async (day: string, lines: string[]): Promise<string | null> => {
        try {
          await createMany({ day, lines });
          return null;
        } catch (error) {
          return errorMessage(error, "add the todos");
        }
      },
      /**
       * Saves an edit made from `baseText` (the text when editing began).
       * If the todo changed elsewhere meanwhile, the person chooses.
       * Resolves "cancelled" when the person dismissed the question an
       * occurrence of a repeating todo asks (nothing saved: the editor
       * opens again on their text), else "done".
       */
      editText: async (
        todo: Todo,
        text: string,
        baseText = todo.text,
      ): Promise<"done" | "cancelled"> => {
        // An occurrence of a repeating todo: this one, or the following too?
        if (todo.seriesId) {
          const choice = await choose({
            title: "Change the following ones too?",
            description: `“${isolate(shorten(todo.text))}” repeats. Change only this one, or this one and the open ones after it?`,
            confirmLabel: "This and following",
            alternativeLabel: "Only this one",
          });
          if (choice === "cancel") return "cancelled";
          if (choice === "confirm") {
            await attempt(
              () => repeat.editFollowing(todo, text, baseText),
              "save the todos",
            );
            return "done";
          }
        }
        for (let base = baseText; ;) {
          try {
            await updateText(
              { id: todo._id, baseText: base, text },
              `Edited “${isolate(shorten(text))}”`,
            );
            return "done";
          } catch (error) {
            const current = conflictCurrent(error)?.text;
            if (typeof current !== "string") {
              notifyError(error, "save the todo");
              return "done";
            }
            const keepMine = await confirm({
              title: "This todo changed elsewhere",
              description: `It now reads “${isolate(shorten(current))}”. You wrote “${isolate(shorten(text))}”.`,
              confirmLabel: "Keep mine",
              cancelLabel: "Keep theirs",
            });
            if (!keepMine) return "done";
            base = current;
          }
        }
      },
      setDone: (todo: Todo, done: boolean) =>
        attempt(
          () =>
            setDone(
              { id: todo._id, done },
              `${done ? "Completed" : "Reopened"} “${isolate(shorten(todo.text))}”`,
            ),
          "update the todo",
        ),
      setPinned: (todo: Todo, pinned: boolean) =>
        attempt(
          () =>
            setPinned(
              { id: todo._id, pinned },
              `${pinned ? "Pinned" : "Unpinned"} “${isolate(shorten(todo.text))}”`,
            ),
          "update the todo",
        ),
      moveTo: (todo: Todo, day: string) =>
        attempt(
          () =>
            moveToDay(
              { id: todo._id, day },
              `Moved “${isolate(shorten(todo.text))}” to ${dayInSentence(day)}`,
            ),
          "move the todo",
        ),
      reorder: (id: Id<"todos">, where: TodoNeighbours) =>
        attempt(
          () => reorder({ id, ...where }, "Moved a todo"),
          "move the todo",
        ),
      /** To "Recently deleted"; undo brings it back at its old place. */
      remove: (todo: Todo) =>
        deleteUndoably({
          label: `Deleted “${isolate(shorten(todo.text))}”`,
          failure: "delete the todo",
          remove: (restored) => remove({ id: restored?.todos[0] ?? todo._id }),
        }),
      /** Repeating todos (features/repeat). */
      repeat,
    }),
    [
      confirm,
      choose,
      create,
      createMany,
      updateText,
      setDone,
      setPinned,
      moveToDay,
      reorder,
      remove,
      deleteUndoably,
      restore,
      pushUndoable,
      repeat,
    ],
  );
}

export type TodoActions = ReturnType<typeof useTodoActions>;
