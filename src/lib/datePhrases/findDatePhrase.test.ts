import { describe, expect, test } from "vitest";
import { findDatePhrase } from "./findDatePhrase";
import { describeRepeat } from "./describeRepeat";
import type { RepeatRule } from "./repeatRule";

// A Monday.
const today = "2026-11-30";
const find = (text: string, keepAsText: string[] = []) =>
  findDatePhrase(text, { today, keepAsText });
/** The day a single-day phrase in `text` means, counted from `from`. */
const dayIn = (text: string, from = today) => {
  const found = findDatePhrase(text, { today: from });
  return found?.kind === "day" ? found.day : found;
};

describe("a single day", () => {
  test.each([
    ["Call mom tomorrow", "Call mom", "tomorrow", "2026-12-01"],
    ["Pay rent on Dec 1", "Pay rent", "Dec 1", "2026-12-01"],
    // chrono's reading: "next Friday" on a Monday is next week's.
    ["Review next Friday", "Review", "next Friday", "2026-12-11"],
    ["Plan the trip next month", "Plan the trip", "next month", "2026-12-30"],
    ["Tomorrow: call the bank", "call the bank", "Tomorrow", "2026-12-01"],
    ["Call mom, Friday", "Call mom", "Friday", "2026-12-04"],
    ["Send the report in 3 days", "Send the report", "in 3 days", "2026-12-03"],
    [
      "Book flights on 12/24 please",
      "Book flights please",
      "12/24",
      "2026-12-24",
    ],
    ["Dentist on Sun", "Dentist", "on Sun", "2026-12-06"],
  ])("%j → %j on %s (%s)", (typed, text, phrase, day) => {
    expect(find(typed)).toEqual({ kind: "day", phrase, text, day });
  });

  test("looks ahead: a weekday or a date already past this year means the next one", () => {
    // Monday: Tuesday is tomorrow, and Nov 1 has gone by this year.
    expect(dayIn("Gym Tuesday")).toBe("2026-12-01");
    expect(dayIn("Renew passport Nov 1")).toBe("2027-11-01");
  });

  test("a day before today, or today itself, stays text: a todo goes to today anyway", () => {
    expect(find("Seen yesterday")).toBeNull();
    expect(find("Today's menu")).toBeNull();
    expect(find("Water plants today")).toBeNull();
    // Monday, today.
    expect(find("Gym Monday")).toBeNull();
  });

  test("counts from the today it is given, not the machine's clock", () => {
    expect(dayIn("Call mom tomorrow", "2024-02-28")).toBe("2024-02-29");
    expect(dayIn("Call mom tomorrow", "2025-12-31")).toBe("2026-01-01");
  });

  test("a time of day stays in the text: todos have a day, not a time", () => {
    expect(find("Call mom tomorrow at 5pm")).toEqual({
      kind: "day",
      phrase: "tomorrow",
      text: "Call mom at 5pm",
      day: "2026-12-01",
    });
    expect(find("Call mom at 5pm")).toBeNull();
  });
});

describe("what is never read as a date", () => {
  test.each([
    ['Watch "The Day After Tomorrow"'],
    ["Read “Friday” by Neil"],
    ['Buy "tomorrow'], // a quote still being typed
    ["tomorrow"], // nothing would be left to do
    ["Put on sun cream"],
    ["Buy 3 days of food"],
    ["Plan the week"],
    ["Buy 3/4 cup flour"], // figures without a word announcing a date
    ["Read pages 5-6"],
    ["Plan the trip in December"], // a month is not a day
    ["Call mom in 2 hours"], // a time, not a day
    ["Buy snacks now"],
    ["Weekly review"], // a name, not how often
    ["Jog every 400 days"], // past the repeat limit
  ])("%j", (typed) => {
    expect(find(typed)).toBeNull();
  });

  test("a date outside quotes is still read, and the quotes stay", () => {
    expect(find('Read "Friday" tomorrow')).toEqual({
      kind: "day",
      phrase: "tomorrow",
      text: 'Read "Friday"',
      day: "2026-12-01",
    });
  });

  test("a phrase kept as text is not read again, in any case, while others still are", () => {
    expect(find("Call mom tomorrow", ["tomorrow"])).toBeNull();
    expect(find("Call mom Tomorrow", ["tomorrow"])).toBeNull();
    expect(find("Tomorrow's talk on Friday", ["tomorrow"])).toMatchObject({
      phrase: "on Friday",
      day: "2026-12-04",
      text: "Tomorrow's talk",
    });
  });
});

