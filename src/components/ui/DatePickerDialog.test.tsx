import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import DatePickerDialog from "./DatePickerDialog";

function renderPicker(initial: string) {
  const onDone = vi.fn();
  render(
    <DatePickerDialog
      options={{ title: "Move to a date", initial, confirmLabel: "Move here" }}
      onDone={onDone}
      returnFocusTo={null}
    />,
  );
  return {
    onDone,
    dialog: screen.getByRole("dialog", { name: "Move to a date" }),
  };
}

test("at the last month of the range the calendar goes no further", async () => {
  const user = userEvent.setup();
  const { dialog, onDone } = renderPicker("2199-12-31");
  expect(
    within(dialog).getByRole("button", { name: /Next Month/ }),
  ).toHaveAttribute("aria-disabled", "true");
  await user.click(within(dialog).getByRole("button", { name: "Move here" }));
  expect(onDone).toHaveBeenCalledWith("2199-12-31");
});

test("a start outside the range opens at its nearest end, and the calendar goes no earlier", async () => {
  const user = userEvent.setup();
  const { dialog, onDone } = renderPicker("1969-06-15");
  expect(
    within(dialog).getByRole("button", { name: /Previous Month/ }),
  ).toHaveAttribute("aria-disabled", "true");
  await user.click(within(dialog).getByRole("button", { name: "Move here" }));
  expect(onDone).toHaveBeenCalledWith("1970-01-01");
});

test("Enter on a day chooses it, as the confirm button would", async () => {
  const user = userEvent.setup();
  const { dialog, onDone } = renderPicker("2026-11-15");
  const selected = within(dialog).getByRole("button", { name: /November 15/ });
  await waitFor(() => expect(selected).toHaveFocus());
  await user.keyboard("{ArrowRight}");
  expect(
    within(dialog).getByRole("button", { name: /November 16/ }),
  ).toHaveFocus();
  await user.keyboard("{Enter}");
  expect(onDone).toHaveBeenCalledWith("2026-11-16");
});

test("each day's accessible name contains the number it shows (label-content-name-mismatch)", () => {
  const { dialog } = renderPicker("2026-11-15");
  const days = within(within(dialog).getByRole("grid")).getAllByRole("button");
  expect(days).toHaveLength(30);
  for (const day of days) {
    const words = (day.getAttribute("aria-label") ?? "").split(/[\s,]+/);
    expect(words).toContain(day.textContent);
  }
});
