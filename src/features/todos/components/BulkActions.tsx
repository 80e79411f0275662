import { CheckCheck, ListX, MoreVertical, Trash2 } from "lucide-react";
import { memo } from "react";
import { IconButton } from "@/components/ui/Button";
import { useConfirm } from "@/components/ui/confirm";
import { Menu } from "@/components/ui/Menu";
import { useBulkTodoActions } from "../useBulkTodoActions";
import { isolate } from "@/components/ui/UserText";

/** Complete all, delete all open, delete all done — each confirmed. Memoised. */
export const BulkActions = memo(function BulkActions({
  day,
  dayName,
  openCount,
  openItemCount,
  doneCount,
}: {
  day: string;
  dayName: string;
  /** Open todos (checkable). */
  openCount: number;
  /** Open items including headings. */
  openItemCount: number;
  doneCount: number;
}) {
  const confirm = useConfirm();
  const actions = useBulkTodoActions();
  if (openItemCount === 0 && doneCount === 0) return null;
  const plural = (n: number, word: string) =>
    `${n} ${word}${n === 1 ? "" : "s"}`;
  return (
    <Menu
      trigger={(props) => (
        <IconButton
          {...props}
          label={`Actions for all todos on ${dayName}`}
          icon={<MoreVertical aria-hidden className="size-4" />}
        />
      )}
      entries={[
        {
          type: "item",
          label: "Complete all",
          icon: <CheckCheck className="size-4" />,
          disabled: openCount === 0,
          onSelect: async () => {
            const ok = await confirm({
              title: "Complete all open todos?",
              description: `${plural(openCount, "todo")} on ${isolate(dayName)} will move to Done.`,
              confirmLabel: "Complete all",
            });
            if (ok) void actions.completeAllOpen(day);
          },
        },
        {
          type: "item",
          label: "Delete all open",
          destructive: true,
          icon: <ListX className="size-4" />,
          disabled: openItemCount === 0,
          onSelect: async () => {
            const ok = await confirm({
              title: "Delete all open todos?",
              description: `${plural(openItemCount, "open item")} on ${isolate(dayName)} (headings included) will be deleted. This cannot be undone.`,
              confirmLabel: "Delete all open",
              destructive: true,
            });
            if (ok) void actions.deleteAllOpen(day);
          },
        },
        {
          type: "item",
          label: "Delete all done",
          destructive: true,
          icon: <Trash2 className="size-4" />,
          disabled: doneCount === 0,
          onSelect: async () => {
            const ok = await confirm({
              title: "Delete all done todos?",
              description: `${plural(doneCount, "done todo")} on ${isolate(dayName)} will be deleted. This cannot be undone.`,
              confirmLabel: "Delete all done",
              destructive: true,
            });
            if (ok) void actions.deleteAllDone(day);
          },
        },
      ]}
    />
  );
});
