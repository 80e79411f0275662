import { CalendarDays, Repeat, X } from "lucide-react";
import { relativeDayName, shortDate } from "@/lib/dayNames";
import type { DatePhrase } from "@/lib/datePhrases";
// Not through the index: this module is loaded on demand, and so is this.
import { describeRepeat } from "@/lib/datePhrases/describeRepeat";

/*
 * Loaded on demand with the parser (AddTodo): a chip only ever shows once
 * the parser has found a phrase, so none of this is in the day view's code.
 */

/** "tomorrow, Tue, Dec 1", or "Fri, Dec 4" for a day without a name. */
function dayWords(day: string): string {
  const relative = relativeDayName(day);
  return relative
    ? `${relative.toLowerCase()}, ${shortDate(day)}`
    : shortDate(day);
}

/**
 * What Enter will do with a phrase, in a sentence, for the add field's
 * status line: "Adds to tomorrow, Tue, Dec 1", "Repeats every Sunday, from
 * Sun, Dec 6".
 */
export function DatePhraseOutcome({ phrase }: { phrase: DatePhrase }) {
  return phrase.kind === "day"
    ? `Adds to ${dayWords(phrase.day)}`
    : `Repeats ${describeRepeat(phrase.rule)}, from ${shortDate(phrase.firstDay)}`;
}

const capitalized = (words: string) =>
  words.charAt(0).toUpperCase() + words.slice(1);

/** The button's name: Keep “tomorrow” as text. */
const keepAsTextLabel = (phrase: DatePhrase) =>
  `Keep “${phrase.phrase}” as text`;

/**
 * The small chip under "Add a todo" showing the day a typed phrase resolves
 * to, before Enter, with a button that keeps the phrase as text (Esc in the
 * field does the same). Screen readers hear the outcome from the field's
 * status line (DatePhraseOutcome), so the chip's words are for the eye.
 */
export function DatePhraseChip({
  phrase,
  onKeepAsText,
}: {
  phrase: DatePhrase;
  onKeepAsText: () => void;
}) {
  const Icon = phrase.kind === "day" ? CalendarDays : Repeat;
  const words =
    phrase.kind === "day"
      ? capitalized(dayWords(phrase.day))
      : `${capitalized(describeRepeat(phrase.rule))} · from ${shortDate(phrase.firstDay)}`;
  const label = keepAsTextLabel(phrase);
  return (
    <span className="inline-flex min-w-0 items-center gap-1 rounded-full border border-indigo-200 bg-indigo-50 py-0.5 ps-2 text-xs text-indigo-900 dark:border-indigo-800 dark:bg-indigo-950 dark:text-indigo-100">
      <Icon aria-hidden className="size-3.5 shrink-0" />
      <span aria-hidden className="truncate">
        {words}
      </span>
      <button
        type="button"
        aria-label={label}
        title={`${label} (Esc)`}
        onClick={onKeepAsText}
        className="inline-flex size-6 shrink-0 items-center justify-center rounded-full hover:bg-indigo-100 max-sm:size-10 dark:hover:bg-indigo-900"
      >
        <X aria-hidden className="size-3.5" />
      </button>
    </span>
  );
}
