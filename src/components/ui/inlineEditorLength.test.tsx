import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { InlineEditor } from "./InlineEditor";

function renderEditor() {
  const onSave = vi.fn();
  const onCancel = vi.fn();
  const user = userEvent.setup();
  render(
    <InlineEditor
      initial="Draft"
      label="Edit todo"
      maxLength={100}
      multiline
      onSave={onSave}
      onCancel={onCancel}
    />,
  );
  const field = screen.getByRole("textbox", { name: "Edit todo" });
  return { user, field, onSave, onCancel };
}

test("an edit past the length limit is never cut: a counter shows, and saving is refused with a message that keeps the text", async () => {
  const { user, field, onSave } = renderEditor();
  await user.paste("x".repeat(100));
  expect(field).toHaveValue(`Draft${"x".repeat(100)}`);
  expect(screen.getByText("105 / 100")).toBeInTheDocument();
  expect(field).toHaveAttribute("aria-invalid", "true");

  await user.keyboard("{Enter}");
  expect(onSave).not.toHaveBeenCalled();
  expect(screen.getByRole("alert")).toHaveTextContent(
    "Not saved: this holds at most 100 characters and this text has 105. Shorten it, then press Enter.",
  );
  fireEvent.blur(field);
  expect(onSave).not.toHaveBeenCalled();
  expect(field).toHaveValue(`Draft${"x".repeat(100)}`);

  // Shortened, it saves.
  field.focus();
  await user.keyboard("{Backspace>5/}{Enter}");
  expect(onSave).toHaveBeenCalledExactlyOnceWith(
    `Draft${"x".repeat(95)}`,
    "key",
  );
});

test("well under the limit, no counter shows", async () => {
  const { user } = renderEditor();
  await user.keyboard(" plan");
  expect(screen.queryByText(/\/ 100/)).not.toBeInTheDocument();
});
