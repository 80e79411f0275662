import { useMemo } from "react";
import { api } from "@convex/_generated/api";
import type { Doc, Id } from "@convex/_generated/dataModel";
import type { RepeatRule } from "@convex/lib/repeatRule";
import { addedToDay } from "@/lib/addedToDay";
import { describeRepeatWithEnd } from "@/lib/datePhrases/describeRepeat";
import { pendingId } from "@/lib/dayItems";
import { attempt } from "@/lib/notify";
import { shorten } from "@/lib/text";
import { useUndoableMutation } from "@/lib/undo";
import { isolate } from "@/components/ui/UserText";

type Occurrence = Pick<Doc<"todos">, "_id" | "text" | "day" | "seriesId">;

const quoted = (text: string) => `“${isolate(shorten(text))}”`;

/**
 * Repeating todos' changes (convex/series), each undoable from its toast
 * and with Ctrl+Z like every change; a refusal is shown as a toast. Each
 * resolves to undefined when refused.
 */
export function useSeriesActions() {
  const create = useUndoableMutation(api.series.create);
  const setRepeat = useUndoableMutation(api.series.setRepeat, {
    // The todo shows its repeat icon at once, with a temporary series id
    // (RepeatTodoDialog does not look it up). The old series' later
    // occurrences stay until the server answers: only it knows which of
    // them were edited or moved, and so stay.
    optimisticUpdate: (store, { id }) => {
      const seriesId = pendingId<Id<"series">>();
      for (const { args, value } of store.getAllQueries(api.todos.listForDay)) {
        if (!value?.some((todo) => todo._id === id)) continue;
        store.setQuery(
          api.todos.listForDay,
          args,
          value.map((todo) => (todo._id === id ? { ...todo, seriesId } : todo)),
        );
      }
    },
  });
  const stop = useUndoableMutation(api.series.stop);
  const editFollowing = useUndoableMutation(api.series.editFollowing);
  const deleteFollowing = useUndoableMutation(api.series.deleteFollowing, {
    optimisticUpdate: (store, { id }) => {
      for (const { args, value } of store.getAllQueries(api.todos.listForDay)) {
        const gone = value?.find((todo) => todo._id === id);
        if (!gone || !value) continue;
        store.setQuery(
          api.todos.listForDay,
          args,
          value.filter(
            (todo) =>
              todo._id !== id &&
              !(
                todo.seriesId === gone.seriesId &&
                todo.day > gone.day &&
                !todo.done
              ),
          ),
        );
      }
    },
  });

  return useMemo(
    () => ({
      /**
       * Starts a repeating todo on `day` (its first occurrence there if the
       * rule has it, else on its first day after); true once stored. Its
       * toast is a dated add's (addedToDay): the first occurrence's day,
       * how it repeats, and "Go there" (`openDay`) when that day is not the
       * one on screen.
       */
      create: async (
        day: string,
        text: string,
        rule: RepeatRule,
        openDay?: () => void,
      ) => {
        // Until the server answers (and if its first day has none).
        const undated = `Added ${quoted(text)}, repeating ${describeRepeatWithEnd(rule, day)}`;
        return (
          (await attempt(
            () =>
              create(
                { day, text, rule },
                {
                  pending: undated,
                  afterResult: ({ todoId }) =>
                    todoId === null
                      ? undated
                      : addedToDay({
                          quotedText: quoted(text),
                          day,
                          repeats: describeRepeatWithEnd(rule, day),
                          openDay,
                          todoId: () => todoId,
                        }),
                },
              ),
            "add the repeating todo",
          )) !== undefined
        );
      },
      /** Makes the todo repeat from its day (or changes how it repeats). */
      setRepeat: (todo: Occurrence, rule: RepeatRule) =>
        attempt(
          () =>
            setRepeat(
              { id: todo._id, rule },
              `${quoted(todo.text)} repeats ${describeRepeatWithEnd(rule, todo.day)}`,
            ),
          "set the repeat",
        ),
      /** Stops the series; untouched occurrences after today go. */
      stop: (todo: Occurrence & { seriesId: Id<"series"> }) =>
        attempt(
          () =>
            stop(
              { seriesId: todo.seriesId },
              `${quoted(todo.text)} no longer repeats`,
            ),
          "stop the repeat",
        ),
      /** Rewrites this occurrence and the open ones after it. */
      editFollowing: (todo: Occurrence, text: string, baseText: string) =>
        editFollowing(
          { id: todo._id, baseText, text },
          `Edited ${quoted(text)} and the following`,
        ),
      /** Deletes this occurrence and the open ones after it. */
      deleteFollowing: (todo: Occurrence) =>
        attempt(
          () =>
            deleteFollowing(
              { id: todo._id },
              `Deleted ${quoted(todo.text)} and the following`,
            ),
          "delete the todos",
        ),
    }),
    [create, setRepeat, stop, editFollowing, deleteFollowing],
  );
}

export type SeriesActions = ReturnType<typeof useSeriesActions>;
