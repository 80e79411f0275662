import { useConvexAuth, useMutation, useQuery } from "convex/react";
import { NotebookPen } from "lucide-react";
import { api } from "../../../../convex/_generated/api";
import { Button } from "../../../components/ui/Button";
import { attempt } from "../../../lib/notify";

/**
 * Mount point for a day's notes. Wave 1 only adds notes (so "Add note"
 * works and notes-only days appear in the sidebar) and lists their titles;
 * the notes editor replaces this component.
 */
export function NotesSection({ day }: { day: string }) {
  const { isAuthenticated } = useConvexAuth();
  const notes = useQuery(
    api.notes.listForDay,
    isAuthenticated ? { day } : "skip",
  );
  const create = useMutation(api.notes.create);
  return (
    <section aria-labelledby="notes-heading" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="notes-heading" className="text-lg font-semibold">
          Notes
        </h2>
        <Button
          size="sm"
          onClick={() => void attempt(() => create({ day }), "add the note")}
        >
          <NotebookPen aria-hidden className="size-4" />
          Add note
        </Button>
      </div>
      {notes && notes.length > 0 ? (
        <ul aria-label="Notes" className="flex flex-col gap-1 text-sm">
          {notes.map((note) => (
            <li
              key={note._id}
              className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800"
            >
              {note.title || "Untitled note"}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
