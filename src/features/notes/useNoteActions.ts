import type { OptimisticLocalStore } from "convex/browser";
import { useMutation } from "convex/react";
import { useMemo } from "react";
import { api } from "../../../convex/_generated/api";
import type { Doc, Id } from "../../../convex/_generated/dataModel";
import { errorCode } from "../../lib/errors";
import { attempt } from "../../lib/notify";
import { toast } from "../../lib/toast";

export type Note = Doc<"notes">;

/** Where a note sat among its day's notes (for reorder and Undo). */
export type NoteNeighbours = {
  afterId: Id<"notes"> | null;
  beforeId: Id<"notes"> | null;
};

const OPTIMISTIC_PREFIX = "optimistic:";

/** A note shown before the server has stored it (not yet editable). */
export function isPendingNote(note: Pick<Note, "_id">): boolean {
  return note._id.startsWith(OPTIMISTIC_PREFIX);
}

function newNote(
  day: string,
  fields: Pick<Note, "title" | "body" | "collapsed">,
  list: Note[],
): Note {
  return {
    _id: `${OPTIMISTIC_PREFIX}${Math.random().toString(36).slice(2)}` as Id<"notes">,
    _creationTime: Date.now(),
    userId: "",
    day,
    // Display only: sorts after the day's last note.
    order: `${list[list.length - 1]?.order ?? "a0"}~`,
    updatedAt: Date.now(),
    ...fields,
  };
}

/** Rewrites one note wherever its day's list is loaded. */
function updateNote(
  store: OptimisticLocalStore,
  id: Id<"notes">,
  change: (note: Note, list: Note[]) => Note[],
) {
  for (const { args, value } of store.getAllQueries(api.notes.listForDay)) {
    const note = value?.find((n) => n._id === id);
    if (value && note)
      store.setQuery(api.notes.listForDay, args, change(note, value));
  }
}

function insertAt(list: Note[], note: Note, where: NoteNeighbours): Note[] {
  const at =
    where.afterId !== null
      ? list.findIndex((n) => n._id === where.afterId) + 1
      : where.beforeId !== null
        ? list.findIndex((n) => n._id === where.beforeId)
        : list.length;
  const index = at < 0 ? list.length : at;
  return [...list.slice(0, index), note, ...list.slice(index)];
}

/** The notes around `id` in its day's list. */
export function neighboursOf(list: Note[], id: Id<"notes">): NoteNeighbours {
  const index = list.findIndex((note) => note._id === id);
  return {
    afterId: index > 0 ? list[index - 1]!._id : null,
    beforeId:
      index >= 0 && index < list.length - 1 ? list[index + 1]!._id : null,
  };
}

function shorten(text: string, max = 40) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Every note mutation, with optimistic updates and error toasts. */
export function useNoteActions() {
  const create = useMutation(api.notes.create).withOptimisticUpdate(
    (store, { day, title, body }) => {
      const list = store.getQuery(api.notes.listForDay, { day });
      if (!list) return;
      const note = newNote(
        day,
        { title: title ?? "", body: body ?? "", collapsed: false },
        list,
      );
      store.setQuery(api.notes.listForDay, { day }, [...list, note]);
    },
  );
  const update = useMutation(api.notes.update).withOptimisticUpdate(
    (store, { id, title, body }) =>
      updateNote(store, id, (note, list) =>
        list.map((n) =>
          n === note
            ? { ...n, title: title ?? n.title, body: body ?? n.body }
            : n,
        ),
      ),
  );
  const setCollapsed = useMutation(api.notes.setCollapsed).withOptimisticUpdate(
    (store, { id, collapsed }) =>
      updateNote(store, id, (note, list) =>
        list.map((n) => (n === note ? { ...n, collapsed } : n)),
      ),
  );
  const reorder = useMutation(api.notes.reorder).withOptimisticUpdate(
    (store, { id, afterId, beforeId }) =>
      updateNote(store, id, (note, list) =>
        insertAt(
          list.filter((n) => n !== note),
          note,
          { afterId, beforeId },
        ),
      ),
  );
  const remove = useMutation(api.notes.remove).withOptimisticUpdate(
    (store, { id }) =>
      updateNote(store, id, (note, list) => list.filter((n) => n !== note)),
  );
  const restore = useMutation(api.notes.restore).withOptimisticUpdate(
    (store, { day, title, body, collapsed, afterId, beforeId }) => {
      const list = store.getQuery(api.notes.listForDay, { day });
      if (!list) return;
      const note = newNote(day, { title, body, collapsed }, list);
      store.setQuery(
        api.notes.listForDay,
        { day },
        insertAt(list, note, { afterId, beforeId }),
      );
    },
  );

  return useMemo(() => {
    const undoDelete = (note: Note, where: NoteNeighbours) => {
      const args = {
        day: note.day,
        title: note.title,
        body: note.body,
        collapsed: note.collapsed,
      };
      return attempt(async () => {
        try {
          await restore({ ...args, ...where });
        } catch (error) {
          // A neighbour went away meanwhile: put it back at the end instead.
          if (errorCode(error) !== "NOT_FOUND") throw error;
          await restore({ ...args, afterId: null, beforeId: null });
        }
      }, "undo");
    };

    return {
      add: (day: string) => attempt(() => create({ day }), "add the note"),
      save: (id: Id<"notes">, fields: { title?: string; body?: string }) =>
        update({ id, ...fields }),
      setCollapsed: (note: Note, collapsed: boolean) =>
        attempt(
          () => setCollapsed({ id: note._id, collapsed }),
          "update the note",
        ),
      reorder: (id: Id<"notes">, where: NoteNeighbours) =>
        attempt(() => reorder({ id, ...where }), "move the note"),
      /** `note` carries the latest text, even edits not yet saved. */
      remove: async (note: Note, where: NoteNeighbours) => {
        const removed = await attempt(
          () => remove({ id: note._id }).then(() => true),
          "delete the note",
        );
        if (!removed) return;
        toast.message(`Deleted “${shorten(note.title || "Untitled note")}”`, {
          action: {
            label: "Undo",
            onClick: () => void undoDelete(note, where),
          },
        });
      },
    };
  }, [create, update, setCollapsed, reorder, remove, restore]);
}

export type NoteActions = ReturnType<typeof useNoteActions>;
