import { useEffect } from "react";
import { dayOfPath, paths } from "@/config/paths";
import { useDay } from "@/features/days";
import { relativeDayName, shortDate } from "@/lib/dayNames";
import { isBlankText } from "@/lib/text";
import { useToday } from "@/lib/useToday";

const APP_NAME = "Daybook";

/** What the tab shows: a day, a view, or a dialog open over them. */
export type TitledView =
  | { view: "day"; day: string; label?: string | null }
  | {
      view:
        "pinned" | "trash" | "not-found" | "search" | "settings" | "shortcuts";
    };

const VIEW_NAMES = {
  pinned: "Pinned",
  trash: "Recently deleted",
  "not-found": "Page not found",
  search: "Search",
  settings: "Settings",
  shortcuts: "Keyboard shortcuts",
} as const;

/**
 * The tab's title, e.g. "Errands · Sat, Nov 28 — Daybook": a day by its
 * label (or Today / Yesterday / Tomorrow) and short date, a view by its name.
 */
export function documentTitle(
  titled: TitledView,
  now: Date = new Date(),
): string {
  if (titled.view !== "day") return `${VIEW_NAMES[titled.view]} — ${APP_NAME}`;
  const { day, label } = titled;
  const name = label && !isBlankText(label) ? label : relativeDayName(day, now);
  const date = shortDate(day, now);
  return `${name ? `${name} · ${date}` : date} — ${APP_NAME}`;
}

/**
 * Keeps document.title in step with the signed-in app: the routed view at
 * `path` (through the paths table), or the dialog open over it. Leaving the
 * signed-in app puts back the plain name.
 *
 * A component that renders nothing, not a hook of the layout: the title
 * reads the day's summary, which changes with every todo added, ticked or
 * deleted, and in the layout each such change re-rendered the whole app
 * (header, sidebar, the day's lists) for a title that rarely changes.
 */
export function DocumentTitle({
  path,
  overlay,
}: {
  path: string;
  overlay: "search" | "settings" | "shortcuts" | null;
}) {
  const day = dayOfPath(path, useToday());
  const label = useDay(day)?.label;
  const title = documentTitle(
    overlay
      ? { view: overlay }
      : day
        ? { view: "day", day, label }
        : {
            view:
              path === paths.pinned
                ? "pinned"
                : path === paths.trash
                  ? "trash"
                  : "not-found",
          },
  );
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(
    () => () => {
      document.title = APP_NAME;
    },
    [],
  );
  return null;
}
