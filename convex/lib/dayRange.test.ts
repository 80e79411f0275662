import { describe, expect, test } from "vitest";
import { FIRST_DAY, isDayInRange, LAST_DAY } from "./dayRange";

describe("isDayInRange", () => {
  test("accepts the first and the last day and one between", () => {
    expect(isDayInRange(FIRST_DAY)).toBe(true);
    expect(isDayInRange(LAST_DAY)).toBe(true);
    expect(isDayInRange("2025-06-15")).toBe(true);
  });

  test("refuses the days just outside the range", () => {
    expect(isDayInRange("1969-12-31")).toBe(false);
    expect(isDayInRange("2200-01-01")).toBe(false);
    expect(isDayInRange("0001-01-01")).toBe(false);
    expect(isDayInRange("9999-12-31")).toBe(false);
  });

  test("refuses what is not written YYYY-MM-DD", () => {
    expect(isDayInRange("2025-1-01")).toBe(false);
    expect(isDayInRange("2025-01-01T00:00")).toBe(false);
    expect(isDayInRange("")).toBe(false);
  });
});
