import { expect, test } from "vitest";
import { relativeDayName } from "./dayNames";

test("today, yesterday and tomorrow are named; other days are not", () => {
  const now = new Date(2025, 0, 1, 23, 59);
  expect(relativeDayName("2025-01-01", now)).toBe("Today");
  expect(relativeDayName("2024-12-31", now)).toBe("Yesterday");
  expect(relativeDayName("2025-01-02", now)).toBe("Tomorrow");
  expect(relativeDayName("2025-01-03", now)).toBeNull();
  expect(relativeDayName("2025-02-30", now)).toBeNull();
});
