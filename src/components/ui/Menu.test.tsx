import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { Menu, type MenuEntry } from "./Menu";

function renderMenu(entries: MenuEntry[]) {
  const user = userEvent.setup();
  render(
    <>
      <Menu
        trigger={(props) => (
          <button type="button" {...props}>
            Options
          </button>
        )}
        entries={entries}
      />
      <button type="button">After</button>
    </>,
  );
  return { user, trigger: screen.getByRole("button", { name: "Options" }) };
}

type MenuItem = Extract<MenuEntry, { type: "item" }>;

const item = (label: string, extra: Partial<MenuItem> = {}): MenuItem => ({
  type: "item",
  label,
  onSelect: vi.fn(),
  ...extra,
});

test("the first click on the trigger opens the menu, focused on its first item", async () => {
  const { user, trigger } = renderMenu([item("Pin"), item("Delete")]);
  expect(trigger).toHaveAttribute("aria-haspopup", "menu");
  expect(trigger).toHaveAttribute("aria-expanded", "false");

  await user.click(trigger);
  const menu = screen.getByRole("menu", { name: "Options" });
  expect(trigger).toHaveAttribute("aria-expanded", "true");
  expect(trigger).toHaveAttribute("aria-controls", menu.id);
  expect(within(menu).getByRole("menuitem", { name: "Pin" })).toHaveFocus();

  await user.click(trigger);
  expect(screen.queryByRole("menu")).not.toBeInTheDocument();
});

test("ArrowDown opens on the first item and ArrowUp on the last; arrows wrap, Home/End jump, a letter finds an item", async () => {
  const { user, trigger } = renderMenu([
    item("Pin"),
    item("Move"),
    item("Delete"),
  ]);
  const focused = () => document.activeElement?.textContent;
  trigger.focus();
  await user.keyboard("{ArrowUp}");
  expect(focused()).toBe("Delete");
  await user.keyboard("{ArrowDown}");
  expect(focused()).toBe("Pin");
  await user.keyboard("{ArrowUp}");
  expect(focused()).toBe("Delete");
  await user.keyboard("{Home}");
  expect(focused()).toBe("Pin");
  await user.keyboard("{End}");
  expect(focused()).toBe("Delete");
  await user.keyboard("m");
  expect(focused()).toBe("Move");

  await user.keyboard("{Escape}");
  expect(screen.queryByRole("menu")).not.toBeInTheDocument();
  expect(trigger).toHaveFocus();

  await user.keyboard("{ArrowDown}");
  expect(focused()).toBe("Pin");
});

test("choosing an item closes the menu and runs it with focus already back on the trigger", async () => {
  let focusedWhenChosen: Element | null = null;
  const onSelect = vi.fn(() => {
    focusedWhenChosen = document.activeElement;
  });
  const { user, trigger } = renderMenu([
    item("Pin"),
    item("Move", { onSelect }),
  ]);
  trigger.focus();
  await user.keyboard("{Enter}");
  await user.keyboard("{ArrowDown}{Enter}");
  expect(onSelect).toHaveBeenCalledTimes(1);
  expect(focusedWhenChosen).toBe(trigger);
  expect(screen.queryByRole("menu")).not.toBeInTheDocument();
});

test("disabled items are skipped by the arrows and cannot be chosen", async () => {
  const blocked = item("Complete all", { disabled: true });
  const { user, trigger } = renderMenu([blocked, item("Delete")]);
  await user.click(trigger);
  const disabled = screen.getByRole("menuitem", { name: "Complete all" });
  expect(disabled).toHaveAttribute("aria-disabled", "true");
  expect(screen.getByRole("menuitem", { name: "Delete" })).toHaveFocus();
  await user.click(disabled);
  expect(blocked.onSelect).not.toHaveBeenCalled();
  expect(screen.getByRole("menu")).toBeInTheDocument();
});

test("Tab closes the menu and moves on from the trigger; a press outside closes it", async () => {
  const { user, trigger } = renderMenu([item("Pin")]);
  await user.click(trigger);
  await user.tab();
  expect(screen.queryByRole("menu")).not.toBeInTheDocument();
  expect(screen.getByRole("button", { name: "After" })).toHaveFocus();

  await user.click(trigger);
  expect(screen.getByRole("menu")).toBeInTheDocument();
  await user.click(document.body);
  expect(screen.queryByRole("menu")).not.toBeInTheDocument();
});

test("a label names the items after it as a group, up to the next separator", async () => {
  const { user, trigger } = renderMenu([
    item("Rename"),
    { type: "separator" },
    { type: "label", label: "Copy open todos to" },
    item("Tomorrow"),
    item("Next day"),
    { type: "separator" },
    item("Delete day"),
  ]);
  await user.click(trigger);
  const group = screen.getByRole("group", { name: "Copy open todos to" });
  expect(
    within(group)
      .getAllByRole("menuitem")
      .map((entry) => entry.textContent),
  ).toEqual(["Tomorrow", "Next day"]);
  expect(screen.getAllByRole("separator")).toHaveLength(2);
  expect(screen.getAllByRole("menuitem")).toHaveLength(4);
});

test("the menu closes when its button scrolls out of view", async () => {
  const { user, trigger } = renderMenu([item("Pin")]);
  await user.click(trigger);
  expect(screen.getByRole("menu")).toBeInTheDocument();
  trigger.getBoundingClientRect = () =>
    DOMRect.fromRect({
      x: 0,
      y: window.innerHeight + 40,
      width: 40,
      height: 40,
    });
  act(() => {
    window.dispatchEvent(new Event("scroll"));
  });
  expect(screen.queryByRole("menu")).not.toBeInTheDocument();
});
