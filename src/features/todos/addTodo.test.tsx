import { screen, waitFor } from "@testing-library/react";
import { expect, test } from "vitest";
import { LIMITS } from "@convex/lib/limits";
import { renderApp } from "@/testing/renderApp";
import { todosOf } from "@/testing/seed";

const addField = () => screen.getByRole("textbox", { name: "Add a todo" });

async function ready() {
  await screen.findByRole("heading", { level: 1, name: "Today" });
}

const lines = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);

test("pasting more than 500 lines adds every line, in order", async () => {
  const { user, backend } = await renderApp();
  await ready();
  const pasted = lines(LIMITS.listItems + 1, "Line");
  await user.click(addField());
  await user.paste(pasted.join("\n"));
  await waitFor(
    async () =>
      expect((await todosOf(backend)).map((todo) => todo.text)).toEqual(pasted),
    { timeout: 90_000 },
  );
  expect(addField()).toHaveValue("");
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
}, 120_000);

test("a paste past the day's text budget adds the batches that fit and keeps the rest in the field, saying why", async () => {
  const { user, backend } = await renderApp();
  await ready();
  // 800 lines of about 6 kB each: the first 500 fit the day's 4 MB of todo
  // text, the other 300 would not.
  const pasted = lines(800, "€".repeat(1_990));
  await user.click(addField());
  await user.paste(pasted.join("\n"));
  expect(
    await screen.findByText(
      "Added 500 of 800 lines. The other 300 were not added: this day's todos are full: at most 4 MB of text. They are still in the field.",
      {},
      { timeout: 60_000 },
    ),
  ).toBeInTheDocument();
  expect(addField()).toHaveValue(pasted.slice(500).join("\n"));
  expect(await todosOf(backend)).toHaveLength(500);
}, 120_000);

test("a pasted line over the length limit stays in the field while the other lines are added", async () => {
  const { user, backend } = await renderApp();
  await ready();
  const long = "x".repeat(LIMITS.todoText + 1);
  await user.click(addField());
  await user.paste(`Short one\n${long}\nShort two`);
  expect(
    await screen.findByText(
      "Added 2 of 3 lines. The other one was not added: a todo holds at most 2,000 characters. It is still in the field.",
    ),
  ).toBeInTheDocument();
  expect(addField()).toHaveValue(long);
  await waitFor(async () =>
    expect((await todosOf(backend)).map((todo) => todo.text)).toEqual([
      "Short one",
      "Short two",
    ]),
  );
});

test("text over 2,000 characters is never cut: a counter shows the length and Enter refuses with a message, keeping the text", async () => {
  const { user, backend } = await renderApp();
  await ready();
  await user.click(addField());
  await user.paste("y".repeat(1_950));
  expect(screen.getByText("1,950 / 2,000")).toBeInTheDocument();
  await user.paste("z".repeat(100));
  expect(addField()).toHaveValue("y".repeat(1_950) + "z".repeat(100));
  expect(screen.getByText("2,050 / 2,000")).toBeInTheDocument();

  await user.keyboard("{Enter}");
  expect(
    await screen.findByText(
      "Not added: a todo holds at most 2,000 characters and this one has 2,050. Shorten it, then press Enter.",
    ),
  ).toBeInTheDocument();
  expect(addField()).toHaveValue("y".repeat(1_950) + "z".repeat(100));
  expect(addField()).toHaveAttribute("aria-invalid", "true");
  expect(backend.mutations.some((m) => m.name === "todos:create")).toBe(false);
});

test("short text shows no counter", async () => {
  const { user } = await renderApp();
  await ready();
  await user.type(addField(), "Buy milk");
  expect(screen.queryByText(/\/ 2,000/)).not.toBeInTheDocument();
});

test("leaving the add field moves nothing below it: its hint line stays", async () => {
  const { user } = await renderApp();
  await ready();
  const hintText =
    "Enter adds · Shift+Enter new line · # heading · Paste lines: one todo each";
  // A row pressed just after typing must not slide away before the release.
  expect(screen.getByText(hintText)).toBeVisible();
  await user.click(addField());
  expect(screen.getByText(hintText)).toBeVisible();
  await user.tab();
  expect(addField()).not.toHaveFocus();
  expect(screen.getByText(hintText)).toBeVisible();
});

test("the add field's syntax hints are visible, not only read to screen readers", async () => {
  const { user } = await renderApp();
  await ready();
  // An empty day says how to add, head and paste.
  const emptyDay = await screen.findByText(
    /add your first todo\. Start with # for a heading; paste several lines/,
  );
  expect(emptyDay.closest(".sr-only")).toBeNull();
  // Under the field, a short hint.
  await user.click(addField());
  const hint = screen.getByText(
    "Enter adds · Shift+Enter new line · # heading · Paste lines: one todo each",
  );
  expect(hint).toBeVisible();
  expect(hint.closest(".sr-only")).toBeNull();
});
