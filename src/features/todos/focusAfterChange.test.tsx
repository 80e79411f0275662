import { screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { renderApp } from "@/testing/renderApp";
import { addTodos } from "@/testing/seed";

/** Several steps through the app, each waiting on a loaded 2-core machine. */
const TEST_TIMEOUT_MS = 90_000;

/*
 * Issue 12 item 8: after an action moves or removes the focused item, focus
 * goes to a sensible neighbour, never to <body>.
 */

const openList = () => screen.getByRole("list", { name: "Open todos" });
const doneList = () => screen.getByRole("list", { name: "Done todos" });
const addField = () => screen.getByRole("textbox", { name: "Add a todo" });

async function seeded(texts: string[]) {
  const app = await renderApp({ seed: (b) => addTodos(b, texts) });
  await screen.findByRole("checkbox", { name: texts[0] }, { timeout: 20_000 });
  return app;
}

/** Opens the item's menu from the keyboard and chooses `item`. */
async function chooseFromMenu(
  user: Awaited<ReturnType<typeof renderApp>>["user"],
  text: string,
  item: string,
) {
  screen.getByRole("button", { name: `More actions for ${text}` }).focus();
  await user.keyboard("{Enter}");
  const menu = await screen.findByRole("menu");
  within(menu).getByRole("menuitem", { name: item }).focus();
  await user.keyboard("{Enter}");
}

test(
  "Space completes a todo and focus follows it into Done; Space again reopens it, focus still on it",
  async () => {
    const { user } = await seeded(["A", "B", "C"]);
    screen.getByRole("checkbox", { name: "B" }).focus();
    await user.keyboard(" ");
    await waitFor(() =>
      expect(
        within(doneList()).getByRole("checkbox", { name: "B" }),
      ).toHaveFocus(),
    );

    await user.keyboard(" ");
    await waitFor(() =>
      expect(
        within(openList()).getByRole("checkbox", { name: "B" }),
      ).toHaveFocus(),
    );
  },
  TEST_TIMEOUT_MS,
);

test(
  "completing with the Done section collapsed puts focus on the next item",
  async () => {
    const { user } = await seeded(["A", "B", "C"]);
    screen.getByRole("checkbox", { name: "A" }).focus();
    await user.keyboard(" ");
    await waitFor(() =>
      expect(
        within(doneList()).getByRole("checkbox", { name: "A" }),
      ).toHaveFocus(),
    );
    await user.click(screen.getByRole("button", { name: /Done/ }));
    expect(screen.queryByRole("list", { name: "Done todos" })).toBeNull();

    screen.getByRole("checkbox", { name: "B" }).focus();
    await user.keyboard(" ");
    await waitFor(() =>
      expect(screen.getByRole("checkbox", { name: "C" })).toHaveFocus(),
    );
  },
  TEST_TIMEOUT_MS,
);

test(
  "confirming a delete puts focus on the next item's menu button, or the previous one's for the last item, or the add field",
  async () => {
    const { user } = await seeded(["A", "B", "C"]);
    await chooseFromMenu(user, "B", "Delete");
    await screen.findByRole("alertdialog", { name: "Delete this todo?" });
    await user.keyboard("{Enter}");
    await waitFor(() =>
      expect(
        screen.getByRole("button", { name: "More actions for C" }),
      ).toHaveFocus(),
    );

    await chooseFromMenu(user, "C", "Delete");
    await screen.findByRole("alertdialog");
    await user.keyboard("{Enter}");
    await waitFor(() =>
      expect(
        screen.getByRole("button", { name: "More actions for A" }),
      ).toHaveFocus(),
    );

    await chooseFromMenu(user, "A", "Delete");
    await screen.findByRole("alertdialog");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(addField()).toHaveFocus());
  },
  TEST_TIMEOUT_MS,
);

test(
  "moving an item to another day from its menu puts focus on the next item's menu button",
  async () => {
    const { user } = await seeded(["A", "B", "C"]);
    await chooseFromMenu(user, "A", "Move to tomorrow");
    await waitFor(() =>
      expect(
        screen.getByRole("button", { name: "More actions for B" }),
      ).toHaveFocus(),
    );
    expect(screen.queryByRole("checkbox", { name: "A" })).toBeNull();
  },
  TEST_TIMEOUT_MS,
);

test(
  "Esc in the add field keeps the draft and puts focus on the day's list",
  async () => {
    const { user } = await seeded(["A", "B"]);
    await user.click(addField());
    await user.keyboard("half a thought{Escape}");
    expect(addField()).toHaveValue("half a thought");
    expect(document.activeElement).not.toBe(document.body);
    expect(openList()).toContainElement(document.activeElement as HTMLElement);
  },
  TEST_TIMEOUT_MS,
);
