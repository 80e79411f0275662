import { Dialog } from "../../../components/ui/Dialog";

export type SearchDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Opens a result's day (and note). */
  onOpenResult?: (result: { day: string; noteId?: string }) => void;
};

/** Placeholder: the search wave replaces this dialog (loaded on demand). */
export default function SearchDialog({
  open,
  onOpenChange,
}: SearchDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Search" size="lg">
      <p className="text-slate-700 dark:text-slate-300">Search is coming.</p>
    </Dialog>
  );
}
