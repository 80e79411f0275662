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
import { longDate } from "@/lib/dayNames";
import { renderApp } from "@/testing/renderApp";
import { addNotes, addTodos } from "@/testing/seed";
import { highlightParts } from "./highlight";

const searchField = () =>
  screen.findByRole("combobox", { name: "Search todos and notes" });

async function openSearch(user: Awaited<ReturnType<typeof renderApp>>["user"]) {
  await screen.findByRole("heading", { level: 1 });
  await user.click(screen.getByRole("button", { name: "Search" }));
  const field = await searchField();
  await waitFor(() => expect(field).toHaveFocus());
  return field;
}

const searches = (backend: Awaited<ReturnType<typeof renderApp>>["backend"]) =>
  backend.actions.filter(({ name }) => name === "search:search");

test("highlighting splits text by the terms literally: regex characters are safe", () => {
  expect(highlightParts("Call Bob (mobile)", "bob (mobile")).toEqual([
    { text: "Call ", match: false },
    { text: "Bob", match: true },
    { text: " ", match: false },
    { text: "(mobile", match: true },
    { text: ")", match: false },
  ]);
  for (const query of ["(", "[", "\\", "*", "+", "?", "a[b", "$^", ".*"]) {
    expect(() =>
      highlightParts("x ( [ \\ * + ? a[b $^ .* y", query),
    ).not.toThrow();
  }
  expect(
    highlightParts("1+1=2? [ok] \\o/", "1+1 [ok] \\o/ ?")
      .filter((p) => p.match)
      .map((p) => p.text),
  ).toEqual(["1+1", "?", "[ok]", "\\o/"]);
  expect(highlightParts("a.b", ".")).toEqual([
    { text: "a", match: false },
    { text: ".", match: true },
    { text: "b", match: false },
  ]);
});

test("Ctrl+K opens search; the query is debounced; matches are marked in todos and notes; Esc closes and focus returns", async () => {
  const { user, backend } = await renderApp({
    seed: async (b) => {
      await addTodos(b, ["Buy oat milk", "Walk the dog"]);
      await addNotes(b, [
        { title: "Milk suppliers", body: "Compare prices for milk and cheese" },
      ]);
    },
  });
  await screen.findByRole("heading", { level: 1 });
  const opener = screen.getByRole("button", { name: "Search" });
  opener.focus();
  await user.keyboard("{Control>}k{/Control}");
  const field = await searchField();
  await waitFor(() => expect(field).toHaveFocus());
  expect(
    screen.getByText("Type to search your todos and notes."),
  ).toBeInTheDocument();

  await user.type(field, "milk");
  // One search for the settled text, none for "m", "mi", "mil".
  const listbox = await screen.findByRole("listbox", {
    name: "Search results",
  });
  const todos = await within(listbox).findByRole("group", { name: "Todos" });
  const notes = within(listbox).getByRole("group", { name: "Notes" });
  expect(searches(backend).map(({ args }) => args)).toEqual([{ text: "milk" }]);

  const todo = within(todos).getByRole("option", { name: /Buy oat milk/ });
  expect(todo).toHaveTextContent("Today");
  expect([...todo.querySelectorAll("mark")].map((m) => m.textContent)).toEqual([
    "milk",
  ]);
  const note = within(notes).getByRole("option", { name: /Milk suppliers/ });
  expect([...note.querySelectorAll("mark")].map((m) => m.textContent)).toEqual([
    "Milk",
    "milk",
  ]);
  expect(note).toHaveTextContent("Compare prices for milk and cheese");
  expect(
    within(listbox).queryByRole("option", { name: /Walk the dog/ }),
  ).toBeNull();

  await user.keyboard("{Escape}");
  await waitFor(() =>
    expect(
      screen.queryByRole("dialog", { name: "Search" }),
    ).not.toBeInTheDocument(),
  );
  await waitFor(() => expect(opener).toHaveFocus());
});

test("No matches, and special characters in the query neither crash nor inject markup", async () => {
  const tricky = "<img src=x onerror=alert(1)> (a [b \\c *d +e ?f";
  const { user } = await renderApp({
    seed: (b) => addTodos(b, [tricky]),
  });
  const field = await openSearch(user);
  await user.type(field, "zebra");
  expect(await screen.findByText("No matches")).toBeInTheDocument();

  await user.clear(field);
  // user-event treats [ and { as key descriptors; paste types literally.
  await user.click(field);
  await user.paste("(a [b \\c *d +e ?f");
  const option = await screen.findByRole("option", { name: /onerror/ });
  expect(option).toHaveTextContent(tricky);
  expect(
    [...option.querySelectorAll("mark")].map((m) => m.textContent),
  ).toEqual(["(a", "[b", "\\c", "*d", "+e", "?f"]);
  expect(document.querySelector("img[src='x']")).toBeNull();
  expect(document.querySelector("[onerror]")).toBeNull();
});

