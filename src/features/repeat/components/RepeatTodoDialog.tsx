import { api } from "@convex/_generated/api";
import type { Doc } from "@convex/_generated/dataModel";
import { isPendingId } from "@/lib/dayItems";
import { useSignedInQuery } from "@/lib/signedInQueries";
import type { SeriesActions } from "../useSeriesActions";
import { RepeatDialog } from "./RepeatDialog";

/**
 * The "Repeat" dialog for one todo: its rule when it repeats, saved and
 * stopped through the series' actions. Loaded the first time it opens.
 */
export default function RepeatTodoDialog({
  todo,
  actions,
  onClose,
  returnFocusTo,
}: {
  todo: Pick<Doc<"todos">, "_id" | "text" | "day" | "seriesId">;
  actions: SeriesActions;
  onClose: () => void;
  returnFocusTo: HTMLElement | null;
}) {
  // A series still on its way (an optimistic update) has no rule to show
  // yet: the dialog opens as for a todo that does not repeat.
  const seriesId =
    todo.seriesId && !isPendingId(todo.seriesId) ? todo.seriesId : undefined;
  const series = useSignedInQuery(
    api.series.get,
    seriesId ? { seriesId } : "skip",
  );
  // Opened on the rule it has, so wait for it.
  if (seriesId && series === undefined) return null;
  const running = series?.active ? series : null;
  return (
    <RepeatDialog
      text={todo.text}
      day={todo.day}
      rule={running?.rule ?? null}
      returnFocusTo={returnFocusTo}
      onClose={onClose}
      onSave={(rule) => {
        onClose();
        void actions.setRepeat(todo, rule);
      }}
      onStop={
        running && seriesId
          ? () => {
              onClose();
              void actions.stop({ ...todo, seriesId });
            }
          : undefined
      }
    />
  );
}
