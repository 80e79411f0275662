import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from "@testing-library/react";
import { ConvexError } from "convex/values";
import { expect, test } from "vitest";
import { api } from "@convex/_generated/api";
import { shiftDay, todayString } from "@/lib/dates";
import { longDate } from "@/lib/dayNames";
import { isolate } from "@/components/ui/UserText";
import { openMenu, renderApp } from "@/testing/renderApp";
import { addTodos, todosOf } from "@/testing/seed";

const days = () => screen.getByRole("navigation", { name: "Days" });
/** The sidebar shows once its first page of days has loaded. */
const findDays = () => screen.findByRole("navigation", { name: "Days" });

test("the sidebar lists today and every day with content, newest first, with open counts — notes-only days too", async () => {
  const older = "2025-01-05";
  const notesOnly = "2025-02-10";
  await renderApp({
    seed: async (b) => {
      await addTodos(b, ["a", "b"], older);
      await b.asUser.mutation(api.notes.create, {
        day: notesOnly,
        title: "Idea",
      });
    },
  });
  const nav = await screen.findByRole("navigation", { name: "Days" });
  const links = await within(nav).findAllByRole("link", {
    name: /Today|Sun, Jan 5|Mon, Feb 10/,
  });
  expect(links.map((l) => l.textContent)).toEqual([
    expect.stringContaining("Today"),
    expect.stringContaining("Mon, Feb 10, 2025"),
    expect.stringContaining("Sun, Jan 5, 2025"),
  ]);
  expect(
    within(nav).getByRole("link", { name: /Jan 5.*2 open/ }),
  ).toHaveAttribute("href", `/day/${older}`);
});

test("a label replaces the date (Enter saves, Esc cancels) and the day view shows it", async () => {
  const day = "2025-01-05";
  const { user, backend } = await renderApp({
    path: `/day/${day}`,
    seed: (b) => addTodos(b, ["x"], day),
  });
  await screen.findByRole("heading", { level: 1, name: longDate(day) });
  await findDays();
  let menu = await openMenu(user, "More actions for Sun, Jan 5, 2025");
  await user.click(within(menu).getByRole("menuitem", { name: "Rename" }));
  const field = await screen.findByRole("textbox", {
    name: "Label for Sun, Jan 5, 2025",
  });
  await waitFor(() => expect(field).toHaveFocus());
  await user.type(field, "Launch day{Enter}");
  expect(
    await within(days()).findByRole("link", { name: /Launch day/ }),
  ).toBeInTheDocument();
  expect(
    await screen.findByRole("heading", { level: 1, name: "Launch day" }),
  ).toBeInTheDocument();
  expect((await backend.asUser.query(api.days.get, { day }))?.label).toBe(
    "Launch day",
  );

  menu = await openMenu(user, "More actions for Launch day");
  await user.click(within(menu).getByRole("menuitem", { name: "Rename" }));
  await user.type(
    await screen.findByRole("textbox", { name: /Label for/ }),
    " 2{Escape}",
  );
  expect(
    within(days()).getByRole("link", { name: /Launch day/ }),
  ).toBeInTheDocument();
  expect((await backend.asUser.query(api.days.get, { day }))?.label).toBe(
    "Launch day",
  );
});

test("the label editor ignores the Enter that confirms an input method's composition", async () => {
  const day = "2025-01-05";
  const { user, backend } = await renderApp({
    path: `/day/${day}`,
    seed: (b) => addTodos(b, ["x"], day),
  });
  await findDays();
  const menu = await openMenu(user, "More actions for Sun, Jan 5, 2025");
  await user.click(within(menu).getByRole("menuitem", { name: "Rename" }));
  const field = await screen.findByRole("textbox", {
    name: "Label for Sun, Jan 5, 2025",
  });
  await user.type(field, "にほん");
  fireEvent.keyDown(field, { key: "Enter", isComposing: true });
  expect(field).toBeInTheDocument();
  expect(
    backend.mutations.filter((m) => m.name === "days:setLabel"),
  ).toHaveLength(0);
  await user.type(field, "{Enter}");
  await waitFor(async () =>
    expect((await backend.asUser.query(api.days.get, { day }))?.label).toBe(
      "にほん",
    ),
  );
});

