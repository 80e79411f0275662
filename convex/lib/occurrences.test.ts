import { expect, test } from "vitest";
import type { Id } from "../_generated/dataModel";
import { latestOccurrencesOnly } from "./occurrences";

const A = "series-a" as Id<"series">;
const B = "series-b" as Id<"series">;

test("keeps each series' newest open occurrence and every todo that does not repeat", () => {
  const newestFirst = [
    { text: "Stand-up", day: "2026-11-29", seriesId: A },
    { text: "Call Sam", day: "2026-11-29" },
    { text: "Stand-up", day: "2026-11-28", seriesId: A },
    { text: "Water plants", day: "2026-11-27", seriesId: B },
    { text: "Stand-up", day: "2026-11-27", seriesId: A },
    { text: "Pay rent", day: "2026-11-26" },
    { text: "Water plants", day: "2026-11-25", seriesId: B },
  ];
  expect(
    latestOccurrencesOnly(newestFirst).map((t) => `${t.day} ${t.text}`),
  ).toEqual([
    "2026-11-29 Stand-up",
    "2026-11-29 Call Sam",
    "2026-11-27 Water plants",
    "2026-11-26 Pay rent",
  ]);
});
