import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, expect, test } from "vitest";
import { renderApp } from "../testing/renderApp";

const LAYOUT_KEY = "react-resizable-panels:daybook-layout:sidebar:content";

afterEach(() => {
  window.innerWidth = 1024;
});

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

  await user.keyboard("{Escape}");
  await waitFor(() =>
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument(),
  );
  await waitFor(() => expect(menuButton).toHaveFocus());
  expect(menuButton).toHaveAttribute("aria-expanded", "false");
});

test("the sidebar width chosen earlier comes back after a reload", async () => {
  await renderApp({
    storage: { [LAYOUT_KEY]: JSON.stringify({ sidebar: 35, content: 65 }) },
  });
  const separator = await screen.findByRole("separator", {
    name: "Resize sidebar",
  });
  expect(separator).toHaveAttribute("aria-valuenow", "35");
});
