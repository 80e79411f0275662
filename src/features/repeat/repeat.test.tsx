import { screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { api } from "@convex/_generated/api";
import { isolate } from "@/components/ui/UserText";
import { parseDay, shiftDay, todayString } from "@/lib/dates";
import { openMenu, renderApp } from "@/testing/renderApp";
import { addTodos, todosOf } from "@/testing/seed";
import { holdMutations, type FakeConvexBackend } from "@/testing/fakeConvex";

/** An end date as repeat toasts write it: "Fri, Jan 15, 2027". */
const untilDate = (day: string) =>
  new Intl.DateTimeFormat("en-US", {
    weekday: "short",
    month: "short",
    day: "numeric",
    year: "numeric",
  }).format(parseDay(day)!);

const EVERY_DAY = {
  freq: "daily",
  interval: 1,
  end: { kind: "never" },
} as const;

/** A todo's menu → "Repeat…": the dialog it opens. */
async function openRepeatDialog(
  user: Awaited<ReturnType<typeof renderApp>>["user"],
  todoText: string,
) {
  const menu = await openMenu(user, `More actions for ${todoText}`);
  await user.click(within(menu).getByRole("menuitem", { name: "Repeat…" }));
  return screen.findByRole("dialog", { name: "Repeat" });
}

async function ready() {
  await screen.findByRole("heading", { level: 1, name: "Today" });
}

/** A daily series from today, with tomorrow's occurrence made too. */
async function dailyFromToday(backend: FakeConvexBackend, text: string) {
  await backend.asUser.mutation(api.series.create, {
    day: todayString(),
    text,
    rule: EVERY_DAY,
  });
  await backend.asUser.mutation(api.series.showDay, {
    day: shiftDay(todayString(), 1),
  });
}

test("Repeat… makes the todo repeat: its icon shows and its name says so", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Stand-up"]),
  });
  await ready();
  const dialog = await openRepeatDialog(user, "Stand-up");
  await user.click(
    within(dialog).getByRole("radio", { name: "Every weekday" }),
  );
  await user.click(within(dialog).getByRole("button", { name: "Save" }));

  const repeating = await screen.findByRole("checkbox", {
    name: "Stand-up, repeats",
  });
  expect(repeating.closest("li")!.querySelector(".icon-repeat")).not.toBeNull();
  const [todo] = await todosOf(backend);
  const series = await backend.asUser.query(api.series.get, {
    seriesId: todo!.seriesId!,
  });
  expect(series.rule).toEqual({
    freq: "weekly",
    interval: 1,
    byWeekday: [0, 1, 2, 3, 4],
    end: { kind: "never" },
  });
});

test.each([
  ["After a number of times", "5", "Times", "every weekday, 5 times"],
  [
    "On a date",
    shiftDay(todayString(), 30),
    "End date",
    `every weekday, until ${untilDate(shiftDay(todayString(), 30))}`,
  ],
])(
  "Repeat…'s toast says when the repeat ends (%s)",
  async (endChoice, value, field, words) => {
    const { user } = await renderApp({
      seed: (b) => addTodos(b, ["Stand-up"]),
    });
    await ready();
    const dialog = await openRepeatDialog(user, "Stand-up");
    await user.click(
      within(dialog).getByRole("radio", { name: "Every weekday" }),
    );
    await user.click(within(dialog).getByRole("radio", { name: endChoice }));
    const input = within(dialog).getByLabelText(field);
    await user.clear(input);
    await user.type(input, value);
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(
      await screen.findByText(`“${isolate("Stand-up")}” repeats ${words}`),
    ).toBeInTheDocument();
  },
);

test("Repeat…'s Save shows the repeat at once, before the server answers; opened meanwhile, the dialog does not look up a series that is not stored yet", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Stand-up"]),
  });
  await ready();
  const held = holdMutations(backend);
  const dialog = await openRepeatDialog(user, "Stand-up");
  await user.click(within(dialog).getByRole("radio", { name: "Every day" }));
  await user.click(within(dialog).getByRole("button", { name: "Save" }));

  expect(
    await screen.findByRole("checkbox", { name: "Stand-up, repeats" }),
  ).toBeInTheDocument();
  expect(held.pending).toBe(1);
  expect((await todosOf(backend))[0]!.seriesId).toBeUndefined();

  const reopened = await openRepeatDialog(user, "Stand-up");
  expect(
    within(reopened).queryByRole("button", { name: "Stop repeating" }),
  ).not.toBeInTheDocument();
  await user.keyboard("{Escape}");

  held.release();
  await waitFor(async () =>
    expect((await todosOf(backend))[0]!.seriesId).toBeDefined(),
  );
  expect(
    screen.getByRole("checkbox", { name: "Stand-up, repeats" }),
  ).toBeInTheDocument();
});

