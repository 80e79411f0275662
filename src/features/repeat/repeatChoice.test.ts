import { expect, test } from "vitest";
import type { RepeatRule } from "@convex/lib/repeatRule";
import { describeRepeat } from "@/lib/datePhrases/describeRepeat";
import {
  choiceFor,
  defaultUntilDay,
  problemWith,
  ruleFor,
  weekdayOfDay,
} from "./repeatChoice";

const never = { kind: "never" } as const;

test("weekdays count from Monday, as the backend's rules do", () => {
  expect(weekdayOfDay("2026-11-30")).toBe(0); // a Monday
  expect(weekdayOfDay("2026-12-06")).toBe(6); // a Sunday
});

test.each<[string, RepeatRule]>([
  ["every day", { freq: "daily", interval: 1, end: never }],
  [
    "every weekday",
    { freq: "weekly", interval: 1, byWeekday: [0, 1, 2, 3, 4], end: never },
  ],
  [
    "every Tuesday and Saturday",
    { freq: "weekly", interval: 1, byWeekday: [1, 5], end: never },
  ],
  [
    "every month on the 31st",
    {
      freq: "monthly",
      interval: 1,
      byMonthDay: 31,
      end: { kind: "until", day: "2027-01-31" },
    },
  ],
  [
    "every 3 days",
    { freq: "daily", interval: 3, end: { kind: "count", count: 7 } },
  ],
  ["every year", { freq: "yearly", interval: 1, end: never }],
])("%s: the dialog opens on the rule and saves it unchanged", (words, rule) => {
  expect(ruleFor(choiceFor("2026-11-30", rule))).toEqual(rule);
  expect(describeRepeat(rule)).toBe(words);
});

test("a fresh choice starts from the todo's day", () => {
  const choice = choiceFor("2026-12-24", null);
  expect(choice).toMatchObject({
    kind: "daily",
    weekdays: [3],
    monthDay: 24,
    end: "never",
    untilDay: "2027-01-24",
  });
  expect(problemWith(choice, "2026-12-24")).toBeNull();
  expect(problemWith({ ...choice, end: "until" }, "2026-12-24")).toBeNull();
});

test.each([
  ["2026-11-30", "2026-12-30"],
  ["2027-01-31", "2027-02-28"],
  ["2028-01-31", "2028-02-29"],
  ["2026-12-15", "2027-01-15"],
])("ending on a date starts a month after %s: %s", (day, until) => {
  expect(defaultUntilDay(day)).toBe(until);
});

test.each([
  [{ kind: "weekly", weekdays: [] }, "Choose at least one weekday."],
  [{ kind: "monthly", monthDay: 0 }, "The day of the month is 1 to 31."],
  [
    { kind: "monthly", monthDay: Number.NaN },
    "The day of the month is 1 to 31.",
  ],
  [{ kind: "everyNDays", everyDays: 367 }, "Repeat every 1 to 366 days."],
  [
    { end: "until", untilDay: "2026-11-29" },
    "The end date must be on or after the todo's day.",
  ],
  [
    { end: "until", untilDay: "" },
    "The end date must be on or after the todo's day.",
  ],
  [{ end: "count", count: 1001 }, "End after 1 to 1,000 times."],
] as const)("%j is explained: %s", (change, words) => {
  const choice = { ...choiceFor("2026-11-30", null), ...change };
  expect(problemWith(choice as never, "2026-11-30")).toBe(words);
});
