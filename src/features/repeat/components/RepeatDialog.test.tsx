import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import type { RepeatRule } from "@convex/lib/repeatRule";
import { isolate } from "@/components/ui/UserText";
import { RepeatDialog } from "./RepeatDialog";

// Monday, November 30 2026.
const DAY = "2026-11-30";
const never = { kind: "never" } as const;

function renderDialog(rule: RepeatRule | null = null, withStop = false) {
  const onSave = vi.fn<(rule: RepeatRule) => void>();
  const onClose = vi.fn();
  const onStop = vi.fn();
  render(
    <RepeatDialog
      text="Water plants"
      day={DAY}
      rule={rule}
      onSave={onSave}
      onClose={onClose}
      onStop={withStop ? onStop : undefined}
    />,
  );
  const dialog = screen.getByRole("dialog", { name: "Repeat" });
  const radio = (name: string) => within(dialog).getByRole("radio", { name });
  const save = () =>
    userEvent.click(within(dialog).getByRole("button", { name: "Save" }));
  return { dialog, radio, save, onSave, onClose, onStop };
}

test("is named Repeat, names the todo, and starts at every day, never ending", async () => {
  const { dialog, radio, save, onSave } = renderDialog();
  expect(dialog).toHaveAccessibleDescription(`“${isolate("Water plants")}”`);
  expect(radio("Every day")).toBeChecked();
  expect(radio("Never")).toBeChecked();
  await save();
  expect(onSave).toHaveBeenCalledWith({
    freq: "daily",
    interval: 1,
    end: never,
  });
});

test("offers each way to repeat, as radios in one group", () => {
  const { radio } = renderDialog();
  for (const name of [
    "Every day",
    "Every weekday",
    "Every week on…",
    "Every month on day…",
    "Every N days…",
    "Every year",
  ]) {
    expect(radio(name)).toBeInTheDocument();
  }
  const group = screen.getByRole("group", { name: "Repeats" });
  expect(within(group).getAllByRole("radio")).toHaveLength(6);
});

test("every weekday is Monday to Friday", async () => {
  const { radio, save, onSave } = renderDialog();
  await userEvent.click(radio("Every weekday"));
  await save();
  expect(onSave).toHaveBeenCalledWith({
    freq: "weekly",
    interval: 1,
    byWeekday: [0, 1, 2, 3, 4],
    end: never,
  });
});

test("every week on chosen weekdays starts from the todo's weekday", async () => {
  const { dialog, radio, save, onSave } = renderDialog();
  await userEvent.click(radio("Every week on…"));
  const weekdays = within(dialog).getByRole("group", { name: "Weekdays" });
  expect(
    within(weekdays).getByRole("checkbox", { name: "Monday" }),
  ).toBeChecked();
  await userEvent.click(
    within(weekdays).getByRole("checkbox", { name: "Thursday" }),
  );
  await save();
  expect(onSave).toHaveBeenCalledWith({
    freq: "weekly",
    interval: 1,
    byWeekday: [0, 3],
    end: never,
  });
});

test("no weekday chosen is explained, and nothing is saved", async () => {
  const { dialog, radio, save, onSave } = renderDialog();
  await userEvent.click(radio("Every week on…"));
  await userEvent.click(
    within(dialog).getByRole("checkbox", { name: "Monday" }),
  );
  await save();
  expect(within(dialog).getByRole("alert")).toHaveTextContent(
    "Choose at least one weekday.",
  );
  expect(onSave).not.toHaveBeenCalled();
});

test("every month on a day of the month", async () => {
  const { dialog, radio, save, onSave } = renderDialog();
  await userEvent.click(radio("Every month on day…"));
  const field = within(dialog).getByRole("spinbutton", {
    name: "Day of the month",
  });
  expect(field).toHaveValue(30);
  await userEvent.clear(field);
  await userEvent.type(field, "31");
  await save();
  expect(onSave).toHaveBeenCalledWith({
    freq: "monthly",
    interval: 1,
    byMonthDay: 31,
    end: never,
  });
});

