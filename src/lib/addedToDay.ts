import type { DayString } from "./dates";
import { dayInSentence } from "./dayNames";
import { revealTodoOnPage } from "./revealTodoOnPage";
import type { Undoable } from "./undo";

/**
 * The toast of a todo added by typing its day in words ("Call mom
 * tomorrow", "Water plants every Sunday"): it names the day (and how the
 * todo repeats, if it does), and when that day is not the one on screen
 * (`openDay` given) offers "Go there", which opens the day with focus on
 * the todo. `todoId` is read on the click: a redo brings the todo back
 * under a new id. The one place both kinds of add word their toast.
 */
export function addedToDay({
  quotedText,
  day,
  repeats,
  openDay,
  todoId,
}: {
  /** The todo's text, quoted and isolated as toasts show user text. */
  quotedText: string;
  day: DayString;
  /** How it repeats ("every Sunday, 5 times"), for a repeating todo. */
  repeats?: string;
  openDay?: () => void;
  todoId: () => string;
}): Pick<Undoable, "label" | "secondaryAction"> {
  const label = `Added ${quotedText} to ${dayInSentence(day)}${repeats ? `, repeating ${repeats}` : ""}`;
  if (!openDay) return { label };
  return {
    label,
    secondaryAction: {
      label: "Go there",
      onClick: () => {
        openDay();
        revealTodoOnPage(todoId());
      },
    },
  };
}
