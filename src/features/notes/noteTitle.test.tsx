import { screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { renderApp } from "@/testing/renderApp";
import { addNotes, notesOf } from "@/testing/seed";

/** The app with one note, "Plan", and that note's card and title field. */
async function openNotePlan() {
  const app = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Plan" }]),
  });
  const card = await screen.findByRole("article", { name: "Plan" });
  const title = within(card).getByRole("textbox", { name: "Note title" });
  return { ...app, card, title };
}

test("Esc in a note title restores the title it had before editing, even after an autosave", async () => {
  const { user, backend, title } = await openNotePlan();
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

test("a note title over 200 characters is kept whole, counted, not saved, and the card says why", async () => {
  const { user, backend, card, title } = await openNotePlan();

  // Near the limit a counter shows.
  await user.click(title);
  await user.keyboard("{End}");
  await user.paste("a".repeat(186));
  expect(title).toHaveValue(`Plan${"a".repeat(186)}`);
  expect(within(card).getByText("190 / 200")).toBeVisible();
  expect(within(card).queryByRole("alert")).not.toBeInTheDocument();

  // Past it, nothing is cut: the title keeps every character, the counter
  // turns to the over-long count, and the card says why it is not saved.
  await user.paste("b".repeat(25));
  const longTitle = `Plan${"a".repeat(186)}${"b".repeat(25)}`;
  expect(title).toHaveValue(longTitle);
  expect(within(card).getByText("215 / 200")).toBeVisible();
  expect(await within(card).findByRole("alert")).toHaveTextContent(
    "Not saved: a note title holds at most 200 characters and this one has 215. Shorten it to save.",
  );
  expect(title).toHaveAttribute("aria-invalid", "true");
  expect(title).toHaveAccessibleDescription(/215 \/ 200.*at most 200/);
  // Enter does not move on to the body: the title is still to be shortened.
  await user.keyboard("{Enter}");
  expect(title).toHaveFocus();

  await user.tab();
  await waitFor(() =>
    expect(within(card).getByRole("status")).toHaveTextContent("Not saved"),
  );
  expect(title).toHaveValue(longTitle);
  expect(
    backend.mutations.filter((m) => m.name === "notes:update"),
  ).toHaveLength(0);
  expect((await notesOf(backend))[0]!.title).toBe("Plan");

  // Shortened to the limit, it saves whole and the message goes.
  await user.click(title);
  await user.keyboard("{End}");
  for (let i = 0; i < 15; i++) await user.keyboard("{Backspace}");
  await waitFor(async () =>
    expect((await notesOf(backend))[0]!.title).toBe(
      `Plan${"a".repeat(186)}${"b".repeat(10)}`,
    ),
  );
  expect(within(card).queryByRole("alert")).not.toBeInTheDocument();
  expect(title).not.toHaveAttribute("aria-invalid");
});