test("every N days, and a number out of bounds is refused", async () => {
  const { dialog, radio, save, onSave } = renderDialog();
  await userEvent.click(radio("Every N days…"));
  const field = within(dialog).getByRole("spinbutton", {
    name: "Number of days",
  });
  await userEvent.clear(field);
  await userEvent.type(field, "400");
  await save();
  expect(within(dialog).getByRole("alert")).toHaveTextContent(
    "Repeat every 1 to 366 days.",
  );
  expect(onSave).not.toHaveBeenCalled();
  await userEvent.clear(field);
  await userEvent.type(field, "3");
  await save();
  expect(onSave).toHaveBeenCalledWith({
    freq: "daily",
    interval: 3,
    end: never,
  });
});

test("every year", async () => {
  const { radio, save, onSave } = renderDialog();
  await userEvent.click(radio("Every year"));
  await save();
  expect(onSave).toHaveBeenCalledWith({
    freq: "yearly",
    interval: 1,
    end: never,
  });
});

test("ends on a date, not before the todo's day", async () => {
  const { dialog, radio, save, onSave } = renderDialog();
  await userEvent.click(radio("On a date"));
  const field = within(dialog).getByLabelText("End date");
  await userEvent.clear(field);
  await userEvent.type(field, "2026-11-01");
  await save();
  expect(within(dialog).getByRole("alert")).toHaveTextContent(
    "The end date must be on or after the todo's day.",
  );
  await userEvent.clear(field);
  await userEvent.type(field, "2026-12-24");
  await save();
  expect(onSave).toHaveBeenCalledWith({
    freq: "daily",
    interval: 1,
    end: { kind: "until", day: "2026-12-24" },
  });
});

test("ends after a number of times", async () => {
  const { dialog, radio, save, onSave } = renderDialog();
  await userEvent.click(radio("After a number of times"));
  const field = within(dialog).getByRole("spinbutton", { name: "Times" });
  await userEvent.clear(field);
  await userEvent.type(field, "5");
  await save();
  expect(onSave).toHaveBeenCalledWith({
    freq: "daily",
    interval: 1,
    end: { kind: "count", count: 5 },
  });
});

test("a todo that repeats opens on its rule and can stop", async () => {
  const rule: RepeatRule = {
    freq: "weekly",
    interval: 1,
    byWeekday: [0, 1, 2, 3, 4],
    end: { kind: "count", count: 20 },
  };
  const { dialog, radio, onStop } = renderDialog(rule, true);
  expect(radio("Every weekday")).toBeChecked();
  expect(radio("After a number of times")).toBeChecked();
  expect(within(dialog).getByRole("spinbutton", { name: "Times" })).toHaveValue(
    20,
  );
  await userEvent.click(
    within(dialog).getByRole("button", { name: "Stop repeating" }),
  );
  expect(onStop).toHaveBeenCalled();
});

test("a todo that does not repeat has no Stop; Cancel and Esc close", async () => {
  const { dialog, onClose, onSave } = renderDialog();
  expect(
    within(dialog).queryByRole("button", { name: "Stop repeating" }),
  ).toBeNull();
  await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
  expect(onClose).toHaveBeenCalledTimes(1);
  await userEvent.keyboard("{Escape}");
  expect(onClose).toHaveBeenCalledTimes(2);
  expect(onSave).not.toHaveBeenCalled();
});

test("opens with focus on the way it repeats, not on Close", async () => {
  const { radio } = renderDialog({
    freq: "weekly",
    interval: 1,
    byWeekday: [0, 1, 2, 3, 4],
    end: never,
  });
  await waitFor(() => expect(radio("Every weekday")).toHaveFocus());
});

test("a fresh repeat opens with focus on Every day", async () => {
  const { radio } = renderDialog();
  await waitFor(() => expect(radio("Every day")).toHaveFocus());
});

test("the choices scroll while Save and Cancel stay in sight beneath them", () => {
  const { dialog, radio } = renderDialog(null, true);
  const scrolling = radio("Every day").closest(".overflow-y-auto");
  expect(scrolling).not.toBeNull();
  expect(dialog).toContainElement(scrolling as HTMLElement);
  expect(scrolling).toContainElement(radio("After a number of times"));
  for (const name of ["Save", "Cancel", "Stop repeating"]) {
    expect(scrolling).not.toContainElement(
      within(dialog).getByRole("button", { name }),
    );
  }
});