test("a todo that repeats opens the dialog on its rule, and can stop", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => dailyFromToday(b, "Water plants"),
  });
  await ready();
  const dialog = await openRepeatDialog(user, "Water plants");
  expect(
    within(dialog).getByRole("radio", { name: "Every day" }),
  ).toBeChecked();
  await user.click(
    within(dialog).getByRole("button", { name: "Stop repeating" }),
  );
  // Tomorrow's occurrence nobody touched goes; today's stays.
  await waitFor(async () =>
    expect(await todosOf(backend, shiftDay(todayString(), 1))).toEqual([]),
  );
  expect((await todosOf(backend)).map((t) => t.text)).toEqual(["Water plants"]);
});

test("editing an occurrence asks whether the following change too", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => dailyFromToday(b, "Water plants"),
  });
  await ready();
  await user.click(
    await screen.findByRole("button", { name: "Edit Water plants" }),
  );
  const editor = screen.getByRole("textbox", { name: "Edit Water plants" });
  await user.clear(editor);
  await user.type(editor, "Water the ferns{Enter}");
  const ask = await screen.findByRole("alertdialog", {
    name: "Change the following ones too?",
  });
  await user.click(
    within(ask).getByRole("button", { name: "This and following" }),
  );
  await waitFor(async () =>
    expect(
      (await todosOf(backend, shiftDay(todayString(), 1))).map((t) => t.text),
    ).toEqual(["Water the ferns"]),
  );
});

test("editing only this one leaves the following", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => dailyFromToday(b, "Water plants"),
  });
  await ready();
  await user.click(
    await screen.findByRole("button", { name: "Edit Water plants" }),
  );
  const editor = screen.getByRole("textbox", { name: "Edit Water plants" });
  await user.clear(editor);
  await user.type(editor, "Water the ferns{Enter}");
  const ask = await screen.findByRole("alertdialog", {
    name: "Change the following ones too?",
  });
  await user.click(within(ask).getByRole("button", { name: "Only this one" }));
  await waitFor(async () =>
    expect((await todosOf(backend)).map((t) => t.text)).toEqual([
      "Water the ferns",
    ]),
  );
  expect(
    (await todosOf(backend, shiftDay(todayString(), 1))).map((t) => t.text),
  ).toEqual(["Water plants"]);
});

test("Delete this and following removes it and the days after", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => dailyFromToday(b, "Water plants"),
  });
  await ready();
  const menu = await openMenu(user, "More actions for Water plants");
  await user.click(
    within(menu).getByRole("menuitem", { name: "Delete this and following" }),
  );
  const ask = await screen.findByRole("alertdialog", {
    name: "Delete this and the following?",
  });
  await user.click(within(ask).getByRole("button", { name: "Delete" }));
  await waitFor(async () => expect(await todosOf(backend)).toEqual([]));
  expect(await todosOf(backend, shiftDay(todayString(), 1))).toEqual([]);
});

/** Edits today's "Water plants" to `text` with the keyboard; the confirm asks. */
async function editOccurrence(
  user: Awaited<ReturnType<typeof renderApp>>["user"],
  text: string,
) {
  await user.click(
    await screen.findByRole("button", { name: "Edit Water plants" }),
  );
  const editor = screen.getByRole("textbox", { name: "Edit Water plants" });
  await user.clear(editor);
  await user.type(editor, `${text}{Enter}`);
  return screen.findByRole("alertdialog", {
    name: "Change the following ones too?",
  });
}

test("Esc on the confirm saves nothing and goes back to the editor, text kept", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => dailyFromToday(b, "Water plants"),
  });
  await ready();
  const ask = await editOccurrence(user, "Water fast");
  expect(
    within(ask).getByRole("button", { name: "Only this one" }),
  ).toBeInTheDocument();
  await user.keyboard("{Escape}");
  await waitFor(() =>
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument(),
  );
  const editor = await screen.findByRole("textbox", {
    name: "Edit Water plants",
  });
  expect(editor).toHaveValue("Water fast");
  await waitFor(() => expect(editor).toHaveFocus());
  expect((await todosOf(backend)).map((t) => t.text)).toEqual(["Water plants"]);
  expect(
    (await todosOf(backend, shiftDay(todayString(), 1))).map((t) => t.text),
  ).toEqual(["Water plants"]);
});

test.each(["Only this one", "This and following"])(
  "after %s, focus is back on the edited todo",
  async (choice) => {
    const { user } = await renderApp({
      seed: (b) => dailyFromToday(b, "Water plants"),
    });
    await ready();
    const ask = await editOccurrence(user, "Water the ferns");
    await user.click(within(ask).getByRole("button", { name: choice }));
    await waitFor(() =>
      expect(
        screen.getByRole("button", { name: "Edit Water the ferns" }),
      ).toHaveFocus(),
    );
  },
);