test("archiving moves a day into the collapsed Archived section; unarchive brings it back", async () => {
  const day = "2025-01-05";
  const { user } = await renderApp({ seed: (b) => addTodos(b, ["x"], day) });
  await within(await findDays()).findByRole("link", { name: /Jan 5/ });
  const menu = await openMenu(user, "More actions for Sun, Jan 5, 2025");
  await user.click(within(menu).getByRole("menuitem", { name: "Archive" }));
  await waitFor(() =>
    expect(
      within(days()).queryByRole("link", { name: /Jan 5/ }),
    ).not.toBeInTheDocument(),
  );

  const archived = within(days()).getByRole("button", { name: "Archived" });
  expect(archived).toHaveAttribute("aria-expanded", "false");
  await user.click(archived);
  const section = within(days()).getByRole("region", { name: "Archived days" });
  expect(
    await within(section).findByRole("link", { name: /Jan 5/ }),
  ).toBeInTheDocument();

  const again = await openMenu(user, "More actions for Sun, Jan 5, 2025");
  await user.click(within(again).getByRole("menuitem", { name: "Unarchive" }));
  await waitFor(() =>
    expect(
      within(section).queryByRole("link", { name: /Jan 5/ }),
    ).not.toBeInTheDocument(),
  );
});

test("copy open todos to the next day, then delete the day after confirming", async () => {
  const day = "2025-01-05";
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Carry", "Also"], day),
  });
  await within(await findDays()).findByRole("link", { name: /Jan 5/ });
  let menu = await openMenu(user, "More actions for Sun, Jan 5, 2025");
  await user.click(within(menu).getByRole("menuitem", { name: "Next day" }));
  await waitFor(async () =>
    expect(
      (await todosOf(backend, shiftDay(day, 1))).map((t) => t.text),
    ).toEqual(["Carry", "Also"]),
  );

  menu = await openMenu(user, "More actions for Sun, Jan 5, 2025");
  await user.click(within(menu).getByRole("menuitem", { name: "Delete day" }));
  // The day's name (a label the person wrote, or the date) is bidi-isolated.
  const dialog = await screen.findByRole("alertdialog", {
    name: `Delete ${isolate("Sun, Jan 5, 2025")}?`,
  });
  await user.click(within(dialog).getByRole("button", { name: "Delete day" }));
  await waitFor(() =>
    expect(
      within(days()).queryByRole("link", { name: /Sun, Jan 5/ }),
    ).not.toBeInTheDocument(),
  );
  expect(await todosOf(backend, day)).toEqual([]);
});

test("an invalid date in the address shows a friendly not-found view", async () => {
  const { backend } = await renderApp({ path: "/day/2025-02-30" });
  expect(
    await screen.findByRole("heading", { level: 1, name: "Page not found" }),
  ).toBeInTheDocument();
  expect(screen.getByText(/is not a date/)).toBeInTheDocument();
  expect(backend.subscribedQueries).not.toContain("todos:listForDay");
});

test.each(["9999-12-31", "0001-01-01", "2200-01-01", "1969-12-31"])(
  "a real date outside the app's range of days (%s) shows the not-found view naming the range",
  async (day) => {
    const { backend } = await renderApp({ path: `/day/${day}` });
    expect(
      await screen.findByRole("heading", { level: 1, name: "Page not found" }),
    ).toBeInTheDocument();
    const message = screen.getByText(/is out of range/);
    expect(message).toHaveTextContent(
      `“${day}” is out of range. Daybook keeps days from 1970-01-01 to 2199-12-31.`,
    );
    // The address is text the visitor wrote: bidi-isolated.
    expect(within(message).getByText(day).tagName).toBe("BDI");
    expect(backend.subscribedQueries).not.toContain("todos:listForDay");
  },
);

test("a malformed day in the address says it is not a date, the address text isolated", async () => {
  await renderApp({ path: "/day/2200-02-30" });
  const message = await screen.findByText(/is not a date/);
  expect(message).toHaveTextContent(
    "“2200-02-30” is not a date. Days look like 2025-01-31.",
  );
  expect(within(message).getByText("2200-02-30").tagName).toBe("BDI");
});

