import { useMemo } from "react";
import { api } from "@convex/_generated/api";
import { attempt } from "@/lib/notify";
import { shortDate } from "@/lib/dayNames";
import { useOutboxMutation } from "@/lib/outbox";
import { useUndoableDelete } from "@/lib/restoreDeleted";
import { useUndoableMutation } from "@/lib/undo";
import { adjustDaySummary, updateDayList, type Todo } from "./optimistic";

/** Whole-day actions (the bulk menu), with optimistic updates. */
export function useBulkTodoActions() {
  const completeAllOpen = useUndoableMutation(api.todos.completeAllOpen, {
    optimisticUpdate: (store, { day }) => {
      const list = store.getQuery(api.todos.listForDay, { day }) ?? [];
      const completes = (todo: Todo) => todo.kind === "todo" && !todo.done;
      adjustDaySummary(
        store,
        day,
        list.filter(completes).map((todo) => [todo, { ...todo, done: true }]),
      );
      updateDayList(store, day, (todos) =>
        todos.map((todo) => (completes(todo) ? { ...todo, done: true } : todo)),
      );
    },
  });
  const deleteAllOpen = useOutboxMutation(api.todos.deleteAllOpen, {
    optimisticUpdate: (store, { day }) => {
      const list = store.getQuery(api.todos.listForDay, { day }) ?? [];
      adjustDaySummary(
        store,
        day,
        list.filter((todo) => !todo.done).map((todo) => [todo, null]),
      );
      updateDayList(store, day, (todos) => todos.filter((todo) => todo.done));
    },
  });
  const deleteAllDone = useOutboxMutation(api.todos.deleteAllDone, {
    optimisticUpdate: (store, { day }) => {
      const list = store.getQuery(api.todos.listForDay, { day }) ?? [];
      adjustDaySummary(
        store,
        day,
        list.filter((todo) => todo.done).map((todo) => [todo, null]),
      );
      updateDayList(store, day, (todos) => todos.filter((todo) => !todo.done));
    },
  });

  const deleteUndoably = useUndoableDelete();

  return useMemo(
    () => ({
      completeAllOpen: (day: string) =>
        attempt(
          () =>
            completeAllOpen(
              { day },
              `Completed the open todos of ${shortDate(day)}`,
            ),
          "complete the todos",
        ),
      // To "Recently deleted"; undo brings them back, a redo deletes again
      // what is open (or done) on the day then.
      deleteAllOpen: (day: string) =>
        deleteUndoably({
          label: `Deleted the open todos of ${shortDate(day)}`,
          failure: "delete the todos",
          remove: () => deleteAllOpen({ day }),
        }),
      deleteAllDone: (day: string) =>
        deleteUndoably({
          label: `Deleted the done todos of ${shortDate(day)}`,
          failure: "delete the done todos",
          remove: () => deleteAllDone({ day }),
        }),
    }),
    [completeAllOpen, deleteAllOpen, deleteAllDone, deleteUndoably],
  );
}
