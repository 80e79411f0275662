import { act, screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { renderApp } from "@/testing/renderApp";

test("signed out: landing with Sign in, and no query runs", async () => {
  window.history.replaceState(null, "", "/day/2025-03-01");
  const { user, backend } = await renderApp({ signedIn: false });
  await user.click(screen.getByRole("button", { name: "Sign in" }));
  expect(backend.subscribedQueries).toEqual([]);
  window.history.replaceState(null, "", "/");
});

test("signed in: today's view with the add field", async () => {
  await renderApp();
  expect(
    await screen.findByRole("heading", { level: 1, name: "Today" }),
  ).toBeInTheDocument();
  expect(
    screen.getByRole("textbox", { name: "Add a todo" }),
  ).toBeInTheDocument();
  await waitFor(() =>
    expect(
      screen.getByText("Nothing planned for this day"),
    ).toBeInTheDocument(),
  );
  const nav = await screen.findByRole("navigation", { name: "Days" });
  expect(
    await within(nav).findByRole("link", { name: /Today/ }),
  ).toBeInTheDocument();
});

test("the connection indicator shows Reconnecting… when the Convex socket drops", async () => {
  const { backend } = await renderApp();
  await screen.findByRole("heading", { level: 1, name: "Today" });
  expect(screen.queryByText("Reconnecting…")).not.toBeInTheDocument();
  act(() => backend.setConnected(false));
  expect(await screen.findByText("Reconnecting…")).toBeInTheDocument();
  act(() => backend.setConnected(true));
  await waitFor(() =>
    expect(screen.queryByText("Reconnecting…")).not.toBeInTheDocument(),
  );
});

test("an unknown address shows the not-found view with a way back to today", async () => {
  await renderApp({ path: "/nowhere" });
  expect(
    await screen.findByRole("heading", { level: 1, name: "Page not found" }),
  ).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Go to today" })).toHaveAttribute(
    "href",
    "/",
  );
});