test("ending on a date starts a month after the todo's day", async () => {
  const { dialog, radio, save, onSave } = renderDialog();
  await userEvent.click(radio("On a date"));
  expect(within(dialog).getByLabelText("End date")).toHaveValue("2026-12-30");
  await save();
  expect(onSave).toHaveBeenCalledWith({
    freq: "daily",
    interval: 1,
    end: { kind: "until", day: "2026-12-30" },
  });
});

test("a line sums up what will happen, as the choices change", async () => {
  const { dialog, radio } = renderDialog();
  const summary = within(dialog).getByRole("status");
  expect(summary).toHaveTextContent(/^Every day$/);
  expect(
    within(dialog).getByRole("button", { name: "Save" }),
  ).toHaveAccessibleDescription("Every day");

  await userEvent.click(radio("Every week on…"));
  await userEvent.click(
    within(dialog).getByRole("checkbox", { name: "Wednesday" }),
  );
  await userEvent.click(radio("After a number of times"));
  const times = within(dialog).getByRole("spinbutton", { name: "Times" });
  await userEvent.clear(times);
  await userEvent.type(times, "5");
  expect(summary).toHaveTextContent(/^Every Monday and Wednesday, 5 times$/);

  await userEvent.click(radio("Every year"));
  await userEvent.click(radio("On a date"));
  expect(summary).toHaveTextContent(
    /^Every year on November 30, until Wed, Dec 30, 2026$/,
  );

  // Fields that make no rule say what is wrong instead.
  await userEvent.click(radio("Every week on…"));
  for (const name of ["Monday", "Wednesday"]) {
    await userEvent.click(within(dialog).getByRole("checkbox", { name }));
  }
  expect(summary).toHaveTextContent(/^Choose at least one weekday\.$/);
});

test("while a choice is wrong the summary says so at once, in Save's words, and focus stays put", async () => {
  const { dialog, radio, save, onSave } = renderDialog();
  const summary = within(dialog).getByRole("status");
  const saveButton = within(dialog).getByRole("button", { name: "Save" });

  await userEvent.click(radio("After a number of times"));
  const times = within(dialog).getByRole("spinbutton", { name: "Times" });
  await userEvent.clear(times);
  expect(summary).toHaveTextContent(/^End after 1 to 1,000 times\.$/);
  expect(times).toHaveFocus();
  expect(saveButton).toHaveAccessibleDescription("End after 1 to 1,000 times.");
  await userEvent.type(times, "0");
  expect(summary).toHaveTextContent(/^End after 1 to 1,000 times\.$/);
  expect(times).toHaveFocus();
  await userEvent.type(times, "{Backspace}4");
  expect(summary).toHaveTextContent(/^Every day, 4 times$/);

  await userEvent.click(radio("On a date"));
  const until = within(dialog).getByLabelText("End date");
  await userEvent.clear(until);
  await userEvent.type(until, "2026-11-01");
  expect(summary).toHaveTextContent(
    /^The end date must be on or after the todo's day\.$/,
  );
  expect(until).toHaveFocus();
  await userEvent.click(radio("Never"));

  await userEvent.click(radio("Every N days…"));
  const days = within(dialog).getByRole("spinbutton", {
    name: "Number of days",
  });
  await userEvent.clear(days);
  await userEvent.type(days, "400");
  expect(summary).toHaveTextContent(/^Repeat every 1 to 366 days\.$/);
  expect(days).toHaveFocus();
  expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();

  // Save still alerts, and the words show once, not twice.
  await save();
  expect(within(dialog).getByRole("alert")).toHaveTextContent(
    /^Repeat every 1 to 366 days\.$/,
  );
  expect(summary).toBeEmptyDOMElement();
  expect(saveButton).toHaveFocus();
  expect(saveButton).toHaveAccessibleDescription("Repeat every 1 to 366 days.");
  expect(onSave).not.toHaveBeenCalled();

  await userEvent.clear(days);
  await userEvent.type(days, "3");
  expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
  expect(summary).toHaveTextContent(/^Every 3 days$/);
});
