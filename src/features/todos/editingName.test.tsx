import { screen } from "@testing-library/react";
import { expect, test } from "vitest";
import { renderApp } from "@/testing/renderApp";
import { addTodos } from "@/testing/seed";

test("a todo's checkbox keeps its accessible name, the todo's text, while the todo is being edited", async () => {
  const { user } = await renderApp({
    seed: (b) => addTodos(b, ["Call Bob", "Buy milk"]),
  });
  await screen.findByRole("checkbox", { name: "Call Bob" });

  await user.click(screen.getByRole("button", { name: "Edit Call Bob" }));
  const editor = screen.getByRole("textbox", { name: "Edit Call Bob" });
  expect(editor).toHaveFocus();
  // The text the checkbox was named by is replaced by the editor: the
  // checkbox must still say which todo it completes.
  expect(
    screen.getByRole("checkbox", { name: "Call Bob" }),
  ).toHaveAccessibleName("Call Bob");

  // Typing changes nothing saved yet: the name stays the todo's text.
  await user.type(editor, " and Alice");
  expect(
    screen.getByRole("checkbox", { name: "Call Bob" }),
  ).toBeInTheDocument();
  for (const checkbox of screen.getAllByRole("checkbox")) {
    expect(checkbox).toHaveAccessibleName(/\S/);
  }
});
