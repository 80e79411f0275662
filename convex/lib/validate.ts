import { isMatch } from "date-fns";
import {
  findForbiddenCharacter,
  isBlankText,
  normalizeText,
} from "./cleanText";
import { FIRST_DAY, isDayInRange, LAST_DAY } from "./dayRange";
import { invalidArgument } from "./errors";
import { LIMITS } from "./limits";

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real calendar date written `YYYY-MM-DD` (so `2025-02-30` is rejected),
 * inside the app's one range of days (lib/dayRange).
 */
export function requireDay(value: string, field = "day"): string {
  if (!DAY_PATTERN.test(value) || !isMatch(value, "yyyy-MM-dd")) {
    throw invalidArgument(
      `${field} must be a calendar date written YYYY-MM-DD, e.g. 2025-01-31.`,
    );
  }
  if (!isDayInRange(value)) {
    throw invalidArgument(
      `${field} must be between ${FIRST_DAY} and ${LAST_DAY}.`,
    );
  }
  return value;
}

type TextRule = { field: string; max: number; allowEmpty?: boolean };

/**
 * The rule for each kind of user text, shared by the functions that store
 * it and by import, which checks a file's rows in the browser first.
 */
export const TEXT_RULES = {
  todoText: { field: "Todo text", max: LIMITS.todoText },
  noteTitle: { field: "Note title", max: LIMITS.noteTitle, allowEmpty: true },
  noteBody: { field: "Note body", max: LIMITS.noteBody, allowEmpty: true },
  dayLabel: { field: "Label", max: LIMITS.dayLabel, allowEmpty: true },
} as const satisfies Record<string, TextRule>;

/**
 * The one gate for user text: NFC with `\n` line ends (lib/cleanText); a
 * control character or a lone surrogate is refused; text with nothing
 * visible counts as empty (refused, or "" where empty is allowed); then the
 * length bound. Returns the cleaned text, which is what callers store.
 */
export function requireText(value: string, rule: TextRule): string {
  const text = normalizeText(value);
  if (findForbiddenCharacter(text) !== null) {
    throw invalidArgument(
      `${rule.field} contains a control character that cannot be saved.`,
    );
  }
  if (isBlankText(text)) {
    if (!rule.allowEmpty) {
      throw invalidArgument(`${rule.field} cannot be empty.`);
    }
    return "";
  }
  if (text.length > rule.max) {
    throw invalidArgument(
      `${rule.field} is too long: at most ${rule.max.toLocaleString("en-US")} characters.`,
    );
  }
  return text;
}

/**
 * Text a client sends to say what it last saw (an edit's base): cleaned
 * like stored text for comparing, with `normalizeText` on both sides, but
 * never refused for a forbidden character, which an item stored before the
 * cleaning rules may hold. Bounded like the text itself.
 */
export function requireComparableText(value: string, rule: TextRule): string {
  const text = normalizeText(value);
  if (text.length > rule.max) {
    throw invalidArgument(
      `${rule.field} is too long: at most ${rule.max.toLocaleString("en-US")} characters.`,
    );
  }
  return text;
}

export function requireListSize<T>(list: T[], field: string): T[] {
  if (list.length === 0) throw invalidArgument(`${field} cannot be empty.`);
  if (list.length > LIMITS.listItems) {
    throw invalidArgument(
      `${field} has too many items: at most ${LIMITS.listItems}.`,
    );
  }
  return list;
}