test("arrow keys move the active option (aria-activedescendant) and Enter opens a todo's day", async () => {
  const day = "2025-01-05";
  const { user, location } = await renderApp({
    seed: async (b) => {
      await addTodos(b, ["report one"]);
      await addTodos(b, ["report two"], day);
    },
  });
  const field = await openSearch(user);
  await user.type(field, "report");
  const options = await screen.findAllByRole("option");
  expect(options).toHaveLength(2);
  expect(field).toHaveAttribute("aria-activedescendant", options[0]!.id);
  expect(options[0]).toHaveAttribute("aria-selected", "true");
  await user.keyboard("{ArrowDown}");
  expect(field).toHaveAttribute("aria-activedescendant", options[1]!.id);
  expect(options[1]).toHaveAttribute("aria-selected", "true");
  expect(options[0]).toHaveAttribute("aria-selected", "false");
  await user.keyboard("{ArrowDown}");
  expect(field).toHaveAttribute("aria-activedescendant", options[0]!.id);
  // Back to the result from the other day, then open it.
  const other = options.findIndex((o) => o.textContent!.includes("two"));
  if (other === 0) await user.keyboard("{ArrowUp}{ArrowUp}");
  else await user.keyboard("{ArrowUp}");
  expect(field).toHaveAttribute("aria-activedescendant", options[other]!.id);
  await user.keyboard("{Enter}");
  await waitFor(() => expect(location.history.at(-1)).toBe(`/day/${day}`));
  // Found is enough: the day's page may render again a moment later, so
  // the element found then is not always the one in the page.
  await screen.findByRole("heading", { level: 1, name: longDate(day) });
  await waitFor(() =>
    expect(
      screen.getByRole("button", { name: "Edit report two" }),
    ).toHaveFocus(),
  );
});

test("choosing a note opens its day and expands the note", async () => {
  const day = "2025-02-10";
  const { user, backend } = await renderApp({
    seed: async (b) => {
      const [id] = await addNotes(
        b,
        [{ title: "Trip plan", body: "Pack the tent" }],
        day,
      );
      await b.asUser.mutation(api.notes.setCollapsed, {
        id: id!,
        collapsed: true,
      });
    },
  });
  const field = await openSearch(user);
  await user.type(field, "tent");
  const option = await screen.findByRole("option", { name: /Trip plan/ });
  await user.click(option);
  // Found is enough: the day's page may render again a moment later, so
  // the element found then is not always the one in the page.
  await screen.findByRole("heading", { level: 1, name: longDate(day) });
  const note = await screen.findByRole("article", { name: "Trip plan" });
  expect(
    await within(note).findByRole("button", { name: "Collapse note" }),
  ).toHaveAttribute("aria-expanded", "true");
  expect(within(note).getByRole("textbox", { name: "Note body" })).toHaveValue(
    "Pack the tent",
  );
  await waitFor(() =>
    expect(
      within(note).getByRole("textbox", { name: "Note title" }),
    ).toHaveFocus(),
  );
  await waitFor(async () =>
    expect(
      (await backend.asUser.query(api.notes.listForDay, { day }))[0]!.collapsed,
    ).toBe(false),
  );
});

test("a failed search shows the backend's message instead of results", async () => {
  const { user } = await renderApp();
  const field = await openSearch(user);
  // Past the field's own limit, as a paste from elsewhere might be.
  fireEvent.change(field, { target: { value: "x".repeat(201) } });
  expect(await screen.findByRole("alert")).toHaveTextContent(/too long/i);
  expect(screen.queryByRole("option")).not.toBeInTheDocument();
});

test("a rate-limited search says “Slow down — try again in N s” in the dialog", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Buy milk"]),
  });
  backend.actionGate = async () => {
    throw new ConvexError({
      code: "RATE_LIMITED",
      message: "Slow down — try again in 3 s.",
      retryAfterMs: 2100,
    });
  };
  const field = await openSearch(user);
  await user.type(field, "milk");
  expect(await screen.findByRole("alert")).toHaveTextContent(
    /^Slow down — try again in 3 s$/,
  );
  expect(screen.queryByRole("option")).not.toBeInTheDocument();
  expect(field).toHaveFocus();
});

test("while a search runs it says Searching…, and an answer to an older query never replaces the newer one", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Buy milk", "Walk the dog"]),
  });
  const held = new Map<string, () => void>();
  backend.actionGate = (_name, args) =>
    new Promise<void>((resolve) => held.set(args.text as string, resolve));
  const field = await openSearch(user);

  await user.type(field, "milk");
  await waitFor(() => expect(held.has("milk")).toBe(true));
  const dialog = screen.getByRole("dialog", { name: "Search" });
  expect(within(dialog).getByRole("status")).toHaveTextContent("Searching…");

  await user.clear(field);
  await user.type(field, "dog");
  await waitFor(() => expect(held.has("dog")).toBe(true));
  held.get("dog")!();
  expect(
    await screen.findByRole("option", { name: /Walk the dog/ }),
  ).toBeInTheDocument();

  // The older search answers last: its results are not shown.
  held.get("milk")!();
  await waitFor(() => expect(backend.answeredActions).toBe(2));
  // One turn of the event loop: the answer's callbacks (all microtasks)
  // have run, so a stale answer would be on screen now.
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(searches(backend).map(({ args }) => args.text)).toEqual([
    "milk",
    "dog",
  ]);
  expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([
    expect.stringContaining("Walk the dog"),
  ]);
});
