import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, expect, test } from "vitest";
import {
  authCalls,
  openMenu,
  renderApp,
  setAuthState,
} from "@/testing/renderApp";
import { fetchTokenPatiently, retryDelayMs } from "./fetchTokenPatiently";
import { SessionMonitor } from "./sessionMonitor";
import { LoginRequiredError, TEST_AUTH_USER } from "@/testing/fakeAuth";

const RETRYING = "Can't reach sign-in — retrying";
const monitors: SessionMonitor[] = [];
function newMonitor(userId = "user_test") {
  const monitor = new SessionMonitor();
  monitor.setUser(userId);
  monitors.push(monitor);
  return monitor;
}
afterEach(() => {
  for (const monitor of monitors.splice(0)) monitor.close();
  document.cookie = "workos-has-session=; max-age=0";
});

test("retries back off from about 1 s to at most about 15 s, with jitter", () => {
  expect(retryDelayMs(0, () => 0.5)).toBe(1_000);
  expect(retryDelayMs(1, () => 0.5)).toBe(2_000);
  expect(retryDelayMs(3, () => 0.5)).toBe(8_000);
  expect(retryDelayMs(10, () => 0.5)).toBe(15_000);
  expect(retryDelayMs(0, () => 0)).toBe(800);
  expect(retryDelayMs(10, () => 1)).toBe(18_000);
});

test("a transient failure is retried until a token comes: the session is never ended", async () => {
  const monitor = newMonitor();
  const statuses: string[] = [];
  monitor.subscribe(() => statuses.push(monitor.getStatus()));
  let calls = 0;
  const token = await fetchTokenPatiently(async () => {
    calls += 1;
    if (calls < 3) throw new TypeError("Failed to fetch");
    return "token";
  }, monitor);
  expect(token).toBe("token");
  expect(calls).toBe(3);
  expect(statuses).toEqual(["retrying", "active"]);
});

