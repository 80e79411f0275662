import type { OptimisticLocalStore } from "convex/browser";
import { useMemo } from "react";
import { toast } from "@/lib/toast";
import { api } from "@convex/_generated/api";
import type { Doc } from "@convex/_generated/dataModel";
import { shortDate } from "@/lib/dates";
import { attempt } from "@/lib/notify";
import { undoDelete } from "@/lib/dayItems";
import { useOutboxMutation } from "@/lib/outbox";
import { useRestoreDeleted } from "@/lib/restoreDeleted";
import { cleanName } from "@/lib/text";

type DayRow = Doc<"days">;

/** Rewrites a day's summary row wherever it is on screen (null removes it from lists). */
function updateDayRow(
  store: OptimisticLocalStore,
  day: string,
  change: (row: DayRow) => DayRow | null,
) {
  const row = store.getQuery(api.days.get, { day });
  if (row) {
    const next = change(row);
    store.setQuery(api.days.get, { day }, next);
  }
  for (const { args, value } of store.getAllQueries(api.days.list)) {
    if (!value || !value.page.some((r) => r.day === day)) continue;
    store.setQuery(api.days.list, args, {
      ...value,
      page: value.page.flatMap((r) => {
        if (r.day !== day) return [r];
        const next = change(r);
        // A row whose archive mark changed leaves this list.
        return next && next.archived === args.archived ? [next] : [];
      }),
    });
  }
}

const openTodos = (n: number) =>
  `${n.toLocaleString("en-US")} open todo${n === 1 ? "" : "s"}`;

/**
 * What a copy did, in words: "Nothing to copy" when nothing was open, and
 * how many were copied and skipped (already on that day) otherwise.
 */
export function copyOutcome(
  { copied, skipped }: { copied: number; skipped: number },
  toDay: string,
): string {
  if (copied === 0 && skipped === 0)
    return "Nothing to copy: this day has no open todos";
  if (copied === 0) {
    return skipped === 1
      ? `Nothing to copy: the open todo is already on ${toDay}`
      : `Nothing to copy: all ${openTodos(skipped)} are already on ${toDay}`;
  }
  const copiedPart = `Copied ${openTodos(copied)} to ${toDay}`;
  if (skipped === 0) return copiedPart;
  return `${copiedPart}; ${skipped.toLocaleString("en-US")} already there ${skipped === 1 ? "was" : "were"} skipped`;
}

/** Label, archive, copy and delete for whole days. */
export function useDayActions() {
  const setLabel = useOutboxMutation(api.days.setLabel, {
    optimisticUpdate: (store, { day, label }) =>
      updateDayRow(store, day, (row) => ({
        ...row,
        label: cleanName(label) || undefined,
      })),
  });
  const setArchived = useOutboxMutation(api.days.setArchived, {
    optimisticUpdate: (store, { day, archived }) =>
      updateDayRow(store, day, (row) => ({ ...row, archived })),
  });
  const remove = useOutboxMutation(api.days.remove, {
    optimisticUpdate: (store, { day }) => {
      updateDayRow(store, day, () => null);
      if (store.getQuery(api.todos.listForDay, { day })) {
        store.setQuery(api.todos.listForDay, { day }, []);
      }
    },
  });
  const copyOpen = useOutboxMutation(api.todos.copyOpenToDay);
  const restoreDeleted = useRestoreDeleted();

  return useMemo(
    () => ({
      setLabel: (day: string, label: string) =>
        attempt(() => setLabel({ day, label }), "rename the day"),
      setArchived: async (day: string, archived: boolean) => {
        const done = await attempt(
          () => setArchived({ day, archived }).then(() => true),
          archived ? "archive the day" : "unarchive the day",
        );
        if (done)
          toast.success(
            archived
              ? `Archived ${shortDate(day)}`
              : `Unarchived ${shortDate(day)}`,
          );
      },
      copyOpenTo: async (fromDay: string, toDay: string) => {
        const result = await attempt(
          () => copyOpen({ fromDay, toDay }),
          "copy the todos",
        );
        if (!result) return;
        const words = copyOutcome(result, shortDate(toDay));
        if (result.copied > 0) toast.success(words);
        else toast.message(words);
      },
      /** To "Recently deleted", with Undo: the day comes back whole. */
      remove: async (day: string) => {
        const groupId = await attempt(() => remove({ day }), "delete the day");
        if (groupId === undefined) return;
        toast.message(`Deleted ${shortDate(day)}`, {
          action: groupId
            ? {
                label: "Undo",
                onClick: () =>
                  void undoDelete(groupId, { restore: restoreDeleted }),
              }
            : undefined,
        });
      },
    }),
    [setLabel, setArchived, copyOpen, remove, restoreDeleted],
  );
}

export type DayActions = ReturnType<typeof useDayActions>;
