import type { OptimisticLocalStore } from "convex/browser";
import { useMemo } from "react";
import { toast } from "@/lib/toast";
import { api } from "@convex/_generated/api";
import type { Doc } from "@convex/_generated/dataModel";
import { shortDate } from "@/lib/dayNames";
import { attempt } from "@/lib/notify";
import { useOutboxMutation } from "@/lib/outbox";
import { useUndoableDelete } from "@/lib/restoreDeleted";
import { cleanName, shorten } from "@/lib/text";
import { useUndoableMutation } from "@/lib/undo";
import { isolate } from "@/components/ui/UserText";

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
  const setLabel = useUndoableMutation(api.days.setLabel, {
    optimisticUpdate: (store, { day, label }) =>
      updateDayRow(store, day, (row) => ({
        ...row,
        label: cleanName(label) || undefined,
      })),
  });
  const setArchived = useUndoableMutation(api.days.setArchived, {
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
  const copyOpen = useUndoableMutation(api.todos.copyOpenToDay);
  const deleteUndoably = useUndoableDelete();

  return useMemo(
    () => ({
      setLabel: (day: string, label: string) =>
        attempt(
          () =>
            setLabel(
              { day, label },
              cleanName(label)
                ? `Named ${shortDate(day)} “${isolate(shorten(cleanName(label)))}”`
                : `Removed the name of ${shortDate(day)}`,
            ),
          "rename the day",
        ),
      setArchived: (day: string, archived: boolean) =>
        attempt(
          () =>
            setArchived(
              { day, archived },
              `${archived ? "Archived" : "Unarchived"} ${shortDate(day)}`,
            ),
          archived ? "archive the day" : "unarchive the day",
        ),
      copyOpenTo: async (fromDay: string, toDay: string) => {
        // A copy that copied something is a step to undo, with its toast;
        // one that copied nothing only says why.
        const result = await attempt(
          () =>
            copyOpen(
              { fromDay, toDay },
              {
                pending: `Copied the open todos to ${shortDate(toDay)}`,
                afterResult: (outcome) =>
                  outcome.copied > 0
                    ? copyOutcome(outcome, shortDate(toDay))
                    : null,
              },
            ),
          "copy the todos",
        );
        if (result && result.copied === 0)
          toast.message(copyOutcome(result, shortDate(toDay)));
      },
      /** To "Recently deleted"; undo brings the day back whole. */
      remove: async (day: string) => {
        const label = `Deleted ${shortDate(day)}`;
        const group = await deleteUndoably({
          label,
          failure: "delete the day",
          remove: () => remove({ day }),
        });
        // A day that held nothing to keep: gone, with nothing to undo.
        if (group === null) toast.message(label);
      },
    }),
    [setLabel, setArchived, copyOpen, remove, deleteUndoably],
  );
}

export type DayActions = ReturnType<typeof useDayActions>;
