import { screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { renderApp } from "@/testing/renderApp";
import { addNotes, notesOf } from "@/testing/seed";

test("Esc in a note title restores the title it had before editing, even after an autosave", async () => {
  const { user, backend } = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Plan" }]),
  });
  const card = await screen.findByRole(
    "article",
    { name: "Plan" },
    { timeout: 10_000 },
  );
  const title = within(card).getByRole("textbox", { name: "Note title" });
  await user.click(title);
  await user.keyboard("{End} for Monday");
  // The edit autosaves while the field still has focus.
  await waitFor(async () =>
    expect((await notesOf(backend))[0]!.title).toBe("Plan for Monday"),
  );

  await user.keyboard("{Escape}");
  expect(title).toHaveValue("Plan");
  await waitFor(async () =>
    expect((await notesOf(backend))[0]!.title).toBe("Plan"),
  );
  expect(title).toHaveValue("Plan");
});
