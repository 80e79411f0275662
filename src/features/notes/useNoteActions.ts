import type { OptimisticLocalStore } from "convex/browser";
import { useConvex } from "convex/react";
import { useMemo } from "react";
import { api } from "@convex/_generated/api";
import type { Doc, Id } from "@convex/_generated/dataModel";
import { moveBetween, pendingFields, type Neighbours } from "@/lib/dayItems";
import { errorCode } from "@/lib/errors";
import { attempt, notifyError } from "@/lib/notify";
import { useOutboxMutation } from "@/lib/outbox";
import { useUndoableDelete } from "@/lib/restoreDeleted";
import { shorten } from "@/lib/text";
import { useUndoableMutation } from "@/lib/undo";
import { isolate } from "@/components/ui/UserText";

export type Note = Doc<"notes">;
export type NoteNeighbours = Neighbours<Id<"notes">>;

/** A note as the server will store it at the end of `list`. */
function newNote(
  day: string,
  fields: Pick<Note, "title" | "body" | "collapsed">,
  list: readonly Note[],
): Note {
  return {
    ...pendingFields<Id<"notes">>(day, list),
    updatedAt: Date.now(),
    ...fields,
  };
}

/** Rewrites the loaded list of the day that holds note `id`. */
function updateListOf(
  store: OptimisticLocalStore,
  id: Id<"notes">,
  change: (list: Note[], note: Note) => readonly Note[],
) {
  for (const { args, value } of store.getAllQueries(api.notes.listForDay)) {
    const note = value?.find((n) => n._id === id);
    if (value && note)
      store.setQuery(api.notes.listForDay, args, [...change(value, note)]);
  }
}

/** Rewrites a day's loaded list of notes. */
function updateDayNotes(
  store: OptimisticLocalStore,
  day: string,
  change: (list: Note[]) => Note[],
) {
  const list = store.getQuery(api.notes.listForDay, { day });
  if (list) store.setQuery(api.notes.listForDay, { day }, change(list));
}

/** Every note mutation, with optimistic updates and error toasts. */
export function useNoteActions() {
  const create = useOutboxMutation(api.notes.create, {
    optimisticUpdate: (store, { day, title, body }) =>
      updateDayNotes(store, day, (list) => [
        ...list,
        newNote(
          day,
          { title: title ?? "", body: body ?? "", collapsed: false },
          list,
        ),
      ]),
  });
  const update = useOutboxMutation(api.notes.update, {
    // A save made before a reload that meets a newer version: the note's
    // editor keeps that text locally and merges it when the note is shown.
    onReplayRefused: (_args, error) => {
      if (errorCode(error) !== "CONFLICT") notifyError(error, "save the note");
    },
    // Shown only over the version it was made on: a save the server will
    // refuse as stale must not hide the newer text (the editor merges it).
    // The version stays: the editor tells its own saves by their versions.
    optimisticUpdate: (store, { id, baseVersion, title, body }) =>
      updateListOf(store, id, (list, note) =>
        list.map((n) =>
          n === note && (n.version ?? 0) === baseVersion
            ? { ...n, title: title ?? n.title, body: body ?? n.body }
            : n,
        ),
      ),
  });
  const setCollapsed = useUndoableMutation(api.notes.setCollapsed, {
    optimisticUpdate: (store, { id, collapsed }) =>
      updateListOf(store, id, (list, note) =>
        list.map((n) => (n === note ? { ...n, collapsed } : n)),
      ),
  });
  const reorder = useUndoableMutation(api.notes.reorder, {
    optimisticUpdate: (store, { id, afterId, beforeId }) =>
      updateListOf(store, id, (list) =>
        moveBetween(list, id, { afterId, beforeId }),
      ),
  });
  const remove = useOutboxMutation(api.notes.remove, {
    optimisticUpdate: (store, { id }) =>
      updateListOf(store, id, (list, note) => list.filter((n) => n !== note)),
  });
  const deleteUndoably = useUndoableDelete();
  const convex = useConvex();

  return useMemo(
    () => ({
      add: (day: string) => attempt(() => create({ day }), "add the note"),
      /** Saves an edit made on `baseVersion`; refused with CONFLICT if the note moved on. */
      save: (
        id: Id<"notes">,
        baseVersion: number,
        fields: { title?: string; body?: string },
      ) => update({ id, baseVersion, ...fields }),
      setCollapsed: (note: Note, collapsed: boolean) =>
        attempt(
          () =>
            setCollapsed(
              { id: note._id, collapsed },
              `${collapsed ? "Collapsed" : "Expanded"} ${
                note.title
                  ? `“${isolate(shorten(note.title))}”`
                  : "an untitled note"
              }`,
            ),
          "update the note",
        ),
      reorder: (id: Id<"notes">, where: NoteNeighbours) =>
        attempt(
          () => reorder({ id, ...where }, "Moved a note"),
          "move the note",
        ),
      /** `note` carries the latest text, even edits not yet saved. */
      remove: (note: Note) =>
        deleteUndoably({
          label: `Deleted “${isolate(shorten(note.title || "Untitled note"))}”`,
          failure: "delete the note",
          remove: async (restored) => {
            // A redo deletes again what the undo put back.
            if (restored) return await remove({ id: restored.notes[0]! });
            const { _id, day, title, body, version } = note;
            // Edits not yet saved go with it to the trash, so Undo brings
            // them back: saved first (a newer text elsewhere wins).
            const saved = convex
              .watchQuery(api.notes.listForDay, { day })
              .localQueryResult()
              ?.find((stored) => stored._id === _id);
            if (saved && (saved.title !== title || saved.body !== body)) {
              await update({
                id: _id,
                baseVersion: version ?? 0,
                title,
                body,
              }).catch(() => undefined);
            }
            return await remove({ id: _id });
          },
        }),
    }),
    [convex, create, update, setCollapsed, reorder, remove, deleteUndoably],
  );
}

export type NoteActions = ReturnType<typeof useNoteActions>;
