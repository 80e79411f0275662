import { screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { api } from "@convex/_generated/api";
import { shiftDay } from "@/lib/dates";
import { openMenu, renderApp } from "@/testing/renderApp";
import { addTodos, todosOf } from "@/testing/seed";

const DAY = "2025-01-05";
const NEXT = shiftDay(DAY, 1);
const MENU = "More actions for Sun, Jan 5, 2025";

async function copyToNextDay(
  user: Awaited<ReturnType<typeof renderApp>>["user"],
) {
  const menu = await openMenu(user, MENU);
  await user.click(within(menu).getByRole("menuitem", { name: "Next day" }));
}

test("“Copy open todos to …” with nothing open says “Nothing to copy”, never “Copied”", async () => {
  const { user, backend } = await renderApp({
    path: `/day/${DAY}`,
    seed: async (b) => {
      const [done] = await addTodos(b, ["Finished"], DAY);
      await b.asUser.mutation(api.todos.setDone, { id: done!, done: true });
    },
  });
  await copyToNextDay(user);
  expect(await screen.findByText(/^Nothing to copy/)).toBeInTheDocument();
  expect(screen.queryByText(/^Copied/)).not.toBeInTheDocument();
  expect(await todosOf(backend, NEXT)).toEqual([]);
});

test("copying twice says how many were copied, then skips what is already there instead of duplicating", async () => {
  const { user, backend } = await renderApp({
    path: `/day/${DAY}`,
    seed: (b) => addTodos(b, ["Carry", "Also"], DAY),
  });
  await copyToNextDay(user);
  expect(
    await screen.findByText("Copied 2 open todos to Mon, Jan 6, 2025"),
  ).toBeInTheDocument();

  await copyToNextDay(user);
  expect(
    await screen.findByText(
      "Nothing to copy: all 2 open todos are already on Mon, Jan 6, 2025",
    ),
  ).toBeInTheDocument();
  await waitFor(async () =>
    expect((await todosOf(backend, NEXT)).map((todo) => todo.text)).toEqual([
      "Carry",
      "Also",
    ]),
  );
});
