import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { api } from "@convex/_generated/api";
import { isolate } from "@/components/ui/UserText";
import { parseDay, shiftDay, todayString } from "@/lib/dates";
import { dayInSentence, shortDate } from "@/lib/dayNames";
import { renderApp } from "@/testing/renderApp";
import { addTodos, todosOf } from "@/testing/seed";
import { AddTodo } from "./components/AddTodo";

type User = Awaited<ReturnType<typeof renderApp>>["user"];

const addField = () => screen.getByRole("textbox", { name: "Add a todo" });
const tomorrow = () => shiftDay(todayString(), 1);
const texts = async (
  backend: Awaited<ReturnType<typeof renderApp>>["backend"],
  day?: string,
) => (await todosOf(backend, day)).map((todo) => todo.text);

async function ready() {
  await screen.findByRole("heading", { level: 1, name: "Today" });
}

/**
 * Types `text` into "Add a todo" and waits for the chip of `phrase`: the
 * parser loads when the field is first focused, so the chip may come a
 * moment after the text.
 */
async function typeWithChip(user: User, text: string, phrase: string) {
  await user.click(addField());
  await user.keyboard(text);
  return screen.findByRole("button", { name: `Keep “${phrase}” as text` });
}

test("a date in words shows its day before Enter; Enter adds the todo to that day without the words, and a toast names the day", async () => {
  const { user, backend } = await renderApp();
  await ready();
  await typeWithChip(user, "Call mom tomorrow", "tomorrow");
  // Seen in the chip; heard from the field's status line and description.
  expect(screen.getByText(`Tomorrow, ${shortDate(tomorrow())}`)).toBeVisible();
  const outcome = `Adds to tomorrow, ${shortDate(tomorrow())}`;
  expect(screen.getByText(outcome)).toHaveAttribute("role", "status");
  expect(addField()).toHaveAccessibleDescription(new RegExp(outcome));

  await user.keyboard("{Enter}");
  await waitFor(async () =>
    expect(await texts(backend, tomorrow())).toEqual(["Call mom"]),
  );
  expect(await texts(backend)).toEqual([]);
  expect(addField()).toHaveValue("");
  expect(addField()).toHaveFocus();
  expect(
    await screen.findByText(`Added “${isolate("Call mom")}” to tomorrow`),
  ).toBeInTheDocument();
  // Sonner fades a toast in: it is in the page a moment before visible.
  await waitFor(() => {
    expect(screen.getByRole("button", { name: "Go there" })).toBeVisible();
    expect(screen.getByRole("button", { name: "Undo" })).toBeVisible();
  });
});

test("“Go there” in the toast opens the day the todo went to, focus on the todo", async () => {
  const { user, location } = await renderApp();
  await ready();
  await typeWithChip(user, "Buy stamps tomorrow", "tomorrow");
  await user.keyboard("{Enter}");
  await user.click(await screen.findByRole("button", { name: "Go there" }));
  await waitFor(() =>
    expect(location.history?.at(-1)).toBe(`/day/${tomorrow()}`),
  );
  expect(
    await screen.findByRole("checkbox", { name: "Buy stamps" }),
  ).toBeInTheDocument();
  await waitFor(() =>
    expect(
      screen.getByRole("button", { name: "Edit Buy stamps" }),
    ).toHaveFocus(),
  );
});

test("the next step's toast replaces the add's, without its “Go there”", async () => {
  const { user } = await renderApp({
    seed: (b) => addTodos(b, ["Buy milk"]),
  });
  await ready();
  await typeWithChip(user, "Call mom tomorrow", "tomorrow");
  await user.keyboard("{Enter}");
  await screen.findByRole("button", { name: "Go there" });
  await user.click(screen.getByRole("checkbox", { name: "Buy milk" }));
  expect(
    await screen.findByText(`Completed “${isolate("Buy milk")}”`),
  ).toBeInTheDocument();
  expect(
    screen.queryByRole("button", { name: "Go there" }),
  ).not.toBeInTheDocument();
});

test("Undo in the toast from the keyboard gives focus back to “Add a todo”, where the add came from", async () => {
  const { user, backend } = await renderApp();
  await ready();
  await typeWithChip(user, "Call mom tomorrow", "tomorrow");
  await user.keyboard("{Enter}");
  const undo = await screen.findByRole("button", { name: "Undo" });
  await waitFor(() => expect(undo).toBeVisible());
  act(() => undo.focus());
  // Where focus goes on its way (sonner, much later, gives it back too).
  const focused: Element[] = [];
  const onFocusIn = (event: FocusEvent) =>
    focused.push(event.target as Element);
  document.addEventListener("focusin", onFocusIn);
  await user.keyboard("{Enter}");
  expect(
    await screen.findByText(
      `Undone: Added “${isolate("Call mom")}” to tomorrow`,
    ),
  ).toBeInTheDocument();
  await waitFor(async () =>
    expect(await texts(backend, tomorrow())).toEqual([]),
  );
  await waitFor(() => expect(addField()).toHaveFocus());
  document.removeEventListener("focusin", onFocusIn);
  expect(focused).toEqual([addField()]);
});

