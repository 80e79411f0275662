import { render, screen, within } from "@testing-library/react";
import { expect, test } from "vitest";
import MarkdownPreview from "./MarkdownPreview";

test("each task-list checkbox is named by its item's text, nested items and all", () => {
  render(
    <MarkdownPreview
      text={
        "- [ ] Buy **oat** milk\n- [x] Call the plumber\n  - [ ] ask for a quote\n- Bring a bag"
      }
    />,
  );
  const milk = screen.getByRole("checkbox", { name: "Buy oat milk" });
  expect(milk).not.toBeChecked();
  expect(
    screen.getByRole("checkbox", { name: "Call the plumber" }),
  ).toBeChecked();
  expect(
    screen.getByRole("checkbox", { name: "ask for a quote" }),
  ).not.toBeChecked();
  expect(screen.getAllByRole("checkbox")).toHaveLength(3);
});

test("a task item in a loose list (blank lines between items) is named too", () => {
  render(<MarkdownPreview text={"- [ ] First task\n\n- [x] Second task"} />);
  const list = screen.getByRole("list");
  expect(
    within(list).getByRole("checkbox", { name: "First task" }),
  ).not.toBeChecked();
  expect(
    within(list).getByRole("checkbox", { name: "Second task" }),
  ).toBeChecked();
});
