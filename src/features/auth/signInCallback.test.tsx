import { act, screen } from "@testing-library/react";
import { afterEach, expect, test, vi } from "vitest";
import { authCalls, renderApp } from "@/testing/renderApp";
import { forgetSignInCallback, watchSignInCallback } from "./signInCallback";

const realFetch = window.fetch;
afterEach(() => {
  window.fetch = realFetch;
  forgetSignInCallback();
  window.history.replaceState(null, "", "/");
});

/** The address WorkOS sends the browser back to, as AuthKit's sign-in set it up. */
function backFromSignIn(code: string, returnTo = "/day/2025-03-01") {
  const state = encodeURIComponent(JSON.stringify({ returnTo }));
  window.history.replaceState(
    null,
    "",
    `/callback?code=${code}&state=${state}`,
  );
}

test("a used sign-in link (no sign-in under way in this tab) says why on /callback, and Sign in again goes back to where sign-in started", async () => {
  backFromSignIn("already-used");
  watchSignInCallback();
  const { user } = await renderApp({ path: "/callback", signedIn: false });
  expect(
    await screen.findByRole("heading", {
      level: 1,
      name: "Sign-in didn’t work",
    }),
  ).toBeInTheDocument();
  expect(screen.getByRole("alert")).toHaveTextContent(
    "This sign-in link was already used, or sign-in was started in another tab or browser.",
  );
  await user.click(screen.getByRole("button", { name: "Sign in again" }));
  expect(authCalls.signIn).toHaveBeenCalledWith({
    state: { returnTo: "/day/2025-03-01" },
  });
});

test("a code the server refuses shows the server's reason", async () => {
  backFromSignIn("bad");
  sessionStorage.setItem("workos:code-verifier", "verifier");
  const serverAnswer = vi.fn(
    async () =>
      new Response(
        JSON.stringify({
          error: "invalid_grant",
          error_description:
            "The sign-in has expired or was already used; sign in again.",
        }),
        { status: 400, headers: { "Content-Type": "application/json" } },
      ),
  );
  window.fetch = serverAnswer;
  watchSignInCallback();
  // What AuthKit sends to exchange the code.
  await act(async () => {
    const answer = await window.fetch(
      new URL("/user_management/authenticate", window.location.origin),
      {
        method: "POST",
        body: JSON.stringify({
          grant_type: "authorization_code",
          code: "bad",
          code_verifier: "verifier",
        }),
      },
    );
    expect(answer.status).toBe(400);
  });
  // Watched once: fetch is the page's own again.
  expect(window.fetch).toBe(serverAnswer);
  await renderApp({ path: "/callback", signedIn: false });
  expect(await screen.findByRole("alert")).toHaveTextContent(
    "The sign-in has expired or was already used; sign in again.",
  );
  expect(screen.getByRole("button", { name: "Sign in again" })).toBeVisible();
});

test("a sign-in the person cancelled at the sign-in service says so", async () => {
  window.history.replaceState(
    null,
    "",
    "/callback?error=access_denied&error_description=Call%20this%20number",
  );
  watchSignInCallback();
  await renderApp({ path: "/callback", signedIn: false });
  const alert = await screen.findByRole("alert");
  expect(alert).toHaveTextContent("Sign-in was cancelled.");
  // Text in the address is anyone's to write: it is never shown.
  expect(alert).not.toHaveTextContent("Call this number");
});

test("/callback with nothing in the address is the landing page, as before", async () => {
  window.history.replaceState(null, "", "/callback");
  watchSignInCallback();
  await renderApp({ path: "/callback", signedIn: false });
  expect(
    await screen.findByRole("button", { name: "Sign in" }),
  ).toBeInTheDocument();
  expect(screen.queryByRole("alert")).toBeNull();
});