test("Undo takes the added todo to Recently deleted, and redo brings it back to its day", async () => {
  const { user, backend } = await renderApp();
  await ready();
  await typeWithChip(user, "Call mom tomorrow", "tomorrow");
  await user.keyboard("{Enter}");
  await user.click(await screen.findByRole("button", { name: "Undo" }));
  await waitFor(async () =>
    expect(await texts(backend, tomorrow())).toEqual([]),
  );
  const deleted = await backend.asUser.query(api.trash.list, {
    paginationOpts: { numItems: 10, cursor: null },
  });
  expect(deleted.page).toMatchObject([
    { what: "todo", day: tomorrow(), todoCount: 1 },
  ]);

  // Redo by its key, outside the field (which keeps its own undo).
  act(() => screen.getByRole("button", { name: "Add todo" }).focus());
  await user.keyboard("{Control>}{Shift>}z{/Shift}{/Control}");
  await waitFor(async () =>
    expect(await texts(backend, tomorrow())).toEqual(["Call mom"]),
  );
});

test("the chip's button keeps the phrase as text: the chip goes, focus returns to the field, and Enter adds the text as typed here", async () => {
  const { user, backend } = await renderApp();
  await ready();
  const keep = await typeWithChip(user, "Call mom tomorrow", "tomorrow");
  await user.click(keep);
  expect(
    screen.queryByRole("button", { name: "Keep “tomorrow” as text" }),
  ).not.toBeInTheDocument();
  expect(addField()).toHaveFocus();
  expect(addField()).toHaveValue("Call mom tomorrow");
  // Typing on does not bring the same phrase back.
  await user.keyboard(" morning");
  await user.keyboard("{Enter}");
  await waitFor(async () =>
    expect(await texts(backend)).toEqual(["Call mom tomorrow morning"]),
  );
  expect(await texts(backend, tomorrow())).toEqual([]);
});

test("Esc keeps the phrase as text and stays in the field; a second Esc leaves it, keeping the text", async () => {
  const { user, backend } = await renderApp();
  await ready();
  await typeWithChip(user, "Review next Friday", "next Friday");
  await user.keyboard("{Escape}");
  expect(
    screen.queryByRole("button", { name: "Keep “next Friday” as text" }),
  ).not.toBeInTheDocument();
  expect(addField()).toHaveFocus();
  expect(addField()).toHaveValue("Review next Friday");

  await user.keyboard("{Escape}");
  expect(addField()).not.toHaveFocus();
  expect(addField()).toHaveValue("Review next Friday");

  await user.click(addField());
  await user.keyboard("{Enter}");
  await waitFor(async () =>
    expect(await texts(backend)).toEqual(["Review next Friday"]),
  );
});

test("text in quotes is never read as a date: only the phrase outside them moves the todo", async () => {
  const { user, backend } = await renderApp();
  await ready();
  await typeWithChip(
    user,
    'Watch "The Day After Tomorrow" tomorrow',
    "tomorrow",
  );
  await user.keyboard("{Enter}");
  await waitFor(async () =>
    expect(await texts(backend, tomorrow())).toEqual([
      'Watch "The Day After Tomorrow"',
    ]),
  );
});

test("a heading's words are a title, never a date", async () => {
  const { user, backend } = await renderApp();
  await ready();
  // The parser is there and reading: a day phrase gets its chip.
  await typeWithChip(user, "Call mom tomorrow", "tomorrow");
  await user.clear(addField());
  await user.keyboard("# Plans for tomorrow");
  expect(
    screen.queryByRole("button", { name: /^Keep “.*” as text$/ }),
  ).not.toBeInTheDocument();
  await user.keyboard("{Enter}");
  await waitFor(async () =>
    expect(
      (await todosOf(backend)).map(({ text, kind }) => ({ text, kind })),
    ).toEqual([{ text: "Plans for tomorrow", kind: "h1" }]),
  );
});

test("a date before today stays text: “Seen yesterday” is added to today as typed", async () => {
  const { user, backend } = await renderApp();
  await ready();
  // The parser has loaded: a later date shows its chip.
  await typeWithChip(user, "Call mom tomorrow", "tomorrow");
  await user.clear(addField());
  await user.keyboard("Seen yesterday{Enter}");
  await waitFor(async () =>
    expect(await texts(backend)).toEqual(["Seen yesterday"]),
  );
});

test("the shortcuts dialog says which key keeps a date as text", async () => {
  const { user } = await renderApp();
  await ready();
  await user.keyboard("?");
  const dialog = await screen.findByRole("dialog", {
    name: "Keyboard shortcuts",
  });
  expect(dialog).toHaveTextContent(
    "In “Add a todo”: keep a date typed in words (tomorrow, every Sunday) as text",
  );
});

