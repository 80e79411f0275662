import { memo } from "react";
import { SortableList } from "@/components/ui/SortableList";
import type { Note, NoteActions } from "../useNoteActions";
import { NoteCard } from "./NoteCard";
import { noteName } from "../noteName";

export type NoteListProps = {
  notes: Note[];
  actions: NoteActions;
};

/**
 * The day's notes, reorderable on each note's handle. Memoised: the notes
 * section re-renders for the sign-in and the outbox, which change nothing
 * here, and each render would give every note new callbacks.
 */
export const NoteList = memo(function NoteList({
  notes,
  actions,
}: NoteListProps) {
  return (
    <SortableList
      items={notes}
      label="Notes"
      className="flex flex-col gap-3"
      noun="note"
      nameOf={(note) => `note ${noteName(note?.title ?? "")}`}
      onMove={(id, where) => void actions.reorder(id, where)}
      renderItem={(note, sortable) => (
        <NoteCard
          key={note._id}
          note={note}
          actions={actions}
          sortable={sortable}
        />
      )}
    />
  );
});
