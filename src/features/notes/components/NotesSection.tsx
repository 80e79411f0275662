import { memo } from "react";
import { NotebookPen } from "lucide-react";

import { api } from "@convex/_generated/api";
import { Button } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { SkeletonList } from "@/components/ui/Skeleton";
import { requestReveal } from "@/lib/reveal";
import { useSignedInQuery } from "@/lib/signedInQueries";
import { useNoteActions } from "../useNoteActions";
import { ADD_NOTE_ID } from "./NoteCard";
import { NoteList } from "./NoteList";

/** A day's notes: Add note, then each note in order. */
export const NotesSection = memo(function NotesSection({
  day,
}: {
  day: string;
}) {
  const notes = useSignedInQuery(api.notes.listForDay, { day });
  const actions = useNoteActions();

  const add = async () => {
    const id = await actions.add(day);
    // Put the caret in the new note's title.
    if (id) requestReveal({ kind: "note", id });
  };

  return (
    <section aria-labelledby="notes-heading" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="notes-heading" className="text-lg font-semibold">
          Notes
        </h2>
        <Button id={ADD_NOTE_ID} size="sm" onClick={() => void add()}>
          <NotebookPen aria-hidden className="size-4" />
          Add note
        </Button>
      </div>
      {notes === undefined ? (
        <SkeletonList rows={2} label="Loading notes" />
      ) : notes.length === 0 ? (
        <EmptyState
          icon={<NotebookPen className="size-6" />}
          title="No notes yet"
        >
          Add a note for anything longer than a todo. Notes save as you type.
        </EmptyState>
      ) : (
        <NoteList notes={notes} actions={actions} />
      )}
    </section>
  );
});