test("a repeat in words (“every Sunday”) makes a repeating todo from its first day, the next Sunday, without the words", async () => {
  const { user, backend } = await renderApp();
  await ready();
  await typeWithChip(user, "Water plants every Sunday", "every Sunday");
  await user.keyboard("{Enter}");
  // Its toast shows once the server has it.
  expect(
    await screen.findByText(
      `Added “${isolate("Water plants")}” to ${dayInSentence(nextSunday())}, repeating every Sunday`,
    ),
  ).toBeInTheDocument();
  expect(
    backend.mutations.find((m) => m.name === "series:create")?.args,
  ).toMatchObject({
    day: nextSunday(),
    text: "Water plants",
    rule: { freq: "weekly", interval: 1, byWeekday: [6] },
  });
  // Its occurrences are made as their days are shown: Sunday's, once shown.
  const sunday = nextSunday();
  await backend.asUser.mutation(api.series.showDay, { day: sunday });
  expect(await todosOf(backend, sunday)).toMatchObject([
    { text: "Water plants", seriesId: expect.any(String) },
  ]);
  expect(addField()).toHaveValue("");
});

/** Tomorrow's weekday, as typed: a repeat on it first falls tomorrow. */
const tomorrowsWeekday = () =>
  parseDay(tomorrow())!.toLocaleDateString("en-US", { weekday: "long" });

test("a repeat in words gets a dated add's toast: its first day, how it repeats, “Go there” and Undo; “Go there” opens that day, focus on the todo", async () => {
  const { user, location } = await renderApp();
  await ready();
  const weekday = tomorrowsWeekday();
  await typeWithChip(user, `Water plants every ${weekday}`, `every ${weekday}`);
  await user.keyboard("{Enter}");
  const words = await screen.findByText(
    `Added “${isolate("Water plants")}” to tomorrow, repeating every ${weekday}`,
  );
  const toast = within(words.closest<HTMLElement>("[data-sonner-toast]")!);
  await waitFor(() =>
    expect(toast.getByRole("button", { name: "Undo" })).toBeVisible(),
  );

  await user.click(toast.getByRole("button", { name: "Go there" }));
  await waitFor(() =>
    expect(location.history?.at(-1)).toBe(`/day/${tomorrow()}`),
  );
  await waitFor(() =>
    expect(
      screen.getByRole("button", { name: "Edit Water plants" }),
    ).toHaveFocus(),
  );
});

test("a repeat in words that starts on the day shown names it, without “Go there”, as an add to that day has none", async () => {
  const { user } = await renderApp();
  await ready();
  await typeWithChip(user, "Stretch every day", "every day");
  await user.keyboard("{Enter}");
  const words = await screen.findByText(
    `Added “${isolate("Stretch")}” to today, repeating every day`,
  );
  // Its own toast (an earlier test's may still be leaving).
  const toast = within(words.closest<HTMLElement>("[data-sonner-toast]")!);
  await waitFor(() =>
    expect(toast.getByRole("button", { name: "Undo" })).toBeVisible(),
  );
  expect(
    toast.queryByRole("button", { name: "Go there" }),
  ).not.toBeInTheDocument();
});

// Repeats: the field alone, as the day view passes `onAddRepeating` only
// once `api.series.create` is there to call.
function renderAddTodo(
  onAddRepeating?: Parameters<typeof AddTodo>[0]["onAddRepeating"],
) {
  const handlers = {
    onAdd: vi.fn(async () => true),
    onAddToDay: vi.fn(async () => true),
    onAddRepeating,
    onAddMany: vi.fn(async () => null),
  };
  render(<AddTodo day={todayString()} todosInDay={0} {...handlers} />);
  return { user: userEvent.setup(), ...handlers };
}

/** The next Sunday from today, today included. */
function nextSunday() {
  let day = todayString();
  while (parseDay(day)!.getDay() !== 0) day = shiftDay(day, 1);
  return day;
}

test("a repeat phrase shows how it repeats and from when; Enter makes a repeating todo without the words", async () => {
  const onAddRepeating = vi.fn(async () => true);
  const { user, onAdd } = renderAddTodo(onAddRepeating);
  await typeWithChip(user, "Water plants every Sunday", "every Sunday");
  expect(
    screen.getByText(`Every Sunday · from ${shortDate(nextSunday())}`),
  ).toBeVisible();
  expect(
    screen.getByText(`Repeats every Sunday, from ${shortDate(nextSunday())}`),
  ).toHaveAttribute("role", "status");

  await user.keyboard("{Enter}");
  expect(onAddRepeating).toHaveBeenCalledWith(
    "Water plants",
    { freq: "weekly", interval: 1, byWeekday: [6], end: { kind: "never" } },
    nextSunday(),
  );
  expect(onAdd).not.toHaveBeenCalled();
  expect(addField()).toHaveValue("");
});

test("without a way to make repeating todos, a repeat phrase stays text: no chip, and its weekday is not read as one day", async () => {
  const { user, onAdd, onAddToDay } = renderAddTodo();
  // The parser is there and reading: a day phrase gets its chip.
  await typeWithChip(user, "Call mom tomorrow", "tomorrow");
  await user.clear(addField());
  await user.keyboard("Water plants every Sunday");
  expect(
    screen.queryByRole("button", { name: /^Keep “.*” as text$/ }),
  ).not.toBeInTheDocument();
  await user.keyboard("{Enter}");
  expect(onAdd).toHaveBeenCalledWith("Water plants every Sunday");
  expect(onAddToDay).not.toHaveBeenCalled();
});
