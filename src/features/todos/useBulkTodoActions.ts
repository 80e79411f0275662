import { useCallback, useMemo } from "react";
import { api } from "@convex/_generated/api";
import { attempt } from "@/lib/notify";
import { undoDelete } from "@/lib/dayItems";
import { useOutboxMutation } from "@/lib/outbox";
import { useRestoreDeleted, type DeletedGroupId } from "@/lib/restoreDeleted";
import { toast } from "@/lib/toast";
import { adjustDaySummary, updateDayList, type Todo } from "./optimistic";

/** Whole-day actions (the bulk menu), with optimistic updates. */
export function useBulkTodoActions() {
  const completeAllOpen = useOutboxMutation(api.todos.completeAllOpen, {
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

  const restoreDeleted = useRestoreDeleted();
  /** A bulk delete's toast, with Undo when it deleted anything. */
  const offerUndo = useCallback(
    (groupId: DeletedGroupId | null | undefined, words: string) => {
      if (!groupId) return;
      toast.message(words, {
        action: {
          label: "Undo",
          onClick: () => void undoDelete(groupId, { restore: restoreDeleted }),
        },
      });
    },
    [restoreDeleted],
  );

  return useMemo(
    () => ({
      completeAllOpen: (day: string) =>
        attempt(() => completeAllOpen({ day }), "complete the todos"),
      deleteAllOpen: async (day: string) =>
        offerUndo(
          await attempt(() => deleteAllOpen({ day }), "delete the todos"),
          "Deleted the open todos",
        ),
      deleteAllDone: async (day: string) =>
        offerUndo(
          await attempt(() => deleteAllDone({ day }), "delete the done todos"),
          "Deleted the done todos",
        ),
    }),
    [completeAllOpen, deleteAllOpen, deleteAllDone, offerUndo],
  );
}