test("at the last day of the range, Next day is disabled and its shortcuts do nothing", async () => {
  const { user, location } = await renderApp({ path: "/day/2199-12-31" });
  await screen.findByRole("heading", {
    level: 1,
    name: longDate("2199-12-31"),
  });
  const next = screen.getByRole("button", { name: "Next day" });
  expect(next).toHaveAttribute("aria-disabled", "true");
  expect(
    screen.getByRole("button", { name: "Previous day" }),
  ).not.toHaveAttribute("aria-disabled");
  const visited = location.history?.length;
  await user.keyboard("]");
  await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
  await user.click(next);
  expect(location.history?.length).toBe(visited);
  // The disabled arrow keeps focus: it stays in place, only inert.
  expect(next).toHaveFocus();
  await user.keyboard("[["); // "[[" types one "["
  expect(location.history?.at(-1)).toBe("/day/2199-12-30");
});

test("at the first day of the range, Previous day is disabled and its shortcuts do nothing", async () => {
  const { user, location } = await renderApp({ path: "/day/1970-01-01" });
  await screen.findByRole("heading", {
    level: 1,
    name: longDate("1970-01-01"),
  });
  const previous = screen.getByRole("button", { name: "Previous day" });
  expect(previous).toHaveAttribute("aria-disabled", "true");
  const visited = location.history?.length;
  await user.keyboard("[["); // "[[" types one "["
  await user.keyboard("{Alt>}{ArrowUp}{/Alt}");
  await user.click(previous);
  expect(location.history?.length).toBe(visited);
  await user.keyboard("]");
  expect(location.history?.at(-1)).toBe("/day/1970-01-02");
});

test("the day shortcuts put focus on the new day's heading when focus was on the old day's page", async () => {
  const { user } = await renderApp({
    path: "/day/2025-01-05",
    seed: (b) => addTodos(b, ["Water the ferns"], "2025-01-05"),
  });
  const heading = () => screen.getByRole("heading", { level: 1 });
  const box = await screen.findByRole("checkbox", { name: "Water the ferns" });
  act(() => box.focus());

  await user.keyboard("[["); // "[[" types one "["
  await waitFor(() =>
    expect(heading()).toHaveAccessibleName(longDate("2025-01-04")),
  );
  expect(heading()).toHaveFocus();
  await user.keyboard("]");
  await waitFor(() =>
    expect(heading()).toHaveAccessibleName(longDate("2025-01-05")),
  );
  expect(heading()).toHaveFocus();
  await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
  await waitFor(() =>
    expect(heading()).toHaveAccessibleName(longDate("2025-01-06")),
  );
  expect(heading()).toHaveFocus();
  await user.keyboard("t");
  await waitFor(() => expect(heading()).toHaveAccessibleName("Today"));
  expect(heading()).toHaveFocus();
  // It keeps focus as the day's name loads (the heading shows then).
  await waitFor(() => expect(heading()).not.toHaveClass("sr-only"));
  expect(heading()).toHaveFocus();
});

test("the day shortcuts leave focus where it is outside the day's page", async () => {
  const { user } = await renderApp({ path: "/day/2025-01-05" });
  await screen.findByRole("heading", {
    level: 1,
    name: longDate("2025-01-05"),
  });
  const search = screen.getByRole("button", { name: /^Search/ });
  act(() => search.focus());
  await user.keyboard("]");
  await screen.findByRole("heading", {
    level: 1,
    name: longDate("2025-01-06"),
  });
  expect(search).toHaveFocus();
});

test("t goes to today and [ / ] move between days", async () => {
  const { user, location } = await renderApp({ path: "/day/2025-01-05" });
  await screen.findByRole("heading", {
    level: 1,
    name: longDate("2025-01-05"),
  });
  await user.keyboard("[[");
  expect(location.history?.at(-1)).toBe("/day/2025-01-04");
  await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
  expect(location.history?.at(-1)).toBe("/day/2025-01-05");
  await user.keyboard("t");
  expect(location.history?.at(-1)).toBe("/");
  expect(
    await screen.findByRole("heading", { level: 1, name: "Today" }),
  ).toBeInTheDocument();
  await user.keyboard("?");
  expect(
    await screen.findByRole("dialog", { name: "Keyboard shortcuts" }),
  ).toBeInTheDocument();
});

