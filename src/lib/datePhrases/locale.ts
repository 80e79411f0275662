import type { Chrono } from "chrono-node/en";
import type { RepeatRule } from "./repeatRule";

/** A repeat phrase found in a text: where it is and what it means. */
export type RepeatMatch = {
  index: number;
  length: number;
  rule: RepeatRule;
  /**
   * The date the phrase names ("every year on March 3"): the series starts
   * on its next one, since a yearly rule repeats its start's date.
   */
  on?: { month: number; day: number };
};

/**
 * What one language brings to date phrases; English is the first
 * (english.ts). Another language is one more object of this shape, picked
 * in findDatePhrase: nothing else knows which language it reads.
 */
export type DatePhraseLocale = {
  /** chrono for the language, set up to find days in todo texts. */
  dates: Chrono;
  /** The first repeat phrase ("every Sunday"), or null. */
  findRepeat: (text: string) => RepeatMatch | null;
  /** Words a removed phrase leaves dangling before it ("Pay rent on"). */
  danglingWords: RegExp;
};
