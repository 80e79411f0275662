import {
  Archive,
  ArchiveRestore,
  CalendarDays,
  Copy,
  Pencil,
  Trash2,
} from "lucide-react";
import { IconButton } from "@/components/ui/Button";
import { useConfirm } from "@/components/ui/confirm";
import { Menu } from "@/components/ui/Menu";
import { usePickDate } from "@/components/ui/pickDate";
import { dayWithinRange, shiftDay } from "@/lib/dates";
import { useToday } from "@/lib/useToday";
import type { DayActions } from "../useDayActions";
import { isolate } from "@/components/ui/UserText";

/** Rename, archive, copy open todos and delete for one day. */
export function DayMenu({
  day,
  name,
  archived,
  actions,
  onRename,
}: {
  day: string;
  name: string;
  archived: boolean;
  actions: DayActions;
  onRename: () => void;
}) {
  const confirm = useConfirm();
  const pickDate = usePickDate();
  const tomorrow = shiftDay(useToday(), 1);
  const copyTo = (toDay: string) => void actions.copyOpenTo(day, toDay);
  const previousDay = dayWithinRange(day, -1);
  const nextDay = dayWithinRange(day, 1);

  return (
    <Menu
      trigger={(props) => (
        <IconButton
          {...props}
          label={`More actions for ${name}`}
          size="sm"
          // Drawn by CSS (icons.css), as in every todo row: one per day
          // in the sidebar, with no SVG elements.
          className="icon icon-more"
          icon={null}
        />
      )}
      entries={[
        {
          type: "item",
          label: "Rename",
          icon: <Pencil className="size-4" />,
          onSelect: onRename,
        },
        {
          type: "item",
          label: archived ? "Unarchive" : "Archive",
          icon: archived ? (
            <ArchiveRestore className="size-4" />
          ) : (
            <Archive className="size-4" />
          ),
          onSelect: () => void actions.setArchived(day, !archived),
        },
        { type: "separator" },
        { type: "label", label: "Copy open todos to" },
        day !== tomorrow && {
          type: "item",
          label: "Tomorrow",
          icon: <Copy className="size-4" />,
          onSelect: () => copyTo(tomorrow),
        },
        {
          type: "item",
          label: "Previous day",
          icon: <Copy className="size-4" />,
          disabled: previousDay === null,
          onSelect: () => previousDay && copyTo(previousDay),
        },
        {
          type: "item",
          label: "Next day",
          icon: <Copy className="size-4" />,
          disabled: nextDay === null,
          onSelect: () => nextDay && copyTo(nextDay),
        },
        {
          type: "item",
          label: "A date…",
          icon: <CalendarDays className="size-4" />,
          onSelect: async () => {
            const toDay = await pickDate({
              title: "Copy open todos to",
              initial: nextDay ?? day,
              confirmLabel: "Copy here",
            });
            if (toDay && toDay !== day) copyTo(toDay);
          },
        },
        { type: "separator" },
        {
          type: "item",
          label: "Delete day",
          destructive: true,
          icon: <Trash2 className="size-4" />,
          onSelect: async () => {
            const ok = await confirm({
              title: `Delete ${isolate(name)}?`,
              description:
                "All of this day's todos and notes, its label and its archive mark will be deleted. This cannot be undone.",
              confirmLabel: "Delete day",
              destructive: true,
            });
            if (ok) void actions.remove(day);
          },
        },
      ]}
    />
  );
}
