import type { DayString } from "@/lib/dates";
import type { RepeatRule } from "./repeatRule";

export type { RepeatRule };

/**
 * A date phrase found in a todo's text. `phrase` is the words as typed
 * ("tomorrow", "every Sunday"); `text` is the todo's text without them.
 */
export type DatePhrase =
  | { kind: "day"; phrase: string; text: string; day: DayString }
  | {
      kind: "repeat";
      phrase: string;
      text: string;
      rule: RepeatRule;
      /** The first day the rule has, from `today` on. */
      firstDay: DayString;
    };

export type DatePhraseOptions = {
  /** The person's today: "tomorrow" and "every Sunday" count from it. */
  today: DayString;
  /** Phrases the person chose to keep as text (any case), never read. */
  keepAsText?: readonly string[];
};

export type FindDatePhrase = (
  text: string,
  options: DatePhraseOptions,
) => DatePhrase | null;