function token({ age, left }: { age: number; left: number }) {
  const part = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, "");
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: "none" })}.${part({ iat: now - age, exp: now + left })}.sig`;
}

test("a token is refreshed by force once due by its own iat and exp (last quarter of life, at most a minute), not by AuthKit's clock", async () => {
  const monitor = newMonitor();
  const forced: (boolean | undefined)[] = [];
  const fresh = token({ age: 0, left: 300 });
  const tokenFrom = (handedOut: string) =>
    fetchTokenPatiently(async (options) => {
      forced.push(options?.forceRefresh);
      return options?.forceRefresh ? fresh : handedOut;
    }, monitor);

  // Issued long ago and handed back unrotated: a minute or less left.
  expect(await tokenFrom(token({ age: 250, left: 50 }))).toBe(fresh);
  expect(forced).toEqual([undefined, true]);

  forced.length = 0;
  expect(await tokenFrom(token({ age: 200, left: 100 }))).not.toBe(fresh);
  expect(forced).toEqual([undefined]);

  // Short-lived tokens (as in tests): fresh is fresh, near the end is stale.
  forced.length = 0;
  await tokenFrom(token({ age: 0, left: 15 }));
  expect(forced).toEqual([undefined]);
  forced.length = 0;
  expect(await tokenFrom(token({ age: 12, left: 3 }))).toBe(fresh);
  expect(forced).toEqual([undefined, true]);
});

test("a refused refresh ends the session in this tab and in the person's other tabs", async () => {
  const thisTab = newMonitor();
  const otherTab = newMonitor();
  const someoneElsesTab = newMonitor("user_other");
  await expect(
    fetchTokenPatiently(async () => {
      throw new LoginRequiredError();
    }, thisTab),
  ).rejects.toBeInstanceOf(LoginRequiredError);
  expect(thisTab.getStatus()).toBe("ended");
  await waitFor(() => expect(otherTab.getStatus()).toBe("ended"));
  expect(someoneElsesTab.getStatus()).toBe("active");
});

test("sign-in unreachable: the app stays signed in, says it is retrying, and catches up when sign-in is back", async () => {
  const { user, backend } = await renderApp({ tokenFailure: "unreachable" });
  expect(
    await screen.findByRole("heading", { level: 1, name: "Today" }),
  ).toBeInTheDocument();
  expect(screen.getByText(RETRYING)).toBeInTheDocument();
  expect(screen.queryByText("Your session ended")).not.toBeInTheDocument();
  await user.type(
    screen.getByRole("textbox", { name: "Add a todo" }),
    "Typed while sign-in was down{Enter}",
  );

  act(() => setAuthState({ tokenFailure: undefined }));
  await waitFor(() => expect(screen.queryByText(RETRYING)).toBeNull());
  await waitFor(async () => {
    const todos = await backend.asUser.run((ctx) =>
      ctx.db.query("todos").collect(),
    );
    expect(todos.map((todo) => todo.text)).toEqual([
      "Typed while sign-in was down",
    ]);
  });
});

test("an ended session shows Your session ended over the app, with Sign in again back to this page", async () => {
  const { user } = await renderApp({
    path: "/day/2025-03-01",
    tokenFailure: "ended",
  });
  const dialog = await screen.findByRole("dialog", {
    name: "Your session ended",
  });
  await user.keyboard("{Escape}");
  expect(dialog).toBeInTheDocument();
  await user.click(
    within(dialog).getByRole("button", { name: "Sign in again" }),
  );
  expect(authCalls.signIn).toHaveBeenCalledWith({
    state: { returnTo: expect.stringMatching(/^\//) },
  });
});

test("a start-up refresh that could not reach sign-in is retried, not shown as signed out", async () => {
  document.cookie = "workos-has-session=client_test";
  await renderApp({ signedIn: false, tokenFailure: "unreachable" });
  expect(await screen.findByText(RETRYING)).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Sign in" })).toBeNull();

  // AuthKit sets its user once a refresh gets through.
  act(() => setAuthState({ tokenFailure: undefined, user: TEST_AUTH_USER }));
  expect(
    await screen.findByRole("heading", { level: 1, name: "Today" }),
  ).toBeInTheDocument();
  expect(screen.queryByText(RETRYING)).toBeNull();
});

test("Convex asks for a token only once AuthKit has finished loading, so its user set a moment early ends nothing", async () => {
  const { monitor } = await renderApp({ authLoading: true });
  // AuthKit's first refresh sets the user while its client, whose
  // getAccessToken would still say "log in", is not ready yet.
  act(() => setAuthState({ user: TEST_AUTH_USER, tokenFailure: "ended" }));
  act(() => setAuthState({ isLoading: false, tokenFailure: undefined }));
  // Signed in to the day view (its heading is re-created when the day's
  // summary arrives, so it is waited for, not held).
  await screen.findByRole("heading", { level: 1, name: "Today" });
  expect(monitor.getStatus()).toBe("active");
  expect(screen.queryByText("Your session ended")).toBeNull();
});

test("signing out in another tab takes this tab out of the signed-in view at once, to the landing page", async () => {
  const { monitor } = await renderApp();
  monitors.push(monitor);
  await screen.findByRole("heading", { level: 1, name: "Today" });
  const otherTab = newMonitor();
  const someoneElsesTab = newMonitor("user_other");

  otherTab.announceSignedOut();
  expect(
    await screen.findByRole("button", { name: "Sign in" }),
  ).toBeInTheDocument();
  expect(
    screen.queryByRole("button", { name: /^Account menu for/ }),
  ).not.toBeInTheDocument();
  expect(screen.queryByRole("heading", { name: "Today", level: 1 })).toBeNull();
  expect(screen.queryByText("Your session ended")).toBeNull();
  // Only this person's tabs leave.
  expect(someoneElsesTab.getStatus()).toBe("active");
});

test("Sign out in the account menu tells this person's other tabs; a sign-in fault does not", async () => {
  const { user, monitor } = await renderApp();
  monitors.push(monitor);
  const otherTab = newMonitor();
  monitor.reportUnreachable();
  monitor.reportReachable();
  const menu = await openMenu(user, "Account menu for Ada Lovelace");
  expect(otherTab.getStatus()).toBe("active");
  await user.click(within(menu).getByRole("menuitem", { name: "Sign out" }));
  await waitFor(() => expect(otherTab.getStatus()).toBe("signed-out"));
  expect(authCalls.signOut).toHaveBeenCalled();
});
