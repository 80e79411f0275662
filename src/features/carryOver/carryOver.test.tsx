import { act, screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { api } from "@convex/_generated/api";
import { LIMITS } from "@convex/lib/limits";
import { isolate } from "@/components/ui/UserText";
import { shiftDay, todayString } from "@/lib/dates";
import { openMenu, renderApp } from "@/testing/renderApp";
import { addTodos, todosOf } from "@/testing/seed";
import { CARRY_OVER_PAGE } from "./useCarryOver";

const daysAgo = (n: number) => shiftDay(todayString(), -n);

const section = () =>
  screen.findByRole("region", { name: /^From earlier days/ });

const openTexts = () =>
  within(screen.getByRole("list", { name: "Open todos" }))
    .queryAllByRole("checkbox")
    .map((box) => box.getAttribute("aria-label"));

test("lists open todos of earlier days by day, newest first, with a count, and leaves out done todos and headings", async () => {
  await renderApp({
    seed: async (b) => {
      await addTodos(b, ["Old one", "# Heading", "Old two"], daysAgo(5));
      await addTodos(b, ["Recent"], daysAgo(1));
      const [done] = await addTodos(b, ["Done already"], daysAgo(1));
      await b.asUser.mutation(api.todos.setDone, { id: done!, done: true });
      await addTodos(b, ["Today's own"]);
    },
  });
  const region = await section();
  expect(within(region).getByRole("heading", { level: 2 })).toHaveTextContent(
    "From earlier days 3",
  );
  const days = within(region).getAllByRole("group");
  expect(
    days.map((day) => within(day).getByRole("heading").textContent),
  ).toEqual([
    expect.stringMatching(/^Yesterday · /),
    expect.not.stringMatching(/Yesterday/),
  ]);
  expect(
    within(days[0]!)
      .getAllByRole("checkbox")
      .map((box) => box.getAttribute("aria-label")),
  ).toEqual(["Recent"]);
  expect(
    within(days[1]!)
      .getAllByRole("checkbox")
      .map((box) => box.getAttribute("aria-label")),
  ).toEqual(["Old one", "Old two"]);
  expect(within(region).queryByText("Done already")).not.toBeInTheDocument();
  expect(within(region).queryByText("Heading")).not.toBeInTheDocument();
});

test("“Move to today” (named by the todo) moves it to the end of today's open todos", async () => {
  const { user, backend } = await renderApp({
    seed: async (b) => {
      await addTodos(b, ["Water the ferns", "Call the bank"], daysAgo(2));
      await addTodos(b, ["Today's own"]);
    },
  });
  const region = await section();
  await user.click(
    within(region).getByRole("button", {
      name: "Move to today: Water the ferns",
    }),
  );
  await waitFor(() =>
    expect(openTexts()).toEqual(["Today's own", "Water the ferns"]),
  );
  await waitFor(async () =>
    expect((await todosOf(backend)).map((todo) => todo.text)).toEqual([
      "Today's own",
      "Water the ferns",
    ]),
  );
  expect(
    within(await section()).getByRole("heading", { level: 2 }),
  ).toHaveTextContent("From earlier days 1");
  // Says where it went in the words of the button, not by date.
  expect(
    await screen.findByText(`Moved “${isolate("Water the ferns")}” to today`),
  ).toBeInTheDocument();
});

test("an item's menu there offers pin, repeat, a move to tomorrow or to a date, and delete, but no move to the day before or after its old day", async () => {
  const { user } = await renderApp({
    seed: async (b) => {
      await addTodos(b, ["Return the library books"], daysAgo(3));
      await addTodos(b, ["Today's own"]);
    },
  });
  const region = await section();
  const itemsOf = (menu: HTMLElement) =>
    within(menu)
      .getAllByRole("menuitem")
      .map((item) => item.textContent);
  expect(
    within(region).getByRole("checkbox", { name: "Return the library books" }),
  ).toBeInTheDocument();
  const menu = await openMenu(
    user,
    "More actions for Return the library books",
  );
  expect(itemsOf(menu)).toEqual([
    "Pin",
    "Repeat…",
    "Move to tomorrow",
    "Move to a date…",
    "Delete",
  ]);
  await user.keyboard("{Escape}");
  await waitFor(() =>
    expect(screen.queryByRole("menu")).not.toBeInTheDocument(),
  );

  // The same todo menu on its own day still moves by a day (the next
  // day of today being tomorrow).
  expect(itemsOf(await openMenu(user, "More actions for Today's own"))).toEqual(
    expect.arrayContaining(["Move to tomorrow", "Move to previous day"]),
  );
});

test("“Move to today” from the keyboard keeps focus in the section: on the next todo's button, across days, else the previous one; the last goes with its todo to today", async () => {
  const { user } = await renderApp({
    seed: async (b) => {
      await addTodos(b, ["Alpha", "Bravo"], daysAgo(2));
      await addTodos(b, ["Charlie"], daysAgo(5));
      await addTodos(b, ["Today's own"]);
    },
  });
  const region = await section();
  const moveButton = (text: string) =>
    within(region).getByRole("button", { name: `Move to today: ${text}` });
  act(() => moveButton("Bravo").focus());

  // The next todo is on an older day.
  await user.keyboard("{Enter}");
  await waitFor(() => expect(moveButton("Charlie")).toHaveFocus());
  expect(openTexts()).toEqual(["Today's own", "Bravo"]);

  // The last one shown: the one before it.
  await user.keyboard("{Enter}");
  await waitFor(() => expect(moveButton("Alpha")).toHaveFocus());

  // The section goes with its last todo: focus goes with it to today.
  await user.keyboard("{Enter}");
  await waitFor(() =>
    expect(
      screen.queryByRole("region", { name: /^From earlier days/ }),
    ).not.toBeInTheDocument(),
  );
  await waitFor(() =>
    expect(screen.getByRole("button", { name: "Edit Alpha" })).toHaveFocus(),
  );
  expect(openTexts()).toEqual(["Today's own", "Bravo", "Charlie", "Alpha"]);
});

test("Ctrl+Z after the last “Move to today” takes focus back with the todo to the section, never to the page's body", async () => {
  const { user } = await renderApp({
    seed: async (b) => {
      await addTodos(b, ["Email landlord"], daysAgo(3));
      await addTodos(b, ["Today's own"]);
    },
  });
  const region = await section();
  act(() =>
    within(region)
      .getByRole("button", { name: "Move to today: Email landlord" })
      .focus(),
  );
  await user.keyboard("{Enter}");
  await waitFor(() =>
    expect(
      screen.getByRole("button", { name: "Edit Email landlord" }),
    ).toHaveFocus(),
  );
  await screen.findByText(`Moved “${isolate("Email landlord")}” to today`);

  await user.keyboard("{Control>}z{/Control}");
  // The same control of the same todo, back in the section.
  const back = await section();
  await within(back).findByRole("button", {
    name: "Move to today: Email landlord",
  });
  await waitFor(() =>
    expect(
      within(back).getByRole("button", { name: "Edit Email landlord" }),
    ).toHaveFocus(),
  );
  expect(openTexts()).toEqual(["Today's own"]);
});

test("completing a todo from its checkbox there takes it out of the section", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Only one"], daysAgo(3)),
  });
  const region = await section();
  await user.click(within(region).getByRole("checkbox", { name: "Only one" }));
  await waitFor(() =>
    expect(
      screen.queryByRole("region", { name: /^From earlier days/ }),
    ).not.toBeInTheDocument(),
  );
  const [todo] = await todosOf(backend, daysAgo(3));
  expect(todo).toMatchObject({ text: "Only one", done: true });
});

