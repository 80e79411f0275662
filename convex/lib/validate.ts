import { isMatch } from "date-fns";
import { invalidArgument } from "./errors";
import { LIMITS } from "./limits";

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written `YYYY-MM-DD` (so `2025-02-30` is rejected). */
export function requireDay(value: string, field = "day"): string {
  if (!DAY_PATTERN.test(value) || !isMatch(value, "yyyy-MM-dd")) {
    throw invalidArgument(
      `${field} must be a calendar date written YYYY-MM-DD, e.g. 2025-01-31.`,
    );
  }
  return value;
}

type TextRule = { field: string; max: number; allowEmpty?: boolean };

/** Bounds a string; blank counts as empty. Returns the string unchanged. */
export function requireText(value: string, rule: TextRule): string {
  if (!rule.allowEmpty && value.trim() === "") {
    throw invalidArgument(`${rule.field} cannot be empty.`);
  }
  if (value.length > rule.max) {
    throw invalidArgument(
      `${rule.field} is too long: at most ${rule.max.toLocaleString("en-US")} characters.`,
    );
  }
  return value;
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
