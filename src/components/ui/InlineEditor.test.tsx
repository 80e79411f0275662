import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { InlineEditor } from "./InlineEditor";

function renderEditor(multiline = false) {
  const onSave = vi.fn();
  const onCancel = vi.fn();
  const user = userEvent.setup();
  render(
    <InlineEditor
      initial="Draft"
      label="Edit draft"
      maxLength={100}
      multiline={multiline}
      onSave={onSave}
      onCancel={onCancel}
    />,
  );
  const field = screen.getByRole("textbox", { name: "Edit draft" });
  return { user, field, onSave, onCancel };
}

test("opens focused with the caret at the end; Enter saves once, by key", async () => {
  const { user, field, onSave } = renderEditor();
  expect(field).toHaveFocus();
  await user.keyboard(" plan{Enter}");
  expect(onSave).toHaveBeenCalledExactlyOnceWith("Draft plan", "key");
  // The blur that follows does not save again.
  fireEvent.blur(field);
  expect(onSave).toHaveBeenCalledTimes(1);
});

test("Esc cancels, and never saves", async () => {
  const { user, onSave, onCancel } = renderEditor();
  await user.keyboard(" changed{Escape}");
  expect(onCancel).toHaveBeenCalledTimes(1);
  expect(onSave).not.toHaveBeenCalled();
});

test("leaving the field saves, by blur", async () => {
  const { user, onSave } = renderEditor();
  await user.keyboard("!");
  await user.tab();
  expect(onSave).toHaveBeenCalledExactlyOnceWith("Draft!", "blur");
});

test("Enter and Esc that confirm or cancel an input method's composition do not end the edit", () => {
  const { field, onSave, onCancel } = renderEditor();
  fireEvent.keyDown(field, { key: "Enter", isComposing: true });
  fireEvent.keyDown(field, { key: "Escape", isComposing: true });
  // Some browsers mark composition keys with keyCode 229 instead.
  fireEvent.keyDown(field, { key: "Enter", keyCode: 229 });
  expect(onSave).not.toHaveBeenCalled();
  expect(onCancel).not.toHaveBeenCalled();
  fireEvent.keyDown(field, { key: "Enter" });
  expect(onSave).toHaveBeenCalledTimes(1);
});

test("multiline: Shift+Enter adds a line, Enter saves", async () => {
  const { user, onSave } = renderEditor(true);
  await user.keyboard("{Shift>}{Enter}{/Shift}second line{Enter}");
  expect(onSave).toHaveBeenCalledExactlyOnceWith("Draft\nsecond line", "key");
});