test("the Pinned view groups by day and moves an item to its own previous/next day", async () => {
  const day = "2025-03-01";
  const { user, backend } = await renderApp({
    path: "/pinned",
    seed: async (b) => {
      const [id] = await addTodos(b, ["Pinned thing"], day);
      await b.asUser.mutation(api.todos.setPinned, { id: id!, pinned: true });
    },
  });
  expect(
    await screen.findByRole("heading", { level: 1, name: "Pinned" }),
  ).toBeInTheDocument();
  const group = await screen.findByRole("list", {
    name: `Pinned on ${longDate(day)}`,
  });
  expect(
    within(group).getByRole("checkbox", { name: "Pinned thing" }),
  ).toBeInTheDocument();

  let menu = await openMenu(user, "More actions for Pinned thing");
  await user.click(
    within(menu).getByRole("menuitem", { name: "Move to previous day" }),
  );
  expect(
    await screen.findByRole("list", {
      name: `Pinned on ${longDate("2025-02-28")}`,
    }),
  ).toBeInTheDocument();
  await waitFor(async () =>
    expect(await todosOf(backend, "2025-02-28")).toHaveLength(1),
  );

  menu = await openMenu(user, "More actions for Pinned thing");
  await user.click(
    within(menu).getByRole("menuitem", { name: "Move to next day" }),
  );
  await waitFor(async () =>
    expect(await todosOf(backend, day)).toHaveLength(1),
  );
  expect(todayString()).not.toBe(day);
});

test("the day arrows keep focus from day to day, up to the last day of the range", async () => {
  const { user, location } = await renderApp({ path: "/day/2199-12-30" });
  await screen.findByRole("heading", {
    level: 1,
    name: longDate("2199-12-30"),
  });
  await user.click(screen.getByRole("button", { name: "Next day" }));
  await screen.findByRole("heading", {
    level: 1,
    name: longDate("2199-12-31"),
  });
  const next = screen.getByRole("button", { name: "Next day" });
  await waitFor(() => expect(next).toHaveFocus());
  expect(next).toHaveAttribute("aria-disabled", "true");
  await user.keyboard("{Enter}");
  expect(location.history?.at(-1)).toBe("/day/2199-12-31");
  expect(next).toHaveFocus();
});

test("a clicked day arrow's focus belongs to its own app and navigation: a day view mounted later does not take it", async () => {
  const first = await renderApp({ path: "/day/2025-01-05" });
  await screen.findByRole("heading", {
    level: 1,
    name: longDate("2025-01-05"),
  });
  // The app goes away before the next day's view could mount.
  act(() => {
    fireEvent.click(screen.getByRole("button", { name: "Next day" }));
    first.unmount();
  });
  await renderApp({ path: "/day/2025-03-01" });
  await screen.findByRole("heading", {
    level: 1,
    name: longDate("2025-03-01"),
  });
  expect(screen.getByRole("button", { name: "Next day" })).not.toHaveFocus();
});

test("a label held back by a rate limit stays in the sidebar while it waits, as in the day view", async () => {
  const day = "2025-01-05";
  const { user, backend } = await renderApp({
    path: `/day/${day}`,
    seed: (b) => addTodos(b, ["x"], day),
  });
  await screen.findByRole("heading", { level: 1, name: longDate(day) });
  await findDays();
  let refusals = 0;
  let releaseWait = () => {};
  const waited = new Promise<void>((resolve) => (releaseWait = resolve));
  backend.gate = async (name) => {
    if (name !== "days:setLabel") return;
    if (refusals++ === 0)
      throw new ConvexError({
        code: "RATE_LIMITED",
        message: "Slow down — try again in 3 s.",
        retryAfterMs: 2500,
      });
    // Sent again: held here until the test has looked.
    await waited;
  };
  const menu = await openMenu(user, "More actions for Sun, Jan 5, 2025");
  await user.click(within(menu).getByRole("menuitem", { name: "Rename" }));
  await user.type(
    await screen.findByRole("textbox", { name: "Label for Sun, Jan 5, 2025" }),
    "Launch day{Enter}",
  );
  expect(
    await screen.findByText("Slow down — try again in 3 s"),
  ).toBeInTheDocument();
  // Refused once and not sent again yet: only the held change shows it.
  expect(refusals).toBe(1);
  expect(
    within(days()).getByRole("link", { name: /Launch day/ }),
  ).toBeInTheDocument();
  expect(
    screen.getByRole("heading", { level: 1, name: "Launch day" }),
  ).toBeInTheDocument();
  await waitFor(() => expect(refusals).toBe(2));
  releaseWait();
  await waitFor(async () =>
    expect((await backend.asUser.query(api.days.get, { day }))?.label).toBe(
      "Launch day",
    ),
  );
});

