import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, expect, test } from "vitest";
import { renderApp } from "@/testing/renderApp";
import { SIDEBAR_STORAGE_KEY } from "./sidebarWidth";

afterEach(() => {
  window.innerWidth = 1024;
});

function resizeWindow(width: number) {
  act(() => {
    window.innerWidth = width;
    window.dispatchEvent(new Event("resize"));
  });
}

test("narrow screens (390px): the menu button opens Days as a modal overlay; Esc closes it and focus returns", async () => {
  window.innerWidth = 390;
  const { user } = await renderApp();
  await screen.findByRole("heading", { level: 1, name: "Today" });
  expect(
    screen.queryByRole("navigation", { name: "Days" }),
  ).not.toBeInTheDocument();
  const menuButton = screen.getByRole("button", { name: "Open days menu" });
  expect(menuButton).toHaveAttribute("aria-expanded", "false");
  await user.click(menuButton);

  const overlay = await screen.findByRole("dialog", { name: "Daybook" });
  // Modal: the page behind is hidden from assistive tech meanwhile.
  expect(
    screen.queryByRole("button", { name: "Open days menu" }),
  ).not.toBeInTheDocument();
  expect(menuButton).toHaveAttribute("aria-expanded", "true");
  const nav = await within(overlay).findByRole("navigation", { name: "Days" });
  expect(
    await within(nav).findByRole("link", { name: /Today/ }),
  ).toBeInTheDocument();

  // Modal: Tab and Shift+Tab go round the drawer's controls.
  const close = within(overlay).getByRole("button", {
    name: "Close days menu",
  });
  await waitFor(() => expect(close).toHaveFocus());
  await user.tab({ shift: true });
  expect(overlay).toContainElement(document.activeElement as HTMLElement);
  expect(close).not.toHaveFocus();
  await user.tab();
  expect(close).toHaveFocus();

  await user.keyboard("{Escape}");
  await waitFor(() =>
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument(),
  );
  await waitFor(() => expect(menuButton).toHaveFocus());
  expect(menuButton).toHaveAttribute("aria-expanded", "false");
});

test("the sidebar width chosen earlier comes back after a reload", async () => {
  await renderApp({
    storage: {
      [SIDEBAR_STORAGE_KEY]: JSON.stringify({ width: 360, collapsed: false }),
    },
  });
  const separator = await screen.findByRole("separator", {
    name: "Resize sidebar",
  });
  expect(separator).toHaveAttribute("aria-valuenow", "360");
});

test("a sidebar collapsed earlier comes back collapsed after a reload, with neither it nor its resize handle reachable", async () => {
  await renderApp({
    storage: {
      [SIDEBAR_STORAGE_KEY]: JSON.stringify({ width: 360, collapsed: true }),
    },
  });
  await screen.findByRole("heading", { level: 1, name: "Today" });
  expect(
    screen.getByRole("button", { name: "Expand sidebar" }),
  ).toHaveAttribute("aria-expanded", "false");
  expect(
    screen.queryByRole("navigation", { name: "Days" }),
  ).not.toBeInTheDocument();
  expect(
    screen.queryByRole("separator", { name: "Resize sidebar" }),
  ).not.toBeInTheDocument();
});

test("the sidebar resizes from the keyboard, collapses with Enter, and is remembered", async () => {
  const { user } = await renderApp();
  const separator = await screen.findByRole("separator", {
    name: "Resize sidebar",
  });
  const sidebar = screen.getByRole("navigation", { name: "Days" });
  expect(separator).toHaveAttribute("aria-valuenow", "280");
  separator.focus();
  await user.keyboard("{ArrowRight}{ArrowRight}");
  expect(separator).toHaveAttribute("aria-valuenow", "312");
  await user.keyboard("{End}");
  expect(separator).toHaveAttribute("aria-valuenow", "500");
  await user.keyboard("{Home}{ArrowLeft}");
  // Never narrower than its minimum.
  expect(separator).toHaveAttribute("aria-valuenow", "200");

  await user.keyboard("{Enter}");
  // The handle goes with the sidebar; focus goes to what brings it back.
  expect(
    screen.queryByRole("navigation", { name: "Days" }),
  ).not.toBeInTheDocument();
  expect(
    screen.queryByRole("separator", { name: "Resize sidebar" }),
  ).not.toBeInTheDocument();
  const expand = screen.getByRole("button", { name: "Expand sidebar" });
  expect(expand).toHaveAttribute("aria-expanded", "false");
  expect(expand).toHaveFocus();
  expect(JSON.parse(localStorage.getItem(SIDEBAR_STORAGE_KEY)!)).toEqual({
    width: 200,
    collapsed: true,
  });

  await user.click(screen.getByRole("button", { name: "Expand sidebar" }));
  // The same sidebar comes back: it was hidden, never unmounted.
  expect(screen.getByRole("navigation", { name: "Days" })).toBe(sidebar);
});

test("crossing the narrow/wide breakpoint moves nothing: the draft, the caret and the sidebar stay", async () => {
  const { user } = await renderApp();
  const field = await screen.findByRole("textbox", { name: "Add a todo" });
  const sidebar = screen.getByRole("navigation", { name: "Days" });
  await user.type(field, "Half a thought");

  resizeWindow(390);
  expect(
    screen.queryByRole("navigation", { name: "Days" }),
  ).not.toBeInTheDocument();
  expect(screen.getByRole("textbox", { name: "Add a todo" })).toBe(field);
  expect(field).toHaveFocus();
  expect(field).toHaveValue("Half a thought");

  await user.click(screen.getByRole("button", { name: "Open days menu" }));
  expect(
    within(screen.getByRole("dialog", { name: "Daybook" })).getByRole(
      "navigation",
      { name: "Days" },
    ),
  ).toBe(sidebar);

  resizeWindow(1024);
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  expect(screen.getByRole("navigation", { name: "Days" })).toBe(sidebar);
  expect(screen.getByRole("textbox", { name: "Add a todo" })).toBe(field);
  expect(field).toHaveValue("Half a thought");
});
