import { screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { renderApp } from "@/testing/renderApp";
import { addNotes } from "@/testing/seed";

/** Several steps through the app, each waiting on a loaded 2-core machine. */
const TEST_TIMEOUT_MS = 90_000;

const note = (name: string) => screen.findByRole("article", { name });

/** Deletes the note from the keyboard: its Delete button, then Enter. */
async function deleteNote(
  user: Awaited<ReturnType<typeof renderApp>>["user"],
  name: string,
) {
  within(await note(name))
    .getByRole("button", { name: "Delete note" })
    .focus();
  await user.keyboard("{Enter}");
  await screen.findByRole("alertdialog", { name: "Delete this note?" });
  await user.keyboard("{Enter}");
  await waitFor(() =>
    expect(screen.queryByRole("article", { name })).not.toBeInTheDocument(),
  );
}

// Issue 12 item 8: never focus on <body> after a confirmed delete.
test(
  "confirming a note delete puts focus on the next note's Delete button, the previous one's for the last note, else on Add note",
  async () => {
    const { user } = await renderApp({
      seed: (b) =>
        addNotes(b, [{ title: "One" }, { title: "Two" }, { title: "Three" }]),
    });
    await screen.findByRole("article", { name: "One" }, { timeout: 20_000 });

    await deleteNote(user, "Two");
    await waitFor(() =>
      expect(
        within(screen.getByRole("article", { name: "Three" })).getByRole(
          "button",
          { name: "Delete note" },
        ),
      ).toHaveFocus(),
    );

    await deleteNote(user, "Three");
    await waitFor(() =>
      expect(
        within(screen.getByRole("article", { name: "One" })).getByRole(
          "button",
          {
            name: "Delete note",
          },
        ),
      ).toHaveFocus(),
    );

    await deleteNote(user, "One");
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Add note" })).toHaveFocus(),
    );
  },
  TEST_TIMEOUT_MS,
);
