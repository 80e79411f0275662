import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, expect, test } from "vitest";
import {
  authCalls,
  openMenu,
  renderApp,
  setAuthState,
} from "@/testing/renderApp";
import { holdMutations } from "@/testing/fakeConvex";

afterEach(() => window.history.replaceState(null, "", "/"));

test("the landing view offers Sign in, returning to the page it started on", async () => {
  window.history.replaceState(null, "", "/day/2025-03-01");
  const { user } = await renderApp({ signedIn: false });
  expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(
    /your day/i,
  );
  await user.click(screen.getByRole("button", { name: "Sign in" }));
  expect(authCalls.signIn).toHaveBeenCalledWith({
    state: { returnTo: "/day/2025-03-01" },
  });
});

test.each([
  [
    "adding a todo",
    async (
      user: ReturnType<
        typeof import("@testing-library/user-event").default.setup
      >,
    ) => {
      await user.type(
        screen.getByRole("textbox", { name: "Add a todo" }),
        "Buy milk{Enter}",
      );
    },
    /add a todo/,
  ],
  [
    "opening search",
    async (
      user: ReturnType<
        typeof import("@testing-library/user-event").default.setup
      >,
    ) => {
      await user.click(screen.getByRole("button", { name: "Search" }));
    },
    /search/,
  ],
  [
    "Ctrl+K",
    async (
      user: ReturnType<
        typeof import("@testing-library/user-event").default.setup
      >,
    ) => {
      await user.keyboard("{Control>}k{/Control}");
    },
    /search/,
  ],
  [
    "adding a note",
    async (
      user: ReturnType<
        typeof import("@testing-library/user-event").default.setup
      >,
    ) => {
      await user.click(screen.getByRole("button", { name: "Add note" }));
    },
    /add a note/,
  ],
])(
  "signed out, %s opens the Sign in required dialog",
  async (_name, act, why) => {
    const { user, backend } = await renderApp({ signedIn: false });
    await act(user);
    const dialog = await screen.findByRole("dialog", {
      name: "Sign in required",
    });
    expect(dialog).toHaveTextContent(why);
    await user.click(within(dialog).getByRole("button", { name: "Sign in" }));
    expect(authCalls.signIn).toHaveBeenCalledTimes(1);
    // Nothing reached the backend.
    expect(backend.mutations).toEqual([]);
    expect(backend.subscribedQueries).toEqual([]);
  },
);

test("Esc closes the Sign in required dialog and focus returns to the button", async () => {
  const { user } = await renderApp({ signedIn: false });
  const search = screen.getByRole("button", { name: "Search" });
  await user.click(search);
  await screen.findByRole("dialog", { name: "Sign in required" });
  await user.keyboard("{Escape}");
  await waitFor(() =>
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument(),
  );
  await waitFor(() => expect(search).toHaveFocus());
});

test("while AuthKit is loading, nothing queries the backend", async () => {
  const { backend } = await renderApp({ authLoading: true });
  expect(screen.getByRole("status")).toHaveTextContent(
    "Checking your session…",
  );
  setAuthState({ isLoading: false, user: null });
  expect(
    await screen.findByRole("button", { name: "Sign in" }),
  ).toBeInTheDocument();
  expect(backend.subscribedQueries).toEqual([]);
});

test("/callback shows Signing you in while AuthKit finishes", async () => {
  await renderApp({ path: "/callback", authLoading: true });
  expect(screen.getByRole("status")).toHaveTextContent("Signing you in…");
});

test("a signed-in visit to /callback with nothing to finish goes to today, not an endless spinner", async () => {
  await renderApp({ path: "/callback" });
  expect(
    await screen.findByRole("heading", { level: 1, name: "Today" }),
  ).toBeInTheDocument();
  expect(window.location.pathname).toBe("/");
  expect(screen.queryByText("Signing you in…")).not.toBeInTheDocument();
});

test("signed in: the profile is synced once, with nothing about the user sent from the browser, and Sign out hands over to WorkOS", async () => {
  const { user, backend, outboxStore } = await renderApp();
  await screen.findByRole("heading", { level: 1, name: "Today" });
  await waitFor(() =>
    expect(
      backend.mutations.filter((m) => m.name === "users:syncProfile"),
    ).toHaveLength(1),
  );
  // The server takes the profile from the token (or WorkOS), never from here.
  const sync = backend.mutations.find((m) => m.name === "users:syncProfile");
  expect(Object.keys(sync!.args)).toEqual(["changeId"]);

  // Confirmed, so nothing is left unsent to warn about.
  await waitFor(() => expect(outboxStore.entries).toEqual([]));
  const menu = await openMenu(user, "Account menu for Ada Lovelace");
  // Name and email come from the person: bidi-isolated like all user text.
  expect(screen.getByText("Ada Lovelace").tagName).toBe("BDI");
  expect(within(menu).getByText("ada@example.com").tagName).toBe("BDI");
  await user.click(within(menu).getByRole("menuitem", { name: "Sign out" }));
  await waitFor(() =>
    expect(authCalls.signOut).toHaveBeenCalledWith({
      returnTo: window.location.origin,
    }),
  );
  expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
});

test("signing out with unsent changes asks first; Sign out anyway forgets them on this device", async () => {
  const { user, backend, outboxStore } = await renderApp();
  await screen.findByRole("heading", { level: 1, name: "Today" });
  // The profile sync goes first, so the one change held is the todo.
  await waitFor(() =>
    expect(backend.mutations.map((m) => m.name)).toContain("users:syncProfile"),
  );
  await waitFor(() => expect(outboxStore.entries).toEqual([]));
  const held = holdMutations(backend);
  await user.type(
    screen.getByRole("textbox", { name: "Add a todo" }),
    "Not sent yet{Enter}",
  );
  await waitFor(() => expect(outboxStore.entries).toHaveLength(1));

  const signOutVia = async (answer: string) => {
    const menu = await openMenu(user, "Account menu for Ada Lovelace");
    await user.click(within(menu).getByRole("menuitem", { name: "Sign out" }));
    const dialog = await screen.findByRole("alertdialog", {
      name: "Sign out with unsent changes?",
    });
    expect(dialog).toHaveTextContent("1 change has not reached the server");
    await user.click(within(dialog).getByRole("button", { name: answer }));
  };

  await signOutVia("Stay signed in");
  expect(authCalls.signOut).not.toHaveBeenCalled();
  expect(outboxStore.entries).toHaveLength(1);

  await signOutVia("Sign out anyway");
  await waitFor(() => expect(authCalls.signOut).toHaveBeenCalled());
  expect(outboxStore.entries).toEqual([]);
  held.release();
});
