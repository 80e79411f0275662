import { screen, waitFor } from "@testing-library/react";
import { expect, test } from "vitest";
import { api } from "@convex/_generated/api";
import { shiftDay, todayString } from "@/lib/dates";
import { shortDate } from "@/lib/dayNames";
import { renderApp } from "@/testing/renderApp";
import { documentTitle } from "./DocumentTitle";

test('a labelled day reads "label · short date — Daybook"', () => {
  const now = new Date(2026, 10, 30);
  expect(
    documentTitle({ view: "day", day: "2026-11-28", label: "Errands" }, now),
  ).toBe("Errands · Sat, Nov 28 — Daybook");
  expect(documentTitle({ view: "day", day: "2026-11-27" }, now)).toBe(
    "Fri, Nov 27 — Daybook",
  );
  expect(documentTitle({ view: "day", day: "2025-11-27" }, now)).toBe(
    "Thu, Nov 27, 2025 — Daybook",
  );
  expect(documentTitle({ view: "pinned" })).toBe("Pinned — Daybook");
  expect(documentTitle({ view: "not-found" })).toBe("Page not found — Daybook");
});

test("the tab title follows the day or view on screen, and the open Search or Settings", async () => {
  const day = shiftDay(todayString(), -10);
  const { user, location } = await renderApp({
    path: `/day/${day}`,
    seed: (b) =>
      b.asUser.mutation(api.days.setLabel, { day, label: "Errands" }),
  });
  await waitFor(() =>
    expect(document.title).toBe(`Errands · ${shortDate(day)} — Daybook`),
  );

  await user.keyboard("t");
  await waitFor(() =>
    expect(document.title).toBe(
      `Today · ${shortDate(todayString())} — Daybook`,
    ),
  );

  await user.keyboard("{Control>}k{/Control}");
  await screen.findByRole("dialog", { name: "Search" });
  expect(document.title).toBe("Search — Daybook");
  await user.keyboard("{Escape}");
  await waitFor(() =>
    expect(document.title).toBe(
      `Today · ${shortDate(todayString())} — Daybook`,
    ),
  );

  await user.click(screen.getByRole("button", { name: "Settings" }));
  await screen.findByRole("dialog", { name: "Settings" });
  expect(document.title).toBe("Settings — Daybook");
  await user.keyboard("{Escape}");

  await user.click(await screen.findByRole("link", { name: "Pinned" }));
  expect(location.history?.at(-1)).toBe("/pinned");
  await waitFor(() => expect(document.title).toBe("Pinned — Daybook"));
});