test("shows a page at a time, with “Show more” beyond the first, which hands focus to the first todo it brought", async () => {
  const texts = Array.from(
    { length: CARRY_OVER_PAGE + 3 },
    (_, i) => `Task ${String(i).padStart(2, "0")}`,
  );
  const { user } = await renderApp({
    seed: (b) =>
      b.asUser.mutation(api.todos.createMany, {
        day: daysAgo(4),
        lines: texts,
      }),
  });
  const region = await section();
  expect(within(region).getAllByRole("checkbox")).toHaveLength(CARRY_OVER_PAGE);
  await user.click(within(region).getByRole("button", { name: "Show more" }));
  await waitFor(() =>
    expect(within(region).getAllByRole("checkbox")).toHaveLength(
      CARRY_OVER_PAGE + 3,
    ),
  );
  expect(
    within(region).queryByRole("button", { name: "Show more" }),
  ).not.toBeInTheDocument();
  // The button went with the last page: focus is on the first todo it brought.
  expect(
    within(region).getByRole("button", {
      name: `Move to today: ${texts[CARRY_OVER_PAGE]}`,
    }),
  ).toHaveFocus();
});

test("“Move all to today” moves them all after today's todos in the section's order, focus following the first; Undo puts each back on its day", async () => {
  const { user, backend } = await renderApp({
    seed: async (b) => {
      await addTodos(b, ["Older a", "Older b"], daysAgo(6));
      await addTodos(b, ["Newer"], daysAgo(1));
      await addTodos(b, ["Today's own"]);
    },
  });
  const region = await section();
  await user.click(
    within(region).getByRole("button", { name: "Move all to today" }),
  );
  await waitFor(() =>
    expect(openTexts()).toEqual(["Today's own", "Newer", "Older a", "Older b"]),
  );
  await waitFor(() =>
    expect(
      screen.queryByRole("region", { name: /^From earlier days/ }),
    ).not.toBeInTheDocument(),
  );
  // The section went: focus followed the first todo it showed to today.
  await waitFor(() =>
    expect(document.activeElement?.closest("[data-todo-id]")).toHaveTextContent(
      "Newer",
    ),
  );

  const toast = (
    await screen.findByText("Moved 3 unfinished todos to today")
  ).closest("li")!;
  await user.click(within(toast).getByRole("button", { name: "Undo" }));
  await waitFor(async () =>
    expect((await todosOf(backend, daysAgo(6))).map((t) => t.text)).toEqual([
      "Older a",
      "Older b",
    ]),
  );
  expect((await todosOf(backend, daysAgo(1))).map((t) => t.text)).toEqual([
    "Newer",
  ]);
  await waitFor(() => expect(openTexts()).toEqual(["Today's own"]));
});

