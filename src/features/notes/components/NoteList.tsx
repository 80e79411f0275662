import type { Id } from "@convex/_generated/dataModel";
import { SortableList } from "@/components/ui/SortableList";
import type { Note, NoteActions, NoteNeighbours } from "../useNoteActions";
import { NoteCard } from "./NoteCard";
import { noteName } from "../noteName";

export type NoteListProps = {
  notes: Note[];
  actions: NoteActions;
  neighbours: (id: Id<"notes">) => NoteNeighbours;
};

/**
 * The day's notes, reorderable on each note's handle.
 */
export function NoteList({ notes, actions, neighbours }: NoteListProps) {
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
          neighbours={() => neighbours(note._id)}
          sortable={sortable}
        />
      )}
    />
  );
}
