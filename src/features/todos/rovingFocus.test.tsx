import { screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { renderApp } from "@/testing/renderApp";
import { addTodos } from "@/testing/seed";

/** Several steps through the app, each waiting on a loaded 2-core machine. */
const TEST_TIMEOUT_MS = 90_000;

/*
 * Issue 12 item 13: a list of todos is one Tab stop; arrow keys move inside
 * it; headings read as headings.
 */

const openList = () => screen.getByRole("list", { name: "Open todos" });
const addField = () => screen.getByRole("textbox", { name: "Add a todo" });

/** Elements Tab stops on inside `root`. */
const tabStops = (root: HTMLElement) =>
  [
    ...root.querySelectorAll<HTMLElement>(
      "button, input, textarea, [tabindex]",
    ),
  ].filter((element) => element.tabIndex >= 0 && !element.matches(":disabled"));

async function seeded(texts: string[]) {
  const app = await renderApp({ seed: (b) => addTodos(b, texts) });
  await screen.findByRole("checkbox", { name: "A" }, { timeout: 20_000 });
  return app;
}

test(
  "a heading reads as its text, and is still a button that edits it (Enter)",
  async () => {
    const { user } = await seeded(["# Morning", "A"]);
    const heading = screen.getByRole("heading", { level: 2, name: "Morning" });
    const button = within(heading).getByRole("button", { name: "Morning" });
    expect(button).toHaveAttribute("aria-description", "Edit");
    button.focus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("textbox", { name: "Edit Morning" })).toHaveFocus();
  },
  TEST_TIMEOUT_MS,
);

test(
  "the open list is a single Tab stop, and Tab leaves it for what follows",
  async () => {
    const { user } = await seeded(["A", "# Morning", "B", "C"]);
    expect(tabStops(openList())).toHaveLength(1);
    expect(tabStops(openList())[0]).toBe(
      screen.getByRole("checkbox", { name: "A" }),
    );

    addField().focus();
    await user.tab(); // the + button
    await user.tab(); // the day's bulk actions
    await user.tab();
    expect(screen.getByRole("checkbox", { name: "A" })).toHaveFocus();
    await user.tab();
    expect(openList()).not.toContainElement(
      document.activeElement as HTMLElement,
    );
  },
  TEST_TIMEOUT_MS,
);

test(
  "arrows move inside the list: Up/Down keep the kind of control, Left/Right cross a row, Home/End jump; the list remembers where it was",
  async () => {
    const { user } = await seeded(["A", "# Morning", "B", "C"]);
    screen.getByRole("checkbox", { name: "A" }).focus();

    await user.keyboard("{ArrowDown}");
    // A heading has no checkbox: its text is the nearest control.
    expect(screen.getByRole("button", { name: "Morning" })).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("button", { name: "Edit B" })).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(screen.getByRole("checkbox", { name: "B" })).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(screen.getByRole("button", { name: "Reorder B" })).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(screen.getByRole("button", { name: "Reorder B" })).toHaveFocus();
    await user.keyboard("{End}");
    expect(screen.getByRole("button", { name: "Reorder C" })).toHaveFocus();
    await user.keyboard("{ArrowRight}{ArrowRight}{ArrowRight}");
    expect(
      screen.getByRole("button", { name: "More actions for C" }),
    ).toHaveFocus();
    await user.keyboard("{ArrowRight}");
    expect(
      screen.getByRole("button", { name: "More actions for C" }),
    ).toHaveFocus();
    await user.keyboard("{Home}");
    expect(
      screen.getByRole("button", { name: "More actions for A" }),
    ).toHaveFocus();
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(
      screen.getByRole("button", { name: "More actions for B" }),
    ).toHaveFocus();

    // Away and back: the list's one Tab stop is where focus last was.
    await user.tab();
    await user.tab({ shift: true });
    expect(
      screen.getByRole("button", { name: "More actions for B" }),
    ).toHaveFocus();
    expect(tabStops(openList())).toEqual([
      screen.getByRole("button", { name: "More actions for B" }),
    ]);
    // Enter still opens the row's menu.
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("menu")).toBeInTheDocument();
  },
  TEST_TIMEOUT_MS,
);

test(
  "the Done list is one Tab stop too, with the same arrows",
  async () => {
    const { user } = await seeded(["A", "B", "C"]);
    for (const text of ["A", "B"]) {
      await user.click(screen.getByRole("checkbox", { name: text }));
      await waitFor(() =>
        expect(
          within(screen.getByRole("list", { name: "Done todos" })).getByRole(
            "checkbox",
            { name: text },
          ),
        ).toBeInTheDocument(),
      );
    }
    const done = screen.getByRole("list", { name: "Done todos" });
    expect(tabStops(done)).toHaveLength(1);
    within(done).getByRole("checkbox", { name: "A" }).focus();
    await user.keyboard("{ArrowDown}");
    expect(within(done).getByRole("checkbox", { name: "B" })).toHaveFocus();
  },
  TEST_TIMEOUT_MS,
);