test("is shown on today only", async () => {
  await renderApp({
    path: `/day/${daysAgo(1)}`,
    seed: async (b) => {
      await addTodos(b, ["Left behind"], daysAgo(2));
      await addTodos(b, ["Yesterday's own"], daysAgo(1));
    },
  });
  await screen.findByRole("checkbox", { name: "Yesterday's own" });
  expect(
    screen.queryByRole("region", { name: /^From earlier days/ }),
  ).not.toBeInTheDocument();
});

test("“Move all to today” stops when today is full, moves what fits and says so", async () => {
  const { user } = await renderApp({
    seed: async (b) => {
      await addTodos(b, ["First", "Second", "Third"], daysAgo(2));
      await addTodos(b, ["Today's own"]);
      // Today with room for two more todos.
      await b.t.run(async (ctx) => {
        const row = await ctx.db
          .query("days")
          .withIndex("by_user_day", (q) =>
            q.eq("userId", "user_test").eq("day", todayString()),
          )
          .unique();
        await ctx.db.patch("days", row!._id, {
          todoCount: LIMITS.todosPerDay - 2,
        });
      });
    },
  });
  const region = await section();
  await user.click(
    within(region).getByRole("button", { name: "Move all to today" }),
  );
  expect(
    await within(await section()).findByText(
      "Today is full: 2 moved. The rest stay here.",
    ),
  ).toHaveAttribute("role", "status");
  await waitFor(async () =>
    expect(
      within(await section())
        .getAllByRole("checkbox")
        .map((box) => box.getAttribute("aria-label")),
    ).toEqual(["Third"]),
  );
  expect(openTexts()).toEqual(["Today's own", "First", "Second"]);
});
