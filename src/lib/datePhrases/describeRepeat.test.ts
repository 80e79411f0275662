import { expect, test } from "vitest";
import { describeRepeat, describeRepeatWithEnd } from "./describeRepeat";
import type { RepeatRule } from "./repeatRule";

const never = { kind: "never" } as const;

test.each<[string, RepeatRule, string]>([
  [
    "every Monday and Wednesday, 5 times",
    {
      freq: "weekly",
      interval: 1,
      byWeekday: [0, 2],
      end: { kind: "count", count: 5 },
    },
    "2026-11-30",
  ],
  [
    "every year on March 3, until Sat, Dec 18, 2027",
    { freq: "yearly", interval: 1, end: { kind: "until", day: "2027-12-18" } },
    "2026-03-03",
  ],
  [
    "every other year on February 29",
    { freq: "yearly", interval: 2, end: never },
    "2028-02-29",
  ],
  [
    "every day, once",
    { freq: "daily", interval: 1, end: { kind: "count", count: 1 } },
    "2026-11-30",
  ],
  [
    "every weekday",
    { freq: "weekly", interval: 1, byWeekday: [0, 1, 2, 3, 4], end: never },
    "2026-11-30",
  ],
  [
    "every month on the 31st, until Sun, Jan 31, 2027",
    {
      freq: "monthly",
      interval: 1,
      byMonthDay: 31,
      end: { kind: "until", day: "2027-01-31" },
    },
    "2026-11-30",
  ],
])("from its first day, the whole rule reads %j", (words, rule, start) => {
  expect(describeRepeatWithEnd(rule, start)).toBe(words);
});

test("without a first day, the words are the rhythm alone, as toasts and the chip use them", () => {
  expect(
    describeRepeat({
      freq: "yearly",
      interval: 1,
      end: { kind: "count", count: 5 },
    }),
  ).toBe("every year");
  expect(
    describeRepeat({
      freq: "daily",
      interval: 3,
      end: { kind: "until", day: "2027-01-31" },
    }),
  ).toBe("every 3 days");
});

test("without a first day, the whole rule still says when it ends", () => {
  expect(
    describeRepeatWithEnd({
      freq: "weekly",
      interval: 1,
      byWeekday: [0, 1, 2, 3, 4],
      end: { kind: "until", day: "2027-01-15" },
    }),
  ).toBe("every weekday, until Fri, Jan 15, 2027");
});
