import { expect, test } from "vitest";
import { isDayString, parseDay, shiftDay, toDayString } from "./dates";

test("a day's string pads month, day and year", () => {
  expect(toDayString(new Date(2025, 2, 7))).toBe("2025-03-07");
  const early = new Date(2000, 0, 5);
  early.setFullYear(987);
  expect(toDayString(early)).toBe("0987-01-05");
});

test("only real calendar dates parse, and they round-trip", () => {
  expect(toDayString(parseDay("2024-02-29")!)).toBe("2024-02-29");
  expect(toDayString(parseDay("0050-06-15")!)).toBe("0050-06-15");
  expect(parseDay("2025-02-29")).toBeNull();
  expect(parseDay("2025-13-01")).toBeNull();
  expect(parseDay("2025-1-01")).toBeNull();
  expect(isDayString("2025-02-28")).toBe(true);
  expect(isDayString("1969-12-31")).toBe(false);
});

test("shifting a day crosses months, years and leap days by calendar days", () => {
  expect(shiftDay("2024-02-28", 1)).toBe("2024-02-29");
  expect(shiftDay("2024-02-29", 1)).toBe("2024-03-01");
  expect(shiftDay("2025-12-31", 1)).toBe("2026-01-01");
  expect(shiftDay("2025-01-01", -1)).toBe("2024-12-31");
  expect(shiftDay("2025-03-01", 365)).toBe("2026-03-01");
  // Across the usual daylight-saving changes of either hemisphere.
  for (const day of ["2025-03-29", "2025-10-25", "2025-04-05", "2025-09-27"]) {
    expect(shiftDay(shiftDay(day, 2), -2)).toBe(day);
    expect(shiftDay(day, 1)).not.toBe(day);
  }
  expect(() => shiftDay("not a day", 1)).toThrow();
});
