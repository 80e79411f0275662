import { useMutation } from "convex/react";
import { useMemo } from "react";
import { api } from "../../../convex/_generated/api";
import { attempt } from "../../lib/notify";
import { adjustDayCounts, updateDayList } from "./optimistic";

/** Whole-day actions (loaded with the bulk menu), with optimistic updates. */
export function useBulkTodoActions() {
  const completeAllOpen = useMutation(
    api.todos.completeAllOpen,
  ).withOptimisticUpdate((store, { day }) => {
    const list = store.getQuery(api.todos.listForDay, { day });
    const open = list?.filter((t) => t.kind === "todo" && !t.done).length ?? 0;
    updateDayList(store, day, (todos) =>
      todos.map((t) => (t.kind === "todo" ? { ...t, done: true } : t)),
    );
    adjustDayCounts(store, day, { openCount: -open, doneCount: open });
  });
  const deleteAllOpen = useMutation(
    api.todos.deleteAllOpen,
  ).withOptimisticUpdate((store, { day }) => {
    const list = store.getQuery(api.todos.listForDay, { day }) ?? [];
    const gone = list.filter((t) => !t.done);
    updateDayList(store, day, (todos) => todos.filter((t) => t.done));
    adjustDayCounts(store, day, {
      openCount: -gone.filter((t) => t.kind === "todo").length,
      todoCount: -gone.length,
    });
  });
  const deleteAllDone = useMutation(
    api.todos.deleteAllDone,
  ).withOptimisticUpdate((store, { day }) => {
    const list = store.getQuery(api.todos.listForDay, { day }) ?? [];
    const gone = list.filter((t) => t.done).length;
    updateDayList(store, day, (todos) => todos.filter((t) => !t.done));
    adjustDayCounts(store, day, { doneCount: -gone, todoCount: -gone });
  });

  return useMemo(
    () => ({
      completeAllOpen: (day: string) =>
        attempt(() => completeAllOpen({ day }), "complete the todos"),
      deleteAllOpen: (day: string) =>
        attempt(() => deleteAllOpen({ day }), "delete the todos"),
      deleteAllDone: (day: string) =>
        attempt(() => deleteAllDone({ day }), "delete the done todos"),
    }),
    [completeAllOpen, deleteAllOpen, deleteAllDone],
  );
}