describe("repeats", () => {
  const never = { kind: "never" } as const;
  test.each<[string, string, string, RepeatRule, string]>([
    [
      "Water plants every Sunday",
      "Water plants",
      "every Sunday",
      { freq: "weekly", interval: 1, byWeekday: [6], end: never },
      "2026-12-06",
    ],
    [
      "Stand-up every weekday",
      "Stand-up",
      "every weekday",
      { freq: "weekly", interval: 1, byWeekday: [0, 1, 2, 3, 4], end: never },
      "2026-11-30",
    ],
    [
      "Take pills every 3 days",
      "Take pills",
      "every 3 days",
      { freq: "daily", interval: 3, end: never },
      "2026-11-30",
    ],
    [
      "Pay rent every month on the 15th",
      "Pay rent",
      "every month on the 15th",
      { freq: "monthly", interval: 1, byMonthDay: 15, end: never },
      "2026-12-15",
    ],
    [
      "Pay rent on the 1st of every month",
      "Pay rent",
      "on the 1st of every month",
      { freq: "monthly", interval: 1, byMonthDay: 1, end: never },
      "2026-12-01",
    ],
    [
      "Gym every Mon, Wed and Fri",
      "Gym",
      "every Mon, Wed and Fri",
      { freq: "weekly", interval: 1, byWeekday: [0, 2, 4], end: never },
      "2026-11-30",
    ],
    [
      "Clean the oven every other Saturday",
      "Clean the oven",
      "every other Saturday",
      { freq: "weekly", interval: 2, byWeekday: [5], end: never },
      "2026-12-05",
    ],
    [
      "Back up the laptop every week",
      "Back up the laptop",
      "every week",
      { freq: "weekly", interval: 1, end: never },
      "2026-11-30",
    ],
    [
      "Pay the insurance yearly",
      "Pay the insurance",
      "yearly",
      { freq: "yearly", interval: 1, end: never },
      "2026-11-30",
    ],
  ])("%j → %j, %s", (typed, text, phrase, rule, firstDay) => {
    expect(find(typed)).toEqual({
      kind: "repeat",
      phrase,
      text,
      rule,
      firstDay,
    });
  });

  test.each([
    ["Birthday every year on March 3", "every year on March 3", "2027-03-03"],
    ["Christmas every year on Dec 25", "every year on Dec 25", "2026-12-25"],
    ["Birthday every March 3", "every March 3", "2027-03-03"],
    ["Leap day yearly on Feb 29th", "yearly on Feb 29th", "2028-02-29"],
  ])("%j repeats yearly from the date it names", (typed, phrase, firstDay) => {
    expect(find(typed)).toEqual({
      kind: "repeat",
      phrase,
      text: typed.slice(0, typed.indexOf(phrase)).trimEnd(),
      rule: { freq: "yearly", interval: 1, end: never },
      firstDay,
    });
  });

  test("a date that never comes is no repeat", () => {
    expect(find("Party every year on Feb 30")?.kind).not.toBe("repeat");
  });

  test("a month without the day is skipped: the 31st first falls in December", () => {
    expect(find("Pay the card every month on the 31st")).toMatchObject({
      rule: { freq: "monthly", byMonthDay: 31 },
      firstDay: "2026-12-31",
    });
  });

  test("a repeat's weekday is not read as a single day too", () => {
    expect(find("Water plants every Sunday")?.kind).toBe("repeat");
  });

  test("repeats in quotes stay text", () => {
    expect(find('Sing "every Sunday"')).toBeNull();
  });

  test.each<[RepeatRule, string]>([
    [
      { freq: "weekly", interval: 1, byWeekday: [6], end: { kind: "never" } },
      "every Sunday",
    ],
    [
      {
        freq: "weekly",
        interval: 1,
        byWeekday: [0, 1, 2, 3, 4],
        end: { kind: "never" },
      },
      "every weekday",
    ],
    [
      {
        freq: "weekly",
        interval: 3,
        byWeekday: [0, 3],
        end: { kind: "never" },
      },
      "every 3 weeks on Monday and Thursday",
    ],
    [{ freq: "daily", interval: 2, end: { kind: "never" } }, "every other day"],
    [
      { freq: "monthly", interval: 1, byMonthDay: 22, end: { kind: "never" } },
      "every month on the 22nd",
    ],
    [{ freq: "yearly", interval: 1, end: { kind: "never" } }, "every year"],
  ])("reads back as %j → %s", (rule, words) => {
    expect(describeRepeat(rule)).toBe(words);
  });
});
