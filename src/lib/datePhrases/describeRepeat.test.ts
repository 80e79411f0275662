import { expect, test } from "vitest";
import { shortDate } from "@/lib/dayNames";
import { describeRepeatWithEnd } from "./describeRepeat";
import type { RepeatRule } from "./repeatRule";

const weekdays: Omit<RepeatRule, "end"> = {
  freq: "weekly",
  interval: 1,
  byWeekday: [0, 1, 2, 3, 4],
};

test.each<[RepeatRule, string]>([
  [{ ...weekdays, end: { kind: "never" } }, "every weekday"],
  [{ ...weekdays, end: { kind: "count", count: 5 } }, "every weekday, 5 times"],
  [{ ...weekdays, end: { kind: "count", count: 1 } }, "every weekday, once"],
  [
    { ...weekdays, end: { kind: "until", day: "2027-01-15" } },
    `every weekday until ${shortDate("2027-01-15")}`,
  ],
])("a repeat's words say when it ends: %j", (rule, words) => {
  expect(describeRepeatWithEnd(rule)).toBe(words);
});