test("t on Today adds no history entry, so Back leaves Today at once", async () => {
  const { user, location } = await renderApp({ path: "/" });
  await screen.findByRole("heading", { level: 1, name: "Today" });
  await user.keyboard("t");
  await user.keyboard("t");
  expect(location.history).toEqual(["/"]);
});

test("the sidebar reads as one timeline: future days above Today (latest first), then past days, newest first", async () => {
  const today = todayString();
  const inFiveDays = shiftDay(today, 5);
  const tomorrow = shiftDay(today, 1);
  const yesterday = shiftDay(today, -1);
  await renderApp({
    seed: async (b) => {
      await addTodos(b, ["later"], inFiveDays);
      await addTodos(b, ["soon"], tomorrow);
      await addTodos(b, ["now"], today);
      await addTodos(b, ["before"], yesterday);
    },
  });
  const nav = await findDays();
  await within(nav).findByRole("link", { name: /^Tomorrow/ });
  const hrefs = within(nav)
    .getAllByRole("link")
    .map((link) => link.getAttribute("href"))
    .filter((href) => href !== "/pinned" && href !== "/trash");
  expect(hrefs).toEqual([
    `/day/${inFiveDays}`,
    `/day/${tomorrow}`,
    "/",
    `/day/${yesterday}`,
  ]);
});

test("a day that holds only notes shows that it has notes", async () => {
  const notesOnly = "2025-02-10";
  const todosOnly = "2025-01-05";
  await renderApp({
    seed: async (b) => {
      await addTodos(b, ["a"], todosOnly);
      await b.asUser.mutation(api.notes.create, {
        day: notesOnly,
        title: "Idea",
      });
    },
  });
  const nav = await findDays();
  const notesDay = await within(nav).findByRole("link", {
    name: /^Mon, Feb 10/,
  });
  expect(notesDay).toHaveAccessibleName(/has notes/);
  expect(within(notesDay).getByTestId("has-notes-mark")).toBeInTheDocument();
  expect(
    within(nav).getByRole("link", { name: /^Sun, Jan 5/ }),
  ).not.toHaveAccessibleName(/has notes/);
});

test("a blank note (untitled, empty) gives its day no notes mark", async () => {
  const day = "2025-01-05";
  await renderApp({
    seed: async (b) => {
      await addTodos(b, ["a"], day);
      await b.asUser.mutation(api.notes.create, { day, title: "" });
    },
  });
  const nav = await findDays();
  const entry = await within(nav).findByRole("link", { name: /^Sun, Jan 5/ });
  expect(entry).not.toHaveAccessibleName(/has notes/);
  expect(within(entry).queryByTestId("has-notes-mark")).toBeNull();
});

test("the Pinned view names each day by its label, with the date beside it", async () => {
  const day = "2025-03-01";
  await renderApp({
    path: "/pinned",
    seed: async (b) => {
      const [id] = await addTodos(b, ["Pinned thing"], day);
      await b.asUser.mutation(api.todos.setPinned, { id: id!, pinned: true });
      await b.asUser.mutation(api.days.setLabel, { day, label: "Errands" });
    },
  });
  const heading = await screen.findByRole("heading", {
    level: 2,
    name: new RegExp(`^Errands`),
  });
  expect(heading).toHaveTextContent(`Errands · ${longDate(day)}`);
  expect(within(heading).getByRole("link")).toHaveAttribute(
    "href",
    `/day/${day}`,
  );
});
